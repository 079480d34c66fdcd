/**
 * vSphere faults as typed errors. A fault reaches us either as a SOAP fault (HTTP 500 with a typed
 * `<detail>`) or inside a failed task's `info.error`; both become a {@link VimFault}.
 */
import { Element } from "@xmldom/xmldom";
import { childElements, children, decode, ManagedObjectReference, obj, VimObject, xsiType } from "./xml";

/** Base class of the errors raised by the vSphere client. */
export class VSphereError extends Error {
    override name = "VSphereError";
}

/** A vim25 fault, e.g. `DuplicateName`, with the server's detail object. */
export class VimFault extends VSphereError {
    override name = "VimFault";

    constructor(
        /** The fault type, e.g. `DuplicateName`, `ManagedObjectNotFound`, `NotAuthenticated`. */
        readonly faultType: string,
        /** The fault's data object as decoded from the response. */
        readonly detail: VimObject,
        /** The vim25 method that failed, e.g. `CreateDatacenter` or a task name. */
        readonly method: string,
        /** The server's message (`faultstring` or the task's `localizedMessage`), possibly empty. */
        readonly serverMessage: string,
    ) {
        super(`${method}: ${faultType}${describeDetail(detail)}${serverMessage ? `: ${serverMessage}` : ""}`);
    }
}

/** The detail's simple fields, e.g. ` (name=dc1, object=Datacenter:datacenter-2)`. */
function describeDetail(detail: VimObject): string {
    const parts: string[] = [];
    for (const [key, value] of Object.entries(detail)) {
        if (value instanceof ManagedObjectReference || (key !== "$type" && typeof value !== "object")) {
            parts.push(`${key}=${String(value)}`);
        }
    }
    return parts.length ? ` (${parts.join(", ")})` : "";
}

/** True when `err` is a {@link VimFault} of one of the given types. */
export function isFault(err: unknown, ...types: string[]): err is VimFault {
    return err instanceof VimFault && types.includes(err.faultType);
}

/** The fault type of a detail element: its `xsi:type`, else its element name without the `Fault` suffix. */
function faultTypeOf(el: Element): string {
    return xsiType(el)?.[1] ?? (el.localName ?? "").replace(/Fault$/, "");
}

/** Builds a {@link VimFault} from a `soapenv:Fault` element. */
export function faultFromSoap(method: string, fault: Element): VimFault {
    const faultString = children(fault, "faultstring")[0]?.textContent ?? "";
    const detail = children(fault, "detail")[0];
    const first = detail ? childElements(detail)[0] : undefined;
    if (!first) {
        return new VimFault("SystemError", {}, method, faultString || "SOAP fault without detail");
    }
    const decoded = decode(first);
    return new VimFault(
        faultTypeOf(first),
        typeof decoded === "object" ? obj(decoded, "fault detail") : {},
        method,
        faultString,
    );
}

/** Builds a {@link VimFault} from a decoded `LocalizedMethodFault` (a task's `info.error`, a missing property's fault). */
export function faultFromMethodFault(method: string, error: VimObject): VimFault {
    const fault = error.fault !== undefined ? obj(error.fault, "task fault") : {};
    const message = typeof error.localizedMessage === "string" ? error.localizedMessage : "";
    return new VimFault(fault.$type ?? "SystemError", fault, method, message);
}
