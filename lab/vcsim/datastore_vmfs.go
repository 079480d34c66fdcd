package main

import (
	"crypto/rand"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"slices"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/simulator/esx"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// VMFS datastores on a host's local disks. The simulator has none of
// QueryAvailableDisksForVmfs, QueryVmfsDatastoreCreateOptions and
// CreateVmfsDatastore (MethodNotFound), and its hosts have one disk, the boot
// disk holding ESXi's system partitions. The lab models the usual way to make
// a VMFS datastore on vCenter 8:
//
//  1. QueryAvailableDisksForVmfs lists the host's disks that can take a new
//     VMFS volume (HostScsiDisk: canonicalName naa.…, devicePath, capacity);
//  2. QueryVmfsDatastoreCreateOptions(devicePath) returns the ways to use the
//     disk, each with a ready VmfsDatastoreCreateSpec (one GPT partition
//     spanning the disk);
//  3. CreateVmfsDatastore(spec), with spec.vmfs.volumeName set, formats the
//     partition and mounts the new datastore on the host.
//
// Every host the lab adds gets localDiskCount data disks of its own (see
// localDisks), listed in config.storageDevice like the boot disk. A disk that
// a VMFS datastore of the host uses is no longer available; removing the
// datastore (RemoveDatastore) frees it. Disks are local to their host: SAN
// LUNs seen by several hosts are not modelled.

// localDiskSizes are the sizes of the data disks each host gets, in GiB.
var localDiskSizes = []int64{100, 200, 500}

const (
	diskBlockSize = 512
	// gptFirstSector and gptTrailingSectors: ESXi aligns the VMFS partition at
	// 1 MiB and leaves the backup GPT at the end of the disk.
	gptFirstSector     = 2048
	gptTrailingSectors = 34
	vmfsPartitionType  = "vmfs"
)

// localDisks is a registry handler that gives each new host its data disks:
// when the simulator puts a host's storage system into the inventory, the
// host's storage device info (until then shared by all hosts) becomes its own
// copy with the disks added.
type localDisks struct{}

func (localDisks) Reference() types.ManagedObjectReference {
	return types.ManagedObjectReference{Type: "LabLocalDisks", Value: "lab-local-disks"}
}

func (localDisks) PutObject(_ *simulator.Context, obj mo.Reference) {
	s, ok := obj.(*simulator.HostStorageSystem)
	if !ok || s.Host == nil || s.Host.Config == nil || s.StorageDeviceInfo == nil {
		return
	}
	info := *s.StorageDeviceInfo
	info.ScsiLun = slices.Clone(info.ScsiLun)
	for i, gib := range localDiskSizes {
		info.ScsiLun = append(info.ScsiLun, dataDisk(s.Self.Value, i, gib))
	}
	s.StorageDeviceInfo = &info
	s.Host.Config.StorageDevice = &info
}

func (localDisks) UpdateObject(*simulator.Context, mo.Reference, []types.PropertyChange) {}

func (localDisks) RemoveObject(*simulator.Context, types.ManagedObjectReference) {}

// dataDisk is the i-th data disk of a host: a local SSD named like the disks
// of an ESXi VM (naa.6000c29…), its id derived from the storage system's MOID.
func dataDisk(owner string, i int, gib int64) *types.HostScsiDisk {
	sum := sha1.Sum(fmt.Appendf(nil, "%s/%d", owner, i))
	naa := "6000c29" + hex.EncodeToString(sum[:])[:25]
	uuid := "02000000" + naa + "566972747561"
	name := "naa." + naa
	return &types.HostScsiDisk{
		ScsiLun: types.ScsiLun{
			HostDevice:       types.HostDevice{DeviceName: "/vmfs/devices/disks/" + name, DeviceType: "disk"},
			Key:              "key-vim.host.ScsiDisk-" + uuid,
			Uuid:             uuid,
			Descriptor:       []types.ScsiLunDescriptor{{Quality: "highQuality", Id: name}, {Quality: "lowQuality", Id: uuid}},
			CanonicalName:    name,
			DisplayName:      "Local VMware Disk (" + name + ")",
			LunType:          "disk",
			Vendor:           "VMware  ",
			Model:            "Virtual disk    ",
			Revision:         "2.0 ",
			ScsiLevel:        6,
			SerialNumber:     "unavailable",
			QueueDepth:       254,
			OperationalState: []string{"ok"},
			Capabilities:     &types.ScsiLunCapabilities{},
			VStorageSupport:  "vStorageUnsupported",
			ProtocolEndpoint: types.NewBool(false),
		},
		Capacity:              types.HostDiskDimensionsLba{BlockSize: diskBlockSize, Block: gib << 30 / diskBlockSize},
		DevicePath:            "/vmfs/devices/disks/" + name,
		Ssd:                   types.NewBool(true),
		LocalDisk:             types.NewBool(true),
		EmulatedDIXDIFEnabled: types.NewBool(false),
		ScsiDiskType:          "native512",
	}
}

// isSystemDisk tells the disks of the simulator's host template: the boot
// disk, whose partitions ESXi uses.
func isSystemDisk(d *types.HostScsiDisk) bool {
	for _, lun := range esx.HostStorageDeviceInfo.ScsiLun {
		if t, ok := lun.(*types.HostScsiDisk); ok && t.CanonicalName == d.CanonicalName {
			return true
		}
	}
	return false
}

// disks are the host's SCSI disks, from its storage device info.
func (s *hostDatastoreSystemOverride) disks() []*types.HostScsiDisk {
	var out []*types.HostScsiDisk
	if s.Host.Config == nil || s.Host.Config.StorageDevice == nil {
		return nil
	}
	for _, lun := range s.Host.Config.StorageDevice.ScsiLun {
		if d, ok := lun.(*types.HostScsiDisk); ok {
			out = append(out, d)
		}
	}
	return out
}

// diskUser is the datastore of this host whose VMFS volume uses the disk, or
// nil.
func (s *hostDatastoreSystemOverride) diskUser(ctx *simulator.Context, disk string) *simulator.Datastore {
	for _, ref := range s.Datastore {
		ds, ok := ctx.Map.Get(ref).(*simulator.Datastore)
		if !ok {
			continue
		}
		if info, ok := ds.Info.(*types.VmfsDatastoreInfo); ok && info.Vmfs != nil {
			for _, e := range info.Vmfs.Extent {
				if e.DiskName == disk {
					return ds
				}
			}
		}
	}
	return nil
}

// available tells whether a VMFS volume can be made on the disk.
func (s *hostDatastoreSystemOverride) available(ctx *simulator.Context, d *types.HostScsiDisk) bool {
	return !isSystemDisk(d) && s.diskUser(ctx, d.CanonicalName) == nil
}

// diskFault is ResourceInUse for a disk that cannot take a new volume.
func (s *hostDatastoreSystemOverride) diskFault(ctx *simulator.Context, d *types.HostScsiDisk) *soap.Fault {
	msg := "The disk " + d.CanonicalName + " holds the system partitions of " + s.Host.Name + "."
	if ds := s.diskUser(ctx, d.CanonicalName); ds != nil {
		msg = "The disk " + d.CanonicalName + " is in use by datastore " + ds.Name + "."
	}
	return simulator.Fault(msg, &types.ResourceInUse{Type: "HostScsiDisk", Name: d.CanonicalName})
}

// QueryAvailableDisksForVmfs lists the host's disks free for a new VMFS
// datastore. (With a datastore given, vCenter lists the disks that can
// extend it: the same free disks here.)
func (s *hostDatastoreSystemOverride) QueryAvailableDisksForVmfs(ctx *simulator.Context, req *types.QueryAvailableDisksForVmfs) soap.HasFault {
	var free []types.HostScsiDisk
	for _, d := range s.disks() {
		if s.available(ctx, d) {
			free = append(free, *d)
		}
	}
	return &methods.QueryAvailableDisksForVmfsBody{Res: &types.QueryAvailableDisksForVmfsResponse{Returnval: free}}
}

// QueryVmfsDatastoreCreateOptions returns, for a free disk, the option of
// using all of it: one GPT partition from sector 2048 to the backup GPT, VMFS
// of the requested major version (5 or 6, default 6). An unknown device path
// is NotFound; a disk in use, ResourceInUse.
func (s *hostDatastoreSystemOverride) QueryVmfsDatastoreCreateOptions(ctx *simulator.Context, req *types.QueryVmfsDatastoreCreateOptions) soap.HasFault {
	body := &methods.QueryVmfsDatastoreCreateOptionsBody{}
	d := s.diskAt(func(d *types.HostScsiDisk) bool { return d.DevicePath == req.DevicePath })
	version := req.VmfsMajorVersion
	if version == 0 {
		version = 6
	}
	switch {
	case d == nil:
		body.Fault_ = simulator.Fault("No disk at "+req.DevicePath+" on "+s.Host.Name+".", &types.NotFound{})
	case !s.available(ctx, d):
		body.Fault_ = s.diskFault(ctx, d)
	case version != 5 && version != 6:
		body.Fault_ = argumentFault("vmfsMajorVersion", fmt.Sprintf("VMFS %d is not supported: 5 or 6", version))
	default:
		body.Res = &types.QueryVmfsDatastoreCreateOptionsResponse{Returnval: []types.VmfsDatastoreOption{allExtentOption(d, version)}}
	}
	return body
}

func (s *hostDatastoreSystemOverride) diskAt(match func(*types.HostScsiDisk) bool) *types.HostScsiDisk {
	for _, d := range s.disks() {
		if match(d) {
			return d
		}
	}
	return nil
}

// allExtentOption is the option that gives the whole disk to one VMFS
// partition, with the spec that creates it (volumeName left for the caller).
func allExtentOption(d *types.HostScsiDisk, version int32) types.VmfsDatastoreOption {
	total := d.Capacity.Block
	last := total - gptTrailingSectors
	lba := func(block int64) types.HostDiskDimensionsLba {
		return types.HostDiskDimensionsLba{BlockSize: d.Capacity.BlockSize, Block: block}
	}
	extent := types.HostDiskPartitionBlockRange{Partition: 1, Type: vmfsPartitionType, Start: lba(gptFirstSector), End: lba(last)}
	option := &types.VmfsDatastoreAllExtentOption{VmfsDatastoreSingleExtentOption: types.VmfsDatastoreSingleExtentOption{
		VmfsDatastoreBaseOption: types.VmfsDatastoreBaseOption{
			Layout:                types.HostDiskPartitionLayout{Total: &d.Capacity, Partition: []types.HostDiskPartitionBlockRange{extent}},
			PartitionFormatChange: types.NewBool(false),
		},
		VmfsExtent: extent,
	}}
	spec := &types.VmfsDatastoreCreateSpec{
		VmfsDatastoreSpec: types.VmfsDatastoreSpec{DiskUuid: d.Uuid},
		Partition: types.HostDiskPartitionSpec{
			PartitionFormat: "gpt",
			TotalSectors:    total,
			Partition: []types.HostDiskPartitionAttributes{{
				Partition: 1, StartSector: gptFirstSector, EndSector: last, Type: vmfsPartitionType,
				Guid: "AA31E02A400F11DB9590000C2911D1B8",
			}},
		},
		Vmfs: types.HostVmfsSpec{
			Extent:       types.HostScsiDiskPartition{DiskName: d.CanonicalName, Partition: 1},
			MajorVersion: version,
			BlockSize:    1024,
		},
	}
	if version == 6 {
		spec.Vmfs.UnmapGranularity = 1024
		spec.Vmfs.UnmapPriority = "low"
	}
	return types.VmfsDatastoreOption{Info: option, Spec: spec}
}

// CreateVmfsDatastore formats the partition the spec describes and mounts the
// new VMFS datastore, named spec.vmfs.volumeName, on the host. The spec is
// checked as vCenter does: the extent's disk must be a free disk of the host
// (NotFound, ResourceInUse), diskUuid must be that disk's, the partition must
// be a VMFS partition on the disk, the volume name set and the major version
// 5 or 6 (InvalidArgument naming the property). A name used by a datastore of
// the datacenter is a DuplicateName.
func (s *hostDatastoreSystemOverride) CreateVmfsDatastore(ctx *simulator.Context, req *types.CreateVmfsDatastore) soap.HasFault {
	ref, fault := s.createVmfs(ctx, req.Spec)
	if fault != nil {
		return &methods.CreateVmfsDatastoreBody{Fault_: fault}
	}
	return &methods.CreateVmfsDatastoreBody{Res: &types.CreateVmfsDatastoreResponse{Returnval: ref}}
}

func (s *hostDatastoreSystemOverride) createVmfs(ctx *simulator.Context, spec types.VmfsDatastoreCreateSpec) (types.ManagedObjectReference, *soap.Fault) {
	var none types.ManagedObjectReference
	name := spec.Vmfs.VolumeName
	d := s.diskAt(func(d *types.HostScsiDisk) bool { return d.CanonicalName == spec.Vmfs.Extent.DiskName })
	if d == nil {
		return none, simulator.Fault("No disk "+spec.Vmfs.Extent.DiskName+" on "+s.Host.Name+".", &types.NotFound{})
	}
	if !s.available(ctx, d) {
		return none, s.diskFault(ctx, d)
	}
	part := vmfsPartition(spec, d)
	switch {
	case spec.DiskUuid != d.Uuid:
		return none, argumentFault("spec.diskUuid", "diskUuid is not the uuid of "+d.CanonicalName)
	case part == nil:
		return none, argumentFault("spec.partition", "no VMFS partition "+fmt.Sprint(spec.Vmfs.Extent.Partition)+" that fits the disk")
	case name == "":
		return none, argumentFault("spec.vmfs.volumeName", "volumeName is required")
	case spec.Vmfs.MajorVersion != 5 && spec.Vmfs.MajorVersion != 6:
		return none, argumentFault("spec.vmfs.majorVersion", "majorVersion must be 5 or 6")
	}
	if existing := s.datastoreNamed(ctx, name); existing != nil {
		return none, duplicateName(name, existing.Self)
	}

	id := vmfsVolumeID()
	ds, fault := s.createVolume(ctx, name, id)
	if fault != nil {
		return none, fault
	}
	capacity := (part.EndSector - part.StartSector + 1) * int64(d.Capacity.BlockSize)
	blockSize := spec.Vmfs.BlockSize
	if blockSize == 0 {
		blockSize = 1024
	}
	info := &types.VmfsDatastoreInfo{
		DatastoreInfo:          volumeInfo(name, ds.Info.GetDatastoreInfo().Url, capacity),
		MaxPhysicalRDMFileSize: 64 << 40,
		MaxVirtualRDMFileSize:  62 << 40,
		Vmfs: &types.HostVmfsVolume{
			HostFileSystemVolume: types.HostFileSystemVolume{Type: "VMFS", Name: name, Capacity: capacity},
			BlockSizeMb:          blockSize / 1024,
			BlockSize:            blockSize,
			UnmapGranularity:     spec.Vmfs.UnmapGranularity,
			UnmapPriority:        spec.Vmfs.UnmapPriority,
			MaxBlocks:            63963136,
			MajorVersion:         spec.Vmfs.MajorVersion,
			Version:              map[int32]string{5: "5.82", 6: "6.82"}[spec.Vmfs.MajorVersion],
			Uuid:                 id,
			Extent:               []types.HostScsiDiskPartition{spec.Vmfs.Extent},
			Ssd:                  d.Ssd,
			Local:                d.LocalDisk,
			ScsiDiskType:         d.ScsiDiskType,
		},
	}
	mount := types.HostMountInfo{
		Path:       "/vmfs/volumes/" + id,
		AccessMode: string(types.HostMountModeReadWrite),
		Mounted:    types.NewBool(true),
		Accessible: types.NewBool(true),
	}
	s.describeVolume(ctx, ds, info, "VMFS", capacity, mount)
	return ds.Self, nil
}

// vmfsPartition is the spec's partition that the VMFS extent names, if it is
// a VMFS partition that fits the disk.
func vmfsPartition(spec types.VmfsDatastoreCreateSpec, d *types.HostScsiDisk) *types.HostDiskPartitionAttributes {
	if spec.Partition.TotalSectors != d.Capacity.Block {
		return nil
	}
	for i, p := range spec.Partition.Partition {
		if p.Partition == spec.Vmfs.Extent.Partition && p.Type == vmfsPartitionType &&
			p.StartSector > 0 && p.StartSector < p.EndSector && p.EndSector < d.Capacity.Block {
			return &spec.Partition.Partition[i]
		}
	}
	return nil
}

// vmfsVolumeID is a new VMFS volume UUID as ESXi writes them,
// e.g. 65a1f3c2-1d2e3f40-5a6b-7c8d9e0f1a2b.
func vmfsVolumeID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	h := hex.EncodeToString(b)
	return h[0:8] + "-" + h[8:16] + "-" + h[16:20] + "-" + h[20:32]
}
