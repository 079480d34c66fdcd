/** The provider of `vsphere.Host`. */
import type * as pulumi from "@pulumi/pulumi";
import type { HostArgs, HostState } from "../../sdk/vsphere/host";
import { InputChecker, isKnown } from "../../model/check";
import { configureProviders } from "../config";
import { diffByRules, FieldRules, UNKNOWN } from "../../model/diff";
import { VimClient } from "./client/client";
import { isFault, VSphereError } from "./client/faults";
import { escapeName, joinPath } from "../../model/vsphere/inventoryPath";
import { Properties, retrieveAncestors, retrieveObject } from "./client/propertyCollector";
import { runTask } from "./client/task";
import { list, ManagedObjectReference, moref, obj, SoapObject, str } from "./client/xml";
import { onConnection, vsphereClient } from "./connection";
import { checkLifecycle, MAX_NAME_LENGTH } from "../../model/vsphere/lifecycle";
import { createOrAdopt } from "./lifecycle";
import { refuseWhileVms } from "./vms";

type Inputs = pulumi.Unwrap<HostArgs>;

/** The settings the inputs declare, defaults applied. */
type Wanted = Pick<HostState, "clusterId" | "hostname" | "username" | "password" | "sslThumbprint" | "maintenanceMode">;

/** What vCenter does not report about a host and the state keeps from before. */
type Known = Pick<HostState, "username" | "password" | "sslThumbprint">;

export const DEFAULT_USERNAME = "root";
/** How long entering or leaving maintenance mode may take before vCenter gives up (`Timedout`), in seconds. */
export const MAINTENANCE_TIMEOUT_SECONDS = 1800;
/** A host name: a DNS name or an IPv4 or IPv6 address, as vCenter accepts it for `HostConnectSpec.hostName`. */
const HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9.:-]*[A-Za-z0-9])?$/;
/** A SHA-1 thumbprint as vCenter writes it: 20 hex bytes separated by colons. */
const THUMBPRINT = /^([0-9A-Fa-f]{2}:){19}[0-9A-Fa-f]{2}$/;

export const rules: FieldRules<HostState> = {
    replace: ["clusterId", "hostname"],
    update: ["username", "password", "sslThumbprint", "maintenanceMode"],
    // A host can be connected to a vCenter once: it must leave the old cluster before it joins another.
    deleteBeforeReplace: true,
};

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

function wanted(inputs: Inputs): Wanted {
    const thumbprint = inputs.sslThumbprint;
    return {
        clusterId: inputs.clusterId,
        hostname: inputs.hostname,
        username: inputs.username ?? DEFAULT_USERNAME,
        password: inputs.password,
        sslThumbprint: typeof thumbprint === "string" && thumbprint !== UNKNOWN ? thumbprint.toUpperCase() : thumbprint,
        maintenanceMode: inputs.maintenanceMode ?? false,
    };
}

function checkInputs(c: InputChecker, news: Inputs): void {
    c.name("clusterId", news.clusterId, MAX_NAME_LENGTH);
    c.name("hostname", news.hostname, 255);
    if (typeof news.hostname === "string" && news.hostname !== UNKNOWN && !HOSTNAME.test(news.hostname)) {
        c.fail(
            "hostname",
            `hostname must be a DNS name or IP address such as esx-01.example.com, not ${JSON.stringify(news.hostname)}`,
        );
    }
    c.name("username", news.username, 255, false);
    // The password never appears in a message.
    if (!isKnown(news.password) && news.password !== UNKNOWN) {
        c.fail("password", `password is required: the password of ${news.username ?? DEFAULT_USERNAME} on the host`);
    } else if (isKnown(news.password) && (typeof news.password !== "string" || news.password === "")) {
        c.fail("password", "password must be a non-empty string");
    }
    if (isKnown(news.sslThumbprint) && !THUMBPRINT.test(String(news.sslThumbprint))) {
        c.fail(
            "sslThumbprint",
            "sslThumbprint must be the SHA-1 thumbprint of the host's certificate, 20 hex bytes separated by colons " +
                `(AB:12:…), not ${JSON.stringify(news.sslThumbprint)}`,
        );
    }
    c.boolean("maintenanceMode", news.maintenanceMode);
    checkLifecycle(c, news);
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
        if (isFault(err, "ManagedObjectNotFound")) {
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
        maintenanceMode: props["runtime.inMaintenanceMode"] === true || props["runtime.inMaintenanceMode"] === "true",
        connectionState: str(props["runtime.connectionState"], "HostSystem.runtime.connectionState"),
        datastoreSystemId: moref(props["configManager.datastoreSystem"], "configManager.datastoreSystem").value,
        networkSystemId: moref(props["configManager.networkSystem"], "configManager.networkSystem").value,
        version: str(product.version, "product.version"),
        build: str(product.build, "product.build"),
    };
}

/** Reads a host in one round trip; undefined when it is gone. */
async function readState(client: VimClient, id: string, k: Known): Promise<HostState | undefined> {
    try {
        return stateOf(await retrieveObject(client, hostRef(id), PROPERTIES), k);
    } catch (err) {
        if (isFault(err, "ManagedObjectNotFound")) {
            return undefined;
        }
        throw err;
    }
}

async function mustReadState(client: VimClient, id: string, k: Known): Promise<HostState> {
    const state = await readState(client, id, k);
    if (!state) {
        throw new VSphereError(`host ${id} disappeared from vCenter while it was being changed`);
    }
    return state;
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
        const c = new InputChecker();
        checkInputs(c, news);
        const want = wanted(news);
        const thumbprint = want.sslThumbprint === undefined ? {} : { sslThumbprint: want.sslThumbprint };
        return c.result({ ...news, username: want.username, ...thumbprint, maintenanceMode: want.maintenanceMode });
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
        try {
            const p = await retrieveObject(client, hostRef(id), [
                "vm",
                "runtime.connectionState",
                "runtime.inMaintenanceMode",
            ]);
            const vms = list(p.vm).map((v) => moref(v, "HostSystem.vm"));
            const remedy = "move them to another host or delete them first";
            await refuseWhileVms(client, `host "${props.hostname}" (${id})`, vms, "has VMs registered on it", remedy);
            // vCenter removes a connected host from a cluster only in maintenance mode.
            const inMaintenance = p["runtime.inMaintenanceMode"] === true || p["runtime.inMaintenanceMode"] === "true";
            if (p["runtime.connectionState"] === "connected" && !inMaintenance) {
                await setMaintenanceMode(client, id, true);
            }
            await runTask(client, "Destroy_Task", { _this: hostRef(id) });
        } catch (err) {
            if (!isFault(err, "ManagedObjectNotFound")) {
                throw err;
            }
        }
    }
}

export const provider = onConnection(new HostProvider());
