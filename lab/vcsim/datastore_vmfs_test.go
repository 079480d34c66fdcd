package main

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

// diskNames are the canonical names of disks.
func diskNames(disks []types.HostScsiDisk) []string {
	var names []string
	for _, d := range disks {
		names = append(names, d.CanonicalName)
	}
	return names
}

// availableDisks lists the host's disks free for VMFS.
func (e *env) availableDisks(dss *object.HostDatastoreSystem) []types.HostScsiDisk {
	e.t.Helper()
	disks, err := dss.QueryAvailableDisksForVmfs(e.ctx)
	if err != nil {
		e.t.Fatalf("QueryAvailableDisksForVmfs: %v (%s)", err, faultName(err))
	}
	return disks
}

// vmfsSpec is the create spec of the disk's only option, named name.
func (e *env) vmfsSpec(dss *object.HostDatastoreSystem, disk types.HostScsiDisk, name string) types.VmfsDatastoreCreateSpec {
	e.t.Helper()
	options, err := dss.QueryVmfsDatastoreCreateOptions(e.ctx, disk.DevicePath)
	if err != nil {
		e.t.Fatalf("QueryVmfsDatastoreCreateOptions: %v (%s)", err, faultName(err))
	}
	if len(options) != 1 {
		e.t.Fatalf("%d options, want 1", len(options))
	}
	spec := *options[0].Spec.(*types.VmfsDatastoreCreateSpec)
	spec.Vmfs.VolumeName = name
	return spec
}

func TestHostsHaveLocalDataDisks(t *testing.T) {
	e := newEnv(t)
	_, _, h1, h2 := twoHosts(e)
	var host mo.HostSystem
	e.props(h1.Reference(), &host, "config.storageDevice")
	var listed []string
	for _, lun := range host.Config.StorageDevice.ScsiLun {
		if d, ok := lun.(*types.HostScsiDisk); ok {
			listed = append(listed, d.CanonicalName)
		}
	}
	free := e.availableDisks(e.datastoreSystem(h1))
	if len(free) != len(localDiskSizes) {
		t.Fatalf("%d disks available, want %d", len(free), len(localDiskSizes))
	}
	for i, d := range free {
		if !strings.HasPrefix(d.CanonicalName, "naa.6000c29") || len(d.CanonicalName) != len("naa.")+32 {
			t.Errorf("canonical name %q", d.CanonicalName)
		}
		if d.DevicePath != "/vmfs/devices/disks/"+d.CanonicalName || !*d.LocalDisk {
			t.Errorf("disk %s: devicePath %q, local %v", d.CanonicalName, d.DevicePath, *d.LocalDisk)
		}
		if got := d.Capacity.Block * int64(d.Capacity.BlockSize); got != localDiskSizes[i]<<30 {
			t.Errorf("disk %s: %d bytes, want %d GiB", d.CanonicalName, got, localDiskSizes[i])
		}
	}
	// The host's storage device info lists them after the boot disk, which is not available.
	if want := append([]string{"mpx.vmhba0:C0:T0:L0"}, diskNames(free)...); !reflect.DeepEqual(listed, want) {
		t.Fatalf("config.storageDevice lists %v, want %v", listed, want)
	}
	// Each host has disks of its own.
	other := diskNames(e.availableDisks(e.datastoreSystem(h2)))
	for _, name := range diskNames(free) {
		if slices.Contains(other, name) {
			t.Fatalf("both hosts have %s", name)
		}
	}
}

func TestCreateVmfsDatastoreFromTheCreateOptions(t *testing.T) {
	e := newEnv(t)
	folders, cluster, h1, _ := twoHosts(e)
	dss := e.datastoreSystem(h1)
	disk := e.availableDisks(dss)[0]

	options, err := dss.QueryVmfsDatastoreCreateOptions(e.ctx, disk.DevicePath)
	if err != nil {
		t.Fatal(err)
	}
	info := options[0].Info.(*types.VmfsDatastoreAllExtentOption)
	spec := options[0].Spec.(*types.VmfsDatastoreCreateSpec)
	last := disk.Capacity.Block - 34
	if info.VmfsExtent.Start.Block != 2048 || info.VmfsExtent.End.Block != last || *info.Layout.Total != disk.Capacity {
		t.Fatalf("option %+v", info.VmfsDatastoreSingleExtentOption)
	}
	wantPart := []types.HostDiskPartitionAttributes{{
		Partition: 1, StartSector: 2048, EndSector: last, Type: "vmfs", Guid: "AA31E02A400F11DB9590000C2911D1B8",
	}}
	if spec.DiskUuid != disk.Uuid || spec.Partition.PartitionFormat != "gpt" || spec.Partition.TotalSectors != disk.Capacity.Block ||
		!reflect.DeepEqual(spec.Partition.Partition, wantPart) || spec.Vmfs.Extent != (types.HostScsiDiskPartition{DiskName: disk.CanonicalName, Partition: 1}) ||
		spec.Vmfs.MajorVersion != 6 || spec.Vmfs.VolumeName != "" {
		t.Fatalf("spec %+v", *spec)
	}

	spec.Vmfs.VolumeName = "local-ssd"
	ds, err := dss.CreateVmfsDatastore(e.ctx, *spec)
	if err != nil {
		t.Fatalf("CreateVmfsDatastore: %v (%s)", err, faultName(err))
	}
	var d mo.Datastore
	e.props(ds.Reference(), &d, "name", "summary", "info", "host", "parent")
	vmfs, ok := d.Info.(*types.VmfsDatastoreInfo)
	if !ok {
		t.Fatalf("info is %T, want VmfsDatastoreInfo", d.Info)
	}
	capacity := (last - 2048 + 1) * 512
	if d.Name != "local-ssd" || vmfs.Vmfs.Name != "local-ssd" || d.Summary.Type != "VMFS" || d.Summary.Capacity != capacity ||
		vmfs.Vmfs.Capacity != capacity || vmfs.Vmfs.MajorVersion != 6 ||
		!reflect.DeepEqual(vmfs.Vmfs.Extent, []types.HostScsiDiskPartition{spec.Vmfs.Extent}) {
		t.Fatalf("datastore %q, summary %+v, vmfs %+v", d.Name, d.Summary, *vmfs.Vmfs)
	}
	if len(d.Host) != 1 || d.Host[0].Key != h1.Reference() || d.Host[0].MountInfo.Path != "/vmfs/volumes/"+vmfs.Vmfs.Uuid {
		t.Fatalf("mounts %+v", d.Host)
	}
	if *d.Parent != folders.DatastoreFolder.Reference() {
		t.Fatalf("parent %v", d.Parent)
	}
	var c mo.ClusterComputeResource
	e.props(cluster.Reference(), &c, "datastore")
	if !reflect.DeepEqual(c.Datastore, []types.ManagedObjectReference{ds.Reference()}) {
		t.Fatalf("cluster lists %v", c.Datastore)
	}

	// The disk is taken now.
	for _, name := range diskNames(e.availableDisks(dss)) {
		if name == disk.CanonicalName {
			t.Fatalf("%s is still available", name)
		}
	}
	if _, err := dss.QueryVmfsDatastoreCreateOptions(e.ctx, disk.DevicePath); faultName(err) != "ResourceInUse" {
		t.Fatalf("options of a used disk: %v (%s)", err, faultName(err))
	}
	spec.Vmfs.VolumeName = "again"
	if _, err := dss.CreateVmfsDatastore(e.ctx, *spec); faultName(err) != "ResourceInUse" {
		t.Fatalf("a second volume on the disk: %v (%s)", err, faultName(err))
	}

	// A name taken in the datacenter.
	dup := e.vmfsSpec(dss, e.availableDisks(dss)[0], "local-ssd")
	_, err = dss.CreateVmfsDatastore(e.ctx, dup)
	if f, ok := vimFault(err).(*types.DuplicateName); !ok || f.Object != ds.Reference() {
		t.Fatalf("a taken name: %v (%s)", err, faultName(err))
	}

	// Removed from its host, the volume is erased and the disk is free again.
	if err := dss.Remove(e.ctx, ds); err != nil {
		t.Fatal(err)
	}
	if e.exists(ds.Reference()) {
		t.Fatal("the datastore is still in the inventory")
	}
	if _, err := os.Stat(d.Summary.Url); !os.IsNotExist(err) {
		t.Fatalf("the volume's files are still there: %v", err)
	}
	if got := diskNames(e.availableDisks(dss)); len(got) != len(localDiskSizes) {
		t.Fatalf("available after removal: %v", got)
	}
}

func TestCreateVmfsDatastoreChecksTheSpec(t *testing.T) {
	e := newEnv(t)
	_, _, h1, h2 := twoHosts(e)
	dss := e.datastoreSystem(h1)
	disk := e.availableDisks(dss)[0]
	otherHostsDisk := e.availableDisks(e.datastoreSystem(h2))[0]

	if _, err := dss.QueryVmfsDatastoreCreateOptions(e.ctx, otherHostsDisk.DevicePath); faultName(err) != "NotFound" {
		t.Fatalf("options for another host's disk: %v (%s)", err, faultName(err))
	}
	if _, err := dss.QueryVmfsDatastoreCreateOptions(e.ctx, "/vmfs/devices/disks/mpx.vmhba0:C0:T0:L0"); faultName(err) != "ResourceInUse" {
		t.Fatalf("options for the boot disk: %v (%s)", err, faultName(err))
	}
	for _, c := range []struct {
		fault, property string
		edit            func(*types.VmfsDatastoreCreateSpec)
	}{
		{"NotFound", "", func(s *types.VmfsDatastoreCreateSpec) { s.Vmfs.Extent.DiskName = otherHostsDisk.CanonicalName }},
		{"InvalidArgument", "spec.diskUuid", func(s *types.VmfsDatastoreCreateSpec) { s.DiskUuid = otherHostsDisk.Uuid }},
		{"InvalidArgument", "spec.partition", func(s *types.VmfsDatastoreCreateSpec) { s.Partition.Partition[0].Type = "linuxNative" }},
		{"InvalidArgument", "spec.partition", func(s *types.VmfsDatastoreCreateSpec) { s.Partition.Partition[0].EndSector = disk.Capacity.Block }},
		{"InvalidArgument", "spec.vmfs.volumeName", func(s *types.VmfsDatastoreCreateSpec) { s.Vmfs.VolumeName = "" }},
		{"InvalidArgument", "spec.vmfs.majorVersion", func(s *types.VmfsDatastoreCreateSpec) { s.Vmfs.MajorVersion = 7 }},
	} {
		spec := e.vmfsSpec(dss, disk, "vmfs1")
		c.edit(&spec)
		_, err := dss.CreateVmfsDatastore(e.ctx, spec)
		if faultName(err) != c.fault {
			t.Errorf("%s: %v (%s), want %s", c.property, err, faultName(err), c.fault)
		}
		if f, ok := vimFault(err).(*types.InvalidArgument); ok && f.InvalidProperty != c.property {
			t.Errorf("InvalidArgument names %q, want %q", f.InvalidProperty, c.property)
		}
	}
	if got := e.availableDisks(dss); len(got) != len(localDiskSizes) {
		t.Fatalf("a refused create took a disk: %v", diskNames(got))
	}
}
