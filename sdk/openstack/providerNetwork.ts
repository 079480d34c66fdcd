import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";
import type { ProviderNetworkArgs } from "../../model/openstack/providerNetwork";

export type { ProviderNetworkArgs, ProviderNetworkState } from "../../model/openstack/providerNetwork";

const provider = packageProvider("openstack/providerNetwork");

/**
 * A Neutron provider network: a VLAN (or the untagged traffic) of a physical network, which on vSphere is
 * carried by the distributed switch's `br-int` port group. Its id is the network's UUID. Needs an admin
 * (provider attributes are admin-only by Neutron's default policy).
 *
 * @example
 * ```ts
 * const net = new openstack.ProviderNetwork("vlan101", {
 *     name: "prod-101", physicalNetwork: "physnet1", segmentationId: 101, shared: true,
 * });
 * ```
 */
export class ProviderNetwork extends pulumi.dynamic.Resource {
    /** The network's name. */
    declare readonly name: pulumi.Output<string>;
    /** How the network reaches the physical network: `vlan` or `flat`. */
    declare readonly networkType: pulumi.Output<"vlan" | "flat">;
    /** The physical network, as Neutron's ML2 configuration names it. */
    declare readonly physicalNetwork: pulumi.Output<string>;
    /** The VLAN id, declared or assigned by Neutron; null for a flat network. */
    declare readonly segmentationId: pulumi.Output<number | null>;
    /** Whether every project may use the network. */
    declare readonly shared: pulumi.Output<boolean>;
    /** Whether the network is external (`router:external`). */
    declare readonly external: pulumi.Output<boolean>;
    /** The MTU in bytes. */
    declare readonly mtu: pulumi.Output<number>;
    /** The administrative state: false when the network is down. */
    declare readonly adminStateUp: pulumi.Output<boolean>;
    /** The default of port security for the network's new ports. */
    declare readonly portSecurityEnabled: pulumi.Output<boolean>;
    /** Free text, `""` when there is none. */
    declare readonly description: pulumi.Output<string>;

    constructor(name: string, args: ProviderNetworkArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = {
            networkType: undefined,
            segmentationId: undefined,
            shared: undefined,
            external: undefined,
            mtu: undefined,
            adminStateUp: undefined,
            portSecurityEnabled: undefined,
            description: undefined,
        };
        super(provider, name, { ...outputs, ...args }, opts, "openstack", "ProviderNetwork");
    }
}
