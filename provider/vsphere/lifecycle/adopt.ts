/**
 * Creating an object the way every vSphere resource does: create it and mark it with its owner, take over one of
 * its name that carries the resource's own marker (created by an interrupted `up` whose state lost it), take
 * over any other only with `adopt`, or explain a name that is taken. `pulumi import` does not work for dynamic
 * resources (pulumi/pulumi#16175), hence `adopt`.
 */
import { createHash } from "node:crypto";
import { VimClient } from "../client/client";
import { isFault, VSphereError } from "../client/faults";
import { findByInventoryPath } from "../client/finder";
import { ManagedObjectReference } from "../client/xml";
import { ownerOf, setOwner } from "../object/customFields";
import { isOwnedBy, isSameStack, refusalReason } from "../../../model/owner";

export interface CreateOrAdopt {
    /** What is created, for messages, e.g. "datacenter". */
    kind: string;
    /** The inventory path the object has once created. */
    path: string;
    /** The managed object types that count as this kind (e.g. a switch may be a `VmwareDistributedVirtualSwitch`). */
    types: string[];
    adopt: boolean;
    /** The resource's owner marker, set on what it creates or adopts; absent in states written before markers. */
    owner: string | undefined;
    create: () => Promise<ManagedObjectReference>;
    /**
     * The object the new one is created in (a host's cluster, a port group's switch, a datastore's host, a
     * cluster's or switch's datacenter), when the resource names it. An object of the name without any marker
     * inside a parent that carries a marker of the same stack is taken over and marked: it is what an interrupted
     * create of this stack left between the create and its mark (a host's `AddHost_Task` runs on after the
     * provider that started it is killed).
     */
    parent?: ManagedObjectReference;
    /**
     * Whether an error of `create` besides `DuplicateName` may come of an earlier create of this very object
     * (a VMFS datastore's disk is in use): the object at `path`, if any, is then taken over when it carries
     * `owner`. Defaults to none.
     */
    mayBeOurs?: (err: unknown) => boolean;
    /**
     * For an object whose parent belongs to no stack (a datacenter in a folder): create it under a provisional
     * name that only this resource makes (`create` gets it), mark it, then give it its name (`rename`). A create
     * interrupted before the object is marked then leaves an object of the provisional name, which the next create
     * takes over, instead of an unmarked one of the declared name, which it could not tell from someone else's.
     * Costs a lookup of `path` and the rename; used when `owner` is set.
     */
    provisional?: {
        create: (name: string) => Promise<ManagedObjectReference>;
        rename: (ref: ManagedObjectReference) => Promise<void>;
        /** Deletes the provisional object when its name turns out to be taken. */
        destroy: (ref: ManagedObjectReference) => Promise<void>;
    };
}

/** The provisional name of a resource's object (see {@link CreateOrAdopt.provisional}): from its marker and path. */
export function provisionalName(owner: string, path: string): string {
    return `vso-creating-${createHash("sha256").update(`${owner}\n${path}`).digest("hex").slice(0, 20)}`;
}

/**
 * Creates the object under its provisional name, or takes over the one an interrupted create left under it;
 * marks it and renames it. A name taken meanwhile fails as the rename's `DuplicateName`, the provisional object
 * deleted.
 */
async function createProvisionally(
    client: VimClient,
    path: string,
    p: NonNullable<CreateOrAdopt["provisional"]> & { owner: string },
): Promise<ManagedObjectReference> {
    const name = provisionalName(p.owner, path);
    let ref: ManagedObjectReference;
    try {
        ref = await p.create(name);
    } catch (err) {
        const left = isFault(err, "DuplicateName")
            ? await findByInventoryPath(client, `${path.slice(0, path.lastIndexOf("/"))}/${name}`)
            : undefined;
        if (!left) {
            throw err;
        }
        ref = left;
    }
    await setOwner(client, ref, p.owner);
    try {
        await p.rename(ref);
    } catch (err) {
        if (isFault(err, "DuplicateName")) {
            await p.destroy(ref);
        }
        throw err;
    }
    return ref;
}

/** The object holding the name a create found taken: the fault's object when it is of the kind, else by path. */
async function holderOf(
    client: VimClient,
    o: CreateOrAdopt,
    fault: unknown,
): Promise<ManagedObjectReference | undefined> {
    const named = fault instanceof ManagedObjectReference && o.types.includes(fault.type) ? fault : undefined;
    return named ?? (await findByInventoryPath(client, o.path));
}

/**
 * Takes over `holder`, the object that holds the name: when it carries `o.owner`, or no marker inside a `parent`
 * of the same stack (marked then); else fails with its path, MOID and owner.
 */
async function takeOver(
    client: VimClient,
    o: CreateOrAdopt,
    holder: ManagedObjectReference,
    mark: (ref: ManagedObjectReference) => Promise<void>,
    cause?: unknown,
): Promise<{ ref: ManagedObjectReference; adopted: boolean }> {
    const ofKind = o.types.includes(holder.type);
    const owner = ofKind ? await ownerOf(client, holder) : undefined;
    if (isOwnedBy(owner, o.owner)) {
        return { ref: holder, adopted: true };
    }
    if (ofKind && owner === undefined && o.parent && isSameStack(await ownerOf(client, o.parent), o.owner)) {
        await mark(holder);
        return { ref: holder, adopted: true };
    }
    throw new VSphereError(
        `${o.path} already exists (${holder.toString()}): ${refusalReason(owner, o.kind)}`,
        cause === undefined ? undefined : { cause },
    );
}

/**
 * Creates the object and marks it with `owner` (one `SetField`; with `provisional`, before it takes its name), or
 * with `adopt` takes over (and marks) the one already at `path`. A name that is taken is handled by
 * {@link takeOver}. `adopted` tells the caller to reconcile the object's settings.
 */
export async function createOrAdopt(
    client: VimClient,
    o: CreateOrAdopt,
): Promise<{ ref: ManagedObjectReference; adopted: boolean }> {
    const mark = async (ref: ManagedObjectReference) => {
        if (o.owner !== undefined) {
            await setOwner(client, ref, o.owner);
        }
    };
    if (o.adopt) {
        const found = await findByInventoryPath(client, o.path);
        if (found && !o.types.includes(found.type)) {
            throw new VSphereError(`cannot adopt ${found.type} ${found.value} at ${o.path} as a ${o.kind}`);
        }
        if (found) {
            await mark(found);
            return { ref: found, adopted: true };
        }
    }
    const provisional = o.provisional && o.owner !== undefined ? { ...o.provisional, owner: o.owner } : undefined;
    if (provisional) {
        const holder = await findByInventoryPath(client, o.path);
        if (holder) {
            return takeOver(client, o, holder, mark);
        }
    }
    let ref: ManagedObjectReference;
    try {
        ref = provisional ? await createProvisionally(client, o.path, provisional) : await o.create();
    } catch (err) {
        const duplicate = isFault(err, "DuplicateName");
        if (!duplicate && !o.mayBeOurs?.(err)) {
            throw err;
        }
        const holder = await holderOf(client, o, duplicate ? err.detail.object : undefined);
        if (!holder) {
            throw err;
        }
        return takeOver(client, o, holder, mark, err);
    }
    if (!provisional) {
        await mark(ref);
    }
    return { ref, adopted: false };
}
