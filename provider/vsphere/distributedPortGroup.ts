/** The provider of `vsphere.DistributedPortGroup`. */
import type * as pulumi from "@pulumi/pulumi";
import {
    checkInputs,
    DEFAULT_SECURITY,
    DistributedPortGroupArgs,
    DistributedPortGroupState,
    ELASTIC_START_PORTS,
    normalizeTrunk,
    rules,
    Security,
    Vlan,
} from "../../model/vsphere/distributedPortGroup";
import { configureProviders } from "../config";
import { diffByRules, sameValue } from "../../model/diff";
import { VimClient } from "./client/client";
import { VSphereError } from "./client/faults";
import { findByInventoryPath } from "./client/finder";
import { joinPath } from "../../model/vsphere/inventoryPath";
import { retrieveObject } from "./client/propertyCollector";
import { runTask } from "./client/task";
import { bool, list, ManagedObjectReference, moref, obj, SoapObject, str, VimObject, VimValue } from "./client/xml";
import { reconfigureVersioned } from "./configVersion";
import { refuseWhileVms, vmsOf } from "./vms";
import { stillThere, unlessGone } from "./object";
import { onConnection, vsphereClient } from "./connection";
import { createOrAdopt } from "./lifecycle";
import { switchFolder } from "./switchRef";

type Inputs = pulumi.Unwrap<DistributedPortGroupArgs>;

/** The settings the inputs declare, defaults applied; undefined for those left to vCenter. */
type Wanted = Omit<DistributedPortGroupState, "key" | "switchType" | "ports" | "autoExpand" | "description"> & {
    ports?: number;
    autoExpand?: boolean;
    description?: string;
};

/** The port group as read, with what a reconfiguration builds on. */
interface Live {
    ref: ManagedObjectReference;
    state: DistributedPortGroupState;
    configVersion: string;
    /** The port group policy as vCenter reports it (a reconfiguration sends it whole, with one flag changed). */
    policy: VimObject | undefined;
}

const PROPERTIES = ["name", "config"];

function wanted(inputs: Inputs): Wanted {
    const binding = inputs.binding ?? "earlyBinding";
    const vlan = inputs.vlan ?? { id: 0 };
    return {
        switchId: inputs.switchId,
        name: inputs.name,
        vlan: vlan.trunk ? { trunk: normalizeTrunk(vlan.trunk) } : { id: vlan.id },
        ports: binding === "earlyBinding" ? inputs.ports : undefined,
        autoExpand: binding === "earlyBinding" ? inputs.ports === undefined : undefined,
        binding,
        security: { ...DEFAULT_SECURITY, ...inputs.security },
        vlanOverrideAllowed: inputs.vlanOverrideAllowed ?? false,
        description: inputs.description,
    };
}

function num(value: VimValue | undefined, what: string): number {
    return Number(str(value, what));
}

/** The value of a `BoolPolicy` (e.g. `securityPolicy.allowPromiscuous`), false when it is not set. */
function policyValue(policy: VimValue | undefined): boolean {
    return policy !== undefined && policy !== "" && bool(obj(policy, "BoolPolicy").value, "BoolPolicy.value");
}

export function vlanOf(setting: VimObject): Vlan {
    if (setting.vlan === undefined || setting.vlan === "") {
        return { id: 0 };
    }
    const vlan = obj(setting.vlan, "defaultPortConfig.vlan");
    switch (vlan.$type) {
        case "VmwareDistributedVirtualSwitchTrunkVlanSpec":
            return {
                trunk: normalizeTrunk(
                    list(vlan.vlanId).map((r) => {
                        const range = obj(r, "NumericRange");
                        return { min: num(range.start, "NumericRange.start"), max: num(range.end, "NumericRange.end") };
                    }),
                ),
            };
        case "VmwareDistributedVirtualSwitchPvlanSpec":
            return { privateVlanId: num(vlan.pvlanId, "pvlanId") };
        default:
            return { id: num(vlan.vlanId, "vlanId") };
    }
}

function securityOf(setting: VimObject): Security {
    const policy = setting.securityPolicy === undefined ? {} : obj(setting.securityPolicy, "securityPolicy");
    return {
        allowPromiscuous: policyValue(policy.allowPromiscuous),
        allowForgedTransmits: policyValue(policy.forgedTransmits),
        allowMacChanges: policyValue(policy.macChanges),
    };
}

function readLive(ref: ManagedObjectReference, props: Record<string, VimValue | undefined>): Live {
    const config = obj(props.config, "DistributedVirtualPortgroup.config");
    const setting = config.defaultPortConfig === undefined ? {} : obj(config.defaultPortConfig, "defaultPortConfig");
    const dvs = moref(config.distributedVirtualSwitch, "config.distributedVirtualSwitch");
    const policy = config.policy === undefined || config.policy === "" ? undefined : obj(config.policy, "policy");
    return {
        ref,
        configVersion: config.configVersion === undefined ? "" : str(config.configVersion, "config.configVersion"),
        policy,
        state: {
            switchId: dvs.value,
            name: str(props.name, "DistributedVirtualPortgroup.name"),
            vlan: vlanOf(setting),
            ports: config.numPorts === undefined ? 0 : num(config.numPorts, "config.numPorts"),
            autoExpand: bool(config.autoExpand, "config.autoExpand"),
            binding: config.type === undefined ? "" : str(config.type, "config.type"),
            security: securityOf(setting),
            vlanOverrideAllowed: bool(policy?.vlanOverrideAllowed, "policy.vlanOverrideAllowed"),
            description: config.description === undefined ? "" : str(config.description, "config.description"),
            key: str(config.key, "config.key"),
            switchType: dvs.type,
        },
    };
}

function portgroupRef(id: string): ManagedObjectReference {
    return new ManagedObjectReference("DistributedVirtualPortgroup", id);
}

/** Reads the port group in one round trip; undefined when it is gone. */
async function read(client: VimClient, id: string): Promise<Live | undefined> {
    const ref = portgroupRef(id);
    return unlessGone(async () => readLive(ref, await retrieveObject(client, ref, PROPERTIES)));
}

async function mustRead(client: VimClient, id: string): Promise<Live> {
    const live = await read(client, id);
    return stillThere(live, "port group", id);
}

function vlanSpec(vlan: Vlan): SoapObject {
    if (vlan.trunk) {
        return {
            $type: "VmwareDistributedVirtualSwitchTrunkVlanSpec",
            inherited: false,
            vlanId: vlan.trunk.map((r) => ({ start: r.min, end: r.max })),
        };
    }
    return { $type: "VmwareDistributedVirtualSwitchVlanIdSpec", inherited: false, vlanId: vlan.id ?? 0 };
}

function boolPolicy(value: boolean): SoapObject {
    return { inherited: false, value };
}

/** A `DVSSecurityPolicy` with the flags of `security` that are set (the others are left as they are). */
function securitySpec(security: Partial<Security>): SoapObject {
    const flag = (v: boolean | undefined) => (v === undefined ? undefined : boolPolicy(v));
    return {
        inherited: false,
        allowPromiscuous: flag(security.allowPromiscuous),
        macChanges: flag(security.allowMacChanges),
        forgedTransmits: flag(security.allowForgedTransmits),
    };
}

/** The flags of `want` that differ from `have`. */
function changedFlags(want: Security, have: Security): Partial<Security> | undefined {
    const changed = (Object.keys(want) as (keyof Security)[]).filter((f) => want[f] !== have[f]);
    return changed.length ? Object.fromEntries(changed.map((f) => [f, want[f]])) : undefined;
}

/** The default port group policy of vCenter, for a port group that reports none. */
function defaultPolicy(): VimObject {
    const flags = {
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
    return { $type: "VMwareDVSPortgroupPolicy", ...flags };
}

/** The port group's policy with `vlanOverrideAllowed` set: vCenter takes a policy only whole. */
function policySpec(live: VimObject | undefined, vlanOverrideAllowed: boolean): SoapObject {
    const policy = { ...(live ?? defaultPolicy()), vlanOverrideAllowed } as SoapObject;
    return { $type: "VMwareDVSPortgroupPolicy", ...policy };
}

/**
 * The `DVPortgroupConfigSpec` that brings the port group to `want`, or undefined when nothing differs. Only what
 * differs is in it (fields in WSDL order; of the port settings only the VLAN and the security flags that differ),
 * with the port group's current configVersion: vCenter keeps whatever the spec leaves out.
 */
export function portgroupSpec(want: Wanted, live: Live): SoapObject | undefined {
    const have = live.state;
    const spec: SoapObject = { configVersion: live.configVersion };
    if (want.name !== have.name) {
        spec.name = want.name;
    }
    if (want.ports !== undefined && want.ports !== have.ports) {
        spec.numPorts = want.ports;
    }
    const vlanChanged = !sameValue(want.vlan, have.vlan);
    const flags = changedFlags(want.security, have.security);
    if (vlanChanged || flags) {
        spec.defaultPortConfig = {
            $type: "VMwareDVSPortSetting",
            vlan: vlanChanged ? vlanSpec(want.vlan) : undefined,
            securityPolicy: flags && securitySpec(flags),
        };
    }
    if (want.description !== undefined && want.description !== have.description) {
        spec.description = want.description;
    }
    if (want.binding !== have.binding) {
        spec.type = want.binding;
    }
    if (want.vlanOverrideAllowed !== have.vlanOverrideAllowed) {
        spec.policy = policySpec(live.policy, want.vlanOverrideAllowed);
    }
    if (want.autoExpand !== undefined && want.autoExpand !== have.autoExpand) {
        spec.autoExpand = want.autoExpand;
    }
    return Object.keys(spec).length > 1 ? spec : undefined;
}

/** The spec of a new port group: every declared setting. */
function createSpec(want: Wanted): SoapObject {
    const early = want.binding === "earlyBinding";
    return {
        name: want.name,
        numPorts: early ? (want.ports ?? ELASTIC_START_PORTS) : undefined,
        defaultPortConfig: {
            $type: "VMwareDVSPortSetting",
            vlan: vlanSpec(want.vlan),
            securityPolicy: securitySpec(want.security),
        },
        description: want.description,
        type: want.binding,
        policy: want.vlanOverrideAllowed ? policySpec(undefined, true) : undefined,
        autoExpand: want.autoExpand,
    };
}

/** Brings the port group to `want` with one reconfiguration carrying its configVersion, if anything differs. */
async function reconcile(client: VimClient, id: string, want: Wanted): Promise<Live> {
    const ref = portgroupRef(id);
    const { live, sent } = await reconfigureVersioned({
        what: `port group "${want.name}" (${id})`,
        read: () => mustRead(client, id),
        plan: (l) => portgroupSpec(want, l),
        apply: (spec) => runTask(client, "ReconfigureDVPortgroup_Task", { _this: ref, spec }),
    });
    return sent ? mustRead(client, id) : live;
}

class DistributedPortGroupProvider implements pulumi.dynamic.ResourceProvider<Inputs, DistributedPortGroupState> {
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        configureProviders(req.config);
    }

    async check(_olds: Inputs, news: Inputs): Promise<pulumi.dynamic.CheckResult<Inputs>> {
        return checkInputs(news);
    }

    async diff(_id: string, olds: DistributedPortGroupState, news: Inputs): Promise<pulumi.dynamic.DiffResult> {
        return diffByRules(rules, olds, wanted(news));
    }

    async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<DistributedPortGroupState>> {
        const client = vsphereClient();
        const want = wanted(inputs);
        const dvs = await switchFolder(client, want.switchId);
        if (!dvs) {
            throw new VSphereError(`the port group's distributed switch ${want.switchId} does not exist in vCenter`);
        }
        const path = joinPath(dvs.folderPath, want.name);
        const { ref, adopted } = await createOrAdopt(client, {
            kind: "port group",
            path,
            types: ["DistributedVirtualPortgroup"],
            adopt: inputs.adopt ?? false,
            create: async () => {
                await runTask(client, "AddDVPortgroup_Task", { _this: dvs.ref, spec: [createSpec(want)] });
                const created = await findByInventoryPath(client, path);
                if (!created) {
                    throw new VSphereError(`port group ${path} was created but is not found at its inventory path`);
                }
                return created;
            },
        });
        const live = await mustRead(client, ref.value);
        if (live.state.switchId !== want.switchId) {
            throw new VSphereError(
                `cannot adopt port group ${path} (${ref.value}): it belongs to switch ${live.state.switchId}, not ${want.switchId}`,
            );
        }
        return { id: ref.value, outs: adopted ? (await reconcile(client, ref.value, want)).state : live.state };
    }

    async read(id: string): Promise<pulumi.dynamic.ReadResult<DistributedPortGroupState>> {
        const live = await read(vsphereClient(), id);
        return live ? { id, props: live.state } : {};
    }

    async update(
        id: string,
        _olds: DistributedPortGroupState,
        news: Inputs,
    ): Promise<pulumi.dynamic.UpdateResult<DistributedPortGroupState>> {
        return { outs: (await reconcile(vsphereClient(), id, wanted(news))).state };
    }

    async delete(id: string, props: DistributedPortGroupState): Promise<void> {
        const client = vsphereClient();
        const ref = portgroupRef(id);
        await unlessGone(async () => {
            const what = `port group "${props.name}" (${id})`;
            const remedy = "connect their network adapters to another port group, or delete the VMs, first";
            await refuseWhileVms(client, what, await vmsOf(client, [ref]), "has VMs connected to it", remedy);
            await runTask(client, "Destroy_Task", { _this: ref });
        });
    }
}

export const provider = onConnection(new DistributedPortGroupProvider());
