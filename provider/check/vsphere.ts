/**
 * One vCenter as the check reads it: one property-collector retrieval per object type over the deployment's
 * datacenter (datacenters, clusters, hosts, datastores, switches, port groups, VMs, each with only the properties
 * the findings need), and one datastore search per image datastore for Glance's folder.
 */
import type { DeployedVCenter, VSphereSnapshot } from "../../sdk/check/snapshot";
import { VimClient } from "../vsphere/client/client";
import { Properties, retrieveBelow, traversalSpec } from "../vsphere/client/propertyCollector";
import { bool, list, ManagedObjectReference, moref, str, VimValue } from "../vsphere/client/xml";
import { datastorePath, HostDatastoreBrowser } from "../vsphere/object/datastore";
import { num, optional } from "../vsphere/vim/data";
import { decodeVlanSpec } from "../vsphere/vim/dvs";

/** From the root folder to the datacenters, through folders. */
const TO_DATACENTERS = [traversalSpec("folder", "Folder", "childEntity", ["folder"])];

/** From a datacenter to everything in it: its four folders, their folders, compute resources' hosts. */
const WITHIN_DATACENTER = [
    ...["hostFolder", "vmFolder", "datastoreFolder", "networkFolder"].map((path) =>
        traversalSpec(path, "Datacenter", path, ["folder"]),
    ),
    traversalSpec("folder", "Folder", "childEntity", ["folder", "hosts"]),
    traversalSpec("hosts", "ComputeResource", "host", []),
];

const MIB = 2 ** 20;

function refs(value: VimValue | undefined, what: string): string[] {
    return list(value).map((r) => moref(r, what).value);
}

/** Every object of `type` in the datacenters, with `paths`, as a list of [MOID, properties]. */
async function within(
    client: VimClient,
    datacenters: ManagedObjectReference[],
    type: string,
    paths: string[],
): Promise<Found> {
    return [...(await retrieveBelow(client, datacenters, WITHIN_DATACENTER, type, paths))];
}

type Found = [string, Properties][];

function clustersOf(found: Found): VSphereSnapshot["clusters"] {
    return found.map(([id, p]) => ({
        id,
        name: str(p.name, "ClusterComputeResource.name"),
        hostIds: refs(p.host, "ClusterComputeResource.host"),
    }));
}

function hostsOf(found: Found): VSphereSnapshot["hosts"] {
    return found.map(([id, p]) => ({
        id,
        name: str(p.name, "HostSystem.name"),
        parentId: moref(p.parent, "HostSystem.parent").value,
        connectionState: str(p["runtime.connectionState"], "HostSystem.runtime.connectionState"),
        inMaintenanceMode: bool(p["runtime.inMaintenanceMode"], "HostSystem.runtime.inMaintenanceMode"),
        cpuThreads: num(p["summary.hardware.numCpuThreads"], "HostSystem.summary.hardware.numCpuThreads"),
        memoryMb: Math.floor(num(p["summary.hardware.memorySize"], "HostSystem.summary.hardware.memorySize") / MIB),
    }));
}

function datastoresOf(found: Found): VSphereSnapshot["datastores"] {
    return found.map(([id, p]) => ({
        id,
        name: str(p.name, "Datastore.name"),
        capacityBytes: num(p["summary.capacity"], "Datastore.summary.capacity"),
        freeBytes: num(p["summary.freeSpace"], "Datastore.summary.freeSpace"),
        accessible: bool(p["summary.accessible"], "Datastore.summary.accessible"),
    }));
}

/** The port groups that are not the switches' uplink port groups, with the VLANs each carries. */
function portGroupsOf(found: Found, switches: Found): VSphereSnapshot["portGroups"] {
    const uplinks = new Set(switches.flatMap(([, p]) => refs(p["config.uplinkPortgroup"], "uplinkPortgroup")));
    return found
        .filter(([id]) => !uplinks.has(id))
        .map(([id, p]) => {
            const vlan = decodeVlanSpec(optional(p["config.defaultPortConfig"], "config.defaultPortConfig")?.vlan);
            return {
                id,
                name: str(p.name, "DistributedVirtualPortgroup.name"),
                switchId: moref(p["config.distributedVirtualSwitch"], "config.distributedVirtualSwitch").value,
                vlans:
                    vlan.kind === "trunk"
                        ? vlan.ranges
                        : vlan.kind === "id" && vlan.vlanId !== 0
                          ? [{ start: vlan.vlanId, end: vlan.vlanId }]
                          : [],
            };
        });
}

/** The VMs, templates and VMs without a host or instance UUID (being made) left out. */
function vmsOf(found: Found): VSphereSnapshot["vms"] {
    return found
        .filter(([, p]) => !bool(p["config.template"], "config.template"))
        .filter(([, p]) => p["config.instanceUuid"] !== undefined && p["runtime.host"] !== undefined)
        .map(([id, p]) => ({
            id,
            name: str(p.name, "VirtualMachine.name"),
            instanceUuid: str(p["config.instanceUuid"], "VirtualMachine.config.instanceUuid"),
            hostId: moref(p["runtime.host"], "VirtualMachine.runtime.host").value,
        }));
}

/** Whether Glance's folder is on the image datastore: one search of the datastore's root. */
async function imageFolders(
    client: VimClient,
    v: DeployedVCenter,
    datastores: Found,
): Promise<VSphereSnapshot["imageFolders"]> {
    const image = datastores.find(([, p]) => str(p.name, "Datastore.name") === v.imageStore.datastore);
    if (!image) {
        return [];
    }
    const browser = new HostDatastoreBrowser(client, moref(image[1].browser, "Datastore.browser"));
    const entries = await browser.list(datastorePath(v.imageStore.datastore), v.imageStore.folder, true);
    return [{ ...v.imageStore, present: (entries ?? []).some((f) => f.folder && f.name === v.imageStore.folder) }];
}

/** Reads vCenter `v.name` through `client`: the datacenter of `v` and what is in it. */
export async function readVSphere(client: VimClient, v: DeployedVCenter): Promise<VSphereSnapshot> {
    const sc = await client.serviceContent();
    const all = await retrieveBelow(client, sc.rootFolder, TO_DATACENTERS, "Datacenter", ["name"]);
    const datacenters = [...all]
        .map(([id, p]) => ({ id, name: str(p.name, "Datacenter.name") }))
        .filter((dc) => (v.datacenterId ? dc.id === v.datacenterId : dc.name === v.datacenter));
    if (datacenters.length === 0) {
        const none = {
            clusters: [],
            hosts: [],
            datastores: [],
            imageFolders: [],
            switches: [],
            portGroups: [],
            vms: [],
        };
        return { vcenter: v.name, datacenters, ...none };
    }
    const dcs = datacenters.map((dc) => new ManagedObjectReference("Datacenter", dc.id));
    const [clusters, hosts, datastores, switches, portGroups, vms] = await Promise.all([
        within(client, dcs, "ClusterComputeResource", ["name", "host"]),
        within(client, dcs, "HostSystem", [
            "name",
            "parent",
            "runtime.connectionState",
            "runtime.inMaintenanceMode",
            "summary.hardware.numCpuThreads",
            "summary.hardware.memorySize",
        ]),
        within(client, dcs, "Datastore", [
            "name",
            "summary.capacity",
            "summary.freeSpace",
            "summary.accessible",
            "browser",
        ]),
        within(client, dcs, "DistributedVirtualSwitch", ["name", "config.uplinkPortgroup"]),
        within(client, dcs, "DistributedVirtualPortgroup", [
            "name",
            "config.distributedVirtualSwitch",
            "config.defaultPortConfig",
        ]),
        within(client, dcs, "VirtualMachine", ["name", "config.instanceUuid", "config.template", "runtime.host"]),
    ]);
    return {
        vcenter: v.name,
        datacenters,
        clusters: clustersOf(clusters),
        hosts: hostsOf(hosts),
        datastores: datastoresOf(datastores),
        imageFolders: await imageFolders(client, v, datastores),
        switches: switches.map(([id, p]) => ({ id, name: str(p.name, "DistributedVirtualSwitch.name") })),
        portGroups: portGroupsOf(portGroups, switches),
        vms: vmsOf(vms),
    };
}
