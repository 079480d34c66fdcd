package main

import (
	"strings"
	"testing"

	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

func TestMaintenanceModeReachesWatchers(t *testing.T) {
	e := newEnv(t)
	_, folders := e.datacenter("dc1")
	host := e.addHost(e.cluster(folders, "c1"), "esx-01.lab")
	is := func(want bool) func(any) bool { return func(v any) bool { b, ok := v.(bool); return ok && b == want } }

	if _, err := e.task(host.ExitMaintenanceMode(e.ctx, 0)); faultName(err) != "InvalidState" {
		t.Fatalf("exit when not in maintenance mode: got %s", faultName(err))
	}

	seen := e.watch(host.Reference(), "runtime.inMaintenanceMode", is(true))
	e.mustTask(host.EnterMaintenanceMode(e.ctx, 0, false, nil))
	seen()
	var hs mo.HostSystem
	e.props(host.Reference(), &hs, "summary.runtime")
	if hs.Summary.Runtime == nil || !hs.Summary.Runtime.InMaintenanceMode {
		t.Fatal("summary.runtime.inMaintenanceMode is not true")
	}
	if _, err := e.task(host.EnterMaintenanceMode(e.ctx, 0, false, nil)); faultName(err) != "InvalidState" {
		t.Fatalf("enter when in maintenance mode: got %s", faultName(err))
	}

	seen = e.watch(host.Reference(), "runtime.inMaintenanceMode", is(false))
	e.mustTask(host.ExitMaintenanceMode(e.ctx, 0))
	seen()
}

func TestReconnectHost(t *testing.T) {
	e := newEnv(t)
	_, folders := e.datacenter("dc1")
	host := e.addHost(e.cluster(folders, "c1"), "esx-01.lab")
	e.mustTask(host.Disconnect(e.ctx))

	spec := hostSpec("esx-01.lab")
	spec.SslThumbprint = strings.Repeat("00:", 19) + "00"
	_, err := e.task(host.Reconnect(e.ctx, &spec, nil))
	if f, ok := vimFault(err).(*types.SSLVerifyFault); !ok || f.Thumbprint != hostThumbprint() {
		t.Fatalf("reconnect with a wrong thumbprint: got %s (%v)", faultName(err), err)
	}

	seen := e.watch(host.Reference(), "runtime.connectionState", func(v any) bool {
		return v == types.HostSystemConnectionStateConnected
	})
	spec.SslThumbprint = hostThumbprint()
	e.mustTask(host.Reconnect(e.ctx, &spec, nil))
	seen()
}

// TestDestroyHostRemovesItsVMs: vCenter removes a host from the inventory
// together with its (powered-off) VMs; their port groups and datastores no
// longer list them.
func TestDestroyHostRemovesItsVMs(t *testing.T) {
	n := newNetworkEnv(t)
	pg := n.addPortgroup(n.dvs, types.DVPortgroupConfigSpec{Name: "br-int", Type: "earlyBinding"})
	vm := n.vmOn("vm1", pg)
	var v mo.VirtualMachine
	n.props(vm.Reference(), &v, "datastore")

	// A disconnected host needs no maintenance mode, but its VM is still on.
	n.mustTask(vm.PowerOn(n.ctx))
	n.mustTask(n.host.Disconnect(n.ctx))
	_, err := n.task(n.host.Destroy(n.ctx))
	if f, ok := vimFault(err).(*types.ResourceInUse); !ok || f.Name != "vm1" {
		t.Fatalf("destroy with a powered-on VM: got %s (%v)", faultName(err), err)
	}
	if !n.exists(vm.Reference()) || !n.exists(n.host.Reference()) {
		t.Fatal("the refused destroy removed something")
	}

	n.mustTask(n.host.Reconnect(n.ctx, nil, nil))
	n.mustTask(vm.PowerOff(n.ctx))
	n.mustTask(n.host.EnterMaintenanceMode(n.ctx, 0, false, nil))
	n.mustTask(n.host.Destroy(n.ctx))
	if n.exists(vm.Reference()) || n.exists(n.host.Reference()) {
		t.Fatal("the host or its VM is still in the inventory")
	}
	if vms := n.portgroupVMs(pg); len(vms) != 0 {
		t.Fatalf("port group still lists %v", vms)
	}
	var ds mo.Datastore
	n.props(v.Datastore[0], &ds, "vm")
	if len(ds.Vm) != 0 {
		t.Fatalf("datastore still lists %v", ds.Vm)
	}
	var vmFolder mo.Folder
	n.props(n.folders.VmFolder.Reference(), &vmFolder, "childEntity")
	if len(vmFolder.ChildEntity) != 0 {
		t.Fatalf("VM folder still holds %v", vmFolder.ChildEntity)
	}
}
