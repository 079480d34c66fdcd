/**
 * The OpenStack client's HTTP layer: requests over one keep-alive agent per origin, each with a timeout, counted
 * by `METHOD host:port`, sent again while the service cannot take them (the decision table in retry.ts), and
 * checked against the status codes the caller expects. It knows nothing of tokens or catalogs.
 */
import type * as http from "node:http";
import { httpRequest, HttpResponse, keepAliveAgent } from "../../http";
import { OpenStackError, parseErrorBody } from "./errors";
import { decide, isIdempotent } from "./retry";

export type { HttpResponse } from "../../http";

/** How an {@link HttpClient} connects, and how long it waits and keeps trying. */
export interface HttpClientOptions {
    /** PEM CA bundle to trust in addition to the system CAs. */
    ca?: string;
    /** Skip TLS certificate verification. */
    insecure?: boolean;
    /** How long to keep sending a request the service could not take, in milliseconds. Defaults to 2 minutes. */
    retryForMs?: number;
    /** How long to wait for each answer, in milliseconds. Defaults to 2 minutes. */
    timeoutMs?: number;
}

/** One request: what it sends and which answers mean success. */
export interface RequestOptions {
    /** Status codes that mean success; any other answer is an {@link OpenStackError}. */
    expect: readonly number[];
    headers: http.OutgoingHttpHeaders;
    body?: string;
    /** Whether sending the request twice does no harm. Defaults to what its method says (see retry.ts). */
    idempotent?: boolean;
}

const RETRY_FOR_MS = 120_000;
const TIMEOUT_MS = 120_000;

/** What one attempt came back with: an answer, or the error of a connection that gave none. */
type Attempt =
    { response: HttpResponse; failure?: undefined } | { response?: undefined; failure: NodeJS.ErrnoException };

/** Sends OpenStack requests over keep-alive connections, retrying them by retry.ts and counting them. */
export class HttpClient {
    /** Requests sent, by `METHOD host:port`, for measuring how much work an operation does. */
    readonly stats = new Map<string, number>();
    private readonly agents = new Map<string, http.Agent>();

    constructor(private readonly options: HttpClientOptions = {}) {}

    /**
     * Sends `method url` and returns the answer when its status is one of `options.expect`. Any other status is
     * an {@link OpenStackError} with the service's message; a failure without an answer is one with status 0,
     * flagged `responseLost` when the service may have acted on the request.
     */
    async request(method: string, url: string, options: RequestOptions): Promise<HttpResponse> {
        const res = await this.send(method, url, options);
        if (!options.expect.includes(res.status)) {
            const { type, message } = parseErrorBody(res.body);
            throw new OpenStackError(method, url, options.expect, res.status, message, type);
        }
        return res;
    }

    /**
     * Sends a request, again after a pause while the service is throttling, unavailable or unreachable (see
     * retry.ts), for up to `retryForMs`; resolves with the last answer, whatever its status.
     */
    private async send(method: string, url: string, options: RequestOptions): Promise<HttpResponse> {
        const target = new URL(url);
        const idempotent = options.idempotent ?? isIdempotent(method);
        const deadline = Date.now() + (this.options.retryForMs ?? RETRY_FOR_MS);
        for (let attempt = 0; ; attempt++) {
            const { response, failure } = await this.attempt(method, target, options);
            const decision = decide(
                idempotent,
                response
                    ? { status: response.status, retryAfter: response.headers["retry-after"] }
                    : { errorCode: failure.code },
                attempt,
            );
            if (decision.action === "retry" && Date.now() + decision.delayMs < deadline) {
                await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
                continue;
            }
            if (response) {
                return response;
            }
            const lost = decision.action === "lost";
            throw new OpenStackError(method, url, options.expect, 0, failure.message, failure.code, lost);
        }
    }

    /** One request on the wire, counted. */
    private async attempt(method: string, target: URL, options: RequestOptions): Promise<Attempt> {
        const key = `${method} ${target.host}`;
        this.stats.set(key, (this.stats.get(key) ?? 0) + 1);
        try {
            const response = await httpRequest(target, {
                method,
                headers: options.headers,
                body: options.body,
                agent: this.agentFor(target),
                timeoutMs: this.options.timeoutMs ?? TIMEOUT_MS,
            });
            return { response };
        } catch (err) {
            return { failure: err as NodeJS.ErrnoException };
        }
    }

    private agentFor(url: URL): http.Agent {
        let agent = this.agents.get(url.origin);
        if (!agent) {
            agent = keepAliveAgent(url, this.options.ca, this.options.insecure ?? false);
            this.agents.set(url.origin, agent);
        }
        return agent;
    }
}
