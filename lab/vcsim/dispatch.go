package main

import (
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

// How the overrides reach the simulator
//
// The simulator finds the object for a SOAP call (Registry.Get, then the
// session's view of it, Session.Get), and calls the method of the same name on
// it by reflection. Its own code type-asserts inventory objects everywhere
// (ctx.Map.Get(ref).(*simulator.HostSystem) and so on), so the objects in the
// registry must keep their simulator types: replacing them with wrapper types
// would break those assertions.
//
// Instead the lab hooks Registry.Handler, which the simulator calls before
// every dispatch with the request's Context. For the methods overridden here
// it wraps the object in a lab type (which embeds the simulator object, so
// everything else is promoted unchanged) and puts the wrapper into a
// throw-away per-request session registry. Session.Get consults the session
// registry first, so the wrapper receives this one call, while the inventory
// keeps the original objects. ctx.Session is a per-request copy of the stored
// session (Context.mapSession), so the replaced registry does not outlive the
// request.
//
// Overridden methods, each modelling a real vCenter 8 behaviour:
//
//	Folder.CreateDatacenter                   DuplicateName for an existing name (folder.go)
//	Datacenter.Destroy_Task                   destroys the datacenter with its contents (datacenter.go)
//	Folder.CreateDVS_Task                     DuplicateName; applies hosts and defaults (dvs.go)
//	DistributedVirtualSwitch.ReconfigureDvs_Task  applies settings, configVersion (dvs.go)
//	DistributedVirtualSwitch.AddDVPortgroup_Task  VLAN/type/numPorts validation (dvs.go)
//	DistributedVirtualSwitch.Destroy_Task     also destroys its port groups (dvs.go)
//	DistributedVirtualPortgroup.ReconfigureDVPortgroup_Task  merge, rename, configVersion (portgroup.go)
//	DistributedVirtualSwitch.PerformDvsProductSpecOperation_Task  in-place upgrade of the version (dvsproduct.go)
//	DistributedVirtualPortgroup.Destroy_Task  ResourceInUse while VMs use it; leaves no references (portgroup.go)
//	Folder.CreateVM_Task, RegisterVM_Task, VirtualMachine.ReconfigVM_Task, CloneVM_Task, Destroy_Task,
//	UnregisterVM                              port groups list the VMs on them, Network.vm (vmnetwork.go)
//	ClusterComputeResource.Destroy_Task       destroys the cluster with its hosts (compute.go)
//	Folder.CreateClusterEx                    applies the spec over vCenter's defaults (cluster.go)
//	ClusterComputeResource.ReconfigureComputeResource_Task  keeps every DAS/DRS/DPM setting (cluster.go)
//	ClusterComputeResource.Rename_Task        DuplicateName, InvalidName (cluster.go)
//	ClusterComputeResource.AddHost_Task       DuplicateName, AlreadyConnected, thumbprint check (cluster.go)
//	HostSystem.Enter/ExitMaintenanceMode_Task  InvalidState rules, watchers notified (host.go)
//	HostSystem.ReconnectHost_Task             thumbprint check, watchers notified (host.go)
//	ComputeResource.Destroy_Task              removes a standalone host (compute.go)
//	HostSystem.Destroy_Task                   maintenance mode rule, full cleanup (compute.go)
//	HostDatastoreSystem.CreateNasDatastore    no local directory needed; same export joins; access mode (datastore.go)
//	HostDatastoreSystem.RemoveDatastore       unmounts; the last unmount removes the datastore (datastore.go)
//	HostDatastoreSystem.QueryAvailableDisksForVmfs, QueryVmfsDatastoreCreateOptions, CreateVmfsDatastore
//	                                          VMFS on each host's local disks (datastore_vmfs.go)
//	Datastore.Rename_Task                     DuplicateName, InvalidName; summary and info renamed (datastore.go)
//	FileManager.MakeDirectory                 FileAlreadyExists for an existing path (datastore_files.go)
//	FileManager.DeleteDatastoreFile_Task      FileNotFound naming the datastore path (datastore_files.go)
//	FileManager.CopyDatastoreFile_Task        makes the destination's parent folders (datastore_files.go)
//	VirtualMachine.RelocateVM_Task            DatastoreNotWritableOnHost for a host without the VM's datastores (vmrelocate.go)
//	SessionManager.AcquireGenericServiceTicket  one-time tickets a host's /folder accepts (esxhost.go)
//	PropertyCollector.RetrieveProperties(Ex)  traversal specs followed only from objects of their type (traversal.go)
func (l *Lab) dispatch(ctx *simulator.Context, method *simulator.Method) (mo.Reference, types.BaseMethodFault) {
	expandTraversals(ctx, method)
	if ctx.Session == nil {
		// Not logged in: the simulator answers NotAuthenticated (for property
		// reads as a missingSet entry per property, like vCenter).
		return nil, nil
	}

	obj := ctx.Map.Get(method.This)
	if obj == nil {
		return nil, nil // the simulator answers ManagedObjectNotFound
	}
	wrapper := l.override(method.Name, obj)
	if wrapper == nil {
		return nil, nil
	}

	reg := simulator.NewRegistry()
	// Registry.Put touches the entity's status fields: hold the object's lock.
	ctx.WithLock(obj, func() { reg.Put(wrapper) })
	ctx.Session.Registry = reg
	return wrapper, nil
}

// override returns the lab wrapper that implements method for obj, or nil.
func (l *Lab) override(method string, obj mo.Reference) mo.Reference {
	if w := vmNetworkOverride(method, obj); w != nil {
		return w
	}
	switch o := obj.(type) {
	case *simulator.Folder:
		switch method {
		case "CreateDatacenter", "CreateDVS_Task", "CreateClusterEx":
			return &folderOverride{Folder: o}
		}
	case *simulator.DistributedVirtualSwitch:
		switch method {
		case "ReconfigureDvs_Task", "AddDVPortgroup_Task", "Destroy_Task", "PerformDvsProductSpecOperation_Task":
			return &dvsOverride{DistributedVirtualSwitch: o, strict: l.cfg.StrictConfigVersion}
		}
	case *simulator.DistributedVirtualPortgroup:
		switch method {
		case "ReconfigureDVPortgroup_Task", "Destroy_Task":
			return &portgroupOverride{DistributedVirtualPortgroup: o, strict: l.cfg.StrictConfigVersion}
		}
	case *simulator.Datacenter:
		if method == "Destroy_Task" {
			return &datacenterOverride{Datacenter: o}
		}
	case *simulator.ClusterComputeResource:
		switch method {
		case "Destroy_Task", "ReconfigureComputeResource_Task", "Rename_Task", "AddHost_Task":
			return &clusterOverride{ClusterComputeResource: o}
		}
	case *mo.ComputeResource: // the simulator keeps standalone compute resources as plain mo objects
		if method == "Destroy_Task" {
			return &computeResourceOverride{ComputeResource: o}
		}
	case *simulator.HostSystem:
		switch method {
		case "Destroy_Task", "EnterMaintenanceMode_Task", "ExitMaintenanceMode_Task", "ReconnectHost_Task":
			return &hostOverride{HostSystem: o}
		}
	case *simulator.HostDatastoreSystem:
		switch method {
		case "CreateNasDatastore", "RemoveDatastore", "QueryAvailableDisksForVmfs", "QueryVmfsDatastoreCreateOptions", "CreateVmfsDatastore":
			return &hostDatastoreSystemOverride{HostDatastoreSystem: o}
		}
	case *simulator.Datastore:
		if method == "Rename_Task" {
			return &datastoreOverride{Datastore: o}
		}
	case *simulator.SessionManager:
		if method == "AcquireGenericServiceTicket" {
			return &sessionManagerOverride{SessionManager: o, lab: l}
		}
	case *simulator.VirtualMachine:
		if method == "RelocateVM_Task" {
			return &vmRelocateOverride{VirtualMachine: o}
		}
	case *simulator.FileManager:
		switch method {
		case "MakeDirectory", "DeleteDatastoreFile_Task", "CopyDatastoreFile_Task":
			return &fileManagerOverride{FileManager: o}
		}
	}
	return nil
}
