export { Datacenter, DatacenterArgs, DatacenterState } from "./datacenter";
export {
    DistributedSwitch,
    DistributedSwitchArgs,
    DistributedSwitchHost,
    DistributedSwitchHostArgs,
    DistributedSwitchState,
} from "./distributedSwitch";
export { NasDatastore, NasDatastoreArgs, NasDatastoreState } from "./nasDatastore";
