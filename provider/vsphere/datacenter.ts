/** The provider of `vsphere.Datacenter`. */
import type * as pulumi from "@pulumi/pulumi";
import { checkInputs, DatacenterInputs, DatacenterState, rules } from "../../model/vsphere/datacenter";
import { configureProviders } from "../config";
import { diffByRules } from "../../model/diff";
import { VimClient } from "./client/client";
import { getByInventoryPath, inventoryPath } from "./client/finder";
import { joinPath } from "../../model/vsphere/inventoryPath";
import { retrieveProperties } from "./client/propertyCollector";
import { runTask } from "./client/task";
import { list, ManagedObjectReference, moref, str } from "./client/xml";
import { readIfExists, stillThere, unlessGone } from "./object";
import { onConnection, vsphereClient } from "./connection";
import { createOrAdopt, refuseToLoseContents } from "./lifecycle";
import { refuseWhileVms, vmsWithin } from "./vms";

type Inputs = DatacenterInputs;

/** What a datacenter's state keeps from before, since vCenter does not report it. */
type Known = Pick<DatacenterState, "folder" | "parentId" | "forceDestroy">;

const PROPERTIES = ["name", "parent", "hostFolder", "networkFolder", "datastoreFolder", "vmFolder"];

function datacenterRef(id: string): ManagedObjectReference {
    return new ManagedObjectReference("Datacenter", id);
}

/** Reads a datacenter in one round trip; the known folder path is reused while the parent is unchanged. */
async function readState(client: VimClient, id: string, known: Known): Promise<DatacenterState | undefined> {
    const props = await readIfExists(client, datacenterRef(id), PROPERTIES);
    if (!props) {
        return undefined;
    }
    const parent = moref(props.parent, "Datacenter.parent");
    return {
        name: str(props.name, "Datacenter.name"),
        folder: known.parentId === parent.value ? known.folder : await inventoryPath(client, parent),
        parentId: parent.value,
        hostFolderId: moref(props.hostFolder, "Datacenter.hostFolder").value,
        networkFolderId: moref(props.networkFolder, "Datacenter.networkFolder").value,
        datastoreFolderId: moref(props.datastoreFolder, "Datacenter.datastoreFolder").value,
        vmFolderId: moref(props.vmFolder, "Datacenter.vmFolder").value,
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
    const props = await retrieveProperties(client, "Folder", folders, ["childEntity"]);
    return [...props.values()]
        .flatMap((p) => list(p.childEntity).map((c) => moref(c, "Folder.childEntity")))
        .filter((ref) => ref.type !== "Network");
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
            create: async () =>
                moref(
                    await client.invoke("CreateDatacenter", { _this: parent, name: inputs.name }),
                    "CreateDatacenter",
                ),
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
            await runTask(client, "Rename_Task", { _this: datacenterRef(id), newName: news.name });
        }
        return { outs: await mustReadState(client, id, { ...olds, forceDestroy: news.forceDestroy ?? false }) };
    }

    async delete(id: string, props: DatacenterState): Promise<void> {
        const client = vsphereClient();
        await unlessGone(async () => {
            const what = `datacenter "${props.name}" (${id})`;
            const vms = await vmsWithin(client, datacenterRef(id));
            await refuseWhileVms(
                client,
                what,
                vms,
                "holds VMs",
                "move them out of the datacenter or delete them first",
            );
            await refuseToLoseContents(client, what, await contents(client, props), props.forceDestroy);
            await runTask(client, "Destroy_Task", { _this: datacenterRef(id) });
        });
    }
}

export const provider = onConnection(new DatacenterProvider());
