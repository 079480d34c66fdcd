/**
 * A loopback proxy in front of a real service: plain or TLS-terminating, and able to lose answers — it
 * forwards a matching request, lets the service act on it, then drops the connection instead of answering,
 * which is what a client sees when a network path fails at the worst moment.
 */
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo } from "node:net";

export interface Proxy {
    /** The proxy's base URL, e.g. `http://127.0.0.1:41234`. */
    url: string;
    /** How many answers it has dropped. */
    dropped(): number;
    /** How many requests it has answered itself. */
    refused(): number;
    close(): Promise<void>;
}

export interface ProxyOptions {
    /** Drop the answers to requests it accepts (at most `times` of them). */
    lose?: { matches: (method: string, path: string) => boolean; times: number };
    /**
     * Answer requests it accepts itself, without forwarding them (at most `times` of them), e.g. with 429 and a
     * Retry-After header, as a throttling service would.
     */
    refuse?: { matches: (method: string, path: string) => boolean; times: number; status: number; retryAfter?: string };
    /** Serve TLS with this PEM certificate and key. */
    tls?: { cert: string; key: string };
}

/** Starts a proxy to `target`. */
export async function startProxy(target: string, options: ProxyOptions): Promise<Proxy> {
    const upstream = new URL(target);
    let dropped = 0;
    let refused = 0;
    const handler: http.RequestListener = (req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
            const refuse = options.refuse;
            if (refuse && refused < refuse.times && refuse.matches(req.method ?? "", req.url ?? "")) {
                refused++;
                const headers = refuse.retryAfter === undefined ? {} : { "Retry-After": refuse.retryAfter };
                res.writeHead(refuse.status, { "Content-Type": "application/json", ...headers });
                res.end(JSON.stringify({ error: { code: refuse.status, message: "answered by the test proxy" } }));
                return;
            }
            const forward = http.request(
                {
                    host: upstream.hostname,
                    port: upstream.port,
                    method: req.method,
                    path: req.url,
                    headers: req.headers,
                },
                (answer) => {
                    const body: Buffer[] = [];
                    answer.on("data", (c: Buffer) => body.push(c));
                    answer.on("end", () => {
                        const lose = options.lose;
                        if (lose && dropped < lose.times && lose.matches(req.method ?? "", req.url ?? "")) {
                            dropped++;
                            req.socket.destroy();
                            return;
                        }
                        res.writeHead(answer.statusCode ?? 502, answer.headers);
                        res.end(Buffer.concat(body));
                    });
                },
            );
            forward.on("error", () => res.writeHead(502).end());
            forward.end(Buffer.concat(chunks));
        });
    };
    const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
        url: `${options.tls ? "https" : "http"}://127.0.0.1:${(server.address() as AddressInfo).port}`,
        dropped: () => dropped,
        refused: () => refused,
        close: () => new Promise((resolve) => server.close(() => resolve())),
    };
}
