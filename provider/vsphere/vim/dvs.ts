/**
 * The distributed switch data objects of vim25 this library reads and writes: VLAN specs, security and port
 * group policies, the VMware port setting, `DVPortgroupConfigSpec`/`…Info`, `VMwareDVSConfigSpec`/`…Info` and
 * host membership. Encoders write the fields in WSDL order, with `xsi:type` where a field's declared type is the
 * abstract or base type of what is sent.
 */
import { bool, list, moref, ManagedObjectReference, obj, SoapObject, str, VimObject, VimValue } from "../client/xml";
import { dataObject, num, optional, text } from "./data";

/** A port's VLAN: one id (0: none), a trunk of ranges, or a private VLAN. */
export type VlanSpec =
    | { kind: "id"; vlanId: number }
    | { kind: "trunk"; ranges: { start: number; end: number }[] }
    | { kind: "pvlan"; pvlanId: number };

function encodeVlanSpec(vlan: VlanSpec): SoapObject {
    switch (vlan.kind) {
        case "trunk":
            return {
                $type: "VmwareDistributedVirtualSwitchTrunkVlanSpec",
                inherited: false,
                vlanId: vlan.ranges.map((r) => ({ start: r.start, end: r.end })),
            };
        case "pvlan":
            return { $type: "VmwareDistributedVirtualSwitchPvlanSpec", inherited: false, pvlanId: vlan.pvlanId };
        case "id":
            return { $type: "VmwareDistributedVirtualSwitchVlanIdSpec", inherited: false, vlanId: vlan.vlanId };
    }
}

/** A port setting's `vlan`; none set is VLAN 0. */
export function decodeVlanSpec(value: VimValue | undefined): VlanSpec {
    const vlan = optional(value, "defaultPortConfig.vlan");
    if (vlan === undefined) {
        return { kind: "id", vlanId: 0 };
    }
    switch (vlan.$type) {
        case "VmwareDistributedVirtualSwitchTrunkVlanSpec":
            return {
                kind: "trunk",
                ranges: list(vlan.vlanId).map((r) => {
                    const range = obj(r, "NumericRange");
                    return { start: num(range.start, "NumericRange.start"), end: num(range.end, "NumericRange.end") };
                }),
            };
        case "VmwareDistributedVirtualSwitchPvlanSpec":
            return { kind: "pvlan", pvlanId: num(vlan.pvlanId, "pvlanId") };
        default:
            return { kind: "id", vlanId: num(vlan.vlanId, "vlanId") };
    }
}

/** `DVSSecurityPolicy`: each flag a `BoolPolicy`; undefined leaves it as it is. */
export interface SecurityPolicy {
    allowPromiscuous?: boolean;
    macChanges?: boolean;
    forgedTransmits?: boolean;
}

function boolPolicy(value: boolean | undefined): SoapObject | undefined {
    return value === undefined ? undefined : { inherited: false, value };
}

/** The value of a `BoolPolicy`, false when it is not set. */
function boolPolicyValue(value: VimValue | undefined): boolean {
    const policy = optional(value, "BoolPolicy");
    return policy !== undefined && bool(policy.value, "BoolPolicy.value");
}

function encodeSecurityPolicy(policy: SecurityPolicy): SoapObject {
    return dataObject({
        inherited: false,
        allowPromiscuous: boolPolicy(policy.allowPromiscuous),
        macChanges: boolPolicy(policy.macChanges),
        forgedTransmits: boolPolicy(policy.forgedTransmits),
    });
}

function decodeSecurityPolicy(value: VimValue | undefined): Required<SecurityPolicy> {
    const policy = optional(value, "securityPolicy") ?? {};
    return {
        allowPromiscuous: boolPolicyValue(policy.allowPromiscuous),
        macChanges: boolPolicyValue(policy.macChanges),
        forgedTransmits: boolPolicyValue(policy.forgedTransmits),
    };
}

/** `VMwareDVSPortSetting`, as far as the library sets it. */
export interface PortSetting {
    vlan?: VlanSpec;
    securityPolicy?: SecurityPolicy;
}

function encodePortSetting(setting: PortSetting): SoapObject {
    return dataObject({
        $type: "VMwareDVSPortSetting",
        vlan: setting.vlan && encodeVlanSpec(setting.vlan),
        securityPolicy: setting.securityPolicy && encodeSecurityPolicy(setting.securityPolicy),
    });
}

/**
 * `VMwareDVSPortgroupPolicy`: which port settings a port may override. Kept as vCenter sent it, since vCenter
 * takes a policy only whole; {@link portgroupPolicy} changes one flag of it.
 */
export type PortgroupPolicy = VimObject;

/** vCenter's default port group policy, for a port group that reports none. */
const DEFAULT_POLICY: PortgroupPolicy = {
    blockOverrideAllowed: true,
    shapingOverrideAllowed: false,
    vendorConfigOverrideAllowed: false,
    livePortMovingAllowed: false,
    portConfigResetAtDisconnect: true,
    networkResourcePoolOverrideAllowed: false,
    trafficFilterOverrideAllowed: false,
    vlanOverrideAllowed: false,
    uplinkTeamingOverrideAllowed: false,
    securityPolicyOverrideAllowed: false,
    ipfixOverrideAllowed: false,
};

/** The policy `live` (vCenter's default when none) with `vlanOverrideAllowed` set. */
export function portgroupPolicy(live: PortgroupPolicy | undefined, vlanOverrideAllowed: boolean): PortgroupPolicy {
    return { ...(live ?? DEFAULT_POLICY), vlanOverrideAllowed };
}

/** `DVPortgroupConfigSpec`, as far as the library sets it. */
export interface PortgroupConfigSpec {
    configVersion?: string;
    name?: string;
    numPorts?: number;
    defaultPortConfig?: PortSetting;
    description?: string;
    /** `DistributedVirtualPortgroupPortgroupType`: "earlyBinding" or "ephemeral". */
    type?: string;
    policy?: PortgroupPolicy;
    autoExpand?: boolean;
}

export function encodePortgroupConfigSpec(spec: PortgroupConfigSpec): SoapObject {
    return dataObject({
        configVersion: spec.configVersion,
        name: spec.name,
        numPorts: spec.numPorts,
        defaultPortConfig: spec.defaultPortConfig && encodePortSetting(spec.defaultPortConfig),
        description: spec.description,
        type: spec.type,
        policy: spec.policy && ({ ...spec.policy, $type: "VMwareDVSPortgroupPolicy" } as SoapObject),
        autoExpand: spec.autoExpand,
    });
}

/** `DVPortgroupConfigInfo`, as far as the library reads it. */
export interface PortgroupConfig {
    key: string;
    numPorts: number;
    autoExpand: boolean;
    type: string;
    description: string;
    configVersion: string;
    distributedVirtualSwitch: ManagedObjectReference;
    vlan: VlanSpec;
    securityPolicy: Required<SecurityPolicy>;
    /** Undefined when the port group reports none. */
    policy: PortgroupPolicy | undefined;
    /** The policy's `vlanOverrideAllowed`: whether a port may set its own VLAN. */
    vlanOverrideAllowed: boolean;
}

export function decodePortgroupConfig(value: VimValue | undefined): PortgroupConfig {
    const config = obj(value, "DistributedVirtualPortgroup.config");
    const setting = optional(config.defaultPortConfig, "defaultPortConfig") ?? {};
    const policy = optional(config.policy, "policy");
    return {
        key: str(config.key, "config.key"),
        numPorts: config.numPorts === undefined ? 0 : num(config.numPorts, "config.numPorts"),
        autoExpand: bool(config.autoExpand, "config.autoExpand"),
        type: text(config.type, "config.type"),
        description: text(config.description, "config.description"),
        configVersion: text(config.configVersion, "config.configVersion"),
        distributedVirtualSwitch: moref(config.distributedVirtualSwitch, "config.distributedVirtualSwitch"),
        vlan: decodeVlanSpec(setting.vlan),
        securityPolicy: decodeSecurityPolicy(setting.securityPolicy),
        policy: policy && (Object.fromEntries(Object.entries(policy).filter(([k]) => k !== "$type")) as VimObject),
        vlanOverrideAllowed: bool(policy?.vlanOverrideAllowed, "policy.vlanOverrideAllowed"),
    };
}

/** A host's membership of a switch: the host and the physical NICs it gives the switch as uplinks. */
export interface HostMember {
    host: ManagedObjectReference;
    nics: string[];
}

/** `DistributedVirtualSwitchHostMemberConfigSpec`: a host added, its NICs changed, or removed. */
export type HostMemberChange =
    { operation: "add" | "edit"; member: HostMember } | { operation: "remove"; host: ManagedObjectReference };

function encodeHostMemberChange(change: HostMemberChange): SoapObject {
    if (change.operation === "remove") {
        return { operation: "remove", host: change.host };
    }
    return {
        operation: change.operation,
        host: change.member.host,
        backing: {
            $type: "DistributedVirtualSwitchHostMemberPnicBacking",
            pnicSpec: change.member.nics.map((n) => ({ pnicDevice: n })),
        },
    };
}

/** `VMwareDVSConfigSpec`, as far as the library sets it. */
export interface SwitchConfigSpec {
    configVersion?: string;
    name?: string;
    /** The uplink port names (`DVSNameArrayUplinkPortPolicy`). */
    uplinks?: string[];
    host?: HostMemberChange[];
    description?: string;
    maxMtu?: number;
}

export function encodeSwitchConfigSpec(spec: SwitchConfigSpec): SoapObject {
    return dataObject({
        $type: "VMwareDVSConfigSpec",
        configVersion: spec.configVersion,
        name: spec.name,
        uplinkPortPolicy: spec.uplinks && { $type: "DVSNameArrayUplinkPortPolicy", uplinkPortName: spec.uplinks },
        host: spec.host?.map(encodeHostMemberChange),
        description: spec.description,
        maxMtu: spec.maxMtu,
    });
}

/** `DistributedVirtualSwitchProductSpec`, as far as the library uses it. */
export interface ProductSpec {
    name?: string;
    vendor?: string;
    version?: string;
}

export function encodeProductSpec(spec: ProductSpec): SoapObject {
    return dataObject({ name: spec.name, vendor: spec.vendor, version: spec.version });
}

/** `VMwareDVSConfigInfo`, as far as the library reads it. */
export interface SwitchConfig {
    configVersion: string;
    product: ProductSpec;
    maxMtu: number;
    uplinks: string[];
    hosts: HostMember[];
    description: string;
    uplinkPortgroups: ManagedObjectReference[];
}

function decodeHostMember(value: VimValue): HostMember {
    const config = obj(obj(value, "DistributedVirtualSwitchHostMember").config, "host member config");
    const backing = optional(config.backing, "host member backing") ?? {};
    return {
        host: moref(config.host, "host member host"),
        nics: list(backing.pnicSpec).map((p) => str(obj(p, "pnicSpec").pnicDevice, "pnicDevice")),
    };
}

export function decodeSwitchConfig(value: VimValue | undefined): SwitchConfig {
    const config = obj(value, "DistributedVirtualSwitch.config");
    const product = optional(config.productInfo, "config.productInfo") ?? {};
    const uplinkPolicy = optional(config.uplinkPortPolicy, "config.uplinkPortPolicy") ?? {};
    return {
        configVersion: text(config.configVersion, "config.configVersion"),
        product: {
            name: product.name === undefined ? undefined : str(product.name, "productInfo.name"),
            vendor: product.vendor === undefined ? undefined : str(product.vendor, "productInfo.vendor"),
            version: product.version === undefined ? undefined : str(product.version, "productInfo.version"),
        },
        maxMtu: num(config.maxMtu, "config.maxMtu"),
        uplinks: list(uplinkPolicy.uplinkPortName).map((u) => str(u, "uplinkPortName")),
        hosts: list(config.host).map(decodeHostMember),
        description: text(config.description, "config.description"),
        uplinkPortgroups: list(config.uplinkPortgroup).map((p) => moref(p, "uplinkPortgroup")),
    };
}
