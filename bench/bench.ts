/**
 * `npm run bench`: brings the bench's topologies (bench/project) up, up again with nothing to do, refreshes and
 * destroys them through the real Pulumi CLI against the lab, and writes what each phase took as JSON and as a
 * Markdown table into a results directory outside the repository (printed at the end). Every lab object it makes
 * carries a name of its run, and destroy removes them.
 *
 *     npm run bench                        the reference topology and N = 50, 200, 500, 1000 port groups
 *     npm run bench -- --quick             N = 5, 20 port groups only: a smoke test of the bench
 *     npm run bench -- --ports 50,500      the given N only, --no-reference to leave the reference out
 *
 * The lab is shared: others' calls and load land in the same counters and on the same cores, so read the
 * ratios of one run rather than its seconds.
 */
import { execFileSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { Lab, labUp } from "../lab/lab";
import { exportStoredState, labStack } from "../lab/pulumi";
import { configureProvidersForLab } from "../tests/support/lab";
import { countSimulatorCalls, requestsDuring } from "../tests/support/requestLog";
import type { DistributedPortGroupState } from "../model/vsphere/distributedPortGroup";
import { provider as portGroups } from "../provider/vsphere/distributedPortGroup";
import { BenchResult, markdown, Phase, PhaseResult, TopologyResult } from "./report";

const ROOT = path.resolve(__dirname, "..");
const PARALLEL = 16;

interface Options {
    ports: number[];
    reference: boolean;
}

function options(argv: string[]): Options {
    const quick = argv.includes("--quick");
    const at = argv.indexOf("--ports");
    const ports = at >= 0 ? argv[at + 1].split(",").map(Number) : quick ? [5, 20] : [50, 200, 500, 1000];
    if (ports.some((n) => !Number.isInteger(n) || n < 1)) {
        throw new Error(`--ports takes positive whole numbers separated by commas, got "${argv[at + 1]}"`);
    }
    return { ports, reference: !quick && !argv.includes("--no-reference") };
}

/**
 * The bench project in `dir` with the package installed as users install it — a copy of the built package in
 * node_modules, not a link to the checkout — so that its resources' state is what users' state is.
 */
function installProject(dir: string): void {
    execFileSync("tsc", ["-p", path.join(ROOT, "tsconfig.build.json")], { stdio: "inherit" });
    fs.cpSync(path.join(ROOT, "bench", "project"), dir, { recursive: true });
    const modules = path.join(dir, "node_modules");
    const own = path.join(modules, "vsphere-openstack");
    fs.mkdirSync(own, { recursive: true });
    fs.cpSync(path.join(ROOT, "package.json"), path.join(own, "package.json"));
    fs.cpSync(path.join(ROOT, "dist"), path.join(own, "dist"), { recursive: true });
    const source = fs.realpathSync(path.join(ROOT, "node_modules"));
    for (const entry of fs.readdirSync(source)) {
        if (entry !== "vsphere-openstack" && entry !== ".bin") {
            fs.symlinkSync(path.join(source, entry), path.join(modules, entry));
        }
    }
}

/** The peak resident set (VmHWM) of the dynamic provider processes running in `dir`, polled until stopped. */
function watchProviderRss(dir: string): () => number {
    let peakKb = 0;
    const poll = () => {
        for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
            try {
                const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
                if (cmdline.includes("dynamic-provider") && fs.readlinkSync(`/proc/${pid}/cwd`).startsWith(dir)) {
                    const hwm = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
                    peakKb = Math.max(peakKb, Number(hwm?.[1] ?? 0));
                }
            } catch {
                // the process ended meanwhile
            }
        }
    };
    const timer = setInterval(poll, 250);
    return () => {
        clearInterval(timer);
        return Math.round(peakKb / 1024);
    };
}

/** The dynamic resources in a `pulumi stack export`. */
function dynamicResources(state: string): number {
    const resources = (JSON.parse(state) as { deployment: { resources?: { type: string }[] } }).deployment.resources;
    return (resources ?? []).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/")).length;
}

/**
 * Runs one phase and measures it. The state after `up` is kept in the results directory (`<topology>-state.json`,
 * secrets encrypted) to see what a resource's entry holds.
 */
async function measure(lab: Lab, stack: Stack, dir: string, phase: Phase, run: () => Promise<unknown>) {
    const soap = await countSimulatorCalls(lab);
    const stopRss = watchProviderRss(dir);
    let ms = 0;
    const rest = await requestsDuring(lab, async () => {
        const start = performance.now();
        await run();
        ms = Math.round(performance.now() - start);
    });
    const soapCalls = Object.values(await soap()).reduce((a, b) => a + b, 0);
    const state = await exportStoredState(lab, stack);
    if (phase === "up") {
        fs.writeFileSync(path.join(path.dirname(dir), `${stack.name}-state.json`), state);
    }
    const result: PhaseResult = {
        phase,
        ms,
        soapCalls,
        restRequests: Object.values(rest).reduce((a, r) => a + r.length, 0),
        providerRssMb: stopRss(),
        stateBytes: Buffer.byteLength(state),
    };
    return { result, resources: dynamicResources(state) };
}

/** A stack of the bench project in `dir` named after its prefix, with `values` as its `vso-bench:*` config. */
function benchStack(lab: Lab, dir: string, values: Record<string, string>): Promise<Stack> {
    const config = Object.fromEntries(Object.entries(values).map(([k, value]) => [`vso-bench:${k}`, { value }]));
    return labStack(lab, dir, values.prefix, config);
}

/** Up, no-op up, refresh and destroy of one topology, then its stack removed. */
async function runTopology(
    lab: Lab,
    dir: string,
    name: string,
    config: Record<string, string>,
): Promise<TopologyResult> {
    const prefix = `bench-${crypto.randomBytes(3).toString("hex")}`;
    const vlanMin = 100 + 64 * Math.floor(Math.random() * 28);
    const stack = await benchStack(lab, dir, { prefix, vlanMin: String(vlanMin), ...config });
    const phases: PhaseResult[] = [];
    let resources = 0;
    try {
        const steps: [Phase, () => Promise<unknown>][] = [
            ["up", () => stack.up({ parallel: PARALLEL })],
            ["noop", () => stack.up({ parallel: PARALLEL })],
            ["refresh", () => stack.refresh({ parallel: PARALLEL })],
            ["destroy", () => stack.destroy({ parallel: PARALLEL })],
        ];
        for (const [phase, run] of steps) {
            const { result, resources: n } = await measure(lab, stack, dir, phase, run);
            resources ||= n;
            phases.push(result);
            console.log(`${name} (${prefix}) ${phase}: ${JSON.stringify(result)}`);
        }
    } finally {
        await stack.destroy({ parallel: PARALLEL }).catch(() => undefined);
        await stack.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
    }
    return { name, resources, phases };
}

/**
 * The floor of N port groups: the same creates and deletes, made directly through the port group provider at
 * the bench's parallelism, on the switch of a topology that is up meanwhile (its own port groups named apart).
 */
async function portGroupFloor(switchId: string, prefix: string, n: number) {
    const names = Array.from({ length: n }, (_, p) => `${prefix}-floor-${p}`);
    const inFlight = async <T>(items: T[], fn: (item: T) => Promise<unknown>) => {
        const queue = [...items];
        await Promise.all(
            Array.from({ length: PARALLEL }, async () => {
                for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
                    await fn(item);
                }
            }),
        );
    };
    const created: { id: string; outs: DistributedPortGroupState }[] = [];
    let start = performance.now();
    await inFlight(names, async (name) => {
        const { id, outs } = await portGroups.create({ switchId, name, vlan: { id: 1 + (created.length % 4000) } });
        created.push({ id, outs: outs! });
    });
    const upMs = Math.round(performance.now() - start);
    start = performance.now();
    await inFlight(created, (c) => portGroups.delete(c.id, c.outs));
    return { upMs, destroyMs: Math.round(performance.now() - start) };
}

async function main(): Promise<void> {
    const opts = options(process.argv.slice(2));
    const lab = await labUp();
    configureProvidersForLab(lab);
    const started = new Date().toISOString();
    const results = path.join(os.homedir(), ".local", "state", "vsphere-openstack", "bench", started.replace(/:/g, ""));
    const dir = path.join(results, "project");
    fs.mkdirSync(results, { recursive: true });
    installProject(dir);
    const result: BenchResult = { started, parallel: PARALLEL, topologies: [] };
    const base = `portGroups-${opts.ports.includes(50) ? 50 : opts.ports[0]}`;
    const scaled = `portGroups-${opts.ports.includes(500) ? 500 : opts.ports[opts.ports.length - 1]}`;
    // Written after each topology, so that a run cut short keeps what it measured.
    const write = () => {
        fs.writeFileSync(path.join(results, "bench.json"), JSON.stringify(result, null, 2));
        fs.writeFileSync(path.join(results, "bench.md"), markdown(result, base, scaled));
    };
    if (opts.reference) {
        result.topologies.push(await runTopology(lab, dir, "reference", { topology: "reference" }));
        write();
    }
    for (const n of opts.ports) {
        const t = await runTopology(lab, dir, `portGroups-${n}`, { topology: "portGroups", ports: String(n) });
        t.floor = await floorOf(lab, dir, n);
        result.topologies.push(t);
        write();
    }
    console.log(`\n${markdown(result, base, scaled)}\nresults: ${results}`);
}

/** The floor of `n` port groups, on a switch of its own made by a topology of no port groups. */
async function floorOf(lab: Lab, dir: string, n: number): Promise<{ upMs: number; destroyMs: number }> {
    const prefix = `bench-${crypto.randomBytes(3).toString("hex")}`;
    const stack = await benchStack(lab, dir, { prefix, vlanMin: "100", topology: "portGroups", ports: "0" });
    try {
        await stack.up();
        const state = JSON.parse(await exportStoredState(lab, stack)) as {
            deployment: { resources: { type: string; id: string }[] };
        };
        const dvs = state.deployment.resources.find((r) => r.type.endsWith(":DistributedSwitch"));
        return await portGroupFloor(dvs!.id, prefix, n);
    } finally {
        await stack.destroy().catch(() => undefined);
        await stack.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
    }
}

main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
});
