/** The provider of `vsphere.DistributedSwitch`. */
import type * as pulumi from "@pulumi/pulumi";
import {
    checkInputs,
    compareVersions,
    DEFAULT_MTU,
    DEFAULT_UPLINKS,
    normalizeHosts,
    rules,
} from "../../model/vsphere/distributedSwitch";
import type {
    DistributedSwitchArgs,
    DistributedSwitchHost,
    DistributedSwitchState,
} from "../../model/vsphere/distributedSwitch";
import { configureProviders } from "../config";
import { diffByRules, sameValue, UNKNOWN } from "../../model/diff";
import { VimClient } from "./client/client";
import { VSphereError } from "./client/faults";
import { joinPath } from "../../model/vsphere/inventoryPath";
import { Properties } from "./client/propertyCollector";
import { runTask } from "./client/task";
import { list, ManagedObjectReference, moref, obj, SoapObject, str, VimObject, VimValue } from "./client/xml";
import { reconfigureVersioned } from "./configVersion";
import { refuseWhileVms, vmsOf } from "./vms";
import { stillThere, unlessGone } from "./object";
import { onConnection, vsphereClient } from "./connection";
import { datacenterFolder } from "./datacenterFolder";
import { createOrAdopt, refuseToLoseContents } from "./lifecycle";
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

const PROPERTIES = ["name", "uuid", "config"];

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
    return stillThere(live, "distributed switch", id);
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
        await unlessGone(async () => {
            await runTask(client, "Destroy_Task", { _this: found.ref });
        });
    }
}

export const provider = onConnection(new DistributedSwitchProvider());
