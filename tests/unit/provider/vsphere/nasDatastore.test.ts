import * as assert from "node:assert/strict";
import { UNKNOWN } from "../../../../model/diff";
import { provider } from "../../../../provider/vsphere/nasDatastore";
import type { NasDatastoreState } from "../../../../sdk/vsphere/nasDatastore";

const valid = {
    name: "openstack-images",
    hostIds: ["host-31", "host-22", "host-31"],
    remoteHosts: ["nfs.example.com"],
    remotePath: "/export/images",
};

const state: NasDatastoreState = {
    name: "openstack-images",
    hostIds: ["host-22", "host-31"],
    remoteHosts: ["nfs.example.com"],
    remotePath: "/export/images",
    type: "NFS",
    accessMode: "readWrite",
    datacenterId: "datacenter-3",
    url: "ds:///vmfs/volumes/3c4f9a1e-7b2d6c80/",
    capacityBytes: 2 ** 40,
    freeSpaceBytes: 2 ** 39,
    forceDestroy: false,
};

describe("vsphere.NasDatastore check and diff", () => {
    it("fills in the defaults and keeps the hosts as a sorted set", async () => {
        assert.deepEqual(await provider.check({} as never, valid as never), {
            inputs: { ...valid, hostIds: ["host-22", "host-31"], type: "NFS", accessMode: "readWrite" },
        });
    });

    it("names each invalid field and what it allows", async () => {
        const result = await provider.check(
            {} as never,
            {
                name: "a/b",
                hostIds: [],
                remoteHosts: ["a", "b"],
                remotePath: "export",
                type: "NFS4",
                accessMode: "rw",
                forceDestroy: "yes",
            } as never,
        );
        assert.deepEqual(result.failures, [
            { property: "hostIds", reason: "hostIds needs at least one host MOID" },
            {
                property: "name",
                reason: 'name must not contain "/", "\\" or "%" (vCenter keeps them escaped as %2f, %5c and %25), not "a/b"',
            },
            {
                property: "remotePath",
                reason: 'remotePath must be an absolute path on the server, not "export"',
            },
            { property: "type", reason: 'type must be one of "NFS", "NFS41", not "NFS4"' },
            { property: "accessMode", reason: 'accessMode must be one of "readWrite", "readOnly", not "rw"' },
            { property: "forceDestroy", reason: 'forceDestroy must be true or false, not "yes"' },
        ]);
    });

    it("takes one server for NFS 3 and several for NFS 4.1", async () => {
        const nfs3 = await provider.check({} as never, { ...valid, remoteHosts: ["a", "b"] } as never);
        assert.deepEqual(nfs3.failures, [
            {
                property: "remoteHosts",
                reason: 'remoteHosts takes one server for NFS 3, not 2: set type "NFS41" for several',
            },
        ]);
        const nfs41 = await provider.check({} as never, { ...valid, remoteHosts: ["a", "b"], type: "NFS41" } as never);
        assert.equal(nfs41.failures, undefined);
    });

    it("requires the hosts, the name and the export", async () => {
        const result = await provider.check({} as never, {} as never);
        assert.deepEqual(
            result.failures?.map((f) => f.property),
            ["hostIds", "name", "remoteHosts", "remotePath"],
        );
    });

    it("skips values that are unknown during preview, and leaves a list with unknowns unsorted", async () => {
        const result = await provider.check(
            {} as never,
            {
                ...valid,
                name: UNKNOWN,
                hostIds: ["host-31", UNKNOWN],
                remoteHosts: UNKNOWN,
            } as never,
        );
        assert.equal(result.failures, undefined);
        assert.deepEqual(result.inputs!.hostIds, ["host-31", UNKNOWN]);
    });

    it("updates the name, hosts and forceDestroy in place; the export and its mount options replace it first", async () => {
        const inputs = {
            ...valid,
            hostIds: ["host-22", "host-31"],
            type: "NFS" as const,
            accessMode: "readWrite" as const,
        };
        assert.deepEqual(await provider.diff("datastore-1", state, inputs), {
            changes: false,
            replaces: [],
            deleteBeforeReplace: true,
        });
        for (const change of [{ name: "renamed" }, { hostIds: ["host-22"] }, { forceDestroy: true }]) {
            assert.deepEqual(await provider.diff("datastore-1", state, { ...inputs, ...change }), {
                changes: true,
                replaces: [],
                deleteBeforeReplace: true,
            });
        }
        const replaced = await provider.diff("datastore-1", state, {
            ...inputs,
            remoteHosts: ["other"],
            remotePath: "/other",
            type: "NFS41",
            accessMode: "readOnly",
        });
        assert.deepEqual(replaced.replaces, ["remoteHosts", "remotePath", "type", "accessMode"]);
    });
});
