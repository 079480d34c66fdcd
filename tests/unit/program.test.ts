import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { recordRegistrations, Registered, registrationsSettled } from "../support/mocks";

describe("the root program", () => {
    let registered: Registered[];

    before(async () => {
        pulumi.runtime.setAllConfig({
            "vsphere-openstack:datacenters": JSON.stringify(["dc-a", "dc-b"]),
            "vsphere-openstack:flavors": JSON.stringify([{ name: "m1", vcpus: 1, ramMb: 512, diskGb: 1 }]),
        });
        registered = await recordRegistrations("vsphere-openstack");
        await import("../../program");
        await registrationsSettled();
    });

    it("creates the datacenters and flavors named in the stack configuration", () => {
        const found = registered.map(({ type, name, inputs }) => {
            const { __provider, ...rest } = inputs;
            return { type, name, inputs: rest, hasProvider: typeof __provider === "string" };
        });
        assert.deepEqual(
            found.sort((a, b) => a.name.localeCompare(b.name)),
            [
                {
                    type: "pulumi-nodejs:dynamic/vsphere:Datacenter",
                    name: "dc-a",
                    inputs: { name: "dc-a" },
                    hasProvider: true,
                },
                {
                    type: "pulumi-nodejs:dynamic/vsphere:Datacenter",
                    name: "dc-b",
                    inputs: { name: "dc-b" },
                    hasProvider: true,
                },
                {
                    type: "pulumi-nodejs:dynamic/openstack:Flavor",
                    name: "m1",
                    inputs: { name: "m1", vcpus: 1, ramMb: 512, diskGb: 1 },
                    hasProvider: true,
                },
            ],
        );
    });
});
