/** Finding managed objects by inventory path, e.g. `/dc1/host/cluster1`, as the vSphere client shows them. */
import { VimClient } from "./client";
import { VSphereError } from "./faults";
import { retrieveObject } from "./propertyCollector";
import { ManagedObjectReference, moref, str } from "./xml";
import { escapeName, normalizePath } from "../../../model/vsphere/inventoryPath";

/** Raised when an inventory path names no object. */
export class NotFoundError extends VSphereError {
    override name = "NotFoundError";

    constructor(
        readonly what: string,
        readonly path: string,
    ) {
        super(`${what} not found at inventory path "${path}"`);
    }
}

/** The object at an inventory path, or undefined. "/" is the root folder. */
export async function findByInventoryPath(
    client: VimClient,
    path: string,
): Promise<ManagedObjectReference | undefined> {
    const sc = await client.serviceContent();
    const normalized = normalizePath(path);
    if (normalized === "/") {
        return sc.rootFolder;
    }
    const found = await client.invoke("FindByInventoryPath", {
        _this: sc.searchIndex,
        inventoryPath: normalized.slice(1),
    });
    return found === undefined ? undefined : moref(found, "FindByInventoryPath");
}

/** The object at an inventory path; throws a {@link NotFoundError} naming `what` and the path otherwise. */
export async function getByInventoryPath(
    client: VimClient,
    path: string,
    what: string,
): Promise<ManagedObjectReference> {
    const found = await findByInventoryPath(client, path);
    if (!found) {
        throw new NotFoundError(what, normalizePath(path));
    }
    return found;
}

/** The inventory path of an object, walking up its parents (one round trip per level). */
export async function inventoryPath(client: VimClient, ref: ManagedObjectReference): Promise<string> {
    const sc = await client.serviceContent();
    const names: string[] = [];
    let current: ManagedObjectReference | undefined = ref;
    while (current && current.value !== sc.rootFolder.value) {
        const props = await retrieveObject(client, current, ["name", "parent"]);
        names.unshift(escapeName(str(props.name, "name")));
        current = props.parent === undefined ? undefined : moref(props.parent, "parent");
    }
    return "/" + names.join("/");
}
