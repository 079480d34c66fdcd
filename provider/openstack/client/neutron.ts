/**
 * Neutron networks and subnets (networking API v2.0). Every call names its expected status codes: create 201,
 * get and update 200, delete 204; an object that does not exist answers 404 (`NetworkNotFound`,
 * `SubnetNotFound`). Lists follow the `*_links` `next` pages that Neutron sends when it paginates. A create the
 * project's quota does not allow (409 `OverQuota`) fails naming the quota, what the project holds, and how far to
 * raise it.
 */
import { hasStatus } from "./errors";
import { KeystoneSession, Project } from "./keystone";
import { ServiceClient } from "./service";

/** A network as Neutron returns it with the `provider`, `external-net`, `net-mtu` and `port-security` extensions. */
export interface NeutronNetwork {
    id: string;
    name: string;
    /** At most 255 characters: the declared text and the owner marker (see `model/openstack/neutronDescription.ts`). */
    description: string;
    admin_state_up: boolean;
    shared: boolean;
    "router:external": boolean;
    mtu: number;
    port_security_enabled: boolean;
    "provider:network_type": string;
    "provider:physical_network": string | null;
    "provider:segmentation_id": number | null;
    status: string;
    subnets: string[];
    project_id: string;
}

/** The attributes a network can be created with. */
export interface NetworkCreate {
    name: string;
    description?: string;
    admin_state_up?: boolean;
    shared?: boolean;
    "router:external"?: boolean;
    mtu?: number;
    port_security_enabled?: boolean;
    "provider:network_type"?: string;
    "provider:physical_network"?: string;
    "provider:segmentation_id"?: number;
}

/** The attributes changed by an update; the provider attributes are left out (they replace the network). */
export type NetworkUpdate = Partial<
    Pick<
        NetworkCreate,
        "name" | "description" | "admin_state_up" | "shared" | "router:external" | "mtu" | "port_security_enabled"
    >
>;

export interface NeutronAllocationPool {
    start: string;
    end: string;
}

export interface NeutronHostRoute {
    destination: string;
    nexthop: string;
}

/** A subnet as Neutron returns it. */
export interface NeutronSubnet {
    id: string;
    name: string;
    /** At most 255 characters: the declared text and the owner marker (see `model/openstack/neutronDescription.ts`). */
    description: string;
    network_id: string;
    ip_version: 4 | 6;
    cidr: string;
    gateway_ip: string | null;
    allocation_pools: NeutronAllocationPool[];
    dns_nameservers: string[];
    host_routes: NeutronHostRoute[];
    enable_dhcp: boolean;
    project_id: string;
}

/** The attributes a subnet can be created with; `gateway_ip: null` creates it without a gateway. */
export interface SubnetCreate {
    network_id: string;
    name: string;
    cidr: string;
    ip_version: 4 | 6;
    description?: string;
    gateway_ip?: string | null;
    allocation_pools?: NeutronAllocationPool[];
    dns_nameservers?: string[];
    host_routes?: NeutronHostRoute[];
    enable_dhcp?: boolean;
}

/** The attributes changed by an update; network, CIDR and IP version are fixed at creation. */
export type SubnetUpdate = Partial<Omit<SubnetCreate, "network_id" | "cidr" | "ip_version">>;

/** Query filters: each becomes `key=value` (e.g. `provider:segmentation_id=101`); undefined ones are left out. */
export type Filters = Record<string, string | number | boolean | undefined>;

export function neutronClient(session: KeystoneSession): ServiceClient {
    return new ServiceClient(session, "network", "v2.0");
}

/** What `call` returns, or undefined when Neutron answers 404: the object is gone (or never was). */
export async function unlessGone<T>(call: Promise<T>): Promise<T | undefined> {
    try {
        return await call;
    } catch (err) {
        if (hasStatus(err, 404)) {
            return undefined;
        }
        throw err;
    }
}

function query(filters: Filters): string {
    const pairs = Object.entries(filters).filter(([, v]) => v !== undefined);
    return pairs.length
        ? `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join("&")}`
        : "";
}

/** GET a collection → 200, following `<collection>_links` rel `next` until the last page. */
async function listAll<T>(neutron: ServiceClient, collection: string, filters: Filters): Promise<T[]> {
    const items: T[] = [];
    let path: string | undefined = `/${collection}${query(filters)}`;
    while (path) {
        const page: Record<string, unknown> = await neutron.call("GET", path, { expect: [200] });
        items.push(...(page[collection] as T[]));
        const links = (page[`${collection}_links`] ?? []) as { rel: string; href: string }[];
        const next = links.find((l) => l.rel === "next")?.href;
        // The link is absolute; keep what follows the version path, which the client adds again.
        path = next ? next.replace(/^.*?\/v2\.0(?=\/)/, "") : undefined;
    }
    return items;
}

/** The quotas a create of this client counts against: one of its kind. */
type QuotaResource = "network" | "subnet";

/** A project's quota of one resource, as Neutron's quota details report it. */
export interface QuotaUsage {
    limit: number;
    used: number;
    reserved: number;
}

/** GET /quotas/{project_id}/details → 200: the limit, use and reservations of each of the project's quotas. */
async function quotaDetails(neutron: ServiceClient, projectId: string): Promise<Record<string, QuotaUsage>> {
    const res = await neutron.call<{ quota: Record<string, QuotaUsage> }>(
        "GET",
        `/quotas/${encodeURIComponent(projectId)}/details`,
        { expect: [200] },
    );
    return res.quota;
}

/**
 * The message for a create of `resource` "`name`" that Neutron refused with `OverQuota` (`serverMessage`): the
 * quota, the project, what it holds (`usage`, when it could be read) and the command that raises the quota enough
 * for this one more.
 */
export function overQuotaMessage(
    resource: QuotaResource,
    name: string,
    project: Project,
    usage: QuotaUsage | undefined,
    serverMessage: string,
): string {
    const held = usage
        ? `has used ${usage.used}${usage.reserved ? ` (and reserved ${usage.reserved})` : ""} of its ${resource} ` +
          `quota of ${usage.limit}`
        : `has used up its ${resource} quota (${serverMessage})`;
    const raise = usage
        ? `raise it with "openstack quota set --${resource}s ${usage.used + usage.reserved + 1} ${project.id}"`
        : `see its limit with "openstack quota show ${project.id}" and raise it with ` +
          `"openstack quota set --${resource}s <limit + 1> ${project.id}"`;
    return (
        `Neutron refused to create ${resource} "${name}": project "${project.name}" (${project.id}) ${held}, and ` +
        `this stack needs at least one more ${resource}: ${raise}`
    );
}

/**
 * `create`, the POST of `resource` "`name`"; when the project's quota does not allow it, an error naming the
 * quota and how far to raise it, with its limit and use read from Neutron (one call, on this path only).
 */
async function withinQuota<T>(neutron: ServiceClient, resource: QuotaResource, name: string, create: Promise<T>) {
    try {
        return await create;
    } catch (err) {
        if (!(hasStatus(err, 409) && err.errorType === "OverQuota")) {
            throw err;
        }
        const project = await neutron.session.project();
        if (!project) {
            throw err; // no project, no quota to name
        }
        const usage = await quotaDetails(neutron, project.id).then(
            (quota) => quota[resource],
            () => undefined,
        );
        throw new Error(overQuotaMessage(resource, name, project, usage, err.serverMessage), { cause: err });
    }
}

/**
 * POST /networks → 201. A VLAN already used on the physical network is a 409 `VlanIdInUse`; one network more
 * than the project's quota allows is a 409 `OverQuota`.
 */
export async function createNetwork(neutron: ServiceClient, network: NetworkCreate): Promise<NeutronNetwork> {
    const created = neutron.call<{ network: NeutronNetwork }>("POST", "/networks", {
        expect: [201],
        body: { network },
    });
    return (await withinQuota(neutron, "network", network.name, created)).network;
}

/** GET /networks/{id} → 200; 404 `NetworkNotFound` when it does not exist. */
export async function getNetwork(neutron: ServiceClient, id: string): Promise<NeutronNetwork> {
    const res = await neutron.call<{ network: NeutronNetwork }>("GET", `/networks/${encodeURIComponent(id)}`, {
        expect: [200],
    });
    return res.network;
}

/** PUT /networks/{id} → 200 with the whole network; 404 when it does not exist. */
export async function updateNetwork(
    neutron: ServiceClient,
    id: string,
    network: NetworkUpdate,
): Promise<NeutronNetwork> {
    const res = await neutron.call<{ network: NeutronNetwork }>("PUT", `/networks/${encodeURIComponent(id)}`, {
        expect: [200],
        body: { network },
    });
    return res.network;
}

/** DELETE /networks/{id} → 204; 404 when it does not exist; 409 `NetworkInUse` while it has ports. */
export async function deleteNetwork(neutron: ServiceClient, id: string): Promise<void> {
    await neutron.call("DELETE", `/networks/${encodeURIComponent(id)}`, { expect: [204] });
}

/** GET /networks?filters → 200, e.g. `{ "provider:physical_network": "physnet1", "provider:segmentation_id": 101 }`. */
export function listNetworks(neutron: ServiceClient, filters: Filters = {}): Promise<NeutronNetwork[]> {
    return listAll<NeutronNetwork>(neutron, "networks", filters);
}

/**
 * POST /subnets → 201. An invalid or overlapping CIDR, or a gateway inside a pool, is a 400 or 409; one subnet
 * more than the project's quota allows is a 409 `OverQuota`.
 */
export async function createSubnet(neutron: ServiceClient, subnet: SubnetCreate): Promise<NeutronSubnet> {
    const created = neutron.call<{ subnet: NeutronSubnet }>("POST", "/subnets", { expect: [201], body: { subnet } });
    return (await withinQuota(neutron, "subnet", subnet.name, created)).subnet;
}

/** GET /subnets/{id} → 200; 404 `SubnetNotFound` when it does not exist. */
export async function getSubnet(neutron: ServiceClient, id: string): Promise<NeutronSubnet> {
    const res = await neutron.call<{ subnet: NeutronSubnet }>("GET", `/subnets/${encodeURIComponent(id)}`, {
        expect: [200],
    });
    return res.subnet;
}

/** PUT /subnets/{id} → 200 with the whole subnet; 404 when it does not exist. */
export async function updateSubnet(neutron: ServiceClient, id: string, subnet: SubnetUpdate): Promise<NeutronSubnet> {
    const res = await neutron.call<{ subnet: NeutronSubnet }>("PUT", `/subnets/${encodeURIComponent(id)}`, {
        expect: [200],
        body: { subnet },
    });
    return res.subnet;
}

/** DELETE /subnets/{id} → 204; 404 when it does not exist; 409 `SubnetInUse` while ports hold addresses in it. */
export async function deleteSubnet(neutron: ServiceClient, id: string): Promise<void> {
    await neutron.call("DELETE", `/subnets/${encodeURIComponent(id)}`, { expect: [204] });
}

/** GET /subnets?filters → 200, e.g. `{ network_id: "…" }` or `{ name: "…" }`. */
export function listSubnets(neutron: ServiceClient, filters: Filters = {}): Promise<NeutronSubnet[]> {
    return listAll<NeutronSubnet>(neutron, "subnets", filters);
}
