package main

import (
	"testing"

	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

func TestRelocateNeedsTheVMsDatastoreOnTheHost(t *testing.T) {
	e := newEnv(t)
	folders, cluster, h1, h2 := twoHosts(e)
	ds, err := e.datastoreSystem(h1).CreateNasDatastore(e.ctx, nfsSpec("nfs1", "/export/a"))
	if err != nil {
		t.Fatal(err)
	}
	vm := e.vmOnNfs1(folders, cluster, h1)
	to := types.VirtualMachineRelocateSpec{Host: types.NewReference(h2.Reference())}

	_, err = e.task(vm.Relocate(e.ctx, to, ""))
	f, ok := vimFault(err).(*types.DatastoreNotWritableOnHost)
	if !ok || f.Name != "nfs1" || *f.Datastore != ds.Reference() || f.Host != h2.Reference() {
		t.Fatalf("relocating to a host without nfs1: %v (%s), want DatastoreNotWritableOnHost", err, faultName(err))
	}

	// Mounted there too, the VM moves.
	if _, err := e.datastoreSystem(h2).CreateNasDatastore(e.ctx, nfsSpec("nfs1", "/export/a")); err != nil {
		t.Fatal(err)
	}
	e.mustTask(vm.Relocate(e.ctx, to, ""))
	var got mo.VirtualMachine
	e.props(vm.Reference(), &got, "runtime.host")
	if *got.Runtime.Host != h2.Reference() {
		t.Fatalf("the VM is on %v, want %v", got.Runtime.Host, h2.Reference())
	}
}
