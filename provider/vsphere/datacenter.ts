/** The provider of `vsphere.Datacenter`. */
import type * as pulumi from "@pulumi/pulumi";
import { checkInputs, DatacenterInputs, DatacenterState, rules } from "../../model/vsphere/datacenter";
import { configureProviders } from "../config";
import type { OwnedInputs } from "../../model/owner";
import { diffByRules } from "../../model/diff";
import { VimClient } from "./client/client";
import { getByInventoryPath, inventoryPath } from "./client/finder";
import { joinPath } from "../../model/vsphere/inventoryPath";
import { ManagedObjectReference } from "./client/xml";
import { Datacenter, folderChildren } from "./object/datacenter";
import { stillThere, unlessGone } from "./object/managedObject";
import { vmsWithin } from "./object/vms";
import { onConnection, vsphereClient } from "./connection";
import { createOrAdopt } from "./lifecycle/adopt";
import { refuseToLoseContents, refuseWhileVms } from "./lifecycle/refusals";

type Inputs = DatacenterInputs & OwnedInputs;

/** What a datacenter's state keeps from before, since vCenter does not report it. */
type Known = Pick<DatacenterState, "folder" | "parentId" | "forceDestroy">;

/** Reads a datacenter in one round trip; the known folder path is reused while the parent is unchanged. */
async function readState(client: VimClient, id: string, known: Known): Promise<DatacenterState | undefined> {
    const info = await new Datacenter(client, id).info();
    if (!info) {
        return undefined;
    }
    return {
        name: info.name,
        folder: known.parentId === info.parent.value ? known.folder : await inventoryPath(client, info.parent),
        parentId: info.parent.value,
        hostFolderId: info.folders.hostFolder.value,
        networkFolderId: info.folders.networkFolder.value,
        datastoreFolderId: info.folders.datastoreFolder.value,
        vmFolderId: info.folders.vmFolder.value,
        forceDestroy: known.forceDestroy,
    };
}

async function mustReadState(client: VimClient, id: string, known: Known): Promise<DatacenterState> {
    const state = await readState(client, id, known);
    return stillThere(state, "datacenter", id);
}

/**
 * What the datacenter's four folders hold: clusters, hosts, switches, datastores, subfolders (VMs are refused
 * before, whatever `forceDestroy` says). A plain
 * `Network` (a standard port group) is left out: it exists only through the hosts and VMs that use it.
 */
async function contents(client: VimClient, state: DatacenterState): Promise<ManagedObjectReference[]> {
    const folders = [state.hostFolderId, state.vmFolderId, state.networkFolderId, state.datastoreFolderId].map(
        (id) => new ManagedObjectReference("Folder", id),
    );
    return (await folderChildren(client, folders)).filter((ref) => ref.type !== "Network");
}

class DatacenterProvider implements pulumi.dynamic.ResourceProvider<Inputs, DatacenterState> {
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        configureProviders(req.config);
    }

    async check(_olds: Inputs, news: Inputs): Promise<pulumi.dynamic.CheckResult<Inputs>> {
        return checkInputs(news);
    }

    async diff(_id: string, olds: DatacenterState, news: Inputs): Promise<pulumi.dynamic.DiffResult> {
        return diffByRules(rules, olds, { ...news, forceDestroy: news.forceDestroy ?? false });
    }

    async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<DatacenterState>> {
        const client = vsphereClient();
        const parent = await getByInventoryPath(client, inputs.folder, "The datacenter's folder");
        const { ref } = await createOrAdopt(client, {
            kind: "datacenter",
            path: joinPath(inputs.folder, inputs.name),
            types: ["Datacenter"],
            adopt: inputs.adopt ?? false,
            owner: inputs.owner,
            create: async () => (await Datacenter.create(client, parent, inputs.name)).ref,
            provisional: {
                create: async (name) => (await Datacenter.create(client, parent, name)).ref,
                rename: (ref) => new Datacenter(client, ref.value).rename(inputs.name),
                destroy: (ref) => new Datacenter(client, ref.value).destroy(),
            },
        });
        const known = { folder: inputs.folder, parentId: parent.value, forceDestroy: inputs.forceDestroy ?? false };
        return { id: ref.value, outs: await mustReadState(client, ref.value, known) };
    }

    async read(id: string, props?: DatacenterState): Promise<pulumi.dynamic.ReadResult<DatacenterState>> {
        const known = props ?? { folder: "", parentId: "", forceDestroy: false };
        const state = await readState(vsphereClient(), id, known);
        return state ? { id, props: state } : {};
    }

    async update(
        id: string,
        olds: DatacenterState,
        news: Inputs,
    ): Promise<pulumi.dynamic.UpdateResult<DatacenterState>> {
        const client = vsphereClient();
        if (olds.name !== news.name) {
            await new Datacenter(client, id).rename(news.name);
        }
        return { outs: await mustReadState(client, id, { ...olds, forceDestroy: news.forceDestroy ?? false }) };
    }

    async delete(id: string, props: DatacenterState): Promise<void> {
        const client = vsphereClient();
        const datacenter = new Datacenter(client, id);
        await unlessGone(async () => {
            const what = `datacenter "${props.name}" (${id})`;
            const vms = await vmsWithin(client, datacenter.ref);
            await refuseWhileVms(
                client,
                what,
                vms,
                "holds VMs",
                "move them out of the datacenter or delete them first",
            );
            await refuseToLoseContents(client, what, await contents(client, props), props.forceDestroy);
            await datacenter.destroy();
        });
    }
}

export const provider = onConnection(new DatacenterProvider());
