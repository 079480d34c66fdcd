/**
 * Crash points for an `up` or a `destroy` through the real Pulumi CLI: the CLI killed with SIGKILL, the
 * dynamic-provider process killed with SIGKILL, or every vCenter session expired, after a given number of
 * resource steps have begun. Then the recovery the README documents, and a count of what vCenter and OpenStack
 * hold against what the state holds: orphans (objects of the stack the state does not hold) and duplicates
 * (two objects for one resource).
 */
import { ChildProcess, execFile, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import type { Lab } from "../../lab/lab";
import { pulumiBinary, pulumiEnvironment } from "../../lab/pulumi";
import { govc, openstackCli, openstackCliQuiet } from "./lab";

const run = promisify(execFile);

/** How an operation is interrupted. */
export type CrashKind = "cli" | "provider" | "session";
export const CRASH_KINDS: readonly CrashKind[] = ["cli", "provider", "session"];

/** One crash point: which fault, during which operation, once how many resource steps have begun. */
export interface CrashPoint {
    kind: CrashKind;
    operation: "up" | "destroy";
    /** The fault comes once this many resource steps (the stack's own resources) have begun… */
    afterSteps: number;
    /** …and this many milliseconds later, so that it lands inside a call as often as between two. */
    delayMs: number;
}

/** A small seeded generator (mulberry32): the same seed draws the same points. */
export function seededRandom(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/**
 * Draws `perKind` points of each kind for `operation`, spread over the `steps` resource steps of the operation:
 * each kind's range is cut into `perKind` equal parts and one point is drawn in each part.
 */
export function drawCrashPoints(
    random: () => number,
    operation: CrashPoint["operation"],
    perKind: number,
    steps: number,
): CrashPoint[] {
    return CRASH_KINDS.flatMap((kind) =>
        Array.from({ length: perKind }, (_, i) => ({
            kind,
            operation,
            afterSteps: 1 + Math.floor(((i + random()) * (steps - 1)) / perKind),
            delayMs: Math.floor(random() * 400),
        })),
    );
}

/** A crash point as one word, e.g. `up:cli@12+150ms`. */
export function describePoint(p: CrashPoint): string {
    return `${p.operation}:${p.kind}@${p.afterSteps}+${p.delayMs}ms`;
}

/** The processes below `pid` (children, their children, …), from `ps`. */
async function descendants(pid: number): Promise<{ pid: number; args: string }[]> {
    const { stdout } = await run("ps", ["-e", "-o", "pid=,ppid=,args="]);
    const rows = stdout
        .split("\n")
        .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] }));
    const found: { pid: number; args: string }[] = [];
    const queue = [pid];
    while (queue.length > 0) {
        const parent = queue.shift();
        for (const row of rows.filter((r) => r.ppid === parent)) {
            found.push(row);
            queue.push(row.pid);
        }
    }
    return found.sort();
}

function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

/** Waits up to `ms` for the processes to end, then kills what is left; returns how many had to be killed. */
async function reap(pids: number[], ms: number): Promise<number> {
    const deadline = Date.now() + ms;
    while (pids.some(alive) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
    }
    const left = pids.filter(alive);
    left.forEach((pid) => process.kill(pid, "SIGKILL"));
    return left.length;
}

/** The resource steps begun so far, from the CLI's event log (one JSON event per line). */
function stepsBegun(eventLog: string): number {
    let text: string;
    try {
        text = fs.readFileSync(eventLog, "utf8");
    } catch {
        return 0;
    }
    return text
        .split("\n")
        .filter((line) => line.includes('"resourcePreEvent"') && !/"type":"pulumi:pulumi:Stack"/.test(line)).length;
}

/** What became of an interrupted operation. */
export interface Interrupted {
    /** Whether the fault came (false when the operation ended before the point). */
    fired: boolean;
    /** The CLI's exit code (null when it was killed). */
    exitCode: number | null;
    /** Processes the killed CLI had started that still ran 5 s later (and were killed then). */
    stragglers: number;
    output: string;
}

/** Runs the CLI in the stack's project, with the lab's environment; returns its exit code and output. */
function startCli(lab: Lab, workDir: string, args: string[]): { child: ChildProcess; done: Promise<number | null> } {
    const child = spawn(pulumiBinary(), [...args, "--non-interactive"], {
        cwd: workDir,
        // The event log (`--event-log`) is a flag of the debug commands, as the Automation API uses it.
        env: { ...process.env, ...pulumiEnvironment(lab), PULUMI_DEBUG_COMMANDS: "true" },
        stdio: ["ignore", "pipe", "pipe"],
    });
    const done = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    return { child, done };
}

/** Runs a CLI command to its end and returns its output; a non-zero exit throws with the output. */
export async function cli(lab: Lab, workDir: string, ...args: string[]): Promise<string> {
    const { child, done } = startCli(lab, workDir, args);
    let output = "";
    child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    const code = await done;
    if (code !== 0) {
        throw new Error(`pulumi ${args.join(" ")} exited ${code}:\n${output}`);
    }
    return output;
}

/** Brings the fault of `point` on a running CLI. */
async function bringFault(lab: Lab, child: ChildProcess, point: CrashPoint): Promise<number[]> {
    const pid = child.pid as number;
    switch (point.kind) {
        case "cli": {
            const below = (await descendants(pid)).map((p) => p.pid);
            process.kill(pid, "SIGKILL");
            return below;
        }
        case "provider": {
            const providers = (await descendants(pid)).filter((p) => p.args.includes("dynamic-provider"));
            providers.forEach((p) => process.kill(p.pid, "SIGKILL"));
            return [];
        }
        case "session": {
            const response = await fetch(`${lab.vsphere.controlUrl}/sessions/expire`, { method: "POST" });
            if (!response.ok) {
                throw new Error(`expiring the sessions: HTTP ${response.status}`);
            }
            return [];
        }
    }
}

/**
 * Runs `pulumi <operation>` of `stackName` in `workDir` and brings the fault of `point` once its resource steps
 * have begun; waits for the CLI (and, when the CLI was killed, for what it started) to end.
 */
export async function runInterrupted(
    lab: Lab,
    workDir: string,
    stackName: string,
    point: CrashPoint,
): Promise<Interrupted> {
    const eventLog = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "crash-")), "events.jsonl");
    const { child, done } = startCli(lab, workDir, [
        point.operation,
        "--yes",
        "--skip-preview",
        "--stack",
        stackName,
        "--event-log",
        eventLog,
    ]);
    let output = "";
    child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    let ended = false;
    void done.then(() => (ended = true));
    while (!ended && stepsBegun(eventLog) < point.afterSteps) {
        await new Promise((r) => setTimeout(r, 25));
    }
    let fired = false;
    let orphaned: number[] = [];
    if (!ended) {
        await new Promise((r) => setTimeout(r, point.delayMs));
        if (!ended) {
            orphaned = await bringFault(lab, child, point);
            fired = true;
        }
    }
    const exitCode = await done;
    const stragglers = await reap(orphaned, 5_000);
    fs.rmSync(path.dirname(eventLog), { recursive: true, force: true });
    return { fired, exitCode, stragglers, output };
}

/**
 * The recovery the README documents after an interrupted operation: release the stack's lock, drop the
 * operations the state recorded as pending (their objects are taken over by their ownership marker), then run
 * the operation again.
 */
export async function recover(
    lab: Lab,
    workDir: string,
    stackName: string,
    operation: CrashPoint["operation"],
): Promise<void> {
    await cli(lab, workDir, "cancel", "--yes", "--stack", stackName);
    await cli(lab, workDir, "refresh", "--yes", "--skip-preview", "--clear-pending-creates", "--stack", stackName);
    await cli(lab, workDir, operation, "--yes", "--skip-preview", "--stack", stackName);
}

/** An object found in vCenter or OpenStack: its MOID or UUID, and its name. */
export interface LiveObject {
    id: string;
    name: string;
}

/**
 * The vCenter objects named after `prefix`: datacenters, clusters, hosts, datastores, switches and port groups
 * (a switch's uplink port group left out), as `govc find` lists them.
 */
export async function vsphereObjects(lab: Lab, prefix: string): Promise<LiveObject[]> {
    const found: LiveObject[] = [];
    for (const type of ["d", "c", "h", "s", "w", "g"]) {
        const out = await govc(lab, "find", "-l", "-I", "/", "-type", type, "-name", `${prefix}*`);
        for (const line of out.split("\n").filter(Boolean)) {
            const [id, inventoryPath] = line.split(/\s+/, 2);
            const name = inventoryPath.slice(inventoryPath.lastIndexOf("/") + 1);
            if (!name.includes("-DVUplinks-")) {
                found.push({ id, name });
            }
        }
    }
    return found;
}

/** The OpenStack networks, subnets and flavors named after `prefix`. */
export async function openstackObjects(lab: Lab, prefix: string): Promise<LiveObject[]> {
    const found: LiveObject[] = [];
    for (const args of [
        ["network", "list"],
        ["subnet", "list"],
        ["flavor", "list", "--all"],
    ]) {
        for (const row of (await openstackCli(lab, ...args)) as { ID: string; Name: string }[]) {
            if (row.Name.startsWith(prefix)) {
                found.push({ id: row.ID, name: `${args[0]} ${row.Name}` });
            }
        }
    }
    return found;
}

/** What the two sides hold against the state: objects the state does not hold, and names held twice. */
export function tally(live: LiveObject[], stateIds: Set<string>): { orphans: LiveObject[]; duplicates: string[] } {
    const names = live.map((o) => o.name);
    return {
        orphans: live.filter((o) => !stateIds.has(o.id)),
        duplicates: [...new Set(names.filter((n, i) => names.indexOf(n) !== i))],
    };
}

/**
 * Removes what a failed run left behind: the stack's datacenter with all it holds, its networks (their subnets
 * go with them) and its flavors, so that a failure leaves the shared lab as it found it.
 */
export async function removeLeftovers(lab: Lab, prefix: string): Promise<void> {
    for (const o of await vsphereObjects(lab, prefix)) {
        if (o.id.startsWith("datacenter-")) {
            await govc(lab, "object.destroy", `Datacenter:${o.id}`);
        }
    }
    for (const o of await openstackObjects(lab, prefix)) {
        const [kind] = o.name.split(" ");
        if (kind !== "subnet") {
            await openstackCliQuiet(lab, kind, "delete", o.id);
        }
    }
}
