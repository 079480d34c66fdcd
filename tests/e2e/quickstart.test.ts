import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { Lab, ROOT } from "../../lab/lab";
import { labStack } from "../../lab/pulumi";
import { flavorIds, govcCollect, govcLs, sharedLab, showFlavor, uniqueName } from "../support/lab";

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

    it("refresh finds no drift, and a second up changes nothing", async () => {
        const refresh = await stack.refresh();
        assert.deepEqual(refresh.summary.resourceChanges, { same: 4 });
        const up = await stack.up();
        assert.deepEqual(up.summary.resourceChanges, { same: 4 });
    });

    it("keeps passwords out of the stack's state", async () => {
        const state = JSON.stringify(await stack.exportStack());
        assert.ok(!state.includes(lab.vsphere.password), "the vCenter password is in the state");
        assert.ok(!state.includes(lab.openstack.admin.password), "the OpenStack password is in the state");
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

    it("destroy leaves nothing in vCenter or OpenStack", async () => {
        const result = await stack.destroy();
        assert.deepEqual(result.summary.resourceChanges, { delete: 4 });
        const listing = await govcLs(lab, "/");
        assert.ok(!listing.some((p) => p.startsWith(`/${prefix}`)), listing.join(", "));
        const ids = await flavorIds(lab);
        assert.ok(!ids.includes(outputs.smallFlavorId) && !ids.includes(outputs.vmwareFlavorId));
    });
});
