import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import type { Lab } from "../../lab/lab";
import { labStack } from "../../lab/pulumi";
import { openstackCli, openstackCliQuiet, sharedLab, uniqueName } from "../support/lab";

/** A subnet's routes as `openstack subnet show -f json` prints them. */
async function routes(lab: Lab, id: string): Promise<{ destination: string; nexthop: string }[]> {
    return (
        (await openstackCli(lab, "subnet", "show", id)) as { host_routes: { destination: string; nexthop: string }[] }
    ).host_routes;
}

/** The projects with access to a flavor, as Nova lists them. */
async function access(lab: Lab, id: string): Promise<string[]> {
    return ((await openstackCli(lab, "flavor", "show", id)) as { access_project_ids: string[] }).access_project_ids;
}

describe("lists managed as a whole, beside others that manage them, through the Pulumi CLI", function () {
    this.timeout(600_000);
    let lab: Lab;
    let stack: Stack;
    let ids: { flavorId: string; subnetId: string };
    let demoProject: string;
    const route = { destination: "192.168.60.0/24", nexthop: "10.61.0.254" };

    before(async () => {
        lab = await sharedLab();
        demoProject = ((await openstackCli(lab, "project", "show", lab.openstack.demo.projectName)) as { id: string })
            .id;
        const prefix = uniqueName("e2e-neigh");
        stack = await labStack(lab, path.join(__dirname, "projects", "neighbours"), prefix, {
            "neighbours:prefix": { value: prefix },
            "neighbours:vlan": { value: String(1000 + Math.floor(Math.random() * 980)) },
        });
    });

    after(async () => {
        await stack?.destroy().catch(() => undefined);
        await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
    });

    it("keeps the access and the routes added through the APIs across refresh and up while the fields are unset", async () => {
        const up = await stack.up();
        assert.deepEqual(up.summary.resourceChanges, { create: 4 });
        ids = { flavorId: String(up.outputs.flavorId.value), subnetId: String(up.outputs.subnetId.value) };
        await openstackCliQuiet(lab, "flavor", "set", "--project", demoProject, ids.flavorId);
        await openstackCliQuiet(
            lab,
            "subnet",
            "set",
            "--host-route",
            `destination=${route.destination},gateway=${route.nexthop}`,
            ids.subnetId,
        );
        assert.deepEqual((await stack.refresh()).summary.resourceChanges, { same: 4 });
        assert.deepEqual((await stack.up()).summary.resourceChanges, { same: 4 });
        assert.deepEqual(await access(lab, ids.flavorId), [demoProject]);
        assert.deepEqual(await routes(lab, ids.subnetId), [route]);
    });

    it("with the fields set, the preview names them and up manages the whole lists", async () => {
        await stack.setConfig("neighbours:manageLists", { value: "true" });
        const preview = await stack.preview({ diff: true });
        assert.deepEqual(preview.changeSummary, { update: 2, same: 2 });
        assert.match(preview.stdout, /\+ projects\s*: \[\]/);
        assert.match(preview.stdout, /\+ hostRoutes\s*: \[\]/);
        assert.deepEqual((await stack.up()).summary.resourceChanges, { update: 2, same: 2 });
        assert.deepEqual(await access(lab, ids.flavorId), []);
        assert.deepEqual(await routes(lab, ids.subnetId), []);
        assert.deepEqual((await stack.up()).summary.resourceChanges, { same: 4 });
    });
});
