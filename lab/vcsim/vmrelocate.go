package main

import (
	"slices"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// vmRelocateOverride refuses RelocateVM_Task to a host that does not mount
// each datastore of the VM when the spec moves no storage, as vCenter does
// (DatastoreNotWritableOnHost naming the datastore and the host: a migration
// needs the VM's storage on both hosts). The simulator moves the VM and then
// panics looking up its disks' datastore from the new host, which ends the
// whole simulator.
type vmRelocateOverride struct {
	*simulator.VirtualMachine
}

func (v *vmRelocateOverride) RelocateVMTask(ctx *simulator.Context, req *types.RelocateVM_Task) soap.HasFault {
	spec := req.Spec
	if spec.Host == nil || spec.Datastore != nil || len(spec.Disk) > 0 {
		return v.VirtualMachine.RelocateVMTask(ctx, req)
	}
	if host, ok := ctx.Map.Get(*spec.Host).(*simulator.HostSystem); ok {
		for _, ds := range v.VirtualMachine.Datastore {
			if slices.Contains(host.Datastore, ds) {
				continue
			}
			fault := &types.DatastoreNotWritableOnHost{
				InvalidDatastore: types.InvalidDatastore{Datastore: &ds, Name: datastoreName(ctx, ds)},
				Host:             host.Self,
			}
			return &methods.RelocateVM_TaskBody{Res: &types.RelocateVM_TaskResponse{
				Returnval: failTask(ctx, v.VirtualMachine, "relocateVM", fault),
			}}
		}
	}
	return v.VirtualMachine.RelocateVMTask(ctx, req)
}

func datastoreName(ctx *simulator.Context, ref types.ManagedObjectReference) string {
	if ds, ok := ctx.Map.Get(ref).(*simulator.Datastore); ok {
		return ds.Name
	}
	return ref.Value
}
