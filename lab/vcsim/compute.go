package main

import (
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// Destroy_Task for clusters, standalone compute resources and hosts. The
// simulator has none for clusters and compute resources (MethodNotFound, so a
// datacenter holding one can never be destroyed), and its HostSystem destroy
// leaves the host in its cluster's host list, in switches and datastores.
//
// What vCenter does, and so the lab:
//   - ClusterComputeResource.Destroy_Task removes the cluster together with
//     its hosts and resource pools; the hosts need not be in maintenance mode.
//   - ComputeResource.Destroy_Task (a standalone host's parent) removes the
//     compute resource with its host.
//   - HostSystem.Destroy_Task removes a host from its cluster; a connected
//     host must be in maintenance mode first (InvalidState otherwise). On a
//     standalone host it fails with NotSupported: "A standalone HostSystem
//     can be destroyed only by invoking destroy on its parent
//     ComputeResource" (API reference of HostSystem).
//
// A removed host also leaves the member lists of distributed switches and
// port groups, the mounts of datastores and the environment browser of its
// cluster. Its VMs leave the inventory with it, as vCenter removes "the
// managed host and all its associated virtual machines" (their files stay on
// the datastores); a VM still powered on (possible only on a disconnected
// host) makes the destroy fail with ResourceInUse. Destroying a cluster or a
// standalone compute resource whose hosts have VMs still fails with
// ResourceInUse.

type clusterOverride struct {
	*simulator.ClusterComputeResource
}

func (c *clusterOverride) DestroyTask(ctx *simulator.Context, req *types.Destroy_Task) soap.HasFault {
	cluster := c.ClusterComputeResource
	return destroyBody(runTask(ctx, cluster, "destroy", func() types.BaseMethodFault {
		return destroyComputeResource(ctx, cluster, &cluster.ComputeResource)
	}))
}

type computeResourceOverride struct {
	*mo.ComputeResource
}

func (c *computeResourceOverride) DestroyTask(ctx *simulator.Context, req *types.Destroy_Task) soap.HasFault {
	cr := c.ComputeResource
	return destroyBody(runTask(ctx, cr, "destroy", func() types.BaseMethodFault {
		return destroyComputeResource(ctx, cr, cr)
	}))
}

type hostOverride struct {
	*simulator.HostSystem
}

func (h *hostOverride) DestroyTask(ctx *simulator.Context, req *types.Destroy_Task) soap.HasFault {
	host := h.HostSystem
	return destroyBody(runTask(ctx, host, "destroy", func() types.BaseMethodFault {
		obj, cr := computeResourceOf(ctx, host)
		if _, standalone := obj.(*mo.ComputeResource); standalone || cr == nil {
			return &types.NotSupported{}
		}
		if host.Runtime.ConnectionState == types.HostSystemConnectionStateConnected && !host.Runtime.InMaintenanceMode {
			return &types.InvalidState{}
		}
		if fault := unregisterVMs(ctx, host); fault != nil {
			return fault
		}
		ctx.WithLock(obj, func() {
			removeHost(ctx, host)
			ctx.Update(obj, []types.PropertyChange{change("host", without(cr.Host, host.Self))})
			subtractHost(cr, host)
			forgetHostInBrowser(ctx, cr, host.Self)
		})
		return nil
	}))
}

func destroyBody(ref types.ManagedObjectReference) soap.HasFault {
	return &methods.Destroy_TaskBody{Res: &types.Destroy_TaskResponse{Returnval: ref}}
}

// destroyComputeResource removes a cluster or standalone compute resource
// (obj, whose ComputeResource part is cr) with its hosts and resource pools.
func destroyComputeResource(ctx *simulator.Context, obj mo.Entity, cr *mo.ComputeResource) types.BaseMethodFault {
	var hosts []*simulator.HostSystem
	for _, ref := range cr.Host {
		if h, ok := ctx.Map.Get(ref).(*simulator.HostSystem); ok {
			hosts = append(hosts, h)
		}
	}
	for _, h := range hosts {
		if len(h.Vm) > 0 {
			return &types.ResourceInUse{Type: h.Self.Type, Name: h.Name}
		}
	}
	for _, h := range hosts {
		removeHost(ctx, h)
	}
	if cr.ResourcePool != nil {
		removePool(ctx, *cr.ResourcePool)
	}
	var owned []types.ManagedObjectReference
	if cr.EnvironmentBrowser != nil {
		owned = append(owned, *cr.EnvironmentBrowser)
	}
	unlinkEntity(ctx, obj, owned...)
	return nil
}

// removeHost takes a host out of everything that lists it (other than its
// compute resource, which the caller handles) and out of the inventory.
func removeHost(ctx *simulator.Context, host *simulator.HostSystem) {
	ref := host.Self

	for _, e := range ctx.Map.All("DistributedVirtualSwitch") {
		if dvs, ok := e.(*simulator.DistributedVirtualSwitch); ok {
			ctx.WithLock(dvs, func() {
				if !contains(dvs.Summary.HostMember, ref) {
					return
				}
				cfg := *vmwareConfig(dvs)
				var members []types.DistributedVirtualSwitchHostMember
				for _, m := range cfg.Host {
					if m.Config.Host == nil || *m.Config.Host != ref {
						members = append(members, m)
					}
				}
				cfg.Host = members
				ctx.Update(dvs, []types.PropertyChange{
					change("summary.hostMember", without(dvs.Summary.HostMember, ref)),
					change("config", &cfg),
				})
			})
		}
	}

	for _, kind := range []string{"Network", "DistributedVirtualPortgroup", "OpaqueNetwork"} {
		for _, e := range ctx.Map.All(kind) {
			switch n := e.(type) {
			case *simulator.DistributedVirtualPortgroup:
				removeRef(ctx, n, "host", &n.Host, ref)
			case *mo.Network:
				removeRef(ctx, n, "host", &n.Host, ref)
			case *mo.OpaqueNetwork:
				removeRef(ctx, n, "host", &n.Host, ref)
			}
		}
	}

	for _, e := range ctx.Map.All("Datastore") {
		if ds, ok := e.(*simulator.Datastore); ok {
			ctx.WithLock(ds, func() {
				var mounts []types.DatastoreHostMount
				for _, m := range ds.Host {
					if m.Key != ref {
						mounts = append(mounts, m)
					}
				}
				if len(mounts) != len(ds.Host) {
					ctx.Update(ds, []types.PropertyChange{change("host", mounts)})
				}
			})
		}
	}

	// The per-host managers the simulator creates with each host.
	cm := host.ConfigManager
	for _, r := range []*types.ManagedObjectReference{
		cm.DatastoreSystem, cm.NetworkSystem, cm.VirtualNicManager, cm.AdvancedOption,
		cm.FirewallSystem, cm.StorageSystem, cm.CertificateManager,
	} {
		if r != nil && ctx.Map.Get(*r) != nil {
			ctx.Map.Remove(ctx, *r)
		}
	}
	ctx.Map.Remove(ctx, ref)
}

// removePool removes a resource pool and its child pools from the inventory.
func removePool(ctx *simulator.Context, ref types.ManagedObjectReference) {
	if pool, ok := ctx.Map.Get(ref).(*simulator.ResourcePool); ok {
		for _, child := range pool.ResourcePool.ResourcePool {
			removePool(ctx, child)
		}
	}
	ctx.Map.Remove(ctx, ref)
}

// subtractHost undoes what adding the host added to the cluster summary.
func subtractHost(cr *mo.ComputeResource, host *simulator.HostSystem) {
	if cr.Summary == nil || host.Summary.Hardware == nil {
		return
	}
	s := cr.Summary.GetComputeResourceSummary()
	hw := host.Summary.Hardware
	s.TotalCpu -= hw.CpuMhz
	s.TotalMemory -= hw.MemorySize
	s.NumCpuCores -= hw.NumCpuCores
	s.NumCpuThreads -= hw.NumCpuThreads
	s.EffectiveCpu -= hw.CpuMhz
	s.EffectiveMemory -= hw.MemorySize
	s.NumHosts--
	s.NumEffectiveHosts--
}

// forgetHostInBrowser drops the host from the cluster's environment browser,
// which the simulator walks (and would crash on) when the next host is added.
func forgetHostInBrowser(ctx *simulator.Context, cr *mo.ComputeResource, ref types.ManagedObjectReference) {
	if cr.EnvironmentBrowser == nil {
		return
	}
	eb, ok := ctx.Map.Get(*cr.EnvironmentBrowser).(*simulator.EnvironmentBrowser)
	if !ok {
		return
	}
	ctx.WithLock(eb, func() {
		descriptors := eb.QueryConfigOptionDescriptorResponse.Returnval
		for i := range descriptors {
			descriptors[i].Host = without(descriptors[i].Host, ref)
		}
	})
}

// computeResourceOf returns the host's parent object and its ComputeResource
// part (a cluster or a standalone compute resource).
func computeResourceOf(ctx *simulator.Context, host *simulator.HostSystem) (mo.Reference, *mo.ComputeResource) {
	if host.Parent == nil {
		return nil, nil
	}
	switch p := ctx.Map.Get(*host.Parent).(type) {
	case *simulator.ClusterComputeResource:
		return p, &p.ComputeResource
	case *mo.ComputeResource:
		return p, p
	default:
		return nil, nil
	}
}

// unregisterVMs removes the host's VMs from the inventory (UnregisterVM, with
// the lab's bookkeeping of the networks they use), after checking that none
// is powered on.
func unregisterVMs(ctx *simulator.Context, host *simulator.HostSystem) types.BaseMethodFault {
	var vms []*simulator.VirtualMachine
	for _, ref := range host.Vm {
		if vm, ok := ctx.Map.Get(ref).(*simulator.VirtualMachine); ok {
			if vm.Runtime.PowerState == types.VirtualMachinePowerStatePoweredOn {
				return &types.ResourceInUse{Type: vm.Self.Type, Name: vm.Name}
			}
			vms = append(vms, vm)
		}
	}
	for _, vm := range vms {
		var body soap.HasFault
		ctx.WithLock(vm, func() {
			body = (&vmOverride{VirtualMachine: vm}).UnregisterVM(ctx, &types.UnregisterVM{This: vm.Self})
		})
		if f := body.Fault(); f != nil {
			if fault, ok := f.VimFault().(types.BaseMethodFault); ok {
				return fault
			}
			return &types.SystemError{Reason: f.String}
		}
	}
	return nil
}
