/**
 * The requests the lab's services received — OpenStack's from their uwsgi request logs, the vCenter
 * simulator's from its call counter: what a Pulumi operation really sent over the wire, whichever process
 * sent it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Lab, VSphereEndpoint } from "../../lab/lab";

export type Service = "keystone" | "nova" | "neutron";
const SERVICES: Service[] = ["keystone", "nova", "neutron"];
const UUID = /[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}/g;

function logFile(lab: Lab, service: Service): string {
    return path.join(lab.dir, "openstack", "log", `${service}-uwsgi.log`);
}

/** Resolves once no service's log has grown for 200 ms: uwsgi logs a request after it has answered it. */
async function logsSettled(lab: Lab): Promise<void> {
    const total = () => SERVICES.reduce((sum, s) => sum + fs.statSync(logFile(lab, s)).size, 0);
    for (let last = -1, now = total(); now !== last; last = now, now = total()) {
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
}

/**
 * Runs `fn` and returns the requests each service received meanwhile, as sorted `METHOD path status` lines
 * with UUIDs replaced by `{id}` (token validations by the services themselves included). With `only`, just the
 * requests whose `METHOD path` (before the replacement) it accepts, called once `fn` is done: on the shared lab,
 * those of the objects a test made, e.g. the paths that hold its unique names or ids.
 */
export async function requestsDuring(
    lab: Lab,
    fn: () => Promise<unknown>,
    only: (request: string) => boolean = () => true,
): Promise<Record<Service, string[]>> {
    const sizes = Object.fromEntries(SERVICES.map((s) => [s, fs.statSync(logFile(lab, s)).size]));
    await fn();
    await logsSettled(lab);
    const result = {} as Record<Service, string[]>;
    for (const service of SERVICES) {
        const text = fs.readFileSync(logFile(lab, service)).subarray(sizes[service]).toString("utf8");
        result[service] = text
            .split("\n")
            .map((line) => /\] (GET|POST|PUT|PATCH|DELETE|HEAD) (\S+) => .*\(HTTP\/1\.\d (\d+)\)/.exec(line))
            .filter((m): m is RegExpExecArray => m !== null && only(`${m[1]} ${m[2]}`))
            .map((m) => `${m[1]} ${m[2].replace(UUID, "{id}")} ${m[3]}`)
            .sort();
    }
    return result;
}

async function vsphereCalls(endpoint: VSphereEndpoint): Promise<Record<string, number>> {
    const response = await fetch(`${endpoint.controlUrl}/calls`);
    return (await response.json()) as Record<string, number>;
}

/**
 * Starts counting the SOAP calls a vCenter simulator receives (from any process): the lab's first simulator,
 * or the one `endpoint` names (e.g. `lab.vsphereB`). The function returned gives the calls since, by method.
 */
export async function countSimulatorCalls(
    lab: Lab,
    endpoint: VSphereEndpoint = lab.vsphere,
): Promise<() => Promise<Record<string, number>>> {
    const before = await vsphereCalls(endpoint);
    return async () => {
        const after = await vsphereCalls(endpoint);
        return Object.fromEntries(
            Object.entries(after)
                .map(([method, n]) => [method, n - (before[method] ?? 0)] as const)
                .filter(([, n]) => n > 0),
        );
    };
}

/** Runs `fn` and returns the SOAP calls a vCenter simulator received meanwhile (see {@link countSimulatorCalls}). */
export async function simulatorCallsDuring(
    lab: Lab,
    fn: () => Promise<unknown>,
    endpoint: VSphereEndpoint = lab.vsphere,
): Promise<Record<string, number>> {
    const since = await countSimulatorCalls(lab, endpoint);
    await fn();
    return since();
}

/** SOAP calls by method as one line for a report: the total, then the methods, most called first. */
export function describeCalls(calls: Record<string, number>): string {
    const sorted = Object.entries(calls).sort(([a, m], [b, n]) => n - m || a.localeCompare(b));
    const total = sorted.reduce((sum, [, n]) => sum + n, 0);
    return `${total} calls: ${sorted.map(([method, n]) => `${method} ${n}`).join(", ") || "none"}`;
}
