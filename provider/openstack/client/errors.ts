/** Errors of the OpenStack client: what was asked, what was expected, and what the service answered. */

export class OpenStackError extends Error {
    override name = "OpenStackError";

    constructor(
        readonly method: string,
        readonly url: string,
        /** The status codes the call accepts. */
        readonly expected: readonly number[],
        /** The HTTP status received; 0 when no answer came. */
        readonly status: number,
        /** The service's own message, e.g. Nova's `conflictingRequest.message` or Neutron's `NeutronError.message`. */
        readonly serverMessage: string,
        /**
         * The service's error type where it names one: Nova's key (`conflictingRequest`), Neutron's
         * `NeutronError.type`; for a failure without an answer, the connection's error code (`ECONNRESET`).
         */
        readonly errorType?: string,
        /** True when the request went out but its answer was lost: the service may have carried it out. */
        readonly responseLost = false,
    ) {
        super(
            `${method} ${url}: ${status ? `HTTP ${status}` : "no answer"} (expected ${expected.join(" or ")})` +
                `${errorType ? ` ${errorType}` : ""}${serverMessage ? `: ${serverMessage}` : ""}`,
        );
    }
}

/**
 * The type and message of an OpenStack error body: Nova `{"badRequest": {"message"}}`, Neutron
 * `{"NeutronError": {"type", "message"}}`, Keystone `{"error": {"title", "message"}}`, else the raw text.
 */
export function parseErrorBody(body: string): { type?: string; message: string } {
    let parsed: unknown;
    try {
        parsed = JSON.parse(body);
    } catch {
        return { message: body.trim().slice(0, 500) };
    }
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
        const [key, value] = Object.entries(parsed)[0] ?? [];
        if (value && typeof value === "object") {
            const v = value as { type?: unknown; message?: unknown; title?: unknown };
            const type =
                key === "NeutronError" ? String(v.type ?? key) : key === "error" ? String(v.title ?? key) : key;
            return { type, message: typeof v.message === "string" ? v.message : JSON.stringify(value) };
        }
    }
    return { message: body.trim().slice(0, 500) };
}

/** True for an {@link OpenStackError} with the given HTTP status. */
export function hasStatus(err: unknown, status: number): err is OpenStackError {
    return err instanceof OpenStackError && err.status === status;
}
