/** What the datastore resources share in their contracts: host lists compared as sets. */
import { UNKNOWN } from "../diff";

/** A list of MOIDs sorted and without repeats, so that order and repeats show no diff; unknowns left as given. */
export function idSet(ids: unknown): unknown {
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== "string" || id === UNKNOWN)) {
        return ids;
    }
    return [...new Set(ids as string[])].sort();
}
