/**
 * When to send an OpenStack request again. Throttling (429) and unavailability (503) mean the service did not
 * act, so any request is retried; so is a connection that was refused. A gateway error (502, 504) or a
 * connection lost after the request went out leaves open whether the service acted: idempotent requests are
 * retried, a POST is reported as "lost" so that its caller can look for what it may have created.
 * Validation errors (other 4xx) are never retried.
 */

export type RetryDecision = { action: "retry"; delayMs: number } | { action: "lost" } | { action: "done" };

const IDEMPOTENT = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);

/** Whether sending `method` twice has the effect of sending it once. */
export function isIdempotent(method: string): boolean {
    return IDEMPOTENT.has(method.toUpperCase());
}
/** Errors of a connection that never carried the request. */
const NOT_SENT = new Set(["ECONNREFUSED", "EADDRNOTAVAIL"]);
/** Errors of a connection that broke after the request may have reached the service. */
const BROKEN = new Set(["ECONNRESET", "EPIPE", "ETIMEDOUT", "ECONNABORTED", "UND_ERR_SOCKET"]);

/** Backoff before attempt `attempt` (0-based): exponential from 250 ms, capped at 5 s, with jitter. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
    const ceiling = Math.min(5000, 250 * 2 ** attempt);
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** A `Retry-After` header in milliseconds: delay-seconds or an HTTP date; undefined when absent or invalid. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | undefined {
    const value = Array.isArray(header) ? header[0] : header;
    if (value === undefined || value.trim() === "") {
        return undefined;
    }
    if (/^\d+$/.test(value.trim())) {
        return Number(value.trim()) * 1000;
    }
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface Outcome {
    /** The HTTP status, when an answer came. */
    status?: number;
    /** The answer's Retry-After header. */
    retryAfter?: string | string[];
    /** The error code of a failed connection (e.g. ECONNRESET), when no answer came. */
    errorCode?: string;
}

/** What to do after attempt `attempt` (0-based) of a request ended with `outcome`. */
export function decide(idempotent: boolean, outcome: Outcome, attempt: number): RetryDecision {
    const retry = (): RetryDecision => ({
        action: "retry",
        delayMs: retryAfterMs(outcome.retryAfter) ?? backoffMs(attempt),
    });
    if (outcome.status !== undefined) {
        if (outcome.status === 429 || outcome.status === 503) {
            return retry();
        }
        if (outcome.status === 502 || outcome.status === 504) {
            return idempotent ? retry() : { action: "lost" };
        }
        return { action: "done" };
    }
    if (outcome.errorCode !== undefined && NOT_SENT.has(outcome.errorCode)) {
        return retry();
    }
    if (outcome.errorCode === undefined || BROKEN.has(outcome.errorCode)) {
        return idempotent ? retry() : { action: "lost" };
    }
    return { action: "done" };
}
