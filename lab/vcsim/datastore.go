package main

import (
	"path"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// hostDatastoreSystemOverride fixes HostDatastoreSystem.CreateNasDatastore.
type hostDatastoreSystemOverride struct {
	*simulator.HostDatastoreSystem
}

// CreateNasDatastore models vCenter mounting an NFS export that is already a
// datastore in the datacenter (the same export on a second host): the host
// joins the existing datastore and its MoRef is returned. The simulator does
// the mount but returns an empty MoRef.
func (s *hostDatastoreSystemOverride) CreateNasDatastore(ctx *simulator.Context, req *types.CreateNasDatastore) soap.HasFault {
	body := s.HostDatastoreSystem.CreateNasDatastore(ctx, req).(*methods.CreateNasDatastoreBody)
	if body.Res != nil && body.Res.Returnval.Value == "" {
		if e := ctx.Map.FindByName(path.Base(req.Spec.LocalPath), s.Datastore); e != nil {
			body.Res.Returnval = e.Reference()
		}
	}
	return body
}
