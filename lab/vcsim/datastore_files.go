package main

import (
	"os"
	"path/filepath"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// fileManagerOverride fixes FileManager.MakeDirectory,
// DeleteDatastoreFile_Task and CopyDatastoreFile_Task where the simulator
// differs from vCenter:
//
//   - MakeDirectory of a path that exists fails with FileAlreadyExists, with
//     createParentDirectories too (govc's `datastore.mkdir -p` ignores that
//     fault for this reason); the simulator succeeds silently (os.MkdirAll).
//   - DeleteDatastoreFile_Task of a path that does not exist fails with
//     FileNotFound naming the datastore path; the simulator names its local
//     directory. Deleting the datastore's root ("[ds]") fails with
//     InvalidDatastorePath instead of erasing the volume. Folders are deleted
//     with their contents ("Folder deletes are always recursive", API
//     reference of FileManager), as in the simulator.
//   - CopyDatastoreFile_Task makes the destination's missing parent folders,
//     as vCenter does: nova-compute copies an image from Glance's folder to
//     vmware_temp/<uuid>/<image>/ on the instance's datastore without making
//     that folder first. The simulator fails with FileNotFound. A copy whose
//     source is missing makes nothing.
type fileManagerOverride struct {
	*simulator.FileManager
}

func (f *fileManagerOverride) MakeDirectory(ctx *simulator.Context, req *types.MakeDirectory) soap.HasFault {
	if local, fault := localFile(ctx, req.Datacenter, req.Name); fault == nil {
		if _, err := os.Stat(local); err == nil {
			return &methods.MakeDirectoryBody{Fault_: simulator.Fault("Cannot complete the operation because the file or folder "+
				req.Name+" already exists", &types.FileAlreadyExists{FileFault: types.FileFault{File: req.Name}})}
		}
	}
	return f.FileManager.MakeDirectory(ctx, req)
}

func (f *fileManagerOverride) DeleteDatastoreFileTask(ctx *simulator.Context, req *types.DeleteDatastoreFile_Task) soap.HasFault {
	local, fault := localFile(ctx, req.Datacenter, req.Name)
	if fault == nil {
		if _, err := os.Stat(local); os.IsNotExist(err) {
			fault = &types.FileNotFound{FileFault: types.FileFault{File: req.Name}}
		}
	}
	if fault != nil {
		return &methods.DeleteDatastoreFile_TaskBody{Res: &types.DeleteDatastoreFile_TaskResponse{
			Returnval: failTask(ctx, f.FileManager, "deleteDatastoreFile", fault),
		}}
	}
	return f.FileManager.DeleteDatastoreFileTask(ctx, req)
}

func (f *fileManagerOverride) CopyDatastoreFileTask(ctx *simulator.Context, req *types.CopyDatastoreFile_Task) soap.HasFault {
	src, srcFault := localFile(ctx, req.SourceDatacenter, req.SourceName)
	dst, dstFault := localFile(ctx, req.DestinationDatacenter, req.DestinationName)
	if srcFault == nil && dstFault == nil {
		if _, err := os.Stat(src); err == nil && os.MkdirAll(filepath.Dir(dst), 0o700) != nil {
			return &methods.CopyDatastoreFile_TaskBody{Res: &types.CopyDatastoreFile_TaskResponse{
				Returnval: failTask(ctx, f.FileManager, "copyDatastoreFile",
					&types.CannotCreateFile{FileFault: types.FileFault{File: req.DestinationName}}),
			}}
		}
	}
	// The simulator copies, and answers what remains wrong (a missing source: FileNotFound).
	return f.FileManager.CopyDatastoreFileTask(ctx, req)
}

// localFile is where the lab keeps the file a datastore path ("[ds] a/b")
// names in the datacenter. The root of a datastore is not a file.
func localFile(ctx *simulator.Context, dcRef *types.ManagedObjectReference, name string) (string, types.BaseMethodFault) {
	var p object.DatastorePath
	if !p.FromString(name) || p.Path == "" {
		return "", &types.InvalidDatastorePath{DatastorePath: name}
	}
	if dcRef == nil {
		return "", invalidArgument("datacenter")
	}
	dc, ok := ctx.Map.Get(*dcRef).(*simulator.Datacenter)
	if !ok {
		return "", &types.ManagedObjectNotFound{Obj: *dcRef}
	}
	ds := findDatastore(ctx, dc.DatastoreFolder, p.Datastore)
	if ds == nil {
		return "", &types.InvalidDatastore{Name: p.Datastore}
	}
	return filepath.Join(ds.Info.GetDatastoreInfo().Url, filepath.FromSlash(p.Path)), nil
}
