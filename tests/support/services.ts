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
 * Runs one nova-compute per rendered file (`novaComputeConf`, by nova host), unedited, for as long as `fn` runs;
 * then stops them and deletes their compute services from Nova, as an operator retiring them would.
 */
export async function withComputes<T>(
    lab: Lab,
    novaComputeConf: Record<string, string>,
    fn: () => Promise<T>,
): Promise<T> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-nova-compute-"));
    const hosts = Object.keys(novaComputeConf);
    try {
        for (const host of hosts) {
            const file = path.join(dir, `${host}.conf`);
            fs.writeFileSync(file, novaComputeConf[host], { mode: 0o600 });
            await dataPlane.startCompute(host, file);
        }
        return await fn();
    } finally {
        await Promise.all(hosts.map((host) => dataPlane.stopCompute(host)));
        await deleteComputeServices(lab, hosts);
        fs.rmSync(dir, { recursive: true, force: true });
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
