/**
 * Managed objects that may be gone: the one place that turns vCenter's `ManagedObjectNotFound` into "gone". A
 * read of a gone object is `undefined` (a refresh then drops the resource), an action on one counts as done (a
 * delete of what is already deleted), and an object that vanishes while the provider changes it is an error.
 */
import { VimClient } from "./client/client";
import { isFault, VimFault, VSphereError } from "./client/faults";
import { Properties, retrieveObject } from "./client/propertyCollector";
import { ManagedObjectReference } from "./client/xml";

/** Whether `err` says the object is gone from vCenter. */
export function isGone(err: unknown): err is VimFault {
    return isFault(err, "ManagedObjectNotFound");
}

/** Runs `action`; when the object it works on is gone, the result is undefined instead of an error. */
export async function unlessGone<T>(action: () => Promise<T>): Promise<T | undefined> {
    try {
        return await action();
    } catch (err) {
        if (isGone(err)) {
            return undefined;
        }
        throw err;
    }
}

/** Reads `paths` of `ref` in one round trip; undefined when vCenter no longer has the object. */
export function readIfExists(
    client: VimClient,
    ref: ManagedObjectReference,
    paths: string[],
): Promise<Properties | undefined> {
    return unlessGone(() => retrieveObject(client, ref, paths));
}

/** The object read back after a change; an error naming it when it vanished meanwhile. */
export function stillThere<T>(read: T | undefined, kind: string, id: string): T {
    if (read === undefined) {
        throw new VSphereError(`${kind} ${id} disappeared from vCenter while it was being changed`);
    }
    return read;
}
