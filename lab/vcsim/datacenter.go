package main

import (
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// datacenterOverride fixes Datacenter.Destroy_Task: vCenter destroys a
// datacenter together with everything in it — folders, clusters and
// standalone hosts, switches with their port groups, datastores — while the
// simulator refuses as long as its host or VM folder is not empty. VMs stay a
// ResourceInUse, as everywhere in the lab, and nothing is destroyed then.
type datacenterOverride struct {
	*simulator.Datacenter
}

func (d *datacenterOverride) DestroyTask(ctx *simulator.Context, req *types.Destroy_Task) soap.HasFault {
	dc := d.Datacenter
	return destroyBody(runTask(ctx, dc, "destroy", func() types.BaseMethodFault {
		folders := []types.ManagedObjectReference{dc.VmFolder, dc.HostFolder, dc.NetworkFolder, dc.DatastoreFolder}
		for _, ref := range folders {
			if vm := findVM(ctx, ref); vm != nil {
				return &types.ResourceInUse{Type: vm.Self.Type, Name: vm.Name}
			}
		}
		for _, ref := range folders {
			destroyContents(ctx, ref)
		}
		unlinkEntity(ctx, dc, folders...)
		return nil
	}))
}

// findVM returns a VM anywhere under the folder, or nil.
func findVM(ctx *simulator.Context, folder types.ManagedObjectReference) *simulator.VirtualMachine {
	f, ok := ctx.Map.Get(folder).(*simulator.Folder)
	if !ok {
		return nil
	}
	for _, ref := range children(ctx, f) {
		switch e := ctx.Map.Get(ref).(type) {
		case *simulator.VirtualMachine:
			return e
		case *simulator.Folder:
			if vm := findVM(ctx, ref); vm != nil {
				return vm
			}
		}
	}
	return nil
}

// destroyContents destroys what a folder holds, subfolders depth first. The
// caller has made sure that no VM is among it.
func destroyContents(ctx *simulator.Context, folder types.ManagedObjectReference) {
	f, ok := ctx.Map.Get(folder).(*simulator.Folder)
	if !ok {
		return
	}
	for _, ref := range children(ctx, f) {
		switch e := ctx.Map.Get(ref).(type) {
		case *simulator.Folder:
			destroyContents(ctx, ref)
			unlinkEntity(ctx, e)
		case *simulator.ClusterComputeResource:
			destroyComputeResource(ctx, e, &e.ComputeResource)
		case *mo.ComputeResource:
			destroyComputeResource(ctx, e, e)
		case *simulator.DistributedVirtualSwitch:
			destroySwitch(ctx, e)
		case mo.Entity: // datastores, networks, port groups already gone with their switch
			unlinkEntity(ctx, e)
		}
	}
}
