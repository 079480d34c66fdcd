/**
 * The refusals of destroys and adoptions: no destroy deletes, unregisters or disconnects a VM, with or without
 * `forceDestroy` (vCenter takes a host's VMs out of its inventory when the host, its cluster or its datacenter is
 * destroyed, and the stack manages no VM, so every VM found there is one it must leave alone); an object that
 * still holds objects or files the stack does not manage is destroyed only with `forceDestroy`; an existing
 * object whose fixed settings differ from the declared ones is not adopted.
 */
import { VimClient } from "../client/client";
import { VSphereError } from "../client/faults";
import { retrieveNames } from "../client/propertyCollector";
import { ManagedObjectReference } from "../client/xml";

/** Raised when a destroy would take unmanaged objects with it. */
export class DestroyRefused extends VSphereError {
    override name = "DestroyRefused";
}

/** How many objects or files an error lists before it only counts the rest. */
const LISTED = 20;

/** Lists items for an error message: the first {@link LISTED}, then how many more there are. */
function listItems(items: string[]): string {
    return items.slice(0, LISTED).join(", ") + (items.length > LISTED ? ` and ${items.length - LISTED} more` : "");
}

/** Lists objects for an error message by type, name and MOID (`VirtualMachine "web-1" (vm-42)`), in one call. */
async function describeObjects(client: VimClient, objects: ManagedObjectReference[]): Promise<string> {
    const names = await retrieveNames(client, objects);
    return listItems(objects.map((ref) => `${ref.type} "${names.get(ref.value) ?? "?"}" (${ref.value})`));
}

/**
 * Throws a {@link DestroyRefused} naming `vms` unless there are none. `holds` says how `what` holds them
 * ("has VMs registered on it"), `remedy` what to do about them; `forceDestroy` changes nothing here.
 */
export async function refuseWhileVms(
    client: VimClient,
    what: string,
    vms: ManagedObjectReference[],
    holds: string,
    remedy: string,
): Promise<void> {
    if (vms.length === 0) {
        return;
    }
    throw new DestroyRefused(
        `${what} ${holds}: ${await describeObjects(client, vms)}; a destroy never deletes, unregisters or ` +
            `disconnects a VM, with or without forceDestroy: ${remedy}`,
    );
}

/**
 * Throws a {@link DestroyRefused} listing `contents` — what the object still holds when it is to be destroyed
 * (this stack's own objects inside it are gone by then; VMs are refused before, see {@link refuseWhileVms}) —
 * unless there is none or `forceDestroy` is set.
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
