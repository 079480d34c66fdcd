package main

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

// vmOn creates a VM on the environment's host with one adapter on each of the
// port groups.
func (n *networkEnv) vmOn(name string, pgs ...*object.DistributedVirtualPortgroup) *object.VirtualMachine {
	n.t.Helper()
	var s mo.DistributedVirtualSwitch
	n.props(n.dvs.Reference(), &s, "uuid")
	dir := n.t.TempDir()
	n.nasDatastore(dir, n.host)
	spec := types.VirtualMachineConfigSpec{
		Name:     name,
		GuestId:  "otherGuest64",
		NumCPUs:  1,
		MemoryMB: 64,
		Files:    &types.VirtualMachineFileInfo{VmPathName: "[" + filepath.Base(dir) + "]"},
	}
	for i, pg := range pgs {
		spec.DeviceChange = append(spec.DeviceChange, &types.VirtualDeviceConfigSpec{
			Operation: types.VirtualDeviceConfigSpecOperationAdd,
			Device: &types.VirtualVmxnet3{VirtualVmxnet: types.VirtualVmxnet{VirtualEthernetCard: types.VirtualEthernetCard{
				VirtualDevice: types.VirtualDevice{
					Key: int32(-1 - i),
					Backing: &types.VirtualEthernetCardDistributedVirtualPortBackingInfo{
						Port: types.DistributedVirtualSwitchPortConnection{SwitchUuid: s.Uuid, PortgroupKey: pg.Reference().Value},
					},
				},
			}}},
		})
	}
	pool, err := n.cluster.ResourcePool(n.ctx)
	if err != nil {
		n.t.Fatal(err)
	}
	ref := n.mustTask(n.folders.VmFolder.CreateVM(n.ctx, spec, pool, n.host))
	return object.NewVirtualMachine(n.c, ref.(types.ManagedObjectReference))
}

// portgroupVMs is the port group's vm property.
func (n *networkEnv) portgroupVMs(pg *object.DistributedVirtualPortgroup) []types.ManagedObjectReference {
	n.t.Helper()
	var p mo.DistributedVirtualPortgroup
	n.props(pg.Reference(), &p, "vm")
	return p.Vm
}

// nicsOn are the VM's adapters on the port group.
func (n *networkEnv) nicsOn(vm *object.VirtualMachine, pg *object.DistributedVirtualPortgroup) []types.BaseVirtualDevice {
	n.t.Helper()
	devices, err := vm.Device(n.ctx)
	if err != nil {
		n.t.Fatal(err)
	}
	var nics []types.BaseVirtualDevice
	for _, d := range devices.SelectByType((*types.VirtualEthernetCard)(nil)) {
		b, ok := d.GetVirtualDevice().Backing.(*types.VirtualEthernetCardDistributedVirtualPortBackingInfo)
		if ok && b.Port.PortgroupKey == pg.Reference().Value {
			nics = append(nics, d)
		}
	}
	return nics
}

func TestPortgroupsListTheirVMs(t *testing.T) {
	n := newNetworkEnv(t)
	a := n.addPortgroup(n.dvs, types.DVPortgroupConfigSpec{Name: "pg-a", Type: "earlyBinding", NumPorts: 8})
	b := n.addPortgroup(n.dvs, types.DVPortgroupConfigSpec{Name: "pg-b", Type: "earlyBinding", NumPorts: 8})

	vm1 := n.vmOn("vm1", a, b)
	vm2 := n.vmOn("vm2", a)
	if got, want := n.portgroupVMs(a), []types.ManagedObjectReference{vm1.Reference(), vm2.Reference()}; !reflect.DeepEqual(got, want) {
		t.Fatalf("pg-a vm %v, want %v", got, want)
	}
	if got := n.portgroupVMs(b); !reflect.DeepEqual(got, []types.ManagedObjectReference{vm1.Reference()}) {
		t.Fatalf("pg-b vm %v, want [%v]", got, vm1.Reference())
	}

	// In use: neither the port group nor its switch can be destroyed, and nothing is.
	for what, task := range map[string]func() (*object.Task, error){
		"port group": func() (*object.Task, error) { return b.Destroy(n.ctx) },
		"switch":     func() (*object.Task, error) { return n.dvs.Destroy(n.ctx) },
	} {
		_, err := n.task(task())
		if f, ok := vimFault(err).(*types.ResourceInUse); !ok || f.Name != "pg-b" && f.Name != "pg-a" {
			t.Fatalf("destroying the %s in use: got %s %+v, want ResourceInUse naming the port group", what, faultName(err), vimFault(err))
		}
	}
	if !n.exists(b.Reference()) || !n.exists(n.dvs.Reference()) {
		t.Fatal("a refused destroy removed something")
	}

	// The adapter on pg-b removed: vm1 leaves pg-b, which can go.
	if err := vm1.RemoveDevice(n.ctx, false, n.nicsOn(vm1, b)...); err != nil {
		t.Fatal(err)
	}
	if got := n.portgroupVMs(b); len(got) != 0 {
		t.Fatalf("pg-b vm %v after the adapter was removed", got)
	}
	if got := n.portgroupVMs(a); len(got) != 2 {
		t.Fatalf("pg-a vm %v, want vm1 and vm2 still", got)
	}
	n.mustTask(b.Destroy(n.ctx))

	// A VM destroyed leaves its port groups.
	n.mustTask(vm2.Destroy(n.ctx))
	if got := n.portgroupVMs(a); !reflect.DeepEqual(got, []types.ManagedObjectReference{vm1.Reference()}) {
		t.Fatalf("pg-a vm %v after vm2 was destroyed, want [%v]", got, vm1.Reference())
	}
	if err := vm1.Unregister(n.ctx); err != nil {
		t.Fatal(err)
	}
	if got := n.portgroupVMs(a); len(got) != 0 {
		t.Fatalf("pg-a vm %v after vm1 was unregistered", got)
	}
	n.mustTask(n.dvs.Destroy(n.ctx))
}
