/** `npm run lab:up | lab:down | lab:status | demo | demo:destroy`. */
import * as fs from "node:fs";
import * as path from "node:path";
import type { OutputMap } from "@pulumi/pulumi/automation";
import { dataPlane, Lab, labDown, labStatus, labUp, ROOT } from "./lab";
import { labStack } from "./pulumi";
import { deleteComputeServices, placementInventory, waitForHypervisors } from "./services";

const DEMO_DIR = path.join(ROOT, "examples", "quickstart");

async function demo(): Promise<void> {
    const started = Date.now();
    const lab = await labUp();
    console.log(`lab ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const stack = await labStack(lab, DEMO_DIR, "demo");
    console.log(`pulumi up of examples/quickstart, stack "demo"\n`);
    const result = await stack.up({ onOutput: (out) => process.stdout.write(out) });
    console.log(`\n${String(result.outputs.summaryTable.value)}\n`);
    console.log(`The services' configuration, rendered from what was created (readable by you only):`);
    const files = writeRenderedConfig(result.outputs, path.join(lab.dir, "demo-config"));
    for (const file of files) {
        console.log(`  ${file}`);
    }
    console.log(`\nnova-compute from each rendered cluster file; the hypervisor Nova reports for each cluster:\n`);
    console.log(await runComputes(lab, result.outputs.novaComputeConf.value as Record<string, string>, files));
    console.log(`The lab keeps running until \`npm run lab:down\`; \`npm run lab:status\` shows where and as whom.`);
    console.log(`Lab files: ${lab.dir}`);
    console.log(`Pulumi state: ${lab.pulumiBackendUrl} (project quickstart, stack demo)`);
    console.log(`Remove what the demo created: npm run demo:destroy`);
}

/** Writes the stack's rendered files (secret outputs included) into `dir`, mode 0600; returns their paths. */
function writeRenderedConfig(outputs: OutputMap, dir: string): string[] {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const nova = outputs.novaComputeConf.value as Record<string, string>;
    const files: [string, string][] = [
        ...Object.entries(nova).map(([host, text]): [string, string] => [`nova-compute-${host}.conf`, text]),
        ["cinder.conf", String(outputs.cinderConf.value)],
        ["glance-api.conf", String(outputs.glanceApiConf.value)],
        ["ml2_conf.ini", String(outputs.ml2Conf.value)],
    ];
    return files.map(([name, text]) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, text, { mode: 0o600 });
        return file;
    });
}

/**
 * Starts one nova-compute per rendered cluster file (`files` holds them as `nova-compute-<host>.conf`), waits
 * until Nova reports each cluster as a hypervisor, and returns them as a Markdown table.
 */
async function runComputes(lab: Lab, novaComputeConf: Record<string, string>, files: string[]): Promise<string> {
    const hosts = Object.keys(novaComputeConf);
    for (const host of hosts) {
        await dataPlane.startCompute(
            host,
            files.find((f) => f.endsWith(`nova-compute-${host}.conf`))!,
        );
    }
    const found = await waitForHypervisors(lab, hosts);
    const rows = await Promise.all(
        found.map(async (h) => {
            const { VCPU, MEMORY_MB } = await placementInventory(lab, h.hypervisor_hostname);
            return `| ${h.service.host} | ${h.hypervisor_hostname} | ${h.state} | ${VCPU} | ${MEMORY_MB} |`;
        }),
    );
    return [
        "| nova-compute host | hypervisor (cluster MOID.vCenter UUID) | state | vCPUs | memory MiB |",
        "| --- | --- | --- | --- | --- |",
        ...rows.sort(),
    ].join("\n");
}

async function demoDestroy(): Promise<void> {
    const lab = await labUp();
    const stack = await labStack(lab, DEMO_DIR, "demo");
    const outputs = await stack.outputs();
    const hosts = Object.keys((outputs.novaComputeConf?.value ?? {}) as Record<string, string>);
    await Promise.all(hosts.map((host) => dataPlane.stopCompute(host)));
    await deleteComputeServices(lab, hosts);
    await stack.destroy({ onOutput: (out) => process.stdout.write(out) });
}

async function main(command: string | undefined): Promise<number> {
    switch (command) {
        case "up": {
            const started = Date.now();
            await labUp();
            console.log(`lab up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
            console.log((await labStatus()).text);
            return 0;
        }
        case "down":
            await labDown();
            console.log("lab stopped");
            return 0;
        case "status": {
            const status = await labStatus();
            console.log(status.text);
            return status.running ? 0 : 3;
        }
        case "demo":
            await demo();
            return 0;
        case "demo-destroy":
            await demoDestroy();
            return 0;
        default:
            console.error("usage: lab/cli.ts up | down | status | demo | demo-destroy");
            return 2;
    }
}

main(process.argv[2]).then(
    (code) => process.exit(code),
    (err: Error) => {
        console.error(err.message);
        process.exit(1);
    },
);
