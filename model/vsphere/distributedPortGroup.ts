/**
 * The contract of `vsphere.DistributedPortGroup`, without I/O: its inputs and stored state (a trunk's VLAN
 * ranges merged into one spelling), which fields replace it and which change in place, and the checks run at
 * preview.
 */
import type * as pulumi from "@pulumi/pulumi";
import { InputChecker, isKnown } from "../check";
import { FieldRules, UNKNOWN } from "../diff";
import { checkInventoryName, checkLifecycle, LifecycleArgs, MAX_NAME_LENGTH } from "./lifecycle";
import { checkDescription } from "./switchInputs";

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

/** The inputs of a `vsphere.DistributedPortGroup`. */
export interface DistributedPortGroupArgs extends Omit<LifecycleArgs, "forceDestroy"> {
    /**
     * MOID of the distributed switch (`vsphere.DistributedSwitch`'s id, e.g. `dvs-21`). Changing this forces
     * replacement (the old port group is destroyed first).
     */
    switchId: pulumi.Input<string>;
    /**
     * The port group's name, e.g. `br-int`: at most 80 characters, without "/", "\" or "%", unique among the
     * networks of the datacenter. Changing it renames the port group in place (its MOID stays; VMs stay
     * connected).
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

export const BINDINGS = ["earlyBinding", "ephemeral"];
export const MAX_VLAN = 4094;
/** The most ports a distributed switch holds (vSphere 8 configuration maximum). */
export const MAX_PORTS = 60000;
/** The ports an elastic port group starts with (as the vSphere Client makes them). */
export const ELASTIC_START_PORTS = 8;
export const DEFAULT_SECURITY: Security = {
    allowPromiscuous: false,
    allowForgedTransmits: false,
    allowMacChanges: false,
};

export const rules: FieldRules<DistributedPortGroupState> = {
    replace: ["switchId"],
    update: ["name", "vlan", "ports", "autoExpand", "binding", "security", "vlanOverrideAllowed", "description"],
    keepWhenOmitted: ["ports", "autoExpand", "description"],
    // A port group name is unique among the datacenter's networks: a replacement needs the old one gone.
    deleteBeforeReplace: true,
};

/** Trunk ranges sorted, with overlapping and adjacent ranges merged: one spelling for each set of VLANs. */
export function normalizeTrunk(ranges: VlanRange[]): VlanRange[] {
    const merged: VlanRange[] = [];
    for (const r of [...ranges].sort((a, b) => a.min - b.min || a.max - b.max)) {
        const last = merged[merged.length - 1];
        if (last && r.min <= last.max + 1) {
            last.max = Math.max(last.max, r.max);
        } else {
            merged.push({ min: r.min, max: r.max });
        }
    }
    return merged;
}

/** Checks `vlan`; returns it normalized when it is valid and known, else as given. */
function checkVlan(c: InputChecker, vlan: unknown): unknown {
    if (!isKnown(vlan)) {
        return vlan;
    }
    if (typeof vlan !== "object" || Array.isArray(vlan)) {
        c.fail("vlan", `vlan must be { id } or { trunk: [{ min, max }, …] }, not ${JSON.stringify(vlan)}`);
        return vlan;
    }
    const { id, trunk, ...rest } = vlan as Record<string, unknown>;
    for (const key of Object.keys(rest)) {
        c.fail(`vlan.${key}`, `vlan has an unknown field "${key}": set either id or trunk`);
    }
    if ((id === undefined) === (trunk === undefined)) {
        const which = id === undefined ? "neither" : "both";
        c.fail(
            "vlan",
            `vlan must set exactly one of id (one VLAN, 0–${MAX_VLAN}) or trunk (VLAN ranges), not ${which}`,
        );
        return vlan;
    }
    if (id !== undefined) {
        c.integer("vlan.id", id, 0, MAX_VLAN, true);
        return vlan;
    }
    if (trunk === UNKNOWN) {
        return vlan;
    }
    if (!Array.isArray(trunk) || trunk.length === 0) {
        c.fail(
            "vlan.trunk",
            `vlan.trunk must be a non-empty list of { min, max } ranges, not ${JSON.stringify(trunk)}`,
        );
        return vlan;
    }
    const failures = c.failures.length;
    let complete = true;
    trunk.forEach((range: unknown, i) => {
        const at = `vlan.trunk[${i}]`;
        if (!isKnown(range)) {
            complete = false;
            return;
        }
        if (typeof range !== "object" || Array.isArray(range)) {
            c.fail(at, `${at} must be a range { min, max } of VLAN ids 0–${MAX_VLAN}, not ${JSON.stringify(range)}`);
            return;
        }
        const { min, max, ...other } = range as Record<string, unknown>;
        for (const key of Object.keys(other)) {
            c.fail(`${at}.${key}`, `${at} has an unknown field "${key}": a range takes min and max`);
        }
        c.integer(`${at}.min`, min, 0, MAX_VLAN, true);
        c.integer(`${at}.max`, max, 0, MAX_VLAN, true);
        if (typeof min === "number" && typeof max === "number" && min > max) {
            c.fail(at, `${at} runs from ${min} down to ${max}: min must not be above max`);
        }
        complete &&= isKnown(min) && isKnown(max);
    });
    return complete && c.failures.length === failures ? { trunk: normalizeTrunk(trunk as VlanRange[]) } : vlan;
}

function checkSecurity(c: InputChecker, security: unknown): void {
    if (!isKnown(security)) {
        return;
    }
    if (typeof security !== "object" || Array.isArray(security)) {
        c.fail("security", `security must be { allowPromiscuous, allowForgedTransmits, allowMacChanges }`);
        return;
    }
    for (const [key, value] of Object.entries(security as Record<string, unknown>)) {
        if (key in DEFAULT_SECURITY) {
            c.boolean(`security.${key}`, value);
        } else {
            c.fail(
                `security.${key}`,
                `security has an unknown field "${key}": it takes allowPromiscuous, allowForgedTransmits and allowMacChanges`,
            );
        }
    }
}

/** The preview checks of the inputs, before any API call; pure, so that a whole stack spec can use them. */
export function checkInputs(
    news: pulumi.Unwrap<DistributedPortGroupArgs>,
): pulumi.dynamic.CheckResult<pulumi.Unwrap<DistributedPortGroupArgs>> {
    const c = new InputChecker();
    c.name("switchId", news.switchId, MAX_NAME_LENGTH);
    checkInventoryName(c, "name", news.name);
    const vlan = checkVlan(c, news.vlan);
    const binding: unknown = news.binding;
    c.oneOf("binding", binding, BINDINGS);
    c.integer("ports", news.ports, 0, MAX_PORTS, false);
    if (binding === "ephemeral" && isKnown(news.ports)) {
        c.fail(
            "ports",
            'ports is for earlyBinding port groups: an ephemeral port group creates a port for each connection; remove ports or set binding: "earlyBinding"',
        );
    }
    checkSecurity(c, news.security);
    c.boolean("vlanOverrideAllowed", news.vlanOverrideAllowed);
    checkDescription(c, news.description);
    checkLifecycle(c, news);
    return c.result({
        ...news,
        ...(vlan === undefined ? {} : { vlan: vlan as pulumi.Unwrap<DistributedPortGroupArgs>["vlan"] }),
    });
}
