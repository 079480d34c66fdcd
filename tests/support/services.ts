/**
 * OpenStack's own services on what a stack built: nova-compute, cinder-volume and glance-api run from a stack's
 * rendered files, their logs, and what they should report read from vCenter with govc (the APIs' side is
 * lab/services.ts).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { dataPlane, Lab } from "../../lab/lab";
import { deleteComputeServices, eventually, placementInventory } from "../../lab/services";

export { eventually };
import { govc, govcCollect, openstackCli, openstackCliQuiet } from "./lab";

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
 * Waits until placement holds, for the hypervisor named `hypervisorHostname` (`<cluster MOID>.<vCenter UUID>`),
 * the VCPU and MEMORY_MB its cluster's hosts report in vCenter (what the scheduler needs to place a server there).
 */
export async function waitForClusterCapacity(lab: Lab, hypervisorHostname: string): Promise<void> {
    const capacity = await clusterCapacity(lab, hypervisorHostname.split(".")[0]);
    await eventually(120, async () => {
        const held = await placementInventory(lab, hypervisorHostname);
        return held.VCPU === capacity.VCPU && held.MEMORY_MB === capacity.MEMORY_MB ? held : undefined;
    });
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

/**
 * Runs a service from rendered files, each a file name and its text, for as long as `fn` runs: `start` gets their
 * paths and `fn` what `start` resolved to; then `stop`.
 */
async function withRenderedFiles<S, T>(
    files: [name: string, text: string][],
    start: (paths: string[]) => Promise<S>,
    stop: () => Promise<unknown>,
    fn: (started: S) => Promise<T>,
): Promise<T> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-rendered-"));
    const paths = files.map(([name, text]) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, text, { mode: 0o600 });
        return file;
    });
    try {
        return await fn(await start(paths));
    } finally {
        await stop();
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** Runs cinder-volume from the rendered cinder.conf, unedited, for as long as `fn` runs; then stops it. */
export function withVolumeService<T>(cinderConf: string, fn: () => Promise<T>): Promise<T> {
    return withRenderedFiles(
        [["cinder.conf", cinderConf]],
        ([file]) => dataPlane.startVolume(file),
        dataPlane.stopVolume,
        fn,
    );
}

/**
 * Runs one glance-api per rendered file of `glanceApiConfs` (by vCenter, in its order: the first one is the
 * catalog's), unedited, for as long as `fn` runs, which gets each one's URL by vCenter; then glance-api with its
 * own store again.
 */
export function withImageServices<T>(
    glanceApiConfs: Record<string, string>,
    fn: (urls: Record<string, string>) => Promise<T>,
): Promise<T> {
    const vcenters = Object.keys(glanceApiConfs);
    return withRenderedFiles(
        vcenters.map((v) => [`glance-api-${v}.conf`, glanceApiConfs[v]]),
        async (paths) => {
            const urls = await dataPlane.startImage(paths);
            return Object.fromEntries(vcenters.map((v, k) => [v, urls[k]]));
        },
        dataPlane.stopImage,
        fn,
    );
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

/** A Nova server as `openstack server show -f json` prints it at compute API 2.61: the fields the tests read. */
export interface CliServer {
    id: string;
    name: string;
    status: string;
    "OS-EXT-SRV-ATTR:host": string | null;
    "OS-EXT-SRV-ATTR:hypervisor_hostname": string | null;
    fault?: { message: string; details?: string };
}

/** The compute API microversion of the server calls: `--nic none` needs 2.37 or newer. */
const SERVER_API = ["--os-compute-api-version", "2.61"];

/** A server read with the openstack CLI; undefined once Nova no longer has it. */
async function showServer(lab: Lab, id: string): Promise<CliServer | undefined> {
    try {
        return (await openstackCli(lab, ...SERVER_API, "server", "show", id)) as CliServer;
    } catch (err) {
        if (String((err as { stderr?: string }).stderr).includes(`No server with a name or ID of '${id}' exists`)) {
            return undefined;
        }
        throw err;
    }
}

/**
 * Boots a server with no network (`--nic none`) from `image` with `flavor` (names or ids) and waits until Nova
 * has scheduled and spawned it: the server, ACTIVE; an error with Nova's fault when it is not (the server
 * deleted).
 */
export async function bootServer(lab: Lab, name: string, flavor: string, image: string): Promise<CliServer> {
    const { id } = (await openstackCli(
        lab,
        ...SERVER_API,
        "server",
        "create",
        "--nic",
        "none",
        "--flavor",
        flavor,
        "--image",
        image,
        name,
    )) as { id: string };
    const server = await eventually(300, async () => {
        const shown = await showServer(lab, id);
        return shown?.status === "BUILD" ? undefined : shown;
    });
    if (server.status !== "ACTIVE") {
        await deleteServer(lab, id);
        throw new Error(`server ${name} (${id}) is ${server.status}: ${server.fault?.message ?? "no fault"}`);
    }
    return server;
}

/** Deletes a server and waits until Nova no longer has it. */
export async function deleteServer(lab: Lab, id: string): Promise<void> {
    await openstackCliQuiet(lab, ...SERVER_API, "server", "delete", id);
    await eventually(120, async () => ((await showServer(lab, id)) ? undefined : true));
}

/**
 * The VM of a Nova server in datacenter `dc`, found as nova finds it, by instance UUID: its MOID, name, the MOID
 * of the cluster its host is in, and its CPUs and memory (MiB); undefined when there is none.
 */
export async function serverVm(
    lab: Lab,
    dc: string,
    serverId: string,
): Promise<{ id: string; name: string; clusterId: string; numCpu: number; memoryMb: number } | undefined> {
    const ref = (await govc(lab, "find", "-i", `/${dc}/vm`, "-type", "m", "-config.instanceUuid", serverId)).trim();
    if (!ref) {
        return undefined;
    }
    const vm = await govcCollect(lab, ref, "name", "runtime.host", "config.hardware");
    const host = vm["runtime.host"] as { value: string };
    const { parent } = await govcCollect(lab, `HostSystem:${host.value}`, "parent");
    const hardware = vm["config.hardware"] as { numCPU: number; memoryMB: number };
    return {
        id: ref.replace(/^VirtualMachine:/, ""),
        name: vm.name as string,
        clusterId: (parent as { value: string }).value,
        numCpu: hardware.numCPU,
        memoryMb: hardware.memoryMB,
    };
}

/**
 * What nova-compute leaves in vCenter once its servers are gone, removed as an operator retiring Nova would: the
 * VM folder `OpenStack` of datacenter `dc`, and on each of `datastores` its image cache `<cache prefix>_base` of
 * each nova host and its `vmware_temp` folder.
 */
export async function removeNovaLeftovers(lab: Lab, dc: string, datastores: string[], hosts: string[]): Promise<void> {
    await govc(lab, "object.destroy", `/${dc}/vm/OpenStack`);
    for (const ds of datastores) {
        for (const folder of ["vmware_temp", ...hosts.map((h) => `${h}_base`)]) {
            await govc(lab, "datastore.rm", "-f", "-dc", dc, "-ds", ds, folder);
        }
    }
}

/**
 * Creates a Glance image `name` of disk format `diskFormat` from `file` and waits until it is active: its id (the
 * image deleted again when it does not become active).
 */
export async function createImage(lab: Lab, name: string, diskFormat: string, file: string): Promise<string> {
    const { id } = (await openstackCli(
        lab,
        "image",
        "create",
        "--disk-format",
        diskFormat,
        "--container-format",
        "bare",
        "--file",
        file,
        name,
    )) as { id: string };
    try {
        await eventually(60, async () => {
            const shown = (await openstackCli(lab, "image", "show", id)) as { status: string };
            return shown.status === "active" ? shown : undefined;
        });
    } catch (err) {
        await openstackCliQuiet(lab, "image", "delete", id);
        throw err;
    }
    return id;
}
