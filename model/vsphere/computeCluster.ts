/**
 * The contract of `vsphere.ComputeCluster`, without I/O: its inputs and stored state with their defaults (vCenter
 * 8's), which fields replace it and which change in place, and the checks run at preview.
 */
import type * as pulumi from "@pulumi/pulumi";
import { InputChecker } from "../check";
import { FieldRules, UNKNOWN } from "../diff";
import { checkInventoryName, checkLifecycle, LifecycleArgs, MAX_NAME_LENGTH } from "./lifecycle";

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

/** The inputs of a `vsphere.ComputeCluster`. */
export interface ComputeClusterArgs extends LifecycleArgs {
    /**
     * MOID of the datacenter (`vsphere.Datacenter`'s id, e.g. `datacenter-2`); the cluster goes into its host
     * folder. Changing this forces replacement.
     */
    datacenterId: pulumi.Input<string>;
    /**
     * The cluster's name: at most 80 characters, without "/", "\" or "%", unique in the datacenter's host folder.
     * It is what nova-compute's `[vmware] cluster_name` names. Changing it renames the cluster in place
     * (`Rename_Task`; its MOID stays).
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

/** The inputs as the provider receives them. */
export type ComputeClusterInputs = pulumi.Unwrap<ComputeClusterArgs>;

/** The settings the inputs declare, every default applied. */
export type ComputeClusterWanted = Pick<ComputeClusterState, "datacenterId" | "name" | "drs" | "ha" | "forceDestroy">;

export const AUTOMATION_LEVELS: DrsAutomationLevel[] = ["manual", "partiallyAutomated", "fullyAutomated"];
export const HOST_MONITORING: HaHostMonitoring[] = ["enabled", "disabled"];

/** vCenter 8's DRS settings for a cluster created without any (`drsConfig` of an empty `ClusterConfigSpecEx`). */
export const DEFAULT_DRS: ClusterDrs = { enabled: false, automationLevel: "fullyAutomated", migrationThreshold: 3 };
/** vCenter 8's vSphere HA settings for a cluster created without any. */
export const DEFAULT_HA: ClusterHa = { enabled: false, admissionControlEnabled: true, hostMonitoring: "enabled" };

export const rules: FieldRules<ComputeClusterState> = {
    replace: ["datacenterId"],
    update: ["name", "drs", "ha", "forceDestroy"],
};

/** The settings with every field the input leaves out taken from `defaults` (an unknown input stays unknown). */
function withDefaults<T extends object>(value: unknown, defaults: T): T {
    if (value === UNKNOWN) {
        return UNKNOWN as unknown as T;
    }
    const given = Object.entries((value ?? {}) as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return { ...defaults, ...Object.fromEntries(given) };
}

export function wanted(inputs: ComputeClusterInputs): ComputeClusterWanted {
    return {
        datacenterId: inputs.datacenterId,
        name: inputs.name,
        drs: withDefaults(inputs.drs, DEFAULT_DRS),
        ha: withDefaults(inputs.ha, DEFAULT_HA),
        forceDestroy: inputs.forceDestroy ?? false,
    };
}

/** The preview checks of the inputs, before any API call; pure, so that a whole stack spec can use them. */
export function checkInputs(news: ComputeClusterInputs): pulumi.dynamic.CheckResult<ComputeClusterInputs> {
    const c = new InputChecker();
    c.name("datacenterId", news.datacenterId, MAX_NAME_LENGTH);
    checkInventoryName(c, "name", news.name);
    c.settings("drs", news.drs, {
        enabled: (p, v) => c.boolean(p, v),
        automationLevel: (p, v) => c.oneOf(p, v, AUTOMATION_LEVELS),
        migrationThreshold: (p, v) => c.integer(p, v, 1, 5, false),
    });
    c.settings("ha", news.ha, {
        enabled: (p, v) => c.boolean(p, v),
        admissionControlEnabled: (p, v) => c.boolean(p, v),
        hostMonitoring: (p, v) => c.oneOf(p, v, HOST_MONITORING),
    });
    checkLifecycle(c, news);
    const { drs, ha } = wanted(news);
    return c.result({ ...news, drs, ha });
}
