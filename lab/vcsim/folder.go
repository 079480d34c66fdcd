package main

import (
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// folderOverride fixes Folder.CreateDatacenter (here) and
// Folder.CreateDVS_Task (dvs.go).
type folderOverride struct {
	*simulator.Folder
}

// CreateDatacenter models vCenter: a name already used by an entity in the
// folder fails with a DuplicateName fault (name, object = the existing
// entity); the simulator creates a second datacenter of the same name. An
// empty name fails with InvalidName.
func (f *folderOverride) CreateDatacenter(ctx *simulator.Context, req *types.CreateDatacenter) soap.HasFault {
	if req.Name == "" {
		return &methods.CreateDatacenterBody{
			Fault_: simulator.Fault("The name '' is invalid.", &types.InvalidName{Name: req.Name}),
		}
	}
	if e := ctx.Map.FindByName(req.Name, f.ChildEntity); e != nil {
		return &methods.CreateDatacenterBody{
			Fault_: simulator.Fault("The name '"+req.Name+"' already exists.",
				&types.DuplicateName{Name: req.Name, Object: e.Reference()}),
		}
	}
	return f.Folder.CreateDatacenter(ctx, req)
}

// children returns a snapshot of the folder's childEntity.
func children(ctx *simulator.Context, f *simulator.Folder) []types.ManagedObjectReference {
	var refs []types.ManagedObjectReference
	ctx.WithLock(f, func() { refs = f.ChildEntity })
	return refs
}
