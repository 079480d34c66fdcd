/** The provider of `vsphere.NasDatastore`. */
import type * as pulumi from "@pulumi/pulumi";
import {
    checkInputs,
    EXPORT_FIELDS,
    NasDatastoreInputs,
    NasDatastoreState,
    rules,
} from "../../model/vsphere/nasDatastore";
import { configureProviders } from "../config";
import type { OwnedInputs } from "../../model/owner";
import { diffByRules } from "../../model/diff";
import { VimClient } from "./client/client";
import { isFault, VSphereError } from "./client/faults";
import { escapeName } from "../../model/vsphere/inventoryPath";
import { Mount, NasVolumeSpec } from "./vim/datastore";
import { datacenterOf } from "./object/datacenter";
import { Datastore } from "./object/datastore";
import { HostSystem, MountingHost, mountingHosts } from "./object/host";
import { stillThere } from "./object/managedObject";
import { onConnection, vsphereClient } from "./connection";
import { createOrAdopt } from "./lifecycle/adopt";
import {
    destroyDatastore,
    mountedHostIds,
    readDatastore,
    refuseToAdoptOther,
    renameDatastore,
    unmount,
} from "./lifecycle/datastore";

type Inputs = NasDatastoreInputs & OwnedInputs;

/** What the state keeps from before: vCenter does not report them with the datastore. */
type Known = Pick<NasDatastoreState, "datacenterId" | "accessMode" | "forceDestroy">;

/** The mounts' access mode; when hosts disagree, the one that differs from the declared mode (so it shows). */
function accessModeOf(mounts: Mount[], declared: NasDatastoreState["accessMode"]): NasDatastoreState["accessMode"] {
    const modes = [...new Set(mounts.filter((m) => m.mounted).map((m) => m.accessMode))];
    const other = modes.find((m) => m !== declared);
    return (other ?? declared) as NasDatastoreState["accessMode"];
}

/** Reads an NFS datastore in one round trip. */
async function readState(client: VimClient, id: string, known: Known): Promise<NasDatastoreState | undefined> {
    const ds = await readDatastore(client, id, "NasDatastoreInfo", "NFS datastore", known.datacenterId);
    if (!ds) {
        return undefined;
    }
    const { nas } = ds.info;
    return {
        name: ds.name,
        hostIds: mountedHostIds(ds.mounts),
        remoteHosts: nas.remoteHosts,
        remotePath: nas.remotePath,
        type: nas.type as NasDatastoreState["type"],
        accessMode: accessModeOf(ds.mounts, known.accessMode),
        ...ds.common,
        forceDestroy: known.forceDestroy,
    };
}

async function mustReadState(client: VimClient, id: string, known: Known): Promise<NasDatastoreState> {
    return stillThere(await readState(client, id, known), "NFS datastore", id);
}

/** The mount spec of the export. */
function nasSpec(inputs: Inputs): NasVolumeSpec {
    return {
        remoteHosts: inputs.remoteHosts,
        remotePath: inputs.remotePath,
        localPath: inputs.name,
        accessMode: inputs.accessMode,
        type: inputs.type,
    };
}

/** Mounts the export on one host; the datastore it becomes there. */
async function mount(host: MountingHost, inputs: Inputs): Promise<string> {
    return (await host.datastoreSystem.createNasDatastore(nasSpec(inputs))).value;
}

/** Mounts the export on one more host of the datastore `id`. */
async function join(id: string, host: MountingHost, inputs: Inputs): Promise<void> {
    let got;
    try {
        got = await mount(host, inputs);
    } catch (err) {
        if (isFault(err, "DuplicateName")) {
            throw new VSphereError(
                `host "${host.name}" (${host.id}) cannot mount the export as "${inputs.name}": the datacenter has ` +
                    `another datastore of that name (${String(err.detail.object)})`,
            );
        }
        throw err;
    }
    if (got !== id) {
        throw new VSphereError(
            `host "${host.name}" (${host.id}) mounted the export as datastore ${got}, not as ${id}: ` +
                `all hostIds must be in the datastore's datacenter`,
        );
    }
}

/**
 * Mounts the datastore on the declared hosts that lack it and unmounts it from the others, mounting first so
 * that the datastore never has no host (which would remove it).
 */
async function converge(
    client: VimClient,
    id: string,
    inputs: Inputs,
    mounted: string[],
    known = new Map<string, MountingHost>(),
): Promise<void> {
    const add = inputs.hostIds.filter((h) => !mounted.includes(h));
    const remove = mounted.filter((h) => !inputs.hostIds.includes(h));
    const hosts = new Map([
        ...known,
        ...(await mountingHosts(
            client,
            [...add, ...remove].filter((h) => !known.has(h)),
            "hostIds",
        )),
    ]);
    await Promise.all(add.map((h) => join(id, hosts.get(h)!, inputs)));
    for (const h of remove) {
        await unmount(client, hosts.get(h)!, id);
    }
}

class NasDatastoreProvider implements pulumi.dynamic.ResourceProvider<Inputs, NasDatastoreState> {
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        configureProviders(req.config);
    }

    async check(_olds: Inputs, news: Inputs): Promise<pulumi.dynamic.CheckResult<Inputs>> {
        return checkInputs(news);
    }

    async diff(_id: string, olds: NasDatastoreState, news: Inputs): Promise<pulumi.dynamic.DiffResult> {
        return diffByRules(rules, olds, { ...news, forceDestroy: news.forceDestroy ?? false });
    }

    async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<NasDatastoreState>> {
        const client = vsphereClient();
        const [first] = inputs.hostIds;
        const hosts = await mountingHosts(client, inputs.hostIds, "hostIds");
        const dc = await datacenterOf(client, HostSystem.refOf(first), `host ${first}`);
        const path = `${dc.path}/datastore/${escapeName(inputs.name)}`;
        const { ref, adopted } = await createOrAdopt(client, {
            kind: "NFS datastore",
            path,
            types: ["Datastore"],
            adopt: inputs.adopt ?? false,
            owner: inputs.owner,
            parent: HostSystem.refOf(first),
            create: async () => new Datastore(client, await mount(hosts.get(first)!, inputs)).ref,
        });
        const known = {
            datacenterId: dc.ref.value,
            accessMode: inputs.accessMode,
            forceDestroy: inputs.forceDestroy ?? false,
        };
        let mounted = [first];
        if (adopted) {
            const state = await mustReadState(client, ref.value, known);
            refuseToAdoptOther(path, state, inputs, EXPORT_FIELDS);
            mounted = state.hostIds;
        }
        await converge(client, ref.value, inputs, mounted, hosts);
        return { id: ref.value, outs: await mustReadState(client, ref.value, known) };
    }

    async read(id: string, props?: NasDatastoreState): Promise<pulumi.dynamic.ReadResult<NasDatastoreState>> {
        const known = props ?? { datacenterId: "", accessMode: "readWrite", forceDestroy: false };
        const state = await readState(vsphereClient(), id, known);
        return state ? { id, props: state } : {};
    }

    async update(
        id: string,
        olds: NasDatastoreState,
        news: Inputs,
    ): Promise<pulumi.dynamic.UpdateResult<NasDatastoreState>> {
        const client = vsphereClient();
        const known = { ...olds, forceDestroy: news.forceDestroy ?? false };
        if (olds.name !== news.name) {
            await renameDatastore(client, id, news.name);
        }
        if (JSON.stringify(olds.hostIds) !== JSON.stringify(news.hostIds)) {
            // Converge from what is mounted now, not from the last refresh.
            await converge(client, id, news, (await mustReadState(client, id, known)).hostIds);
        }
        return { outs: await mustReadState(client, id, known) };
    }

    async delete(id: string, props: NasDatastoreState): Promise<void> {
        const consequence = "to unmount it anyway (the files stay on the NFS server)";
        await destroyDatastore(vsphereClient(), id, "NFS datastore", props.forceDestroy, consequence);
    }
}

export const provider = onConnection(new NasDatastoreProvider());
