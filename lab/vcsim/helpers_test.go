package main

import (
	"context"
	"errors"
	"net/url"
	"reflect"
	"testing"
	"time"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/property"
	"github.com/vmware/govmomi/session"
	"github.com/vmware/govmomi/task"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

const (
	testUser = "lab-admin@vsphere.local"
	testPass = "Lab-Pa55!"
)

// startLab starts the lab the way main does (Start), on free ports, with a
// fresh TLS directory.
func startLab(t *testing.T, mods ...func(*Config)) *Lab {
	t.Helper()
	cfg := Config{
		Listen:   "127.0.0.1:0",
		TLSDir:   t.TempDir(),
		Username: testUser,
		Password: testPass,
		Control:  "127.0.0.1:0",
	}
	for _, m := range mods {
		m(&cfg)
	}
	lab, err := Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(lab.Close)
	return lab
}

// dial connects over TLS trusting only the lab CA, without logging in.
func dial(ctx context.Context, t *testing.T, lab *Lab) *vim25.Client {
	t.Helper()
	return dialURL(ctx, t, lab.URL(), lab.CAFile())
}

func dialURL(ctx context.Context, t *testing.T, sdk, caFile string) *vim25.Client {
	t.Helper()
	u, err := url.Parse(sdk)
	if err != nil {
		t.Fatal(err)
	}
	sc := soap.NewClient(u, false)
	if err := sc.SetRootCAs(caFile); err != nil {
		t.Fatal(err)
	}
	c, err := vim25.NewClient(ctx, sc)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// env is a logged-in client with helpers to build inventory.
type env struct {
	t   *testing.T
	ctx context.Context
	c   *vim25.Client
	lab *Lab
}

func newEnv(t *testing.T, mods ...func(*Config)) *env {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	lab := startLab(t, mods...)
	c := dial(ctx, t, lab)
	if err := session.NewManager(c).Login(ctx, url.UserPassword(testUser, testPass)); err != nil {
		t.Fatal(err)
	}
	return &env{t: t, ctx: ctx, c: c, lab: lab}
}

func (e *env) root() *object.Folder { return object.NewRootFolder(e.c) }

func (e *env) datacenter(name string) (*object.Datacenter, *object.DatacenterFolders) {
	e.t.Helper()
	dc, err := e.root().CreateDatacenter(e.ctx, name)
	if err != nil {
		e.t.Fatal(err)
	}
	folders, err := dc.Folders(e.ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	return dc, folders
}

func (e *env) cluster(folders *object.DatacenterFolders, name string) *object.ClusterComputeResource {
	e.t.Helper()
	c, err := folders.HostFolder.CreateCluster(e.ctx, name, types.ClusterConfigSpecEx{})
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

func hostSpec(name string) types.HostConnectSpec {
	return types.HostConnectSpec{HostName: name, UserName: "root", Password: "esx-pass", Force: true}
}

func (e *env) addHost(c *object.ClusterComputeResource, name string) *object.HostSystem {
	e.t.Helper()
	ref := e.mustTask(c.AddHost(e.ctx, hostSpec(name), true, nil, nil))
	return object.NewHostSystem(e.c, ref.(types.ManagedObjectReference))
}

func (e *env) addStandaloneHost(folders *object.DatacenterFolders, name string) *object.HostSystem {
	e.t.Helper()
	ref := e.mustTask(folders.HostFolder.AddStandaloneHost(e.ctx, hostSpec(name), true, nil, nil))
	return object.NewHostSystem(e.c, ref.(types.ManagedObjectReference))
}

func (e *env) createDVS(folders *object.DatacenterFolders, spec types.BaseDVSConfigSpec) *object.DistributedVirtualSwitch {
	e.t.Helper()
	ref := e.mustTask(folders.NetworkFolder.CreateDVS(e.ctx, types.DVSCreateSpec{ConfigSpec: spec}))
	return object.NewDistributedVirtualSwitch(e.c, ref.(types.ManagedObjectReference))
}

// addPortgroup adds one port group and returns it.
func (e *env) addPortgroup(dvs *object.DistributedVirtualSwitch, spec types.DVPortgroupConfigSpec) *object.DistributedVirtualPortgroup {
	e.t.Helper()
	e.mustTask(dvs.AddPortgroup(e.ctx, []types.DVPortgroupConfigSpec{spec}))
	var s mo.DistributedVirtualSwitch
	e.props(dvs.Reference(), &s, "portgroup")
	for _, ref := range s.Portgroup {
		var pg mo.DistributedVirtualPortgroup
		e.props(ref, &pg, "name")
		if pg.Name == spec.Name {
			return object.NewDistributedVirtualPortgroup(e.c, ref)
		}
	}
	e.t.Fatalf("port group %q not found", spec.Name)
	return nil
}

// mustTask waits for a task that must succeed and returns its result.
func (e *env) mustTask(t *object.Task, err error) types.AnyType {
	e.t.Helper()
	res, err := e.task(t, err)
	if err != nil {
		e.t.Fatalf("task failed: %v (%s)", err, faultName(err))
	}
	return res
}

// task waits for a task and returns its result or error.
func (e *env) task(t *object.Task, err error) (types.AnyType, error) {
	if err != nil {
		return nil, err
	}
	info, err := t.WaitForResult(e.ctx)
	if err != nil {
		return nil, err
	}
	return info.Result, nil
}

// props reads properties through the PropertyCollector.
func (e *env) props(ref types.ManagedObjectReference, dst any, props ...string) {
	e.t.Helper()
	if err := property.DefaultCollector(e.c).RetrieveOne(e.ctx, ref, props, dst); err != nil {
		e.t.Fatalf("retrieve %v %v: %v", ref, props, err)
	}
}

// exists tells whether the server still knows the object.
func (e *env) exists(ref types.ManagedObjectReference) bool {
	e.t.Helper()
	var entity mo.ManagedEntity
	err := property.DefaultCollector(e.c).RetrieveOne(e.ctx, ref, []string{"name"}, &entity)
	if err == nil {
		return true
	}
	if f := vimFault(err); f != nil {
		if _, ok := f.(*types.ManagedObjectNotFound); ok {
			return false
		}
	}
	e.t.Fatalf("retrieve %v: %v", ref, err)
	return false
}

// vimFault returns the vim25 fault carried by err: a task's info.error or a
// SOAP fault's detail.
func vimFault(err error) types.BaseMethodFault {
	for ; err != nil; err = errors.Unwrap(err) {
		var te task.Error
		if errors.As(err, &te) {
			return te.Fault()
		}
		if soap.IsSoapFault(err) {
			return asFault(soap.ToSoapFault(err).VimFault())
		}
		if soap.IsVimFault(err) {
			return soap.ToVimFault(err)
		}
	}
	return nil
}

// asFault converts a decoded SOAP fault detail, which may be a struct value,
// to a BaseMethodFault.
func asFault(v types.AnyType) types.BaseMethodFault {
	if f, ok := v.(types.BaseMethodFault); ok {
		return f
	}
	if v == nil {
		return nil
	}
	p := reflect.New(reflect.TypeOf(v))
	p.Elem().Set(reflect.ValueOf(v))
	f, _ := p.Interface().(types.BaseMethodFault)
	return f
}

// faultName is the vim25 type name of err's fault, e.g. "DuplicateName".
func faultName(err error) string {
	f := vimFault(err)
	if f == nil {
		if err == nil {
			return "<no error>"
		}
		return "<not a fault: " + err.Error() + ">"
	}
	return reflect.TypeOf(f).Elem().Name()
}

// faultTypeName is the type name of a fault value.
func faultTypeName(f types.BaseMethodFault) string {
	if f == nil {
		return "<nil>"
	}
	return reflect.TypeOf(f).Elem().Name()
}

func refsContain(refs []types.ManagedObjectReference, ref types.ManagedObjectReference) bool {
	for _, r := range refs {
		if r == ref {
			return true
		}
	}
	return false
}

// nfsOnHost builds datacenter dc1, cluster c1 with host esx-01.lab, and NFS
// datastore nfs1 mounted on it; it returns the datacenter, and the datastore
// with its summary.
func (e *env) nfsOnHost() (*object.Datacenter, mo.Datastore) {
	e.t.Helper()
	dc, folders := e.datacenter("dc1")
	h := e.addHost(e.cluster(folders, "c1"), "esx-01.lab")
	ds, err := e.datastoreSystem(h).CreateNasDatastore(e.ctx, nfsSpec("nfs1", "/export/a"))
	if err != nil {
		e.t.Fatal(err)
	}
	var d mo.Datastore
	e.props(ds.Reference(), &d, "summary")
	return dc, d
}

// vmOnNfs1 makes VM vm1 in cluster on host h, its files on datastore nfs1.
func (e *env) vmOnNfs1(folders *object.DatacenterFolders, cluster *object.ClusterComputeResource, h *object.HostSystem) *object.VirtualMachine {
	e.t.Helper()
	pool, err := cluster.ResourcePool(e.ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	spec := types.VirtualMachineConfigSpec{
		Name: "vm1", GuestId: "otherGuest64", NumCPUs: 1, MemoryMB: 64,
		Files: &types.VirtualMachineFileInfo{VmPathName: "[nfs1]"},
	}
	ref := e.mustTask(folders.VmFolder.CreateVM(e.ctx, spec, pool, h)).(types.ManagedObjectReference)
	return object.NewVirtualMachine(e.c, ref)
}
