import * as assert from "node:assert/strict";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { OpenStackError } from "../../../../../provider/openstack/client/errors";
import { HttpClient } from "../../../../../provider/openstack/client/http";

/** How the test server answers one request. */
type Reply = (res: http.ServerResponse, req: http.IncomingMessage) => void;

const answer =
    (status: number, body = "", headers: http.OutgoingHttpHeaders = {}): Reply =>
    (res) =>
        res.writeHead(status, headers).end(body);
/** Closes the connection without an answer, as a network path failing after the request went out. */
const drop: Reply = (_res, req) => req.socket.destroy();
/** Never answers. */
const hold: Reply = () => undefined;

interface TestServer {
    url: string;
    /** `METHOD path X-Test header: body` of each request received. */
    requests: string[];
    connections(): number;
    close(): Promise<void>;
}

/** A server on 127.0.0.1 that answers the n-th request with `replies[n]`, and any after the last like the last. */
async function scriptedServer(...replies: Reply[]): Promise<TestServer> {
    const requests: string[] = [];
    let connections = 0;
    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
            requests.push(`${req.method} ${req.url} ${req.headers["x-test"]}: ${Buffer.concat(chunks).toString()}`);
            replies[Math.min(requests.length, replies.length) - 1](res, req);
        });
    });
    server.on("connection", () => connections++);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}`,
        requests,
        connections: () => connections,
        close: () => {
            server.closeAllConnections();
            return new Promise((resolve) => server.close(() => resolve()));
        },
    };
}

/** The rejection of `promise`, which must be an {@link OpenStackError}. */
async function failure(promise: Promise<unknown>): Promise<OpenStackError> {
    const err = await promise.then(
        () => assert.fail("the request succeeded"),
        (e: unknown) => e,
    );
    assert.ok(err instanceof OpenStackError, String(err));
    return err;
}

describe("OpenStack HTTP layer", () => {
    let server: TestServer | undefined;

    afterEach(async () => {
        await server?.close();
        server = undefined;
    });

    const get = { expect: [200], headers: { "X-Test": "get" } };
    const post = { expect: [201], headers: { "X-Test": "post" }, body: '{"a":1}' };

    it("sends a request again while the service answers 503, waiting as Retry-After says, on one connection", async () => {
        const unavailable = answer(503, "", { "Retry-After": "0" });
        server = await scriptedServer(unavailable, unavailable, answer(200, '{"ok":true}'));
        const client = new HttpClient();
        const res = await client.request("GET", `${server.url}/flavors`, get);
        assert.equal(res.status, 200);
        assert.equal(res.body, '{"ok":true}');
        assert.deepEqual(server.requests, ["GET /flavors get: ", "GET /flavors get: ", "GET /flavors get: "]);
        assert.deepEqual([...client.stats], [[`GET ${new URL(server.url).host}`, 3]]);
        assert.equal(server.connections(), 1);
    });

    it("gives up with the last answer when the next attempt would come after retryForMs", async () => {
        server = await scriptedServer(answer(503, "busy", { "Retry-After": "1" }));
        const client = new HttpClient({ retryForMs: 1500 });
        const err = await failure(client.request("GET", `${server.url}/flavors`, get));
        assert.equal(err.message, `GET ${server.url}/flavors: HTTP 503 (expected 200): busy`);
        assert.equal(client.stats.get(`GET ${new URL(server.url).host}`), 2);
    });

    it("fails on an unexpected status with the service's own message, without sending the request again", async () => {
        const conflict = { NeutronError: { type: "VlanIdInUse", message: "VLAN 100 is in use" } };
        server = await scriptedServer(answer(409, JSON.stringify(conflict)));
        const client = new HttpClient();
        const err = await failure(client.request("POST", `${server.url}/v2.0/networks`, post));
        assert.equal(
            err.message,
            `POST ${server.url}/v2.0/networks: HTTP 409 (expected 201) VlanIdInUse: VLAN 100 is in use`,
        );
        assert.deepEqual(
            [err.status, err.errorType, err.serverMessage, err.responseLost],
            [409, "VlanIdInUse", "VLAN 100 is in use", false],
        );
        assert.deepEqual(server.requests, ['POST /v2.0/networks post: {"a":1}']);
    });

    it("sends a GET again after a dropped connection, and reports a dropped POST as lost", async () => {
        server = await scriptedServer(drop, answer(200, "listed"), drop);
        const client = new HttpClient();
        assert.equal((await client.request("GET", `${server.url}/flavors`, get)).body, "listed");
        const err = await failure(client.request("POST", `${server.url}/flavors`, post));
        assert.equal(err.message, `POST ${server.url}/flavors: no answer (expected 201) ECONNRESET: socket hang up`);
        assert.deepEqual([err.status, err.errorType, err.responseLost], [0, "ECONNRESET", true]);
        const host = new URL(server.url).host;
        assert.deepEqual(
            [...client.stats],
            [
                [`GET ${host}`, 2],
                [`POST ${host}`, 1],
            ],
        );
        assert.equal(server.requests.length, 3);
    });

    it("sends a POST again after a dropped connection when the caller says repeating it is harmless", async () => {
        server = await scriptedServer(drop, answer(201, "issued"));
        const client = new HttpClient();
        const res = await client.request("POST", `${server.url}/v3/auth/tokens`, { ...post, idempotent: true });
        assert.equal(res.body, "issued");
        assert.equal(client.stats.get(`POST ${new URL(server.url).host}`), 2);
    });

    it("sends a GET again after a gateway error, never a POST, whose answer is then the error", async () => {
        server = await scriptedServer(answer(502, "bad gateway"), answer(200, "listed"), answer(502, "bad gateway"));
        const client = new HttpClient();
        assert.equal((await client.request("GET", `${server.url}/flavors`, get)).body, "listed");
        const err = await failure(client.request("POST", `${server.url}/flavors`, post));
        assert.equal(err.message, `POST ${server.url}/flavors: HTTP 502 (expected 201): bad gateway`);
        assert.deepEqual([err.status, err.responseLost], [502, false]);
        assert.equal(server.requests.length, 3);
    });

    it("reports a request without an answer within the timeout as lost", async () => {
        server = await scriptedServer(hold);
        const client = new HttpClient({ timeoutMs: 100 });
        const err = await failure(client.request("POST", `${server.url}/flavors`, post));
        assert.equal(err.message, `POST ${server.url}/flavors: no answer (expected 201): no answer within 100 ms`);
        assert.deepEqual([err.status, err.errorType, err.responseLost], [0, undefined, true]);
        assert.equal(client.stats.get(`POST ${new URL(server.url).host}`), 1);
    });

    it("fails on a refused connection once retryForMs is over, as a request the service never saw", async () => {
        const closed = await scriptedServer(hold);
        await closed.close();
        const host = new URL(closed.url).host;
        const client = new HttpClient({ retryForMs: 0 });
        const err = await failure(client.request("POST", `${closed.url}/flavors`, post));
        assert.equal(
            err.message,
            `POST ${closed.url}/flavors: no answer (expected 201) ECONNREFUSED: connect ECONNREFUSED ${host}`,
        );
        assert.deepEqual([err.status, err.errorType, err.responseLost], [0, "ECONNREFUSED", false]);
        assert.deepEqual([...client.stats], [[`POST ${host}`, 1]]);
    });
});
