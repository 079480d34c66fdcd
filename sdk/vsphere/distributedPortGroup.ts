import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";
import { LifecycleArgs } from "../../model/vsphere/lifecycle";

/** A range of VLAN ids of a trunk, both ends included. */
export interface VlanRange {
    /** The first VLAN id of the range, 0–4094. */
    min: number;
    /** The last VLAN id of the range, 0–4094, not below `min`. */
    max: number;
}

/**
 * The VLAN of the port group's ports: exactly one of `id` (one VLAN, tagged by the switch; 0 for untagged
 * traffic) or `trunk` (VLAN tags pass through to the VMs, for the VLANs of these ranges).
 */
export interface VlanArgs {
    /** One VLAN id, 0–4094 (0: no VLAN, untagged; 4095 is reserved and not valid on a distributed switch). */
    id?: pulumi.Input<number>;
    /**
     * The VLAN ranges of a trunk, e.g. `[{ min: 100, max: 2000 }]`, each within 0–4094. A set: order, overlaps and
     * adjacent ranges do not matter (the provider merges them, so `[{min: 100, max: 199}, {min: 200, max: 300}]`
     * and `[{min: 100, max: 300}]` are the same trunk).
     */
    trunk?: pulumi.Input<pulumi.Input<VlanRange>[]>;
}

/** Which layer-2 changes the port group's ports accept from the VMs (the security policy). */
export interface SecurityArgs {
    /** Let a VM's adapter in promiscuous mode see all traffic of its VLAN(s). Defaults to false. */
    allowPromiscuous?: pulumi.Input<boolean>;
    /** Let VMs send frames from other MAC addresses than their adapters' (forged transmits). Defaults to false. */
    allowForgedTransmits?: pulumi.Input<boolean>;
    /** Let VMs change the MAC address of their adapters and receive on it. Defaults to false. */
    allowMacChanges?: pulumi.Input<boolean>;
}

/** The inputs of a {@link DistributedPortGroup}. */
export interface DistributedPortGroupArgs extends Omit<LifecycleArgs, "forceDestroy"> {
    /**
     * MOID of the distributed switch (`vsphere.DistributedSwitch`'s id, e.g. `dvs-21`). Changing this forces
     * replacement (the old port group is destroyed first).
     */
    switchId: pulumi.Input<string>;
    /**
     * The port group's name, e.g. `br-int`: at most 80 characters, unique among the networks of the datacenter.
     * Changing it renames the port group in place (its MOID stays; VMs stay connected).
     */
    name: pulumi.Input<string>;
    /**
     * The VLAN: `{ id: 101 }` for one VLAN or `{ trunk: [{ min: 100, max: 2000 }] }` for a trunk. Changed in place,
     * trunk ↔ single VLAN included. Defaults to `{ id: 0 }` (untagged).
     */
    vlan?: pulumi.Input<VlanArgs>;
    /**
     * The number of ports of an `earlyBinding` port group (`numPorts`), 0–60000 (the most ports a distributed
     * switch holds): a fixed number, changed in place
     * (ports in use cannot be removed). When omitted, the port group starts with 8 ports and vCenter adds more as
     * VMs connect (elastic ports, `autoExpand`), so the count in vCenter is not compared. Not for `ephemeral` port
     * groups, which create a port for each connection.
     */
    ports?: pulumi.Input<number>;
    /**
     * How VMs get their ports: `earlyBinding` (static: a port is assigned when a VM is configured to use the port
     * group) or `ephemeral` (a port is created when a VM powers on, also while vCenter is down). Changed in place.
     * Defaults to `earlyBinding`.
     */
    binding?: pulumi.Input<"earlyBinding" | "ephemeral">;
    /** The security policy of the ports; each flag defaults to false. Changed in place. */
    security?: pulumi.Input<SecurityArgs>;
    /**
     * Let a single port override the port group's VLAN (`vlanOverrideAllowed`), as Neutron does per VM port on a
     * `br-int` trunk. Changed in place. Defaults to false.
     */
    vlanOverrideAllowed?: pulumi.Input<boolean>;
    /**
     * A description of the port group. Changed in place. When omitted, the description in vCenter is left as it
     * is; it cannot be set to empty (the vSphere API reads an empty description as "unchanged").
     */
    description?: pulumi.Input<string>;
}

/** The VLAN as the provider stores it: a trunk's ranges sorted and merged. */
export interface Vlan {
    /** The VLAN id of a port group with one VLAN; 0 for untagged traffic. */
    id?: number;
    /** The VLAN ranges of a trunk, sorted and merged. */
    trunk?: VlanRange[];
    /** A private VLAN id, when one was set in vCenter (this resource does not declare private VLANs). */
    privateVlanId?: number;
}

/** The security policy as the provider stores it: every flag set. */
export interface Security {
    /** Whether a VM's adapter in promiscuous mode sees all traffic of its VLAN(s). */
    allowPromiscuous: boolean;
    /** Whether VMs may send frames from other MAC addresses than their adapters' (forged transmits). */
    allowForgedTransmits: boolean;
    /** Whether VMs may change the MAC address of their adapters and receive on it. */
    allowMacChanges: boolean;
}

/** What the provider stores for a port group: its settings as vCenter reports them, and what vCenter assigned. */
export interface DistributedPortGroupState {
    /** MOID of the distributed switch. */
    switchId: string;
    /** The port group's name. */
    name: string;
    /** The VLAN of the port group's ports. */
    vlan: Vlan;
    /** The number of ports in vCenter. */
    ports: number;
    /** True when vCenter adds ports as VMs connect (`autoExpand`), which it does when `ports` is omitted. */
    autoExpand: boolean;
    /** How VMs get their ports: `earlyBinding` or `ephemeral`. */
    binding: string;
    /** The security policy of the ports. */
    security: Security;
    /** Whether a single port may override the port group's VLAN. */
    vlanOverrideAllowed: boolean;
    /** The description, `""` when there is none. */
    description: string;
    /** The port group key (VM NIC port connections name the port group by it), e.g. `dvportgroup-33`. */
    key: string;
    /** The switch's managed object type as vCenter returned it (`VmwareDistributedVirtualSwitch` on vCenter). */
    switchType: string;
}

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
