import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";
import type { ClusterDrs, ClusterHa, ComputeClusterArgs } from "../../model/vsphere/computeCluster";

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
export class ComputeCluster extends pulumi.dynamic.Resource {
    /** MOID of the datacenter whose host folder holds the cluster. */
    declare readonly datacenterId: pulumi.Output<string>;
    /** The cluster's name, as nova-compute's `[vmware] cluster_name` names it. */
    declare readonly name: pulumi.Output<string>;
    /** The DRS settings as vCenter reports them. */
    declare readonly drs: pulumi.Output<ClusterDrs>;
    /** The vSphere HA settings as vCenter reports them. */
    declare readonly ha: pulumi.Output<ClusterHa>;
    /** The datacenter's inventory path, e.g. `/openstack-dc`; the cluster's is `<datacenterPath>/host/<name>`. */
    declare readonly datacenterPath: pulumi.Output<string>;
    /** MOID of the cluster's root resource pool (where VMs of the cluster go). */
    declare readonly resourcePoolId: pulumi.Output<string>;
    /** Whether destroying the object also destroys what it holds that the stack does not manage; false unless set. */
    declare readonly forceDestroy: pulumi.Output<boolean>;

    constructor(name: string, args: ComputeClusterArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = { datacenterPath: undefined, resourcePoolId: undefined };
        const defaulted = { drs: undefined, ha: undefined, forceDestroy: undefined };
        super(provider, name, { ...outputs, ...defaulted, ...args }, opts, "vsphere", "ComputeCluster");
    }
}
