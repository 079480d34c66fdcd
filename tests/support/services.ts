/**
 * OpenStack's own services on what a stack built: nova-compute started from each rendered cluster file, read back
 * through the Nova and placement APIs, and the capacity Nova should see read from vCenter with govc.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { dataPlane, Lab } from "../../lab/lab";
import { govcCollect, openstackCli, openstackCliQuiet } from "./lab";

/** A hypervisor as Nova's API (microversion 2.53) reports it. */
export interface Hypervisor {
    id: string;
    hypervisor_hostname: string;
    hypervisor_type: string;
    state: string;
    status: string;
    service: { host: string };
}

/** A resource provider's inventory of one resource class, as placement reports it. */
interface Inventory {
    total: number;
}

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

/** An admin token, for the APIs read directly (the CLI has no placement commands here). */
async function adminToken(lab: Lab): Promise<string> {
    return ((await openstackCli(lab, "token", "issue")) as { id: string }).id;
}

async function getJson<T>(url: string, token: string, headers: Record<string, string> = {}): Promise<T> {
    const res = await fetch(url, { headers: { "X-Auth-Token": token, Accept: "application/json", ...headers } });
    if (res.status !== 200) {
        throw new Error(`GET ${url}: HTTP ${res.status}: ${await res.text()}`);
    }
    return (await res.json()) as T;
}

/** Nova's hypervisors, each with the host of its compute service. */
export async function hypervisors(lab: Lab): Promise<Hypervisor[]> {
    const token = await adminToken(lab);
    const url = `http://127.0.0.1:${lab.openstack.ports.nova}/v2.1/os-hypervisors/detail`;
    const body = await getJson<{ hypervisors: Hypervisor[] }>(url, token, {
        "OpenStack-API-Version": "compute 2.53",
    });
    return body.hypervisors;
}

/** Placement's VCPU and MEMORY_MB totals of the resource provider named `name` (a hypervisor's hostname). */
export async function placementInventory(lab: Lab, name: string): Promise<{ VCPU: number; MEMORY_MB: number }> {
    const token = await adminToken(lab);
    const base = `http://127.0.0.1:${lab.openstack.ports.placement}`;
    const { resource_providers: providers } = await getJson<{ resource_providers: { uuid: string }[] }>(
        `${base}/resource_providers?name=${encodeURIComponent(name)}`,
        token,
    );
    if (providers.length !== 1) {
        throw new Error(`placement has ${providers.length} resource providers named ${name}`);
    }
    const { inventories } = await getJson<{ inventories: Record<string, Inventory> }>(
        `${base}/resource_providers/${providers[0].uuid}/inventories`,
        token,
    );
    return { VCPU: inventories.VCPU.total, MEMORY_MB: inventories.MEMORY_MB.total };
}

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

/** Waits until `probe` returns a value, polling every second for up to `seconds`; the last error otherwise. */
export async function eventually<T>(seconds: number, probe: () => Promise<T | undefined>): Promise<T> {
    let last: unknown;
    for (let i = 0; i < seconds; i++) {
        try {
            const value = await probe();
            if (value !== undefined) {
                return value;
            }
        } catch (err) {
            last = err;
        }
        await sleep(1000);
    }
    throw new Error(`not within ${seconds} s${last ? `: ${String(last)}` : ""}`);
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
        const services = (await openstackCli(lab, "compute", "service", "list", "--service", "nova-compute")) as {
            ID: string;
            Host: string;
        }[];
        for (const s of services.filter((s) => hosts.includes(s.Host))) {
            await openstackCliQuiet(lab, "compute", "service", "delete", s.ID);
        }
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

/** A cinder-volume backend's pool, as cinder's scheduler reports it. */
export interface VolumePool {
    name: string;
    capabilities: { volume_backend_name: string; total_capacity_gb: number | string; driver_version: string };
}

/** The pools cinder's scheduler knows, with their capabilities. */
export async function volumePools(lab: Lab): Promise<VolumePool[]> {
    const token = (await openstackCli(lab, "token", "issue")) as { id: string; project_id: string };
    const url =
        `http://127.0.0.1:${lab.openstack.ports.cinder}/v3/${token.project_id}` +
        "/scheduler-stats/get_pools?detail=true";
    return (await getJson<{ pools: VolumePool[] }>(url, token.id)).pools;
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
