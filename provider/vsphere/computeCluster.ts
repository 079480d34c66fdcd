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
import { diffByRules } from "../../model/diff";
import { VimClient } from "./client/client";
import { joinPath } from "../../model/vsphere/inventoryPath";
import { Properties, retrieveObject } from "./client/propertyCollector";
import { runTask } from "./client/task";
import { bool, list, ManagedObjectReference, moref, obj, SoapObject, str, VimObject, VimValue } from "./client/xml";
import { stillThere, unlessGone } from "./object";
import { onConnection, vsphereClient } from "./connection";
import { datacenterFolder } from "./datacenterFolder";
import { createOrAdopt, refuseToLoseContents } from "./lifecycle";
import { refuseWhileVms, vmsWithin } from "./vms";

type Inputs = ComputeClusterInputs;
type Wanted = ComputeClusterWanted;

/** What vCenter does not report about a cluster and the state keeps from before. */
type Known = Pick<ComputeClusterState, "datacenterId" | "datacenterPath" | "forceDestroy">;

const PROPERTIES = ["name", "resourcePool", "configurationEx"];

function clusterRef(id: string): ManagedObjectReference {
    return new ManagedObjectReference("ClusterComputeResource", id);
}

/** The migration threshold of the vSphere Client (1 conservative … 5 aggressive) is vmotionRate reversed. */
export function vmotionRate(migrationThreshold: number): number {
    return 6 - migrationThreshold;
}

// Checks of the nested settings.

// The wire format of the settings.

/** An optional data object; vCenter sends an unset one as an empty element. */
function section(value: VimValue | undefined, what: string): VimObject {
    return value === undefined || value === "" ? {} : obj(value, what);
}

/** The DRS and HA settings of a `ClusterConfigInfoEx`; what vCenter leaves unset has its default value. */
export function settingsOf(configurationEx: VimValue | undefined): { drs: ClusterDrs; ha: ClusterHa } {
    const cfg = obj(configurationEx, "ClusterComputeResource.configurationEx");
    const drs = section(cfg.drsConfig, "configurationEx.drsConfig");
    const das = section(cfg.dasConfig, "configurationEx.dasConfig");
    return {
        drs: {
            enabled: bool(drs.enabled, "drsConfig.enabled", DEFAULT_DRS.enabled),
            automationLevel:
                drs.defaultVmBehavior === undefined
                    ? DEFAULT_DRS.automationLevel
                    : (str(drs.defaultVmBehavior, "drsConfig.defaultVmBehavior") as DrsAutomationLevel),
            migrationThreshold:
                drs.vmotionRate === undefined
                    ? DEFAULT_DRS.migrationThreshold
                    : vmotionRate(Number(str(drs.vmotionRate, "drsConfig.vmotionRate"))),
        },
        ha: {
            enabled: bool(das.enabled, "dasConfig.enabled", DEFAULT_HA.enabled),
            admissionControlEnabled: bool(
                das.admissionControlEnabled,
                "dasConfig.admissionControlEnabled",
                DEFAULT_HA.admissionControlEnabled,
            ),
            hostMonitoring:
                das.hostMonitoring === undefined
                    ? DEFAULT_HA.hostMonitoring
                    : (str(das.hostMonitoring, "dasConfig.hostMonitoring") as HaHostMonitoring),
        },
    };
}

/**
 * The `ClusterConfigSpecEx` fields that bring the settings `have` (none: a new cluster) to `want`: only what
 * differs, in WSDL order. Undefined when nothing differs.
 */
export function configSpec(
    have: Pick<Wanted, "drs" | "ha"> | undefined,
    want: Pick<Wanted, "drs" | "ha">,
): SoapObject | undefined {
    const das: SoapObject = {};
    if (have?.ha.enabled !== want.ha.enabled) {
        das.enabled = want.ha.enabled;
    }
    if (have?.ha.hostMonitoring !== want.ha.hostMonitoring) {
        das.hostMonitoring = want.ha.hostMonitoring;
    }
    if (have?.ha.admissionControlEnabled !== want.ha.admissionControlEnabled) {
        das.admissionControlEnabled = want.ha.admissionControlEnabled;
    }
    const drs: SoapObject = {};
    if (have?.drs.enabled !== want.drs.enabled) {
        drs.enabled = want.drs.enabled;
    }
    if (have?.drs.automationLevel !== want.drs.automationLevel) {
        drs.defaultVmBehavior = want.drs.automationLevel;
    }
    if (have?.drs.migrationThreshold !== want.drs.migrationThreshold) {
        drs.vmotionRate = vmotionRate(want.drs.migrationThreshold);
    }
    const spec: SoapObject = {};
    if (Object.keys(das).length) {
        spec.dasConfig = das;
    }
    if (Object.keys(drs).length) {
        spec.drsConfig = drs;
    }
    return Object.keys(spec).length ? spec : undefined;
}

// Reading and changing a cluster.

function stateOf(props: Properties, k: Known): ComputeClusterState {
    return {
        datacenterId: k.datacenterId,
        name: str(props.name, "ClusterComputeResource.name"),
        ...settingsOf(props.configurationEx),
        datacenterPath: k.datacenterPath,
        resourcePoolId: moref(props.resourcePool, "ClusterComputeResource.resourcePool").value,
        forceDestroy: k.forceDestroy,
    };
}

/** Reads a cluster in one round trip; undefined when it is gone. */
async function readState(client: VimClient, id: string, k: Known): Promise<ComputeClusterState | undefined> {
    return unlessGone(async () => stateOf(await retrieveObject(client, clusterRef(id), PROPERTIES), k));
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
    const ref = clusterRef(id);
    if (have.name !== want.name) {
        await runTask(client, "Rename_Task", { _this: ref, newName: want.name });
    }
    const spec = configSpec(have, want);
    if (spec) {
        await runTask(client, "ReconfigureComputeResource_Task", {
            _this: ref,
            spec: { $type: "ClusterConfigSpecEx", ...spec },
            modify: true,
        });
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
        const { folder, datacenterPath } = await datacenterFolder(
            client,
            want.datacenterId,
            "hostFolder",
            "the cluster",
        );
        const { ref, adopted } = await createOrAdopt(client, {
            kind: "compute cluster",
            path: joinPath(joinPath(datacenterPath, "host"), want.name),
            types: ["ClusterComputeResource"],
            adopt: inputs.adopt ?? false,
            create: async () =>
                moref(
                    await client.invoke("CreateClusterEx", {
                        _this: folder,
                        name: want.name,
                        spec: configSpec(undefined, want) ?? {},
                    }),
                    "CreateClusterEx",
                ),
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
        await unlessGone(async () => {
            const { host } = await retrieveObject(client, clusterRef(id), ["host"]);
            const hosts = list(host).map((h) => moref(h, "ClusterComputeResource.host"));
            const what = `compute cluster "${props.name}" (${id})`;
            const remedy = "move them out of the cluster or delete them first";
            const vms = hosts.length ? await vmsWithin(client, clusterRef(id)) : [];
            await refuseWhileVms(client, what, vms, "has VMs on its hosts", remedy);
            await refuseToLoseContents(client, what, hosts, props.forceDestroy);
            await runTask(client, "Destroy_Task", { _this: clusterRef(id) });
        });
    }
}

export const provider = onConnection(new ComputeClusterProvider());
