/** `HostSystem`: an ESXi host, and the datastore system it mounts datastores with. */
import { VimClient } from "../client/client";
import { VSphereError } from "../client/faults";
import { retrieveProperties } from "../client/propertyCollector";
import { runTask } from "../client/task";
import { bool, list, ManagedObjectReference, moref, str } from "../client/xml";
import { decodeHostProduct, encodeHostConnectSpec, HostConnectSpec, HostProduct } from "../vim/host";
import { isGone, ManagedObject } from "./managedObject";
import { HostDatastoreSystem } from "./hostDatastoreSystem";

/** How long entering or leaving maintenance mode may take before vCenter gives up (`Timedout`), in seconds. */
const MAINTENANCE_TIMEOUT_SECONDS = 1800;

/** A host as the resources read it. */
export interface HostInfo {
    name: string;
    parent: ManagedObjectReference;
    connectionState: string;
    inMaintenanceMode: boolean;
    datastoreSystem: ManagedObjectReference;
    networkSystem: ManagedObjectReference;
    product: HostProduct;
}

/** What a destroy needs to know of a host. */
export interface HostUse {
    vms: ManagedObjectReference[];
    connectionState: string;
    inMaintenanceMode: boolean;
}

export class HostSystem extends ManagedObject {
    static readonly TYPE = "HostSystem";

    constructor(client: VimClient, id: string) {
        super(client, HostSystem.refOf(id));
    }

    /** The reference of the host with MOID `id`. */
    static refOf(id: string): ManagedObjectReference {
        return new ManagedObjectReference(HostSystem.TYPE, id);
    }

    /** Adds a host to a cluster, connected (`AddHost_Task`). */
    static async add(client: VimClient, cluster: ManagedObjectReference, spec: HostConnectSpec): Promise<HostSystem> {
        const args = { _this: cluster, spec: encodeHostConnectSpec(spec), asConnected: true };
        return new HostSystem(client, moref(await runTask(client, "AddHost_Task", args), "AddHost_Task").value);
    }

    /** What the resources read of a host, in one round trip; undefined when it is gone. */
    async info(): Promise<HostInfo | undefined> {
        const props = await this.propertiesIfExists([
            "name",
            "parent",
            "runtime.connectionState",
            "runtime.inMaintenanceMode",
            "configManager.datastoreSystem",
            "configManager.networkSystem",
            "summary.config.product",
        ]);
        return (
            props && {
                name: str(props.name, "HostSystem.name"),
                parent: moref(props.parent, "HostSystem.parent"),
                connectionState: str(props["runtime.connectionState"], "HostSystem.runtime.connectionState"),
                inMaintenanceMode: bool(props["runtime.inMaintenanceMode"], "HostSystem.runtime.inMaintenanceMode"),
                datastoreSystem: moref(props["configManager.datastoreSystem"], "configManager.datastoreSystem"),
                networkSystem: moref(props["configManager.networkSystem"], "configManager.networkSystem"),
                product: decodeHostProduct(props["summary.config.product"]),
            }
        );
    }

    /** Its VMs and whether it is connected and in maintenance mode, in one round trip. */
    async use(): Promise<HostUse> {
        const p = await this.properties(["vm", "runtime.connectionState", "runtime.inMaintenanceMode"]);
        return {
            vms: list(p.vm).map((v) => moref(v, "HostSystem.vm")),
            connectionState: str(p["runtime.connectionState"], "HostSystem.runtime.connectionState"),
            inMaintenanceMode: bool(p["runtime.inMaintenanceMode"], "HostSystem.runtime.inMaintenanceMode"),
        };
    }

    /** Enters or leaves maintenance mode and waits until the host is there. */
    async setMaintenanceMode(on: boolean): Promise<void> {
        const method = on ? "EnterMaintenanceMode_Task" : "ExitMaintenanceMode_Task";
        await this.task(method, { timeout: MAINTENANCE_TIMEOUT_SECONDS });
    }

    /** Reconnects the host with new credentials or thumbprint (`ReconnectHost_Task`). */
    async reconnect(spec: HostConnectSpec): Promise<void> {
        await this.task("ReconnectHost_Task", { cnxSpec: encodeHostConnectSpec(spec) });
    }
}

/** A host named for messages, with its datastore system. */
export interface MountingHost {
    id: string;
    name: string;
    datastoreSystem: HostDatastoreSystem;
}

/**
 * The name and datastore system of each host, in one round trip. A host that does not exist fails with an error
 * naming it and the field it came from.
 */
export async function mountingHosts(
    client: VimClient,
    ids: string[],
    field: string,
): Promise<Map<string, MountingHost>> {
    if (ids.length === 0) {
        return new Map();
    }
    let found;
    try {
        const refs = ids.map(HostSystem.refOf);
        found = await retrieveProperties(client, HostSystem.TYPE, refs, ["name", "configManager.datastoreSystem"]);
    } catch (err) {
        if (isGone(err)) {
            const missing = err.detail.obj instanceof ManagedObjectReference ? err.detail.obj.value : ids.join(", ");
            throw new VSphereError(`${field}: host ${missing} does not exist in vCenter`);
        }
        throw err;
    }
    return new Map(
        ids.map((id) => {
            const props = found.get(id) ?? {};
            const name = str(props.name, "HostSystem.name");
            const dss = props["configManager.datastoreSystem"];
            if (dss === undefined) {
                throw new VSphereError(`host "${name}" (${id}) has no datastore system: is it connected?`);
            }
            const system = new HostDatastoreSystem(client, moref(dss, "HostSystem.configManager.datastoreSystem"));
            return [id, { id, name, datastoreSystem: system }];
        }),
    );
}
