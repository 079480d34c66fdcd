import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";
import { LifecycleArgs } from "./lifecycle";

/** One host of a distributed switch and the physical NICs it gives the switch. */
export interface DistributedSwitchHostArgs {
    /** MOID of the ESXi host (`HostSystem`), e.g. `host-21` (`vsphere.Host`'s id). */
    hostId: pulumi.Input<string>;
    /**
     * The host's physical NICs that become the switch's uplinks on this host, e.g. `["vmnic1", "vmnic2"]`: a set,
     * at most one NIC per uplink; vCenter connects them to the switch's uplinks in name order. A NIC must exist on
     * the host and be free (not used by another switch). Changing the set changes the host's membership in place.
     */
    nics: pulumi.Input<pulumi.Input<string>[]>;
}

/** The inputs of a {@link DistributedSwitch}. */
export interface DistributedSwitchArgs extends LifecycleArgs {
    /**
     * MOID of the datacenter (`vsphere.Datacenter`'s id, e.g. `datacenter-2`); the switch goes into its network
     * folder. Changing this forces replacement (the old switch is destroyed first).
     */
    datacenterId: pulumi.Input<string>;
    /**
     * The switch's name: at most 80 characters, unique among the networks of the datacenter. Changing it renames
     * the switch in place (its MOID stays).
     */
    name: pulumi.Input<string>;
    /**
     * The switch version (`productInfo.version`), e.g. `"8.0.3"`: vCenter 8.0 U3 offers 7.0.0, 7.0.2, 7.0.3, 8.0.0
     * and 8.0.3, and every member host must run an ESXi release at least as new. Defaults to the newest version
     * vCenter offers when the switch is created; when omitted later, the version is left as it is.
     *
     * A higher version upgrades the switch in place (`PerformDvsProductSpecOperation_Task`; its MOID stays and VMs
     * stay connected). A lower version is refused at preview: vCenter cannot downgrade a switch. To go back, the
     * switch must be destroyed and created again (`pulumi up --replace <urn>`), which disconnects everything on it.
     */
    version?: pulumi.Input<string>;
    /**
     * The maximum MTU of the switch in bytes (`maxMtu`), from 1280 to 9000 (the range vCenter 8 accepts). Updated
     * in place; the uplinks of every member host go down and up briefly. Defaults to 1500.
     */
    mtu?: pulumi.Input<number>;
    /**
     * The names of the switch's uplinks, one per physical NIC a host may give the switch, e.g.
     * `["uplink1", "uplink2"]`: one or more unique names. Order matters (uplink ports are numbered in it). Updated in
     * place. Defaults to `["uplink1", "uplink2", "uplink3", "uplink4"]` when the switch is created; when omitted
     * later, the names in vCenter are left as they are.
     */
    uplinks?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * The member hosts and the physical NICs each gives the switch: exactly these hosts are members, each with
     * exactly these NICs (hosts and NICs compare as sets, in any order). Hosts are added, their NICs changed and
     * hosts removed in place, in one reconfiguration of the switch. A host cannot leave while its VMs or VMkernel
     * adapters use the switch. When omitted, membership is not managed: hosts added in vCenter stay.
     */
    hosts?: pulumi.Input<pulumi.Input<DistributedSwitchHostArgs>[]>;
    /**
     * A description of the switch. Updated in place. When omitted, the description in vCenter is left as it is;
     * it cannot be set to empty (the vSphere API reads an empty description as "unchanged").
     */
    description?: pulumi.Input<string>;
}

/** A member host as the provider stores it: NICs sorted by name. */
export interface DistributedSwitchHost {
    /** MOID of the ESXi host. */
    hostId: string;
    /** The physical NICs the host gives the switch, sorted by name. */
    nics: string[];
}

/** What the provider stores for a switch: its settings as vCenter reports them, and what vCenter assigned. */
export interface DistributedSwitchState {
    /** MOID of the datacenter whose network folder holds the switch. */
    datacenterId: string;
    /** The switch's name. */
    name: string;
    /** The switch version (`productInfo.version`), e.g. `8.0.3`. */
    version: string;
    /** The maximum MTU of the switch in bytes (`maxMtu`). */
    mtu: number;
    /** The names of the switch's uplinks, in the order of the uplink ports. */
    uplinks: string[];
    /** The member hosts, sorted by MOID. */
    hosts: DistributedSwitchHost[];
    /** The description, `""` when there is none. */
    description: string;
    /** Whether destroying the object also destroys what it holds that the stack does not manage; false unless set. */
    forceDestroy: boolean;
    /**
     * The switch's managed object type as vCenter returned it: `VmwareDistributedVirtualSwitch` for a VMware
     * switch on vCenter (every call on the switch must use it).
     */
    switchType: string;
    /** The switch's UUID (port connections of VM NICs name the switch by it). */
    uuid: string;
    /** MOIDs of the switch's uplink port groups (made by vCenter with the switch). */
    uplinkPortgroupIds: string[];
}

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
