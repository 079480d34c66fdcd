/** Where a datacenter keeps its objects: one of its four folders, and the datacenter's inventory path. */
import { isGone } from "./object";
import { VimClient } from "./client/client";
import { VSphereError } from "./client/faults";
import { inventoryPath } from "./client/finder";
import { joinPath } from "../../model/vsphere/inventoryPath";
import { retrieveObject } from "./client/propertyCollector";
import { ManagedObjectReference, moref, str } from "./client/xml";

/** The folders every datacenter has. */
export type DatacenterFolderName = "hostFolder" | "vmFolder" | "networkFolder" | "datastoreFolder";

export interface DatacenterFolder {
    folder: ManagedObjectReference;
    /** The datacenter's inventory path, e.g. `/openstack-dc`. */
    datacenterPath: string;
}

/**
 * The datacenter `datacenterId`'s folder `which` and its inventory path: one round trip for a datacenter in the
 * root folder, one more per folder level above it. A datacenter that does not exist fails with an error that
 * names `what` (e.g. "the cluster") and the MOID.
 */
export async function datacenterFolder(
    client: VimClient,
    datacenterId: string,
    which: DatacenterFolderName,
    what: string,
): Promise<DatacenterFolder> {
    let props;
    try {
        props = await retrieveObject(client, new ManagedObjectReference("Datacenter", datacenterId), [
            "name",
            "parent",
            which,
        ]);
    } catch (err) {
        if (isGone(err)) {
            throw new VSphereError(`${what}'s datacenter ${datacenterId} does not exist in vCenter`, { cause: err });
        }
        throw err;
    }
    const parent = moref(props.parent, "Datacenter.parent");
    const root = (await client.serviceContent()).rootFolder;
    const parentPath = parent.value === root.value ? "/" : await inventoryPath(client, parent);
    return {
        folder: moref(props[which], `Datacenter.${which}`),
        datacenterPath: joinPath(parentPath, str(props.name, "Datacenter.name")),
    };
}
