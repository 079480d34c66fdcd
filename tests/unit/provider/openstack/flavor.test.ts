import * as assert from "node:assert/strict";
import { provider } from "../../../../provider/openstack/flavor";
import { UNKNOWN } from "../../../../model/diff";
import type { FlavorState } from "../../../../model/openstack/flavor";

const valid = { name: "m1.small", vcpus: 1, ramMb: 2048, diskGb: 20 };

describe("openstack.Flavor check", () => {
    it("accepts a valid flavor and returns its inputs unchanged", async () => {
        assert.deepEqual(await provider.check({} as never, valid), { inputs: valid });
    });

    it("names each invalid field and what is allowed", async () => {
        const result = await provider.check({} as never, {
            name: "",
            vcpus: 0,
            ramMb: 1022,
            diskGb: -1,
            swapMb: 1.5,
            isPublic: "yes" as never,
            extraSpecs: { "quota:cpu_limit": 100 as never },
        });
        assert.deepEqual(result.failures, [
            {
                property: "name",
                reason: 'name must be a non-empty string of at most 255 characters without control characters, not ""',
            },
            { property: "vcpus", reason: "vcpus must be an integer from 1 to 2147483647, not 0" },
            { property: "ramMb", reason: "ramMb must be a multiple of 4 MiB (the VMware driver needs it), not 1022" },
            { property: "diskGb", reason: "diskGb must be an integer from 0 to 2147483647, not -1" },
            { property: "swapMb", reason: "swapMb must be an integer from 0 to 2147483647, not 1.5" },
            { property: "isPublic", reason: 'isPublic must be true or false, not "yes"' },
            {
                property: "extraSpecs.quota:cpu_limit",
                reason: 'extraSpecs["quota:cpu_limit"] must be a string, not 100',
            },
        ]);
    });

    it("allows project access only on a private flavor", async () => {
        const refused = await provider.check({} as never, { ...valid, projects: ["0b333ab126494b8ba56a9c26a75e4b54"] });
        assert.deepEqual(refused.failures, [
            {
                property: "projects",
                reason: "projects grants access to a private flavor: set isPublic to false, or remove projects",
            },
        ]);
        const ok = await provider.check({} as never, {
            ...valid,
            isPublic: false,
            projects: ["0b333ab126494b8ba56a9c26a75e4b54"],
        });
        assert.equal(ok.failures, undefined);
        const bad = await provider.check({} as never, { ...valid, isPublic: false, projects: [""] as never });
        assert.deepEqual(bad.failures, [
            { property: "projects[0]", reason: 'projects[0] must be a non-empty string, not ""' },
        ]);
    });

    it("checks the VMware extra specs against the vCPUs", async () => {
        const result = await provider.check({} as never, { ...valid, vcpus: 3, extraSpecs: { "hw:cpu_sockets": "2" } });
        assert.deepEqual(result.failures, [
            {
                property: "extraSpecs",
                reason: "the CPU topology (sockets 2) does not fit vcpus 3: vcpus must be a multiple of it",
            },
        ]);
    });

    it("requires the sizing fields", async () => {
        const result = await provider.check({} as never, { name: "m1" } as never);
        assert.deepEqual(
            result.failures?.map((f) => f.property),
            ["vcpus", "ramMb", "diskGb"],
        );
    });

    it("skips values that are unknown during preview", async () => {
        const result = await provider.check({} as never, { ...valid, name: UNKNOWN, vcpus: UNKNOWN as never });
        assert.equal(result.failures, undefined);
    });
});

describe("openstack.Flavor diff", () => {
    const stored: FlavorState = {
        ...valid,
        ephemeralGb: 0,
        swapMb: 0,
        rxtxFactor: 1,
        isPublic: false,
        flavorId: "f1",
        description: null,
        extraSpecs: {},
        projects: ["0b333ab126494b8ba56a9c26a75e4b54"],
    };
    const declared = { ...valid, isPublic: false };

    it("leaves the access others granted alone while projects is unset, and manages the whole list once set", async () => {
        assert.deepEqual(await provider.diff("f1", stored, declared), {
            changes: false,
            replaces: [],
            deleteBeforeReplace: true,
        });
        assert.equal((await provider.diff("f1", stored, { ...declared, projects: [] })).changes, true);
        assert.equal((await provider.diff("f1", stored, { ...declared, projects: stored.projects })).changes, false);
    });
});
