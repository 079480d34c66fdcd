import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";
import { ownerInput } from "../owner";
import type { DistributedPortGroupArgs, DistributedPortGroupState } from "../../model/vsphere/distributedPortGroup";
import type { Outputs } from "../outputs";

export type {
    DistributedPortGroupArgs,
    DistributedPortGroupState,
    Security,
    SecurityArgs,
    Vlan,
    VlanArgs,
    VlanRange,
} from "../../model/vsphere/distributedPortGroup";

const provider = packageProvider("vsphere/distributedPortGroup");

/**
 * A port group of a vSphere distributed switch, such as the `br-int` port group whose VLAN trunk carries
 * Neutron's provider VLANs. Its id is the port group's MOID (e.g. `dvportgroup-33`). Every change is applied in
 * place, with the port group's current `configVersion` and only the settings that differ, so a change of the VLAN
 * leaves the security policy, binding and everything set elsewhere as they are; a change made in vCenter shows
 * in `pulumi refresh`, and `pulumi up` puts the declared settings back. Destroying it fails while VMs have network
 * adapters on it, listing them (no destroy of this library disconnects a VM, so a port group takes no
 * `forceDestroy`); VMkernel adapters of hosts on it make vCenter refuse the destroy too.
 *
 * @example
 * ```ts
 * const brInt = new vsphere.DistributedPortGroup("br-int", {
 *     switchId: dvs.id,
 *     name: "br-int",
 *     vlan: { trunk: [{ min: 100, max: 2000 }] }, // the physnet's network_vlan_ranges
 *     vlanOverrideAllowed: true,
 *     security: { allowPromiscuous: true, allowForgedTransmits: true, allowMacChanges: true },
 * });
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the outputs, below
export class DistributedPortGroup extends pulumi.dynamic.Resource {
    constructor(name: string, args: DistributedPortGroupArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = { autoExpand: undefined, key: undefined, switchType: undefined };
        const defaulted = {
            vlan: undefined,
            ports: undefined,
            binding: undefined,
            security: undefined,
            vlanOverrideAllowed: undefined,
            description: undefined,
        };
        super(
            provider,
            name,
            { ...outputs, ...defaulted, ...args, ...ownerInput("vsphere", "DistributedPortGroup", name) },
            opts,
            "vsphere",
            "DistributedPortGroup",
        );
    }
}

/** The outputs, each field of the state (documented there) as an output; Pulumi sets them. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface DistributedPortGroup extends Outputs<DistributedPortGroupState> {}
