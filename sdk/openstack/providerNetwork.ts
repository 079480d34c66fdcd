import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";
import { ownerInput } from "../owner";
import type { ProviderNetworkArgs, ProviderNetworkState } from "../../model/openstack/providerNetwork";
import type { Outputs } from "../outputs";

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
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the outputs, below
export class ProviderNetwork extends pulumi.dynamic.Resource {
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
        super(
            provider,
            name,
            { ...outputs, ...args, ...ownerInput("openstack", "ProviderNetwork", name) },
            opts,
            "openstack",
            "ProviderNetwork",
        );
    }
}

/** The outputs, each field of the state (documented there) as an output; Pulumi sets them. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface ProviderNetwork extends Outputs<ProviderNetworkState> {}
