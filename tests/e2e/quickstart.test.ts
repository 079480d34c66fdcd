import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { Lab, ROOT } from "../../lab/lab";
import { exportStoredState, labStack } from "../../lab/pulumi";
import { simulatorCallsDuring } from "../support/requestLog";

/** The key Pulumi marks secret values with in its state. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

interface StateResource {
    urn: string;
    type: string;
    inputs: Record<string, unknown>;
}
import { flavorIds, govc, govcCollect, govcLs, sharedLab, showFlavor, uniqueName } from "../support/lab";

describe("examples/quickstart end to end, through the Pulumi CLI", function () {
    this.timeout(600_000);
    let lab: Lab;
    let stack: Stack;
    let prefix: string;
    let outputs: Record<string, string>;

    const values = (out: Record<string, { value: unknown }>) =>
        Object.fromEntries(Object.entries(out).map(([k, v]) => [k, String(v.value)]));

    before(async () => {
        lab = await sharedLab();
        prefix = uniqueName("e2e");
        stack = await labStack(lab, path.join(ROOT, "examples", "quickstart"), prefix, {
            "quickstart:prefix": { value: prefix },
        });
    });

    after(async () => {
        await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
    });

    it("up creates the datacenter and both flavors", async () => {
        const result = await stack.up();
        assert.deepEqual(result.summary.resourceChanges, { create: 4 });
        outputs = values(result.outputs);
        assert.match(outputs.datacenterId, /^datacenter-\d+$/);
        assert.equal((await govcCollect(lab, `Datacenter:${outputs.datacenterId}`, "name")).name, `${prefix}-dc`);
        const vmware = await showFlavor(lab, outputs.vmwareFlavorId);
        assert.equal(vmware.vcpus, 4);
        assert.deepEqual(vmware.properties, {
            "vmware:hw_version": "vmx-13",
            "hw:cpu_sockets": "2",
            "hw:cpu_cores": "2",
            "quota:cpu_limit": "8000",
        });
        assert.ok((await flavorIds(lab)).includes(outputs.smallFlavorId));
    });

    it("refresh finds no drift reading the datacenter once; a second up changes nothing and calls no API", async () => {
        const refreshCalls = await simulatorCallsDuring(lab, async () => {
            assert.deepEqual((await stack.refresh()).summary.resourceChanges, { same: 4 });
        });
        assert.deepEqual(refreshCalls, { RetrieveServiceContent: 1, Login: 1, RetrievePropertiesEx: 1 });
        const noopCalls = await simulatorCallsDuring(lab, async () => {
            assert.deepEqual((await stack.up()).summary.resourceChanges, { same: 4 });
        });
        assert.deepEqual(noopCalls, {});
    });

    it("keeps passwords out of the stack's state: only the engine's copy of the stack config, encrypted", async () => {
        const text = await exportStoredState(lab, stack);
        assert.ok(!text.includes(lab.vsphere.password), "the vCenter password is in the state");
        assert.ok(!text.includes(lab.openstack.admin.password), "the OpenStack password is in the state");
        const resources = (JSON.parse(text) as { deployment: { resources: StateResource[] } }).deployment.resources;
        // The engine hands the stack config to the dynamic providers' default provider and records it there;
        // secret values stay secrets.
        const provider = resources.find((r) => r.type === "pulumi:providers:pulumi-nodejs");
        for (const key of ["vsphere:password", "openstack:password"]) {
            assert.deepEqual(Object.keys(provider?.inputs[key] as object), [SECRET_SIG, "ciphertext"], key);
        }
        // Every resource carries its serialized provider: a small forwarder, no credentials.
        for (const r of resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"))) {
            const bytes = JSON.stringify(r.inputs.__provider).length;
            assert.ok(bytes < 3000, `${r.urn}: __provider is ${bytes} bytes`);
        }
    });

    it("renames the datacenter and changes an extra spec in place, keeping their ids", async () => {
        await stack.setConfig("quickstart:datacenterName", { value: `${prefix}-renamed` });
        await stack.setConfig("quickstart:vmwareHwVersion", { value: "vmx-14" });
        const result = await stack.up();
        assert.deepEqual(result.summary.resourceChanges, { update: 2, same: 2 });
        assert.deepEqual(values(result.outputs), outputs);
        assert.equal((await govcCollect(lab, `Datacenter:${outputs.datacenterId}`, "name")).name, `${prefix}-renamed`);
        const vmware = await showFlavor(lab, outputs.vmwareFlavorId);
        assert.equal(vmware.properties["vmware:hw_version"], "vmx-14");
    });

    it("replaces the flavor whose vCPUs change", async () => {
        await stack.setConfig("quickstart:vmwareVcpus", { value: "8" });
        const result = await stack.up();
        assert.deepEqual(result.summary.resourceChanges, { replace: 1, same: 3 });
        const next = values(result.outputs);
        assert.notEqual(next.vmwareFlavorId, outputs.vmwareFlavorId);
        const ids = await flavorIds(lab);
        assert.ok(!ids.includes(outputs.vmwareFlavorId), "the old flavor is still there");
        const vmware = await showFlavor(lab, next.vmwareFlavorId);
        assert.equal(vmware.vcpus, 8);
        outputs = next;
    });

    it("destroy leaves nothing in vCenter or OpenStack but what is retained on delete", async () => {
        await stack.setConfig("quickstart:retainDatacenter", { value: "true" });
        assert.deepEqual((await stack.up()).summary.resourceChanges, { same: 4 });
        const result = await stack.destroy();
        assert.deepEqual(result.summary.resourceChanges, { delete: 4 });
        const ids = await flavorIds(lab);
        assert.ok(!ids.includes(outputs.smallFlavorId) && !ids.includes(outputs.vmwareFlavorId));
        // retainOnDelete: the datacenter left the stack but stays in vCenter.
        assert.equal((await govcCollect(lab, `Datacenter:${outputs.datacenterId}`, "name")).name, `${prefix}-renamed`);
        await govc(lab, "object.destroy", `/${prefix}-renamed`);
        const listing = await govcLs(lab, "/");
        assert.ok(!listing.some((p) => p.startsWith(`/${prefix}`)), listing.join(", "));
    });
});
