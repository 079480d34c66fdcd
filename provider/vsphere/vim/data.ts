/**
 * What every typed data object of this layer shares: reading the plain values the client decodes into the
 * types of vim25. vCenter sends nested values untyped (numbers and booleans as text) and an unset data object as
 * an empty element; these accessors hide both.
 */
import { obj, SoapObject, str, VimObject, VimValue } from "../client/xml";

/**
 * A data object to send, its fields in the order given (the WSDL's), without those that are undefined: what is
 * not set is not sent, and a request reads as it goes on the wire.
 */
export function dataObject(fields: SoapObject): SoapObject {
    return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as SoapObject;
}

/** A data object that may be unset: undefined for a missing or empty element. */
export function optional(value: VimValue | undefined, what: string): VimObject | undefined {
    return value === undefined || value === "" ? undefined : obj(value, what);
}

/** A number sent as text or typed; an error naming `what` otherwise. */
export function num(value: VimValue | undefined, what: string): number {
    const n = Number(str(value, what));
    if (Number.isNaN(n)) {
        throw new TypeError(`vSphere returned no number for ${what}`);
    }
    return n;
}

/** An optional text: `fallback` when the element is missing. */
export function text(value: VimValue | undefined, what: string, fallback = ""): string {
    return value === undefined ? fallback : str(value, what);
}

/** An optional number: undefined when the element is missing. */
export function optionalNum(value: VimValue | undefined, what: string): number | undefined {
    return value === undefined ? undefined : num(value, what);
}
