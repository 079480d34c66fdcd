import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";
import type { DistributedSwitchArgs, DistributedSwitchHost } from "../../model/vsphere/distributedSwitch";

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
export class DistributedSwitch extends pulumi.dynamic.Resource {
    /** MOID of the datacenter whose network folder holds the switch. */
    declare readonly datacenterId: pulumi.Output<string>;
    /** The switch's name. */
    declare readonly name: pulumi.Output<string>;
    /** The switch version (`productInfo.version`), e.g. `8.0.3`. */
    declare readonly version: pulumi.Output<string>;
    /** The maximum MTU of the switch in bytes (`maxMtu`). */
    declare readonly mtu: pulumi.Output<number>;
    /** The names of the switch's uplinks, in the order of the uplink ports. */
    declare readonly uplinks: pulumi.Output<string[]>;
    /** The member hosts with their NICs, sorted by MOID. */
    declare readonly hosts: pulumi.Output<DistributedSwitchHost[]>;
    /** The description, `""` when there is none. */
    declare readonly description: pulumi.Output<string>;
    /** Whether destroying the object also destroys what it holds that the stack does not manage; false unless set. */
    declare readonly forceDestroy: pulumi.Output<boolean>;
    /**
     * The switch's managed object type as vCenter returned it: `VmwareDistributedVirtualSwitch` for a VMware switch
     * on vCenter.
     */
    declare readonly switchType: pulumi.Output<string>;
    /** The switch's UUID (port connections of VM NICs name the switch by it). */
    declare readonly uuid: pulumi.Output<string>;
    /** MOIDs of the switch's uplink port groups (made by vCenter with the switch). */
    declare readonly uplinkPortgroupIds: pulumi.Output<string[]>;

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
        super(provider, name, { ...outputs, ...defaulted, ...args }, opts, "vsphere", "DistributedSwitch");
    }
}
