import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";
import type { DistributedPortGroupArgs, Security, Vlan } from "../../model/vsphere/distributedPortGroup";

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
export class DistributedPortGroup extends pulumi.dynamic.Resource {
    /** MOID of the distributed switch. */
    declare readonly switchId: pulumi.Output<string>;
    /** The port group's name. */
    declare readonly name: pulumi.Output<string>;
    /** The VLAN of the port group's ports, a trunk's ranges sorted and merged. */
    declare readonly vlan: pulumi.Output<Vlan>;
    /** The number of ports in vCenter. */
    declare readonly ports: pulumi.Output<number>;
    /** True when vCenter adds ports as VMs connect (`autoExpand`), which it does when `ports` is omitted. */
    declare readonly autoExpand: pulumi.Output<boolean>;
    /** How VMs get their ports: `earlyBinding` or `ephemeral`. */
    declare readonly binding: pulumi.Output<string>;
    /** The security policy of the ports. */
    declare readonly security: pulumi.Output<Security>;
    /** Whether a single port may override the port group's VLAN. */
    declare readonly vlanOverrideAllowed: pulumi.Output<boolean>;
    /** The description, `""` when there is none. */
    declare readonly description: pulumi.Output<string>;
    /** The port group key (VM NIC port connections name the port group by it), e.g. `dvportgroup-33`. */
    declare readonly key: pulumi.Output<string>;
    /** The switch's managed object type as vCenter returned it (`VmwareDistributedVirtualSwitch` on vCenter). */
    declare readonly switchType: pulumi.Output<string>;

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
        super(provider, name, { ...outputs, ...defaulted, ...args }, opts, "vsphere", "DistributedPortGroup");
    }
}
