import * as assert from "node:assert/strict";
import { UNKNOWN } from "../../../../model/diff";
import { provider } from "../../../../provider/vsphere/vmfsDatastore";
import type { VmfsDatastoreState } from "../../../../sdk/vsphere/vmfsDatastore";

const valid = { hostId: "host-21", disk: "naa.6000c29a1b2c3d4e5f60718293a4b5c6", name: "esx1-local" };

const state: VmfsDatastoreState = {
    ...valid,
    datacenterId: "datacenter-3",
    vmfsVersion: 6,
    uuid: "65a1f3c2-1d2e3f40-5a6b-7c8d9e0f1a2b",
    url: "ds:///vmfs/volumes/65a1f3c2-1d2e3f40-5a6b-7c8d9e0f1a2b/",
    capacityBytes: 107373116928,
    freeSpaceBytes: 107373116928,
    forceDestroy: false,
};

describe("vsphere.VmfsDatastore check and diff", () => {
    it("accepts a valid datastore and returns its inputs unchanged", async () => {
        assert.deepEqual(await provider.check({} as never, valid), { inputs: valid });
    });

    it("names each invalid field", async () => {
        const result = await provider.check({} as never, { hostId: "", name: "50%", adopt: 1 } as never);
        assert.deepEqual(result.failures, [
            {
                property: "hostId",
                reason: 'hostId must be a non-empty string of at most 80 characters without control characters, not ""',
            },
            { property: "disk", reason: "disk is required: a non-empty string of at most 1024 characters" },
            {
                property: "name",
                reason: 'name must not contain "/", "\\" or "%" (vCenter keeps them escaped as %2f, %5c and %25), not "50%"',
            },
            { property: "adopt", reason: "adopt must be true or false, not 1" },
        ]);
    });

    it("skips values that are unknown during preview", async () => {
        const result = await provider.check({} as never, { ...valid, hostId: UNKNOWN, name: UNKNOWN });
        assert.equal(result.failures, undefined);
    });

    it("renames in place; another host or disk replaces it, the old one first", async () => {
        assert.deepEqual(await provider.diff("datastore-1", state, valid), {
            changes: false,
            replaces: [],
            deleteBeforeReplace: true,
        });
        assert.deepEqual(await provider.diff("datastore-1", state, { ...valid, name: "renamed", forceDestroy: true }), {
            changes: true,
            replaces: [],
            deleteBeforeReplace: true,
        });
        const moved = await provider.diff("datastore-1", state, { ...valid, hostId: "host-22", disk: "naa.1" });
        assert.deepEqual(moved.replaces, ["hostId", "disk"]);
    });
});
