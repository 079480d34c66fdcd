/**
 * What OpenStack's services report about a stack's vCenters, read from the lab's APIs as admin: Nova's
 * hypervisors and their compute services, placement's inventory, cinder's pools; and a wait for them to report.
 * Used by the demo and the tests.
 */
import type { Lab, OpenStackEndpoint } from "./lab";

/** A hypervisor as Nova's API (microversion 2.53) reports it. */
export interface Hypervisor {
    id: string;
    hypervisor_hostname: string;
    hypervisor_type: string;
    state: string;
    status: string;
    service: { host: string; id: string };
}

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
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

/** The compute API microversion whose hypervisors and services carry UUIDs and their service's host. */
const COMPUTE_VERSION = { "OpenStack-API-Version": "compute 2.53" };

/** A token of the admin of an OpenStack lab's Keystone, scoped to its project, with the project's id and catalog. */
export async function adminToken(
    openstack: Pick<OpenStackEndpoint, "authUrl" | "admin">,
): Promise<{ token: string; projectId: string; catalog: { type: string }[]; expiresAt: number }> {
    const admin = openstack.admin;
    const res = await fetch(`${openstack.authUrl}/auth/tokens`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
            auth: {
                identity: {
                    methods: ["password"],
                    password: {
                        user: {
                            name: admin.userName,
                            domain: { name: admin.userDomainName },
                            password: admin.password,
                        },
                    },
                },
                scope: { project: { name: admin.projectName, domain: { name: admin.projectDomainName } } },
            },
        }),
    });
    const token = res.headers.get("x-subject-token");
    if (res.status !== 201 || !token) {
        throw new Error(`Keystone: HTTP ${res.status}: ${await res.text()}`);
    }
    const body = (await res.json()) as {
        token: { project: { id: string }; catalog: { type: string }[]; expires_at: string };
    };
    return {
        token,
        projectId: body.token.project.id,
        catalog: body.token.catalog,
        expiresAt: Date.parse(body.token.expires_at),
    };
}

/** The admin tokens of this process, by Keystone URL and user, each with when it expires. */
const tokens = new Map<string, Promise<{ token: string; projectId: string; expiresAt: number }>>();

/** Renew a token that has less than this left, in milliseconds. */
const RENEW_BEFORE_MS = 5 * 60_000;

/** The lab's admin token, one per process, renewed shortly before it expires. */
async function labToken(lab: Lab): Promise<{ token: string; projectId: string }> {
    const key = `${lab.openstack.authUrl} ${lab.openstack.admin.userName}`;
    const cached = await tokens.get(key)?.catch(() => undefined);
    if (cached && cached.expiresAt - Date.now() > RENEW_BEFORE_MS) {
        return cached;
    }
    const fresh = adminToken(lab.openstack);
    tokens.set(key, fresh);
    return fresh;
}

/** Sends a request as the lab's admin and checks its status; `url` may name the admin project's id as `{project}`. */
async function request(
    lab: Lab,
    method: string,
    url: string,
    expect: number,
    headers: Record<string, string> = {},
    body?: string | Buffer,
): Promise<Response> {
    const { token, projectId } = await labToken(lab);
    const res = await fetch(url.replace("{project}", projectId), {
        method,
        headers: { "X-Auth-Token": token, Accept: "application/json", ...headers },
        body,
    });
    if (res.status !== expect) {
        throw new Error(`${method} ${url}: HTTP ${res.status} (expected ${expect}): ${await res.text()}`);
    }
    return res;
}

/** Calls a JSON API as the lab's admin (see {@link request}); its answer, none for 204. */
async function call<T>(...args: Parameters<typeof request>): Promise<T> {
    const res = await request(...args);
    return (res.status === 204 ? undefined : await res.json()) as T;
}

const nova = (lab: Lab, path: string) => `http://127.0.0.1:${lab.openstack.ports.nova}/v2.1${path}`;

/** Nova's hypervisors, each with the host of its compute service. */
export async function hypervisors(lab: Lab): Promise<Hypervisor[]> {
    const url = nova(lab, "/os-hypervisors/detail");
    return (await call<{ hypervisors: Hypervisor[] }>(lab, "GET", url, 200, COMPUTE_VERSION)).hypervisors;
}

/** Waits up to `seconds` until Nova reports a hypervisor, up, for each compute service host of `hosts`. */
export function waitForHypervisors(lab: Lab, hosts: string[], seconds = 180): Promise<Hypervisor[]> {
    return eventually(seconds, async () => {
        const ours = (await hypervisors(lab)).filter((h) => hosts.includes(h.service.host));
        return ours.length === hosts.length && ours.every((h) => h.state === "up") ? ours : undefined;
    });
}

/** Deletes the nova-compute services of `hosts`, with their compute nodes, as an operator retiring them would. */
export async function deleteComputeServices(lab: Lab, hosts: string[]): Promise<void> {
    const { services } = await call<{ services: { id: string; host: string }[] }>(
        lab,
        "GET",
        nova(lab, "/os-services?binary=nova-compute"),
        200,
        COMPUTE_VERSION,
    );
    for (const s of services.filter((s) => hosts.includes(s.host))) {
        await call(lab, "DELETE", nova(lab, `/os-services/${s.id}`), 204, COMPUTE_VERSION);
    }
}

/** Placement's VCPU and MEMORY_MB totals of the resource provider named `name` (a hypervisor's hostname). */
export async function placementInventory(lab: Lab, name: string): Promise<{ VCPU: number; MEMORY_MB: number }> {
    const base = `http://127.0.0.1:${lab.openstack.ports.placement}`;
    const { resource_providers: providers } = await call<{ resource_providers: { uuid: string }[] }>(
        lab,
        "GET",
        `${base}/resource_providers?name=${encodeURIComponent(name)}`,
        200,
    );
    if (providers.length !== 1) {
        throw new Error(`placement has ${providers.length} resource providers named ${name}`);
    }
    const { inventories } = await call<{ inventories: Record<string, { total: number }> }>(
        lab,
        "GET",
        `${base}/resource_providers/${providers[0].uuid}/inventories`,
        200,
    );
    return { VCPU: inventories.VCPU.total, MEMORY_MB: inventories.MEMORY_MB.total };
}

/** A cinder-volume backend's pool, as cinder's scheduler reports it. */
export interface VolumePool {
    name: string;
    capabilities: {
        volume_backend_name: string;
        total_capacity_gb: number | string;
        /** When the scheduler last heard from the backend: UTC, without offset. */
        timestamp?: string;
    };
}

/**
 * The pools cinder's scheduler knows, with their capabilities; with `since`, only those reported from then on
 * (the scheduler keeps a stopped backend's last report for a while, under the same pool name).
 */
export async function volumePools(lab: Lab, since?: Date): Promise<VolumePool[]> {
    const url = `http://127.0.0.1:${lab.openstack.ports.cinder}/v3/{project}/scheduler-stats/get_pools?detail=true`;
    const { pools } = await call<{ pools: VolumePool[] }>(lab, "GET", url, 200);
    const reported = (p: VolumePool) => Date.parse(`${p.capabilities.timestamp ?? ""}Z`);
    return since ? pools.filter((p) => reported(p) >= since.getTime()) : pools;
}

/** An image as Glance's API v2 shows it: the fields the tests read. */
export interface GlanceImage {
    id: string;
    status: string;
    size: number;
    /** Where the store keeps it (shown with `show_image_direct_url`). */
    direct_url?: string;
}

/**
 * Stores `data` as a new raw image named `name` through the glance-api at `url` (one of a lab's glance-apis: the
 * catalog names only the first); the image as it shows it afterwards.
 */
export async function storeImage(lab: Lab, url: string, name: string, data: Buffer): Promise<GlanceImage> {
    const { id } = await call<GlanceImage>(
        lab,
        "POST",
        `${url}/v2/images`,
        201,
        { "Content-Type": "application/json" },
        JSON.stringify({ name, disk_format: "raw", container_format: "bare" }),
    );
    await call(lab, "PUT", `${url}/v2/images/${id}/file`, 204, { "Content-Type": "application/octet-stream" }, data);
    return call<GlanceImage>(lab, "GET", `${url}/v2/images/${id}`, 200);
}

/** The data of image `id`, downloaded through the glance-api at `url`. */
export async function imageData(lab: Lab, url: string, id: string): Promise<Buffer> {
    const res = await request(lab, "GET", `${url}/v2/images/${id}/file`, 200);
    return Buffer.from(await res.arrayBuffer());
}

/** Deletes image `id` through the glance-api at `url`. */
export async function deleteImage(lab: Lab, url: string, id: string): Promise<void> {
    await call(lab, "DELETE", `${url}/v2/images/${id}`, 204);
}
