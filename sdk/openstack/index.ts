/**
 * OpenStack objects as Pulumi dynamic resources over the Keystone v3, Nova and Neutron REST APIs: Nova flavors
 * with the extra specs the VMware driver reads, Neutron provider networks on a physical network, and their
 * subnets. Credentials come from the stack config `openstack:*` (or `OS_CLOUD` and `OS_*`), never from inputs.
 *
 * @module
 */
export { Flavor, FlavorArgs, FlavorState } from "./flavor";
export { ProviderNetwork, ProviderNetworkArgs, ProviderNetworkState } from "./providerNetwork";
export { AllocationPool, HostRoute, Subnet, SubnetArgs, SubnetState } from "./subnet";
