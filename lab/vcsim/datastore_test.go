package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

// datastoreSystem is the host's HostDatastoreSystem.
func (e *env) datastoreSystem(h *object.HostSystem) *object.HostDatastoreSystem {
	e.t.Helper()
	dss, err := h.ConfigManager().DatastoreSystem(e.ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	return dss
}

// nfsSpec is an NFS 3 export of the lab's NFS server.
func nfsSpec(name, export string) types.HostNasVolumeSpec {
	return types.HostNasVolumeSpec{
		RemoteHost: "nfs.lab.invalid", RemotePath: export, LocalPath: name, AccessMode: "readWrite", Type: "NFS",
	}
}

// twoHosts makes a datacenter with a cluster of two hosts.
func twoHosts(e *env) (*object.DatacenterFolders, *object.ClusterComputeResource, *object.HostSystem, *object.HostSystem) {
	_, folders := e.datacenter("dc1")
	cluster := e.cluster(folders, "c1")
	return folders, cluster, e.addHost(cluster, "esx-01.lab"), e.addHost(cluster, "esx-02.lab")
}

func TestCreateNasDatastoreNeedsNoLocalDirectory(t *testing.T) {
	e := newEnv(t)
	_, cluster, h1, h2 := twoHosts(e)

	// Any name works: vCenter needs no directory for it.
	ds, err := e.datastoreSystem(h1).CreateNasDatastore(e.ctx, nfsSpec("openstack-nfs", "/export/glance"))
	if err != nil {
		t.Fatalf("CreateNasDatastore: %v (%s)", err, faultName(err))
	}
	var d mo.Datastore
	e.props(ds.Reference(), &d, "name", "summary", "info", "host")
	info, ok := d.Info.(*types.NasDatastoreInfo)
	if !ok {
		t.Fatalf("info is %T, want NasDatastoreInfo", d.Info)
	}
	id := nfsVolumeID([]string{"nfs.lab.invalid"}, "/export/glance")
	if d.Name != "openstack-nfs" || d.Summary.Name != "openstack-nfs" || info.Name != "openstack-nfs" || info.Nas.Name != "openstack-nfs" {
		t.Fatalf("names: %q, summary %q, info %q, nas %q; want openstack-nfs", d.Name, d.Summary.Name, info.Name, info.Nas.Name)
	}
	if info.Nas.RemoteHost != "nfs.lab.invalid" || info.Nas.RemotePath != "/export/glance" || info.Nas.Type != "NFS" ||
		!reflect.DeepEqual(info.Nas.RemoteHostNames, []string{"nfs.lab.invalid"}) {
		t.Fatalf("nas volume %+v", *info.Nas)
	}
	if d.Summary.Type != "NFS" || d.Summary.Capacity != nasCapacity || d.Summary.FreeSpace != nasCapacity || !d.Summary.Accessible {
		t.Fatalf("summary %+v", d.Summary)
	}
	if filepath.Base(d.Summary.Url) != id || info.Url != d.Summary.Url {
		t.Fatalf("url %q (info %q), want a volume directory named %s", d.Summary.Url, info.Url, id)
	}
	if fi, err := os.Stat(d.Summary.Url); err != nil || !fi.IsDir() {
		t.Fatalf("volume directory: %v", err)
	}
	if len(d.Host) != 1 || d.Host[0].Key != h1.Reference() || d.Host[0].MountInfo.AccessMode != "readWrite" ||
		d.Host[0].MountInfo.Path != "/vmfs/volumes/"+id {
		t.Fatalf("mounts %+v", d.Host)
	}

	// The same export on the second host is the same datastore, read-only there.
	spec := nfsSpec("openstack-nfs", "/export/glance")
	spec.AccessMode = "readOnly"
	again, err := e.datastoreSystem(h2).CreateNasDatastore(e.ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	if again.Reference() != ds.Reference() {
		t.Fatalf("second host got %v, want %v", again.Reference(), ds.Reference())
	}
	e.props(ds.Reference(), &d, "host")
	modes := map[types.ManagedObjectReference]string{}
	for _, m := range d.Host {
		modes[m.Key] = m.MountInfo.AccessMode
	}
	want := map[types.ManagedObjectReference]string{h1.Reference(): "readWrite", h2.Reference(): "readOnly"}
	if !reflect.DeepEqual(modes, want) {
		t.Fatalf("mounts %v, want %v", modes, want)
	}
	for _, h := range []*object.HostSystem{h1, h2} {
		var host mo.HostSystem
		e.props(h.Reference(), &host, "datastore")
		if !reflect.DeepEqual(host.Datastore, []types.ManagedObjectReference{ds.Reference()}) {
			t.Fatalf("%v lists %v", h.Reference(), host.Datastore)
		}
	}
	var c mo.ClusterComputeResource
	e.props(cluster.Reference(), &c, "datastore")
	if !reflect.DeepEqual(c.Datastore, []types.ManagedObjectReference{ds.Reference()}) {
		t.Fatalf("cluster lists %v", c.Datastore)
	}

	// Mounted already: DuplicateName naming the datastore.
	_, err = e.datastoreSystem(h2).CreateNasDatastore(e.ctx, spec)
	if f, ok := vimFault(err).(*types.DuplicateName); !ok || f.Name != "openstack-nfs" || f.Object != ds.Reference() {
		t.Fatalf("mounting twice: %v (%s)", err, faultName(err))
	}
}

func TestCreateNasDatastoreNameTakenByAnotherExport(t *testing.T) {
	e := newEnv(t)
	_, _, h1, h2 := twoHosts(e)
	ds, err := e.datastoreSystem(h1).CreateNasDatastore(e.ctx, nfsSpec("nfs1", "/export/a"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.datastoreSystem(h2).CreateNasDatastore(e.ctx, nfsSpec("nfs1", "/export/b"))
	if f, ok := vimFault(err).(*types.DuplicateName); !ok || f.Name != "nfs1" || f.Object != ds.Reference() {
		t.Fatalf("another export under a taken name: %v (%s)", err, faultName(err))
	}
}

func TestCreateNasDatastoreNFS41(t *testing.T) {
	e := newEnv(t)
	_, _, h1, _ := twoHosts(e)
	spec := types.HostNasVolumeSpec{
		RemoteHost: "nfs-a.lab.invalid", RemoteHostNames: []string{"nfs-a.lab.invalid", "nfs-b.lab.invalid"},
		RemotePath: "/export/v41", LocalPath: "nfs41", AccessMode: "readWrite", Type: "NFS41",
	}
	ds, err := e.datastoreSystem(h1).CreateNasDatastore(e.ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	var d mo.Datastore
	e.props(ds.Reference(), &d, "summary", "info")
	nas := d.Info.(*types.NasDatastoreInfo).Nas
	if d.Summary.Type != "NFS41" || nas.Type != "NFS41" || nas.RemoteHost != "nfs-a.lab.invalid" ||
		!reflect.DeepEqual(nas.RemoteHostNames, spec.RemoteHostNames) || nas.SecurityType != "AUTH_SYS" {
		t.Fatalf("summary type %q, nas %+v", d.Summary.Type, *nas)
	}
}

func TestCreateNasDatastoreChecksTheSpec(t *testing.T) {
	e := newEnv(t)
	_, _, h1, _ := twoHosts(e)
	dss := e.datastoreSystem(h1)
	for _, c := range []struct {
		property string
		edit     func(*types.HostNasVolumeSpec)
	}{
		{"spec.type", func(s *types.HostNasVolumeSpec) { s.Type = "CIFS" }},
		{"spec.remoteHost", func(s *types.HostNasVolumeSpec) { s.RemoteHost = "" }},
		{"spec.remoteHostNames", func(s *types.HostNasVolumeSpec) { s.RemoteHostNames = []string{"a", "b"} }},
		{"spec.remotePath", func(s *types.HostNasVolumeSpec) { s.RemotePath = "" }},
		{"spec.localPath", func(s *types.HostNasVolumeSpec) { s.LocalPath = "" }},
		{"spec.accessMode", func(s *types.HostNasVolumeSpec) { s.AccessMode = "writeOnly" }},
	} {
		spec := nfsSpec("bad", "/export/bad")
		c.edit(&spec)
		_, err := dss.CreateNasDatastore(e.ctx, spec)
		if f, ok := vimFault(err).(*types.InvalidArgument); !ok || f.InvalidProperty != c.property {
			t.Errorf("%s: %v (%s), want InvalidArgument %s", c.property, err, faultName(err), c.property)
		}
	}
}

func TestRemoveDatastoreUnmountsAndTheLastRemoves(t *testing.T) {
	e := newEnv(t)
	folders, cluster, h1, h2 := twoHosts(e)
	ds, err := e.datastoreSystem(h1).CreateNasDatastore(e.ctx, nfsSpec("nfs1", "/export/a"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.datastoreSystem(h2).CreateNasDatastore(e.ctx, nfsSpec("nfs1", "/export/a")); err != nil {
		t.Fatal(err)
	}
	var d mo.Datastore
	e.props(ds.Reference(), &d, "summary", "browser")
	dir := d.Summary.Url
	if err := os.WriteFile(filepath.Join(dir, "image.vmdk"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}

	if err := e.datastoreSystem(h1).Remove(e.ctx, ds); err != nil {
		t.Fatalf("RemoveDatastore on h1: %v (%s)", err, faultName(err))
	}
	if got := mountedHosts(e, ds.Reference()); !reflect.DeepEqual(got, []types.ManagedObjectReference{h2.Reference()}) {
		t.Fatalf("mounted on %v, want only h2", got)
	}
	var host mo.HostSystem
	e.props(h1.Reference(), &host, "datastore")
	if len(host.Datastore) != 0 {
		t.Fatalf("h1 still lists %v", host.Datastore)
	}
	var c mo.ClusterComputeResource
	e.props(cluster.Reference(), &c, "datastore")
	if !reflect.DeepEqual(c.Datastore, []types.ManagedObjectReference{ds.Reference()}) {
		t.Fatalf("the cluster lists %v while h2 mounts it", c.Datastore)
	}

	// Not mounted on h1 any more: NotFound.
	if err := e.datastoreSystem(h1).Remove(e.ctx, ds); faultName(err) != "NotFound" {
		t.Fatalf("removing again: %v (%s), want NotFound", err, faultName(err))
	}

	// From the last host: the datastore and its browser are gone, the export keeps its files.
	if err := e.datastoreSystem(h2).Remove(e.ctx, ds); err != nil {
		t.Fatal(err)
	}
	if e.exists(ds.Reference()) || e.exists(d.Browser) {
		t.Fatal("the datastore or its browser is still in the inventory")
	}
	var dsFolder mo.Folder
	e.props(folders.DatastoreFolder.Reference(), &dsFolder, "childEntity")
	e.props(cluster.Reference(), &c, "datastore")
	if len(dsFolder.ChildEntity) != 0 || len(c.Datastore) != 0 {
		t.Fatalf("datastore folder %v, cluster %v", dsFolder.ChildEntity, c.Datastore)
	}
	if _, err := os.Stat(filepath.Join(dir, "image.vmdk")); err != nil {
		t.Fatalf("the export lost its files: %v", err)
	}

	// Mounted again, the export shows them.
	again, err := e.datastoreSystem(h1).CreateNasDatastore(e.ctx, nfsSpec("nfs1", "/export/a"))
	if err != nil {
		t.Fatal(err)
	}
	e.props(again.Reference(), &d, "summary")
	if d.Summary.Url != dir {
		t.Fatalf("remounted at %q, want %q", d.Summary.Url, dir)
	}
}

func TestRenameDatastore(t *testing.T) {
	e := newEnv(t)
	_, _, h1, _ := twoHosts(e)
	dss := e.datastoreSystem(h1)
	ds, err := dss.CreateNasDatastore(e.ctx, nfsSpec("nfs1", "/export/a"))
	if err != nil {
		t.Fatal(err)
	}
	other, err := dss.CreateNasDatastore(e.ctx, nfsSpec("nfs2", "/export/b"))
	if err != nil {
		t.Fatal(err)
	}

	e.mustTask(ds.Rename(e.ctx, "images"))
	var d mo.Datastore
	e.props(ds.Reference(), &d, "name", "summary", "info")
	nas := d.Info.(*types.NasDatastoreInfo)
	if d.Name != "images" || d.Summary.Name != "images" || nas.Name != "images" || nas.Nas.Name != "images" {
		t.Fatalf("after rename: %q, summary %q, info %q, nas %q", d.Name, d.Summary.Name, nas.Name, nas.Nas.Name)
	}

	_, err = e.task(ds.Rename(e.ctx, "nfs2"))
	if f, ok := vimFault(err).(*types.DuplicateName); !ok || f.Name != "nfs2" || f.Object != other.Reference() {
		t.Fatalf("rename to a taken name: %v (%s)", err, faultName(err))
	}
	for _, bad := range []string{"", "a/b", `a\b`, "50%", strings.Repeat("x", 81)} {
		if _, err := e.task(ds.Rename(e.ctx, bad)); faultName(err) != "InvalidName" {
			t.Errorf("rename to %q: %v (%s), want InvalidName", bad, err, faultName(err))
		}
	}
}

func TestRemoveDatastoreInUseByAVMOfTheHost(t *testing.T) {
	e := newEnv(t)
	folders, cluster, h1, h2 := twoHosts(e)
	ds, err := e.datastoreSystem(h1).CreateNasDatastore(e.ctx, nfsSpec("nfs1", "/export/a"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.datastoreSystem(h2).CreateNasDatastore(e.ctx, nfsSpec("nfs1", "/export/a")); err != nil {
		t.Fatal(err)
	}
	e.vmOnNfs1(folders, cluster, h1)

	err = e.datastoreSystem(h1).Remove(e.ctx, ds)
	if f, ok := vimFault(err).(*types.ResourceInUse); !ok || f.Name != "nfs1" {
		t.Fatalf("unmounting from the VM's host: %v (%s), want ResourceInUse", err, faultName(err))
	}
	// The other host may leave.
	if err := e.datastoreSystem(h2).Remove(e.ctx, ds); err != nil {
		t.Fatalf("unmounting from the other host: %v (%s)", err, faultName(err))
	}
	if got := mountedHosts(e, ds.Reference()); !reflect.DeepEqual(got, []types.ManagedObjectReference{h1.Reference()}) {
		t.Fatalf("mounted on %v, want only h1", got)
	}
}
