/** The provider of `vsphere.ComputeCluster`. */
import type * as pulumi from "@pulumi/pulumi";
import {
    checkInputs,
    ClusterDrs,
    ClusterHa,
    ComputeClusterInputs,
    ComputeClusterState,
    ComputeClusterWanted,
    DEFAULT_DRS,
    DrsAutomationLevel,
    HaHostMonitoring,
    DEFAULT_HA,
    rules,
    wanted,
} from "../../model/vsphere/computeCluster";
import { configureProviders } from "../config";
import type { OwnedInputs } from "../../model/owner";
import { diffByRules } from "../../model/diff";
import { VimClient } from "./client/client";
import { joinPath } from "../../model/vsphere/inventoryPath";
import { ClusterConfig, ClusterDasConfig, ClusterDrsConfig } from "./vim/cluster";
import { ClusterComputeResource } from "./object/cluster";
import { Datacenter } from "./object/datacenter";
import { stillThere, unlessGone } from "./object/managedObject";
import { vmsWithin } from "./object/vms";
import { onConnection, vsphereClient } from "./connection";
import { createOrAdopt } from "./lifecycle/adopt";
import { refuseToLoseContents, refuseWhileVms } from "./lifecycle/refusals";

type Inputs = ComputeClusterInputs & OwnedInputs;
type Wanted = ComputeClusterWanted;

/** What vCenter does not report about a cluster and the state keeps from before. */
type Known = Pick<ComputeClusterState, "datacenterId" | "datacenterPath" | "forceDestroy">;

/** The migration threshold of the vSphere Client (1 conservative … 5 aggressive) is vmotionRate reversed. */
export function vmotionRate(migrationThreshold: number): number {
    return 6 - migrationThreshold;
}

/** The DRS and HA settings of a cluster's configuration; what vCenter leaves unset has its default value. */
export function settingsOf(config: ClusterConfig): { drs: ClusterDrs; ha: ClusterHa } {
    const drs = config.drsConfig ?? {};
    const das = config.dasConfig ?? {};
    return {
        drs: {
            enabled: drs.enabled ?? DEFAULT_DRS.enabled,
            automationLevel: (drs.defaultVmBehavior as DrsAutomationLevel | undefined) ?? DEFAULT_DRS.automationLevel,
            migrationThreshold:
                drs.vmotionRate === undefined ? DEFAULT_DRS.migrationThreshold : vmotionRate(drs.vmotionRate),
        },
        ha: {
            enabled: das.enabled ?? DEFAULT_HA.enabled,
            admissionControlEnabled: das.admissionControlEnabled ?? DEFAULT_HA.admissionControlEnabled,
            hostMonitoring: (das.hostMonitoring as HaHostMonitoring | undefined) ?? DEFAULT_HA.hostMonitoring,
        },
    };
}

/** `fields` without those that are undefined; undefined when none is left. */
function onlySet<T extends object>(fields: T): T | undefined {
    const set = Object.entries(fields).filter(([, v]) => v !== undefined);
    return set.length ? (Object.fromEntries(set) as T) : undefined;
}

/**
 * The cluster settings that bring `have` (none: a new cluster) to `want`: only what differs. Undefined when
 * nothing differs.
 */
export function configSpec(
    have: Pick<Wanted, "drs" | "ha"> | undefined,
    want: Pick<Wanted, "drs" | "ha">,
): ClusterConfig | undefined {
    const changed = <T>(from: T | undefined, to: T) => (from === to ? undefined : to);
    const threshold = changed(have?.drs.migrationThreshold, want.drs.migrationThreshold);
    return onlySet<ClusterConfig>({
        dasConfig: onlySet<ClusterDasConfig>({
            enabled: changed(have?.ha.enabled, want.ha.enabled),
            hostMonitoring: changed(have?.ha.hostMonitoring, want.ha.hostMonitoring),
            admissionControlEnabled: changed(have?.ha.admissionControlEnabled, want.ha.admissionControlEnabled),
        }),
        drsConfig: onlySet<ClusterDrsConfig>({
            enabled: changed(have?.drs.enabled, want.drs.enabled),
            defaultVmBehavior: changed(have?.drs.automationLevel, want.drs.automationLevel),
            vmotionRate: threshold === undefined ? undefined : vmotionRate(threshold),
        }),
    });
}

/** Reads a cluster in one round trip; undefined when it is gone. */
async function readState(client: VimClient, id: string, k: Known): Promise<ComputeClusterState | undefined> {
    const info = await new ClusterComputeResource(client, id).info();
    return (
        info && {
            datacenterId: k.datacenterId,
            name: info.name,
            ...settingsOf(info.config),
            datacenterPath: k.datacenterPath,
            resourcePoolId: info.resourcePool.value,
            forceDestroy: k.forceDestroy,
        }
    );
}

async function mustReadState(client: VimClient, id: string, k: Known): Promise<ComputeClusterState> {
    const state = await readState(client, id, k);
    return stillThere(state, "compute cluster", id);
}

/**
 * Brings the cluster from `have` to `want`: a rename if the name differs, one reconfiguration (`modify: true`)
 * with only the settings that differ, then one read. Nothing is sent when nothing differs.
 */
async function reconcile(
    client: VimClient,
    id: string,
    have: Wanted,
    want: Wanted,
    k: Known,
): Promise<ComputeClusterState> {
    const cluster = new ClusterComputeResource(client, id);
    if (have.name !== want.name) {
        await cluster.rename(want.name);
    }
    const spec = configSpec(have, want);
    if (spec) {
        await cluster.reconfigure(spec);
    }
    return mustReadState(client, id, k);
}

class ComputeClusterProvider implements pulumi.dynamic.ResourceProvider<Inputs, ComputeClusterState> {
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        configureProviders(req.config);
    }

    async check(_olds: Inputs, news: Inputs): Promise<pulumi.dynamic.CheckResult<Inputs>> {
        return checkInputs(news);
    }

    async diff(_id: string, olds: ComputeClusterState, news: Inputs): Promise<pulumi.dynamic.DiffResult> {
        return diffByRules(rules, olds, wanted(news));
    }

    async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<ComputeClusterState>> {
        const client = vsphereClient();
        const want = wanted(inputs);
        const { folder, datacenterPath } = await new Datacenter(client, want.datacenterId).folder(
            "hostFolder",
            "the cluster",
        );
        const { ref, adopted } = await createOrAdopt(client, {
            kind: "compute cluster",
            path: joinPath(joinPath(datacenterPath, "host"), want.name),
            types: ["ClusterComputeResource"],
            adopt: inputs.adopt ?? false,
            owner: inputs.owner,
            parent: new Datacenter(client, want.datacenterId).ref,
            create: async () =>
                (await ClusterComputeResource.create(client, folder, want.name, configSpec(undefined, want) ?? {})).ref,
        });
        const k = { datacenterId: want.datacenterId, datacenterPath, forceDestroy: want.forceDestroy };
        const state = await mustReadState(client, ref.value, k);
        return { id: ref.value, outs: adopted ? await reconcile(client, ref.value, state, want, k) : state };
    }

    async read(id: string, props?: ComputeClusterState): Promise<pulumi.dynamic.ReadResult<ComputeClusterState>> {
        const k = {
            datacenterId: props?.datacenterId ?? "",
            datacenterPath: props?.datacenterPath ?? "",
            forceDestroy: props?.forceDestroy ?? false,
        };
        const state = await readState(vsphereClient(), id, k);
        return state ? { id, props: state } : {};
    }

    async update(
        id: string,
        olds: ComputeClusterState,
        news: Inputs,
    ): Promise<pulumi.dynamic.UpdateResult<ComputeClusterState>> {
        const want = wanted(news);
        const k = {
            datacenterId: olds.datacenterId,
            datacenterPath: olds.datacenterPath,
            forceDestroy: want.forceDestroy,
        };
        return { outs: await reconcile(vsphereClient(), id, olds, want, k) };
    }

    async delete(id: string, props: ComputeClusterState): Promise<void> {
        const client = vsphereClient();
        const cluster = new ClusterComputeResource(client, id);
        await unlessGone(async () => {
            const hosts = await cluster.hosts();
            const what = `compute cluster "${props.name}" (${id})`;
            const remedy = "move them out of the cluster or delete them first";
            const vms = hosts.length ? await vmsWithin(client, cluster.ref) : [];
            await refuseWhileVms(client, what, vms, "has VMs on its hosts", remedy);
            await refuseToLoseContents(client, what, hosts, props.forceDestroy);
            await cluster.destroy();
        });
    }
}

export const provider = onConnection(new ComputeClusterProvider());
