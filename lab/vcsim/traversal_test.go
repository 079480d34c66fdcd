package main

import (
	"reflect"
	"sort"
	"testing"

	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/types"
)

func traverse(name, typ, path string, selection ...types.BaseSelectionSpec) *types.TraversalSpec {
	return &types.TraversalSpec{SelectionSpec: types.SelectionSpec{Name: name}, Type: typ, Path: path, SelectSet: selection}
}

func selectSpec(name string) *types.SelectionSpec { return &types.SelectionSpec{Name: name} }

// osloRecursiveTraversal is the traversal oslo.vmware's
// build_recursive_traversal_spec builds (nova-compute and cinder-volume list
// their objects with it): from folders into datacenters, compute resources,
// hosts, resource pools and their VMs.
func osloRecursiveTraversal() *types.TraversalSpec {
	visit := selectSpec("visitFolders")
	pools := []types.BaseSelectionSpec{selectSpec("rp_to_rp"), selectSpec("rp_to_vm")}
	return traverse("visitFolders", "Folder", "childEntity",
		visit,
		traverse("h_to_vm", "HostSystem", "vm", visit),
		traverse("dc_to_hf", "Datacenter", "hostFolder", visit),
		traverse("dc_to_vmf", "Datacenter", "vmFolder", visit),
		traverse("dc_to_netf", "Datacenter", "networkFolder", visit),
		traverse("dc_to_df", "Datacenter", "datastoreFolder", visit),
		traverse("cr_to_ds", "ComputeResource", "datastore"),
		traverse("cr_to_h", "ComputeResource", "host"),
		traverse("cr_to_rp", "ComputeResource", "resourcePool", pools...),
		traverse("ccr_to_h", "ClusterComputeResource", "host"),
		traverse("ccr_to_ds", "ClusterComputeResource", "datastore"),
		traverse("ccr_to_rp", "ClusterComputeResource", "resourcePool", pools...),
		traverse("rp_to_rp", "ResourcePool", "resourcePool", pools...),
		traverse("rp_to_vm", "ResourcePool", "vm", pools...),
	)
}

// namesOf retrieves the name of every object of type typ that the selection
// reaches from start.
func (e *env) namesOf(start types.ManagedObjectReference, typ string, selection ...types.BaseSelectionSpec) []string {
	e.t.Helper()
	res, err := methods.RetrievePropertiesEx(e.ctx, e.c, &types.RetrievePropertiesEx{
		This: e.c.ServiceContent.PropertyCollector,
		SpecSet: []types.PropertyFilterSpec{{
			ObjectSet: []types.ObjectSpec{{Obj: start, SelectSet: selection}},
			PropSet:   []types.PropertySpec{{Type: typ, PathSet: []string{"name"}}},
		}},
	})
	if err != nil {
		e.t.Fatalf("RetrievePropertiesEx: %v", err)
	}
	names := []string{}
	if res.Returnval != nil {
		for _, o := range res.Returnval.Objects {
			for _, p := range o.PropSet {
				names = append(names, p.Val.(string))
			}
		}
	}
	sort.Strings(names)
	return names
}

// A VM in a cluster's resource pool, reached by oslo.vmware's traversal, once;
// before the lab walked traversals itself, this request overflowed the
// simulator's stack (VM → pool → VM …).
func TestRecursiveTraversalReachesVMsOnce(t *testing.T) {
	n := newNetworkEnv(t)
	n.vmOn("vm1")
	n.vmOn("vm2")
	root := n.c.ServiceContent.RootFolder
	spec := osloRecursiveTraversal()
	if got := n.namesOf(root, "VirtualMachine", spec); !reflect.DeepEqual(got, []string{"vm1", "vm2"}) {
		t.Fatalf("VMs: got %v", got)
	}
	if got := n.namesOf(root, "ClusterComputeResource", spec); !reflect.DeepEqual(got, []string{"c1"}) {
		t.Fatalf("clusters: got %v", got)
	}
	if got := n.namesOf(root, "HostSystem", spec); !reflect.DeepEqual(got, []string{"esx-01.lab"}) {
		t.Fatalf("hosts: got %v", got)
	}
}

// A traversal is followed only from an object of its type or of a type
// derived from it, as vCenter follows it.
func TestTraversalFollowsItsTypeOnly(t *testing.T) {
	n := newNetworkEnv(t)
	n.vmOn("vm1")
	cluster := n.cluster.Reference()
	// ClusterComputeResource is a ComputeResource: its host is reached.
	if got := n.namesOf(cluster, "HostSystem", traverse("", "ComputeResource", "host")); !reflect.DeepEqual(got, []string{"esx-01.lab"}) {
		t.Fatalf("ComputeResource.host from a cluster: got %v", got)
	}
	// A cluster has a host property, but it is no HostSystem: a HostSystem
	// spec of that path is not followed from it.
	if got := n.namesOf(cluster, "HostSystem", traverse("", "HostSystem", "host")); len(got) != 0 {
		t.Fatalf("HostSystem.host from a cluster: got %v", got)
	}
	// A VM has a resourcePool property, but a ResourcePool spec does not
	// lead from a VM to its pool.
	pool, err := n.cluster.ResourcePool(n.ctx)
	if err != nil {
		t.Fatal(err)
	}
	fromPool := n.namesOf(pool.Reference(), "VirtualMachine", traverse("toVm", "ResourcePool", "vm", selectSpec("toPool")),
		traverse("toPool", "ResourcePool", "resourcePool", selectSpec("toVm")))
	if !reflect.DeepEqual(fromPool, []string{"vm1"}) {
		t.Fatalf("VMs from the pool: got %v", fromPool)
	}
	vms := n.namesOf(n.folders.VmFolder.Reference(), "ResourcePool", traverse("vms", "Folder", "childEntity", selectSpec("pool")),
		traverse("pool", "ResourcePool", "resourcePool"))
	if len(vms) != 0 {
		t.Fatalf("pools reached from a VM through a ResourcePool spec: %v", vms)
	}
}

// A selection naming no traversal spec is refused as before.
func TestTraversalUnknownSelection(t *testing.T) {
	e := newEnv(t)
	_, err := methods.RetrievePropertiesEx(e.ctx, e.c, &types.RetrievePropertiesEx{
		This: e.c.ServiceContent.PropertyCollector,
		SpecSet: []types.PropertyFilterSpec{{
			ObjectSet: []types.ObjectSpec{{Obj: e.c.ServiceContent.RootFolder, SelectSet: []types.BaseSelectionSpec{selectSpec("nowhere")}}},
			PropSet:   []types.PropertySpec{{Type: "Folder", PathSet: []string{"name"}}},
		}},
	})
	if f, ok := vimFault(err).(*types.InvalidArgument); !ok || f.InvalidProperty != "undefined TraversalSpec name" {
		t.Fatalf("got %s (%v)", faultName(err), err)
	}
}
