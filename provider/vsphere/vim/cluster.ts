/**
 * The cluster settings of vim25 this library reads and writes: `ClusterConfigInfoEx` as a cluster reports it
 * (`configurationEx`) and `ClusterConfigSpecEx` as `CreateClusterEx` and `ReconfigureComputeResource_Task` take
 * it, each with the DAS (HA) and DRS fields the resources manage. Encoders write the fields in WSDL order.
 */
import { bool, obj, SoapObject, VimValue } from "../client/xml";
import { dataObject, optional, optionalNum, text } from "./data";

/** `ClusterDasConfigInfo`: vSphere HA. */
export interface ClusterDasConfig {
    enabled?: boolean;
    /** `ClusterDasConfigInfoServiceState`: "enabled" or "disabled". */
    hostMonitoring?: string;
    admissionControlEnabled?: boolean;
}

/** `ClusterDrsConfigInfo`: vSphere DRS. */
export interface ClusterDrsConfig {
    enabled?: boolean;
    /** `DrsBehavior`: "manual", "partiallyAutomated" or "fullyAutomated". */
    defaultVmBehavior?: string;
    /** 1 (most aggressive) … 5 (most conservative). */
    vmotionRate?: number;
}

/** `ClusterConfigSpecEx` and `ClusterConfigInfoEx`, as far as the library uses them. */
export interface ClusterConfig {
    dasConfig?: ClusterDasConfig;
    drsConfig?: ClusterDrsConfig;
}

function encodeDas(das: ClusterDasConfig): SoapObject {
    return dataObject({
        enabled: das.enabled,
        hostMonitoring: das.hostMonitoring,
        admissionControlEnabled: das.admissionControlEnabled,
    });
}

function encodeDrs(drs: ClusterDrsConfig): SoapObject {
    return dataObject({ enabled: drs.enabled, defaultVmBehavior: drs.defaultVmBehavior, vmotionRate: drs.vmotionRate });
}

/**
 * A `ClusterConfigSpecEx`. `typed` writes its `xsi:type`, which a method declaring the abstract
 * `ComputeResourceConfigSpec` (`ReconfigureComputeResource_Task`) needs.
 */
export function encodeClusterConfigSpec(spec: ClusterConfig, typed = false): SoapObject {
    return dataObject({
        ...(typed ? { $type: "ClusterConfigSpecEx" } : {}),
        dasConfig: spec.dasConfig && encodeDas(spec.dasConfig),
        drsConfig: spec.drsConfig && encodeDrs(spec.drsConfig),
    });
}

/** A cluster's `configurationEx`; a field vCenter leaves unset is undefined. */
export function decodeClusterConfig(value: VimValue | undefined): Required<ClusterConfig> {
    const cfg = obj(value, "ClusterComputeResource.configurationEx");
    const das = optional(cfg.dasConfig, "configurationEx.dasConfig") ?? {};
    const drs = optional(cfg.drsConfig, "configurationEx.drsConfig") ?? {};
    const flag = (v: VimValue | undefined, what: string) => (v === undefined || v === "" ? undefined : bool(v, what));
    const name = (v: VimValue | undefined, what: string) => (v === undefined ? undefined : text(v, what));
    return {
        dasConfig: {
            enabled: flag(das.enabled, "dasConfig.enabled"),
            hostMonitoring: name(das.hostMonitoring, "dasConfig.hostMonitoring"),
            admissionControlEnabled: flag(das.admissionControlEnabled, "dasConfig.admissionControlEnabled"),
        },
        drsConfig: {
            enabled: flag(drs.enabled, "drsConfig.enabled"),
            defaultVmBehavior: name(drs.defaultVmBehavior, "drsConfig.defaultVmBehavior"),
            vmotionRate: optionalNum(drs.vmotionRate, "drsConfig.vmotionRate"),
        },
    };
}
