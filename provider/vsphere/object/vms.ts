/**
 * Finding the VMs an object holds: those connected to port groups, those anywhere below an inventory container,
 * and those with files in a datastore folder. Destroys refuse while there are any (see `lifecycle/refusals.ts`).
 */
import { VimClient } from "../client/client";
import { retrieveBelow, retrieveProperties, traversalSpec } from "../client/propertyCollector";
import { list, ManagedObjectReference, moref, obj, str } from "../client/xml";

/** The VMs of the port groups (their `vm` property), in one round trip; each VM once. */
export async function vmsOf(
    client: VimClient,
    portgroups: ManagedObjectReference[],
): Promise<ManagedObjectReference[]> {
    if (portgroups.length === 0) {
        return [];
    }
    const props = await retrieveProperties(client, "DistributedVirtualPortgroup", portgroups, ["vm"]);
    const vms = new Map<string, ManagedObjectReference>();
    for (const p of props.values()) {
        for (const vm of list(p.vm).map((v) => moref(v, "Network.vm"))) {
            vms.set(vm.value, vm);
        }
    }
    return [...vms.values()];
}

/**
 * Every step from an inventory container down to the VMs below it: a datacenter's host and VM folders, folders'
 * children, a compute resource's (a cluster's) hosts, a host's VMs (every VM is registered on a host, wherever
 * its files are) and a resource pool's or vApp's VMs.
 */
const DOWN_TO_VMS = [
    traversalSpec("dcHosts", "Datacenter", "hostFolder", ["folder"]),
    traversalSpec("dcVms", "Datacenter", "vmFolder", ["folder"]),
    traversalSpec("folder", "Folder", "childEntity", ["folder", "dcHosts", "dcVms", "hosts", "hostVms", "poolVms"]),
    traversalSpec("hosts", "ComputeResource", "host", ["hostVms"]),
    traversalSpec("hostVms", "HostSystem", "vm", []),
    traversalSpec("poolVms", "ResourcePool", "vm", []),
];

/**
 * The VMs anywhere below `container` (a datacenter, folder, cluster or host), in one round trip, by reference;
 * each VM once.
 */
export async function vmsWithin(
    client: VimClient,
    container: ManagedObjectReference,
): Promise<ManagedObjectReference[]> {
    const found = await retrieveBelow(client, container, DOWN_TO_VMS, "VirtualMachine", ["name"]);
    return [...found.keys()].map((moid) => new ManagedObjectReference("VirtualMachine", moid));
}

/**
 * The VMs of `vms` (a datastore's `vm`) with a file in the datastore folder `folder` (`[ds] path`) or below it,
 * by their file layout (`layoutEx.file`), in one round trip.
 */
export async function vmsWithFilesIn(
    client: VimClient,
    vms: ManagedObjectReference[],
    folder: string,
): Promise<ManagedObjectReference[]> {
    if (vms.length === 0) {
        return [];
    }
    const layouts = await retrieveProperties(client, "VirtualMachine", vms, ["layoutEx.file"]);
    return vms.filter((vm) =>
        list(layouts.get(vm.value)?.["layoutEx.file"]).some((f) =>
            str(obj(f, "VirtualMachineFileLayoutExFileInfo").name, "layoutEx.file.name").startsWith(`${folder}/`),
        ),
    );
}
