import * as assert from "node:assert/strict";
import type { Stack } from "@pulumi/pulumi/automation";
import type { Lab } from "../../lab/lab";
import { pulumiCli } from "../../lab/pulumi";
import { govc, neutronIdsNamed, openstackCli, sharedLab, uniqueName } from "../support/lab";
import {
    assertNothingLeft,
    ExpectedStack,
    quickstartStack,
    StackOutputs,
    stackOutputs,
    stateResources,
    StateResource,
} from "../support/stack";

describe("examples/quickstart recovers the creates its state lost, through the Pulumi CLI", function () {
    this.timeout(600_000);
    let lab: Lab;
    let stack: Stack;
    let prefix: string;
    let expected: ExpectedStack;
    let outputs: StackOutputs;
    let created: StateResource[];

    before(async () => {
        lab = await sharedLab();
        prefix = uniqueName("rec");
        ({ stack, expected } = await quickstartStack(lab, prefix));
    });

    after(async () => {
        await stack?.destroy().catch(() => undefined); // after a failure, what the state still holds
        await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
    });

    it("up creates the stack, each resource with its owner marker as an input only", async () => {
        const result = await stack.up();
        assert.deepEqual(result.summary.resourceChanges, { create: 12 });
        outputs = stackOutputs(result.outputs);
        created = (await stateResources(lab, stack)).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
        assert.equal(created.length, 10);
        for (const r of created) {
            const type = r.type.replace("pulumi-nodejs:dynamic/", "");
            const name = r.urn.slice(r.urn.lastIndexOf("::") + 2);
            assert.equal(r.inputs.owner, `vsphere-openstack:quickstart/${prefix}/${type}/${name}`, r.urn);
            assert.equal("owner" in (r.outputs ?? {}), false, r.urn);
        }
    });

    it("after pulumi state delete of every object, up takes each over by its marker: same ids, no duplicate", async () => {
        // Leaves first: the state lists each resource after what it depends on.
        for (const r of [...created].reverse()) {
            await pulumiCli(lab, stack, ["state", "delete", r.urn, "--yes"]);
        }
        assert.deepEqual((await stateResources(lab, stack)).map((r) => r.type).sort(), [
            "pulumi:providers:pulumi-nodejs",
            "pulumi:pulumi:Stack",
            "vsphere-openstack:index:OpenStackOnVSphere",
        ]);

        const result = await stack.up();
        assert.deepEqual(result.summary.resourceChanges, { create: 10, same: 2 });
        assert.deepEqual(stackOutputs(result.outputs).ids, outputs.ids);
        const again = (await stateResources(lab, stack)).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
        const ids = (rs: StateResource[]) => rs.map((r) => `${r.urn} ${r.id}`).sort();
        assert.deepEqual(ids(again), ids(created));

        // One of each, counted through govc and the OpenStack APIs.
        const root = `/${prefix}-dc`;
        assert.deepEqual((await govc(lab, "find", "/", "-name", `${prefix}-dc`)).split("\n").filter(Boolean), [root]);
        for (const name of [`${prefix}-compute`, `esx-1.${prefix}.lab`, `${prefix}-nfs`, `${prefix}-dvs`, "br-int"]) {
            const found = (await govc(lab, "find", root, "-name", name)).split("\n").filter(Boolean);
            assert.equal(found.length, 1, `${name}: ${found.join(", ")}`);
        }
        assert.deepEqual(
            (await govc(lab, "datastore.ls", "-ds", `${root}/datastore/${prefix}-nfs`)).split("\n").filter(Boolean),
            ["openstack_glance"],
        );
        const networkId = outputs.ids.networks[`${prefix}-net`];
        assert.deepEqual(await neutronIdsNamed(lab, "network", `${prefix}-net`), [networkId]);
        const subnets = (await openstackCli(lab, "subnet", "list", "--network", networkId)) as { ID: string }[];
        assert.equal(subnets.length, 1);
        const flavors = (await openstackCli(lab, "flavor", "list", "--all")) as { ID: string; Name: string }[];
        assert.deepEqual(
            flavors.filter((f) => f.Name === `${prefix}.vmware`).map((f) => f.ID),
            [outputs.ids.flavors[`${prefix}.vmware`]],
        );
    });

    it("refresh finds no drift, and destroy leaves nothing", async () => {
        assert.deepEqual((await stack.refresh()).summary.resourceChanges, { same: 12 });
        assert.deepEqual((await stack.up()).summary.resourceChanges, { same: 12 });
        assert.deepEqual((await stack.destroy()).summary.resourceChanges, { delete: 12 });
        await assertNothingLeft(lab, outputs, expected);
    });
});
