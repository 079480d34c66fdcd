/** What the datastore resources share in their contracts: datastore names, and host lists compared as sets. */
import { InputChecker } from "../check";
import { UNKNOWN } from "../diff";

/** vCenter limits datastore names to 80 characters; "/", "\" and "%" may be used in paths, not in names. */
export const MAX_DATASTORE_NAME_LENGTH = 80;

export function checkDatastoreName(c: InputChecker, property: string, value: unknown): void {
    c.name(property, value, MAX_DATASTORE_NAME_LENGTH);
    if (typeof value === "string" && value !== UNKNOWN && /[/\\%]/.test(value)) {
        c.fail(
            property,
            `${property} must not contain "/", "\\" or "%" (vCenter allows them in paths only), not ${JSON.stringify(value)}`,
        );
    }
}

/** A list of MOIDs sorted and without repeats, so that order and repeats show no diff; unknowns left as given. */
export function idSet(ids: unknown): unknown {
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== "string" || id === UNKNOWN)) {
        return ids;
    }
    return [...new Set(ids as string[])].sort();
}
