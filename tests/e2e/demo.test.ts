/**
 * `npm run demo` as a new user runs it (lab/cli.ts demo): the quickstart up, its rendered files written, one
 * nova-compute from each cluster's file, and the hypervisor Nova reports shown next to the cluster; then
 * `npm run demo:destroy`.
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { ROOT } from "../../lab/lab";
import { hypervisors } from "../../lab/services";
import { govc, govcCollect, govcLs, sharedLab } from "../support/lab";
import { clusterCapacity } from "../support/services";

const run = promisify(execFile);

function cli(command: string): Promise<{ stdout: string }> {
    return run(process.execPath, ["-r", "ts-node/register/transpile-only", "lab/cli.ts", command], {
        cwd: ROOT,
        maxBuffer: 64 << 20,
    });
}

describe("npm run demo, through the Pulumi CLI", function () {
    this.timeout(900_000);

    it("shows the quickstart's cluster as the hypervisor Nova reports, with its hosts' capacity; demo:destroy removes it", async () => {
        const lab = await sharedLab();
        try {
            const { stdout } = await cli("demo");
            const clusterId = (
                await govc(lab, "find", "-i", "/quickstart-dc/host", "-type", "c", "-name", "quickstart-compute")
            )
                .trim()
                .replace(/^ClusterComputeResource:/, "");
            const about = await govcCollect(lab, "ServiceInstance:ServiceInstance", "content.about");
            const uuid = (about["content.about"] as { instanceUuid: string }).instanceUuid;
            const { VCPU, MEMORY_MB } = await clusterCapacity(lab, clusterId);
            assert.ok(
                stdout.includes(`| lab-quickstart-compute | ${clusterId}.${uuid} | up | ${VCPU} | ${MEMORY_MB} |`),
                stdout,
            );
            assert.match(stdout, /demo-config\/nova-compute-lab-quickstart-compute\.conf/);
        } finally {
            await cli("demo-destroy");
        }
        const left = (await hypervisors(lab)).filter((h) => h.service.host === "lab-quickstart-compute");
        assert.deepEqual(left, []);
        assert.ok(!(await govcLs(lab, "/")).includes("/quickstart-dc"), "the demo's datacenter is still there");
    });
});
