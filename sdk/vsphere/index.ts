export { Datacenter, DatacenterArgs, DatacenterState } from "./datacenter";
