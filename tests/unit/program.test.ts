import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";

describe("the root program", () => {
    const registered: { type: string; name: string; inputs: Record<string, unknown> }[] = [];

    before(async () => {
        pulumi.runtime.setAllConfig({
            "vsphere-openstack:datacenters": JSON.stringify(["dc-a", "dc-b"]),
            "vsphere-openstack:flavors": JSON.stringify([{ name: "m1", vcpus: 1, ramMb: 512, diskGb: 1 }]),
        });
        await pulumi.runtime.setMocks(
            {
                newResource: (args) => {
                    registered.push({ type: args.type, name: args.name, inputs: args.inputs });
                    return { id: `${args.name}-id`, state: args.inputs };
                },
                call: () => ({}),
            },
            "vsphere-openstack",
            "stack",
        );
        await import("../../program");
        await new Promise((resolve) => setTimeout(resolve, 100));
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
