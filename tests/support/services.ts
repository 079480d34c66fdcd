/**
 * OpenStack's own services on what a stack built: nova-compute, cinder-volume and glance-api run from a stack's
 * rendered files, their logs, and what they should report read from vCenter with govc (the APIs' side is
 * lab/services.ts).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { dataPlane, Lab } from "../../lab/lab";
import { deleteComputeServices } from "../../lab/services";

export { eventually } from "../../lab/services";
import { govcCollect } from "./lab";

/**
 * What nova's VMware driver reports for a cluster, from its hosts in vCenter: the CPU threads and the memory in
 * MiB of each connected host that is not in maintenance mode, summed.
 */
export async function clusterCapacity(lab: Lab, clusterId: string): Promise<{ VCPU: number; MEMORY_MB: number }> {
    const { host } = await govcCollect(lab, `ClusterComputeResource:${clusterId}`, "host");
    const capacity = { VCPU: 0, MEMORY_MB: 0 };
    // govc gives an array property as {_value: [...]}.
    for (const ref of (host as { _value: { value: string }[] })._value) {
        const props = await govcCollect(lab, `HostSystem:${ref.value}`, "summary.hardware", "summary.runtime");
        const runtime = props["summary.runtime"] as { connectionState: string; inMaintenanceMode: boolean };
        if (runtime.connectionState === "connected" && !runtime.inMaintenanceMode) {
            const hardware = props["summary.hardware"] as { numCpuThreads: number; memorySize: number };
            capacity.VCPU += hardware.numCpuThreads;
            capacity.MEMORY_MB += Math.floor(hardware.memorySize / 2 ** 20);
        }
    }
    return capacity;
}

/**
 * The nova-computes of a stack, one per rendered file, kept in step with the stack's `novaComputeConf` as an
 * operator keeps them: a host that appears gets its nova-compute, one whose file changed is restarted, and one
 * that is gone is stopped and its compute service deleted, so that its hypervisor leaves Nova.
 */
export class StackComputes {
    private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-nova-compute-"));
    private readonly running = new Map<string, string>();

    constructor(private readonly lab: Lab) {}

    /** Brings the running nova-computes to `novaComputeConf`; the hosts started and those stopped. */
    async sync(novaComputeConf: Record<string, string>): Promise<{ started: string[]; stopped: string[] }> {
        const gone = [...this.running.keys()].filter((host) => !(host in novaComputeConf));
        const changed = Object.keys(novaComputeConf).filter((h) => this.running.get(h) !== novaComputeConf[h]);
        await this.stop([...gone, ...changed.filter((h) => this.running.has(h))]);
        for (const host of changed) {
            const file = path.join(this.dir, `${host}.conf`);
            fs.writeFileSync(file, novaComputeConf[host], { mode: 0o600 });
            await dataPlane.startCompute(host, file);
            this.running.set(host, novaComputeConf[host]);
        }
        return { started: changed, stopped: gone };
    }

    /** Stops every nova-compute and deletes their compute services. */
    async close(): Promise<void> {
        await this.stop([...this.running.keys()]);
        fs.rmSync(this.dir, { recursive: true, force: true });
    }

    private async stop(hosts: string[]): Promise<void> {
        await Promise.all(hosts.map((host) => dataPlane.stopCompute(host)));
        await deleteComputeServices(this.lab, hosts);
        hosts.forEach((host) => this.running.delete(host));
    }
}

/**
 * Runs one nova-compute per rendered file, unedited, for as long as `fn` runs (`fn` may bring them to the
 * stack's files again after a change); then stops them and deletes their compute services.
 */
export async function withComputes<T>(
    lab: Lab,
    novaComputeConf: Record<string, string>,
    fn: (computes: StackComputes) => Promise<T>,
): Promise<T> {
    const computes = new StackComputes(lab);
    try {
        await computes.sync(novaComputeConf);
        return await fn(computes);
    } finally {
        await computes.close();
    }
}

/** How long each process's log is now, to read only what it writes from then on. */
export function logSizes(processes: string[]): Record<string, number> {
    return Object.fromEntries(
        processes.map((p) => [p, fs.existsSync(dataPlane.logFile(p)) ? fs.statSync(dataPlane.logFile(p)).size : 0]),
    );
}

/**
 * The lines of each process's log that report an error or a traceback, by process; only what it wrote after
 * `since` (see {@link logSizes}) when given.
 */
export function logProblems(processes: string[], since: Record<string, number> = {}): Record<string, string[]> {
    return Object.fromEntries(
        processes.map((p) => {
            const text = fs
                .readFileSync(dataPlane.logFile(p))
                .subarray(since[p] ?? 0)
                .toString("utf8");
            return [p, text.split("\n").filter((line) => / ERROR |Traceback/.test(line))];
        }),
    );
}

/** Runs a service from a rendered file (`start`) for as long as `fn` runs; then `stop`. */
async function withRenderedFile<T>(
    name: string,
    text: string,
    start: (file: string) => Promise<unknown>,
    stop: () => Promise<unknown>,
    fn: () => Promise<T>,
): Promise<T> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-rendered-"));
    const file = path.join(dir, name);
    fs.writeFileSync(file, text, { mode: 0o600 });
    try {
        await start(file);
        return await fn();
    } finally {
        await stop();
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** Runs cinder-volume from the rendered cinder.conf, unedited, for as long as `fn` runs; then stops it. */
export function withVolumeService<T>(cinderConf: string, fn: () => Promise<T>): Promise<T> {
    return withRenderedFile("cinder.conf", cinderConf, dataPlane.startVolume, dataPlane.stopVolume, fn);
}

/** Runs glance-api with the rendered glance-api.conf, unedited, for as long as `fn` runs; then its own store again. */
export function withImageService<T>(glanceApiConf: string, fn: () => Promise<T>): Promise<T> {
    return withRenderedFile("glance-api.conf", glanceApiConf, dataPlane.startImage, dataPlane.stopImage, fn);
}

/** The capacity, in GiB rounded as cinder rounds it, of the datastores with MOIDs `ids`, read with govc. */
export async function datastoresCapacityGb(lab: Lab, ids: string[]): Promise<number> {
    let bytes = 0;
    for (const id of ids) {
        const { summary } = await govcCollect(lab, `Datastore:${id}`, "summary");
        bytes += (summary as { capacity: number }).capacity;
    }
    return Math.round(bytes / 2 ** 30);
}
