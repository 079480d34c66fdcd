package main

import (
	"fmt"
	"time"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// Distributed switch fixes: CreateDVS_Task (on the network folder),
// ReconfigureDvs_Task, AddDVPortgroup_Task and Destroy_Task.

// CreateDVSTask models vCenter 8 creating a VMware distributed switch:
//   - a name already used in the folder fails with DuplicateName (the
//     simulator says InvalidArgument);
//   - hosts in spec.configSpec.host are added at creation (the simulator
//     ignores them);
//   - the settings of the spec are kept (the simulator does this) and what
//     vCenter fills in is filled in: configVersion "0", maxMtu 1500, LLDP/CDP
//     default (cdp, listen), a default port setting, config.uplinkPortgroup,
//     config.host, createTime;
//   - the product version (spec.productInfo.version, the newest when not
//     given) shows in summary.productInfo and config.productInfo (see
//     dvsproduct.go); a version vCenter 8 does not offer gives
//     InvalidArgument;
//   - invalid VLANs in defaultPortConfig, a maxMtu outside 1280-9000 give
//     InvalidArgument.
func (f *folderOverride) CreateDVSTask(ctx *simulator.Context, req *types.CreateDVS_Task) soap.HasFault {
	res := func(ref types.ManagedObjectReference) soap.HasFault {
		return &methods.CreateDVS_TaskBody{Res: &types.CreateDVS_TaskResponse{Returnval: ref}}
	}
	fail := func(fault types.BaseMethodFault) soap.HasFault {
		return res(failTask(ctx, f.Folder, "createDVS", fault))
	}

	if req.Spec.ConfigSpec == nil {
		return fail(invalidArgument("spec.configSpec"))
	}
	spec := req.Spec.ConfigSpec.GetDVSConfigSpec()
	if spec.Name == "" {
		return fail(invalidArgument("spec.configSpec.name"))
	}
	if e := ctx.Map.FindByName(spec.Name, children(ctx, f.Folder)); e != nil {
		return fail(&types.DuplicateName{Name: spec.Name, Object: e.Reference()})
	}
	if fault := validatePortSetting(spec.DefaultPortConfig, "spec.configSpec.defaultPortConfig"); fault != nil {
		return fail(fault)
	}
	if fault := validateMaxMtu(req.Spec.ConfigSpec, "spec.configSpec.maxMtu"); fault != nil {
		return fail(fault)
	}
	var version string
	if req.Spec.ProductInfo != nil {
		version = req.Spec.ProductInfo.Version
	}
	product := dvsProduct(ctx, version)
	if product == nil {
		return fail(invalidArgument("spec.productInfo.version"))
	}
	for i, h := range spec.Host {
		if fault := validateHostMember(ctx, h, fmt.Sprintf("spec.configSpec.host[%d]", i), true); fault != nil {
			return fail(fault)
		}
	}

	created := f.Folder.CreateDVSTask(ctx, req).(*methods.CreateDVS_TaskBody)
	info := waitTask(ctx, created.Res.Returnval)
	if info.Error != nil {
		return created
	}
	dvs := ctx.Map.Get(info.Result.(types.ManagedObjectReference)).(*simulator.DistributedVirtualSwitch)

	// The simulator adds the uplink port group with a task of its own that it
	// does not wait for; that task holds the switch's lock until it is done.
	// (A fresh locking context: the task shares ctx's locks.)
	ctx.Map.WithLock(&simulator.Context{}, dvs, func() {})

	if len(spec.Host) > 0 {
		add := dvs.ReconfigureDvsTask(ctx, &types.ReconfigureDvs_Task{
			This: dvs.Self,
			Spec: &types.DVSConfigSpec{Host: spec.Host},
		}).(*methods.ReconfigureDvs_TaskBody)
		waitTask(ctx, add.Res.Returnval) // validated above
	}

	ctx.WithLock(dvs, func() {
		cfg := *vmwareConfig(dvs)
		cfg.ConfigVersion = "0"
		cfg.CreateTime = time.Now()
		if cfg.MaxMtu == 0 {
			cfg.MaxMtu = 1500
		}
		if cfg.LinkDiscoveryProtocolConfig == nil {
			cfg.LinkDiscoveryProtocolConfig = &types.LinkDiscoveryProtocolConfig{
				Protocol:  string(types.LinkDiscoveryProtocolConfigProtocolTypeCdp),
				Operation: string(types.LinkDiscoveryProtocolConfigOperationTypeListen),
			}
		}
		if cfg.DefaultPortConfig == nil {
			cfg.DefaultPortConfig = defaultSwitchPortSetting()
		}
		if len(cfg.UplinkPortgroup) == 0 && len(dvs.Portgroup) > 0 {
			cfg.UplinkPortgroup = []types.ManagedObjectReference{dvs.Portgroup[0]}
		}
		cfg.Host = hostMembers(dvs, cfg.Host, spec.Host)
		productChange := setProduct(&cfg, product)
		ctx.Update(dvs, []types.PropertyChange{change("config", &cfg), productChange})

		for _, ref := range cfg.UplinkPortgroup {
			if pg, ok := ctx.Map.Get(ref).(*simulator.DistributedVirtualPortgroup); ok {
				pgCfg := pg.Config
				pgCfg.Uplink = types.NewBool(true)
				pgCfg.ConfigVersion = "0"
				update(ctx, pg, change("config", pgCfg))
			}
		}
	})
	return created
}

// dvsOverride fixes the methods of a distributed switch.
type dvsOverride struct {
	*simulator.DistributedVirtualSwitch
	strict bool
}

// ReconfigureDvsTask models vCenter 8: configVersion must match
// config.configVersion (else ConcurrentAccess) and is bumped by every
// successful reconfigure; the VMware switch settings in the spec are applied
// (name, description, contact, numStandalonePorts, maxPorts,
// uplinkPortPolicy, uplinkPortgroup, defaultPortConfig merged per policy,
// policy, maxMtu, linkDiscoveryProtocolConfig, ipfixConfig, lacpApiVersion,
// multicastFilteringMode, ...), fields left out keep their values. Host
// membership (add/remove) is done by the simulator as before; "edit" updates
// the member's backing in config.host. A new name already used in the folder
// gives DuplicateName; a maxMtu outside 1280-9000 InvalidArgument.
func (s *dvsOverride) ReconfigureDvsTask(ctx *simulator.Context, req *types.ReconfigureDvs_Task) soap.HasFault {
	dvs := s.DistributedVirtualSwitch
	res := func(ref types.ManagedObjectReference) soap.HasFault {
		return &methods.ReconfigureDvs_TaskBody{Res: &types.ReconfigureDvs_TaskResponse{Returnval: ref}}
	}
	fail := func(fault types.BaseMethodFault) soap.HasFault {
		return res(failTask(ctx, dvs, "reconfigureDvs", fault))
	}
	if req.Spec == nil {
		return fail(invalidArgument("spec"))
	}
	spec := req.Spec.GetDVSConfigSpec()

	// This call holds the switch's lock, which passes on to the task: the
	// checks and the change cannot interleave with another reconfigure.
	if fault := checkVersion(spec.ConfigVersion, vmwareConfig(dvs).ConfigVersion, s.strict); fault != nil {
		return fail(fault)
	}
	if spec.Name != "" && spec.Name != dvs.Name {
		if fault := checkNetworkName(ctx, dvs.Parent, spec.Name); fault != nil {
			return fail(fault)
		}
	}
	if fault := validatePortSetting(spec.DefaultPortConfig, "spec.defaultPortConfig"); fault != nil {
		return fail(fault)
	}
	if fault := validateMaxMtu(req.Spec, "spec.maxMtu"); fault != nil {
		return fail(fault)
	}
	var membership []types.DistributedVirtualSwitchHostMemberConfigSpec
	for i, h := range spec.Host {
		prop := fmt.Sprintf("spec.host[%d]", i)
		if fault := validateHostMember(ctx, h, prop, false); fault != nil {
			return fail(fault)
		}
		switch types.ConfigSpecOperation(h.Operation) {
		case types.ConfigSpecOperationEdit:
			if !contains(dvs.Summary.HostMember, h.Host) {
				return fail(invalidArgument(prop + ".host"))
			}
		default:
			membership = append(membership, h)
		}
	}

	if len(membership) == 0 {
		return res(runTask(ctx, dvs, "reconfigureDvs", func() types.BaseMethodFault {
			applyDVSSpec(ctx, dvs, req.Spec)
			return nil
		}))
	}

	// Host membership stays with the simulator; the rest follows when it is done.
	hosts := dvs.ReconfigureDvsTask(ctx, &types.ReconfigureDvs_Task{
		This: dvs.Self,
		Spec: &types.DVSConfigSpec{Host: membership},
	}).(*methods.ReconfigureDvs_TaskBody)
	if info := waitTask(ctx, hosts.Res.Returnval); info.Error == nil {
		applyDVSSpec(ctx, dvs, req.Spec)
	}
	return hosts
}

// applyDVSSpec applies the settings of a reconfigure spec (host membership is
// already done) and bumps configVersion.
func applyDVSSpec(ctx *simulator.Context, dvs *simulator.DistributedVirtualSwitch, spec types.BaseDVSConfigSpec) {
	s := spec.GetDVSConfigSpec()
	old := vmwareConfig(dvs)
	cfg := *old
	var changes []types.PropertyChange

	if s.Name != "" && s.Name != dvs.Name {
		cfg.Name = s.Name
		changes = append(changes, change("name", s.Name), change("summary.name", s.Name))
	}
	if s.Description != "" {
		cfg.Description = s.Description
		changes = append(changes, change("summary.description", s.Description))
	}
	if s.Contact != nil {
		cfg.Contact = *s.Contact
		contact := *s.Contact
		changes = append(changes, change("summary.contact", &contact))
	}
	setIfGiven(&cfg.NumStandalonePorts, s.NumStandalonePorts)
	setIfGiven(&cfg.MaxPorts, s.MaxPorts)
	setIfGiven(&cfg.UplinkPortPolicy, s.UplinkPortPolicy)
	setListIfGiven(&cfg.UplinkPortgroup, s.UplinkPortgroup)
	cfg.DefaultPortConfig = mergePortSetting(cfg.DefaultPortConfig, s.DefaultPortConfig)
	setIfGiven(&cfg.ExtensionKey, s.ExtensionKey)
	setIfGiven(&cfg.Policy, s.Policy)
	setListIfGiven(&cfg.VendorSpecificConfig, s.VendorSpecificConfig)
	setIfGiven(&cfg.SwitchIpAddress, s.SwitchIpAddress)
	setIfGiven(&cfg.DefaultProxySwitchMaxNumPorts, s.DefaultProxySwitchMaxNumPorts)
	setListIfGiven(&cfg.InfrastructureTrafficResourceConfig, s.InfrastructureTrafficResourceConfig)
	setListIfGiven(&cfg.NetResourcePoolTrafficResourceConfig, s.NetResourcePoolTrafficResourceConfig)
	setIfGiven(&cfg.NetworkResourceControlVersion, s.NetworkResourceControlVersion)
	if v, ok := spec.(*types.VMwareDVSConfigSpec); ok {
		setIfGiven(&cfg.MaxMtu, v.MaxMtu)
		setIfGiven(&cfg.LinkDiscoveryProtocolConfig, v.LinkDiscoveryProtocolConfig)
		setIfGiven(&cfg.IpfixConfig, v.IpfixConfig)
		setIfGiven(&cfg.LacpApiVersion, v.LacpApiVersion)
		setIfGiven(&cfg.MulticastFilteringMode, v.MulticastFilteringMode)
		setIfGiven(&cfg.NetworkOffloadSpecId, v.NetworkOffloadSpecId)
	}
	cfg.Host = hostMembers(dvs, old.Host, s.Host)
	cfg.ConfigVersion = nextVersion(old.ConfigVersion)

	update(ctx, dvs, append([]types.PropertyChange{change("config", &cfg)}, changes...)...)
}

// AddDVPortgroupTask validates the specs as vCenter does (VLAN id 0-4094,
// trunk ranges, port group type, numPorts) before the simulator adds the port
// groups; each new port group starts at configVersion "0" and without a type
// it is earlyBinding.
func (s *dvsOverride) AddDVPortgroupTask(ctx *simulator.Context, req *types.AddDVPortgroup_Task) soap.HasFault {
	for i := range req.Spec {
		spec := &req.Spec[i]
		if fault := validatePortgroupSpec(spec, specProp(i), true); fault != nil {
			return &methods.AddDVPortgroup_TaskBody{Res: &types.AddDVPortgroup_TaskResponse{
				Returnval: failTask(ctx, s.DistributedVirtualSwitch, "addDVPortgroup", fault),
			}}
		}
		if spec.Type == "" {
			spec.Type = string(types.DistributedVirtualPortgroupPortgroupTypeEarlyBinding)
		}
		spec.ConfigVersion = "0" // vCenter ignores configVersion on create
	}
	return s.DistributedVirtualSwitch.AddDVPortgroupTask(ctx, req)
}

// DestroyTask models vCenter destroying a switch together with its port
// groups (the simulator leaves them behind). A port group still used by a VM
// makes it fail with ResourceInUse.
func (s *dvsOverride) DestroyTask(ctx *simulator.Context, req *types.Destroy_Task) soap.HasFault {
	dvs := s.DistributedVirtualSwitch
	ref := runTask(ctx, dvs, "destroy", func() types.BaseMethodFault { return destroySwitch(ctx, dvs) })
	return &methods.Destroy_TaskBody{Res: &types.Destroy_TaskResponse{Returnval: ref}}
}

// destroySwitch removes a switch with its port groups; a port group still used
// by a VM makes it fail with ResourceInUse.
func destroySwitch(ctx *simulator.Context, dvs *simulator.DistributedVirtualSwitch) types.BaseMethodFault {
	var pgs []*simulator.DistributedVirtualPortgroup
	for _, ref := range dvs.Portgroup {
		if pg, ok := ctx.Map.Get(ref).(*simulator.DistributedVirtualPortgroup); ok {
			pgs = append(pgs, pg)
		}
	}
	for _, pg := range pgs {
		if len(pg.Vm) > 0 {
			return &types.ResourceInUse{Type: pg.Self.Type, Name: pg.Name}
		}
	}
	for _, pg := range pgs {
		destroyNetwork(ctx, pg)
	}
	unlinkEntity(ctx, dvs)
	return nil
}

// destroyNetwork removes a port group from the hosts and compute resources
// that list it, from its folder and datacenter, and from the inventory.
func destroyNetwork(ctx *simulator.Context, pg *simulator.DistributedVirtualPortgroup) {
	ref := pg.Self
	for _, h := range pg.Host {
		host, ok := ctx.Map.Get(h).(*simulator.HostSystem)
		if !ok {
			continue
		}
		removeRef(ctx, host, "network", &host.Network, ref)
		if obj, cr := computeResourceOf(ctx, host); cr != nil {
			removeRef(ctx, obj, "network", &cr.Network, ref)
		}
	}
	unlinkEntity(ctx, pg)
}

// validateHostMember checks a host member spec the way the simulator would
// otherwise crash on: the host must exist and be a host.
func validateHostMember(ctx *simulator.Context, h types.DistributedVirtualSwitchHostMemberConfigSpec, prop string, create bool) types.BaseMethodFault {
	switch types.ConfigSpecOperation(h.Operation) {
	case types.ConfigSpecOperationAdd:
	case types.ConfigSpecOperationRemove, types.ConfigSpecOperationEdit:
		if create {
			return invalidArgument(prop + ".operation")
		}
	default:
		return invalidArgument(prop + ".operation")
	}
	switch ctx.Map.Get(h.Host).(type) {
	case *simulator.HostSystem:
		return nil
	case nil:
		return &types.ManagedObjectNotFound{Obj: h.Host}
	default:
		return invalidArgument(prop + ".host")
	}
}

// hostMembers rebuilds config.host from summary.hostMember (kept by the
// simulator), keeping known members and taking backing and limits from the
// spec for added or edited ones.
func hostMembers(dvs *simulator.DistributedVirtualSwitch, current []types.DistributedVirtualSwitchHostMember, specs []types.DistributedVirtualSwitchHostMemberConfigSpec) []types.DistributedVirtualSwitchHostMember {
	byHost := map[types.ManagedObjectReference]types.DistributedVirtualSwitchHostMember{}
	for _, m := range current {
		if m.Config.Host != nil {
			byHost[*m.Config.Host] = m
		}
	}
	for _, s := range specs {
		if s.Operation == string(types.ConfigSpecOperationRemove) {
			continue
		}
		m, ok := byHost[s.Host]
		if !ok {
			host := s.Host
			m = types.DistributedVirtualSwitchHostMember{
				Config: types.DistributedVirtualSwitchHostMemberConfigInfo{
					Host:    &host,
					Backing: &types.DistributedVirtualSwitchHostMemberPnicBacking{},
				},
				ProductInfo: dvs.Summary.ProductInfo,
				Status:      string(types.DistributedVirtualSwitchHostMemberHostComponentStateUp),
			}
		}
		if s.Backing != nil {
			m.Config.Backing = s.Backing
		}
		if s.MaxProxySwitchPorts != 0 {
			m.Config.MaxProxySwitchPorts = s.MaxProxySwitchPorts
		}
		if s.VendorSpecificConfig != nil {
			m.Config.VendorSpecificConfig = s.VendorSpecificConfig
		}
		byHost[s.Host] = m
	}

	var members []types.DistributedVirtualSwitchHostMember
	for _, ref := range dvs.Summary.HostMember {
		if m, ok := byHost[ref]; ok {
			members = append(members, m)
		}
	}
	return members
}

// The MTU range vCenter 8 accepts for a VMware distributed switch
// (VMwareDvsMtuCapability of switches 7.0.2 and later).
const (
	minMtu = 1280
	maxMtu = 9000
)

// validateMaxMtu checks the maxMtu of a VMware switch spec (0: not given).
func validateMaxMtu(spec types.BaseDVSConfigSpec, prop string) types.BaseMethodFault {
	if v, ok := spec.(*types.VMwareDVSConfigSpec); ok && v.MaxMtu != 0 && (v.MaxMtu < minMtu || v.MaxMtu > maxMtu) {
		return invalidArgument(prop)
	}
	return nil
}

// vmwareConfig returns the switch's config; the simulator always creates a
// VMwareDVSConfigInfo.
func vmwareConfig(dvs *simulator.DistributedVirtualSwitch) *types.VMwareDVSConfigInfo {
	switch c := dvs.Config.(type) {
	case *types.VMwareDVSConfigInfo:
		return c
	case *types.DVSConfigInfo:
		return &types.VMwareDVSConfigInfo{DVSConfigInfo: *c}
	default:
		return &types.VMwareDVSConfigInfo{}
	}
}

// defaultSwitchPortSetting is the port setting a new vCenter switch has when
// the create spec gives none: VLAN none, security policy all rejected, route
// based on originating port.
func defaultSwitchPortSetting() *types.VMwareDVSPortSetting {
	no := func() *types.BoolPolicy { return &types.BoolPolicy{Value: types.NewBool(false)} }
	return &types.VMwareDVSPortSetting{
		DVPortSetting: types.DVPortSetting{Blocked: no()},
		Vlan:          &types.VmwareDistributedVirtualSwitchVlanIdSpec{VlanId: 0},
		SecurityPolicy: &types.DVSSecurityPolicy{
			AllowPromiscuous: no(),
			MacChanges:       no(),
			ForgedTransmits:  no(),
		},
		UplinkTeamingPolicy: &types.VmwareUplinkPortTeamingPolicy{
			Policy:         &types.StringPolicy{Value: "loadbalance_srcid"},
			ReversePolicy:  &types.BoolPolicy{Value: types.NewBool(true)},
			NotifySwitches: &types.BoolPolicy{Value: types.NewBool(true)},
			RollingOrder:   no(),
		},
	}
}
