/** One HTTP(S) request with a timeout, over a caller-owned keep-alive agent. */
import * as http from "node:http";
import * as https from "node:https";

export interface HttpResponse {
    status: number;
    headers: http.IncomingHttpHeaders;
    body: string;
}

export interface HttpRequest {
    method: string;
    headers: http.OutgoingHttpHeaders;
    body?: string;
    agent: http.Agent;
    timeoutMs: number;
}

/** A keep-alive agent for `url`'s protocol, trusting `ca` in addition to the system CAs. */
export function keepAliveAgent(url: URL, ca: string | undefined, insecure: boolean): http.Agent {
    return url.protocol === "https:"
        ? new https.Agent({ keepAlive: true, ca, rejectUnauthorized: !insecure })
        : new http.Agent({ keepAlive: true });
}

/** Sends the request; rejects on network errors and on the timeout, resolves with any HTTP status. */
export function httpRequest(url: URL, req: HttpRequest): Promise<HttpResponse> {
    const send = url.protocol === "https:" ? https.request : http.request;
    const headers = { ...req.headers };
    if (req.body !== undefined) {
        headers["Content-Length"] = Buffer.byteLength(req.body);
    }
    return new Promise((resolve, reject) => {
        const r = send(url, { method: req.method, headers, agent: req.agent, timeout: req.timeoutMs }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (chunk: Buffer) => chunks.push(chunk));
            res.on("end", () =>
                resolve({
                    status: res.statusCode ?? 0,
                    headers: res.headers,
                    body: Buffer.concat(chunks).toString("utf8"),
                }),
            );
            res.on("error", reject);
        });
        r.on("timeout", () => r.destroy(new Error(`no answer within ${req.timeoutMs} ms`)));
        r.on("error", reject);
        r.end(req.body);
    });
}
