/**
 * The package beside the bridged `@pulumi/openstack` in one program (tests/e2e/projects/bridged), through the
 * Pulumi CLI: one set of `openstack:` keys configures both; the bridged provider's resources sit on the package's
 * objects and the package's subnet on the bridged provider's network; neither side undoes the other on refresh
 * and up. The bridged SDK runs against the openstack plugin the lab builds from Go modules
 * (lab/toolchain/pulumi-openstack): terraform-provider-openstack bridged by pulumi-terraform-bridge.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import type { Lab } from "../../lab/lab";
import { installBridgedOpenStack, labStack } from "../../lab/pulumi";
import { openstackCli, sharedLab, showNetwork, showSubnet, uniqueName } from "../support/lab";

/** The objects of the program, by the name of its export. */
interface Ids {
    flavor: string;
    network: string;
    subnet: string;
    port: string;
    theirNetwork: string;
    theirSubnet: string;
}

/** What the openstack CLI prints of an object that is gone. */
async function gone(lab: Lab, kind: string, id: string): Promise<boolean> {
    return openstackCli(lab, kind, "show", id).then(
        () => false,
        (err: { stderr?: string }) =>
            /No (Flavor|Network|Subnet|Port) found|No \w+ with a name or ID/i.test(String(err.stderr)),
    );
}

describe("the package and the bridged @pulumi/openstack in one program, through the Pulumi CLI", function () {
    this.timeout(1_200_000);
    let lab: Lab;
    let stack: Stack;
    let prefix: string;
    let vlan: number;
    let demoProject: string;
    let ids: Ids;
    /** The program's resources and the stack. */
    const RESOURCES = 9;

    before(async () => {
        lab = await sharedLab();
        const version = await installBridgedOpenStack(lab);
        console.log(`      the openstack plugin ${version}, built from lab/toolchain/pulumi-openstack`);
        demoProject = ((await openstackCli(lab, "project", "show", lab.openstack.demo.projectName)) as { id: string })
            .id;
        prefix = uniqueName("e2e-bridged");
        vlan = 1000 + 2 * Math.floor(Math.random() * 490);
        stack = await labStack(lab, path.join(__dirname, "projects", "bridged"), prefix, {
            "bridged:prefix": { value: prefix },
            "bridged:vlan": { value: String(vlan) },
            "bridged:projectId": { value: demoProject },
        });
    });

    after(async () => {
        await stack?.destroy().catch(() => undefined);
        await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
    });

    it("up makes both sides: the bridged access, route and port on the package's objects, the package's subnet on the bridged network", async () => {
        const up = await stack.up();
        assert.deepEqual(up.summary.resourceChanges, { create: RESOURCES });
        ids = up.outputs.ids.value as Ids;
        const flavor = (await openstackCli(lab, "flavor", "show", ids.flavor)) as { access_project_ids: string[] };
        assert.deepEqual(flavor.access_project_ids, [demoProject]);
        const subnet = await showSubnet(lab, ids.subnet);
        assert.deepEqual(subnet.host_routes, [{ destination: "192.168.62.0/24", nexthop: "10.62.0.254" }]);
        const port = (await openstackCli(lab, "port", "show", ids.port)) as {
            network_id: string;
            fixed_ips: { subnet_id: string; ip_address: string }[];
            description: string;
        };
        assert.equal(port.network_id, ids.network);
        assert.deepEqual(port.fixed_ips, [{ subnet_id: ids.subnet, ip_address: "10.62.0.10" }]);
        assert.equal(port.description, "10.62.0.1", "the package's subnet's gateway");
        assert.equal((await showSubnet(lab, ids.theirSubnet)).network_id, ids.theirNetwork);
        const theirs = await showNetwork(lab, ids.theirNetwork);
        assert.equal(theirs["provider:segmentation_id"], vlan + 1);
    });

    it("refresh finds nothing to change on either side, and a second up changes nothing", async () => {
        assert.deepEqual((await stack.refresh()).summary.resourceChanges, { same: RESOURCES });
        assert.deepEqual((await stack.preview()).changeSummary, { same: RESOURCES });
        assert.deepEqual((await stack.up()).summary.resourceChanges, { same: RESOURCES });
        const flavor = (await openstackCli(lab, "flavor", "show", ids.flavor)) as { access_project_ids: string[] };
        assert.deepEqual(flavor.access_project_ids, [demoProject]);
        assert.equal((await showSubnet(lab, ids.subnet)).host_routes.length, 1);
    });

    it("destroy removes both sides", async () => {
        assert.deepEqual((await stack.destroy()).summary.resourceChanges, { delete: RESOURCES });
        for (const [kind, id] of [
            ["flavor", ids.flavor],
            ["network", ids.network],
            ["subnet", ids.subnet],
            ["port", ids.port],
            ["network", ids.theirNetwork],
            ["subnet", ids.theirSubnet],
        ]) {
            assert.ok(await gone(lab, kind, id), `${kind} ${id} is still there`);
        }
    });
});
