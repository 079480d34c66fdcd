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
import type { OwnedInputs } from "../../model/owner";
import { diffByRules } from "../../model/diff";
import { VimClient } from "./client/client";
import { isFault, VSphereError } from "./client/faults";
import { joinPath } from "../../model/vsphere/inventoryPath";
import { HostConnectSpec } from "./vim/host";
import { ClusterComputeResource } from "./object/cluster";
import { pathOf } from "./object/datacenter";
import { HostSystem } from "./object/host";
import { stillThere, unlessGone } from "./object/managedObject";
import { onConnection, vsphereClient } from "./connection";
import { createOrAdopt } from "./lifecycle/adopt";
import { refuseWhileVms } from "./lifecycle/refusals";

type Inputs = pulumi.Unwrap<HostArgs> & OwnedInputs;

type Wanted = HostWanted;

/** What vCenter does not report about a host and the state keeps from before. */
type Known = Pick<HostState, "username" | "password" | "sslThumbprint">;

/** The `HostConnectSpec` for adding or reconnecting the host. */
function connectSpec(want: Wanted): HostConnectSpec {
    return {
        hostName: want.hostname,
        sslThumbprint: want.sslThumbprint,
        userName: want.username,
        password: want.password,
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

/** Reads a host in one round trip; undefined when it is gone. */
async function readState(client: VimClient, id: string, k: Known): Promise<HostState | undefined> {
    const info = await new HostSystem(client, id).info();
    return (
        info && {
            clusterId: info.parent.value,
            hostname: info.name,
            username: k.username,
            password: k.password,
            ...(k.sslThumbprint === undefined ? {} : { sslThumbprint: k.sslThumbprint }),
            maintenanceMode: info.inMaintenanceMode,
            connectionState: info.connectionState,
            datastoreSystemId: info.datastoreSystem.value,
            networkSystemId: info.networkSystem.value,
            version: info.product.version,
            build: info.product.build,
        }
    );
}

async function mustReadState(client: VimClient, id: string, k: Known): Promise<HostState> {
    const state = await readState(client, id, k);
    return stillThere(state, "host", id);
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
        const cluster = new ClusterComputeResource(client, want.clusterId);
        const clusterPath = await pathOf(
            client,
            cluster.ref,
            () => `the host's cluster ${want.clusterId} does not exist in vCenter`,
        );
        const path = joinPath(clusterPath, want.hostname);
        const { ref } = await createOrAdopt(client, {
            kind: "host",
            path,
            types: ["HostSystem"],
            adopt: inputs.adopt ?? false,
            owner: inputs.owner,
            parent: cluster.ref,
            create: async () => {
                const added = await HostSystem.add(client, cluster.ref, connectSpec(want)).catch((err) =>
                    explainConnectFault(err, want),
                );
                return added.ref;
            },
        });
        const state = await mustReadState(client, ref.value, knownOf(want));
        if (state.maintenanceMode === want.maintenanceMode) {
            return { id: ref.value, outs: state };
        }
        await new HostSystem(client, ref.value).setMaintenanceMode(want.maintenanceMode);
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
        const host = new HostSystem(client, id);
        if (credentials.some((f) => (olds[f] ?? undefined) !== (want[f] ?? undefined))) {
            await host.reconnect(connectSpec(want)).catch((err) => explainConnectFault(err, want));
        }
        if (olds.maintenanceMode !== want.maintenanceMode) {
            await host.setMaintenanceMode(want.maintenanceMode);
        }
        return { outs: await mustReadState(client, id, knownOf(want)) };
    }

    async delete(id: string, props: HostState): Promise<void> {
        const client = vsphereClient();
        const host = new HostSystem(client, id);
        await unlessGone(async () => {
            const use = await host.use();
            const remedy = "move them to another host or delete them first";
            const what = `host "${props.hostname}" (${id})`;
            await refuseWhileVms(client, what, use.vms, "has VMs registered on it", remedy);
            // vCenter removes a connected host from a cluster only in maintenance mode.
            if (use.connectionState === "connected" && !use.inMaintenanceMode) {
                await host.setMaintenanceMode(true);
            }
            await host.destroy();
        });
    }
}

export const provider = onConnection(new HostProvider());
