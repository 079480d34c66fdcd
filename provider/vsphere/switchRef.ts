/**
 * Finding a distributed switch by its MOID. A reference must carry the managed object type vCenter uses for the
 * object: `VmwareDistributedVirtualSwitch` for VMware's switches, `DistributedVirtualSwitch` for third-party
 * ones (and for the simulator's). Resources keep the type they found in their state.
 */
import { VimClient } from "./client/client";
import { isFault } from "./client/faults";
import { Properties, retrieveObject } from "./client/propertyCollector";
import { ManagedObjectReference } from "./client/xml";

/** The managed object types of distributed switches, the usual one first. */
export const SWITCH_TYPES = ["VmwareDistributedVirtualSwitch", "DistributedVirtualSwitch"];

/**
 * Reads `paths` of the switch with MOID `id`, trying `knownType` (from a resource's state) or else each switch
 * type in turn: one round trip when the type is right. Undefined when vCenter has no switch with that MOID.
 */
export async function findSwitch(
    client: VimClient,
    id: string,
    paths: string[],
    knownType?: string,
): Promise<{ ref: ManagedObjectReference; props: Properties } | undefined> {
    for (const type of knownType ? [knownType] : SWITCH_TYPES) {
        const ref = new ManagedObjectReference(type, id);
        try {
            return { ref, props: await retrieveObject(client, ref, paths) };
        } catch (err) {
            if (!isFault(err, "ManagedObjectNotFound")) {
                throw err;
            }
        }
    }
    return undefined;
}
