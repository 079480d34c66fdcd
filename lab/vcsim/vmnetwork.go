package main

import (
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// Which VMs use a port group. vCenter lists in a network's vm property
// (Network.vm, so DistributedVirtualPortgroup.vm) the VMs that have an
// adapter on it; that is what makes it refuse to destroy a port group or a
// switch in use (ResourceInUse). The simulator never fills it in, so port
// groups with connected VMs looked unused. The lab follows every method that
// changes a VM's networks: when the simulator's own method and its task are
// done, the port groups the VM left drop it and those it joined list it.

// vmNetworkOverride returns the wrapper for the VM methods that change which
// networks VMs use, or nil.
func vmNetworkOverride(method string, obj mo.Reference) mo.Reference {
	switch o := obj.(type) {
	case *simulator.Folder:
		switch method {
		case "CreateVM_Task", "RegisterVM_Task":
			return &vmFolderOverride{Folder: o}
		}
	case *simulator.VirtualMachine:
		switch method {
		case "ReconfigVM_Task", "CloneVM_Task", "Destroy_Task", "UnregisterVM":
			return &vmOverride{VirtualMachine: o}
		}
	}
	return nil
}

type vmFolderOverride struct {
	*simulator.Folder
}

func (f *vmFolderOverride) CreateVMTask(ctx *simulator.Context, req *types.CreateVM_Task) soap.HasFault {
	body := f.Folder.CreateVMTask(ctx, req).(*methods.CreateVM_TaskBody)
	followNewVM(ctx, body.Res.Returnval)
	return body
}

func (f *vmFolderOverride) RegisterVMTask(ctx *simulator.Context, req *types.RegisterVM_Task) soap.HasFault {
	body := f.Folder.RegisterVMTask(ctx, req).(*methods.RegisterVM_TaskBody)
	followNewVM(ctx, body.Res.Returnval)
	return body
}

type vmOverride struct {
	*simulator.VirtualMachine
}

func (v *vmOverride) CloneVMTask(ctx *simulator.Context, req *types.CloneVM_Task) soap.HasFault {
	body := v.VirtualMachine.CloneVMTask(ctx, req).(*methods.CloneVM_TaskBody)
	followNewVM(ctx, body.Res.Returnval)
	return body
}

func (v *vmOverride) ReconfigVMTask(ctx *simulator.Context, req *types.ReconfigVM_Task) soap.HasFault {
	vm := v.VirtualMachine
	before := vm.Network
	body := vm.ReconfigVMTask(ctx, req).(*methods.ReconfigVM_TaskBody)
	waitTask(ctx, body.Res.Returnval)
	followNetworks(ctx, vm.Self, before, vm.Network)
	return body
}

func (v *vmOverride) DestroyTask(ctx *simulator.Context, req *types.Destroy_Task) soap.HasFault {
	vm := v.VirtualMachine
	before := vm.Network
	body := vm.DestroyTask(ctx, req).(*methods.Destroy_TaskBody)
	if info := waitTask(ctx, body.Res.Returnval); info.Error == nil {
		followNetworks(ctx, vm.Self, before, nil)
	}
	return body
}

func (v *vmOverride) UnregisterVM(ctx *simulator.Context, req *types.UnregisterVM) soap.HasFault {
	vm := v.VirtualMachine
	before := vm.Network
	body := vm.UnregisterVM(ctx, req)
	if body.Fault() == nil {
		followNetworks(ctx, vm.Self, before, nil)
	}
	return body
}

// followNewVM lists the VM a create, register or clone task made in the port
// groups it uses, once the task is done.
func followNewVM(ctx *simulator.Context, task types.ManagedObjectReference) {
	info := waitTask(ctx, task)
	ref, ok := info.Result.(types.ManagedObjectReference)
	if info.Error != nil || !ok {
		return
	}
	if vm, ok := ctx.Map.Get(ref).(*simulator.VirtualMachine); ok {
		var networks []types.ManagedObjectReference
		ctx.WithLock(vm, func() { networks = vm.Network })
		followNetworks(ctx, ref, nil, networks)
	}
}

// followNetworks updates the vm lists of the port groups a VM left (in before,
// not in after) and joined (in after, not in before).
func followNetworks(ctx *simulator.Context, vm types.ManagedObjectReference, before, after []types.ManagedObjectReference) {
	for _, ref := range before {
		if !contains(after, ref) {
			setPortgroupVM(ctx, ref, vm, false)
		}
	}
	for _, ref := range after {
		if !contains(before, ref) {
			setPortgroupVM(ctx, ref, vm, true)
		}
	}
}

// setPortgroupVM adds the VM to, or removes it from, a port group's vm list.
// Networks other than distributed port groups are left as the simulator keeps
// them.
func setPortgroupVM(ctx *simulator.Context, network, vm types.ManagedObjectReference, uses bool) {
	pg, ok := ctx.Map.Get(network).(*simulator.DistributedVirtualPortgroup)
	if !ok {
		return
	}
	ctx.WithLock(pg, func() {
		switch {
		case uses && !contains(pg.Vm, vm):
			ctx.Update(pg, []types.PropertyChange{change("vm", append(append([]types.ManagedObjectReference{}, pg.Vm...), vm))})
		case !uses && contains(pg.Vm, vm):
			ctx.Update(pg, []types.PropertyChange{change("vm", without(pg.Vm, vm))})
		}
	})
}
