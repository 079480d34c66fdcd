import * as assert from "node:assert/strict";
import { recordRegistrations, Registered, registrationsSettled } from "../../support/mocks";

describe("sdk resources under mocks", () => {
    let registered: Registered[];

    before(async () => {
        registered = await recordRegistrations("project");
        const sdk = await import("../../../sdk");
        new sdk.vsphere.Datacenter("dc", { name: "dc1" });
        new sdk.openstack.Flavor("flavor", {
            name: "m1",
            vcpus: 2,
            ramMb: 2048,
            diskGb: 20,
            extraSpecs: { "vmware:hw_version": "vmx-13" },
        });
        await registrationsSettled();
    });

    it("registers each resource under its own dynamic type with exactly the declared inputs", () => {
        const byType = Object.fromEntries(registered.map((r) => [r.type, r]));
        const dc = byType["pulumi-nodejs:dynamic/vsphere:Datacenter"];
        const flavor = byType["pulumi-nodejs:dynamic/openstack:Flavor"];
        assert.ok(dc && flavor, `registered: ${registered.map((r) => r.type).join(", ")}`);
        const { __provider: dcProvider, ...dcInputs } = dc.inputs;
        assert.deepEqual(dcInputs, { name: "dc1" });
        const { __provider: flavorProvider, ...flavorInputs } = flavor.inputs;
        assert.deepEqual(flavorInputs, {
            name: "m1",
            vcpus: 2,
            ramMb: 2048,
            diskGb: 20,
            extraSpecs: { "vmware:hw_version": "vmx-13" },
        });
        assert.equal(typeof dcProvider, "string");
        assert.equal(typeof flavorProvider, "string");
    });

    it("serializes each provider as a small forwarder that loads the implementation from the package", () => {
        for (const r of registered) {
            const text = r.inputs.__provider as string;
            assert.ok(text.length < 3000, `${r.type}: __provider is ${text.length} bytes`);
            assert.match(text, /vsphere-openstack\/dist\/provider\/(vsphere\/datacenter|openstack\/flavor)/);
            assert.doesNotMatch(text, /password|VimClient|KeystoneSession/i);
        }
    });
});
