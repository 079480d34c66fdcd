import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import * as YAML from "yaml";
import { Lab, ROOT } from "../../lab/lab";
import { labStack } from "../../lab/pulumi";
import { requestsDuring, simulatorCallsDuring } from "../support/requestLog";
import { sharedLab, uniqueName } from "../support/lab";
import { EXAMPLE_STACK_FILE } from "../support/rootStack";
import {
    assertNothingLeft,
    assertRenderedMatchesLab,
    ExpectedStack,
    PhaseTimes,
    stackOutputs,
    vlanRangeForRun,
} from "../support/stack";

describe("the root program from a YAML stack file alone, through the Pulumi CLI", function () {
    this.timeout(600_000);
    let lab: Lab;
    let stack: Stack;
    let prefix: string;
    let stackFile: string;
    let vlanRange: { min: number; max: number };

    /** The example stack file with this run's names and VLANs, as a team would write it. */
    function writeStackFile(vlans: [number, number]): void {
        const text = fs.readFileSync(EXAMPLE_STACK_FILE, "utf8").replace(/example/g, prefix);
        const file = YAML.parse(text) as { config: Record<string, unknown> };
        file.config["vsphere-openstack:network"] = { vlanRange };
        const networks = file.config["vsphere-openstack:networks"] as { vlan: number }[];
        networks.forEach((n, i) => (n.vlan = vlans[i]));
        const existing = fs.existsSync(stackFile) ? (YAML.parse(fs.readFileSync(stackFile, "utf8")) as object) : {};
        const config = { ...(existing as { config?: object }).config, ...file.config };
        fs.writeFileSync(stackFile, YAML.stringify({ ...existing, config }));
    }

    before(async () => {
        lab = await sharedLab();
        prefix = uniqueName("root");
        vlanRange = vlanRangeForRun(10);
        stackFile = path.join(ROOT, `Pulumi.${prefix}.yaml`);
        stack = await labStack(lab, ROOT, prefix);
    });

    after(async () => {
        await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
        fs.rmSync(stackFile, { force: true });
    });

    it("fails at preview on a VLAN outside the range, naming its path, and calls neither vCenter nor OpenStack", async () => {
        writeStackFile([vlanRange.min, vlanRange.max + 1]);
        let calls: Record<string, number> = {};
        const requests = await requestsDuring(lab, async () => {
            calls = await simulatorCallsDuring(lab, () => preview());
        });
        assert.deepEqual(calls, {});
        assert.deepEqual(requests, { keystone: [], nova: [], neutron: [] });

        async function preview(): Promise<void> {
            await assert.rejects(stack.preview(), (err: Error) => {
                assert.match(
                    err.message,
                    new RegExp(
                        `OpenStackOnVSphere "${prefix}": the spec has 1 problem; nothing was created:\\s+` +
                            `networks\\[1\\]\\.vlan: VLAN ${vlanRange.max + 1} is outside the VLAN range ` +
                            `${vlanRange.min}-${vlanRange.max} that br-int trunks`,
                    ),
                );
                return true;
            });
        }
    });

    it("up creates what the stack file declares; refresh finds no drift; destroy leaves nothing", async () => {
        writeStackFile([vlanRange.min, vlanRange.min + 1]);
        const times = new PhaseTimes();
        const result = await times.time("up", () => stack.up());
        // The stack, the component, a datacenter, 2 clusters, 3 hosts, a datastore, the image folder, the switch,
        // br-int, 2 networks, a subnet and 2 flavors.
        assert.deepEqual(result.summary.resourceChanges, { create: 17 });
        const outputs = stackOutputs(result.outputs);
        const expected: ExpectedStack = {
            vcenters: [
                {
                    name: "lab",
                    endpoint: lab.vsphere,
                    datacenter: `${prefix}-dc`,
                    clusters: [`${prefix}-compute-a`, `${prefix}-compute-b`],
                    imageDatastore: `${prefix}-nfs`,
                    datastoreRegex: `^${prefix}-nfs$`,
                    switchMtu: 9000,
                },
            ],
            vlanRange,
            networks: [
                { name: `${prefix}-net-110`, vlan: vlanRange.min },
                { name: `${prefix}-net-111`, vlan: vlanRange.min + 1 },
            ],
            flavors: [`${prefix}.small`, `${prefix}.vmware`],
        };
        await assertRenderedMatchesLab(lab, outputs, expected);
        assert.deepEqual((await stack.refresh()).summary.resourceChanges, { same: 17 });
        const destroyed = await times.time("destroy", () => stack.destroy());
        assert.deepEqual(destroyed.summary.resourceChanges, { delete: 17 });
        console.log(`      root program e2e: ${times.toString()}`);
        await assertNothingLeft(lab, outputs, expected);
    });
});
