/**
 * Checks an {@link OpenStackOnVSphereSpec} as a whole before any API call. The spec is planned (see `plan.ts`),
 * and the plan checked: each child's inputs by the checks its resource runs at preview, the render's input by
 * the render's checks (nova-compute hosts nova reads, none twice). Then what only the whole shows: every
 * network VLAN inside the range that br-int trunks, no VLAN twice, network MTUs within every switch's,
 * references that resolve, names unique where vSphere or OpenStack needs them, datastore regular expressions that
 * match a declared datastore, connections that are configured. Each failure names its path in the spec
 * (`networks[2].vlan`) and what is allowed.
 */
import type * as pulumi from "@pulumi/pulumi";
import { InputChecker } from "../../model/check";
import { CONNECTIONS_KEY } from "../../model/configKeys";
import { ConnectionEntry, readConnection, VCenterConnection } from "../../model/connection";
import { checkInputs as checkFlavor } from "../../model/openstack/flavor";
import { checkInputs as checkNetwork } from "../../model/openstack/providerNetwork";
import { checkInputs as checkSubnet } from "../../model/openstack/subnet";
import { checkInputs as checkCluster } from "../../model/vsphere/computeCluster";
import { checkInputs as checkDatacenter } from "../../model/vsphere/datacenter";
import { checkInputs as checkFolder } from "../../model/vsphere/datastoreFolder";
import { checkInputs as checkPortGroup } from "../../model/vsphere/distributedPortGroup";
import { DEFAULT_MTU, checkInputs as checkSwitch } from "../../model/vsphere/distributedSwitch";
import { checkInputs as checkHost } from "../../model/vsphere/host";
import { checkInventoryName } from "../../model/vsphere/lifecycle";
import { checkInputs as checkNas } from "../../model/vsphere/nasDatastore";
import { checkInputs as checkVmfs } from "../../model/vsphere/vmfsDatastore";
import { ChildArgs, items, plan, Plan, PlannedChild, PlannedChildOf } from "./plan";
import { renderFailures } from "./render";
import { DEFAULT_PORT_GROUP, OpenStackOnVSphereSpec, VCenterSpec, VlanRangeSpec } from "./spec";

/** One problem of a spec: where, and what is allowed there. */
export interface SpecFailure {
    /** Where in the spec, e.g. `vcenters[0].clusters[1].drs.migrationThreshold`. */
    path: string;
    /** What is wrong and what is allowed. */
    reason: string;
}

/** What `validateSpec` checks the spec against besides itself. */
export interface ValidateOptions {
    /**
     * The connections of the stack config `vsphere-openstack:connections`, by name. When given, every vCenter of the spec
     * must name one that has a server, a user and a password (and a host password if it declares hosts).
     */
    connections?: Record<string, ConnectionEntry>;
}

/** Connection names: they also name the Cinder and Glance backends and prefix the nova-compute hosts. */
const CONNECTION_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

class Failures {
    readonly list: SpecFailure[] = [];

    add(path: string, reason: string): void {
        this.list.push({ path, reason });
    }

    /** A list of objects where the spec takes one (`what` says of what), when it is given. */
    objects(path: string, value: unknown, what: string): void {
        if (value === undefined) {
            return;
        }
        if (!Array.isArray(value)) {
            this.add(path, `must be a list of ${what}, not ${JSON.stringify(value)}`);
            return;
        }
        value.forEach((v, i) => {
            if (typeof v !== "object" || v === null || Array.isArray(v)) {
                this.add(`${path}[${i}]`, `must be one of ${what}, an object, not ${JSON.stringify(v)}`);
            }
        });
    }

    /** Each name in `names` once; a repeat names the index that had it first. */
    unique(names: { name: unknown; at: string }[], what: string): void {
        const seen = new Map<unknown, string>();
        for (const { name, at } of names) {
            const first = seen.get(name);
            if (first !== undefined) {
                this.add(at, `${what} "${String(name)}" is already used by ${first}; ${what}s must be unique`);
            } else {
                seen.set(name, at);
            }
        }
    }
}

/** A name by the rule of vSphere's inventory names (`checkInventoryName`), for a name that is no child's. */
function inventoryName(f: Failures, path: string, value: unknown): void {
    const c = new InputChecker();
    const field = path.slice(path.lastIndexOf(".") + 1);
    checkInventoryName(c, field, value);
    c.failures.forEach((failure) => f.add(path, failure.reason));
}

function checkConnection(f: Failures, at: string, v: VCenterSpec, connections: Record<string, ConnectionEntry>): void {
    const entry = connections[v.name];
    if (entry === undefined) {
        const configured = Object.keys(connections).map((n) => `"${n}"`);
        f.add(
            `${at}.name`,
            `"${v.name}" is not a connection of the stack config "${CONNECTIONS_KEY}" (configured: ${configured.join(", ") || "none"})`,
        );
        return;
    }
    const hasHosts = (v.clusters ?? []).some((c) => (c.hosts ?? []).length > 0);
    for (const problem of readConnection(v.name, entry, hasHosts ? ["hostPassword"] : []).problems) {
        f.add(`${at}.name`, problem);
    }
}

/** A vCenter's clusters: at least one, names and hostnames unique; the hostnames with their paths. */
function checkClusters(f: Failures, at: string, v: VCenterSpec): { name: unknown; at: string }[] {
    f.objects(`${at}.clusters`, v.clusters, "clusters {name, hosts, drs, ha}");
    const clusters = items(v.clusters);
    if (clusters.length === 0) {
        f.add(`${at}.clusters`, "at least one cluster is required: each cluster is one Nova hypervisor");
    }
    f.unique(
        clusters.map((c, i) => ({ name: c.name, at: `${at}.clusters[${i}].name` })),
        "cluster name",
    );
    const hostnames: { name: unknown; at: string }[] = [];
    for (const [i, c] of clusters.entries()) {
        const path = `${at}.clusters[${i}]`;
        f.objects(`${path}.hosts`, c.hosts, "hosts {hostname, username, sslThumbprint}");
        for (const [j, h] of items(c.hosts).entries()) {
            hostnames.push({ name: h.hostname, at: `${path}.hosts[${j}].hostname` });
        }
    }
    f.unique(hostnames, "hostname");
    return hostnames;
}

/** A vCenter's datastores: names unique, NFS or VMFS on a declared host; their names. */
function checkDatastores(f: Failures, at: string, v: VCenterSpec, hostnames: { name: unknown }[]): unknown[] {
    f.objects(`${at}.datastores`, v.datastores, "datastores {name, nfs | vmfs}");
    const datastores = items(v.datastores);
    f.unique(
        datastores.map((d, i) => ({ name: d.name, at: `${at}.datastores[${i}].name` })),
        "datastore name",
    );
    for (const [i, d] of datastores.entries()) {
        const path = `${at}.datastores[${i}]`;
        if ((d.nfs === undefined) === (d.vmfs === undefined)) {
            f.add(path, "set exactly one of nfs {remoteHosts, remotePath} and vmfs {host, disk}");
        }
        if (d.vmfs && !hostnames.some((h) => h.name === d.vmfs?.host)) {
            const declared = hostnames.map((h) => String(h.name)).join(", ") || "none";
            f.add(
                `${path}.vmfs.host`,
                `"${String(d.vmfs.host)}" is not a host of this vCenter (declared: ${declared})`,
            );
        }
    }
    return datastores.map((d) => d.name);
}

/** Where Glance and Cinder keep their data: a declared datastore, a regex that matches some, a folder name. */
function checkStores(f: Failures, at: string, v: VCenterSpec, names: unknown[]): void {
    const image = v.imageStore ?? ({} as VCenterSpec["imageStore"]);
    if (!names.includes(image.datastore)) {
        f.add(
            `${at}.imageStore.datastore`,
            `"${String(image.datastore)}" is not a declared datastore (declared: ${names.join(", ") || "none"})`,
        );
    }

    const volumes = v.volumes ?? ({} as VCenterSpec["volumes"]);
    let regex: RegExp | undefined;
    try {
        regex = new RegExp(volumes.datastoreRegex);
    } catch (err) {
        f.add(`${at}.volumes.datastoreRegex`, `is not a regular expression: ${(err as Error).message}`);
    }
    if (regex && typeof volumes.datastoreRegex === "string" && !names.some((n) => regex.test(String(n)))) {
        f.add(
            `${at}.volumes.datastoreRegex`,
            `/${volumes.datastoreRegex}/ matches no declared datastore (declared: ${names.join(", ") || "none"})`,
        );
    }
    if (volumes.folder !== undefined) {
        inventoryName(f, `${at}.volumes.folder`, volumes.folder);
    }
    if (volumes.lazyCreate !== undefined && typeof volumes.lazyCreate !== "boolean") {
        f.add(`${at}.volumes.lazyCreate`, `must be true or false, not ${JSON.stringify(volumes.lazyCreate)}`);
    }
}

function checkVCenter(f: Failures, at: string, v: VCenterSpec): void {
    if (typeof v.name !== "string" || !CONNECTION_NAME.test(v.name)) {
        f.add(
            `${at}.name`,
            `must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit, not ${JSON.stringify(v.name)}`,
        );
    }
    const hostnames = checkClusters(f, at, v);
    checkStores(f, at, v, checkDatastores(f, at, v, hostnames));
    const sw = v.switch ?? ({} as VCenterSpec["switch"]);
    const nics = sw.hostNics;
    if (nics !== undefined) {
        const uplinks = sw.uplinks?.length ?? 4;
        if (!Array.isArray(nics) || nics.length === 0 || nics.some((n) => typeof n !== "string" || n === "")) {
            f.add(`${at}.switch.hostNics`, `must be a non-empty list of NIC names such as "vmnic1"`);
        } else if (nics.length > uplinks) {
            f.add(`${at}.switch.hostNics`, `${nics.length} NICs exceed the switch's ${uplinks} uplinks`);
        }
    }
}

/** The networks: names unique, each VLAN inside the trunked range and used once, each MTU within every switch's. */
function checkNetworks(f: Failures, spec: OpenStackOnVSphereSpec, range: VlanRangeSpec | undefined): void {
    const vcenters = items(spec.vcenters);
    f.objects("networks", spec.networks, "networks {name, vlan, subnets, …}");
    const networks = items(spec.networks);
    f.unique(
        networks.map((n, i) => ({ name: n.name, at: `networks[${i}].name` })),
        "network name",
    );
    const vlans = new Map<number, number>();
    const switchMtus = vcenters.map((v) => ({
        mtu: v.switch?.mtu ?? DEFAULT_MTU,
        name: v.switch?.name,
        vcenter: v.name,
    }));
    for (const [i, n] of networks.entries()) {
        const at = `networks[${i}]`;
        f.objects(`${at}.subnets`, n.subnets, "subnets {cidr, gateway, pools, dns, …}");
        if (range && Number.isInteger(n.vlan) && (n.vlan < range.min || n.vlan > range.max)) {
            f.add(
                `${at}.vlan`,
                `VLAN ${n.vlan} is outside the VLAN range ${range.min}-${range.max} that ${spec.network.portGroup ?? DEFAULT_PORT_GROUP} trunks`,
            );
        }
        const first = vlans.get(n.vlan);
        if (first !== undefined) {
            f.add(`${at}.vlan`, `VLAN ${n.vlan} is already used by networks[${first}] ("${networks[first].name}")`);
        } else if (Number.isInteger(n.vlan)) {
            vlans.set(n.vlan, i);
        }
        for (const s of switchMtus.filter((s) => typeof n.mtu === "number" && n.mtu > s.mtu)) {
            f.add(
                `${at}.mtu`,
                `MTU ${n.mtu} exceeds the MTU of switch "${s.name}" of vCenter "${s.vcenter}" (${s.mtu})`,
            );
        }
    }
}

/** What only the spec as a whole shows (see the header). */
function wholeSpecFailures(spec: OpenStackOnVSphereSpec, options: ValidateOptions): SpecFailure[] {
    const f = new Failures();
    f.objects("vcenters", spec.vcenters, "vCenters {name, datacenter, clusters, …}");
    const vcenters = items(spec.vcenters);
    if (vcenters.length === 0 && (spec.vcenters === undefined || Array.isArray(spec.vcenters))) {
        f.add("vcenters", "at least one vCenter is required");
    }
    f.unique(
        vcenters.map((v, i) => ({ name: v.name, at: `vcenters[${i}].name` })),
        "vCenter name",
    );
    for (const [i, v] of vcenters.entries()) {
        checkVCenter(f, `vcenters[${i}]`, v);
        if (options.connections) {
            checkConnection(f, `vcenters[${i}]`, v, options.connections);
        }
    }

    const range = spec.network?.vlanRange;
    const rangeOk =
        range !== undefined &&
        Number.isInteger(range.min) &&
        Number.isInteger(range.max) &&
        1 <= range.min &&
        range.min <= range.max &&
        range.max <= 4094;
    if (!rangeOk) {
        f.add("network.vlanRange", `must be {min, max} with 1 <= min <= max <= 4094, not ${JSON.stringify(range)}`);
    }

    checkNetworks(f, spec, rangeOk ? range : undefined);

    f.objects("flavors", spec.flavors, "flavors {name, vcpus, ramMb, diskGb, …}");
    const flavors = items(spec.flavors);
    f.unique(
        flavors.map((fl, i) => ({ name: fl.name, at: `flavors[${i}].name` })),
        "flavor name",
    );
    if (spec.adopt !== undefined && typeof spec.adopt !== "boolean") {
        f.add("adopt", `must be true or false, not ${JSON.stringify(spec.adopt)}`);
    }
    return f.list;
}

/** Each kind of child's preview checks: those its resource's provider runs. */
const CHECKS: { [K in keyof ChildArgs]: (args: ChildArgs[K]) => pulumi.dynamic.CheckResult<unknown> } = {
    Datacenter: checkDatacenter,
    ComputeCluster: checkCluster,
    Host: checkHost,
    NasDatastore: checkNas,
    VmfsDatastore: checkVmfs,
    DatastoreFolder: checkFolder,
    DistributedSwitch: checkSwitch,
    DistributedPortGroup: checkPortGroup,
    ProviderNetwork: checkNetwork,
    Subnet: checkSubnet,
    Flavor: checkFlavor,
};

function checkFailures<K extends keyof ChildArgs>(child: PlannedChildOf<K>): readonly pulumi.dynamic.CheckFailure[] {
    return CHECKS[child.kind](child.args).failures ?? [];
}

/**
 * A child's check failure as a spec failure: the field under the path the spec gives it (the leading field
 * renamed, the rest of the property kept, so `allocationPools[0].start` is `pools[0].start`), and every field
 * the reason names by the spec's name for it (`gatewayIp … lies in allocationPools[0]` is `gateway … lies in
 * pools[0]`); undefined for a field the spec does not hold.
 */
function asSpecFailure(child: PlannedChild, failure: pulumi.dynamic.CheckFailure): SpecFailure | undefined {
    const [, field, rest] = /^([A-Za-z]*)(.*)$/.exec(failure.property) ?? ["", failure.property, ""];
    const mapped = child.fields[field];
    if (mapped === "") {
        return undefined;
    }
    const renames = Object.entries(child.fields).filter(([, to]) => to !== "");
    // Quoted text (the values given) is left as it is.
    const reason = failure.reason
        .split(/("[^"]*")/)
        .map((part, i) =>
            i % 2 === 1
                ? part
                : renames.reduce(
                      (text, [from, to]) =>
                          text.replace(new RegExp(`\\b${from}\\b`, "g"), to.slice(to.lastIndexOf(".") + 1)),
                      part,
                  ),
        )
        .join("");
    if (mapped === undefined) {
        return { path: `${child.at}.${failure.property}`, reason };
    }
    const path = mapped.startsWith("/") ? mapped.slice(1) : `${child.at}.${mapped}`;
    return { path: path + rest, reason };
}

/** The failures of a plan: each child's inputs by its resource's checks, and the render's input by the render's. */
export function planFailures(p: Plan): SpecFailure[] {
    const children = p.children.flatMap((child) =>
        checkFailures(child).flatMap((failure) => asSpecFailure(child, failure) ?? []),
    );
    return [...children, ...renderFailures(p.render)];
}

/** The connections of the spec's vCenters that read without a problem, by name. */
export function readableConnections(
    spec: OpenStackOnVSphereSpec,
    entries: Record<string, ConnectionEntry> = {},
): Record<string, VCenterConnection | undefined> {
    return Object.fromEntries(
        items(spec.vcenters).map((v) => [
            v.name,
            entries[v.name] && readConnection(v.name, entries[v.name]).connection,
        ]),
    );
}

/** Whether `path` is `at` or lies below it (`network.vlanRange.trunk[0]` below `network.vlanRange`). */
function within(path: string, at: string): boolean {
    return path === at || path.startsWith(`${at}.`) || path.startsWith(`${at}[`);
}

/**
 * Every failure of `spec` planned as `planned`: what the whole shows first, then each problem of the plan at a
 * path where none is yet (a list entry that is no object, planned as an empty one, is not refused again for
 * each field it lacks; a field two children share is named once).
 */
export function validatePlan(
    spec: OpenStackOnVSphereSpec,
    planned: Plan,
    options: ValidateOptions = {},
): SpecFailure[] {
    const failures = wholeSpecFailures(spec, options);
    for (const f of planFailures(planned)) {
        if (!failures.some((known) => within(f.path, known.path))) {
            failures.push(f);
        }
    }
    return failures;
}

/** Every failure of the spec; an empty list means it can be deployed. */
export function validateSpec(spec: OpenStackOnVSphereSpec, options: ValidateOptions = {}): SpecFailure[] {
    return validatePlan(spec, plan("spec", spec, readableConnections(spec, options.connections)), options);
}
