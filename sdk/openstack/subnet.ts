import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";
import type { SubnetArgs } from "../../model/openstack/subnet";

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
export class Subnet extends pulumi.dynamic.Resource {
    /** The id of the network the subnet belongs to. */
    declare readonly networkId: pulumi.Output<string>;
    /** The subnet's name. */
    declare readonly name: pulumi.Output<string>;
    /** The CIDR in canonical form (IPv6 in RFC 5952 form). */
    declare readonly cidr: pulumi.Output<string>;
    /** 4 or 6, the family of the CIDR. */
    declare readonly ipVersion: pulumi.Output<4 | 6>;
    /** The gateway's address; null without a gateway. */
    declare readonly gatewayIp: pulumi.Output<string | null>;
    /** True for a subnet without a gateway. */
    declare readonly noGateway: pulumi.Output<boolean>;
    /** The ranges Neutron hands addresses out of, sorted by start address. */
    declare readonly allocationPools: pulumi.Output<
        {
            /** The first address of the range. */
            start: string;
            /** The last address of the range. */
            end: string;
        }[]
    >;
    /** DNS servers DHCP hands out, in order. */
    declare readonly dnsNameservers: pulumi.Output<string[]>;
    /** Static routes DHCP hands out, sorted by destination. */
    declare readonly hostRoutes: pulumi.Output<
        {
            /** The destination network in CIDR notation. */
            destination: string;
            /** The address of the router to send it to. */
            nextHop: string;
        }[]
    >;
    /** Whether Neutron's DHCP serves the subnet. */
    declare readonly enableDhcp: pulumi.Output<boolean>;
    /** Free text, `""` when there is none. */
    declare readonly description: pulumi.Output<string>;

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
        super(provider, name, { ...outputs, ...args }, opts, "openstack", "Subnet");
    }
}
