export { Flavor, FlavorArgs, FlavorState } from "./flavor";
export { ProviderNetwork, ProviderNetworkArgs, ProviderNetworkState } from "./providerNetwork";
export { AllocationPool, HostRoute, Subnet, SubnetArgs, SubnetState } from "./subnet";
