import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import type { Stack } from "@pulumi/pulumi/automation";
import { Lab, LAB_HOST_PASSWORD } from "../../lab/lab";
import { exportStoredState, PulumiCli, pulumiVersion } from "../../lab/pulumi";
import { SECRET_SIG } from "../support/mocks";
import { requestsDuring, simulatorCallsDuring } from "../support/requestLog";
import { showFlavor, sharedLab, uniqueName } from "../support/lab";
import { installedExample } from "../support/package";
import {
    assertNothingLeft,
    assertRenderedMatchesLab,
    ExpectedStack,
    PhaseTimes,
    quickstartStack,
    StackOutputs,
    stackOutputs,
    StateResource,
} from "../support/stack";

/**
 * On the oldest CLI the example runs from the repository, with its SDK; on the newest, installed as a user
 * does beside that CLI's SDK version.
 */
for (const cli of ["oldest", "newest"] as PulumiCli[]) {
    describe(`examples/quickstart end to end, through the ${cli} Pulumi CLI`, function () {
        this.timeout(600_000);
        let lab: Lab;
        let workDir: string | undefined;
        let stack: Stack;
        let prefix: string;
        let expected: ExpectedStack;
        let outputs: StackOutputs;
        const times = new PhaseTimes();

        before(async () => {
            lab = await sharedLab();
            prefix = uniqueName(`qs-${cli}`);
            workDir = cli === "oldest" ? undefined : await installedExample("quickstart", pulumiVersion(cli));
            ({ stack, expected } = await quickstartStack(lab, prefix, { cli, workDir }));
        });

        after(async () => {
            console.log(`      quickstart e2e (${cli} CLI): ${times.toString()}`);
            await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
            if (workDir) {
                fs.rmSync(workDir, { recursive: true, force: true });
            }
        });

        it("up creates the whole stack, and every rendered file names what vCenter and OpenStack hold", async () => {
            const result = await times.time("up", () => stack.up());
            // The stack, the component, and its datacenter, cluster, host, NFS datastore, image folder, switch,
            // br-int, network, subnet and flavor.
            assert.deepEqual(result.summary.resourceChanges, { create: 12 });
            outputs = stackOutputs(result.outputs);
            await assertRenderedMatchesLab(lab, outputs, expected);
            const flavor = await showFlavor(lab, outputs.ids.flavors[`${prefix}.vmware`]);
            assert.deepEqual(flavor.properties, { "vmware:hw_version": "vmx-13", "hw:cpu_sockets": "2" });
        });

        it("refresh finds no drift; a second up changes nothing and calls no API", async () => {
            await times.time("refresh + no-op up", async () => {
                assert.deepEqual((await stack.refresh()).summary.resourceChanges, { same: 12 });
                const requests = await requestsDuring(lab, async () => {
                    const calls = await simulatorCallsDuring(lab, async () => {
                        assert.deepEqual((await stack.up()).summary.resourceChanges, { same: 12 });
                    });
                    assert.deepEqual(calls, {});
                });
                assert.deepEqual(requests, { keystone: [], nova: [], neutron: [] });
            });
        });

        it("keeps passwords out of the state: the connections stay encrypted in the engine's copy of the config", async () => {
            const text = await exportStoredState(lab, stack, { cli });
            for (const secret of [
                lab.vsphere.password,
                lab.vsphereB.password,
                LAB_HOST_PASSWORD,
                lab.openstack.admin.password,
            ]) {
                assert.ok(!text.includes(secret), "a password is in the state");
            }
            const resources = (JSON.parse(text) as { deployment: { resources: StateResource[] } }).deployment.resources;
            const provider = resources.find((r) => r.type === "pulumi:providers:pulumi-nodejs");
            for (const key of ["vsphere-openstack:connections", "vsphere:password", "openstack:password"]) {
                assert.deepEqual(Object.keys(provider?.inputs[key] as object), [SECRET_SIG, "ciphertext"], key);
            }
            const host = resources.find((r) => r.type === "pulumi-nodejs:dynamic/vsphere:Host");
            assert.deepEqual(Object.keys(host?.inputs.password as object), [SECRET_SIG, "ciphertext"]);
            for (const r of resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/vsphere:"))) {
                assert.equal(r.inputs.connection, "lab", r.urn);
            }
        });

        it("changes a flavor's extra spec in place", async () => {
            await stack.setConfig("quickstart:vmwareHwVersion", { value: "vmx-14" });
            const result = await times.time("in-place change", () => stack.up());
            assert.deepEqual(result.summary.resourceChanges, { update: 1, same: 11 });
            assert.deepEqual(stackOutputs(result.outputs).ids, outputs.ids);
            const flavor = await showFlavor(lab, outputs.ids.flavors[`${prefix}.vmware`]);
            assert.equal(flavor.properties["vmware:hw_version"], "vmx-14");
        });

        it("destroy leaves nothing in vCenter or OpenStack", async () => {
            const result = await times.time("destroy", () => stack.destroy());
            assert.deepEqual(result.summary.resourceChanges, { delete: 12 });
            await assertNothingLeft(lab, outputs, expected);
        });
    });
}
