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
