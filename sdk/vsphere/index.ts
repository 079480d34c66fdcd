export { Datacenter, DatacenterArgs, DatacenterState } from "./datacenter";
export {
    DistributedSwitch,
    DistributedSwitchArgs,
    DistributedSwitchHost,
    DistributedSwitchHostArgs,
    DistributedSwitchState,
} from "./distributedSwitch";
