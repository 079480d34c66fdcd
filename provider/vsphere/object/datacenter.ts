/** `Datacenter`: its folders and inventory path, and the datacenter that holds any other object. */
import { VimClient } from "../client/client";
import { VSphereError } from "../client/faults";
import { inventoryPath } from "../client/finder";
import { Properties, retrieveAncestors, retrieveProperties } from "../client/propertyCollector";
import { list, ManagedObjectReference, moref, str } from "../client/xml";
import { escapeName, joinPath } from "../../../model/vsphere/inventoryPath";
import { ManagedObject, orMissing } from "./managedObject";

/** The folders every datacenter has. */
export type DatacenterFolderName = "hostFolder" | "vmFolder" | "networkFolder" | "datastoreFolder";

const FOLDERS: DatacenterFolderName[] = ["hostFolder", "networkFolder", "datastoreFolder", "vmFolder"];

/** A datacenter as the resources read it. */
export interface DatacenterInfo {
    name: string;
    parent: ManagedObjectReference;
    folders: Record<DatacenterFolderName, ManagedObjectReference>;
}

/** One of a datacenter's folders, and the datacenter's inventory path (e.g. `/openstack-dc`). */
export interface DatacenterFolder {
    folder: ManagedObjectReference;
    datacenterPath: string;
}

export class Datacenter extends ManagedObject {
    static readonly TYPE = "Datacenter";

    constructor(client: VimClient, id: string) {
        super(client, new ManagedObjectReference(Datacenter.TYPE, id));
    }

    /** Creates a datacenter in `folder` (`CreateDatacenter`). */
    static async create(client: VimClient, folder: ManagedObjectReference, name: string): Promise<Datacenter> {
        const created = await client.invoke("CreateDatacenter", { _this: folder, name });
        return new Datacenter(client, moref(created, "CreateDatacenter").value);
    }

    /** Name, parent and folders in one round trip; undefined when the datacenter is gone. */
    async info(): Promise<DatacenterInfo | undefined> {
        const props = await this.propertiesIfExists(["name", "parent", ...FOLDERS]);
        if (!props) {
            return undefined;
        }
        const folders = Object.fromEntries(FOLDERS.map((f) => [f, moref(props[f], `Datacenter.${f}`)]));
        return {
            name: str(props.name, "Datacenter.name"),
            parent: moref(props.parent, "Datacenter.parent"),
            folders: folders as DatacenterInfo["folders"],
        };
    }

    /**
     * The folder `which` and the datacenter's inventory path: one round trip for a datacenter in the root folder,
     * one more per folder level above it. A datacenter that does not exist fails with an error that names `what`
     * (e.g. "the cluster") and the MOID.
     */
    async folder(which: DatacenterFolderName, what: string): Promise<DatacenterFolder> {
        const props = await orMissing(
            () => this.properties(["name", "parent", which]),
            () => `${what}'s datacenter ${this.id} does not exist in vCenter`,
        );
        const parent = moref(props.parent, "Datacenter.parent");
        const root = (await this.client.serviceContent()).rootFolder;
        const parentPath = parent.value === root.value ? "/" : await inventoryPath(this.client, parent);
        return {
            folder: moref(props[which], `Datacenter.${which}`),
            datacenterPath: joinPath(parentPath, str(props.name, "Datacenter.name")),
        };
    }
}

/** The children of folders (`childEntity`), in one round trip. */
export async function folderChildren(
    client: VimClient,
    folders: ManagedObjectReference[],
): Promise<ManagedObjectReference[]> {
    const props = await retrieveProperties(client, "Folder", folders, ["childEntity"]);
    return [...props.values()].flatMap((p) => list(p.childEntity).map((c) => moref(c, "Folder.childEntity")));
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
    const chain = await orMissing(
        () => retrieveAncestors(client, ref, ["name"]),
        () => `${what} does not exist in vCenter`,
    );
    const at = chain.findIndex((o) => o.ref.type === Datacenter.TYPE);
    if (at < 0) {
        throw new VSphereError(`${what} is in no datacenter`);
    }
    return { ref: chain[at].ref, path: chainPath(chain.slice(at)), objectName: str(chain[0].props.name, "name") };
}

/**
 * The inventory path of the first object of an ancestor chain (the object first, the root folder last, as
 * `retrieveAncestors` reads it with `name`): the root folder's name is not part of paths.
 */
export function chainPath(chain: { props: Properties }[]): string {
    const names = chain.slice(0, -1).map((o) => escapeName(str(o.props.name, "name")));
    return "/" + names.reverse().join("/");
}

/** The inventory path of an object, read with its ancestors in one round trip; fails with `missing` when gone. */
export async function pathOf(client: VimClient, ref: ManagedObjectReference, missing: () => string): Promise<string> {
    return chainPath(await orMissing(() => retrieveAncestors(client, ref, ["name"]), missing));
}
