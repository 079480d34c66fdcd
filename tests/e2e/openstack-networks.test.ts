import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { Lab, ROOT, startOpenStackService, stopOpenStackService } from "../../lab/lab";
import { labStack } from "../../lab/pulumi";
import { requestsDuring } from "../support/requestLog";
import {
    flavorIds,
    openstackCli,
    openstackCliAsDemo,
    openstackCliQuiet,
    sharedLab,
    showFlavor,
    uniqueName,
} from "../support/lab";

interface CliNetwork {
    id: string;
    "provider:segmentation_id": number;
    "provider:network_type": string;
    shared: boolean;
}

async function networkIds(lab: Lab): Promise<string[]> {
    return ((await openstackCli(lab, "network", "list")) as { ID: string }[]).map((n) => n.ID);
}

async function subnetIds(lab: Lab): Promise<string[]> {
    return ((await openstackCli(lab, "subnet", "list")) as { ID: string }[]).map((n) => n.ID);
}

describe("examples/openstack-networks end to end, through the Pulumi CLI", function () {
    this.timeout(600_000);
    let lab: Lab;
    let stack: Stack;
    let outputs: { flavorIds: Record<string, string>; networkIds: string[]; subnetIds: string[]; vlans: number[] };
    // Each run takes its own two VLANs from the lab's range (100-2000), so runs don't collide.
    const vlanBase = 1000 + 2 * Math.floor(Math.random() * 490);

    before(async () => {
        lab = await sharedLab();
        const demoProject = (await openstackCli(lab, "project", "show", lab.openstack.demo.projectName)) as {
            id: string;
        };
        const prefix = uniqueName("e2e-net");
        stack = await labStack(lab, path.join(ROOT, "examples", "openstack-networks"), prefix, {
            "openstack-networks:prefix": { value: prefix },
            "openstack-networks:vlanBase": { value: String(vlanBase) },
        });
        await stack.setConfig("openstack-networks:privateProjects[0]", { value: demoProject.id }, true);
    });

    after(async () => {
        await startOpenStackService("neutron").catch(() => undefined);
        await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
    });

    const values = (out: Record<string, { value: unknown }>) =>
        Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.value])) as typeof outputs;

    it("up rides out Neutron being down when it starts, and creates everything", async () => {
        await stopOpenStackService("neutron");
        const up = stack.up();
        await new Promise((resolve) => setTimeout(resolve, 4000));
        await startOpenStackService("neutron");
        const result = await up;
        assert.deepEqual(result.summary.resourceChanges, { create: 8 });
        outputs = values(result.outputs);
        assert.deepEqual(outputs.vlans, [vlanBase, vlanBase + 1]);
        for (const [i, id] of outputs.networkIds.entries()) {
            const network = (await openstackCli(lab, "network", "show", id)) as CliNetwork;
            assert.deepEqual(
                [network["provider:network_type"], network["provider:segmentation_id"], network.shared],
                ["vlan", vlanBase + i, true],
            );
        }
        const subnets = await subnetIds(lab);
        assert.ok(outputs.subnetIds.every((id) => subnets.includes(id)));
        const demoSees = ((await openstackCliAsDemo(lab, "flavor", "list", "--all")) as { ID: string }[]).map(
            (f) => f.ID,
        );
        assert.ok(demoSees.includes(outputs.flavorIds.tuned), "the demo project does not see the private flavor");
    });

    it("refresh finds no drift reading each object once; a second up changes nothing and calls no API", async () => {
        const refreshed = await requestsDuring(lab, async () => {
            assert.deepEqual((await stack.refresh()).summary.resourceChanges, { same: 8 });
        });
        assert.deepEqual(refreshed.nova, [
            "GET /v2.1/flavors/{id} 200",
            "GET /v2.1/flavors/{id} 200",
            "GET /v2.1/flavors/{id} 200",
            "GET /v2.1/flavors/{id}/os-flavor-access 200",
        ]);
        assert.deepEqual(refreshed.neutron, [
            "GET /v2.0/networks/{id} 200",
            "GET /v2.0/networks/{id} 200",
            "GET /v2.0/subnets/{id} 200",
            "GET /v2.0/subnets/{id} 200",
        ]);
        assert.deepEqual(
            refreshed.keystone.filter((r) => r.startsWith("POST")),
            ["POST /v3/auth/tokens 201"],
        );
        const noop = await requestsDuring(lab, async () => {
            assert.deepEqual((await stack.up()).summary.resourceChanges, { same: 8 });
        });
        assert.deepEqual(noop, { keystone: [], nova: [], neutron: [] });
    });

    it("refresh sees changes made with the openstack CLI, and up puts the declared values back", async () => {
        await openstackCliQuiet(
            lab,
            "flavor",
            "set",
            "--property",
            "vmware:hw_version=vmx-10",
            outputs.flavorIds.tuned,
        );
        await openstackCliQuiet(lab, "network", "set", "--no-share", outputs.networkIds[0]);
        assert.deepEqual((await stack.refresh()).summary.resourceChanges, { update: 2, same: 6 });
        assert.deepEqual((await stack.up()).summary.resourceChanges, { update: 2, same: 6 });
        assert.equal((await showFlavor(lab, outputs.flavorIds.tuned)).properties["vmware:hw_version"], "vmx-13");
        assert.equal(((await openstackCli(lab, "network", "show", outputs.networkIds[0])) as CliNetwork).shared, true);
        assert.deepEqual((await stack.up()).summary.resourceChanges, { same: 8 });
    });

    it("changes an extra spec in place and replaces the flavor whose vCPUs change", async () => {
        await stack.setConfig("openstack-networks:hwVersion", { value: "vmx-19" });
        await stack.setConfig("openstack-networks:largeVcpus", { value: "8" });
        const result = await stack.up();
        assert.deepEqual(result.summary.resourceChanges, { update: 1, replace: 1, same: 6 });
        const next = values(result.outputs);
        assert.equal(next.flavorIds.tuned, outputs.flavorIds.tuned);
        assert.equal((await showFlavor(lab, next.flavorIds.tuned)).properties["vmware:hw_version"], "vmx-19");
        assert.notEqual(next.flavorIds.large, outputs.flavorIds.large);
        assert.equal((await showFlavor(lab, next.flavorIds.large)).vcpus, 8);
        assert.ok(!(await flavorIds(lab)).includes(outputs.flavorIds.large), "the replaced flavor is still there");
        outputs = next;
    });

    it("destroy leaves no flavor, network or subnet behind", async () => {
        assert.deepEqual((await stack.destroy()).summary.resourceChanges, { delete: 8 });
        const flavors = await flavorIds(lab);
        assert.ok(Object.values(outputs.flavorIds).every((id) => !flavors.includes(id)));
        const networks = await networkIds(lab);
        assert.ok(outputs.networkIds.every((id) => !networks.includes(id)));
        const subnets = await subnetIds(lab);
        assert.ok(outputs.subnetIds.every((id) => !subnets.includes(id)));
    });
});
