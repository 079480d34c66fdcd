/**
 * vSphere inventory as Pulumi dynamic resources over vCenter's vim25 SOAP API: datacenters, compute clusters
 * and their ESXi hosts, NFS and VMFS datastores with folders on them, distributed switches and their port groups.
 * Every resource's id is the object's MOID. Credentials come from the stack config (`vsphere:*`, or the named
 * connections of `vsphere-openstack:connections`) or the `VSPHERE_*` environment variables, never from inputs.
 *
 * @module
 */
export { Datacenter, DatacenterArgs, DatacenterState } from "./datacenter";
export {
    DistributedSwitch,
    DistributedSwitchArgs,
    DistributedSwitchHost,
    DistributedSwitchHostArgs,
    DistributedSwitchState,
} from "./distributedSwitch";
export { NasDatastore, NasDatastoreArgs, NasDatastoreState } from "./nasDatastore";
export { VmfsDatastore, VmfsDatastoreArgs, VmfsDatastoreState } from "./vmfsDatastore";
export {
    DistributedPortGroup,
    DistributedPortGroupArgs,
    DistributedPortGroupState,
    Security,
    SecurityArgs,
    Vlan,
    VlanArgs,
    VlanRange,
} from "./distributedPortGroup";
export { DatastoreFolder, DatastoreFolderArgs, DatastoreFolderState } from "./datastoreFolder";
export {
    ClusterDrs,
    ClusterDrsArgs,
    ClusterHa,
    ClusterHaArgs,
    ComputeCluster,
    ComputeClusterArgs,
    ComputeClusterState,
    DrsAutomationLevel,
    HaHostMonitoring,
} from "./computeCluster";
export { Host, HostArgs, HostState } from "./host";
