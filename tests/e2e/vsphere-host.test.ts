import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import type { Lab } from "../../lab/lab";
import { exportStoredState, labStack } from "../../lab/pulumi";
import { SECRET_SIG } from "../support/mocks";
import { govcCollect, govcLs, sharedLab, uniqueName } from "../support/lab";

interface StateResource {
    urn: string;
    type: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
}

describe("vsphere.Host through the Pulumi CLI: the host's password stays encrypted in the state", function () {
    this.timeout(600_000);
    let lab: Lab;
    let stack: Stack;
    let prefix: string;
    const password = `esx-${uniqueName("pw")}`;

    before(async () => {
        lab = await sharedLab();
        prefix = uniqueName("e2e-host");
        stack = await labStack(lab, path.join(__dirname, "projects", "vsphere-host"), prefix, {
            "vsphere-host:prefix": { value: prefix },
            // A secret in the config; the program reads it as a plain string (config.require).
            "vsphere-host:hostPassword": { value: password, secret: true },
        });
    });

    after(async () => {
        await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
    });

    it("up adds the host to the cluster; its password output is a secret", async () => {
        const result = await stack.up();
        assert.deepEqual(result.summary.resourceChanges, { create: 4 });
        assert.equal(result.outputs.hostPassword.secret, true);
        const hostId = String(result.outputs.hostId.value);
        const live = await govcCollect(lab, `HostSystem:${hostId}`, "name", "parent");
        assert.equal(live.name, `${prefix}-esx.lab.invalid`);
        assert.equal((live.parent as { value: string }).value, result.outputs.clusterId.value);
    });

    it("keeps the password only encrypted: in the host's inputs, its outputs and the stack outputs", async () => {
        const text = await exportStoredState(lab, stack);
        assert.ok(!text.includes(password), "the host's password is in the state in plain text");
        const resources = (JSON.parse(text) as { deployment: { resources: StateResource[] } }).deployment.resources;
        const host = resources.find((r) => r.type === "pulumi-nodejs:dynamic/vsphere:Host");
        assert.ok(host, resources.map((r) => r.type).join(", "));
        assert.deepEqual(Object.keys(host.inputs?.password as object), [SECRET_SIG, "ciphertext"]);
        assert.deepEqual(Object.keys(host.outputs?.password as object), [SECRET_SIG, "ciphertext"]);
        const stackResource = resources.find((r) => r.type === "pulumi:pulumi:Stack");
        assert.deepEqual(Object.keys(stackResource?.outputs?.hostPassword as object), [SECRET_SIG, "ciphertext"]);
        // The other outputs stay readable.
        assert.match(String(host.outputs?.datastoreSystemId), /^[a-z]+-\d+$/);
    });

    it("refresh finds no drift and a second up changes nothing", async () => {
        assert.deepEqual((await stack.refresh()).summary.resourceChanges, { same: 4 });
        assert.deepEqual((await stack.up()).summary.resourceChanges, { same: 4 });
    });

    it("destroy removes the host, the cluster and the datacenter", async () => {
        const result = await stack.destroy();
        assert.deepEqual(result.summary.resourceChanges, { delete: 4 });
        assert.ok(!(await govcLs(lab, "/")).includes(`/${prefix}-dc`));
    });
});
