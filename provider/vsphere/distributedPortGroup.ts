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
import type { OwnedInputs } from "../../model/owner";
import { diffByRules, sameValue } from "../../model/diff";
import { VimClient } from "./client/client";
import { VSphereError } from "./client/faults";
import { findByInventoryPath } from "./client/finder";
import { joinPath } from "../../model/vsphere/inventoryPath";
import { PortgroupConfigSpec, portgroupPolicy, PortgroupPolicy, SecurityPolicy, VlanSpec } from "./vim/dvs";
import { DistributedVirtualPortgroup } from "./object/distributedPortGroup";
import { DistributedVirtualSwitch } from "./object/distributedSwitch";
import { stillThere, unlessGone } from "./object/managedObject";
import { vmsOf } from "./object/vms";
import { onConnection, vsphereClient } from "./connection";
import { createOrAdopt } from "./lifecycle/adopt";
import { reconfigureVersioned } from "./lifecycle/reconfigure";
import { refuseWhileVms } from "./lifecycle/refusals";

type Inputs = pulumi.Unwrap<DistributedPortGroupArgs> & OwnedInputs;

/** The settings the inputs declare, defaults applied; undefined for those left to vCenter. */
type Wanted = Omit<DistributedPortGroupState, "key" | "switchType" | "ports" | "autoExpand" | "description"> & {
    ports?: number;
    autoExpand?: boolean;
    description?: string;
};

/** The port group as read, with what a reconfiguration builds on. */
interface Live {
    state: DistributedPortGroupState;
    configVersion: string;
    /** The port group policy as vCenter reports it (a reconfiguration sends it whole, with one flag changed). */
    policy: PortgroupPolicy | undefined;
}

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

/** The VLAN of the state for a port setting's VLAN spec (a trunk's ranges sorted and merged). */
export function vlanOf(spec: VlanSpec): Vlan {
    switch (spec.kind) {
        case "trunk":
            return { trunk: normalizeTrunk(spec.ranges.map((r) => ({ min: r.start, max: r.end }))) };
        case "pvlan":
            return { privateVlanId: spec.pvlanId };
        case "id":
            return { id: spec.vlanId };
    }
}

function vlanSpec(vlan: Vlan): VlanSpec {
    if (vlan.trunk) {
        return { kind: "trunk", ranges: vlan.trunk.map((r) => ({ start: r.min, end: r.max })) };
    }
    return { kind: "id", vlanId: vlan.id ?? 0 };
}

/** The security policy with the flags of `security` that are set (the others are left as they are). */
function securityPolicy(security: Partial<Security>): SecurityPolicy {
    return {
        allowPromiscuous: security.allowPromiscuous,
        macChanges: security.allowMacChanges,
        forgedTransmits: security.allowForgedTransmits,
    };
}

/** Reads the port group in one round trip; undefined when it is gone. */
async function read(client: VimClient, id: string): Promise<Live | undefined> {
    const info = await new DistributedVirtualPortgroup(client, id).info();
    if (!info) {
        return undefined;
    }
    const { config } = info;
    return {
        configVersion: config.configVersion,
        policy: config.policy,
        state: {
            switchId: config.distributedVirtualSwitch.value,
            name: info.name,
            vlan: vlanOf(config.vlan),
            ports: config.numPorts,
            autoExpand: config.autoExpand,
            binding: config.type,
            security: {
                allowPromiscuous: config.securityPolicy.allowPromiscuous,
                allowForgedTransmits: config.securityPolicy.forgedTransmits,
                allowMacChanges: config.securityPolicy.macChanges,
            },
            vlanOverrideAllowed: config.vlanOverrideAllowed,
            description: config.description,
            key: config.key,
            switchType: config.distributedVirtualSwitch.type,
        },
    };
}

async function mustRead(client: VimClient, id: string): Promise<Live> {
    const live = await read(client, id);
    return stillThere(live, "port group", id);
}

/** The flags of `want` that differ from `have`. */
function changedFlags(want: Security, have: Security): Partial<Security> | undefined {
    const changed = (Object.keys(want) as (keyof Security)[]).filter((f) => want[f] !== have[f]);
    return changed.length ? Object.fromEntries(changed.map((f) => [f, want[f]])) : undefined;
}

/**
 * The `DVPortgroupConfigSpec` that brings the port group to `want`, or undefined when nothing differs. Only what
 * differs is in it (of the port settings only the VLAN and the security flags that differ), with the port
 * group's current configVersion: vCenter keeps whatever the spec leaves out.
 */
export function portgroupSpec(want: Wanted, live: Live): PortgroupConfigSpec | undefined {
    const have = live.state;
    const spec: PortgroupConfigSpec = {};
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
            vlan: vlanChanged ? vlanSpec(want.vlan) : undefined,
            securityPolicy: flags && securityPolicy(flags),
        };
    }
    if (want.description !== undefined && want.description !== have.description) {
        spec.description = want.description;
    }
    if (want.binding !== have.binding) {
        spec.type = want.binding;
    }
    if (want.vlanOverrideAllowed !== have.vlanOverrideAllowed) {
        spec.policy = portgroupPolicy(live.policy, want.vlanOverrideAllowed);
    }
    if (want.autoExpand !== undefined && want.autoExpand !== have.autoExpand) {
        spec.autoExpand = want.autoExpand;
    }
    return Object.keys(spec).length ? { ...spec, configVersion: live.configVersion } : undefined;
}

/** The spec of a new port group: every declared setting. */
function createSpec(want: Wanted): PortgroupConfigSpec {
    const early = want.binding === "earlyBinding";
    return {
        name: want.name,
        numPorts: early ? (want.ports ?? ELASTIC_START_PORTS) : undefined,
        defaultPortConfig: { vlan: vlanSpec(want.vlan), securityPolicy: securityPolicy(want.security) },
        description: want.description,
        type: want.binding,
        policy: want.vlanOverrideAllowed ? portgroupPolicy(undefined, true) : undefined,
        autoExpand: want.autoExpand,
    };
}

/** Brings the port group to `want` with one reconfiguration carrying its configVersion, if anything differs. */
async function reconcile(client: VimClient, id: string, want: Wanted): Promise<Live> {
    const portgroup = new DistributedVirtualPortgroup(client, id);
    const { live, sent } = await reconfigureVersioned({
        what: `port group "${want.name}" (${id})`,
        read: () => mustRead(client, id),
        plan: (l) => portgroupSpec(want, l),
        apply: (spec) => portgroup.reconfigure(spec),
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
        const dvs = await DistributedVirtualSwitch.withFolder(client, want.switchId);
        if (!dvs) {
            throw new VSphereError(`the port group's distributed switch ${want.switchId} does not exist in vCenter`);
        }
        const path = joinPath(dvs.folderPath, want.name);
        const { ref, adopted } = await createOrAdopt(client, {
            kind: "port group",
            path,
            types: ["DistributedVirtualPortgroup"],
            adopt: inputs.adopt ?? false,
            owner: inputs.owner,
            parent: dvs.dvs.ref,
            create: async () => {
                await dvs.dvs.addPortgroup(createSpec(want));
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
        const portgroup = new DistributedVirtualPortgroup(client, id);
        await unlessGone(async () => {
            const what = `port group "${props.name}" (${id})`;
            const remedy = "connect their network adapters to another port group, or delete the VMs, first";
            await refuseWhileVms(client, what, await vmsOf(client, [portgroup.ref]), "has VMs connected to it", remedy);
            await portgroup.destroy();
        });
    }
}

export const provider = onConnection(new DistributedPortGroupProvider());
