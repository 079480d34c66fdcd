import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";
import { ownerInput } from "../owner";
import type { ComputeClusterArgs, ComputeClusterState } from "../../model/vsphere/computeCluster";
import type { Outputs } from "../outputs";

export type {
    ClusterDrs,
    ClusterDrsArgs,
    ClusterHa,
    ClusterHaArgs,
    ComputeClusterArgs,
    ComputeClusterState,
    DrsAutomationLevel,
    HaHostMonitoring,
} from "../../model/vsphere/computeCluster";

const provider = packageProvider("vsphere/computeCluster");

/**
 * A vSphere compute cluster: one Nova hypervisor of the VMware driver. Its id is the cluster's MOID (e.g.
 * `domain-c8`). DRS and HA settings change in place with `ReconfigureComputeResource_Task`, sending only the
 * settings that differ, so a change never resets the others. Destroying it fails while VMs are on its hosts,
 * listing them, whatever `forceDestroy` says; it fails while it holds hosts this stack does not manage, listing
 * them, unless `forceDestroy` is set (vCenter then removes them with it). With
 * `adopt: true` the cluster at `<datacenter path>/host/<name>` is taken over and brought to the declared settings.
 *
 * @example
 * ```ts
 * const cluster = new vsphere.ComputeCluster("compute1", {
 *     datacenterId: dc.id,
 *     name: "compute1",
 *     drs: { enabled: true, automationLevel: "fullyAutomated", migrationThreshold: 3 },
 *     ha: { enabled: true },
 * });
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the outputs, below
export class ComputeCluster extends pulumi.dynamic.Resource {
    constructor(name: string, args: ComputeClusterArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = { datacenterPath: undefined, resourcePoolId: undefined };
        const defaulted = { drs: undefined, ha: undefined, forceDestroy: undefined };
        super(
            provider,
            name,
            { ...outputs, ...defaulted, ...args, ...ownerInput("vsphere", "ComputeCluster", name) },
            opts,
            "vsphere",
            "ComputeCluster",
        );
    }
}

/** The outputs, each field of the state (documented there) as an output; Pulumi sets them. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface ComputeCluster extends Outputs<ComputeClusterState> {}
