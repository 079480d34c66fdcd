import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";
import { ownerInput } from "../owner";
import type { DistributedSwitchArgs, DistributedSwitchState } from "../../model/vsphere/distributedSwitch";
import type { Outputs } from "../outputs";

export type {
    DistributedSwitchArgs,
    DistributedSwitchHost,
    DistributedSwitchHostArgs,
    DistributedSwitchState,
} from "../../model/vsphere/distributedSwitch";

const provider = packageProvider("vsphere/distributedSwitch");

/**
 * A vSphere distributed switch (VDS) with its member hosts and their uplink NICs. Its id is the switch's MOID
 * (e.g. `dvs-21`). Every change is applied in place with the switch's current `configVersion`, so a concurrent
 * change in vCenter is never overwritten unseen. Destroying it fails while VMs have network adapters on it,
 * listing them, whatever `forceDestroy` says; it fails while it holds port groups this stack does not manage,
 * listing them, unless `forceDestroy` is set (they are then destroyed with it). VMkernel adapters of hosts on it
 * make vCenter refuse the destroy either way.
 *
 * @example
 * ```ts
 * const dvs = new vsphere.DistributedSwitch("dvs", {
 *     datacenterId: dc.id,
 *     name: "openstack-dvs",
 *     mtu: 9000,
 *     uplinks: ["uplink1", "uplink2"],
 *     hosts: [esx1, esx2].map((host) => ({ hostId: host.id, nics: ["vmnic1", "vmnic2"] })),
 * });
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the outputs, below
export class DistributedSwitch extends pulumi.dynamic.Resource {
    constructor(name: string, args: DistributedSwitchArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = { switchType: undefined, uuid: undefined, uplinkPortgroupIds: undefined };
        const defaulted = {
            version: undefined,
            mtu: undefined,
            uplinks: undefined,
            hosts: undefined,
            description: undefined,
            forceDestroy: undefined,
        };
        super(
            provider,
            name,
            { ...outputs, ...defaulted, ...args, ...ownerInput("vsphere", "DistributedSwitch", name) },
            opts,
            "vsphere",
            "DistributedSwitch",
        );
    }
}

/** The outputs, each field of the state (documented there) as an output; Pulumi sets them. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface DistributedSwitch extends Outputs<DistributedSwitchState> {}
