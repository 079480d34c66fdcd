import * as assert from "node:assert/strict";
import { backoffMs, decide, retryAfterMs } from "../../../../../provider/openstack/client/retry";

describe("OpenStack retry policy", () => {
    it("retries throttling and unavailability for any request, honouring Retry-After", () => {
        assert.deepEqual(decide(false, { status: 429, retryAfter: "3" }, 0), { action: "retry", delayMs: 3000 });
        assert.deepEqual(decide(true, { status: 503, retryAfter: "0" }, 4), { action: "retry", delayMs: 0 });
        const { action } = decide(false, { status: 503 }, 0);
        assert.equal(action, "retry");
    });

    it("retries gateway errors only where repeating is harmless; a POST's outcome is unknown", () => {
        assert.equal(decide(true, { status: 502 }, 0).action, "retry");
        assert.equal(decide(true, { status: 504 }, 0).action, "retry");
        assert.deepEqual(decide(false, { status: 502 }, 0), { action: "lost" });
        assert.deepEqual(decide(false, { status: 504 }, 0), { action: "lost" });
    });

    it("never retries answers that are final", () => {
        for (const status of [200, 201, 204, 400, 401, 403, 404, 409, 500]) {
            assert.deepEqual(decide(true, { status }, 0), { action: "done" }, String(status));
        }
    });

    it("retries a refused connection for any request, a broken one only where repeating is harmless", () => {
        assert.equal(decide(false, { errorCode: "ECONNREFUSED" }, 0).action, "retry");
        assert.equal(decide(true, { errorCode: "ECONNRESET" }, 0).action, "retry");
        assert.deepEqual(decide(false, { errorCode: "ECONNRESET" }, 0), { action: "lost" });
        assert.deepEqual(decide(false, {}, 0), { action: "lost" }); // a timeout: no answer, no code
        assert.deepEqual(decide(true, { errorCode: "ENOTFOUND" }, 0), { action: "done" });
    });

    it("backs off exponentially from 250 ms to at most 5 s, with jitter in the upper half", () => {
        assert.deepEqual(
            [0, 1, 2, 3, 4, 5, 10].map((attempt) => [backoffMs(attempt, () => 0), backoffMs(attempt, () => 1)]),
            [
                [125, 250],
                [250, 500],
                [500, 1000],
                [1000, 2000],
                [2000, 4000],
                [2500, 5000],
                [2500, 5000],
            ],
        );
    });

    it("reads Retry-After as seconds or as an HTTP date", () => {
        const now = Date.parse("2026-11-21T08:00:00Z");
        assert.equal(retryAfterMs("120", now), 120_000);
        assert.equal(retryAfterMs("Sat, 21 Nov 2026 08:00:30 GMT", now), 30_000);
        assert.equal(retryAfterMs("Sat, 21 Nov 2026 07:00:00 GMT", now), 0);
        assert.equal(retryAfterMs("soon", now), undefined);
        assert.equal(retryAfterMs(undefined, now), undefined);
    });
});
