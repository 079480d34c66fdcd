package main

import (
	"reflect"
	"testing"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

// nasDatastore mounts one NFS export on the hosts (an absolute localPath, so
// the test does not depend on the working directory).
func (e *env) nasDatastore(dir string, hosts ...*object.HostSystem) types.ManagedObjectReference {
	e.t.Helper()
	var ref types.ManagedObjectReference
	for _, h := range hosts {
		dss, err := h.ConfigManager().DatastoreSystem(e.ctx)
		if err != nil {
			e.t.Fatal(err)
		}
		ds, err := dss.CreateNasDatastore(e.ctx, types.HostNasVolumeSpec{
			RemoteHost: "nfs.lab.invalid", RemotePath: "/export/ds1", LocalPath: dir, AccessMode: "readWrite", Type: "NFS",
		})
		if err != nil {
			e.t.Fatal(err)
		}
		// The same export on a further host is the same datastore.
		if ref.Value != "" && ds.Reference() != ref {
			e.t.Fatalf("CreateNasDatastore on %v returned %v, want the existing %v", h.Reference(), ds.Reference(), ref)
		}
		ref = ds.Reference()
	}
	if ref.Type != "Datastore" || ref.Value == "" {
		e.t.Fatalf("CreateNasDatastore returned %v", ref)
	}
	return ref
}

func mountedHosts(e *env, ds types.ManagedObjectReference) []types.ManagedObjectReference {
	var d mo.Datastore
	e.props(ds, &d, "host")
	var refs []types.ManagedObjectReference
	for _, m := range d.Host {
		refs = append(refs, m.Key)
	}
	return refs
}

func TestDestroyHostInCluster(t *testing.T) {
	e := newEnv(t)
	_, folders := e.datacenter("dc1")
	cluster := e.cluster(folders, "c1")
	h1 := e.addHost(cluster, "esx-01.lab")
	h2 := e.addHost(cluster, "esx-02.lab")
	ds := e.nasDatastore(t.TempDir(), h1, h2)
	member := func(h *object.HostSystem) types.DistributedVirtualSwitchHostMemberConfigSpec {
		return types.DistributedVirtualSwitchHostMemberConfigSpec{Operation: "add", Host: h.Reference()}
	}
	dvs := e.createDVS(folders, &types.VMwareDVSConfigSpec{DVSConfigSpec: types.DVSConfigSpec{
		Name: "dvs1", Host: []types.DistributedVirtualSwitchHostMemberConfigSpec{member(h1), member(h2)},
	}})
	pg := e.addPortgroup(dvs, types.DVPortgroupConfigSpec{Name: "pg1", Type: "earlyBinding", NumPorts: 8})

	// vCenter requires maintenance mode for a connected host in a cluster.
	_, err := e.task(h1.Destroy(e.ctx))
	if got := faultName(err); got != "InvalidState" {
		t.Fatalf("destroy outside maintenance mode: got %s, want InvalidState", got)
	}
	if !e.exists(h1.Reference()) {
		t.Fatal("host removed despite the fault")
	}

	e.mustTask(h1.EnterMaintenanceMode(e.ctx, 0, false, nil))
	var hs mo.HostSystem
	e.props(h1.Reference(), &hs, "runtime.inMaintenanceMode")
	if !hs.Runtime.InMaintenanceMode {
		t.Fatal("host not in maintenance mode")
	}
	e.mustTask(h1.Destroy(e.ctx))

	if e.exists(h1.Reference()) {
		t.Fatal("host still exists")
	}
	var c mo.ClusterComputeResource
	e.props(cluster.Reference(), &c, "host", "summary")
	if !reflect.DeepEqual(c.Host, []types.ManagedObjectReference{h2.Reference()}) {
		t.Fatalf("cluster hosts %v, want [%v]", c.Host, h2.Reference())
	}
	if n := c.Summary.GetComputeResourceSummary().NumHosts; n != 1 {
		t.Fatalf("cluster summary.numHosts %d, want 1", n)
	}
	s, cfg := readDVS(e, dvs)
	if !reflect.DeepEqual(s.Summary.HostMember, []types.ManagedObjectReference{h2.Reference()}) || len(cfg.Host) != 1 {
		t.Fatalf("switch members %v / config.host %d entries", s.Summary.HostMember, len(cfg.Host))
	}
	var p mo.DistributedVirtualPortgroup
	e.props(pg.Reference(), &p, "host")
	if refsContain(p.Host, h1.Reference()) {
		t.Fatalf("port group hosts %v still list the removed host", p.Host)
	}
	if got := mountedHosts(e, ds); !reflect.DeepEqual(got, []types.ManagedObjectReference{h2.Reference()}) {
		t.Fatalf("datastore mounted on %v, want [%v]", got, h2.Reference())
	}

	// The cluster, switch and datastore keep working without the host.
	h3 := e.addHost(cluster, "esx-03.lab")
	e.mustTask(dvs.Reconfigure(e.ctx, &types.DVSConfigSpec{Host: []types.DistributedVirtualSwitchHostMemberConfigSpec{member(h3)}}))
	e.addPortgroup(dvs, types.DVPortgroupConfigSpec{Name: "pg2", Type: "earlyBinding"})

	// A disconnected host needs no maintenance mode.
	ref := e.mustTask(cluster.AddHost(e.ctx, hostSpec("esx-04.lab"), false, nil, nil))
	h4 := object.NewHostSystem(e.c, ref.(types.ManagedObjectReference))
	e.mustTask(h4.Destroy(e.ctx))
	if e.exists(h4.Reference()) {
		t.Fatal("disconnected host still exists")
	}
}

func TestDestroyStandaloneHost(t *testing.T) {
	e := newEnv(t)
	_, folders := e.datacenter("dc1")
	host := e.addStandaloneHost(folders, "esx-10.lab")
	var hs mo.HostSystem
	e.props(host.Reference(), &hs, "parent")
	if hs.Parent == nil || hs.Parent.Type != "ComputeResource" {
		t.Fatalf("standalone host parent %v", hs.Parent)
	}
	cr := object.NewComputeResource(e.c, *hs.Parent)

	// API reference: destroy on a standalone HostSystem throws NotSupported.
	_, err := e.task(host.Destroy(e.ctx))
	if got := faultName(err); got != "NotSupported" {
		t.Fatalf("destroy standalone host: got %s, want NotSupported", got)
	}

	var crMo mo.ComputeResource
	e.props(cr.Reference(), &crMo, "resourcePool")
	e.mustTask(cr.Destroy(e.ctx))
	for _, ref := range []types.ManagedObjectReference{cr.Reference(), host.Reference(), *crMo.ResourcePool} {
		if e.exists(ref) {
			t.Fatalf("%v still exists", ref)
		}
	}
	var hf mo.Folder
	e.props(folders.HostFolder.Reference(), &hf, "childEntity")
	if len(hf.ChildEntity) != 0 {
		t.Fatalf("host folder still has %v", hf.ChildEntity)
	}
}

func TestDestroyClusterWithHosts(t *testing.T) {
	e := newEnv(t)
	dc, folders := e.datacenter("dc1")
	cluster := e.cluster(folders, "c1")
	h1 := e.addHost(cluster, "esx-01.lab")
	h2 := e.addHost(cluster, "esx-02.lab")
	ds := e.nasDatastore(t.TempDir(), h1, h2)
	dvs := e.createDVS(folders, &types.VMwareDVSConfigSpec{DVSConfigSpec: types.DVSConfigSpec{
		Name: "dvs1",
		Host: []types.DistributedVirtualSwitchHostMemberConfigSpec{{Operation: "add", Host: h1.Reference()}},
	}})
	var c mo.ClusterComputeResource
	e.props(cluster.Reference(), &c, "resourcePool")

	// vCenter destroys a cluster together with its hosts, no maintenance mode needed.
	e.mustTask(cluster.Destroy(e.ctx))

	for _, ref := range []types.ManagedObjectReference{cluster.Reference(), h1.Reference(), h2.Reference(), *c.ResourcePool} {
		if e.exists(ref) {
			t.Fatalf("%v still exists after destroying the cluster", ref)
		}
	}
	var hf mo.Folder
	e.props(folders.HostFolder.Reference(), &hf, "childEntity")
	if len(hf.ChildEntity) != 0 {
		t.Fatalf("host folder still has %v", hf.ChildEntity)
	}
	if s, _ := readDVS(e, dvs); len(s.Summary.HostMember) != 0 {
		t.Fatalf("switch still has members %v", s.Summary.HostMember)
	}
	if got := mountedHosts(e, ds); len(got) != 0 {
		t.Fatalf("datastore still mounted on %v", got)
	}

	// With no compute resources left the datacenter can go.
	e.mustTask(dc.Destroy(e.ctx))
	if e.exists(dc.Reference()) {
		t.Fatal("datacenter still exists")
	}
	var root mo.Folder
	e.props(e.root().Reference(), &root, "childEntity")
	if len(root.ChildEntity) != 0 {
		t.Fatalf("root folder still has %v", root.ChildEntity)
	}
}

// TestDestroyDatacenterWithContents: vCenter destroys a datacenter with its
// folders, clusters, hosts, switches and datastores in one task.
func TestDestroyDatacenterWithContents(t *testing.T) {
	e := newEnv(t)
	dc, folders := e.datacenter("dc1")
	cluster := e.cluster(folders, "c1")
	h1 := e.addHost(cluster, "esx-01.lab")
	standalone := e.addStandaloneHost(folders, "esx-02.lab")
	ds := e.nasDatastore(t.TempDir(), h1)
	dvs := e.createDVS(folders, &types.VMwareDVSConfigSpec{DVSConfigSpec: types.DVSConfigSpec{Name: "dvs1"}})
	pg := e.addPortgroup(dvs, types.DVPortgroupConfigSpec{Name: "br-int", Type: "earlyBinding"})
	sub, err := folders.VmFolder.CreateFolder(e.ctx, "sub")
	if err != nil {
		t.Fatal(err)
	}

	e.mustTask(dc.Destroy(e.ctx))

	for _, ref := range []types.ManagedObjectReference{
		dc.Reference(), cluster.Reference(), h1.Reference(), standalone.Reference(), ds,
		dvs.Reference(), pg.Reference(), sub.Reference(), folders.HostFolder.Reference(),
	} {
		if e.exists(ref) {
			t.Fatalf("%v still exists after destroying the datacenter", ref)
		}
	}
	var root mo.Folder
	e.props(e.root().Reference(), &root, "childEntity")
	if len(root.ChildEntity) != 0 {
		t.Fatalf("root folder still has %v", root.ChildEntity)
	}
}
