/** The provider of `vsphere.DistributedSwitch`. */
import type * as pulumi from "@pulumi/pulumi";
import type {
    DistributedSwitchArgs,
    DistributedSwitchHost,
    DistributedSwitchState,
} from "../../sdk/vsphere/distributedSwitch";
import { InputChecker, isKnown } from "../../model/check";
import { configureProviders } from "../config";
import { diffByRules, FieldRules, sameValue, UNKNOWN } from "../../model/diff";
import { VimClient } from "./client/client";
import { isFault, VSphereError } from "./client/faults";
import { joinPath } from "./client/finder";
import { Properties } from "./client/propertyCollector";
import { runTask } from "./client/task";
import { list, ManagedObjectReference, moref, obj, SoapObject, str, VimObject, VimValue } from "./client/xml";
import { reconfigureVersioned } from "./configVersion";
import { refuseWhileVms, vmsOf } from "./vms";
import { onConnection, vsphereClient } from "./connection";
import { datacenterFolder } from "./datacenterFolder";
import { MAX_NAME_LENGTH } from "./datacenter";
import { checkLifecycle, createOrAdopt, refuseToLoseContents } from "./lifecycle";
import { checkDescription } from "./switchInputs";
import { readSwitch, SWITCH_TYPES } from "./switchRef";

type Inputs = pulumi.Unwrap<DistributedSwitchArgs>;

/** The settings the inputs declare, defaults applied; undefined for those left to vCenter. */
type Wanted = Omit<
    DistributedSwitchState,
    "switchType" | "uuid" | "uplinkPortgroupIds" | "version" | "uplinks" | "hosts" | "description"
> & {
    version?: string;
    uplinks?: string[];
    hosts?: DistributedSwitchHost[];
    description?: string;
};

/** What vCenter does not report and the state keeps from before. */
type Known = Pick<DistributedSwitchState, "datacenterId" | "forceDestroy">;

/** The switch as read, with the `configVersion` a reconfiguration must carry. */
interface Live {
    ref: ManagedObjectReference;
    state: DistributedSwitchState;
    configVersion: string;
    /** The product spec vCenter reports (name, vendor, version), for an upgrade. */
    product: VimObject;
}

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

const PROPERTIES = ["name", "uuid", "config"];

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

/** An empty text where vCenter sends an empty element: an optional data object that is not set. */
function optObj(value: VimValue | undefined, what: string): VimObject {
    return value === undefined || value === "" ? {} : obj(value, what);
}

function memberOf(value: VimValue): DistributedSwitchHost {
    const config = obj(obj(value, "DistributedVirtualSwitchHostMember").config, "host member config");
    const backing = optObj(config.backing, "host member backing");
    return {
        hostId: moref(config.host, "host member host").value,
        nics: list(backing.pnicSpec).map((p) => str(obj(p, "pnicSpec").pnicDevice, "pnicDevice")),
    };
}

function readLive(ref: ManagedObjectReference, props: Properties, k: Known): Live {
    const config = obj(props.config, "DistributedVirtualSwitch.config");
    const product = optObj(config.productInfo, "config.productInfo");
    const uplinkPolicy = optObj(config.uplinkPortPolicy, "config.uplinkPortPolicy");
    return {
        ref,
        configVersion: config.configVersion === undefined ? "" : str(config.configVersion, "config.configVersion"),
        product,
        state: {
            datacenterId: k.datacenterId,
            name: str(props.name, "DistributedVirtualSwitch.name"),
            version: product.version === undefined ? "" : str(product.version, "productInfo.version"),
            mtu: Number(str(config.maxMtu, "config.maxMtu")),
            uplinks: list(uplinkPolicy.uplinkPortName).map((u) => str(u, "uplinkPortName")),
            hosts: normalizeHosts(list(config.host).map(memberOf)),
            description: config.description === undefined ? "" : str(config.description, "config.description"),
            forceDestroy: k.forceDestroy,
            switchType: ref.type,
            uuid: str(props.uuid, "DistributedVirtualSwitch.uuid"),
            uplinkPortgroupIds: list(config.uplinkPortgroup).map((p) => moref(p, "uplinkPortgroup").value),
        },
    };
}

/** Reads the switch in one round trip; undefined when it is gone. */
async function read(client: VimClient, id: string, k: Known, type?: string): Promise<Live | undefined> {
    const found = await readSwitch(client, id, PROPERTIES, type);
    return found && readLive(found.ref, found.props, k);
}

async function mustRead(client: VimClient, id: string, k: Known, type?: string): Promise<Live> {
    const live = await read(client, id, k, type);
    if (!live) {
        throw new VSphereError(`distributed switch ${id} disappeared from vCenter while it was being changed`);
    }
    return live;
}

function pnicBacking(nics: string[]): SoapObject {
    return { $type: "DistributedVirtualSwitchHostMemberPnicBacking", pnicSpec: nics.map((n) => ({ pnicDevice: n })) };
}

function hostRef(id: string): ManagedObjectReference {
    return new ManagedObjectReference("HostSystem", id);
}

/** The host member specs that turn membership `have` into `want`: add, edit (other NICs), remove. */
export function membershipChanges(have: DistributedSwitchHost[], want: DistributedSwitchHost[]): SoapObject[] {
    const current = new Map(have.map((h) => [h.hostId, h.nics]));
    const wanted = new Set(want.map((h) => h.hostId));
    const changes: SoapObject[] = [];
    for (const w of want) {
        const nics = current.get(w.hostId);
        if (nics === undefined || !sameValue(nics, w.nics)) {
            const operation = nics === undefined ? "add" : "edit";
            changes.push({ operation, host: hostRef(w.hostId), backing: pnicBacking(w.nics) });
        }
    }
    for (const h of have.filter((h) => !wanted.has(h.hostId))) {
        changes.push({ operation: "remove", host: hostRef(h.hostId) });
    }
    return changes;
}

function uplinkPolicy(uplinks: string[]): SoapObject {
    return { $type: "DVSNameArrayUplinkPortPolicy", uplinkPortName: uplinks };
}

/**
 * The `VMwareDVSConfigSpec` that brings the switch to `want`, or undefined when nothing differs. Only what
 * differs is in it (fields in WSDL order), with the switch's current configVersion.
 */
export function switchSpec(want: Wanted, live: Live): SoapObject | undefined {
    const have = live.state;
    const spec: SoapObject = { $type: "VMwareDVSConfigSpec", configVersion: live.configVersion };
    if (want.name !== have.name) {
        spec.name = want.name;
    }
    if (want.uplinks && !sameValue(want.uplinks, have.uplinks)) {
        spec.uplinkPortPolicy = uplinkPolicy(want.uplinks);
    }
    const membership = want.hosts ? membershipChanges(have.hosts, want.hosts) : [];
    if (membership.length) {
        spec.host = membership;
    }
    if (want.description !== undefined && want.description !== have.description) {
        spec.description = want.description;
    }
    if (want.mtu !== have.mtu) {
        spec.maxMtu = want.mtu;
    }
    return Object.keys(spec).length > 2 ? spec : undefined;
}

/** Fails when `want` would lower the switch's version, which vCenter cannot do. */
function refuseDowngrade(name: string, have: string, want: string | undefined): void {
    if (want !== undefined && want !== UNKNOWN && have !== "" && compareVersions(want, have) < 0) {
        throw new VSphereError(
            `distributed switch "${name}" is at version ${have} and cannot go down to ${want}: vCenter upgrades ` +
                `switches in place but never downgrades them. Keep version "${have}" (or omit it); to start over ` +
                `at ${want}, replace the switch (pulumi up --replace), which disconnects everything on it`,
        );
    }
}

/** Brings the switch to `want`: one reconfiguration with its configVersion, then an upgrade if one is due. */
async function reconcile(client: VimClient, ref: ManagedObjectReference, want: Wanted): Promise<Live> {
    const k = { datacenterId: want.datacenterId, forceDestroy: want.forceDestroy };
    const { live, sent } = await reconfigureVersioned({
        what: `distributed switch "${want.name}" (${ref.value})`,
        read: () => mustRead(client, ref.value, k, ref.type),
        plan: (l) => {
            refuseDowngrade(l.state.name, l.state.version, want.version);
            return switchSpec(want, l);
        },
        apply: (spec) => runTask(client, "ReconfigureDvs_Task", { _this: ref, spec }),
    });
    const upgrade = want.version !== undefined && want.version !== live.state.version;
    if (upgrade) {
        await runTask(client, "PerformDvsProductSpecOperation_Task", {
            _this: ref,
            operation: "upgrade",
            productSpec: { name: live.product.name, vendor: live.product.vendor, version: want.version },
        });
    }
    return sent || upgrade ? mustRead(client, ref.value, k, ref.type) : live;
}

function wanted(inputs: Inputs): Wanted {
    return {
        datacenterId: inputs.datacenterId,
        name: inputs.name,
        version: inputs.version,
        mtu: inputs.mtu ?? DEFAULT_MTU,
        uplinks: inputs.uplinks,
        hosts: inputs.hosts && normalizeHosts(inputs.hosts),
        description: inputs.description,
        forceDestroy: inputs.forceDestroy ?? false,
    };
}

function createSpec(want: Wanted): SoapObject {
    return {
        configSpec: {
            $type: "VMwareDVSConfigSpec",
            name: want.name,
            uplinkPortPolicy: uplinkPolicy(want.uplinks ?? DEFAULT_UPLINKS),
            host: (want.hosts ?? []).map((h) => ({
                operation: "add",
                host: hostRef(h.hostId),
                backing: pnicBacking(h.nics),
            })),
            description: want.description,
            maxMtu: want.mtu,
        },
        productInfo: want.version === undefined ? undefined : { version: want.version },
    };
}

/** The preview checks of the inputs, before any API call; pure, so that a whole stack spec can use them. */
export function checkInputs(news: Inputs): pulumi.dynamic.CheckResult<Inputs> {
    const c = new InputChecker();
    c.name("datacenterId", news.datacenterId, MAX_NAME_LENGTH);
    c.name("name", news.name, MAX_NAME_LENGTH);
    if (isKnown(news.version) && (typeof news.version !== "string" || !/^\d+\.\d+\.\d+$/.test(news.version))) {
        c.fail("version", `version must be a switch version such as "8.0.3", not ${JSON.stringify(news.version)}`);
    }
    c.integer("mtu", news.mtu, MIN_MTU, MAX_MTU, false);
    checkUplinks(c, news.uplinks);
    const sortable = checkHosts(c, news.hosts, news.uplinks);
    checkDescription(c, news.description);
    checkLifecycle(c, news);
    const hosts = sortable ? normalizeHosts(news.hosts!) : news.hosts;
    return c.result({ ...news, mtu: news.mtu ?? DEFAULT_MTU, ...(hosts ? { hosts } : {}) });
}

class DistributedSwitchProvider implements pulumi.dynamic.ResourceProvider<Inputs, DistributedSwitchState> {
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        configureProviders(req.config);
    }

    async check(_olds: Inputs, news: Inputs): Promise<pulumi.dynamic.CheckResult<Inputs>> {
        return checkInputs(news);
    }

    async diff(_id: string, olds: DistributedSwitchState, news: Inputs): Promise<pulumi.dynamic.DiffResult> {
        refuseDowngrade(olds.name, olds.version, news.version);
        return diffByRules(rules, olds, wanted(news));
    }

    async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<DistributedSwitchState>> {
        const client = vsphereClient();
        const want = wanted(inputs);
        const network = await datacenterFolder(client, want.datacenterId, "networkFolder", "the switch");
        const { ref, adopted } = await createOrAdopt(client, {
            kind: "distributed switch",
            path: joinPath(joinPath(network.datacenterPath, "network"), want.name),
            types: SWITCH_TYPES,
            adopt: inputs.adopt ?? false,
            create: async () =>
                moref(
                    await runTask(client, "CreateDVS_Task", { _this: network.folder, spec: createSpec(want) }),
                    "CreateDVS_Task",
                ),
        });
        const k = { datacenterId: want.datacenterId, forceDestroy: want.forceDestroy };
        const live = adopted ? await reconcile(client, ref, want) : await mustRead(client, ref.value, k, ref.type);
        return { id: ref.value, outs: live.state };
    }

    async read(id: string, props?: DistributedSwitchState): Promise<pulumi.dynamic.ReadResult<DistributedSwitchState>> {
        const k = { datacenterId: props?.datacenterId ?? "", forceDestroy: props?.forceDestroy ?? false };
        const live = await read(vsphereClient(), id, k, props?.switchType);
        return live ? { id, props: live.state } : {};
    }

    async update(
        id: string,
        olds: DistributedSwitchState,
        news: Inputs,
    ): Promise<pulumi.dynamic.UpdateResult<DistributedSwitchState>> {
        const ref = new ManagedObjectReference(olds.switchType, id);
        return { outs: (await reconcile(vsphereClient(), ref, wanted(news))).state };
    }

    async delete(id: string, props: DistributedSwitchState): Promise<void> {
        const client = vsphereClient();
        const paths = ["portgroup", "config.uplinkPortgroup"];
        const found = await readSwitch(client, id, paths, props.switchType);
        if (!found) {
            return;
        }
        const uplinks = new Set(
            list(found.props["config.uplinkPortgroup"]).map((p) => moref(p, "uplinkPortgroup").value),
        );
        const portgroups = list(found.props.portgroup)
            .map((p) => moref(p, "DistributedVirtualSwitch.portgroup"))
            .filter((p) => !uplinks.has(p.value));
        const what = `distributed switch "${props.name}" (${id})`;
        const remedy = "connect their network adapters to another switch, or delete the VMs, first";
        await refuseWhileVms(client, what, await vmsOf(client, portgroups), "has VMs connected to it", remedy);
        await refuseToLoseContents(client, what, portgroups, props.forceDestroy);
        try {
            await runTask(client, "Destroy_Task", { _this: found.ref });
        } catch (err) {
            if (!isFault(err, "ManagedObjectNotFound")) {
                throw err;
            }
        }
    }
}

export const provider = onConnection(new DistributedSwitchProvider());
