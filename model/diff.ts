/**
 * Declarative diffs: each resource lists which input fields force a replacement and which update in place;
 * the diff compares exactly those fields of the stored outputs with the new inputs.
 */
import type * as pulumi from "@pulumi/pulumi";

/** The value a dynamic provider sees for an input that is not known yet (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface FieldRules<T> {
    /** Fields whose change replaces the object. */
    replace: readonly (keyof T & string)[];
    /** Fields that change in place. */
    update: readonly (keyof T & string)[];
    /**
     * Fields the service fills in when the input omits them (e.g. an assigned id), or that others may manage when
     * the input omits them (e.g. a flavor's project access): omitting one is no change.
     */
    keepWhenOmitted?: readonly (keyof T & string)[];
    /** Delete the old object before creating its replacement (for objects whose names must be unique). */
    deleteBeforeReplace?: boolean;
}

/** Deep equality of JSON-like values; `undefined` and `null` are the same, object key order does not matter. */
export function sameValue(a: unknown, b: unknown): boolean {
    if (a === undefined || a === null || b === undefined || b === null) {
        return (a ?? null) === (b ?? null);
    }
    if (Array.isArray(a) || Array.isArray(b)) {
        return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
    }
    if (typeof a === "object" && typeof b === "object") {
        const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
        const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
        return (
            ka.length === kb.length &&
            ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
        );
    }
    return a === b;
}

/** The fields among `fields` whose values differ (an unknown new value counts as a change). */
export function changedFields<T>(
    fields: readonly (keyof T & string)[],
    olds: Partial<T>,
    news: Partial<T>,
    keepWhenOmitted: readonly (keyof T & string)[] = [],
): string[] {
    return fields.filter(
        (f) =>
            news[f] === UNKNOWN ||
            (!(news[f] === undefined && keepWhenOmitted.includes(f)) && !sameValue(olds[f], news[f])),
    );
}

/** The diff of stored outputs against new inputs, by the resource's field rules. */
export function diffByRules<T>(rules: FieldRules<T>, olds: Partial<T>, news: Partial<T>): pulumi.dynamic.DiffResult {
    const replaces = changedFields(rules.replace, olds, news, rules.keepWhenOmitted);
    const updates = changedFields(rules.update, olds, news, rules.keepWhenOmitted);
    return {
        changes: replaces.length + updates.length > 0,
        replaces,
        deleteBeforeReplace: rules.deleteBeforeReplace ?? false,
    };
}
