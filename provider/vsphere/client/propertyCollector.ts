/**
 * The property collector: reading properties of managed objects in one round trip, and waiting for property
 * changes through a private collector (`WaitForUpdatesEx`) instead of polling.
 */
import { VimClient } from "./client";
import { faultFromMethodFault, isFault } from "./faults";
import { list, ManagedObjectReference, moref, obj, SoapObject, str, VimObject, VimValue } from "./xml";

/** Property values by property path; a path the object does not set is absent. */
export type Properties = Record<string, VimValue | undefined>;

function propertySpec(type: string, paths: string[], objects: ManagedObjectReference[]): SoapObject {
    return {
        propSet: { type, pathSet: paths },
        objectSet: objects.map((o) => ({ obj: o, skip: false })),
    };
}

/**
 * Raises the first fault of a `missingSet`: a property the server could not read (the object is gone, or the
 * session expired — vCenter answers a property read without a session with HTTP 200 and `NotAuthenticated`
 * for each property).
 */
function raiseMissing(method: string): (value: VimValue | undefined) => void {
    return (value) => {
        for (const content of isEmpty(value) ? [] : list(obj(value, "RetrieveResult").objects)) {
            const missing = list(obj(content, "ObjectContent").missingSet)[0];
            if (missing !== undefined) {
                const fault = obj(obj(missing, "MissingProperty").fault, "MissingProperty.fault");
                throw faultFromMethodFault(method, fault);
            }
        }
    };
}

function readObjectContent(content: VimValue): [string, Properties] {
    const oc = obj(content, "ObjectContent");
    const props: Properties = {};
    for (const prop of list(oc.propSet)) {
        const dp = obj(prop, "DynamicProperty");
        props[str(dp.name, "property name")] = dp.val;
    }
    return [moref(oc.obj, "ObjectContent.obj").value, props];
}

/**
 * Whether a retrieval found nothing: vCenter then sends no `returnval`, the simulator an empty one (an empty
 * traversal, such as the VMs of a cluster without any).
 */
function isEmpty(page: VimValue | undefined): page is undefined | "" {
    return page === undefined || page === "";
}

/** Runs a property retrieval, following continuation tokens; returns the properties by MOID. */
async function retrieve(client: VimClient, specSet: SoapObject): Promise<Map<string, Properties>> {
    const sc = await client.serviceContent();
    const result = new Map<string, Properties>();
    let page = await client.invoke(
        "RetrievePropertiesEx",
        { _this: sc.propertyCollector, specSet, options: {} },
        raiseMissing("RetrievePropertiesEx"),
    );
    while (!isEmpty(page)) {
        const retrieved = obj(page, "RetrieveResult");
        for (const content of list(retrieved.objects)) {
            const [moid, props] = readObjectContent(content);
            result.set(moid, props);
        }
        if (typeof retrieved.token !== "string") {
            break;
        }
        page = await client.invoke(
            "ContinueRetrievePropertiesEx",
            { _this: sc.propertyCollector, token: retrieved.token },
            raiseMissing("ContinueRetrievePropertiesEx"),
        );
    }
    return result;
}

/**
 * Reads `paths` of several objects of one type in one call (plus continuations for very large results).
 * Returns the properties by MOID. A missing object fails with `ManagedObjectNotFound`.
 */
export function retrieveProperties(
    client: VimClient,
    type: string,
    objects: ManagedObjectReference[],
    paths: string[],
): Promise<Map<string, Properties>> {
    return retrieve(client, propertySpec(type, paths, objects));
}

/** The names of objects of any types, in one call; by MOID. */
export async function retrieveNames(
    client: VimClient,
    objects: ManagedObjectReference[],
): Promise<Map<string, string>> {
    if (objects.length === 0) {
        return new Map();
    }
    const found = await retrieve(client, {
        propSet: [...new Set(objects.map((o) => o.type))].map((type) => ({ type, pathSet: ["name"] })),
        objectSet: objects.map((o) => ({ obj: o, skip: false })),
    });
    return new Map([...found].map(([moid, props]) => [moid, str(props.name, "name")]));
}

/**
 * A `TraversalSpec` named `name`: from objects of `type` along property `path`, then along the specs named in
 * `next`.
 */
export function traversalSpec(name: string, type: string, path: string, next: string[]): SoapObject {
    return { $type: "TraversalSpec", name, type, path, skip: false, selectSet: next.map((n) => ({ name: n })) };
}

/**
 * Reads `paths` of every object of `type` reached from `from` (not `from` itself; one object or several) along
 * `selectSet`, a set of `TraversalSpec`s, in one call; by MOID.
 */
export function retrieveBelow(
    client: VimClient,
    from: ManagedObjectReference | ManagedObjectReference[],
    selectSet: SoapObject[],
    type: string,
    paths: string[],
): Promise<Map<string, Properties>> {
    const objectSet = (Array.isArray(from) ? from : [from]).map((obj) => ({ obj, skip: true, selectSet }));
    return retrieve(client, { propSet: { type, pathSet: paths }, objectSet });
}

/** Reads `paths` of one object in one round trip. */
export async function retrieveObject(
    client: VimClient,
    ref: ManagedObjectReference,
    paths: string[],
): Promise<Properties> {
    return (await retrieveProperties(client, ref.type, [ref], paths)).get(ref.value) ?? {};
}

/**
 * Reads `paths` of an object and of each of its ancestors, following `parent` up to the root folder, in one
 * round trip. Returns them in that order, each with its reference (so with its type, e.g. `Datacenter`).
 */
export async function retrieveAncestors(
    client: VimClient,
    ref: ManagedObjectReference,
    paths: string[],
): Promise<{ ref: ManagedObjectReference; props: Properties }[]> {
    const found = await retrieve(client, {
        propSet: { type: "ManagedEntity", pathSet: [...new Set([...paths, "parent"])] },
        objectSet: { obj: ref, skip: false, selectSet: traversalSpec("up", "ManagedEntity", "parent", ["up"]) },
    });
    const chain: { ref: ManagedObjectReference; props: Properties }[] = [];
    for (let current: ManagedObjectReference | undefined = ref; current && found.has(current.value);) {
        const props: Properties = found.get(current.value)!;
        chain.push({ ref: current, props });
        current = props.parent === undefined ? undefined : moref(props.parent, "parent");
    }
    return chain;
}

function applyChanges(props: Properties, objectUpdate: VimObject): void {
    for (const change of list(objectUpdate.changeSet)) {
        const pc = obj(change, "PropertyChange");
        const name = str(pc.name, "PropertyChange.name");
        if (pc.op === "remove" || pc.op === "indirectRemove") {
            delete props[name];
        } else {
            props[name] = pc.val;
        }
    }
}

/** How often a wait starts over with a new collector because its collector went with an expired session. */
const WAIT_ATTEMPTS = 3;

/**
 * Waits until `done` holds for the values of `paths` of `ref`, using a private property collector so that
 * concurrent waits do not see each other's updates. Each answer of the server carries only what changed.
 *
 * A private collector belongs to the session that made it: when the session expires during the wait, the client
 * logs in again, and the collector is gone with the old session (`ManagedObjectNotFound` naming the collector).
 * The wait then starts over in the new session with a new collector, from the object's current values.
 */
export async function waitForProperties(
    client: VimClient,
    ref: ManagedObjectReference,
    paths: string[],
    done: (props: Properties) => boolean,
): Promise<Properties> {
    const sc = await client.serviceContent();
    for (let attempt = 1; ; attempt++) {
        const collector = moref(
            await client.invoke("CreatePropertyCollector", { _this: sc.propertyCollector }),
            "PropertyCollector",
        );
        try {
            return await waitWithCollector(client, collector, ref, paths, done);
        } catch (err) {
            if (!isCollectorGone(err, collector) || attempt === WAIT_ATTEMPTS) {
                throw err;
            }
        } finally {
            await client.invoke("DestroyPropertyCollector", { _this: collector }).catch(() => undefined);
        }
    }
}

/** Whether `err` says that `collector` no longer exists (its session ended). */
function isCollectorGone(err: unknown, collector: ManagedObjectReference): boolean {
    if (!isFault(err, "ManagedObjectNotFound")) {
        return false;
    }
    const gone = err.detail.obj;
    return gone instanceof ManagedObjectReference && gone.value === collector.value;
}

/** One wait of {@link waitForProperties} on `collector`, a collector of its own. */
async function waitWithCollector(
    client: VimClient,
    collector: ManagedObjectReference,
    ref: ManagedObjectReference,
    paths: string[],
    done: (props: Properties) => boolean,
): Promise<Properties> {
    await client.invoke("CreateFilter", {
        _this: collector,
        spec: { propSet: { type: ref.type, pathSet: paths }, objectSet: { obj: ref, skip: false } },
        partialUpdates: false,
    });
    const props: Properties = {};
    let version = "";
    for (;;) {
        const updates = await client.invoke("WaitForUpdatesEx", {
            _this: collector,
            version,
            options: { maxWaitSeconds: 60 },
        });
        if (updates === undefined) {
            continue; // the server's wait ended without a change
        }
        const set = obj(updates, "UpdateSet");
        version = str(set.version, "UpdateSet.version");
        for (const filterUpdate of list(set.filterSet)) {
            for (const objectUpdate of list(obj(filterUpdate, "PropertyFilterUpdate").objectSet)) {
                applyChanges(props, obj(objectUpdate, "ObjectUpdate"));
            }
        }
        if (done(props)) {
            return props;
        }
    }
}
