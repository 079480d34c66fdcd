/**
 * OpenStack as the check reads it: one list of each collection — Nova's hypervisors, compute services, flavors
 * and servers, Neutron's networks, Cinder's services — and placement's resource providers with the inventory of
 * each of the deployment's hypervisors.
 */
import type { OpenStackSnapshot, ServiceReport } from "../../sdk/check/snapshot";
import { KeystoneSession } from "../openstack/client/keystone";
import { listNetworks, neutronClient } from "../openstack/client/neutron";
import { listAll, listFlavors, novaClient } from "../openstack/client/nova";
import { ServiceClient } from "../openstack/client/service";

/** The compute microversion whose hypervisors carry their service's host and services their UUIDs. */
const COMPUTE_VERSION = "2.53";

interface ApiService {
    id?: string | number;
    binary: string;
    host: string;
    state: string;
    status: string;
    updated_at: string | null;
}

function serviceReport(s: ApiService): ServiceReport {
    return {
        id: String(s.id ?? s.host),
        binary: s.binary,
        host: s.host,
        state: s.state,
        status: s.status,
        updatedAt: s.updated_at,
    };
}

/** Placement's providers named `names` (the deployment's hypervisors), each with its VCPU and MEMORY_MB totals. */
async function resourceProviders(placement: ServiceClient, names: string[]) {
    const { resource_providers: all } = await placement.call<{ resource_providers: { uuid: string; name: string }[] }>(
        "GET",
        "/resource_providers",
        { expect: [200] },
    );
    return Promise.all(
        all
            .filter((p) => names.includes(p.name))
            .map(async (p) => {
                const { inventories } = await placement.call<{ inventories: Record<string, { total: number }> }>(
                    "GET",
                    `/resource_providers/${encodeURIComponent(p.uuid)}/inventories`,
                    { expect: [200] },
                );
                return { ...p, vcpus: inventories.VCPU?.total, memoryMb: inventories.MEMORY_MB?.total };
            }),
    );
}

/** Cinder's services, or undefined when the catalog has no Cinder (`volumev3`). */
async function volumeServices(session: KeystoneSession): Promise<ServiceReport[] | undefined> {
    const cinder = new ServiceClient(session, "volumev3");
    const url = await session.endpoint("volumev3").catch(() => undefined);
    if (url === undefined) {
        return undefined;
    }
    const { services } = await cinder.call<{ services: ApiService[] }>("GET", "/os-services", { expect: [200] });
    return services.map(serviceReport);
}

/**
 * Reads OpenStack through `session`; `hypervisorHosts` are the deployment's nova-compute hosts, whose
 * hypervisors' inventories are read from placement.
 */
export async function readOpenStack(session: KeystoneSession, hypervisorHosts: string[]): Promise<OpenStackSnapshot> {
    const nova = novaClient(session);
    const [hypervisors, services, flavors, servers, networks, volumes] = await Promise.all([
        listAll<{ id: string; hypervisor_hostname: string; state: string; status: string; service: { host: string } }>(
            nova,
            "hypervisors",
            "/os-hypervisors/detail",
            COMPUTE_VERSION,
        ),
        listAll<ApiService>(nova, "services", "/os-services?binary=nova-compute", COMPUTE_VERSION),
        listFlavors(nova),
        listAll<{ id: string; name: string; status: string; "OS-EXT-SRV-ATTR:host": string | null }>(
            nova,
            "servers",
            "/servers/detail?all_tenants=1",
            COMPUTE_VERSION,
        ),
        listNetworks(neutronClient(session)),
        volumeServices(session),
    ]);
    const ours = hypervisors.filter((h) => hypervisorHosts.includes(h.service.host));
    return {
        hypervisors: hypervisors.map((h) => ({
            id: h.id,
            hostname: h.hypervisor_hostname,
            state: h.state,
            status: h.status,
            serviceHost: h.service.host,
        })),
        computeServices: services.map(serviceReport),
        resourceProviders: await resourceProviders(
            new ServiceClient(session, "placement"),
            ours.map((h) => h.hypervisor_hostname),
        ),
        networks: networks.map((n) => ({
            id: n.id,
            name: n.name,
            networkType: n["provider:network_type"],
            physicalNetwork: n["provider:physical_network"],
            segmentationId: n["provider:segmentation_id"],
        })),
        flavors: flavors.map((f) => ({
            id: f.id,
            name: f.name,
            vcpus: f.vcpus,
            ramMb: f.ram,
            diskGb: f.disk,
            extraSpecs: f.extra_specs ?? {},
        })),
        servers: servers.map((s) => ({ id: s.id, name: s.name, status: s.status, host: s["OS-EXT-SRV-ATTR:host"] })),
        volumeServices: volumes,
    };
}
