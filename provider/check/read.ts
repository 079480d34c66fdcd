/**
 * Reads both sides of a deployment for the check, through the connections the stack's providers use, and counts
 * the calls it made: vim25 methods per vCenter, OpenStack requests per service address.
 */
import type { Snapshots } from "../../sdk/check/findings";
import type { CheckCalls, Deployment } from "../../sdk/check/snapshot";
import { novaComputeHost } from "../../sdk/stack/render";
import { ConfigSource, configureProviders } from "../config";
import { openstackSession } from "../openstack/connection";
import { connectionClient } from "../vsphere/connection";
import { readOpenStack } from "./openstack";
import { readVSphere } from "./vsphere";

/** The counts of `after` that grew since `before`, by key. */
function delta(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
    return Object.fromEntries(
        [...after].map(([key, n]) => [key, n - (before.get(key) ?? 0)] as const).filter(([, n]) => n > 0),
    );
}

/** Reads every vCenter of `deployment` and OpenStack, with the settings of `config` (the stack config). */
export async function readSnapshots(
    deployment: Deployment,
    config: ConfigSource,
): Promise<{ snapshots: Snapshots; calls: CheckCalls }> {
    configureProviders(config);
    const session = openstackSession();
    const clients = deployment.vcenters.map((v) => ({ v, client: connectionClient(v.name) }));
    const before = {
        vsphere: clients.map(({ client }) => new Map(client.transport.stats.byMethod)),
        openstack: new Map(session.stats),
    };
    const hosts = deployment.vcenters.flatMap((v) => v.clusters.map((c) => novaComputeHost(v.name, c.name)));
    const [vsphere, openstack] = await Promise.all([
        Promise.all(clients.map(({ v, client }) => readVSphere(client, v))),
        readOpenStack(session, hosts),
    ]);
    return {
        snapshots: { vsphere: Object.fromEntries(vsphere.map((s) => [s.vcenter, s])), openstack },
        calls: {
            vsphere: Object.fromEntries(
                clients.map(({ v, client }, i) => [v.name, delta(before.vsphere[i], client.transport.stats.byMethod)]),
            ),
            openstack: delta(before.openstack, session.stats),
        },
    };
}
