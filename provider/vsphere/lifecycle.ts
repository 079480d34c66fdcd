/**
 * What every vSphere resource does the same way: take over an existing object (`adopt`), explain a name that
 * is taken, and refuse to destroy an object that still holds things this stack does not manage unless
 * `forceDestroy` is set (VMs are refused either way: see `vms.ts`). `pulumi import` does not work for dynamic
 * resources (pulumi/pulumi#16175), hence `adopt`.
 */
import { VimClient } from "./client/client";
import { isFault, VSphereError } from "./client/faults";
import { findByInventoryPath } from "./client/finder";
import { retrieveNames } from "./client/propertyCollector";
import { ManagedObjectReference } from "./client/xml";

/** Raised when a destroy would take unmanaged objects with it. */
export class DestroyRefused extends VSphereError {
    override name = "DestroyRefused";
}

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

/** How many objects or files an error lists before it only counts the rest. */
const LISTED = 20;

/** Lists items for an error message: the first {@link LISTED}, then how many more there are. */
export function listItems(items: string[]): string {
    return items.slice(0, LISTED).join(", ") + (items.length > LISTED ? ` and ${items.length - LISTED} more` : "");
}

/** Lists objects for an error message by type, name and MOID (`VirtualMachine "web-1" (vm-42)`), in one call. */
export async function describeObjects(client: VimClient, objects: ManagedObjectReference[]): Promise<string> {
    const names = await retrieveNames(client, objects);
    return listItems(objects.map((ref) => `${ref.type} "${names.get(ref.value) ?? "?"}" (${ref.value})`));
}

/**
 * Throws a {@link DestroyRefused} listing `contents` — what the object still holds when it is to be destroyed
 * (this stack's own objects inside it are gone by then; VMs are refused before, see `refuseWhileVms`) — unless
 * there is none or `forceDestroy` is set.
 */
export async function refuseToLoseContents(
    client: VimClient,
    what: string,
    contents: ManagedObjectReference[],
    forceDestroy: boolean | undefined,
): Promise<void> {
    if (contents.length === 0 || forceDestroy) {
        return;
    }
    throw new DestroyRefused(
        `${what} still holds objects this stack does not manage: ${await describeObjects(client, contents)}; ` +
            `remove them first, or set forceDestroy: true to destroy them with it`,
    );
}
