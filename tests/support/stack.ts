/**
 * End-to-end checks of an `OpenStackOnVSphere` stack against the lab: the outputs as a program exports them,
 * every rendered file parsed as INI and compared with what vCenter and OpenStack hold, and nothing left behind
 * after destroy.
 */
import { hostAndPort } from "../../model/connection";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { OutputMap, Stack } from "@pulumi/pulumi/automation";
import * as ini from "ini";
import { Lab, ROOT, VSphereEndpoint } from "../../lab/lab";
import { exportStoredState, labStack, StackOptions } from "../../lab/pulumi";
import type { StackIds } from "../../sdk/stack/component";
import { atVCenter, flavorIds, govc, govcCollect, govcLs, neutronIdsNamed, showNetwork } from "./lab";

/** What the stack examples export. */
export interface StackOutputs {
    ids: StackIds;
    novaComputeConf: Record<string, string>;
    cinderConf: string;
    glanceApiConf: string;
    glanceApiConfs: Record<string, string>;
    ml2Conf: string;
    summaryTable: string;
    summaryMermaid: string;
}

/** The outputs of an up (secrets shown, as the Automation API returns them), checking which are secret. */
export function stackOutputs(outputs: OutputMap): StackOutputs {
    for (const key of ["novaComputeConf", "cinderConf", "glanceApiConf", "glanceApiConfs"]) {
        assert.equal(outputs[key]?.secret, true, `${key} carries passwords: it must be secret`);
    }
    for (const key of ["ids", "ml2Conf", "summaryTable", "summaryMermaid"]) {
        assert.equal(outputs[key]?.secret, false, `${key} has no password: it must not be secret`);
    }
    return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.value])) as unknown as StackOutputs;
}

/** One vCenter of the stack as a test declared it. */
export interface ExpectedVCenter {
    /** The connection name. */
    name: string;
    /** The lab simulator it is. */
    endpoint: VSphereEndpoint;
    datacenter: string;
    clusters: string[];
    imageDatastore: string;
    datastoreRegex: string;
    /** The switch's MTU as declared (1500 when the spec leaves it out). */
    switchMtu: number;
}

export interface ExpectedStack {
    vcenters: ExpectedVCenter[];
    vlanRange: { min: number; max: number };
    networks: { name: string; vlan: number }[];
    flavors: string[];
}

/** The lines of `key = value` of one INI section, in order (multi-valued options repeat their key). */
function sectionValues(text: string, section: string, key: string): string[] {
    const lines = text.split("\n");
    const start = lines.indexOf(`[${section}]`);
    assert.notEqual(start, -1, `[${section}] is missing`);
    const end = lines.findIndex((l, i) => i > start && l.startsWith("["));
    return lines
        .slice(start + 1, end === -1 ? undefined : end)
        .filter((l) => l.startsWith(`${key} = `))
        .map((l) => l.slice(key.length + 3));
}

/** An INI text as plain objects (the parser makes objects without a prototype). */
export function parseIni(text: string): Record<string, Record<string, unknown>> {
    return JSON.parse(JSON.stringify(ini.parse(text))) as Record<string, Record<string, unknown>>;
}

/** oslo.config reads `$$` as `$`. */
function oslo(value: string): string {
    return value.replace(/\$/g, "$$$$");
}

/**
 * Checks every rendered file against the lab: each parses as INI, and the clusters, datastores, folders, port
 * groups, VLANs and networks it names are the ones vCenter and Neutron hold.
 */
export async function assertRenderedMatchesLab(lab: Lab, out: StackOutputs, expected: ExpectedStack): Promise<void> {
    const { min, max } = expected.vlanRange;
    const mtu = Math.min(...expected.vcenters.map((v) => v.switchMtu));
    assert.deepEqual(parseIni(out.ml2Conf), {
        DEFAULT: { global_physnet_mtu: String(mtu) },
        ml2: { type_drivers: "flat,vlan", tenant_network_types: "vlan", physical_network_mtus: `physnet1:${mtu}` },
        ml2_type_vlan: { network_vlan_ranges: `physnet1:${min}:${max}` },
    });

    const cinder = parseIni(out.cinderConf);
    assert.equal(cinder.DEFAULT.enabled_backends, expected.vcenters.map((v) => `vmware-${v.name}`).join(","));
    const novaHosts: string[] = [];
    for (const v of expected.vcenters) {
        const vlab = atVCenter(lab, v.endpoint);
        const { host, port: portNumber } = hostAndPort(v.endpoint.server);
        const port = String(portNumber);
        // The datacenter, clusters and br-int the ids name are the declared ones, in the vCenter of the connection.
        const dcId = out.ids.datacenters[v.name];
        assert.equal((await govcCollect(vlab, `Datacenter:${dcId}`, "name")).name, v.datacenter);
        assert.deepEqual(Object.keys(out.ids.clusters[v.name]).sort(), [...v.clusters].sort());
        for (const [cluster, id] of Object.entries(out.ids.clusters[v.name])) {
            assert.equal((await govcCollect(vlab, `ClusterComputeResource:${id}`, "name")).name, cluster);
            assert.match(
                out.summaryTable,
                new RegExp(`\\| ${v.name} \\| ${v.datacenter} \\| ${cluster} \\| ${id} \\|`),
            );
        }
        const pg = await govcCollect(vlab, `DistributedVirtualPortgroup:${out.ids.portGroups[v.name]}`, "config");
        const vlan = (pg.config as { defaultPortConfig: { vlan: { vlanId: { start: number; end: number }[] } } })
            .defaultPortConfig.vlan;
        assert.deepEqual(
            vlan.vlanId.map((r) => [r.start, r.end]),
            [[min, max]],
            "br-int trunks exactly ML2's range",
        );

        // One nova-compute per cluster, on this vCenter's connection.
        for (const cluster of v.clusters) {
            const name = `${v.name}-${cluster}`;
            novaHosts.push(name);
            const nova = parseIni(out.novaComputeConf[name]);
            assert.deepEqual(nova.DEFAULT, { compute_driver: "vmwareapi.VMwareVCDriver", host: name });
            assert.deepEqual(nova.vmware, {
                host_ip: host,
                host_port: port,
                host_username: v.endpoint.user,
                host_password: v.endpoint.password,
                cluster_name: cluster,
                datastore_regex: oslo(v.datastoreRegex),
                ca_file: v.endpoint.caFile,
                insecure: false,
                api_retry_count: "10",
                task_poll_interval: "0.5",
                cache_prefix: name,
            });
        }

        // Cinder: one backend per vCenter, with every cluster.
        const backend = cinder[`vmware-${v.name}`];
        assert.equal(backend.volume_driver, "cinder.volume.drivers.vmware.vmdk.VMwareVcVmdkDriver");
        assert.equal(backend.vmware_host_ip, host);
        assert.equal(backend.vmware_host_port, port);
        assert.equal(backend.vmware_host_password, v.endpoint.password);
        assert.equal(backend.vmware_datastore_regex, oslo(v.datastoreRegex));
        assert.deepEqual(sectionValues(out.cinderConf, `vmware-${v.name}`, "vmware_cluster_name"), v.clusters);

        // Glance: this vCenter's glance-api.conf, with its image datastore, whose image folder exists.
        assert.deepEqual(sectionValues(out.glanceApiConfs[v.name], "glance_store", "vmware_datastores"), [
            `${v.datacenter}:${v.imageDatastore}:100`,
        ]);
        const glance = parseIni(out.glanceApiConfs[v.name]).glance_store;
        assert.equal(glance.vmware_server_host, host);
        assert.equal(glance.vmware_server_password, v.endpoint.password);
        assert.equal(glance.vmware_store_image_dir, "/openstack_glance");
        const listing = await govc(vlab, "datastore.ls", "-dc", v.datacenter, "-ds", v.imageDatastore);
        assert.ok(listing.split("\n").includes("openstack_glance"), `no openstack_glance on ${v.imageDatastore}`);
    }
    assert.deepEqual(Object.keys(out.novaComputeConf).sort(), novaHosts.sort());
    // One glance-api per vCenter; glanceApiConf is the first one's.
    assert.deepEqual(
        Object.keys(out.glanceApiConfs),
        expected.vcenters.map((v) => v.name),
    );
    assert.equal(out.glanceApiConf, out.glanceApiConfs[expected.vcenters[0].name]);

    // Neutron: each network on its VLAN of physnet1, inside ML2's range.
    assert.deepEqual(Object.keys(out.ids.networks).sort(), expected.networks.map((n) => n.name).sort());
    for (const n of expected.networks) {
        const network = await showNetwork(lab, out.ids.networks[n.name]);
        assert.equal(network.name, n.name);
        assert.equal(network["provider:network_type"], "vlan");
        assert.equal(network["provider:physical_network"], "physnet1");
        assert.equal(network["provider:segmentation_id"], n.vlan);
        assert.ok(min <= n.vlan && n.vlan <= max);
        assert.match(out.summaryTable, new RegExp(`\\| ${n.vlan} \\| ${n.name} \\| ${out.ids.networks[n.name]} \\|`));
    }
    const flavors = await flavorIds(lab);
    assert.deepEqual(Object.keys(out.ids.flavors).sort(), [...expected.flavors].sort());
    for (const id of Object.values(out.ids.flavors)) {
        assert.ok(flavors.includes(id), `flavor ${id} is not in Nova`);
    }
}

/** Asserts that nothing of the stack is left: no datacenter in any of its vCenters, no network, no flavor. */
export async function assertNothingLeft(lab: Lab, out: StackOutputs, expected: ExpectedStack): Promise<void> {
    for (const v of expected.vcenters) {
        const listing = await govcLs(atVCenter(lab, v.endpoint), "/");
        assert.ok(!listing.includes(`/${v.datacenter}`), `${v.datacenter} is still in vCenter ${v.name}`);
    }
    for (const n of expected.networks) {
        assert.deepEqual(await neutronIdsNamed(lab, "network", n.name), [], `network ${n.name} is still there`);
    }
    const flavors = await flavorIds(lab);
    for (const id of Object.values(out.ids.flavors)) {
        assert.ok(!flavors.includes(id), `flavor ${id} is still there`);
    }
}

/**
 * A VLAN range of `size` VLANs for one test run, from the lab's 100-2000 above the examples' defaults (100-199),
 * so that runs and the demo don't collide.
 */
export function vlanRangeForRun(size: number): { min: number; max: number } {
    const min = 200 + size * Math.floor(Math.random() * Math.floor(1800 / size));
    return { min, max: min + size - 1 };
}

/** The durations of the phases of an end-to-end run, for one closing line such as `up 5.2 s, destroy 1.2 s`. */
export class PhaseTimes {
    private readonly phases: string[] = [];

    /** Runs one phase and notes how long it took. */
    async time<T>(phase: string, fn: () => Promise<T>): Promise<T> {
        const started = Date.now();
        const result = await fn();
        this.phases.push(`${phase} ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return result;
    }

    toString(): string {
        return this.phases.join(", ");
    }
}

/** A resource of a stack's state, as `pulumi stack export` prints it. */
export interface StateResource {
    urn: string;
    type: string;
    id?: string;
    inputs: Record<string, unknown>;
    outputs?: Record<string, unknown>;
}

/** The resources of the stack's state, secrets encrypted. */
export async function stateResources(lab: Lab, stack: Stack): Promise<StateResource[]> {
    const state = JSON.parse(await exportStoredState(lab, stack)) as { deployment: { resources: StateResource[] } };
    return state.deployment.resources;
}

/**
 * A stack `prefix` of `examples/quickstart` on the lab's first vCenter, its objects named from `prefix`, with a
 * VLAN range of its own; and what it holds once up.
 */
export async function quickstartStack(
    lab: Lab,
    prefix: string,
    options: StackOptions & { workDir?: string } = {},
): Promise<{ stack: Stack; expected: ExpectedStack }> {
    const vlanRange = vlanRangeForRun(10);
    const expected: ExpectedStack = {
        vcenters: [
            {
                name: "lab",
                endpoint: lab.vsphere,
                datacenter: `${prefix}-dc`,
                clusters: [`${prefix}-compute`],
                imageDatastore: `${prefix}-nfs`,
                datastoreRegex: `^${prefix}-nfs$`,
                switchMtu: 9000,
            },
        ],
        vlanRange,
        networks: [{ name: `${prefix}-net`, vlan: vlanRange.min }],
        flavors: [`${prefix}.vmware`],
    };
    const config = {
        "quickstart:prefix": { value: prefix },
        "quickstart:vlanMin": { value: String(vlanRange.min) },
    };
    const workDir = options.workDir ?? path.join(ROOT, "examples", "quickstart");
    const stack = await labStack(lab, workDir, prefix, config, options);
    return { stack, expected };
}
