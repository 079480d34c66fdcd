/**
 * Typed managed objects, the layer between the client and the resources (the role govmomi's `object` package
 * plays over `vim25/methods`): one class per managed object type holds its reference, reads its properties
 * decoded into typed values and calls its methods with typed specs. Resources work with these classes and never
 * build a request by hand.
 *
 * This base is also the one place that turns vCenter's `ManagedObjectNotFound` into "gone": a read of a gone
 * object is `undefined` (a refresh then drops the resource), an action on one counts as done (a delete of what
 * is already deleted), and an object that vanishes while the provider changes it is an error.
 */
import { VimClient } from "../client/client";
import { isFault, VimFault, VSphereError } from "../client/faults";
import { Properties, retrieveObject } from "../client/propertyCollector";
import { runTask } from "../client/task";
import { ManagedObjectReference, SoapObject, VimValue } from "../client/xml";

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

/** The object read back after a change; an error naming it when it vanished meanwhile. */
export function stillThere<T>(read: T | undefined, kind: string, id: string): T {
    if (read === undefined) {
        throw new VSphereError(`${kind} ${id} disappeared from vCenter while it was being changed`);
    }
    return read;
}

/** Runs `action`; when the object is gone, fails with `missing` (e.g. "the cluster's datacenter … does not exist"). */
export async function orMissing<T>(action: () => Promise<T>, missing: () => string): Promise<T> {
    try {
        return await action();
    } catch (err) {
        if (isGone(err)) {
            throw new VSphereError(missing(), { cause: err });
        }
        throw err;
    }
}

/** A managed object of one type, by reference. */
export class ManagedObject {
    constructor(
        readonly client: VimClient,
        readonly ref: ManagedObjectReference,
    ) {}

    /** The MOID. */
    get id(): string {
        return this.ref.value;
    }

    /** Reads `paths` in one round trip; a gone object fails with `ManagedObjectNotFound`. */
    properties(paths: string[]): Promise<Properties> {
        return retrieveObject(this.client, this.ref, paths);
    }

    /** Reads `paths` in one round trip; undefined when vCenter no longer has the object. */
    propertiesIfExists(paths: string[]): Promise<Properties | undefined> {
        return unlessGone(() => this.properties(paths));
    }

    /** Calls a method of the object. */
    protected call(method: string, args: SoapObject = {}): Promise<VimValue | undefined> {
        return this.client.invoke(method, { _this: this.ref, ...args });
    }

    /** Calls a `*_Task` method of the object and waits for its task; returns the task's result. */
    protected task(method: string, args: SoapObject = {}): Promise<VimValue | undefined> {
        return runTask(this.client, method, { _this: this.ref, ...args });
    }

    /** `Rename_Task` of a managed entity. */
    async rename(name: string): Promise<void> {
        await this.task("Rename_Task", { newName: name });
    }

    /** `Destroy_Task` of a managed entity. */
    async destroy(): Promise<void> {
        await this.task("Destroy_Task");
    }
}
