/** The provider of `vsphere.Datacenter`. */
import type * as pulumi from "@pulumi/pulumi";
import type { DatacenterArgs, DatacenterState } from "../../sdk/vsphere/datacenter";
import { configureProviders } from "../config";
import { InputChecker } from "../check";
import { diffByRules, FieldRules } from "../diff";
import { VimClient } from "./client/client";
import { isFault, VSphereError } from "./client/faults";
import { getByInventoryPath, inventoryPath, joinPath, normalizePath } from "./client/finder";
import { retrieveObject } from "./client/propertyCollector";
import { runTask } from "./client/task";
import { ManagedObjectReference, moref, str } from "./client/xml";
import { vsphereClient } from "./connection";

type Inputs = pulumi.Unwrap<DatacenterArgs> & { folder: string };

/** vCenter limits inventory object names to 80 characters. */
export const MAX_NAME_LENGTH = 80;

export const rules: FieldRules<DatacenterState> = {
    replace: ["folder"],
    update: ["name"],
};

const PROPERTIES = ["name", "parent", "hostFolder", "networkFolder", "datastoreFolder", "vmFolder"];

function datacenterRef(id: string): ManagedObjectReference {
    return new ManagedObjectReference("Datacenter", id);
}

/** Reads a datacenter in one round trip; `knownFolder` is reused when the parent is unchanged. */
async function readState(
    client: VimClient,
    id: string,
    known?: Pick<DatacenterState, "folder" | "parentId">,
): Promise<DatacenterState | undefined> {
    let props;
    try {
        props = await retrieveObject(client, datacenterRef(id), PROPERTIES);
    } catch (err) {
        if (isFault(err, "ManagedObjectNotFound")) {
            return undefined;
        }
        throw err;
    }
    const parent = moref(props.parent, "Datacenter.parent");
    return {
        name: str(props.name, "Datacenter.name"),
        folder: known && known.parentId === parent.value ? known.folder : await inventoryPath(client, parent),
        parentId: parent.value,
        hostFolderId: moref(props.hostFolder, "Datacenter.hostFolder").value,
        networkFolderId: moref(props.networkFolder, "Datacenter.networkFolder").value,
        datastoreFolderId: moref(props.datastoreFolder, "Datacenter.datastoreFolder").value,
        vmFolderId: moref(props.vmFolder, "Datacenter.vmFolder").value,
    };
}

async function mustReadState(client: VimClient, id: string, known?: Pick<DatacenterState, "folder" | "parentId">) {
    const state = await readState(client, id, known);
    if (!state) {
        throw new VSphereError(`datacenter ${id} disappeared from vCenter while it was being changed`);
    }
    return state;
}

class DatacenterProvider implements pulumi.dynamic.ResourceProvider<Inputs, DatacenterState> {
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        configureProviders(req.config);
    }

    async check(_olds: Inputs, news: Inputs): Promise<pulumi.dynamic.CheckResult<Inputs>> {
        const c = new InputChecker();
        c.name("name", news.name, MAX_NAME_LENGTH);
        c.string("folder", news.folder);
        const folder = typeof news.folder === "string" ? normalizePath(news.folder) : "/";
        return c.result({ ...news, folder });
    }

    async diff(_id: string, olds: DatacenterState, news: Inputs): Promise<pulumi.dynamic.DiffResult> {
        return diffByRules(rules, olds, news);
    }

    async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<DatacenterState>> {
        const client = vsphereClient();
        const parent = await getByInventoryPath(client, inputs.folder, "The datacenter's folder");
        let ref: ManagedObjectReference;
        try {
            ref = moref(
                await client.invoke("CreateDatacenter", { _this: parent, name: inputs.name }),
                "CreateDatacenter",
            );
        } catch (err) {
            if (isFault(err, "DuplicateName")) {
                const existing =
                    err.detail.object instanceof ManagedObjectReference ? ` (${err.detail.object.value})` : "";
                throw new VSphereError(
                    `a datacenter or folder named "${inputs.name}" already exists at ${joinPath(inputs.folder, inputs.name)}${existing}; choose another name`,
                );
            }
            throw err;
        }
        const outs = await mustReadState(client, ref.value, { folder: inputs.folder, parentId: parent.value });
        return { id: ref.value, outs };
    }

    async read(id: string, props?: DatacenterState): Promise<pulumi.dynamic.ReadResult<DatacenterState>> {
        const state = await readState(vsphereClient(), id, props);
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
        return { outs: await mustReadState(client, id, olds) };
    }

    async delete(id: string): Promise<void> {
        try {
            await runTask(vsphereClient(), "Destroy_Task", { _this: datacenterRef(id) });
        } catch (err) {
            if (!isFault(err, "ManagedObjectNotFound")) {
                throw err;
            }
        }
    }
}

export const provider = new DatacenterProvider();
