/**
 * What the datastore resources share: the datacenter a host or datastore belongs to, hosts'
 * datastore systems, mounting and unmounting, the files on a datastore (through its browser) and the refusal to
 * destroy a datastore or folder that holds what the stack does not manage.
 */
import { VimClient } from "./client/client";
import { isFault, VSphereError } from "./client/faults";
import { escapeName } from "../../model/vsphere/inventoryPath";
import { retrieveAncestors, retrieveProperties } from "./client/propertyCollector";
import { runTask } from "./client/task";
import { list, ManagedObjectReference, moref, obj, str, VimObject, VimValue } from "./client/xml";
import { DestroyRefused, listItems } from "./lifecycle";
import { refuseWhileVms } from "./vms";
import { isGone, readIfExists } from "./object";

export function datastoreRef(id: string): ManagedObjectReference {
    return new ManagedObjectReference("Datastore", id);
}

export function hostRef(id: string): ManagedObjectReference {
    return new ManagedObjectReference("HostSystem", id);
}

/** A datastore path, e.g. `[nfs1] openstack_glance`. */
export function datastorePath(datastoreName: string, path = ""): string {
    return path ? `[${datastoreName}] ${path}` : `[${datastoreName}]`;
}

/** The datacenter an inventory object belongs to, with its inventory path, and the object's own name. */
export interface DatacenterOf {
    ref: ManagedObjectReference;
    path: string;
    objectName: string;
}

/**
 * The datacenter that holds `ref` (a host, a datastore, …), read with all its ancestors in one round trip. An
 * object that does not exist fails with an error naming `what`.
 */
export async function datacenterOf(
    client: VimClient,
    ref: ManagedObjectReference,
    what: string,
): Promise<DatacenterOf> {
    let chain;
    try {
        chain = await retrieveAncestors(client, ref, ["name"]);
    } catch (err) {
        if (isGone(err)) {
            throw new VSphereError(`${what} does not exist in vCenter`);
        }
        throw err;
    }
    const at = chain.findIndex((o) => o.ref.type === "Datacenter");
    if (at < 0) {
        throw new VSphereError(`${what} is in no datacenter`);
    }
    // The names above the datacenter, without the root folder's.
    const names = chain.slice(at, -1).map((o) => escapeName(str(o.props.name, "name")));
    return { ref: chain[at].ref, path: "/" + names.reverse().join("/"), objectName: str(chain[0].props.name, "name") };
}

/** What a host is called and where its datastore system is, for the given hosts; by MOID. */
export interface HostInfo {
    name: string;
    datastoreSystem: ManagedObjectReference;
}

/**
 * The name and datastore system of each host, in one round trip. A host that does not exist fails with an error
 * naming it and the field it came from.
 */
export async function hostInfos(client: VimClient, ids: string[], field: string): Promise<Map<string, HostInfo>> {
    if (ids.length === 0) {
        return new Map();
    }
    let found;
    try {
        found = await retrieveProperties(client, "HostSystem", ids.map(hostRef), [
            "name",
            "configManager.datastoreSystem",
        ]);
    } catch (err) {
        if (isGone(err)) {
            const missing = err.detail.obj instanceof ManagedObjectReference ? err.detail.obj.value : ids.join(", ");
            throw new VSphereError(`${field}: host ${missing} does not exist in vCenter`);
        }
        throw err;
    }
    return new Map(
        ids.map((id) => {
            const props = found.get(id) ?? {};
            const name = str(props.name, "HostSystem.name");
            const dss = props["configManager.datastoreSystem"];
            if (dss === undefined) {
                throw new VSphereError(`host "${name}" (${id}) has no datastore system: is it connected?`);
            }
            return [id, { name, datastoreSystem: moref(dss, "HostSystem.configManager.datastoreSystem") }];
        }),
    );
}

/** A host's mount of a datastore, as the datastore's `host` property lists it. */
export interface Mount {
    hostId: string;
    accessMode: string;
    mounted: boolean;
}

/** The hosts that mount a datastore, from its `host` property. */
export function mountsOf(value: VimValue | undefined): Mount[] {
    return list(value).map((m) => {
        const mount = obj(m, "DatastoreHostMount");
        const info = obj(mount.mountInfo, "DatastoreHostMount.mountInfo");
        return {
            hostId: moref(mount.key, "DatastoreHostMount.key").value,
            accessMode: str(info.accessMode, "HostMountInfo.accessMode"),
            mounted: info.mounted !== false && info.mounted !== "false",
        };
    });
}

/** The sorted MOIDs of the hosts that have a datastore mounted. */
export function mountedHostIds(mounts: Mount[]): string[] {
    return mounts
        .filter((m) => m.mounted)
        .map((m) => m.hostId)
        .sort();
}

/**
 * Unmounts a datastore from a host (`RemoveDatastore` on the host's datastore system); unmounted from its last
 * host, vCenter removes the datastore. A host that is gone, or no longer mounts it, is skipped. VMs of the host
 * on the datastore make vCenter refuse (`ResourceInUse`): the stack deletes no VMs.
 */
export async function unmount(client: VimClient, host: HostInfo, hostId: string, datastoreId: string): Promise<void> {
    try {
        await client.invoke("RemoveDatastore", { _this: host.datastoreSystem, datastore: datastoreRef(datastoreId) });
    } catch (err) {
        if (isFault(err, "ResourceInUse")) {
            throw new VSphereError(
                `cannot unmount datastore ${datastoreId} from host "${host.name}" (${hostId}): VMs of the host use it ` +
                    `(${err.message}); move or delete them first (forceDestroy deletes no VMs)`,
            );
        }
        if (!isFault(err, "NotFound", "ManagedObjectNotFound")) {
            throw err;
        }
    }
}

/** Renames a datastore in place; a name taken in the datacenter fails with an error naming the holder. */
export async function renameDatastore(client: VimClient, id: string, name: string): Promise<void> {
    try {
        await runTask(client, "Rename_Task", { _this: datastoreRef(id), newName: name });
    } catch (err) {
        if (isFault(err, "DuplicateName")) {
            throw new VSphereError(
                `cannot rename datastore ${id} to "${name}": the datacenter has another datastore of that name ` +
                    `(${String(err.detail.object)}); choose another name`,
            );
        }
        throw err;
    }
}

/** What every kind of datastore reports, read in one round trip. */
export interface DatastoreProps {
    name: string;
    /** The datastore's info, of the kind's type (`NasDatastoreInfo`, `VmfsDatastoreInfo`). */
    info: VimObject;
    mounts: Mount[];
    /** The state fields every datastore resource has. */
    common: { datacenterId: string; url: string; capacityBytes: number; freeSpaceBytes: number };
}

/**
 * Reads a datastore in one round trip (and its datacenter once, when not known yet); undefined when vCenter no
 * longer has it. A datastore of another kind than `infoType` is an error naming it.
 */
export async function readDatastore(
    client: VimClient,
    id: string,
    infoType: string,
    kind: string,
    knownDatacenterId: string,
): Promise<DatastoreProps | undefined> {
    const props = await readIfExists(client, datastoreRef(id), ["name", "summary", "info", "host"]);
    if (!props) {
        return undefined;
    }
    const info = obj(props.info, "Datastore.info");
    if (info.$type !== infoType) {
        throw new VSphereError(`datastore ${id} is not a ${kind} (its info is a ${info.$type ?? "?"})`);
    }
    const summary = obj(props.summary, "Datastore.summary");
    const datacenterId =
        knownDatacenterId || (await datacenterOf(client, datastoreRef(id), `datastore ${id}`)).ref.value;
    return {
        name: str(props.name, "Datastore.name"),
        info,
        mounts: mountsOf(props.host),
        common: {
            datacenterId,
            url: str(summary.url, "DatastoreSummary.url"),
            capacityBytes: Number(str(summary.capacity, "DatastoreSummary.capacity")),
            freeSpaceBytes: Number(str(summary.freeSpace, "DatastoreSummary.freeSpace")),
        },
    };
}

/** An entry of a directory on a datastore. */
export interface DatastoreFile {
    name: string;
    folder: boolean;
}

/**
 * VMFS keeps its metadata in hidden `.*.sf` files at the root, and a distributed switch keeps port state in
 * `.dvsData`; they belong to the datastore, not to anyone's data.
 */
const SYSTEM_FILE = /^(\.[a-z0-9]+\.sf|\.dvsData)$/;

/**
 * The entries of a directory on a datastore (`SearchDatastore_Task` of the datastore's browser), with names
 * matching `pattern` (`*` for all). Undefined when the directory does not exist.
 */
export async function listDirectory(
    client: VimClient,
    browser: ManagedObjectReference,
    dsPath: string,
    pattern = "*",
    foldersOnly = false,
): Promise<DatastoreFile[] | undefined> {
    let result;
    try {
        result = await runTask(client, "SearchDatastore_Task", {
            _this: browser,
            datastorePath: dsPath,
            searchSpec: {
                query: foldersOnly ? { $type: "FolderFileQuery" } : undefined,
                matchPattern: pattern,
            },
        });
    } catch (err) {
        if (isFault(err, "FileNotFound")) {
            return undefined;
        }
        throw err;
    }
    const found = result === undefined ? {} : obj(result, "HostDatastoreBrowserSearchResults");
    return list(found.file)
        .map((f) => obj(f, "FileInfo"))
        .map((f) => ({ name: str(f.path, "FileInfo.path"), folder: f.$type === "FolderFileInfo" }))
        .filter((f) => !SYSTEM_FILE.test(f.name));
}

/**
 * Throws a {@link DestroyRefused} when a datastore or folder still holds files (what this stack manages on it is
 * gone by then), unless `forceDestroy` is set. `files` are datastore paths; `consequence` says what forcing does,
 * e.g. "to erase them with it".
 */
export function refuseToLoseFiles(
    what: string,
    files: string[],
    forceDestroy: boolean | undefined,
    consequence: string,
): void {
    if (files.length === 0 || forceDestroy) {
        return;
    }
    throw new DestroyRefused(
        `${what} still holds what this stack does not manage: ${listItems(files.map((f) => `"${f}"`))}; move or ` +
            `delete them first, or set forceDestroy: true ${consequence}`,
    );
}

/**
 * Destroys a datastore: unmounts it from every host that mounts it, the last unmount removing it (an NFS
 * export keeps its files; a VMFS volume is erased). Refuses while VMs have files on it, whatever `forceDestroy`
 * says, and while it holds other files unless forced (see {@link refuseToLoseFiles}); a datastore already gone
 * is fine.
 */
export async function destroyDatastore(
    client: VimClient,
    id: string,
    kind: string,
    forceDestroy: boolean,
    consequence: string,
): Promise<void> {
    const live = await readIfExists(client, datastoreRef(id), ["name", "host", "vm", "browser"]);
    if (!live) {
        return;
    }
    const name = str(live.name, "Datastore.name");
    const what = `${kind} "${name}" (${id})`;
    const vms = list(live.vm).map((v) => moref(v, "Datastore.vm"));
    await refuseWhileVms(client, what, vms, "has VMs on it", "move them to another datastore or delete them first");
    const files = (await listDirectory(client, moref(live.browser, "Datastore.browser"), datastorePath(name))) ?? [];
    refuseToLoseFiles(
        what,
        files.map((f) => datastorePath(name, f.name)),
        forceDestroy,
        consequence,
    );
    const mounted = mountedHostIds(mountsOf(live.host));
    const hosts = await hostInfos(client, mounted, "hostIds");
    for (const h of mounted) {
        await unmount(client, hosts.get(h)!, h, id);
    }
}

/**
 * Refuses to adopt an existing datastore whose `fields` (those that cannot change in place) differ from the
 * declared ones.
 */
export function refuseToAdoptOther<S extends object, I extends object>(
    path: string,
    state: S,
    inputs: I,
    fields: readonly (keyof S & keyof I)[],
): void {
    const differ = fields.filter((f) => JSON.stringify(state[f]) !== JSON.stringify(inputs[f]));
    if (differ.length) {
        const what = differ.map(
            (f) => `${String(f)} ${JSON.stringify(state[f])} (declared ${JSON.stringify(inputs[f])})`,
        );
        throw new VSphereError(
            `cannot adopt the datastore at ${path}: it has ${what.join(", ")}, which cannot change in place; ` +
                `declare its settings or choose another name`,
        );
    }
}
