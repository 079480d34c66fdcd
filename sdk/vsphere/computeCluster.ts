import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";
import { LifecycleArgs } from "./lifecycle";

/** How far DRS acts on its recommendations: only proposes (`manual`), places new VMs, or also migrates them. */
export type DrsAutomationLevel = "manual" | "partiallyAutomated" | "fullyAutomated";

/** Whether vSphere HA watches the hosts' heartbeats and restarts the VMs of a failed host elsewhere. */
export type HaHostMonitoring = "enabled" | "disabled";

/**
 * vSphere DRS (Distributed Resource Scheduler) of a cluster. Nova's VMware driver schedules onto the cluster as
 * one hypervisor and lets DRS pick the host, so DRS is usually enabled for OpenStack clusters. Every field is
 * updated in place; a field left out takes vCenter 8's default for a new cluster, also when a cluster is adopted.
 */
export interface ClusterDrsArgs {
    /** Whether DRS is on (`drsConfig.enabled`). Defaults to false, as vCenter creates clusters. */
    enabled?: pulumi.Input<boolean>;
    /**
     * The cluster-wide automation level (`drsConfig.defaultVmBehavior`): `"manual"` (DRS only recommends),
     * `"partiallyAutomated"` (places VMs when they power on, recommends migrations) or `"fullyAutomated"` (places
     * and migrates). Defaults to `"fullyAutomated"`.
     */
    automationLevel?: pulumi.Input<DrsAutomationLevel>;
    /**
     * The migration threshold as the vSphere Client's slider shows it: 1 (conservative: only moves that rules or
     * maintenance mode require) to 5 (aggressive: moves for slight imbalances). vCenter stores it reversed as
     * `drsConfig.vmotionRate` = 6 − threshold; the provider converts. Defaults to 3.
     */
    migrationThreshold?: pulumi.Input<number>;
}

/**
 * vSphere HA of a cluster. Every field is updated in place; a field left out takes vCenter 8's default for a new
 * cluster, also when a cluster is adopted.
 */
export interface ClusterHaArgs {
    /** Whether vSphere HA is on (`dasConfig.enabled`). Defaults to false, as vCenter creates clusters. */
    enabled?: pulumi.Input<boolean>;
    /**
     * Whether admission control keeps enough spare capacity to restart the VMs of a failed host
     * (`dasConfig.admissionControlEnabled`); vCenter's policy (tolerate one host failure) is left as it is.
     * Defaults to true, vCenter's default.
     */
    admissionControlEnabled?: pulumi.Input<boolean>;
    /**
     * Host monitoring (`dasConfig.hostMonitoring`): `"enabled"` restarts the VMs of a host that stops sending
     * heartbeats on other hosts; `"disabled"` (e.g. during network maintenance) does not. Defaults to `"enabled"`.
     */
    hostMonitoring?: pulumi.Input<HaHostMonitoring>;
}

/** The inputs of a {@link ComputeCluster}. */
export interface ComputeClusterArgs extends LifecycleArgs {
    /**
     * MOID of the datacenter (`vsphere.Datacenter`'s id, e.g. `datacenter-2`); the cluster goes into its host
     * folder. Changing this forces replacement.
     */
    datacenterId: pulumi.Input<string>;
    /**
     * The cluster's name: at most 80 characters, unique in the datacenter's host folder. It is what nova-compute's
     * `[vmware] cluster_name` names. Changing it renames the cluster in place (`Rename_Task`; its MOID stays).
     */
    name: pulumi.Input<string>;
    /** DRS settings. Defaults to vCenter's: DRS off (fully automated, threshold 3, once turned on). */
    drs?: pulumi.Input<ClusterDrsArgs>;
    /** vSphere HA settings. Defaults to vCenter's: HA off (admission control on, host monitoring enabled). */
    ha?: pulumi.Input<ClusterHaArgs>;
}

/** DRS settings as the provider stores them: every field set. */
export interface ClusterDrs {
    /** Whether DRS is on. */
    enabled: boolean;
    /** The cluster-wide automation level. */
    automationLevel: DrsAutomationLevel;
    /** 1 (conservative) to 5 (aggressive), as the vSphere Client shows it. */
    migrationThreshold: number;
}

/** vSphere HA settings as the provider stores them: every field set. */
export interface ClusterHa {
    /** Whether vSphere HA is on. */
    enabled: boolean;
    /** Whether admission control is on. */
    admissionControlEnabled: boolean;
    /** Whether HA restarts the VMs of a host that stops sending heartbeats: `enabled` or `disabled`. */
    hostMonitoring: HaHostMonitoring;
}

/** What the provider stores for a cluster: its settings as vCenter reports them, and what vCenter assigned. */
export interface ComputeClusterState {
    /** MOID of the datacenter whose host folder holds the cluster. */
    datacenterId: string;
    /** The cluster's name, as nova-compute's `[vmware] cluster_name` names it. */
    name: string;
    /** The DRS settings as vCenter reports them. */
    drs: ClusterDrs;
    /** The vSphere HA settings as vCenter reports them. */
    ha: ClusterHa;
    /** The datacenter's inventory path, e.g. `/openstack-dc`; the cluster's is `<datacenterPath>/host/<name>`. */
    datacenterPath: string;
    /** MOID of the cluster's root resource pool (where VMs of the cluster go, e.g. for `vm.create -pool`). */
    resourcePoolId: string;
    /** Whether destroying the object also destroys what it holds that the stack does not manage; false unless set. */
    forceDestroy: boolean;
}

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
