package main

import (
	"crypto/sha1"
	"encoding/hex"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// Datastores as vCenter 8 keeps them: NFS mounts (here), VMFS volumes on a
// host's local disks (datastore_vmfs.go), removal from a host, renaming.
//
// Where the files are. The simulator keeps a datastore's files in the local
// directory its info.url names (the FileManager, the datastore browser and
// /folder transfers resolve "[ds] path" there), and its CreateNasDatastore
// wanted localPath to be such a directory. vCenter needs none: localPath is
// just the datastore's name. The lab gives every volume a directory of its
// own, <simulator home>/volumes/<volume id>, the id being what ESXi shows
// under /vmfs/volumes: derived from the export for NFS, so that every host
// mounting an export — in any datacenter — sees the same files; random for a
// new VMFS volume. The directories go with the simulator's home when it stops.
//
// A datastore object lives as long as a host mounts it: RemoveDatastore
// unmounts it from one host, and from the last one it leaves the inventory
// ("A Datastore object can be removed only if no hosts currently have the
// datastore mounted", API reference of Datastore). An NFS export keeps its
// files for the next mount; a removed VMFS volume is erased and its disk is
// free again.

// hostDatastoreSystemOverride implements HostDatastoreSystem's datastore
// methods: CreateNasDatastore, RemoveDatastore (here) and the VMFS ones.
type hostDatastoreSystemOverride struct {
	*simulator.HostDatastoreSystem
}

// nasCapacity is the size every NFS export reports in the lab (the simulator
// reports 1 TB per mounting host).
const nasCapacity = int64(1) << 40

// CreateNasDatastore mounts an NFS export on the host as the datastore named
// spec.localPath (its last path element, as the simulator named it, so that
// an absolute directory still works). The spec is checked like vCenter does:
// type NFS (one server) or NFS41 (one or more, remoteHostNames), remotePath,
// localPath and accessMode readWrite | readOnly are required, else
// InvalidArgument naming the spec property. A datastore of that name in the
// datacenter that is the same export is mounted on this host too and
// returned; one that is something else, or is mounted here already, is a
// DuplicateName. The mount keeps the requested access mode.
func (s *hostDatastoreSystemOverride) CreateNasDatastore(ctx *simulator.Context, req *types.CreateNasDatastore) soap.HasFault {
	ref, fault := s.createNas(ctx, req.Spec)
	if fault != nil {
		return &methods.CreateNasDatastoreBody{Fault_: fault}
	}
	return &methods.CreateNasDatastoreBody{Res: &types.CreateNasDatastoreResponse{Returnval: ref}}
}

func (s *hostDatastoreSystemOverride) createNas(ctx *simulator.Context, spec types.HostNasVolumeSpec) (types.ManagedObjectReference, *soap.Fault) {
	var none types.ManagedObjectReference
	kind := spec.Type
	if kind == "" {
		kind = string(types.HostFileSystemVolumeFileSystemTypeNFS)
	}
	servers := spec.RemoteHostNames
	if len(servers) == 0 && spec.RemoteHost != "" {
		servers = []string{spec.RemoteHost}
	}
	switch {
	case kind != "NFS" && kind != "NFS41":
		return none, argumentFault("spec.type", "type must be NFS or NFS41, not "+kind)
	case len(servers) == 0:
		return none, argumentFault("spec.remoteHost", "remoteHost is required")
	case kind == "NFS" && len(servers) > 1:
		return none, argumentFault("spec.remoteHostNames", "NFS 3 mounts from one server; several are for NFS41")
	case spec.RemotePath == "":
		return none, argumentFault("spec.remotePath", "remotePath is required")
	case spec.LocalPath == "":
		return none, argumentFault("spec.localPath", "localPath is required")
	case spec.AccessMode != string(types.HostMountModeReadWrite) && spec.AccessMode != string(types.HostMountModeReadOnly):
		return none, argumentFault("spec.accessMode", "accessMode must be readWrite or readOnly, not "+spec.AccessMode)
	}
	name := path.Base(spec.LocalPath)
	id := nfsVolumeID(servers, spec.RemotePath)
	mount := types.HostMountInfo{
		Path:       "/vmfs/volumes/" + id,
		AccessMode: spec.AccessMode,
		Mounted:    types.NewBool(true),
		Accessible: types.NewBool(true),
	}

	if existing := s.datastoreNamed(ctx, name); existing != nil {
		nas, ok := existing.Info.(*types.NasDatastoreInfo)
		if !ok || nas.Nas == nil || nas.Nas.Type != kind || nas.Nas.RemotePath != spec.RemotePath ||
			!slices.Equal(exportServers(nas.Nas), servers) || contains(s.Datastore, existing.Self) {
			return none, duplicateName(name, existing.Self)
		}
		mountVolume(ctx, s.HostDatastoreSystem, existing, mount)
		return existing.Self, nil
	}

	ds, fault := s.createVolume(ctx, name, id)
	if fault != nil {
		return none, fault
	}
	info := &types.NasDatastoreInfo{
		DatastoreInfo: volumeInfo(name, ds.Info.GetDatastoreInfo().Url, nasCapacity),
		Nas: &types.HostNasVolume{
			HostFileSystemVolume: types.HostFileSystemVolume{Type: kind, Name: name, Capacity: nasCapacity},
			RemoteHost:           servers[0],
			RemotePath:           spec.RemotePath,
			RemoteHostNames:      servers,
			SecurityType:         spec.SecurityType,
		},
	}
	if kind == "NFS41" && info.Nas.SecurityType == "" {
		info.Nas.SecurityType = string(types.HostNasVolumeSecurityTypeAUTH_SYS)
	}
	s.describeVolume(ctx, ds, info, kind, nasCapacity, mount)
	return ds.Self, nil
}

// exportServers are the servers of a mounted export, as the spec named them.
func exportServers(nas *types.HostNasVolume) []string {
	if len(nas.RemoteHostNames) > 0 {
		return nas.RemoteHostNames
	}
	return []string{nas.RemoteHost}
}

// nfsVolumeID is the volume id of an export: the same on every host, as on
// ESXi, where it is derived from the server and path (e.g. 3c4f9a1e-7b2d6c80).
func nfsVolumeID(servers []string, remotePath string) string {
	sum := sha1.Sum([]byte(strings.Join(servers, ",") + ":" + remotePath))
	return hex.EncodeToString(sum[:4]) + "-" + hex.EncodeToString(sum[4:8])
}

// createVolume makes a new datastore named name on this host, backed by the
// volume directory id, through the simulator's CreateLocalDatastore (which
// files it into the datacenter, mounts it and gives it a browser); the caller
// then describes it as the kind of volume it is.
func (s *hostDatastoreSystemOverride) createVolume(ctx *simulator.Context, name, id string) (*simulator.Datastore, *soap.Fault) {
	dir, err := volumeDir(ctx, id)
	if err != nil {
		return nil, simulator.Fault(err.Error(), &types.HostConfigFault{})
	}
	body := s.HostDatastoreSystem.CreateLocalDatastore(ctx, &types.CreateLocalDatastore{This: s.Self, Name: name, Path: dir}).(*methods.CreateLocalDatastoreBody)
	if body.Fault_ != nil {
		return nil, body.Fault_
	}
	return ctx.Map.Get(body.Res.Returnval).(*simulator.Datastore), nil
}

// describeVolume sets what a new datastore reports: its volume info, type and
// size in the summary, and this host's mount.
func (s *hostDatastoreSystemOverride) describeVolume(ctx *simulator.Context, ds *simulator.Datastore, info types.BaseDatastoreInfo, kind string, capacity int64, mount types.HostMountInfo) {
	ctx.WithLock(ds, func() {
		summary := ds.Summary
		summary.Type = kind
		summary.Capacity = capacity
		summary.FreeSpace = info.GetDatastoreInfo().FreeSpace
		mounts := slices.Clone(ds.Host)
		for i := range mounts {
			if mounts[i].Key == s.Host.Self {
				mounts[i].MountInfo = mount
			}
		}
		ctx.Update(ds, []types.PropertyChange{change("info", info), change("summary", summary), change("host", mounts)})
	})
}

// volumeInfo is the DatastoreInfo of an empty volume of the given size.
func volumeInfo(name, url string, capacity int64) types.DatastoreInfo {
	return types.DatastoreInfo{
		Name:              name,
		Url:               url,
		FreeSpace:         capacity,
		MaxFileSize:       min(capacity, 62<<40), // VMFS 6 and NFS: 62 TB
		MaxMemoryFileSize: min(capacity, 62<<40),
		Timestamp:         types.NewTime(time.Now()),
	}
}

// volumeDir is the directory that holds a volume's files, created if needed.
func volumeDir(ctx *simulator.Context, id string) (string, error) {
	home := ""
	for _, opt := range ctx.Map.OptionManager().Setting {
		if o := opt.GetOptionValue(); o.Key == "vcsim.home" {
			home, _ = o.Value.(string)
		}
	}
	if home == "" {
		return "", os.ErrNotExist
	}
	dir := filepath.Join(home, "volumes", id)
	return dir, os.MkdirAll(dir, 0o700)
}

// datastoreNamed returns the datastore of that name in the host's datacenter
// (datastore names are unique within a datacenter), or nil.
func (s *hostDatastoreSystemOverride) datastoreNamed(ctx *simulator.Context, name string) *simulator.Datastore {
	dc := datacenterOf(ctx, s.Host)
	if dc == nil {
		return nil
	}
	return findDatastore(ctx, dc.DatastoreFolder, name)
}

// findDatastore looks for a datastore by name in a folder (or datastore
// cluster) and its subfolders.
func findDatastore(ctx *simulator.Context, folder types.ManagedObjectReference, name string) *simulator.Datastore {
	var refs []types.ManagedObjectReference
	switch f := ctx.Map.Get(folder).(type) {
	case *simulator.Folder:
		refs = children(ctx, f)
	case *simulator.StoragePod:
		ctx.WithLock(f, func() { refs = slices.Clone(f.ChildEntity) })
	}
	for _, ref := range refs {
		switch e := ctx.Map.Get(ref).(type) {
		case *simulator.Datastore:
			if e.Name == name {
				return e
			}
		case *simulator.Folder, *simulator.StoragePod:
			if ds := findDatastore(ctx, ref, name); ds != nil {
				return ds
			}
		}
	}
	return nil
}

// mountVolume mounts an existing datastore on the host of dss: the datastore
// lists the host, and the host and its compute resource list the datastore.
func mountVolume(ctx *simulator.Context, dss *simulator.HostDatastoreSystem, ds *simulator.Datastore, mount types.HostMountInfo) {
	ref := ds.Self
	ctx.WithLock(ds, func() {
		mounts := append(slices.Clone(ds.Host), types.DatastoreHostMount{Key: dss.Host.Self, MountInfo: mount})
		ctx.Update(ds, []types.PropertyChange{change("host", mounts)})
	})
	setHostDatastores(ctx, dss, append(slices.Clone(dss.Datastore), ref))
	if obj, cr := hostComputeResource(ctx, dss); cr != nil {
		ctx.WithLock(obj, func() {
			if !contains(cr.Datastore, ref) {
				ctx.Update(obj, []types.PropertyChange{change("datastore", append(slices.Clone(cr.Datastore), ref))})
			}
		})
	}
}

// unmountVolume undoes mountVolume. The compute resource keeps listing the
// datastore while another of its hosts mounts it. It returns how many hosts
// still mount the datastore.
func unmountVolume(ctx *simulator.Context, dss *simulator.HostDatastoreSystem, ds *simulator.Datastore) int {
	ref, host := ds.Self, dss.Host.Self
	var others []types.ManagedObjectReference
	ctx.WithLock(ds, func() {
		var mounts []types.DatastoreHostMount
		for _, m := range ds.Host {
			if m.Key != host {
				mounts = append(mounts, m)
				others = append(others, m.Key)
			}
		}
		ctx.Update(ds, []types.PropertyChange{change("host", mounts)})
	})
	setHostDatastores(ctx, dss, without(dss.Datastore, ref))
	if obj, cr := hostComputeResource(ctx, dss); cr != nil {
		ctx.WithLock(obj, func() {
			for _, h := range cr.Host {
				if contains(others, h) {
					return
				}
			}
			if contains(cr.Datastore, ref) {
				ctx.Update(obj, []types.PropertyChange{change("datastore", without(cr.Datastore, ref))})
			}
		})
	}
	return len(others)
}

// setHostDatastores sets the datastore list of a host and of its datastore
// system (the simulator keeps the two the same).
func setHostDatastores(ctx *simulator.Context, dss *simulator.HostDatastoreSystem, refs []types.ManagedObjectReference) {
	ctx.Update(dss, []types.PropertyChange{change("datastore", refs)})
	if host, ok := ctx.Map.Get(dss.Host.Self).(*simulator.HostSystem); ok {
		ctx.WithLock(host, func() {
			ctx.Update(host, []types.PropertyChange{change("datastore", slices.Clone(refs))})
		})
	}
}

// hostComputeResource is the cluster or standalone compute resource of the
// host of dss.
func hostComputeResource(ctx *simulator.Context, dss *simulator.HostDatastoreSystem) (mo.Reference, *mo.ComputeResource) {
	host, ok := ctx.Map.Get(dss.Host.Self).(*simulator.HostSystem)
	if !ok {
		return nil, nil
	}
	return computeResourceOf(ctx, host)
}

// RemoveDatastore unmounts a datastore from the host. NotFound when the host
// does not mount it; ResourceInUse while a VM on this host uses it. Unmounted
// from its last host, the datastore leaves the inventory: an NFS export keeps
// its files on the server, a VMFS volume is erased (its disk is free again).
func (s *hostDatastoreSystemOverride) RemoveDatastore(ctx *simulator.Context, req *types.RemoveDatastore) soap.HasFault {
	ds, ok := ctx.Map.Get(req.Datastore).(*simulator.Datastore)
	if !ok || !contains(s.Datastore, req.Datastore) {
		return &methods.RemoveDatastoreBody{Fault_: simulator.Fault(
			"The datastore "+req.Datastore.Value+" is not mounted on host "+s.Host.Name+".", &types.NotFound{})}
	}
	for _, ref := range ds.Vm {
		if vm, ok := ctx.Map.Get(ref).(*simulator.VirtualMachine); ok && vm.Runtime.Host != nil && *vm.Runtime.Host == s.Host.Self {
			return &methods.RemoveDatastoreBody{Fault_: simulator.Fault(
				"The datastore "+ds.Name+" is in use by virtual machine "+vm.Name+".",
				&types.ResourceInUse{Type: ds.Self.Type, Name: ds.Name})}
		}
	}
	if unmountVolume(ctx, s.HostDatastoreSystem, ds) == 0 {
		removeDatastore(ctx, ds)
	}
	return &methods.RemoveDatastoreBody{Res: &types.RemoveDatastoreResponse{}}
}

// removeDatastore takes a datastore that no host mounts any more out of the
// inventory; a VMFS volume's files go with it.
func removeDatastore(ctx *simulator.Context, ds *simulator.Datastore) {
	if dc := datacenterOf(ctx, ds); dc != nil {
		removeRef(ctx, dc, "datastore", &dc.Datastore, ds.Self)
	}
	var owned []types.ManagedObjectReference
	if ds.Browser.Value != "" {
		owned = append(owned, ds.Browser)
	}
	if _, vmfs := ds.Info.(*types.VmfsDatastoreInfo); vmfs {
		_ = os.RemoveAll(ds.Info.GetDatastoreInfo().Url)
	}
	unlinkEntity(ctx, ds, owned...)
}

// datastoreOverride implements Datastore.Rename_Task (MethodNotFound in the
// simulator).
type datastoreOverride struct {
	*simulator.Datastore
}

// RenameTask renames the datastore, as vCenter does for datastores of any
// kind: its name, summary and info (and the volume's name) change, its files
// stay. A name used by another datastore of the datacenter fails with
// DuplicateName; an empty name, one longer than 80 characters, or one with
// "/", "\" or "%" (allowed in paths, "but not in a datastore name", API
// reference of Datastore) with InvalidName.
func (d *datastoreOverride) RenameTask(ctx *simulator.Context, req *types.Rename_Task) soap.HasFault {
	ds, name := d.Datastore, req.NewName
	return &methods.Rename_TaskBody{Res: &types.Rename_TaskResponse{Returnval: runTask(ctx, ds, "rename", func() types.BaseMethodFault {
		if name == "" || len(name) > 80 || strings.ContainsAny(name, `/\%`) {
			return &types.InvalidName{Name: name, Entity: &ds.Self}
		}
		if dc := datacenterOf(ctx, ds); dc != nil {
			if other := findDatastore(ctx, dc.DatastoreFolder, name); other != nil && other.Self != ds.Self {
				return &types.DuplicateName{Name: name, Object: other.Self}
			}
		}
		summary := ds.Summary
		summary.Name = name
		ctx.Update(ds, []types.PropertyChange{change("name", name), change("summary", summary), change("info", renamedInfo(ds.Info, name))})
		return nil
	})}}
}

// renamedInfo is a copy of a datastore's info with the new name.
func renamedInfo(info types.BaseDatastoreInfo, name string) types.BaseDatastoreInfo {
	switch i := info.(type) {
	case *types.NasDatastoreInfo:
		c := *i
		c.Name = name
		if i.Nas != nil {
			nas := *i.Nas
			nas.Name = name
			c.Nas = &nas
		}
		return &c
	case *types.VmfsDatastoreInfo:
		c := *i
		c.Name = name
		if i.Vmfs != nil {
			vmfs := *i.Vmfs
			vmfs.Name = name
			c.Vmfs = &vmfs
		}
		return &c
	case *types.LocalDatastoreInfo:
		c := *i
		c.Name = name
		return &c
	}
	info.GetDatastoreInfo().Name = name
	return info
}

func argumentFault(property, message string) *soap.Fault {
	return simulator.Fault("A specified parameter was not correct: "+property+" ("+message+")", invalidArgument(property))
}

func duplicateName(name string, object types.ManagedObjectReference) *soap.Fault {
	return simulator.Fault("The name '"+name+"' already exists.", &types.DuplicateName{Name: name, Object: object})
}
