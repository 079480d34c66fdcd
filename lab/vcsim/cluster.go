package main

import (
	"slices"
	"strings"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/simulator/esx"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// Cluster fixes: CreateClusterEx (on a host folder), and on clusters
// ReconfigureComputeResource_Task, Rename_Task and AddHost_Task.
//
// The simulator ignores the spec of CreateClusterEx (every cluster starts with
// DRS on and nothing else set) and its reconfigure keeps only dasConfig
// enabled/admissionControlEnabled and drsConfig enabled/defaultVmBehavior,
// changing configurationEx in place without telling property collectors.

// defaultClusterConfig is the configurationEx vCenter 8 gives a cluster
// created with an empty spec: DRS off (fully automated, migration threshold 3
// when turned on, VM overrides allowed), vSphere HA off (host monitoring
// enabled, VM monitoring and VM component protection disabled, admission
// control on for one host failure, heartbeat datastores chosen
// automatically), DPM off, swap files with the VMs.
func defaultClusterConfig() *types.ClusterConfigInfoEx {
	return &types.ClusterConfigInfoEx{
		ComputeResourceConfigInfo: types.ComputeResourceConfigInfo{
			VmSwapPlacement: string(types.VirtualMachineConfigInfoSwapPlacementTypeVmDirectory),
		},
		DasConfig: types.ClusterDasConfigInfo{
			Enabled:                    types.NewBool(false),
			VmMonitoring:               string(types.ClusterDasConfigInfoVmMonitoringStateVmMonitoringDisabled),
			HostMonitoring:             string(types.ClusterDasConfigInfoServiceStateEnabled),
			VmComponentProtecting:      string(types.ClusterDasConfigInfoServiceStateDisabled),
			FailoverLevel:              1,
			AdmissionControlEnabled:    types.NewBool(true),
			HBDatastoreCandidatePolicy: string(types.ClusterDasConfigInfoHBDatastoreCandidateAllFeasibleDsWithUserPreference),
		},
		DrsConfig: types.ClusterDrsConfigInfo{
			Enabled:                   types.NewBool(false),
			EnableVmBehaviorOverrides: types.NewBool(true),
			DefaultVmBehavior:         types.DrsBehaviorFullyAutomated,
			VmotionRate:               3,
		},
		DpmConfigInfo: &types.ClusterDpmConfigInfo{Enabled: types.NewBool(false)},
	}
}

// validateClusterSpec checks the enumerations and ranges of the DAS, DRS and
// DPM parts of a spec, as vCenter does (InvalidArgument naming the property).
func validateClusterSpec(spec *types.ClusterConfigSpecEx) types.BaseMethodFault {
	oneOf := func(value string, allowed []string) bool { return value == "" || slices.Contains(allowed, value) }
	if das := spec.DasConfig; das != nil {
		services := types.ClusterDasConfigInfoServiceState("").Strings()
		switch {
		case !oneOf(das.HostMonitoring, services):
			return invalidArgument("spec.dasConfig.hostMonitoring")
		case !oneOf(das.VmComponentProtecting, services):
			return invalidArgument("spec.dasConfig.vmComponentProtecting")
		case !oneOf(das.VmMonitoring, types.ClusterDasConfigInfoVmMonitoringState("").Strings()):
			return invalidArgument("spec.dasConfig.vmMonitoring")
		case das.FailoverLevel < 0:
			return invalidArgument("spec.dasConfig.failoverLevel")
		}
	}
	if drs := spec.DrsConfig; drs != nil {
		switch {
		case !oneOf(string(drs.DefaultVmBehavior), types.DrsBehavior("").Strings()):
			return invalidArgument("spec.drsConfig.defaultVmBehavior")
		case drs.VmotionRate != 0 && (drs.VmotionRate < 1 || drs.VmotionRate > 5):
			return invalidArgument("spec.drsConfig.vmotionRate")
		}
	}
	if dpm := spec.DpmConfig; dpm != nil {
		switch {
		case !oneOf(string(dpm.DefaultDpmBehavior), types.DpmBehavior("").Strings()):
			return invalidArgument("spec.dpmConfig.defaultDpmBehavior")
		case dpm.HostPowerActionRate != 0 && (dpm.HostPowerActionRate < 1 || dpm.HostPowerActionRate > 5):
			return invalidArgument("spec.dpmConfig.hostPowerActionRate")
		}
	}
	return nil
}

// applyClusterSpec returns cfg with the DAS, DRS and DPM settings the spec
// sets (vCenter's modify semantics: what the spec leaves unset keeps its
// value). cfg itself is not modified: readers may still hold it.
func applyClusterSpec(cfg *types.ClusterConfigInfoEx, spec *types.ClusterConfigSpecEx) *types.ClusterConfigInfoEx {
	out := *cfg
	if s := spec.DasConfig; s != nil {
		das := &out.DasConfig
		setIfGiven(&das.Enabled, s.Enabled)
		setIfGiven(&das.VmMonitoring, s.VmMonitoring)
		setIfGiven(&das.HostMonitoring, s.HostMonitoring)
		setIfGiven(&das.VmComponentProtecting, s.VmComponentProtecting)
		setIfGiven(&das.FailoverLevel, s.FailoverLevel)
		setIfGiven(&das.AdmissionControlPolicy, s.AdmissionControlPolicy)
		setIfGiven(&das.AdmissionControlEnabled, s.AdmissionControlEnabled)
		setIfGiven(&das.DefaultVmSettings, s.DefaultVmSettings)
		das.Option = mergeOptions(das.Option, s.Option)
		setListIfGiven(&das.HeartbeatDatastore, s.HeartbeatDatastore)
		setIfGiven(&das.HBDatastoreCandidatePolicy, s.HBDatastoreCandidatePolicy)
	}
	if s := spec.DrsConfig; s != nil {
		drs := &out.DrsConfig
		setIfGiven(&drs.Enabled, s.Enabled)
		setIfGiven(&drs.EnableVmBehaviorOverrides, s.EnableVmBehaviorOverrides)
		setIfGiven(&drs.DefaultVmBehavior, s.DefaultVmBehavior)
		setIfGiven(&drs.VmotionRate, s.VmotionRate)
		setIfGiven(&drs.ScaleDescendantsShares, s.ScaleDescendantsShares)
		drs.Option = mergeOptions(drs.Option, s.Option)
	}
	if s := spec.DpmConfig; s != nil {
		dpm := types.ClusterDpmConfigInfo{}
		if out.DpmConfigInfo != nil {
			dpm = *out.DpmConfigInfo
		}
		setIfGiven(&dpm.Enabled, s.Enabled)
		setIfGiven(&dpm.DefaultDpmBehavior, s.DefaultDpmBehavior)
		setIfGiven(&dpm.HostPowerActionRate, s.HostPowerActionRate)
		dpm.Option = mergeOptions(dpm.Option, s.Option)
		out.DpmConfigInfo = &dpm
	}
	return &out
}

// mergeOptions applies advanced options by key: a given option replaces the
// one with its key or is added.
func mergeOptions(old, given []types.BaseOptionValue) []types.BaseOptionValue {
	if len(given) == 0 {
		return old
	}
	out := slices.Clone(old)
	for _, g := range given {
		key := g.GetOptionValue().Key
		i := slices.IndexFunc(out, func(o types.BaseOptionValue) bool { return o.GetOptionValue().Key == key })
		if i >= 0 {
			out[i] = g
		} else {
			out = append(out, g)
		}
	}
	return out
}

// CreateClusterEx models vCenter 8: the new cluster has vCenter's default
// configuration with the DAS, DRS and DPM settings of the spec applied;
// invalid settings fail with InvalidArgument and nothing is created. An empty
// name fails with InvalidName; a taken name with DuplicateName (the
// simulator's own check).
func (f *folderOverride) CreateClusterEx(ctx *simulator.Context, req *types.CreateClusterEx) soap.HasFault {
	fail := func(fault types.BaseMethodFault) soap.HasFault {
		return &methods.CreateClusterExBody{Fault_: simulator.Fault("", fault)}
	}
	if req.Name == "" || len(req.Name) > maxNameLength {
		return fail(&types.InvalidName{Name: req.Name})
	}
	if fault := validateClusterSpec(&req.Spec); fault != nil {
		return fail(fault)
	}
	res := f.Folder.CreateClusterEx(ctx, req).(*methods.CreateClusterExBody)
	if res.Res == nil {
		return res
	}
	cluster := ctx.Map.Get(res.Res.Returnval).(*simulator.ClusterComputeResource)
	ctx.WithLock(cluster, func() {
		ctx.Update(cluster, []types.PropertyChange{change("configurationEx", applyClusterSpec(defaultClusterConfig(), &req.Spec))})
	})
	return res
}

// maxNameLength is vCenter's limit for inventory object names.
const maxNameLength = 80

// ReconfigureComputeResourceTask models vCenter 8 for clusters: every DAS, DRS
// and DPM setting of the spec is kept (the simulator drops most of them); with
// modify=true what the spec leaves unset keeps its value, with modify=false the
// DAS, DRS and DPM settings start again from vCenter's defaults. The change
// reaches property collectors. Invalid settings fail the task with
// InvalidArgument and change nothing. Rules, groups, VM overrides and vSAN
// are left to the simulator.
func (c *clusterOverride) ReconfigureComputeResourceTask(ctx *simulator.Context, req *types.ReconfigureComputeResource_Task) soap.HasFault {
	cluster := c.ClusterComputeResource
	spec, ok := req.Spec.(*types.ClusterConfigSpecEx)
	if !ok {
		return cluster.ReconfigureComputeResourceTask(ctx, req) // InvalidArgument from the simulator
	}
	body := func(ref types.ManagedObjectReference) soap.HasFault {
		return &methods.ReconfigureComputeResource_TaskBody{Res: &types.ReconfigureComputeResource_TaskResponse{Returnval: ref}}
	}
	if fault := validateClusterSpec(spec); fault != nil {
		return body(failTask(ctx, cluster, "reconfigureCluster", fault))
	}

	rest := *spec
	rest.DasConfig, rest.DrsConfig, rest.DpmConfig = nil, nil, nil
	delegated := cluster.ReconfigureComputeResourceTask(ctx, &types.ReconfigureComputeResource_Task{
		This: req.This, Spec: &rest, Modify: req.Modify,
	}).(*methods.ReconfigureComputeResource_TaskBody)
	if info := waitTask(ctx, delegated.Res.Returnval); info.Error != nil {
		return delegated
	}
	return body(runTask(ctx, cluster, "reconfigureCluster", func() types.BaseMethodFault {
		cfg := cluster.ConfigurationEx.(*types.ClusterConfigInfoEx)
		if !req.Modify {
			base := defaultClusterConfig()
			reset := *cfg
			reset.DasConfig, reset.DrsConfig, reset.DpmConfigInfo = base.DasConfig, base.DrsConfig, base.DpmConfigInfo
			cfg = &reset
		}
		ctx.Update(cluster, []types.PropertyChange{change("configurationEx", applyClusterSpec(cfg, spec))})
		return nil
	}))
}

// RenameTask models vCenter: a name another entity of the folder has fails
// with DuplicateName (the simulator says InvalidArgument), as does an invalid
// name with InvalidName; the current name is accepted and changes nothing.
func (c *clusterOverride) RenameTask(ctx *simulator.Context, req *types.Rename_Task) soap.HasFault {
	cluster := c.ClusterComputeResource
	body := func(ref types.ManagedObjectReference) soap.HasFault {
		return &methods.Rename_TaskBody{Res: &types.Rename_TaskResponse{Returnval: ref}}
	}
	switch {
	case req.NewName == "" || len(req.NewName) > maxNameLength:
		return body(failTask(ctx, cluster, "rename", &types.InvalidName{Name: req.NewName}))
	case req.NewName == cluster.Name:
		return body(runTask(ctx, cluster, "rename", func() types.BaseMethodFault { return nil }))
	}
	if parent, ok := ctx.Map.Get(*cluster.Parent).(*simulator.Folder); ok {
		if e := ctx.Map.FindByName(req.NewName, children(ctx, parent)); e != nil {
			return body(failTask(ctx, cluster, "rename", &types.DuplicateName{Name: req.NewName, Object: e.Reference()}))
		}
	}
	return cluster.RenameTask(ctx, req)
}

// AddHostTask models vCenter 8 adding a host to a cluster:
//   - a host of that name in the cluster fails with DuplicateName (name,
//     object); one elsewhere in this vCenter with AlreadyConnected (name);
//   - a given sslThumbprint must be the host's: otherwise SSLVerifyFault with
//     the thumbprint the host presented (vCenter verifies the certificate
//     against its trusted CAs when none is given, which the lab's hosts pass);
//   - the added host reports its certificate's thumbprint in
//     summary.config.sslThumbprint.
//
// Every lab host presents the simulator's host certificate, so all have the
// same thumbprint.
func (c *clusterOverride) AddHostTask(ctx *simulator.Context, req *types.AddHost_Task) soap.HasFault {
	cluster := c.ClusterComputeResource
	fail := func(fault types.BaseMethodFault) soap.HasFault {
		return &methods.AddHost_TaskBody{Res: &types.AddHost_TaskResponse{Returnval: failTask(ctx, cluster, "addHost", fault)}}
	}
	name := req.Spec.HostName
	if e := ctx.Map.FindByName(name, cluster.Host); name != "" && e != nil {
		return fail(&types.DuplicateName{Name: name, Object: e.Reference()})
	}
	if name != "" && hostNamed(ctx, name) != nil {
		return fail(&types.AlreadyConnected{Name: name})
	}
	if fault := verifyThumbprint(req.Spec.SslThumbprint); fault != nil {
		return fail(fault)
	}

	added := cluster.AddHostTask(ctx, req).(*methods.AddHost_TaskBody)
	info := waitTask(ctx, added.Res.Returnval)
	if info.Error == nil {
		host := ctx.Map.Get(info.Result.(types.ManagedObjectReference)).(*simulator.HostSystem)
		ctx.Map.AtomicUpdate(ctx, host, []types.PropertyChange{change("summary.config.sslThumbprint", hostThumbprint())})
	}
	return added
}

// hostNamed returns the host of that name anywhere in the inventory, or nil.
func hostNamed(ctx *simulator.Context, name string) mo.Entity {
	for _, e := range ctx.Map.All("HostSystem") {
		if h, ok := e.(*simulator.HostSystem); ok && h.Name == name {
			return h
		}
	}
	return nil
}

// hostThumbprint is the SHA-1 thumbprint of the certificate the lab's hosts
// present: the simulator gives every host the same one.
func hostThumbprint() string {
	var info object.HostCertificateInfo
	if _, err := info.FromPEM(esx.HostConfigInfo.Certificate); err != nil {
		panic("the simulator's host certificate does not parse: " + err.Error())
	}
	return info.ThumbprintSHA1
}

// verifyThumbprint is vCenter's check of HostConnectSpec.sslThumbprint: when
// given it must match the host's certificate (case does not matter).
func verifyThumbprint(given string) types.BaseMethodFault {
	if given == "" || strings.EqualFold(given, hostThumbprint()) {
		return nil
	}
	return &types.SSLVerifyFault{SelfSigned: true, Thumbprint: hostThumbprint()}
}
