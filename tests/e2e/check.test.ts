import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { Lab, labConnectionsConfig, labStackConfig, ROOT } from "../../lab/lab";
import { labStack } from "../../lab/pulumi";
import { placementInventory, waitForHypervisors } from "../../lab/services";
import { checkDeployment, CheckReport } from "../../sdk/check/index";
import type { Finding } from "../../sdk/check/findings";
import { clusterCapacity, eventually, StackComputes, withVolumeService } from "../support/services";
import { sharedLab, uniqueName } from "../support/lab";
import { StackOutputs, stackOutputs, vlanRangeForRun } from "../support/stack";

/** The stack config as the providers read it, in clear text (what `pulumi config --show-secrets` gives). */
function plainConfig(lab: Lab): Record<string, string> {
    const connections: Record<string, Record<string, string>> = {};
    for (const [key, { value }] of Object.entries(labConnectionsConfig(lab))) {
        const [, name, field] = key.split(".");
        (connections[name] ??= {})[field] = value;
    }
    return {
        ...Object.fromEntries(Object.entries(labStackConfig(lab)).map(([k, v]) => [k, v.value])),
        "vsphere:connections": JSON.stringify(connections),
    };
}

/** The findings without what the pipeline-free parts of a finding hold: code, severity, differs, cause. */
function summary(report: CheckReport): Pick<Finding, "code" | "severity" | "differs">[] {
    return report.findings.map(({ code, severity, differs }) => ({ code, severity, differs }));
}

describe("check: a live report of both sides of a deployment", function () {
    this.timeout(900_000);
    let lab: Lab;
    let stack: Stack;
    let prefix: string;
    let out: StackOutputs;
    let computes: StackComputes;
    let host: string;
    let config: Record<string, string>;
    const check = () => checkDeployment({ outputs: out }, { config });

    before(async () => {
        lab = await sharedLab();
        prefix = uniqueName("chk");
        const vlanRange = vlanRangeForRun(10);
        stack = await labStack(lab, path.join(ROOT, "examples", "quickstart"), prefix, {
            "quickstart:prefix": { value: prefix },
            "quickstart:vlanMin": { value: String(vlanRange.min) },
        });
        out = stackOutputs((await stack.up()).outputs);
        config = plainConfig(lab);
        host = `lab-${prefix}-compute`;
        computes = new StackComputes(lab);
        await computes.sync(out.novaComputeConf);
        const [hypervisor] = await waitForHypervisors(lab, [host]);
        const capacity = await clusterCapacity(lab, out.ids.clusters.lab[`${prefix}-compute`]);
        await eventually(120, async () => {
            const held = await placementInventory(lab, hypervisor.hypervisor_hostname);
            return held.VCPU === capacity.VCPU && held.MEMORY_MB === capacity.MEMORY_MB ? held : undefined;
        });
    });

    after(async () => {
        await computes?.close();
        await stack?.destroy().catch(() => undefined);
        await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
    });

    it("finds nothing in a healthy deployment, in one retrieval per object type and one list per collection", async () => {
        await withVolumeService(out.cinderConf, async () => {
            await eventually(60, async () => ((await check()).ok ? true : undefined));
            const report = await check();
            assert.deepEqual(summary(report), []);
            assert.deepEqual(report.calls, {});
        });
    });
});
