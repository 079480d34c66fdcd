/**
 * What the datastore resources share: reading a datastore of one kind, unmounting it from a host, renaming it,
 * destroying it (never while VMs are on it, and with other files only when forced) and refusing to adopt one
 * whose fixed settings differ.
 */
import { VimClient } from "../client/client";
import { isFault, VSphereError } from "../client/faults";
import { DatastoreInfo, Mount } from "../vim/datastore";
import { datacenterOf } from "../object/datacenter";
import { Datastore, DatastoreProps, datastorePath } from "../object/datastore";
import { MountingHost, mountingHosts } from "../object/host";
import { refuseToLoseFiles, refuseWhileVms } from "./refusals";

/** The sorted MOIDs of the hosts that have a datastore mounted. */
export function mountedHostIds(mounts: Mount[]): string[] {
    return mounts
        .filter((m) => m.mounted)
        .map((m) => m.hostId)
        .sort();
}

/**
 * Unmounts a datastore from a host; unmounted from its last host, vCenter removes the datastore. A host that is
 * gone, or no longer mounts it, is skipped. VMs of the host on the datastore make vCenter refuse
 * (`ResourceInUse`): the stack deletes no VMs.
 */
export async function unmount(client: VimClient, host: MountingHost, datastoreId: string): Promise<void> {
    try {
        await host.datastoreSystem.removeDatastore(new Datastore(client, datastoreId).ref);
    } catch (err) {
        if (isFault(err, "ResourceInUse")) {
            throw new VSphereError(
                `cannot unmount datastore ${datastoreId} from host "${host.name}" (${host.id}): VMs of the host use ` +
                    `it (${err.message}); move or delete them first (forceDestroy deletes no VMs)`,
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
        await new Datastore(client, id).rename(name);
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

/** The info types of the datastore kinds the resources manage. */
type InfoType = "NasDatastoreInfo" | "VmfsDatastoreInfo";

/** A datastore of one kind as read, with the state fields every datastore resource has. */
export interface KindOfDatastore<K extends InfoType> extends DatastoreProps {
    info: Extract<DatastoreInfo, { type: K }>;
    common: { datacenterId: string; url: string; capacityBytes: number; freeSpaceBytes: number };
}

function isKind<K extends InfoType>(info: DatastoreInfo, type: K): info is Extract<DatastoreInfo, { type: K }> {
    return info.type === type;
}

/**
 * Reads a datastore in one round trip (and its datacenter once, when not known yet); undefined when vCenter no
 * longer has it. A datastore whose info is not of `infoType` is an error naming it as not a `kind`.
 */
export async function readDatastore<K extends InfoType>(
    client: VimClient,
    id: string,
    infoType: K,
    kind: string,
    knownDatacenterId: string,
): Promise<KindOfDatastore<K> | undefined> {
    const ds = new Datastore(client, id);
    const props = await ds.read();
    if (!props) {
        return undefined;
    }
    const { info } = props;
    if (!isKind(info, infoType)) {
        throw new VSphereError(`datastore ${id} is not a ${kind} (its info is a ${info.type})`);
    }
    const datacenterId = knownDatacenterId || (await datacenterOf(client, ds.ref, `datastore ${id}`)).ref.value;
    const { url, capacity, freeSpace } = props.summary;
    return { ...props, info, common: { datacenterId, url, capacityBytes: capacity, freeSpaceBytes: freeSpace } };
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
    const live = await new Datastore(client, id).use();
    if (!live) {
        return;
    }
    const what = `${kind} "${live.name}" (${id})`;
    await refuseWhileVms(
        client,
        what,
        live.vms,
        "has VMs on it",
        "move them to another datastore or delete them first",
    );
    const files = (await live.browser.list(datastorePath(live.name))) ?? [];
    refuseToLoseFiles(
        what,
        files.map((f) => datastorePath(live.name, f.name)),
        forceDestroy,
        consequence,
    );
    const mounted = mountedHostIds(live.mounts);
    const hosts = await mountingHosts(client, mounted, "hostIds");
    for (const h of mounted) {
        await unmount(client, hosts.get(h)!, id);
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
