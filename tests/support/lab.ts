/**
 * The lab for tests: started once per test run (and reused when it already runs), never skipped. Tests use
 * unique object names, so they can run in any order and next to each other.
 */
import { execFile } from "node:child_process";
import * as crypto from "node:crypto";
import { promisify } from "node:util";
import { Lab, labConnectionsConfig, labEnvironment, labStackConfig, labUp, VSphereEndpoint } from "../../lab/lab";
import { configureProviders } from "../../provider/config";
import type { NeutronNetwork, NeutronSubnet } from "../../provider/openstack/client/neutron";
import { openstackSession } from "../../provider/openstack/connection";
import { Proxy, ProxyOptions, startProxy } from "./proxy";

const run = promisify(execFile);
let shared: Promise<Lab> | undefined;

/** The running lab, started on first use. */
export function sharedLab(): Promise<Lab> {
    shared ??= labUp();
    return shared;
}

/** A name no other test uses: `<prefix>-<8 hex>`. */
export function uniqueName(prefix: string): string {
    return `${prefix}-${crypto.randomBytes(4).toString("hex")}`;
}

/** Points the providers in this process at the lab, through the same stack config keys a program sets. */
export function configureProvidersForLab(lab: Lab): void {
    const config = labStackConfig(lab);
    // The named connections as the engine hands structured config to providers: one JSON text.
    const connections: Record<string, Record<string, string>> = {};
    for (const [key, { value }] of Object.entries(labConnectionsConfig(lab))) {
        const [, name, field] = key.split(".");
        (connections[name] ??= {})[field] = value;
    }
    config["vsphere-openstack:connections"] = { value: JSON.stringify(connections) };
    configureProviders({ get: (key: string) => config[key]?.value });
}

/** The lab with `endpoint` in the place of its first vCenter: the helpers here given it target that vCenter. */
export function atVCenter(lab: Lab, endpoint: VSphereEndpoint): Lab {
    return { ...lab, vsphere: endpoint };
}

/** The lab with its second vCenter in the place of the first: the helpers here given it target vCenter B. */
export function atVCenterB(lab: Lab): Lab {
    return atVCenter(lab, lab.vsphereB);
}

/** Runs govc against the lab's vCenter and returns its standard output. */
export async function govc(lab: Lab, ...args: string[]): Promise<string> {
    const { stdout } = await run("govc", args, { env: { ...process.env, ...labEnvironment(lab) } });
    return stdout;
}

/** The inventory paths under `path`, as `govc ls` lists them. */
export async function govcLs(lab: Lab, path: string): Promise<string[]> {
    return (await govc(lab, "ls", path)).split("\n").filter(Boolean);
}

/** Properties of a managed object (e.g. `Datacenter:datacenter-2`) read with `govc object.collect`. */
export async function govcCollect(lab: Lab, ref: string, ...props: string[]): Promise<Record<string, unknown>> {
    const out = JSON.parse(await govc(lab, "object.collect", "-json", ref, ...props)) as {
        name: string;
        val: unknown;
    }[];
    return Object.fromEntries(out.map((p) => [p.name, p.val]));
}

/** Runs the openstack CLI as the lab's admin and parses its JSON output (`-f json` is added). */
export async function openstackCli(lab: Lab, ...args: string[]): Promise<unknown> {
    const { stdout } = await run("/usr/bin/openstack", [...args, "-f", "json"], {
        env: { ...process.env, ...labEnvironment(lab) },
    });
    return stdout.trim() ? JSON.parse(stdout) : undefined;
}

/** Runs the openstack CLI as the lab's non-admin user `demo` (project `demo`) and parses its JSON output. */
export async function openstackCliAsDemo(lab: Lab, ...args: string[]): Promise<unknown> {
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        OS_CLIENT_CONFIG_FILE: lab.openstack.cloudsYaml,
        OS_CLOUD: "vso-demo",
    };
    for (const name of Object.keys(env).filter(
        (n) => n.startsWith("OS_") && !["OS_CLOUD", "OS_CLIENT_CONFIG_FILE"].includes(n),
    )) {
        delete env[name];
    }
    const { stdout } = await run("/usr/bin/openstack", [...args, "-f", "json"], { env });
    return stdout.trim() ? JSON.parse(stdout) : undefined;
}

/** Runs the openstack CLI for its exit status only (commands without output). */
export async function openstackCliQuiet(lab: Lab, ...args: string[]): Promise<void> {
    await run("/usr/bin/openstack", args, { env: { ...process.env, ...labEnvironment(lab) } });
}

/** A flavor as `openstack flavor show -f json` prints it. */
export interface CliFlavor {
    id: string;
    name: string;
    vcpus: number;
    ram: number;
    disk: number;
    description: string | null;
    properties: Record<string, string>;
}

/** A flavor read with the openstack CLI at compute microversion 2.61 (with its extra specs). */
export async function showFlavor(lab: Lab, id: string): Promise<CliFlavor> {
    return (await openstackCli(lab, "--os-compute-api-version", "2.61", "flavor", "show", id)) as CliFlavor;
}

/** The ids of all flavors, public and private, listed with the openstack CLI. */
export async function flavorIds(lab: Lab): Promise<string[]> {
    return ((await openstackCli(lab, "flavor", "list", "--all")) as { ID: string }[]).map((f) => f.ID);
}

/** A network as `openstack network show -f json` prints it: Neutron's attributes under their API names. */
export type CliNetwork = NeutronNetwork;

/** A subnet as `openstack subnet show -f json` prints it: Neutron's attributes under their API names. */
export type CliSubnet = NeutronSubnet;

/** A Neutron network read with the openstack CLI. */
export async function showNetwork(lab: Lab, id: string): Promise<CliNetwork> {
    return (await openstackCli(lab, "network", "show", id)) as CliNetwork;
}

/** A Neutron subnet read with the openstack CLI. */
export async function showSubnet(lab: Lab, id: string): Promise<CliSubnet> {
    return (await openstackCli(lab, "subnet", "show", id)) as CliSubnet;
}

/** The ids of the networks or subnets named `name`, listed with the openstack CLI. */
export async function neutronIdsNamed(lab: Lab, kind: "network" | "subnet", name: string): Promise<string[]> {
    return ((await openstackCli(lab, kind, "list", "--name", name)) as { ID: string }[]).map((n) => n.ID);
}

/** What `fn` returns, and the OpenStack requests (by `METHOD host:port`) this process sent while it ran. */
export async function openstackCalls<T>(fn: () => Promise<T>): Promise<{ value: T; calls: Record<string, number> }> {
    const stats = openstackSession().stats;
    const before = new Map(stats);
    const value = await fn();
    const calls = Object.fromEntries(
        [...stats].map(([key, n]) => [key, n - (before.get(key) ?? 0)] as const).filter(([, delta]) => delta > 0),
    );
    return { value, calls };
}

/** A provider's create that remembers what it made, and a `deleteAll` for the suite's `after` hook. */
export function trackedCreate<I, O>(provider: {
    create(inputs: I): Promise<{ id: string; outs?: O }>;
    delete(id: string, props: O): Promise<void>;
}): { create(inputs: I): Promise<{ id: string; outs: O }>; deleteAll(): Promise<void> } {
    const made = new Map<string, O>();
    return {
        async create(inputs: I) {
            const { id, outs } = await provider.create(inputs);
            made.set(id, outs!);
            return { id, outs: outs! };
        },
        async deleteAll() {
            for (const [id, outs] of made) {
                await provider.delete(id, outs);
            }
        },
    };
}

/**
 * Runs `fn` with a new Keystone region whose `serviceType` endpoint is a proxy (see {@link startProxy}) in front
 * of the lab's service on `port` (`url` is the path after the proxy's address, e.g. `/v2.1`). The region and
 * endpoint are removed afterwards.
 */
export async function withProxiedRegion(
    lab: Lab,
    serviceType: string,
    port: number,
    url: string,
    options: ProxyOptions,
    fn: (proxy: Proxy, region: string) => Promise<void>,
): Promise<void> {
    const proxy = await startProxy(`http://127.0.0.1:${port}`, options);
    const region = uniqueName("Proxied");
    await openstackCliQuiet(lab, "region", "create", region);
    const endpoint = (await openstackCli(
        lab,
        "endpoint",
        "create",
        "--region",
        region,
        serviceType,
        "public",
        `${proxy.url}${url}`,
    )) as { id: string };
    try {
        await fn(proxy, region);
    } finally {
        await openstackCliQuiet(lab, "endpoint", "delete", endpoint.id);
        await openstackCliQuiet(lab, "region", "delete", region);
        await proxy.close();
    }
}

/**
 * Runs `fn` with the providers of this process pointed at a region whose `serviceType` endpoint loses the
 * answer to the first request `matches` accepts (see {@link withProxiedRegion}).
 */
export function withLossyEndpoint(
    lab: Lab,
    serviceType: string,
    port: number,
    url: string,
    matches: (method: string, path: string) => boolean,
    fn: (proxy: Proxy) => Promise<void>,
): Promise<void> {
    return withProxiedRegion(lab, serviceType, port, url, { lose: { matches, times: 1 } }, async (proxy, region) => {
        const config: Record<string, { value: string }> = {
            ...labStackConfig(lab),
            "openstack:region": { value: region },
        };
        configureProviders({ get: (key: string) => config[key]?.value });
        try {
            await fn(proxy);
        } finally {
            configureProvidersForLab(lab);
        }
    });
}
