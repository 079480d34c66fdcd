/**
 * VMs connected to distributed port groups, as destroying a port group or a switch must handle them: vCenter
 * refuses to destroy either while a VM has a network adapter on it (`ResourceInUse`). Without `forceDestroy` the
 * destroy is refused with the VMs' names; with it, the VMs' adapters on the port group or switch are removed
 * first. The VMs themselves stay, with their other adapters.
 */
import { VimClient } from "./client/client";
import { retrieveNames, retrieveProperties } from "./client/propertyCollector";
import { runTask } from "./client/task";
import { list, ManagedObjectReference, moref, obj, SoapObject, VimObject } from "./client/xml";
import { DestroyRefused, refuseToLoseContents } from "./lifecycle";

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
 * Refuses to destroy `what` while it holds port groups this stack does not manage (destroyed with it when
 * forced) or VMs are connected to it (whose adapters on it are removed when forced), listing them.
 */
export async function refuseToDisconnect(
    client: VimClient,
    what: string,
    portgroups: ManagedObjectReference[],
    vms: ManagedObjectReference[],
    forceDestroy: boolean,
): Promise<void> {
    if (vms.length === 0 || forceDestroy) {
        return refuseToLoseContents(client, what, portgroups, forceDestroy);
    }
    const held = [...portgroups, ...vms];
    const names = await retrieveNames(client, held);
    const listed = held.map((ref) => `${ref.type} "${names.get(ref.value) ?? "?"}" (${ref.value})`).join(", ");
    const forced = portgroups.length
        ? "destroy the port groups with it and remove the VMs' network adapters on it"
        : "remove the VMs' network adapters on it";
    throw new DestroyRefused(
        `${what} still holds objects this stack does not manage: ${listed}; remove them first, or set ` +
            `forceDestroy: true to ${forced} (the VMs stay)`,
    );
}

/** Where a VM adapter is connected: its distributed port connection, if it has one. */
export interface PortConnection {
    switchUuid: string;
    portgroupKey?: string;
}

function portOf(device: VimObject): PortConnection | undefined {
    const backing = device.backing === undefined ? undefined : obj(device.backing, "device backing");
    if (backing?.$type !== "VirtualEthernetCardDistributedVirtualPortBackingInfo") {
        return undefined;
    }
    const port = obj(backing.port, "backing port");
    return {
        switchUuid: String(port.switchUuid ?? ""),
        portgroupKey: port.portgroupKey === undefined ? undefined : String(port.portgroupKey),
    };
}

/**
 * Removes the network adapters of `vms` whose port connection `connected` accepts: reads the VMs' devices in one
 * round trip, then reconfigures each VM that has such adapters (in parallel). Each device goes back to vCenter as
 * it was read, with the `remove` operation.
 */
export async function removeAdapters(
    client: VimClient,
    vms: ManagedObjectReference[],
    connected: (port: PortConnection) => boolean,
): Promise<void> {
    if (vms.length === 0) {
        return;
    }
    const devices = await retrieveProperties(client, "VirtualMachine", vms, ["config.hardware.device"]);
    await Promise.all(
        vms.map(async (vm) => {
            const adapters = list(devices.get(vm.value)?.["config.hardware.device"])
                .map((d) => obj(d, "VirtualDevice"))
                .filter((d) => {
                    const port = portOf(d);
                    return port !== undefined && connected(port);
                });
            if (adapters.length) {
                const deviceChange = adapters.map((device) => ({ operation: "remove", device: device as SoapObject }));
                await runTask(client, "ReconfigVM_Task", { _this: vm, spec: { deviceChange } });
            }
        }),
    );
}
