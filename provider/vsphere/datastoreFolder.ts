/**
 * The provider of `vsphere.DatastoreFolder`. A directory on a datastore has no MOID: the id is
 * `<datastore MOID>:<path>`, which stays the same while the datastore is renamed.
 */
import type * as pulumi from "@pulumi/pulumi";
import { checkInputs, DatastoreFolderArgs, DatastoreFolderState, rules } from "../../model/vsphere/datastoreFolder";
import { configureProviders } from "../config";
import { isSameStack, OwnedInputs } from "../../model/owner";
import { diffByRules } from "../../model/diff";
import { VimClient } from "./client/client";
import { isFault, VSphereError } from "./client/faults";
import { Datacenter, datacenterOf } from "./object/datacenter";
import { ownerOf } from "./object/customFields";
import { Datastore, datastorePath, HostDatastoreBrowser } from "./object/datastore";
import { FileManager } from "./object/fileManager";
import { vmsWithFilesIn } from "./object/vms";
import { onConnection, vsphereClient } from "./connection";
import { refuseToLoseFiles, refuseWhileVms } from "./lifecycle/refusals";

type Inputs = pulumi.Unwrap<DatastoreFolderArgs> & OwnedInputs;

/** The resource id of a folder: there is no MOID for a directory. */
export function folderId(datastoreId: string, path: string): string {
    return `${datastoreId}:${path}`;
}

/** The datastore MOID and path an id names (datastore MOIDs have no ":"). */
export function parseFolderId(id: string): { datastoreId: string; path: string } {
    const at = id.indexOf(":");
    return { datastoreId: id.slice(0, at), path: id.slice(at + 1) };
}

/** Whether the folder exists: its parent lists a folder of its name (the datastore's browser, one search). */
async function folderExists(browser: HostDatastoreBrowser, name: string, path: string) {
    const at = path.lastIndexOf("/");
    const parent = datastorePath(name, at < 0 ? "" : path.slice(0, at));
    const base = path.slice(at + 1);
    const found = await browser.list(parent, base, true);
    return (found ?? []).some((f) => f.folder && f.name === base);
}

/** Reads a folder: the datastore's name and browser (one round trip), then one search of the parent folder. */
async function readState(client: VimClient, id: string, known: Partial<DatastoreFolderState>) {
    const { datastoreId, path } = parseFolderId(id);
    const datastore = new Datastore(client, datastoreId);
    const ds = await datastore.use();
    if (!ds || !(await folderExists(ds.browser, ds.name, path))) {
        return undefined;
    }
    const datacenterId =
        known.datacenterId || (await datacenterOf(client, datastore.ref, `datastore ${datastoreId}`)).ref.value;
    const state: DatastoreFolderState = {
        datastoreId,
        path,
        datastoreName: ds.name,
        datastorePath: datastorePath(ds.name, path),
        datacenterId,
        forceDestroy: known.forceDestroy ?? false,
    };
    return state;
}

class DatastoreFolderProvider implements pulumi.dynamic.ResourceProvider<Inputs, DatastoreFolderState> {
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        configureProviders(req.config);
    }

    async check(_olds: Inputs, news: Inputs): Promise<pulumi.dynamic.CheckResult<Inputs>> {
        return checkInputs(news);
    }

    async diff(_id: string, olds: DatastoreFolderState, news: Inputs): Promise<pulumi.dynamic.DiffResult> {
        return diffByRules(rules, olds, { ...news, forceDestroy: news.forceDestroy ?? false });
    }

    /**
     * Makes the folder (and missing parents) with `FileManager.MakeDirectory`. One that exists already is
     * `FileAlreadyExists`: taken over when it is a folder and either `adopt` is set or its datastore carries the
     * marker of a resource of this stack (a folder has nowhere to keep a marker of its own, so after an
     * interrupted `up` the datastore the stack created speaks for it: one property read, on this path only);
     * else an error pointing to `adopt`.
     */
    async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<DatastoreFolderState>> {
        const client = vsphereClient();
        const datastore = new Datastore(client, inputs.datastoreId);
        const dc = await datacenterOf(client, datastore.ref, `datastoreId: datastore ${inputs.datastoreId}`);
        const dsPath = datastorePath(dc.objectName, inputs.path);
        const id = folderId(inputs.datastoreId, inputs.path);
        try {
            await (await FileManager.of(client)).makeDirectory(dsPath, dc.ref);
        } catch (err) {
            if (!isFault(err, "FileAlreadyExists")) {
                throw err;
            }
            const ours = inputs.owner !== undefined && isSameStack(await ownerOf(client, datastore.ref), inputs.owner);
            if (!inputs.adopt && !ours) {
                throw new VSphereError(
                    `${dsPath} already exists on datastore ${inputs.datastoreId}: set adopt: true to take it over as ` +
                        `this folder, or choose another path`,
                );
            }
            const adopted = await readState(client, id, {
                datacenterId: dc.ref.value,
                forceDestroy: inputs.forceDestroy,
            });
            if (!adopted) {
                throw new VSphereError(`cannot adopt ${dsPath}: it is a file, not a folder`);
            }
            return { id, outs: adopted };
        }
        const outs: DatastoreFolderState = {
            datastoreId: inputs.datastoreId,
            path: inputs.path,
            datastoreName: dc.objectName,
            datastorePath: dsPath,
            datacenterId: dc.ref.value,
            forceDestroy: inputs.forceDestroy ?? false,
        };
        return { id, outs };
    }

    async read(id: string, props?: DatastoreFolderState): Promise<pulumi.dynamic.ReadResult<DatastoreFolderState>> {
        const state = await readState(vsphereClient(), id, props ?? {});
        return state ? { id, props: state } : {};
    }

    /** Only `forceDestroy` changes in place, and vCenter does not keep it: no call. */
    async update(
        _id: string,
        olds: DatastoreFolderState,
        news: Inputs,
    ): Promise<pulumi.dynamic.UpdateResult<DatastoreFolderState>> {
        return { outs: { ...olds, forceDestroy: news.forceDestroy ?? false } };
    }

    /**
     * Deletes the folder (`FileManager.DeleteDatastoreFile_Task`, which deletes a folder with its contents), after
     * making sure it is empty unless `forceDestroy` is set. A folder or datastore already gone is fine.
     */
    async delete(id: string, props: DatastoreFolderState): Promise<void> {
        const client = vsphereClient();
        const { datastoreId, path } = parseFolderId(id);
        const ds = await new Datastore(client, datastoreId).use();
        if (!ds) {
            return;
        }
        const dsPath = datastorePath(ds.name, path);
        const entries = await ds.browser.list(dsPath);
        if (!entries) {
            return;
        }
        const what = `folder "${dsPath}"`;
        const vms = await vmsWithFilesIn(client, ds.vms, dsPath);
        await refuseWhileVms(
            client,
            what,
            vms,
            "holds files of VMs",
            "move them to another folder or delete them first",
        );
        const files = entries.map((e) => datastorePath(ds.name, `${path}/${e.name}`));
        refuseToLoseFiles(what, files, props.forceDestroy, "to delete them with it");
        const datacenter = new Datacenter(client, props.datacenterId).ref;
        try {
            await (await FileManager.of(client)).deleteFile(dsPath, datacenter);
        } catch (err) {
            if (!isFault(err, "FileNotFound")) {
                throw err;
            }
        }
    }
}

export const provider = onConnection(new DatastoreFolderProvider());
