package main

import (
	"testing"

	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

func TestEmptyInventory(t *testing.T) {
	e := newEnv(t)
	var root mo.Folder
	e.props(e.root().Reference(), &root, "childEntity")
	if len(root.ChildEntity) != 0 {
		t.Fatalf("root folder has %v, want an empty inventory", root.ChildEntity)
	}
}

func TestCreateDatacenterDuplicateName(t *testing.T) {
	e := newEnv(t)
	dc, _ := e.datacenter("dc1")

	_, err := e.root().CreateDatacenter(e.ctx, "dc1")
	f, ok := vimFault(err).(*types.DuplicateName)
	if !ok {
		t.Fatalf("second dc1: got %s, want DuplicateName", faultName(err))
	}
	if f.Name != "dc1" || f.Object != dc.Reference() {
		t.Fatalf("DuplicateName{name=%q object=%v}, want dc1 and %v", f.Name, f.Object, dc.Reference())
	}

	var root mo.Folder
	e.props(e.root().Reference(), &root, "childEntity")
	if len(root.ChildEntity) != 1 {
		t.Fatalf("root folder children %v, want only %v", root.ChildEntity, dc.Reference())
	}

	// A different name still works.
	if _, err := e.root().CreateDatacenter(e.ctx, "dc2"); err != nil {
		t.Fatal(err)
	}
}
