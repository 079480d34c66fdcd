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
import type { OwnedInputs } from "../../model/owner";
import { diffByRules, sameValue, UNKNOWN } from "../../model/diff";
import { VimClient } from "./client/client";
import { VSphereError } from "./client/faults";
import { joinPath } from "../../model/vsphere/inventoryPath";
import { ManagedObjectReference } from "./client/xml";
import { HostMemberChange, ProductSpec, SwitchConfigSpec } from "./vim/dvs";
import { Datacenter } from "./object/datacenter";
import { DistributedVirtualSwitch, SWITCH_TYPES } from "./object/distributedSwitch";
import { HostSystem } from "./object/host";
import { stillThere, unlessGone } from "./object/managedObject";
import { vmsOf } from "./object/vms";
import { onConnection, vsphereClient } from "./connection";
import { createOrAdopt } from "./lifecycle/adopt";
import { reconfigureVersioned } from "./lifecycle/reconfigure";
import { refuseToLoseContents, refuseWhileVms } from "./lifecycle/refusals";

type Inputs = pulumi.Unwrap<DistributedSwitchArgs> & OwnedInputs;

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
    dvs: DistributedVirtualSwitch;
    state: DistributedSwitchState;
    configVersion: string;
    /** The product spec vCenter reports (name, vendor, version), for an upgrade. */
    product: ProductSpec;
}

/** Reads the switch in one round trip; undefined when it is gone. */
async function read(client: VimClient, id: string, k: Known, type?: string): Promise<Live | undefined> {
    const found = await DistributedVirtualSwitch.read(client, id, type);
    if (!found) {
        return undefined;
    }
    const { dvs, info } = found;
    const { config } = info;
    return {
        dvs,
        configVersion: config.configVersion,
        product: config.product,
        state: {
            datacenterId: k.datacenterId,
            name: info.name,
            version: config.product.version ?? "",
            mtu: config.maxMtu,
            uplinks: config.uplinks,
            hosts: normalizeHosts(config.hosts.map((h) => ({ hostId: h.host.value, nics: h.nics }))),
            description: config.description,
            forceDestroy: k.forceDestroy,
            switchType: dvs.ref.type,
            uuid: info.uuid,
            uplinkPortgroupIds: config.uplinkPortgroups.map((p) => p.value),
        },
    };
}

async function mustRead(client: VimClient, id: string, k: Known, type?: string): Promise<Live> {
    const live = await read(client, id, k, type);
    return stillThere(live, "distributed switch", id);
}

/** The host member changes that turn membership `have` into `want`: add, edit (other NICs), remove. */
export function membershipChanges(have: DistributedSwitchHost[], want: DistributedSwitchHost[]): HostMemberChange[] {
    const current = new Map(have.map((h) => [h.hostId, h.nics]));
    const wanted = new Set(want.map((h) => h.hostId));
    const changes: HostMemberChange[] = [];
    for (const w of want) {
        const nics = current.get(w.hostId);
        if (nics === undefined || !sameValue(nics, w.nics)) {
            const member = { host: HostSystem.refOf(w.hostId), nics: w.nics };
            changes.push({ operation: nics === undefined ? "add" : "edit", member });
        }
    }
    for (const h of have.filter((h) => !wanted.has(h.hostId))) {
        changes.push({ operation: "remove", host: HostSystem.refOf(h.hostId) });
    }
    return changes;
}

/**
 * The `VMwareDVSConfigSpec` that brings the switch to `want`, or undefined when nothing differs. Only what
 * differs is in it, with the switch's current configVersion.
 */
export function switchSpec(want: Wanted, live: Live): SwitchConfigSpec | undefined {
    const have = live.state;
    const spec: SwitchConfigSpec = {};
    if (want.name !== have.name) {
        spec.name = want.name;
    }
    if (want.uplinks && !sameValue(want.uplinks, have.uplinks)) {
        spec.uplinks = want.uplinks;
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
    return Object.keys(spec).length ? { ...spec, configVersion: live.configVersion } : undefined;
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
async function reconcile(client: VimClient, dvs: DistributedVirtualSwitch, want: Wanted): Promise<Live> {
    const k = { datacenterId: want.datacenterId, forceDestroy: want.forceDestroy };
    const { live, sent } = await reconfigureVersioned({
        what: `distributed switch "${want.name}" (${dvs.id})`,
        read: () => mustRead(client, dvs.id, k, dvs.ref.type),
        plan: (l) => {
            refuseDowngrade(l.state.name, l.state.version, want.version);
            return switchSpec(want, l);
        },
        apply: (spec) => dvs.reconfigure(spec),
    });
    const upgrade = want.version !== undefined && want.version !== live.state.version;
    if (upgrade) {
        await dvs.upgrade({ name: live.product.name, vendor: live.product.vendor, version: want.version });
    }
    return sent || upgrade ? mustRead(client, dvs.id, k, dvs.ref.type) : live;
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

/** The spec of a new switch: every declared setting. */
function createSpec(want: Wanted): SwitchConfigSpec {
    return {
        name: want.name,
        uplinks: want.uplinks ?? DEFAULT_UPLINKS,
        host: (want.hosts ?? []).map((h) => ({
            operation: "add",
            member: { host: HostSystem.refOf(h.hostId), nics: h.nics },
        })),
        description: want.description,
        maxMtu: want.mtu,
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
        const network = await new Datacenter(client, want.datacenterId).folder("networkFolder", "the switch");
        const { ref, adopted } = await createOrAdopt(client, {
            kind: "distributed switch",
            path: joinPath(joinPath(network.datacenterPath, "network"), want.name),
            types: SWITCH_TYPES,
            adopt: inputs.adopt ?? false,
            owner: inputs.owner,
            parent: new Datacenter(client, want.datacenterId).ref,
            create: async () => {
                const product = want.version === undefined ? undefined : { version: want.version };
                return (await DistributedVirtualSwitch.create(client, network.folder, createSpec(want), product)).ref;
            },
        });
        const k = { datacenterId: want.datacenterId, forceDestroy: want.forceDestroy };
        const dvs = new DistributedVirtualSwitch(client, ref);
        const live = adopted ? await reconcile(client, dvs, want) : await mustRead(client, ref.value, k, ref.type);
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
        const client = vsphereClient();
        const dvs = new DistributedVirtualSwitch(client, new ManagedObjectReference(olds.switchType, id));
        return { outs: (await reconcile(client, dvs, wanted(news))).state };
    }

    async delete(id: string, props: DistributedSwitchState): Promise<void> {
        const client = vsphereClient();
        const found = await DistributedVirtualSwitch.find(client, id, (dvs) => dvs.portgroups(), props.switchType);
        if (!found) {
            return;
        }
        const portgroups = found.found;
        const what = `distributed switch "${props.name}" (${id})`;
        const remedy = "connect their network adapters to another switch, or delete the VMs, first";
        await refuseWhileVms(client, what, await vmsOf(client, portgroups), "has VMs connected to it", remedy);
        await refuseToLoseContents(client, what, portgroups, props.forceDestroy);
        await unlessGone(() => found.dvs.destroy());
    }
}

export const provider = onConnection(new DistributedSwitchProvider());
