/**
 * VMs as destroys must treat them: no destroy deletes, unregisters or disconnects a VM, with or without
 * `forceDestroy`. vCenter takes a host's VMs out of its inventory when the host, its cluster or its datacenter is
 * destroyed, and refuses to destroy a port group or switch that VMs are connected to; the stack manages no VM, so
 * every VM found there is one it must leave alone. Each destroy first finds the VMs the object holds and refuses,
 * naming them.
 */
import { VimClient } from "./client/client";
import { retrieveBelow, retrieveProperties } from "./client/propertyCollector";
import { list, ManagedObjectReference, moref, obj, SoapObject, str } from "./client/xml";
import { DestroyRefused, describeObjects } from "./lifecycle";

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

function traversal(name: string, type: string, path: string, next: string[]): SoapObject {
    return { $type: "TraversalSpec", name, type, path, skip: false, selectSet: next.map((n) => ({ name: n })) };
}

/**
 * Every step from an inventory container down to the VMs below it: a datacenter's host and VM folders, folders'
 * children, a compute resource's (a cluster's) hosts, a host's VMs (every VM is registered on a host, wherever
 * its files are) and a resource pool's or vApp's VMs.
 */
const DOWN_TO_VMS = [
    traversal("dcHosts", "Datacenter", "hostFolder", ["folder"]),
    traversal("dcVms", "Datacenter", "vmFolder", ["folder"]),
    traversal("folder", "Folder", "childEntity", ["folder", "dcHosts", "dcVms", "hosts", "hostVms", "poolVms"]),
    traversal("hosts", "ComputeResource", "host", ["hostVms"]),
    traversal("hostVms", "HostSystem", "vm", []),
    traversal("poolVms", "ResourcePool", "vm", []),
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

/**
 * Throws a {@link DestroyRefused} naming `vms` unless there are none. `holds` says how `what` holds them
 * ("has VMs registered on it"), `remedy` what to do about them; `forceDestroy` changes nothing here.
 */
export async function refuseWhileVms(
    client: VimClient,
    what: string,
    vms: ManagedObjectReference[],
    holds: string,
    remedy: string,
): Promise<void> {
    if (vms.length === 0) {
        return;
    }
    throw new DestroyRefused(
        `${what} ${holds}: ${await describeObjects(client, vms)}; a destroy never deletes, unregisters or ` +
            `disconnects a VM, with or without forceDestroy: ${remedy}`,
    );
}
