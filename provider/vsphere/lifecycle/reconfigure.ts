/**
 * Reconfiguring objects that carry a `configVersion` (distributed switches and port groups). Each spec carries
 * the version read just before it, so that vCenter refuses it with `ConcurrentAccess` when someone changed the
 * object in between, instead of silently overwriting that change; the object is then read again and the change
 * worked out anew from what it holds now.
 */
import { isFault, VSphereError } from "../client/faults";

/** How often a reconfiguration is tried when vCenter reports a concurrent change. */
const ATTEMPTS = 3;

export interface VersionedReconfigure<Live, Spec> {
    /** What the object is, for messages, e.g. `port group "br-int" (dvportgroup-21)`. */
    what: string;
    /** Reads the object as it is now, its `configVersion` included. */
    read: () => Promise<Live>;
    /** The spec that brings `live` to the declared settings, with `live`'s configVersion; undefined when none differs. */
    plan: (live: Live) => Spec | undefined;
    /** Sends the spec and waits for its task. */
    apply: (spec: Spec) => Promise<unknown>;
}

/**
 * Reads the object, and when it differs from the declared settings sends the spec that changes exactly what
 * differs. Returns the object as last read and whether a spec was sent (when one was, the object has changed
 * since that read).
 */
export async function reconfigureVersioned<Live, Spec>(
    r: VersionedReconfigure<Live, Spec>,
): Promise<{ live: Live; sent: boolean }> {
    for (let attempt = 1; ; attempt++) {
        const live = await r.read();
        const spec = r.plan(live);
        if (!spec) {
            return { live, sent: false };
        }
        try {
            await r.apply(spec);
            return { live, sent: true };
        } catch (err) {
            if (!isFault(err, "ConcurrentAccess")) {
                throw err;
            }
            if (attempt === ATTEMPTS) {
                throw new VSphereError(
                    `${r.what} kept changing in vCenter while it was being reconfigured (${ATTEMPTS} attempts, each ` +
                        `refused with ConcurrentAccess); try again when the other changes are done`,
                    { cause: err },
                );
            }
        }
    }
}
