/**
 * vim25 values on the wire: encoding request arguments to XML and decoding responses to plain values.
 *
 * Decoding is namespace-aware: `xsi:type` is resolved through the in-scope namespace declarations, whatever
 * prefix the server chose (vCenter and the simulator use both `xsi:` and `XMLSchema-instance:`).
 */
import { DOMParser, Element, Node } from "@xmldom/xmldom";

export const XSI = "http://www.w3.org/2001/XMLSchema-instance";
export const XSD = "http://www.w3.org/2001/XMLSchema";
export const SOAPENV = "http://schemas.xmlsoap.org/soap/envelope/";
export const VIM25 = "urn:vim25";

/** A reference to a managed object: its type as the server returned it, and its MOID. */
export class ManagedObjectReference {
    constructor(
        readonly type: string,
        readonly value: string,
    ) {}

    toString(): string {
        return `${this.type}:${this.value}`;
    }
}

/** A request argument. Object keys are written in insertion order, which must follow the WSDL sequence. */
export type SoapValue = string | number | boolean | ManagedObjectReference | SoapObject | SoapValue[] | undefined;

/** A data object argument; `$type` is written as `xsi:type` (needed where the WSDL type is abstract). */
export interface SoapObject {
    $type?: string;
    [field: string]: SoapValue;
}

/** A decoded response value. Repeated elements become arrays; use {@link list} where one or many may come. */
export type VimValue = string | number | boolean | ManagedObjectReference | VimObject | VimValue[];

/** A decoded data object; `$type` is its resolved `xsi:type`, when the server sent one. */
export interface VimObject {
    $type?: string;
    [field: string]: VimValue | undefined;
}

export function escapeXml(text: string): string {
    return text.replace(/[&<>"']/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[c]};`);
}

/** Encodes one named value as XML elements (an array gives one element per item). */
export function encodeElement(name: string, value: SoapValue): string {
    if (value === undefined) {
        return "";
    }
    if (Array.isArray(value)) {
        return value.map((item) => encodeElement(name, item)).join("");
    }
    if (value instanceof ManagedObjectReference) {
        return `<${name} type="${escapeXml(value.type)}">${escapeXml(value.value)}</${name}>`;
    }
    if (typeof value === "object") {
        const typeAttr = value.$type ? ` xsi:type="${escapeXml(value.$type)}"` : "";
        const body = Object.entries(value)
            .filter(([key]) => key !== "$type")
            .map(([key, child]) => encodeElement(key, child))
            .join("");
        return `<${name}${typeAttr}>${body}</${name}>`;
    }
    return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** The SOAP envelope of a method call in `namespace` (vim25's unless given). */
export function encodeRequest(method: string, args: SoapObject, namespace = VIM25): string {
    const body = Object.entries(args)
        .map(([key, value]) => encodeElement(key, value))
        .join("");
    return (
        `<?xml version="1.0" encoding="UTF-8"?>\n` +
        `<soapenv:Envelope xmlns:soapenv="${SOAPENV}" xmlns:xsd="${XSD}" xmlns:xsi="${XSI}">` +
        `<soapenv:Body><${method} xmlns="${namespace}">${body}</${method}></soapenv:Body></soapenv:Envelope>`
    );
}

/** The element children of `el`, in document order. */
export function childElements(el: Element): Element[] {
    const out: Element[] = [];
    for (let n = el.firstChild; n; n = n.nextSibling) {
        if (n.nodeType === Node.ELEMENT_NODE) {
            out.push(n as Element);
        }
    }
    return out;
}

/** The element's `xsi:type` as [namespace URI, local name], resolving the prefix in scope. */
export function xsiType(el: Element): [string | null, string] | undefined {
    const qname = el.getAttributeNS(XSI, "type");
    if (!qname) {
        return undefined;
    }
    const colon = qname.indexOf(":");
    const prefix = colon >= 0 ? qname.slice(0, colon) : null;
    const local = colon >= 0 ? qname.slice(colon + 1) : qname;
    return [el.lookupNamespaceURI(prefix), local];
}

const XSD_NUMBERS = new Set(["int", "long", "short", "byte", "float", "double"]);

/** Decodes an element into a plain value. */
export function decode(el: Element): VimValue {
    const type = xsiType(el);
    const children = childElements(el);
    const isXsd = type !== undefined && type[0] === XSD;
    if (type?.[1] === "ManagedObjectReference" || (!type && children.length === 0 && el.hasAttribute("type"))) {
        return new ManagedObjectReference(el.getAttribute("type") ?? "", el.textContent ?? "");
    }
    if (type && !isXsd && type[1].startsWith("ArrayOf")) {
        return children.map(decode);
    }
    if (children.length === 0) {
        const text = el.textContent ?? "";
        if (isXsd && XSD_NUMBERS.has(type[1])) {
            return Number(text);
        }
        if (isXsd && type[1] === "boolean") {
            return text === "true";
        }
        if (type && !isXsd && text === "") {
            return { $type: type[1] };
        }
        return text;
    }
    const groups = new Map<string, VimValue[]>();
    for (const child of children) {
        const key = child.localName ?? "";
        const group = groups.get(key) ?? [];
        group.push(decode(child));
        groups.set(key, group);
    }
    const out: VimObject = type && !isXsd ? { $type: type[1] } : {};
    for (const [key, values] of groups) {
        out[key] = values.length === 1 ? values[0] : values;
    }
    return out;
}

/** Parses a SOAP response and returns the first element inside `soapenv:Body`. */
export function parseBody(xml: string): Element {
    const doc = new DOMParser({
        onError: (level, message) => {
            if (level !== "warning") {
                throw new SyntaxError(`malformed SOAP response: ${message}`);
            }
        },
    }).parseFromString(xml, "text/xml");
    const body = doc.getElementsByTagNameNS(SOAPENV, "Body")[0];
    const first = body ? childElements(body)[0] : undefined;
    if (!first) {
        throw new SyntaxError("malformed SOAP response: no element in soapenv:Body");
    }
    return first;
}

/** The child elements of `el` named `localName`. */
export function children(el: Element, localName: string): Element[] {
    return childElements(el).filter((c) => c.localName === localName);
}

// Accessors that turn decoded values into the shapes callers expect, with a clear error otherwise.

/** One or many values as an array (vim25 sends a single item without any array marker). */
export function list(value: VimValue | undefined): VimValue[] {
    if (value === undefined) {
        return [];
    }
    return Array.isArray(value) ? value : [value];
}

export function str(value: VimValue | undefined, what: string): string {
    if (typeof value === "string") {
        return value;
    }
    if (typeof value === "number" || typeof value === "boolean") {
        return String(value);
    }
    throw new TypeError(`vSphere returned no text for ${what}`);
}

/**
 * A boolean of a decoded value: vCenter sends nested values untyped, as "true"/"false" text. Unset is
 * `fallback`; anything else is an error naming `what`.
 */
export function bool(value: VimValue | undefined, what: string, fallback = false): boolean {
    if (value === undefined || value === "") {
        return fallback;
    }
    if (value === true || value === "true") {
        return true;
    }
    if (value === false || value === "false") {
        return false;
    }
    throw new TypeError(`vSphere returned no boolean for ${what}`);
}

export function moref(value: VimValue | undefined, what: string): ManagedObjectReference {
    if (value instanceof ManagedObjectReference) {
        return value;
    }
    throw new TypeError(`vSphere returned no managed object reference for ${what}`);
}

export function obj(value: VimValue | undefined, what: string): VimObject {
    if (
        value !== undefined &&
        typeof value === "object" &&
        !Array.isArray(value) &&
        !(value instanceof ManagedObjectReference)
    ) {
        return value;
    }
    throw new TypeError(`vSphere returned no data object for ${what}`);
}
