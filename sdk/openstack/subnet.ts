import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";
import { ownerInput } from "../owner";
import type { SubnetArgs, SubnetState } from "../../model/openstack/subnet";
import type { Outputs } from "../outputs";

export type { AllocationPool, HostRoute, SubnetArgs, SubnetState } from "../../model/openstack/subnet";

const provider = packageProvider("openstack/subnet");

/**
 * A Neutron subnet of a network. Its id is the subnet's UUID. Inputs are checked at preview: the CIDR, the
 * gateway against the CIDR and the pools, the pools against the CIDR and each other, the families of DNS servers
 * and routes. Neutron refuses overlapping CIDRs on one network, so a replacement deletes the old subnet first.
 *
 * @example
 * ```ts
 * const subnet = new openstack.Subnet("vlan101-v4", {
 *     networkId: net.id, name: "prod-101-v4", cidr: "192.0.2.0/24",
 *     allocationPools: [{ start: "192.0.2.10", end: "192.0.2.200" }], dnsNameservers: ["192.0.2.53"],
 * });
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the outputs, below
export class Subnet extends pulumi.dynamic.Resource {
    constructor(name: string, args: SubnetArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = {
            ipVersion: undefined,
            gatewayIp: undefined,
            noGateway: undefined,
            allocationPools: undefined,
            dnsNameservers: undefined,
            hostRoutes: undefined,
            enableDhcp: undefined,
            description: undefined,
        };
        super(
            provider,
            name,
            { ...outputs, ...args, ...ownerInput("openstack", "Subnet", name) },
            opts,
            "openstack",
            "Subnet",
        );
    }
}

/** The outputs, each field of the state (documented there) as an output; Pulumi sets them. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface Subnet extends Outputs<SubnetState> {}
