/**
 * `DistributedVirtualSwitch`: a distributed switch, found by its MOID. A reference must carry the managed object
 * type vCenter uses for the object: `VmwareDistributedVirtualSwitch` for VMware's switches,
 * `DistributedVirtualSwitch` for third-party ones (and for the simulator's). Resources keep the type they found
 * in their state.
 */
import { VimClient } from "../client/client";
import { retrieveAncestors } from "../client/propertyCollector";
import { runTask } from "../client/task";
import { list, ManagedObjectReference, moref, str } from "../client/xml";
import {
    decodeSwitchConfig,
    encodePortgroupConfigSpec,
    encodeProductSpec,
    encodeSwitchConfigSpec,
    PortgroupConfigSpec,
    ProductSpec,
    SwitchConfig,
    SwitchConfigSpec,
} from "../vim/dvs";
import { chainPath } from "./datacenter";
import { ManagedObject, unlessGone } from "./managedObject";

/** The managed object types of distributed switches, the usual one first. */
export const SWITCH_TYPES = ["VmwareDistributedVirtualSwitch", "DistributedVirtualSwitch"];

/** A switch as the resources read it. */
export interface SwitchInfo {
    name: string;
    uuid: string;
    config: SwitchConfig;
}

export class DistributedVirtualSwitch extends ManagedObject {
    /**
     * The switch with MOID `id` with what `read` reads of it, trying `knownType` (from a resource's state) or
     * else each switch type in turn: one round trip when the type is right. Undefined when vCenter has no switch
     * with that MOID.
     */
    static async find<T>(
        client: VimClient,
        id: string,
        read: (dvs: DistributedVirtualSwitch) => Promise<T>,
        knownType?: string,
    ): Promise<{ dvs: DistributedVirtualSwitch; found: T } | undefined> {
        for (const type of knownType ? [knownType] : SWITCH_TYPES) {
            const dvs = new DistributedVirtualSwitch(client, new ManagedObjectReference(type, id));
            const found = await unlessGone(() => read(dvs));
            if (found !== undefined) {
                return { dvs, found };
            }
        }
        return undefined;
    }

    /** Creates a switch in a datacenter's network folder (`CreateDVS_Task`). */
    static async create(
        client: VimClient,
        folder: ManagedObjectReference,
        spec: SwitchConfigSpec,
        product?: ProductSpec,
    ): Promise<DistributedVirtualSwitch> {
        const createSpec = {
            configSpec: encodeSwitchConfigSpec(spec),
            productInfo: product && encodeProductSpec(product),
        };
        const created = await runTask(client, "CreateDVS_Task", { _this: folder, spec: createSpec });
        return new DistributedVirtualSwitch(client, moref(created, "CreateDVS_Task"));
    }

    /** The switch with MOID `id` and its name, UUID and configuration; undefined when it is gone. */
    static async read(
        client: VimClient,
        id: string,
        knownType?: string,
    ): Promise<{ dvs: DistributedVirtualSwitch; info: SwitchInfo } | undefined> {
        const s = await DistributedVirtualSwitch.find(
            client,
            id,
            (dvs) => dvs.properties(["name", "uuid", "config"]),
            knownType,
        );
        return (
            s && {
                dvs: s.dvs,
                info: {
                    name: str(s.found.name, "DistributedVirtualSwitch.name"),
                    uuid: str(s.found.uuid, "DistributedVirtualSwitch.uuid"),
                    config: decodeSwitchConfig(s.found.config),
                },
            }
        );
    }

    /**
     * The switch with MOID `id` and the inventory path of the folder that holds it, where its port groups go
     * too: the switch and its ancestors in one round trip (when the type is right).
     */
    static async withFolder(
        client: VimClient,
        id: string,
    ): Promise<{ dvs: DistributedVirtualSwitch; folderPath: string } | undefined> {
        const s = await DistributedVirtualSwitch.find(client, id, (dvs) =>
            retrieveAncestors(client, dvs.ref, ["name"]),
        );
        if (!s) {
            return undefined;
        }
        // The path of the folder above the switch.
        return { dvs: s.dvs, folderPath: chainPath(s.found.slice(1)) };
    }

    /** Its port groups other than its uplink port groups. */
    async portgroups(): Promise<ManagedObjectReference[]> {
        const props = await this.properties(["portgroup", "config.uplinkPortgroup"]);
        const uplinks = new Set(list(props["config.uplinkPortgroup"]).map((p) => moref(p, "uplinkPortgroup").value));
        return list(props.portgroup)
            .map((p) => moref(p, "DistributedVirtualSwitch.portgroup"))
            .filter((p) => !uplinks.has(p.value));
    }

    /** Changes what `spec` sets (`ReconfigureDvs_Task`); `spec.configVersion` must be the switch's current one. */
    async reconfigure(spec: SwitchConfigSpec): Promise<void> {
        await this.task("ReconfigureDvs_Task", { spec: encodeSwitchConfigSpec(spec) });
    }

    /** Upgrades the switch in place to `product`'s version (`PerformDvsProductSpecOperation_Task`). */
    async upgrade(product: ProductSpec): Promise<void> {
        await this.task("PerformDvsProductSpecOperation_Task", {
            operation: "upgrade",
            productSpec: encodeProductSpec(product),
        });
    }

    /** Adds a port group (`AddDVPortgroup_Task`). */
    async addPortgroup(spec: PortgroupConfigSpec): Promise<void> {
        await this.task("AddDVPortgroup_Task", { spec: [encodePortgroupConfigSpec(spec)] });
    }
}
