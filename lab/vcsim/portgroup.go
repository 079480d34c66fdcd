package main

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// portgroupOverride fixes ReconfigureDVPortgroup_Task. The simulator replaces
// the whole config with the spec (omitted fields reset) and never renames the
// entity; vCenter changes only what the spec sets.
type portgroupOverride struct {
	*simulator.DistributedVirtualPortgroup
	strict bool
}

// ReconfigureDVPortgroupTask models vCenter 8:
//   - configVersion must match config.configVersion, else ConcurrentAccess;
//     every successful reconfigure bumps it;
//   - fields left out of the spec keep their values; defaultPortConfig is
//     merged per policy (vlan, securityPolicy, uplinkTeamingPolicy, ...);
//   - name renames the port group (entity name, config.name, the switch's
//     summary.portgroupName); a name used by another network in the folder
//     gives DuplicateName;
//   - numPorts, type (earlyBinding/ephemeral), policy, description,
//     autoExpand, portNameFormat, scope, vendorSpecificConfig are applied when
//     set;
//   - invalid VLAN ids, port type or numPorts give InvalidArgument naming the
//     property.
func (p *portgroupOverride) ReconfigureDVPortgroupTask(ctx *simulator.Context, req *types.ReconfigureDVPortgroup_Task) soap.HasFault {
	pg := p.DistributedVirtualPortgroup
	spec := req.Spec
	ref := runTask(ctx, pg, "reconfigureDvPortgroup", func() types.BaseMethodFault {
		if fault := checkVersion(spec.ConfigVersion, pg.Config.ConfigVersion, p.strict); fault != nil {
			return fault
		}
		if fault := validatePortgroupSpec(&spec, "spec", false); fault != nil {
			return fault
		}
		rename := spec.Name != "" && spec.Name != pg.Name
		if rename {
			if fault := checkNetworkName(ctx, pg.Parent, spec.Name); fault != nil {
				return fault
			}
		}

		cfg := pg.Config // copy; nested values are replaced, never modified
		if rename {
			cfg.Name = spec.Name
		}
		setIfGiven(&cfg.NumPorts, spec.NumPorts)
		setIfGiven(&cfg.PortNameFormat, spec.PortNameFormat)
		cfg.DefaultPortConfig = mergePortSetting(cfg.DefaultPortConfig, spec.DefaultPortConfig)
		setIfGiven(&cfg.Description, spec.Description)
		setIfGiven(&cfg.Type, spec.Type)
		setIfGiven(&cfg.BackingType, spec.BackingType)
		setListIfGiven(&cfg.Scope, spec.Scope)
		setIfGiven(&cfg.Policy, spec.Policy)
		setListIfGiven(&cfg.VendorSpecificConfig, spec.VendorSpecificConfig)
		setIfGiven(&cfg.AutoExpand, spec.AutoExpand)
		setIfGiven(&cfg.VmVnicNetworkResourcePoolKey, spec.VmVnicNetworkResourcePoolKey)
		cfg.ConfigVersion = nextVersion(pg.Config.ConfigVersion)

		changes := []types.PropertyChange{change("config", cfg)}
		if cfg.NumPorts != pg.Config.NumPorts {
			changes = append(changes, change("portKeys", portKeys(cfg.NumPorts)))
		}
		if rename {
			changes = append(changes, change("name", spec.Name))
			if s, ok := pg.Summary.(*types.NetworkSummary); ok {
				summary := *s
				summary.Name = spec.Name
				changes = append(changes, change("summary", &summary))
			}
			renameInSwitch(ctx, pg, pg.Name, spec.Name)
		}
		ctx.Update(pg, changes)
		if rename {
			// mo.Network has a name field of its own besides the entity's
			// name (which FindByName and inventory paths use): set both.
			pg.Entity().Name = spec.Name
		}
		return nil
	})
	return &methods.ReconfigureDVPortgroup_TaskBody{
		Res: &types.ReconfigureDVPortgroup_TaskResponse{Returnval: ref},
	}
}

// validatePortgroupSpec checks what vCenter rejects with InvalidArgument in a
// DVPortgroupConfigSpec: VLAN settings, the port group type and numPorts.
// prop is the spec's name in the request ("spec" or "spec[1]").
func validatePortgroupSpec(spec *types.DVPortgroupConfigSpec, prop string, create bool) types.BaseMethodFault {
	if fault := validatePortSetting(spec.DefaultPortConfig, prop+".defaultPortConfig"); fault != nil {
		return fault
	}
	switch types.DistributedVirtualPortgroupPortgroupType(spec.Type) {
	case "", types.DistributedVirtualPortgroupPortgroupTypeEarlyBinding, types.DistributedVirtualPortgroupPortgroupTypeEphemeral:
		// "" keeps the type on reconfigure; AddDVPortgroup_Task defaults it to earlyBinding.
	default:
		// lateBinding is deprecated since vSphere 5.0 and refused by vCenter 8.
		return invalidArgument(prop + ".type")
	}
	if spec.NumPorts < 0 {
		return invalidArgument(prop + ".numPorts")
	}
	if create && spec.Name == "" {
		return invalidArgument(prop + ".name")
	}
	return nil
}

// checkNetworkName gives DuplicateName when another entity in the folder
// (of a port group or switch being renamed) already has name.
func checkNetworkName(ctx *simulator.Context, folder *types.ManagedObjectReference, name string) types.BaseMethodFault {
	if folder == nil {
		return nil
	}
	f, ok := ctx.Map.Get(*folder).(*simulator.Folder)
	if !ok {
		return nil
	}
	if e := ctx.Map.FindByName(name, children(ctx, f)); e != nil {
		return &types.DuplicateName{Name: name, Object: e.Reference()}
	}
	return nil
}

// renameInSwitch replaces the port group's name in its switch's
// summary.portgroupName.
func renameInSwitch(ctx *simulator.Context, pg *simulator.DistributedVirtualPortgroup, from, to string) {
	if pg.Config.DistributedVirtualSwitch == nil {
		return
	}
	dvs, ok := ctx.Map.Get(*pg.Config.DistributedVirtualSwitch).(*simulator.DistributedVirtualSwitch)
	if !ok {
		return
	}
	ctx.WithLock(dvs, func() {
		names := make([]string, 0, len(dvs.Summary.PortgroupName))
		for _, n := range dvs.Summary.PortgroupName {
			if n == from {
				n = to
			}
			names = append(names, n)
		}
		ctx.Update(dvs, []types.PropertyChange{change("summary.portgroupName", names)})
	})
}

// portKeys are the keys of a port group's ports, as the simulator numbers them.
func portKeys(n int32) []string {
	keys := make([]string, 0, n)
	for i := int32(0); i < n; i++ {
		keys = append(keys, strconv.Itoa(int(i)))
	}
	return keys
}

// specProp names the i-th element of a spec array in a fault.
func specProp(i int) string {
	return fmt.Sprintf("spec[%d]", i)
}

// DestroyTask models vCenter destroying a port group: one that a VM still
// uses fails with ResourceInUse, and the port group leaves every list that
// named it — its switch's portgroup and summary.portgroupName, its folder,
// the datacenter's, hosts' and compute resources' network (the simulator
// clears only the first two).
func (p *portgroupOverride) DestroyTask(ctx *simulator.Context, req *types.Destroy_Task) soap.HasFault {
	pg := p.DistributedVirtualPortgroup
	return destroyBody(runTask(ctx, pg, "destroy", func() types.BaseMethodFault {
		if len(pg.Vm) > 0 {
			return &types.ResourceInUse{Type: pg.Self.Type, Name: pg.Name}
		}
		if pg.Config.DistributedVirtualSwitch != nil {
			if dvs, ok := ctx.Map.Get(*pg.Config.DistributedVirtualSwitch).(*simulator.DistributedVirtualSwitch); ok {
				ctx.WithLock(dvs, func() {
					names := slices.DeleteFunc(slices.Clone(dvs.Summary.PortgroupName), func(n string) bool { return n == pg.Name })
					ctx.Update(dvs, []types.PropertyChange{
						change("portgroup", without(dvs.Portgroup, pg.Self)),
						change("summary.portgroupName", names),
					})
				})
			}
		}
		destroyNetwork(ctx, pg)
		return nil
	}))
}
