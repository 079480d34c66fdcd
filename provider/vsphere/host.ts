/** The provider of `vsphere.Host`. */
import type * as pulumi from "@pulumi/pulumi";
import {
    checkInputs,
    DEFAULT_USERNAME,
    HostArgs,
    HostState,
    HostWanted,
    rules,
    wanted,
} from "../../model/vsphere/host";
import { configureProviders } from "../config";
import { diffByRules } from "../../model/diff";
import { VimClient } from "./client/client";
import { isFault, VSphereError } from "./client/faults";
import { escapeName, joinPath } from "../../model/vsphere/inventoryPath";
import { Properties, retrieveAncestors, retrieveObject } from "./client/propertyCollector";
import { runTask } from "./client/task";
import { bool, list, ManagedObjectReference, moref, obj, SoapObject, str } from "./client/xml";
import { isGone, stillThere, unlessGone } from "./object";
import { onConnection, vsphereClient } from "./connection";
import { createOrAdopt } from "./lifecycle";
import { refuseWhileVms } from "./vms";

type Inputs = pulumi.Unwrap<HostArgs>;

type Wanted = HostWanted;

/** What vCenter does not report about a host and the state keeps from before. */
type Known = Pick<HostState, "username" | "password" | "sslThumbprint">;

/** How long entering or leaving maintenance mode may take before vCenter gives up (`Timedout`), in seconds. */
export const MAINTENANCE_TIMEOUT_SECONDS = 1800;
const PROPERTIES = [
    "name",
    "parent",
    "runtime.connectionState",
    "runtime.inMaintenanceMode",
    "configManager.datastoreSystem",
    "configManager.networkSystem",
    "summary.config.product",
];

function hostRef(id: string): ManagedObjectReference {
    return new ManagedObjectReference("HostSystem", id);
}

function clusterRef(id: string): ManagedObjectReference {
    return new ManagedObjectReference("ClusterComputeResource", id);
}

/** The `HostConnectSpec` for adding or reconnecting the host (fields in WSDL order; `force` is required). */
function connectSpec(want: Wanted): SoapObject {
    return {
        hostName: want.hostname,
        sslThumbprint: want.sslThumbprint,
        userName: want.username,
        password: want.password,
        force: false,
    };
}

/**
 * Explains the faults of connecting a host that call for the user's action; others are rethrown as they are.
 */
function explainConnectFault(err: unknown, want: Wanted): never {
    if (isFault(err, "SSLVerifyFault")) {
        const presented = typeof err.detail.thumbprint === "string" ? err.detail.thumbprint : "?";
        const declared = want.sslThumbprint ? `, not the declared ${want.sslThumbprint}` : "";
        throw new VSphereError(
            `vCenter could not verify the certificate of host ${want.hostname}: the host presented thumbprint ` +
                `${presented}${declared}. If that is the host's certificate (compare it on the host's console), set ` +
                `sslThumbprint to it`,
            { cause: err },
        );
    }
    if (isFault(err, "AlreadyConnected")) {
        throw new VSphereError(
            `host ${want.hostname} is already connected to this vCenter in another cluster or folder: remove it ` +
                `there first, or declare the host where it is (with adopt: true)`,
            { cause: err },
        );
    }
    if (isFault(err, "InvalidLogin")) {
        throw new VSphereError(`host ${want.hostname} refused ${want.username}'s password`, { cause: err });
    }
    throw err;
}

/** The inventory path of a cluster, read with its ancestors in one round trip; fails naming a missing cluster. */
async function clusterPath(client: VimClient, clusterId: string): Promise<string> {
    let chain;
    try {
        chain = await retrieveAncestors(client, clusterRef(clusterId), ["name"]);
    } catch (err) {
        if (isGone(err)) {
            throw new VSphereError(`the host's cluster ${clusterId} does not exist in vCenter`, { cause: err });
        }
        throw err;
    }
    // The root folder ends the chain; its name is not part of paths.
    const names = chain.slice(0, -1).map((o) => escapeName(str(o.props.name, "name")));
    return "/" + names.reverse().join("/");
}

function stateOf(props: Properties, k: Known): HostState {
    const product = obj(props["summary.config.product"], "HostSystem.summary.config.product");
    return {
        clusterId: moref(props.parent, "HostSystem.parent").value,
        hostname: str(props.name, "HostSystem.name"),
        username: k.username,
        password: k.password,
        ...(k.sslThumbprint === undefined ? {} : { sslThumbprint: k.sslThumbprint }),
        maintenanceMode: bool(props["runtime.inMaintenanceMode"], "HostSystem.runtime.inMaintenanceMode"),
        connectionState: str(props["runtime.connectionState"], "HostSystem.runtime.connectionState"),
        datastoreSystemId: moref(props["configManager.datastoreSystem"], "configManager.datastoreSystem").value,
        networkSystemId: moref(props["configManager.networkSystem"], "configManager.networkSystem").value,
        version: str(product.version, "product.version"),
        build: str(product.build, "product.build"),
    };
}

/** Reads a host in one round trip; undefined when it is gone. */
async function readState(client: VimClient, id: string, k: Known): Promise<HostState | undefined> {
    return unlessGone(async () => stateOf(await retrieveObject(client, hostRef(id), PROPERTIES), k));
}

async function mustReadState(client: VimClient, id: string, k: Known): Promise<HostState> {
    const state = await readState(client, id, k);
    return stillThere(state, "host", id);
}

/** Enters or leaves maintenance mode and waits until the host is there. */
async function setMaintenanceMode(client: VimClient, id: string, on: boolean): Promise<void> {
    await runTask(client, on ? "EnterMaintenanceMode_Task" : "ExitMaintenanceMode_Task", {
        _this: hostRef(id),
        timeout: MAINTENANCE_TIMEOUT_SECONDS,
    });
}

function knownOf(want: Wanted): Known {
    return {
        username: want.username,
        password: want.password,
        sslThumbprint: want.sslThumbprint,
    };
}

class HostProvider implements pulumi.dynamic.ResourceProvider<Inputs, HostState> {
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        configureProviders(req.config);
    }

    async check(_olds: Inputs, news: Inputs): Promise<pulumi.dynamic.CheckResult<Inputs>> {
        return checkInputs(news);
    }

    async diff(_id: string, olds: HostState, news: Inputs): Promise<pulumi.dynamic.DiffResult> {
        return diffByRules(rules, olds, wanted(news));
    }

    async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<HostState>> {
        const client = vsphereClient();
        const want = wanted(inputs);
        const path = joinPath(await clusterPath(client, want.clusterId), want.hostname);
        const { ref } = await createOrAdopt(client, {
            kind: "host",
            path,
            types: ["HostSystem"],
            adopt: inputs.adopt ?? false,
            create: async () => {
                const args = { _this: clusterRef(want.clusterId), spec: connectSpec(want), asConnected: true };
                const added = await runTask(client, "AddHost_Task", args).catch((err) =>
                    explainConnectFault(err, want),
                );
                return moref(added, "AddHost_Task");
            },
        });
        const state = await mustReadState(client, ref.value, knownOf(want));
        if (state.maintenanceMode === want.maintenanceMode) {
            return { id: ref.value, outs: state };
        }
        await setMaintenanceMode(client, ref.value, want.maintenanceMode);
        return { id: ref.value, outs: await mustReadState(client, ref.value, knownOf(want)) };
    }

    async read(id: string, props?: HostState): Promise<pulumi.dynamic.ReadResult<HostState>> {
        const k = {
            username: props?.username ?? DEFAULT_USERNAME,
            password: props?.password ?? "",
            sslThumbprint: props?.sslThumbprint,
        };
        const state = await readState(vsphereClient(), id, k);
        return state ? { id, props: state } : {};
    }

    async update(id: string, olds: HostState, news: Inputs): Promise<pulumi.dynamic.UpdateResult<HostState>> {
        const client = vsphereClient();
        const want = wanted(news);
        const credentials = ["username", "password", "sslThumbprint"] as const;
        if (credentials.some((f) => (olds[f] ?? undefined) !== (want[f] ?? undefined))) {
            await runTask(client, "ReconnectHost_Task", { _this: hostRef(id), cnxSpec: connectSpec(want) }).catch(
                (err) => explainConnectFault(err, want),
            );
        }
        if (olds.maintenanceMode !== want.maintenanceMode) {
            await setMaintenanceMode(client, id, want.maintenanceMode);
        }
        return { outs: await mustReadState(client, id, knownOf(want)) };
    }

    async delete(id: string, props: HostState): Promise<void> {
        const client = vsphereClient();
        await unlessGone(async () => {
            const p = await retrieveObject(client, hostRef(id), [
                "vm",
                "runtime.connectionState",
                "runtime.inMaintenanceMode",
            ]);
            const vms = list(p.vm).map((v) => moref(v, "HostSystem.vm"));
            const remedy = "move them to another host or delete them first";
            await refuseWhileVms(client, `host "${props.hostname}" (${id})`, vms, "has VMs registered on it", remedy);
            // vCenter removes a connected host from a cluster only in maintenance mode.
            const inMaintenance = bool(p["runtime.inMaintenanceMode"], "HostSystem.runtime.inMaintenanceMode");
            if (p["runtime.connectionState"] === "connected" && !inMaintenance) {
                await setMaintenanceMode(client, id, true);
            }
            await runTask(client, "Destroy_Task", { _this: hostRef(id) });
        });
    }
}

export const provider = onConnection(new HostProvider());
