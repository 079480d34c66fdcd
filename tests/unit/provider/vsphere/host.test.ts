import * as assert from "node:assert/strict";
import { UNKNOWN } from "../../../../model/diff";
import { provider } from "../../../../provider/vsphere/host";
import type { HostState } from "../../../../sdk/vsphere/host";

const stored: HostState = {
    clusterId: "domain-c8",
    hostname: "esx-01.lab",
    username: "root",
    password: "secret",
    maintenanceMode: false,
    connectionState: "connected",
    datastoreSystemId: "hostdatastoresystem-20",
    networkSystemId: "hostnetworksystem-21",
    version: "8.0.2",
    build: "21997540",
};

const declared = { clusterId: "domain-c8", hostname: "esx-01.lab", password: "secret" };

describe("vsphere.Host check and diff", () => {
    it("defaults the user and maintenance mode, and writes the thumbprint in upper case", async () => {
        const thumbprint = Array(20).fill("ab").join(":");
        assert.deepEqual(await provider.check({} as never, { ...declared, sslThumbprint: thumbprint }), {
            inputs: {
                ...declared,
                username: "root",
                sslThumbprint: thumbprint.toUpperCase(),
                maintenanceMode: false,
            },
        });
    });

    it("accepts a password that is not known yet at preview", async () => {
        const result = await provider.check({} as never, { ...declared, password: UNKNOWN });
        assert.deepEqual(result.failures, undefined);
    });

    it("updates credentials, thumbprint and maintenance mode in place; the stored outputs are no change", async () => {
        assert.deepEqual(await provider.diff("host-21", stored, declared), {
            changes: false,
            replaces: [],
            deleteBeforeReplace: true,
        });
        for (const change of [{ password: "rotated" }, { username: "admin" }, { maintenanceMode: true }]) {
            assert.deepEqual(await provider.diff("host-21", stored, { ...declared, ...change }), {
                changes: true,
                replaces: [],
                deleteBeforeReplace: true,
            });
        }
        const thumbprint = Array(20).fill("cd").join(":");
        assert.deepEqual(
            (await provider.diff("host-21", stored, { ...declared, sslThumbprint: thumbprint })).changes,
            true,
        );
        assert.deepEqual(
            (
                await provider.diff(
                    "host-21",
                    { ...stored, sslThumbprint: thumbprint.toUpperCase() },
                    { ...declared, sslThumbprint: thumbprint },
                )
            ).changes,
            false,
        );
    });
});
