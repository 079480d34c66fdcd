import * as assert from "node:assert/strict";
import { UNKNOWN } from "../../../../model/diff";
import { folderId, parseFolderId, provider } from "../../../../provider/vsphere/datastoreFolder";

describe("vsphere.DatastoreFolder check, diff and id", () => {
    it("accepts a folder or a nested one and returns the inputs unchanged", async () => {
        for (const path of ["openstack_glance", "images/glance", "a b/c-d.e"]) {
            const inputs = { datastoreId: "datastore-31", path };
            assert.deepEqual(await provider.check({} as never, inputs), { inputs });
        }
    });

    it("refuses paths that leave the folder's place or are not plain names", async () => {
        const reasons: Record<string, string> = {
            "/openstack_glance": "is relative to the datastore's root: no leading /",
            "../other": 'has an empty, "." or ".." element',
            "a/../b": 'has an empty, "." or ".." element',
            "a//b": 'has an empty, "." or ".." element',
            "a/": 'has an empty, "." or ".." element',
            "./a": 'has an empty, "." or ".." element',
            "a\\b": 'may not contain "\\", "*", "?", "[" or "]"',
            "img*": 'may not contain "\\", "*", "?", "[" or "]"',
            ["x".repeat(256)]: "has an element longer than 255 characters",
        };
        for (const [path, reason] of Object.entries(reasons)) {
            const result = await provider.check({} as never, { datastoreId: "datastore-31", path });
            assert.deepEqual(result.failures, [
                {
                    property: "path",
                    reason: `path ${reason}, e.g. "openstack_glance" or "images/glance"; not ${JSON.stringify(path)}`,
                },
            ]);
        }
    });

    it("names a missing or malformed datastore id, and skips unknowns", async () => {
        const missing = await provider.check({} as never, { path: "x" } as never);
        assert.deepEqual(missing.failures, [
            { property: "datastoreId", reason: "datastoreId is required: a non-empty string of at most 80 characters" },
        ]);
        const malformed = await provider.check({} as never, { datastoreId: "datastore-1:x", path: "x" });
        assert.deepEqual(malformed.failures?.[0].property, "datastoreId");
        const unknown = await provider.check({} as never, { datastoreId: UNKNOWN, path: UNKNOWN });
        assert.equal(unknown.failures, undefined);
    });

    it("has an id made of the datastore MOID and the path, since a directory has no MOID", () => {
        assert.equal(folderId("datastore-31", "images/glance"), "datastore-31:images/glance");
        assert.deepEqual(parseFolderId("datastore-31:a:b/c"), { datastoreId: "datastore-31", path: "a:b/c" });
    });

    it("replaces on another datastore or path; forceDestroy changes in place without any call", async () => {
        const state = {
            datastoreId: "datastore-31",
            path: "openstack_glance",
            datastoreName: "nfs1",
            datastorePath: "[nfs1] openstack_glance",
            datacenterId: "datacenter-3",
            forceDestroy: false,
        };
        const inputs = { datastoreId: "datastore-31", path: "openstack_glance" };
        assert.deepEqual(await provider.diff("x", state, inputs), {
            changes: false,
            replaces: [],
            deleteBeforeReplace: false,
        });
        const moved = await provider.diff("x", state, { datastoreId: "datastore-32", path: "glance" });
        assert.deepEqual(moved.replaces, ["datastoreId", "path"]);
        const forced = await provider.update("x", state, { ...inputs, forceDestroy: true });
        assert.deepEqual(forced, { outs: { ...state, forceDestroy: true } });
    });
});
