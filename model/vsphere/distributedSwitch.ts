/**
 * The contract of `vsphere.DistributedSwitch`, without I/O: its inputs and stored state, vCenter 8's limits and
 * defaults, which fields replace it and which change in place, and the checks run at preview.
 */
import type * as pulumi from "@pulumi/pulumi";
import { InputChecker, isKnown } from "../check";
import { FieldRules, UNKNOWN } from "../diff";
import { checkInventoryName, checkLifecycle, LifecycleArgs, MAX_NAME_LENGTH } from "./lifecycle";
import { checkDescription } from "./switchInputs";

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

/** The inputs of a `vsphere.DistributedSwitch`. */
export interface DistributedSwitchArgs extends LifecycleArgs {
    /**
     * MOID of the datacenter (`vsphere.Datacenter`'s id, e.g. `datacenter-2`); the switch goes into its network
     * folder. Changing this forces replacement (the old switch is destroyed first).
     */
    datacenterId: pulumi.Input<string>;
    /**
     * The switch's name: at most 80 characters, without "/", "\" or "%", unique among the networks of the
     * datacenter. Changing it renames the switch in place (its MOID stays).
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

/**
 * The switch versions vCenter 8.0 U3 creates and upgrades to (`QueryAvailableDvsSpec`); switches of 6.x are not
 * supported by vCenter 8, and any other version fails with `InvalidArgument` on `spec.productInfo.version`.
 */
export const SWITCH_VERSIONS = ["7.0.0", "7.0.2", "7.0.3", "8.0.0", "8.0.3"] as const;

/** vCenter 8 accepts a switch MTU from 1280 to 9000 bytes (`VMwareDvsMtuCapability`). */
export const MIN_MTU = 1280;
export const MAX_MTU = 9000;
export const DEFAULT_MTU = 1500;
/** The uplinks a switch gets when the inputs name none. */
export const DEFAULT_UPLINKS = ["uplink1", "uplink2", "uplink3", "uplink4"];

export const rules: FieldRules<DistributedSwitchState> = {
    replace: ["datacenterId"],
    update: ["name", "version", "mtu", "uplinks", "hosts", "description", "forceDestroy"],
    keepWhenOmitted: ["version", "uplinks", "hosts", "description"],
    // A switch name is unique in its folder: a replacement in the same datacenter needs the old one gone.
    deleteBeforeReplace: true,
};

/** Orders MOIDs such as host-9 and host-10 by their number. */
export function byMoid(a: string, b: string): number {
    return a.localeCompare(b, "en", { numeric: true });
}

/** Hosts sorted by MOID, each with its NICs sorted: the order the state keeps, so that lists compare as sets. */
export function normalizeHosts(hosts: DistributedSwitchHost[]): DistributedSwitchHost[] {
    return hosts
        .map((h) => ({ hostId: h.hostId, nics: [...h.nics].sort(byMoid) }))
        .sort((a, b) => byMoid(a.hostId, b.hostId));
}

/** Parses a version such as "8.0.3" into its numbers. */
function versionNumbers(version: string): number[] {
    return version.split(".").map(Number);
}

/** Negative when version a is older than b, 0 when the same, positive when newer. */
export function compareVersions(a: string, b: string): number {
    const [x, y] = [versionNumbers(a), versionNumbers(b)];
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
        const d = (x[i] ?? 0) - (y[i] ?? 0);
        if (d !== 0) {
            return d;
        }
    }
    return 0;
}

/** Checks `hosts`; true when it is a list whose entries are all known (it may then be sorted). */
function checkHosts(c: InputChecker, hosts: unknown, uplinks: unknown): boolean {
    if (!isKnown(hosts)) {
        return false;
    }
    if (!Array.isArray(hosts)) {
        c.fail("hosts", `hosts must be a list of {hostId, nics}, not ${JSON.stringify(hosts)}`);
        return false;
    }
    let complete = true;
    const seen = new Map<string, number>();
    hosts.forEach((host: unknown, i) => {
        const at = `hosts[${i}]`;
        if (!isKnown(host)) {
            complete = false;
            return;
        }
        if (typeof host !== "object" || Array.isArray(host)) {
            c.fail(at, `${at} must be {hostId, nics}, not ${JSON.stringify(host)}`);
            complete = false;
            return;
        }
        const { hostId, nics, ...rest } = host as Record<string, unknown>;
        for (const key of Object.keys(rest)) {
            c.fail(`${at}.${key}`, `${at} has an unknown field "${key}": a host takes hostId and nics`);
        }
        c.name(`${at}.hostId`, hostId, MAX_NAME_LENGTH);
        if (typeof hostId === "string" && hostId !== UNKNOWN) {
            const first = seen.get(hostId);
            if (first !== undefined) {
                c.fail(`${at}.hostId`, `${at}.hostId repeats host ${hostId} of hosts[${first}]: list each host once`);
            }
            seen.set(hostId, i);
        }
        if (!isKnown(nics)) {
            c.fail(`${at}.nics`, `${at}.nics is required: the host's physical NICs for the switch, e.g. ["vmnic1"]`);
        } else if (c.stringList(`${at}.nics`, nics)) {
            checkNics(c, at, nics, uplinks);
        }
        complete &&= isKnown(hostId) && Array.isArray(nics) && nics.every(isKnown);
    });
    return complete;
}

function checkNics(c: InputChecker, at: string, nics: unknown[], uplinks: unknown): void {
    const repeated = nics.filter((n, i) => isKnown(n) && nics.indexOf(n) !== i);
    if (repeated.length) {
        c.fail(`${at}.nics`, `${at}.nics lists ${[...new Set(repeated)].join(", ")} more than once`);
    }
    if (Array.isArray(uplinks) && nics.length > uplinks.length) {
        c.fail(
            `${at}.nics`,
            `${at}.nics gives ${nics.length} NICs but the switch has ${uplinks.length} uplinks: one NIC per uplink at most`,
        );
    }
}

function checkUplinks(c: InputChecker, uplinks: unknown): void {
    if (!c.stringList("uplinks", uplinks)) {
        return;
    }
    if (uplinks.length === 0) {
        c.fail("uplinks", "uplinks must name at least one uplink");
    }
    const repeated = uplinks.filter((u, i) => isKnown(u) && uplinks.indexOf(u) !== i);
    if (repeated.length) {
        c.fail("uplinks", `uplinks lists ${[...new Set(repeated)].join(", ")} more than once: uplink names are unique`);
    }
}

/** The preview checks of the inputs, before any API call; pure, so that a whole stack spec can use them. */
export function checkInputs(
    news: pulumi.Unwrap<DistributedSwitchArgs>,
): pulumi.dynamic.CheckResult<pulumi.Unwrap<DistributedSwitchArgs>> {
    const c = new InputChecker();
    c.name("datacenterId", news.datacenterId, MAX_NAME_LENGTH);
    checkInventoryName(c, "name", news.name);
    c.oneOf("version", news.version, SWITCH_VERSIONS);
    c.integer("mtu", news.mtu, MIN_MTU, MAX_MTU, false);
    checkUplinks(c, news.uplinks);
    const sortable = checkHosts(c, news.hosts, news.uplinks);
    checkDescription(c, news.description);
    checkLifecycle(c, news);
    const hosts = sortable ? normalizeHosts(news.hosts!) : news.hosts;
    return c.result({ ...news, mtu: news.mtu ?? DEFAULT_MTU, ...(hosts ? { hosts } : {}) });
}
