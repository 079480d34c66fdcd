/** `ClusterComputeResource`: a DRS/HA cluster of hosts. */
import { VimClient } from "../client/client";
import { list, ManagedObjectReference, moref, str } from "../client/xml";
import { ClusterConfig, decodeClusterConfig, encodeClusterConfigSpec } from "../vim/cluster";
import { ManagedObject } from "./managedObject";

/** A cluster as the resources read it. */
export interface ClusterInfo {
    name: string;
    resourcePool: ManagedObjectReference;
    config: Required<ClusterConfig>;
}

export class ClusterComputeResource extends ManagedObject {
    static readonly TYPE = "ClusterComputeResource";

    constructor(client: VimClient, id: string) {
        super(client, new ManagedObjectReference(ClusterComputeResource.TYPE, id));
    }

    /** Creates a cluster in a datacenter's host folder (`CreateClusterEx`). */
    static async create(
        client: VimClient,
        folder: ManagedObjectReference,
        name: string,
        spec: ClusterConfig,
    ): Promise<ClusterComputeResource> {
        const created = await client.invoke("CreateClusterEx", {
            _this: folder,
            name,
            spec: encodeClusterConfigSpec(spec),
        });
        return new ClusterComputeResource(client, moref(created, "CreateClusterEx").value);
    }

    /** Name, root resource pool and settings in one round trip; undefined when the cluster is gone. */
    async info(): Promise<ClusterInfo | undefined> {
        const props = await this.propertiesIfExists(["name", "resourcePool", "configurationEx"]);
        return (
            props && {
                name: str(props.name, "ClusterComputeResource.name"),
                resourcePool: moref(props.resourcePool, "ClusterComputeResource.resourcePool"),
                config: decodeClusterConfig(props.configurationEx),
            }
        );
    }

    /** The cluster's hosts. */
    async hosts(): Promise<ManagedObjectReference[]> {
        const { host } = await this.properties(["host"]);
        return list(host).map((h) => moref(h, "ClusterComputeResource.host"));
    }

    /** Changes the settings `spec` sets and keeps the others (`ReconfigureComputeResource_Task`, `modify`). */
    async reconfigure(spec: ClusterConfig): Promise<void> {
        await this.task("ReconfigureComputeResource_Task", { spec: encodeClusterConfigSpec(spec, true), modify: true });
    }
}
