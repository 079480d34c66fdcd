/** `DistributedVirtualPortgroup`: a port group of a distributed switch. */
import { VimClient } from "../client/client";
import { ManagedObjectReference, str } from "../client/xml";
import { decodePortgroupConfig, encodePortgroupConfigSpec, PortgroupConfig, PortgroupConfigSpec } from "../vim/dvs";
import { ManagedObject } from "./managedObject";

/** A port group as the resources read it. */
export interface PortgroupInfo {
    name: string;
    config: PortgroupConfig;
}

export class DistributedVirtualPortgroup extends ManagedObject {
    static readonly TYPE = "DistributedVirtualPortgroup";

    constructor(client: VimClient, id: string) {
        super(client, new ManagedObjectReference(DistributedVirtualPortgroup.TYPE, id));
    }

    /** Name and configuration in one round trip; undefined when the port group is gone. */
    async info(): Promise<PortgroupInfo | undefined> {
        const props = await this.propertiesIfExists(["name", "config"]);
        return (
            props && {
                name: str(props.name, "DistributedVirtualPortgroup.name"),
                config: decodePortgroupConfig(props.config),
            }
        );
    }

    /** Changes what `spec` sets (`ReconfigureDVPortgroup_Task`); `spec.configVersion` must be the current one. */
    async reconfigure(spec: PortgroupConfigSpec): Promise<void> {
        await this.task("ReconfigureDVPortgroup_Task", { spec: encodePortgroupConfigSpec(spec) });
    }
}
