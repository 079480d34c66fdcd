/**
 * Finding a distributed switch by its MOID. A reference must carry the managed object type vCenter uses for the
 * object: `VmwareDistributedVirtualSwitch` for VMware's switches, `DistributedVirtualSwitch` for third-party
 * ones (and for the simulator's). Resources keep the type they found in their state.
 */
import { VimClient } from "./client/client";
import { escapeName } from "../../model/vsphere/inventoryPath";
import { Properties, retrieveAncestors, retrieveObject } from "./client/propertyCollector";
import { ManagedObjectReference, str } from "./client/xml";
import { unlessGone } from "./object";

/** The managed object types of distributed switches, the usual one first. */
export const SWITCH_TYPES = ["VmwareDistributedVirtualSwitch", "DistributedVirtualSwitch"];

/**
 * Reads the switch with MOID `id` with `read`, trying `knownType` (from a resource's state) or else each switch
 * type in turn: one round trip when the type is right. Undefined when vCenter has no switch with that MOID.
 */
export async function findSwitch<T>(
    id: string,
    read: (ref: ManagedObjectReference) => Promise<T>,
    knownType?: string,
): Promise<{ ref: ManagedObjectReference; found: T } | undefined> {
    for (const type of knownType ? [knownType] : SWITCH_TYPES) {
        const ref = new ManagedObjectReference(type, id);
        const found = await unlessGone(async () => ({ ref, found: await read(ref) }));
        if (found) {
            return found;
        }
    }
    return undefined;
}

/** Reads `paths` of the switch with MOID `id` (see {@link findSwitch}). */
export async function readSwitch(
    client: VimClient,
    id: string,
    paths: string[],
    knownType?: string,
): Promise<{ ref: ManagedObjectReference; props: Properties } | undefined> {
    const s = await findSwitch(id, (ref) => retrieveObject(client, ref, paths), knownType);
    return s && { ref: s.ref, props: s.found };
}

/**
 * The switch with MOID `id` and the inventory path of the folder that holds it, where its port groups go too:
 * the switch and its ancestors in one round trip (when the type is right).
 */
export async function switchFolder(
    client: VimClient,
    id: string,
): Promise<{ ref: ManagedObjectReference; folderPath: string } | undefined> {
    const s = await findSwitch(id, (ref) => retrieveAncestors(client, ref, ["name"]));
    if (!s) {
        return undefined;
    }
    // The names of the folders above the switch, up to the root folder (whose name is not in paths).
    const names = s.found.slice(1, -1).map((o) => escapeName(str(o.props.name, "name")));
    return { ref: s.ref, folderPath: "/" + names.reverse().join("/") };
}
