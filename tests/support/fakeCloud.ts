/**
 * A stand-in for Keystone and Neutron on 127.0.0.1, for tests of the OpenStack client without the lab: Keystone
 * issues a token for one project with a catalog whose network endpoint the test chooses; every other request is
 * answered by the test's Neutron.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

/** The project every token of the fake is scoped to. */
export const PROJECT = { id: "5d2c0e4f8a9b4c7d9e1f2a3b4c5d6e7f", name: "demo" };

/** How the fake Neutron answers `METHOD path` with its JSON body. */
export type NeutronReply = (method: string, path: string, body: string) => { status: number; body?: unknown };

export interface FakeCloud {
    /** Keystone's URL, `http://127.0.0.1:<port>/v3`. */
    authUrl: string;
    /** `METHOD path` of each request received, Keystone's included. */
    requests: string[];
    close(): Promise<void>;
}

/**
 * Starts the fake. The catalog's network endpoint is `networkUrl` (given the fake's own base URL), by default the
 * fake itself.
 */
export async function fakeCloud(
    neutron: NeutronReply,
    networkUrl: (own: string) => string = (own) => own,
): Promise<FakeCloud> {
    const requests: string[] = [];
    let own = "";
    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
            requests.push(`${req.method} ${req.url}`);
            const reply =
                req.method === "POST" && req.url === "/v3/auth/tokens"
                    ? { status: 201, body: token(networkUrl(own)), headers: { "X-Subject-Token": "token-1" } }
                    : { headers: {}, ...neutron(req.method ?? "", req.url ?? "", Buffer.concat(chunks).toString()) };
            res.writeHead(reply.status, { "Content-Type": "application/json", ...reply.headers });
            res.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    own = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
        authUrl: `${own}/v3`,
        requests,
        close: () => {
            server.closeAllConnections();
            return new Promise((resolve) => server.close(() => resolve()));
        },
    };
}

function token(network: string) {
    return {
        token: {
            expires_at: new Date(Date.now() + 3600_000).toISOString(),
            project: { ...PROJECT, domain: { id: "default", name: "Default" } },
            catalog: [{ type: "network", endpoints: [{ interface: "public", region_id: "RegionOne", url: network }] }],
        },
    };
}
