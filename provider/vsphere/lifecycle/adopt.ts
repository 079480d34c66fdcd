/**
 * Creating an object the way every vSphere resource does: take over an existing object (`adopt`), or explain a
 * name that is taken. `pulumi import` does not work for dynamic resources (pulumi/pulumi#16175), hence `adopt`.
 */
import { VimClient } from "../client/client";
import { isFault, VSphereError } from "../client/faults";
import { findByInventoryPath } from "../client/finder";
import { ManagedObjectReference } from "../client/xml";

export interface CreateOrAdopt {
    /** What is created, for messages, e.g. "datacenter". */
    kind: string;
    /** The inventory path the object has once created. */
    path: string;
    /** The managed object types that count as this kind (e.g. a switch may be a `VmwareDistributedVirtualSwitch`). */
    types: string[];
    adopt: boolean;
    create: () => Promise<ManagedObjectReference>;
}

/**
 * Creates the object, or with `adopt` takes over the one already at `path` (the caller then reconciles its
 * settings). A name that is taken fails with the path and MOID of the object holding it.
 */
export async function createOrAdopt(
    client: VimClient,
    o: CreateOrAdopt,
): Promise<{ ref: ManagedObjectReference; adopted: boolean }> {
    if (o.adopt) {
        const found = await findByInventoryPath(client, o.path);
        if (found && !o.types.includes(found.type)) {
            throw new VSphereError(`cannot adopt ${found.type} ${found.value} at ${o.path} as a ${o.kind}`);
        }
        if (found) {
            return { ref: found, adopted: true };
        }
    }
    try {
        return { ref: await o.create(), adopted: false };
    } catch (err) {
        if (isFault(err, "DuplicateName")) {
            const holder =
                err.detail.object instanceof ManagedObjectReference ? ` (${err.detail.object.toString()})` : "";
            throw new VSphereError(
                `${o.path} already exists${holder}: set adopt: true to take it over as this ${o.kind}, or choose another name`,
            );
        }
        throw err;
    }
}
