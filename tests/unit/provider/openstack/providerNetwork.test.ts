import * as assert from "node:assert/strict";
import { UNKNOWN } from "../../../../model/diff";
import { rules } from "../../../../model/openstack/providerNetwork";
import { provider, toState } from "../../../../provider/openstack/providerNetwork";
import type { NeutronNetwork } from "../../../../provider/openstack/client/neutron";
import type { ProviderNetworkState } from "../../../../sdk/openstack/providerNetwork";

const valid = { name: "prod-101", physicalNetwork: "physnet1", segmentationId: 101 };

/** The state of a VLAN network created from `valid`, with Neutron's defaults. */
const stored: ProviderNetworkState = {
    name: "prod-101",
    networkType: "vlan",
    physicalNetwork: "physnet1",
    segmentationId: 101,
    shared: false,
    external: false,
    mtu: 1500,
    adminStateUp: true,
    portSecurityEnabled: true,
    description: "",
};

describe("openstack.ProviderNetwork check", () => {
    it("accepts a valid network and returns its inputs unchanged", async () => {
        assert.deepEqual(await provider.check({} as never, valid), { inputs: valid });
        const flat = { name: "untagged", networkType: "flat" as const, physicalNetwork: "physnet1", mtu: 9000 };
        assert.deepEqual(await provider.check({} as never, flat), { inputs: flat });
        const described = { ...valid, description: "d".repeat(127) };
        assert.deepEqual(await provider.check({} as never, described), { inputs: described });
    });

    it("names each invalid field and what is allowed", async () => {
        const result = await provider.check({} as never, {
            name: "x".repeat(256),
            networkType: "vxlan" as never,
            physicalNetwork: "",
            segmentationId: 4095,
            shared: "no" as never,
            external: 1 as never,
            mtu: 67,
            adminStateUp: null as never,
            portSecurityEnabled: "true" as never,
            description: "d".repeat(128),
        });
        assert.deepEqual(result.failures, [
            {
                property: "name",
                reason: `name must be a non-empty string of at most 255 characters without control characters, not "${"x".repeat(256)}"`,
            },
            { property: "networkType", reason: 'networkType must be one of "vlan", "flat", not "vxlan"' },
            {
                property: "physicalNetwork",
                reason: 'physicalNetwork must be a non-empty string of at most 64 characters without control characters, not ""',
            },
            { property: "segmentationId", reason: "segmentationId must be an integer from 1 to 4094, not 4095" },
            { property: "shared", reason: 'shared must be true or false, not "no"' },
            { property: "external", reason: "external must be true or false, not 1" },
            { property: "mtu", reason: "mtu must be an integer from 68 to 9216, not 67" },
            { property: "portSecurityEnabled", reason: 'portSecurityEnabled must be true or false, not "true"' },
            {
                property: "description",
                reason: `description must be a string of at most 127 characters, not "${"d".repeat(128)}"`,
            },
        ]);
    });

    it("refuses a VLAN id on a flat network, and VLAN ids that are no integers", async () => {
        const flat = await provider.check({} as never, { ...valid, networkType: "flat" });
        assert.deepEqual(flat.failures, [
            {
                property: "segmentationId",
                reason: 'segmentationId is only for VLAN networks: a flat network carries untagged traffic; remove it or set networkType: "vlan"',
            },
        ]);
        for (const segmentationId of [0, 1.5, "101"]) {
            const result = await provider.check({} as never, { ...valid, segmentationId: segmentationId as never });
            assert.deepEqual(result.failures, [
                {
                    property: "segmentationId",
                    reason: `segmentationId must be an integer from 1 to 4094, not ${JSON.stringify(segmentationId)}`,
                },
            ]);
        }
        const big = await provider.check({} as never, { ...valid, mtu: 9217 });
        assert.deepEqual(big.failures, [
            { property: "mtu", reason: "mtu must be an integer from 68 to 9216, not 9217" },
        ]);
    });

    it("requires the name and the physical network", async () => {
        const result = await provider.check({} as never, {} as never);
        assert.deepEqual(result.failures, [
            { property: "name", reason: "name is required: a non-empty string of at most 255 characters" },
            {
                property: "physicalNetwork",
                reason: "physicalNetwork is required: a non-empty string of at most 64 characters",
            },
        ]);
    });

    it("skips values that are unknown during preview", async () => {
        const result = await provider.check({} as never, {
            name: UNKNOWN,
            networkType: UNKNOWN as never,
            physicalNetwork: UNKNOWN,
            segmentationId: UNKNOWN as never,
            mtu: UNKNOWN as never,
        });
        assert.equal(result.failures, undefined);
    });
});

describe("openstack.ProviderNetwork diff", () => {
    it("declares which fields replace the network and which update it in place", () => {
        assert.deepEqual(rules, {
            replace: ["networkType", "physicalNetwork", "segmentationId"],
            update: ["name", "shared", "external", "mtu", "adminStateUp", "portSecurityEnabled", "description"],
            keepWhenOmitted: ["segmentationId", "mtu"],
        });
    });

    it("sees no change when the inputs leave every default to Neutron", async () => {
        assert.deepEqual(await provider.diff("id", stored, valid), {
            changes: false,
            replaces: [],
            deleteBeforeReplace: false,
        });
    });

    it("keeps the VLAN and MTU Neutron assigned when the inputs omit them", async () => {
        const noVlan = { name: valid.name, physicalNetwork: valid.physicalNetwork };
        assert.equal((await provider.diff("id", { ...stored, segmentationId: 1234 }, noVlan)).changes, false);
        assert.equal((await provider.diff("id", { ...stored, mtu: 1450 }, valid)).changes, false);
    });

    it("replaces the network when a provider attribute changes, creating the new one first", async () => {
        assert.deepEqual(await provider.diff("id", stored, { ...valid, segmentationId: 102 }), {
            changes: true,
            replaces: ["segmentationId"],
            deleteBeforeReplace: false,
        });
        assert.deepEqual(
            (await provider.diff("id", stored, { ...valid, physicalNetwork: "physnet2", networkType: "flat" }))
                .replaces,
            ["networkType", "physicalNetwork"],
        );
        assert.deepEqual((await provider.diff("id", stored, { ...valid, segmentationId: UNKNOWN as never })).replaces, [
            "segmentationId",
        ]);
    });

    it("updates the other fields in place, defaults included", async () => {
        for (const change of [
            { name: "renamed" },
            { shared: true },
            { external: true },
            { mtu: 1400 },
            { adminStateUp: false },
            { portSecurityEnabled: false },
            { description: "prod" },
        ]) {
            assert.deepEqual(
                await provider.diff("id", stored, { ...valid, ...change }),
                { changes: true, replaces: [], deleteBeforeReplace: false },
                JSON.stringify(change),
            );
        }
        assert.deepEqual(await provider.diff("id", { ...stored, shared: true }, valid), {
            changes: true,
            replaces: [],
            deleteBeforeReplace: false,
        });
    });
});

describe("openstack.ProviderNetwork state", () => {
    it("maps Neutron's network to the declared fields only, the description without the owner marker", () => {
        const network: NeutronNetwork = {
            id: "4ad8e0b0-7d74-4bea-8701-d13e5908455f",
            name: "net101",
            description: "prod vsphere-openstack:cloud/dev/openstack:ProviderNetwork/net101",
            admin_state_up: true,
            shared: false,
            "router:external": false,
            mtu: 1500,
            port_security_enabled: true,
            "provider:network_type": "vlan",
            "provider:physical_network": "physnet1",
            "provider:segmentation_id": 101,
            status: "ACTIVE",
            subnets: ["b512fc0d-7fe7-4d71-b82c-f8c4d5219b3c"],
            project_id: "0b333ab126494b8ba56a9c26a75e4b54",
        };
        assert.deepEqual(toState(network), { ...stored, name: "net101", description: "prod" });
        assert.equal(toState({ ...network, description: "made by hand" }).description, "made by hand");
    });
});
