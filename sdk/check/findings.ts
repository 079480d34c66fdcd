/**
 * The findings of a check: what differs between a deployment as declared and both sides as read, each with its
 * severity, the objects on both sides, what differs and its likely cause. Pure: from the snapshots alone.
 */
import { checkInputs as checkFlavor } from "../../model/openstack/flavor";
import { mermaidNode, novaComputeHost } from "../stack/render";
import type {
    Deployment,
    DeployedVCenter,
    OpenStackSnapshot,
    ServiceReport,
    VlanRange,
    VSphereSnapshot,
} from "./snapshot";

/** How much a finding matters: an error fails the check. */
export type Severity = "error" | "warning" | "info";

/** The areas a check reports on, one table each. */
export const AREAS = ["clusters", "networks", "datastores", "vms", "flavors", "services"] as const;

/** One of {@link AREAS}. */
export type Area = (typeof AREAS)[number];

/** An object a finding is about, on either side. */
export interface CheckedObject {
    /** `vsphere` or `openstack`. */
    side: "vsphere" | "openstack";
    /** Its type, e.g. `ClusterComputeResource`, `hypervisor`, `network`. */
    kind: string;
    /** Its name. */
    name: string;
    /** Its MOID or UUID, when it exists. */
    id?: string;
    /** The vCenter connection of a vSphere object. */
    vcenter?: string;
}

/** What differs between the two sides, for one object or pair. */
export interface Finding {
    /** The table it goes in. */
    area: Area;
    /** How much it matters. */
    severity: Severity;
    /** A stable name of the kind of finding, e.g. `compute-down`. */
    code: string;
    /** The objects on both sides. */
    objects: CheckedObject[];
    /** What differs. */
    differs: string;
    /** The likely cause, in one sentence. */
    cause: string;
    /** The node of the stack's Mermaid picture it marks. */
    node?: string;
}

/** What the check read: each vCenter's snapshot by connection name, and OpenStack's. */
export interface Snapshots {
    /** Each vCenter's, by connection name. */
    vsphere: Record<string, VSphereSnapshot>;
    /** OpenStack's. */
    openstack: OpenStackSnapshot;
}

/** A datastore with less free space than this share of its capacity gets a warning. */
export const LOW_FREE_SPACE = 0.1;

/** A Cinder VMDK driver's shadow VM of a volume: named after the volume. */
const VOLUME_VM = /^volume-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const GIB = 2 ** 30;

function vsphereObject(v: DeployedVCenter, kind: string, name: string, id?: string): CheckedObject {
    return { side: "vsphere", kind, name, id, vcenter: v.name };
}

function openstackObject(kind: string, name: string, id?: string): CheckedObject {
    return { side: "openstack", kind, name, id };
}

/** `when` as the finding says it: the API's UTC time, or never. */
function lastReport(s: ServiceReport): string {
    return s.updatedAt ? `last reported ${s.updatedAt.replace(/\.\d+$/, "")} UTC` : "never reported";
}

/** VLAN ranges as text: `200-209, 300`. */
export function rangesText(ranges: VlanRange[]): string {
    return ranges.length
        ? ranges.map((r) => (r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`)).join(", ")
        : "none";
}

/** Ranges of the sorted, distinct VLANs. */
function toRanges(vlans: number[]): VlanRange[] {
    const ranges: VlanRange[] = [];
    for (const vlan of [...new Set(vlans)].sort((a, b) => a - b)) {
        const last = ranges.at(-1);
        if (last && last.end === vlan - 1) {
            last.end = vlan;
        } else {
            ranges.push({ start: vlan, end: vlan });
        }
    }
    return ranges;
}

function vlansOf(ranges: VlanRange[]): Set<number> {
    const vlans = new Set<number>();
    for (const r of ranges) {
        for (let vlan = r.start; vlan <= r.end; vlan++) {
            vlans.add(vlan);
        }
    }
    return vlans;
}

/** The findings of one vCenter's clusters: their hypervisors, services, capacity and hosts. */
function clusterFindings(d: Deployment, i: number, live: VSphereSnapshot, os: OpenStackSnapshot): Finding[] {
    const v = d.vcenters[i];
    return v.clusters.flatMap((c, j) => oneCluster(v, c, mermaidNode.cluster(i, j), live, os));
}

type Hypervisor = OpenStackSnapshot["hypervisors"][number];

/** The findings of one cluster. */
function oneCluster(
    v: DeployedVCenter,
    c: DeployedVCenter["clusters"][number],
    node: string,
    live: VSphereSnapshot,
    os: OpenStackSnapshot,
): Finding[] {
    const cluster = live.clusters.find((k) => (c.id ? k.id === c.id : k.name === c.name));
    const host = novaComputeHost(v.name, c.name);
    const clusterObject = vsphereObject(v, "ClusterComputeResource", cluster?.name ?? c.name, cluster?.id ?? c.id);
    if (!cluster) {
        return [
            {
                area: "clusters",
                severity: "error",
                code: "cluster-missing",
                objects: [clusterObject],
                differs: `vCenter ${v.name} has no cluster ${c.id ?? c.name} in datacenter ${v.datacenter}`,
                cause: "the cluster was removed or recreated in vCenter outside the stack",
                node,
            },
        ];
    }
    const findings: Finding[] = [];
    if (cluster.name !== c.name) {
        findings.push({
            area: "clusters",
            severity: "error",
            code: "cluster-renamed",
            objects: [clusterObject],
            differs: `cluster ${cluster.id} is named ${cluster.name}, not ${c.name}: nova-compute ${host} looks for cluster_name ${c.name}`,
            cause: "the cluster was renamed in vCenter outside the stack",
            node,
        });
    }
    const computes = computeFindings(c.name, host, clusterObject, node, os);
    findings.push(...computes.findings);
    if (computes.hypervisor) {
        const hosts = live.hosts.filter((h) => cluster.hostIds.includes(h.id));
        findings.push(...hostFindings(v, c.hosts, hosts, clusterObject, node));
        if (computes.up) {
            findings.push(...capacityFindings(hosts, computes.hypervisor, clusterObject, node, os));
        }
    }
    return findings;
}

/** The findings of a cluster's nova-compute and hypervisor; the hypervisor, and whether its service is up. */
function computeFindings(
    cluster: string,
    host: string,
    clusterObject: CheckedObject,
    node: string,
    os: OpenStackSnapshot,
): { findings: Finding[]; hypervisor?: Hypervisor; up: boolean } {
    const service = os.computeServices.find((s) => s.binary === "nova-compute" && s.host === host);
    const hypervisor = os.hypervisors.find((h) => h.serviceHost === host);
    const objects = [clusterObject, openstackObject("compute service", host, service?.id)];
    const finding = (area: Area, severity: Severity, code: string, differs: string, cause: string) =>
        ({ area, severity, code, objects, differs, cause, node }) satisfies Finding;
    if (!service) {
        const missing = finding(
            "services",
            "error",
            "compute-missing",
            `Nova has no nova-compute service ${host}, so no hypervisor for cluster ${cluster}`,
            `the nova-compute of this cluster was never started with its rendered file (novaComputeConf["${host}"])`,
        );
        return { findings: [missing], up: false };
    }
    const findings: Finding[] = [];
    if (service.state !== "up") {
        findings.push(
            finding(
                "services",
                "error",
                "compute-down",
                `nova-compute ${host} is down (${lastReport(service)})`,
                "the nova-compute process of this cluster stopped or lost its message queue",
            ),
        );
    } else if (service.status !== "enabled") {
        findings.push(
            finding(
                "services",
                "warning",
                "compute-disabled",
                `nova-compute ${host} is disabled: the scheduler places nothing on cluster ${cluster}`,
                "an operator disabled the compute service (openstack compute service set --disable)",
            ),
        );
    }
    if (!hypervisor) {
        findings.push(
            finding(
                "clusters",
                "error",
                "hypervisor-missing",
                `nova-compute ${host} reports no hypervisor for cluster ${cluster}`,
                "nova-compute does not find the cluster: its cluster_name or vCenter connection is wrong",
            ),
        );
    }
    return { findings, hypervisor, up: service.state === "up" };
}

/** The capacity placement holds for a hypervisor against what its cluster's usable hosts have. */
function capacityFindings(
    hosts: VSphereSnapshot["hosts"],
    hypervisor: Hypervisor,
    clusterObject: CheckedObject,
    node: string,
    os: OpenStackSnapshot,
): Finding[] {
    const usable = hosts.filter((h) => h.connectionState === "connected" && !h.inMaintenanceMode);
    const vcpus = usable.reduce((n, h) => n + h.cpuThreads, 0);
    const memoryMb = usable.reduce((n, h) => n + h.memoryMb, 0);
    const provider = os.resourceProviders.find((p) => p.name === hypervisor.hostname);
    if (provider?.vcpus === vcpus && provider?.memoryMb === memoryMb) {
        return [];
    }
    return [
        {
            area: "clusters",
            severity: "warning",
            code: "capacity-differs",
            objects: [clusterObject, openstackObject("resource provider", hypervisor.hostname, provider?.uuid)],
            differs:
                `placement holds VCPU ${provider?.vcpus ?? "none"}, MEMORY_MB ${provider?.memoryMb ?? "none"}; the ` +
                `cluster's ${usable.length} usable host(s) have ${vcpus} CPU threads, ${memoryMb} MiB`,
            cause: "hosts changed in vCenter since nova-compute last updated placement (it does every minute)",
            node,
        },
    ];
}

/** The findings of a cluster's hosts: declared ones missing, and those disconnected or in maintenance. */
function hostFindings(
    v: DeployedVCenter,
    declared: string[],
    hosts: VSphereSnapshot["hosts"],
    cluster: CheckedObject,
    node: string,
): Finding[] {
    const findings: Finding[] = [];
    for (const name of declared.filter((n) => !hosts.some((h) => h.name === n))) {
        findings.push({
            area: "clusters",
            severity: "warning",
            code: "host-missing",
            objects: [cluster, vsphereObject(v, "HostSystem", name)],
            differs: `host ${name} is not in cluster ${cluster.name}`,
            cause: "the host was moved out of the cluster or removed in vCenter",
            node,
        });
    }
    for (const h of hosts) {
        const object = vsphereObject(v, "HostSystem", h.name, h.id);
        if (h.connectionState !== "connected") {
            findings.push({
                area: "clusters",
                severity: "warning",
                code: "host-disconnected",
                objects: [cluster, object],
                differs: `host ${h.name} is ${h.connectionState}: its capacity is not the hypervisor's`,
                cause: "vCenter lost the host (network, power or certificate), or it was disconnected by hand",
                node,
            });
        } else if (h.inMaintenanceMode) {
            findings.push({
                area: "clusters",
                severity: "warning",
                code: "host-maintenance",
                objects: [cluster, object],
                differs: `host ${h.name} is in maintenance mode: its capacity is not the hypervisor's`,
                cause: "the host was put in maintenance mode in vCenter",
                node,
            });
        }
    }
    return findings;
}

/** The findings of the networks: each on its physical network and VLAN, inside ML2's range and every trunk. */
function networkFindings(d: Deployment, vsphere: Record<string, VSphereSnapshot>, os: OpenStackSnapshot): Finding[] {
    const trunks = d.vcenters.map((v, i) => ({ v, i, portGroup: trunkPortGroup(v, vsphere[v.name]) }));
    return [
        ...d.networks.flatMap((n, k) => oneNetwork(d, n, mermaidNode.network(k), trunks, os)),
        ...trunks.flatMap(({ v, i, portGroup }) => trunkFindings(d, v, i, portGroup)),
    ];
}

/** Each vCenter (and its index) with its trunk port group, when it has one. */
type Trunks = { v: DeployedVCenter; i: number; portGroup: PortGroup | undefined }[];

/** The findings of one network: there, on its physical network and VLAN, inside ML2's range and every trunk. */
function oneNetwork(
    d: Deployment,
    n: Deployment["networks"][number],
    node: string,
    trunks: Trunks,
    os: OpenStackSnapshot,
): Finding[] {
    const network = os.networks.find((x) => (n.id ? x.id === n.id : x.name === n.name));
    const finding = (severity: Severity, code: string, objects: CheckedObject[], differs: string, cause: string) =>
        ({ area: "networks", severity, code, objects, differs, cause, node }) satisfies Finding;
    if (!network) {
        const objects = [openstackObject("network", n.name, n.id)];
        const cause = "the network was deleted in OpenStack outside the stack";
        return [finding("error", "network-missing", objects, `Neutron has no network ${n.id ?? n.name}`, cause)];
    }
    const object = openstackObject("network", network.name, network.id);
    const vlan = network.segmentationId;
    if (network.networkType !== "vlan" || network.physicalNetwork !== d.physicalNetwork || vlan === null) {
        const differs =
            `network ${network.name} is ${network.networkType} on ${network.physicalNetwork ?? "no physical network"}, ` +
            `not a VLAN of ${d.physicalNetwork}`;
        const cause = "the network was recreated in OpenStack with other provider attributes";
        return [finding("error", "network-segment", [object], differs, cause)];
    }
    const findings: Finding[] = [];
    const { min, max } = d.vlanRange;
    if (n.vlan !== undefined && n.vlan !== vlan) {
        const differs = `network ${network.name} is on VLAN ${vlan}, not VLAN ${n.vlan}`;
        findings.push(
            finding(
                "error",
                "network-vlan-changed",
                [object],
                differs,
                "the network was recreated in OpenStack on another VLAN",
            ),
        );
    }
    if (vlan < min || vlan > max) {
        const differs = `VLAN ${vlan} of network ${network.name} is outside ML2's range ${d.physicalNetwork}:${min}:${max}`;
        findings.push(
            finding(
                "error",
                "network-outside-range",
                [object],
                differs,
                "ML2's network_vlan_ranges was narrowed after the network was made",
            ),
        );
    }
    findings.push(...untrunked(network, object, vlan, trunks, finding));
    return findings;
}

/** A network's VLAN missing from a vCenter's trunk, one finding per vCenter. */
function untrunked(
    network: OpenStackSnapshot["networks"][number],
    object: CheckedObject,
    vlan: number,
    trunks: Trunks,
    finding: (severity: Severity, code: string, objects: CheckedObject[], differs: string, cause: string) => Finding,
): Finding[] {
    const findings: Finding[] = [];
    for (const { v, i, portGroup } of trunks) {
        if (portGroup && !vlansOf(portGroup.vlans).has(vlan)) {
            findings.push({
                ...finding(
                    "error",
                    "network-not-trunked",
                    [object, vsphereObject(v, "DistributedVirtualPortgroup", portGroup.name, portGroup.id)],
                    `${portGroup.name} of vCenter ${v.name} does not trunk VLAN ${vlan} of network ${network.name} (trunks ${rangesText(portGroup.vlans)})`,
                    "the port group's VLAN trunk was edited in vCenter outside the stack",
                ),
                node: mermaidNode.portGroup(i),
            });
        }
    }
    return findings;
}

type PortGroup = VSphereSnapshot["portGroups"][number];

/** A vCenter's trunk port group: by MOID when known, else by name on the declared switch. */
function trunkPortGroup(v: DeployedVCenter, live: VSphereSnapshot): PortGroup | undefined {
    if (v.portGroup.id) {
        return live.portGroups.find((p) => p.id === v.portGroup.id);
    }
    const sw = live.switches.find((s) => s.name === v.switchName);
    return live.portGroups.find((p) => p.switchId === sw?.id && p.name === v.portGroup.name);
}

/** The findings of one vCenter's trunk: gone, renamed, or not exactly ML2's range. */
function trunkFindings(d: Deployment, v: DeployedVCenter, i: number, portGroup: PortGroup | undefined): Finding[] {
    const node = mermaidNode.portGroup(i);
    const { min, max } = d.vlanRange;
    if (!portGroup) {
        return [
            {
                area: "networks",
                severity: "error",
                code: "trunk-missing",
                objects: [
                    vsphereObject(v, "DistributedVirtualPortgroup", v.portGroup.name ?? "br-int", v.portGroup.id),
                ],
                differs: `vCenter ${v.name} has no port group ${v.portGroup.id ?? `${v.switchName}/${v.portGroup.name}`}`,
                cause: "the port group or its switch was removed in vCenter outside the stack",
                node,
            },
        ];
    }
    const findings: Finding[] = [];
    const object = vsphereObject(v, "DistributedVirtualPortgroup", portGroup.name, portGroup.id);
    if (v.portGroup.name !== undefined && portGroup.name !== v.portGroup.name) {
        findings.push({
            area: "networks",
            severity: "warning",
            code: "trunk-renamed",
            objects: [object],
            differs: `port group ${portGroup.id} is named ${portGroup.name}, not ${v.portGroup.name}`,
            cause: "the port group was renamed in vCenter outside the stack",
            node,
        });
    }
    const trunked = vlansOf(portGroup.vlans);
    const range = vlansOf([{ start: min, end: max }]);
    const missing = toRanges([...range].filter((vlan) => !trunked.has(vlan)));
    const extra = toRanges([...trunked].filter((vlan) => !range.has(vlan)));
    if (missing.length) {
        findings.push({
            area: "networks",
            severity: "warning",
            code: "trunk-narrower",
            objects: [object],
            differs: `${portGroup.name} trunks ${rangesText(portGroup.vlans)}: VLANs ${rangesText(missing)} of ML2's range ${min}-${max} are not trunked`,
            cause: "the port group's VLAN trunk was edited in vCenter outside the stack",
            node,
        });
    }
    if (extra.length) {
        findings.push({
            area: "networks",
            severity: "warning",
            code: "trunk-wider",
            objects: [object],
            differs: `${portGroup.name} trunks VLANs ${rangesText(extra)} outside ML2's range ${min}-${max}, which no Neutron network can use`,
            cause: "the port group's VLAN trunk was widened in vCenter outside the stack",
            node,
        });
    }
    return findings;
}

/** The findings of one vCenter's datastores: the volume datastores, their space, Glance's folder. */
function datastoreFindings(v: DeployedVCenter, live: VSphereSnapshot): Finding[] {
    const findings: Finding[] = [];
    const regex = new RegExp(v.datastoreRegex);
    const matching = live.datastores.filter((ds) => regex.test(ds.name));
    if (matching.length === 0) {
        findings.push({
            area: "datastores",
            severity: "error",
            code: "no-volume-datastore",
            objects: live.datastores.map((ds) => vsphereObject(v, "Datastore", ds.name, ds.id)),
            differs: `no datastore of ${v.datacenter} matches /${v.datastoreRegex}/ (there are: ${live.datastores.map((ds) => ds.name).join(", ") || "none"})`,
            cause: "the datastores were renamed or removed in vCenter, so Cinder and Nova have nowhere to put disks",
        });
    }
    for (const ds of matching) {
        const object = vsphereObject(v, "Datastore", ds.name, ds.id);
        if (!ds.accessible) {
            findings.push({
                area: "datastores",
                severity: "error",
                code: "datastore-inaccessible",
                objects: [object],
                differs: `datastore ${ds.name} is not accessible`,
                cause: "its storage (NFS server or LUN) is unreachable from the hosts",
            });
        } else if (ds.freeBytes < LOW_FREE_SPACE * ds.capacityBytes) {
            findings.push({
                area: "datastores",
                severity: "warning",
                code: "datastore-low-space",
                objects: [object],
                differs: `datastore ${ds.name} has ${(ds.freeBytes / GIB).toFixed(1)} GiB free of ${(ds.capacityBytes / GIB).toFixed(1)} GiB`,
                cause: "volumes, instances and images filled it",
            });
        }
    }
    const image = live.datastores.find((ds) => ds.name === v.imageStore.datastore);
    const folder = live.imageFolders.find((f) => f.datastore === v.imageStore.datastore);
    if (!image) {
        findings.push({
            area: "datastores",
            severity: "error",
            code: "image-datastore-missing",
            objects: [vsphereObject(v, "Datastore", v.imageStore.datastore)],
            differs: `datacenter ${v.datacenter} has no datastore ${v.imageStore.datastore} for Glance`,
            cause: "the image datastore was renamed or removed in vCenter",
        });
    } else if (!folder?.present) {
        findings.push({
            area: "datastores",
            severity: "error",
            code: "image-folder-missing",
            objects: [vsphereObject(v, "Datastore", image.name, image.id)],
            differs: `datastore ${image.name} has no folder ${v.imageStore.folder}: Glance cannot store images`,
            cause: "the folder was deleted on the datastore outside the stack",
        });
    }
    return findings;
}

/** Where a VM is: its vCenter and the cluster of its host. */
interface VmPlace {
    v: DeployedVCenter;
    vm: VSphereSnapshot["vms"][number];
    clusterId?: string;
}

/** A managed cluster: its vCenter, MOID and name. */
interface ManagedCluster {
    v: DeployedVCenter;
    clusterId: string;
    name: string;
}

/** The managed clusters by nova-compute host, and every VM by instance UUID with where it is. */
function placesOf(d: Deployment, vsphere: Record<string, VSphereSnapshot>) {
    const managed = new Map<string, ManagedCluster>();
    const vms = new Map<string, VmPlace>();
    for (const v of d.vcenters) {
        const live = vsphere[v.name];
        for (const c of v.clusters) {
            const cluster = live.clusters.find((k) => (c.id ? k.id === c.id : k.name === c.name));
            if (cluster) {
                managed.set(novaComputeHost(v.name, c.name), { v, clusterId: cluster.id, name: cluster.name });
            }
        }
        const parents = new Map(live.hosts.map((h) => [h.id, h.parentId]));
        for (const vm of live.vms) {
            vms.set(vm.instanceUuid, { v, vm, clusterId: parents.get(vm.hostId) });
        }
    }
    return { managed, vms };
}

/** The findings of VMs and servers, matched by instance UUID. */
function vmFindings(d: Deployment, vsphere: Record<string, VSphereSnapshot>, os: OpenStackSnapshot): Finding[] {
    const { managed, vms } = placesOf(d, vsphere);
    const clusterName = (v: DeployedVCenter, id: string | undefined) =>
        vsphere[v.name].clusters.find((c) => c.id === id)?.name;
    const findings: Finding[] = [];
    for (const s of os.servers) {
        const expected = s.host === null ? undefined : managed.get(s.host);
        const found = vms.get(s.id);
        const server = openstackObject("server", s.name, s.id);
        if (!expected) {
            continue;
        } else if (!found) {
            findings.push({
                area: "vms",
                severity: "error",
                code: "server-without-vm",
                objects: [
                    server,
                    vsphereObject(expected.v, "ClusterComputeResource", expected.name, expected.clusterId),
                ],
                differs: `server ${s.name} (${s.status}) of nova-compute ${s.host} has no VM with instance UUID ${s.id}`,
                cause: "the VM was deleted or unregistered in vCenter outside Nova",
            });
        } else if (found.v !== expected.v || found.clusterId !== expected.clusterId) {
            const where = clusterName(found.v, found.clusterId);
            findings.push({
                area: "vms",
                severity: "error",
                code: "vm-moved",
                objects: [server, vsphereObject(found.v, "VirtualMachine", found.vm.name, found.vm.id)],
                differs:
                    `VM ${found.vm.name} of server ${s.name} is in ${where ? `cluster ${where}` : "no cluster"} of vCenter ` +
                    `${found.v.name}, but Nova runs it in cluster ${expected.name} (nova-compute ${s.host})`,
                cause: "the VM was moved in vCenter (migrated to another cluster) outside Nova, which can no longer manage it",
            });
        }
    }
    return [...findings, ...unknownVms(managed, vms, new Set(os.servers.map((s) => s.id)), clusterName)];
}

/** The VMs in managed clusters that are no Nova server (Cinder's volume VMs left out). */
function unknownVms(
    managed: Map<string, ManagedCluster>,
    vms: Map<string, VmPlace>,
    servers: Set<string>,
    clusterName: (v: DeployedVCenter, id: string | undefined) => string | undefined,
): Finding[] {
    const managedClusters = new Set([...managed.values()].map((m) => `${m.v.name}/${m.clusterId}`));
    return [...vms.values()]
        .filter(
            ({ v, vm, clusterId }) => managedClusters.has(`${v.name}/${clusterId}`) && !servers.has(vm.instanceUuid),
        )
        .filter(({ vm }) => !VOLUME_VM.test(vm.name))
        .map(({ v, vm, clusterId }) => {
            const name = clusterName(v, clusterId)!;
            return {
                area: "vms",
                severity: "warning",
                code: "vm-unknown",
                objects: [
                    vsphereObject(v, "VirtualMachine", vm.name, vm.id),
                    vsphereObject(v, "ClusterComputeResource", name, clusterId),
                ],
                differs: `VM ${vm.name} (instance UUID ${vm.instanceUuid}) in cluster ${name} is no Nova server`,
                cause: "the VM was made or moved into the cluster in vCenter, outside Nova, or its server was deleted while nova-compute was down",
            };
        });
}

/** The findings of the flavors: present, and as the VMware driver honours them (the flavor's own checks). */
function flavorFindings(d: Deployment, os: OpenStackSnapshot): Finding[] {
    const findings: Finding[] = [];
    for (const f of d.flavors) {
        const flavor = os.flavors.find((x) => (f.id ? x.id === f.id : x.name === f.name));
        if (!flavor) {
            findings.push({
                area: "flavors",
                severity: "error",
                code: "flavor-missing",
                objects: [openstackObject("flavor", f.name, f.id)],
                differs: `Nova has no flavor ${f.id ?? f.name}`,
                cause: "the flavor was deleted in OpenStack outside the stack",
            });
            continue;
        }
        const { failures = [] } = checkFlavor({
            name: flavor.name,
            vcpus: flavor.vcpus,
            ramMb: flavor.ramMb,
            diskGb: flavor.diskGb,
            extraSpecs: flavor.extraSpecs,
        });
        for (const failure of failures) {
            findings.push({
                area: "flavors",
                severity: "error",
                code: "flavor-unfit",
                objects: [openstackObject("flavor", flavor.name, flavor.id)],
                differs: `flavor ${flavor.name}: ${failure.reason}`,
                cause: "the flavor's extra specs were changed in OpenStack outside the stack",
            });
        }
    }
    return findings;
}

/** The findings of the services: each vCenter's Cinder backend reporting. */
function serviceFindings(d: Deployment, os: OpenStackSnapshot): Finding[] {
    if (os.volumeServices === undefined) {
        return [];
    }
    const findings: Finding[] = [];
    for (const v of d.vcenters) {
        const backend = `vmware-${v.name}`;
        const services = os.volumeServices.filter(
            (s) => s.binary === "cinder-volume" && s.host.endsWith(`@${backend}`),
        );
        const up = services.filter((s) => s.state === "up");
        if (up.length === 0) {
            const latest = services.sort((a, b) => (b.updatedAt ?? "").localeCompare(a.updatedAt ?? ""))[0];
            findings.push({
                area: "services",
                severity: "error",
                code: "volume-backend-down",
                objects: [openstackObject("volume service", latest?.host ?? `*@${backend}`, latest?.id)],
                differs: latest
                    ? `cinder-volume backend ${backend} is down (${lastReport(latest)})`
                    : `Cinder has no cinder-volume backend ${backend}`,
                cause: "cinder-volume is not running with the rendered cinderConf, or cannot reach the vCenter",
            });
        }
    }
    return findings;
}

/** Every finding of `deployment` against what was read, by area in the order of {@link AREAS}. */
export function findings(deployment: Deployment, read: Snapshots): Finding[] {
    const { vsphere, openstack } = read;
    return [
        ...deployment.vcenters.flatMap((v, i) => clusterFindings(deployment, i, vsphere[v.name], openstack)),
        ...networkFindings(deployment, vsphere, openstack),
        ...deployment.vcenters.flatMap((v) => datastoreFindings(v, vsphere[v.name])),
        ...vmFindings(deployment, vsphere, openstack),
        ...flavorFindings(deployment, openstack),
        ...serviceFindings(deployment, openstack),
    ];
}
