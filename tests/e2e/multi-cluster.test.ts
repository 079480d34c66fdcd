import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { OutputMap, Stack } from "@pulumi/pulumi/automation";
import { Lab, ROOT } from "../../lab/lab";
import { labStack } from "../../lab/pulumi";
import { countSimulatorCalls, describeCalls, requestsDuring, simulatorCallsDuring } from "../support/requestLog";
import { hypervisors, placementInventory, volumePools, waitForHypervisors } from "../../lab/services";
import {
    bootServer,
    clusterCapacity,
    createImage,
    datastoresCapacityGb,
    deleteServer,
    eventually,
    logProblems,
    logSizes,
    removeNovaLeftovers,
    serverVm,
    StackComputes,
    waitForClusterCapacity,
    withComputes,
    withImageServices,
    withVolumeService,
} from "../support/services";
import {
    govc,
    govcCollect,
    openstackCli,
    openstackCliQuiet,
    sharedLab,
    showFlavor,
    showNetwork,
    uniqueName,
} from "../support/lab";
import {
    assertNothingLeft,
    assertRenderedMatchesLab,
    ExpectedStack,
    PhaseTimes,
    StackOutputs,
    stackOutputs,
    vlanRangeForRun,
} from "../support/stack";

/**
 * The stack, the component, and its datacenter, 3 clusters, 5 hosts, 2 NFS datastores, image folder, switch,
 * br-int, 3 networks, 4 subnets and 3 flavors.
 */
const RESOURCES = 26;

/** The cluster settings the example declares, as vCenter's ClusterConfigInfoEx holds them. */
const CLUSTERS = [
    { letter: "a", hosts: 2, drs: [true, "fullyAutomated", 3], ha: [true, true, "enabled"] },
    { letter: "b", hosts: 2, drs: [true, "partiallyAutomated", 4], ha: [true, false, "enabled"] },
    { letter: "c", hosts: 1, drs: [false, "fullyAutomated", 3], ha: [false, true, "enabled"] },
];

/** The storage network's MTU, the switch's: the lab's Neutron allows it (global_physnet_mtu 9000). */
const JUMBO_MTU = 9000;

interface ClusterConfig {
    drsConfig: { enabled: boolean; defaultVmBehavior: string; vmotionRate: number };
    dasConfig: { enabled: boolean; admissionControlEnabled: boolean; hostMonitoring: string };
}

/** The nodes of a Mermaid flowchart: node id → label. */
function mermaidNodes(chart: string): Map<string, string> {
    return new Map([...chart.matchAll(/(\w+)\["([^"]*)"\]/g)].map((m) => [m[1], m[2]]));
}

describe("examples/multi-cluster end to end, through the Pulumi CLI", function () {
    this.timeout(900_000);
    let lab: Lab;
    let stack: Stack;
    let prefix: string;
    let expected: ExpectedStack;
    let outputs: StackOutputs;
    let destroyed = false;
    const vlanRange = vlanRangeForRun(10);
    const times = new PhaseTimes();

    /** The passwords of the lab replaced, so that rendered files can be shown. */
    function masked(text: string): string {
        const secrets = [lab.vsphere.password, lab.vsphereB.password, lab.openstack.admin.password];
        return secrets.reduce((t, secret) => t.replaceAll(secret, "********"), text);
    }

    function printRendered(out: OutputMap): void {
        const files = [
            ...Object.entries(out.novaComputeConf.value as Record<string, string>).map(
                ([host, text]) => [`nova-compute.conf (host ${host})`, text] as const,
            ),
            ["cinder.conf", out.cinderConf.value as string] as const,
            ["glance-api.conf", out.glanceApiConf.value as string] as const,
            ["ml2_conf.ini", out.ml2Conf.value as string] as const,
        ];
        const block = files.map(([name, text]) => `# ==> ${name} <==\n${masked(text)}`).join("\n");
        console.log(`----- multi-cluster: rendered by the first up (passwords masked) -----\n${block}-----`);
    }

    before(async () => {
        lab = await sharedLab();
        prefix = uniqueName("mc");
        expected = {
            vcenters: [
                {
                    name: "lab",
                    endpoint: lab.vsphere,
                    datacenter: `${prefix}-dc`,
                    clusters: CLUSTERS.map((c) => `${prefix}-compute-${c.letter}`),
                    imageDatastore: `${prefix}-nfs-images`,
                    datastoreRegex: `^${prefix}-nfs-`,
                    switchMtu: 9000,
                },
            ],
            vlanRange,
            networks: ["public", "storage", "tenant"].map((n, i) => ({
                name: `${prefix}-${n}`,
                vlan: vlanRange.min + i,
            })),
            flavors: ["small", "medium", "large"].map((f) => `${prefix}.${f}`),
        };
        stack = await labStack(lab, path.join(ROOT, "examples", "multi-cluster"), prefix, {
            "multi-cluster:prefix": { value: prefix },
            "multi-cluster:vlanMin": { value: String(vlanRange.min) },
            "multi-cluster:vlanMax": { value: String(vlanRange.max) },
        });
    });

    after(async () => {
        console.log(`      multi-cluster e2e: ${times.toString()}`);
        if (stack && !destroyed) {
            await stack.destroy().catch(() => undefined);
        }
        await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
    });

    it("up creates three clusters, two datastores, the switch, three networks and three flavors, and renders their configuration", async () => {
        const result = await times.time("up", () => stack.up());
        assert.deepEqual(result.summary.resourceChanges, { create: RESOURCES });
        outputs = stackOutputs(result.outputs);
        printRendered(result.outputs);
        await assertRenderedMatchesLab(lab, outputs, expected);

        // Each cluster with its hosts and its own DRS and HA settings.
        for (const c of CLUSTERS) {
            const name = `${prefix}-compute-${c.letter}`;
            const cluster = await govcCollect(
                lab,
                `ClusterComputeResource:${outputs.ids.clusters.lab[name]}`,
                "configurationEx",
            );
            const { drsConfig: drs, dasConfig: das } = cluster.configurationEx as ClusterConfig;
            assert.deepEqual([drs.enabled, drs.defaultVmBehavior, drs.vmotionRate], c.drs, `cluster ${c.letter}`);
            assert.deepEqual(
                [das.enabled, das.admissionControlEnabled, das.hostMonitoring],
                c.ha,
                `cluster ${c.letter}`,
            );
            const hosts = await govc(lab, "ls", "-t", "HostSystem", `/${prefix}-dc/host/${name}`);
            assert.deepEqual(
                hosts.split("\n").filter(Boolean).sort(),
                Array.from(
                    { length: c.hosts },
                    (_, h) => `/${prefix}-dc/host/${name}/esx-${c.letter}${h + 1}.${prefix}.lab`,
                ),
            );
        }

        const [publicNet, storage, tenant] = await Promise.all(
            expected.networks.map((n) => showNetwork(lab, outputs.ids.networks[n.name])),
        );
        assert.deepEqual([publicNet.shared, publicNet.subnets.length], [true, 1]);
        assert.deepEqual([storage.shared, storage.mtu, storage.subnets.length], [false, JUMBO_MTU, 1]);
        assert.deepEqual([tenant.shared, tenant.subnets.length], [false, 2]);

        const large = await showFlavor(lab, outputs.ids.flavors[`${prefix}.large`]);
        assert.deepEqual(large.properties, {
            "vmware:hw_version": "vmx-13",
            "hw:cpu_sockets": "2",
            "hw:cpu_cores": "4",
            "quota:cpu_reservation": "4000",
            "quota:memory_reservation": "16384",
        });

        // The summary chart: a node per cluster and per network, each network reaching br-int.
        assert.equal(result.outputs.summaryMermaid.secret, false, "summaryMermaid has no password");
        const chart = result.outputs.summaryMermaid.value as string;
        const nodes = mermaidNodes(chart);
        const labels = [...nodes.values()];
        assert.deepEqual(
            labels.filter((l) => l.startsWith("cluster ")),
            expected.vcenters[0].clusters.map((name) => `cluster ${name}<br>${outputs.ids.clusters.lab[name]}`),
        );
        assert.deepEqual(
            labels.filter((l) => l.startsWith("network ")),
            expected.networks.map((n) => `network ${n.name}<br>${outputs.ids.networks[n.name]}`),
        );
        for (const [node, label] of nodes) {
            if (label.startsWith("network ")) {
                assert.ok(chart.includes(`${node} --> vc0_pg`), `${label} does not reach br-int`);
            }
        }
    });

    it("refresh finds no drift", async () => {
        const result = await times.time("refresh", () => stack.refresh());
        assert.deepEqual(result.summary.resourceChanges, { same: RESOURCES });
    });

    it("a second up changes nothing and sends no request to vCenter or OpenStack", async () => {
        let vsphere: Record<string, number> = {};
        const openstack = await requestsDuring(lab, async () => {
            vsphere = await simulatorCallsDuring(lab, async () => {
                const result = await times.time("no-op up", () => stack.up());
                assert.deepEqual(result.summary.resourceChanges, { same: RESOURCES });
            });
        });
        assert.deepEqual(vsphere, {});
        assert.deepEqual(openstack, { keystone: [], nova: [], neutron: [] });
    });

    it("runs nova-compute from each rendered file: each cluster one hypervisor, up, with its hosts' capacity", async () => {
        const about = await govcCollect(lab, "ServiceInstance:ServiceInstance", "content.about");
        const vcenterUuid = (about["content.about"] as { instanceUuid: string }).instanceUuid;
        const clusterIds = outputs.ids.clusters.lab;
        await withComputes(lab, {}, async (computes) => {
            const hosts = Object.keys(outputs.novaComputeConf);
            assert.equal(hosts.length, CLUSTERS.length);
            const since = await countSimulatorCalls(lab);
            await computes.sync(outputs.novaComputeConf);
            const found = await times.time("nova-compute start", () => waitForHypervisors(lab, hosts));
            const started = describeCalls(await since());
            console.log(`      ${hosts.length} nova-computes, start to hypervisors up, to vCenter: ${started}`);
            // One hypervisor per cluster: the cluster's MOID in this vCenter, on the rendered nova host.
            assert.deepEqual(
                found.map((h) => [h.service.host, h.hypervisor_hostname, h.hypervisor_type, h.status]).sort(),
                CLUSTERS.map((c) => [
                    `lab-${prefix}-compute-${c.letter}`,
                    `${clusterIds[`${prefix}-compute-${c.letter}`]}.${vcenterUuid}`,
                    "VMware vCenter Server",
                    "enabled",
                ]).sort(),
            );
            // Placement's inventory is what the cluster's ESXi hosts report to vCenter.
            for (const h of found) {
                const clusterId = h.hypervisor_hostname.split(".")[0];
                const expected = await clusterCapacity(lab, clusterId);
                assert.ok(expected.VCPU > 0 && expected.MEMORY_MB > 0, JSON.stringify(expected));
                assert.deepEqual(
                    await eventually(60, async () => placementInventory(lab, h.hypervisor_hostname)),
                    expected,
                    h.service.host,
                );
            }
            await clusterComesAndGoes(computes);
        });
        // Retired as an operator retires them: no hypervisor of the stack is left.
        const left = (await hypervisors(lab)).filter((h) => h.service.host.startsWith(`lab-${prefix}-`));
        assert.deepEqual(left, []);
        const computes = Object.keys(outputs.novaComputeConf).map((host) => `compute-${host}`);
        assert.deepEqual(logProblems(computes), Object.fromEntries(computes.map((c) => [c, []])));
    });

    /**
     * A cluster added by `up` becomes a hypervisor with its host's capacity once its nova-compute runs from the
     * new rendered file; removed by the next `up`, its nova-compute is stopped and its service deleted, and the
     * hypervisor is gone while the others stay up.
     */
    async function clusterComesAndGoes(computes: StackComputes): Promise<void> {
        const fourth = `lab-${prefix}-compute-d`;
        await stack.setConfig("multi-cluster:fourthCluster", { value: "true" });
        const grown = stackOutputs((await times.time("up +1 cluster", () => stack.up())).outputs);
        assert.deepEqual(
            Object.keys(grown.novaComputeConf).sort(),
            [...Object.keys(outputs.novaComputeConf), fourth].sort(),
        );
        assert.deepEqual(await computes.sync(grown.novaComputeConf), { started: [fourth], stopped: [] });
        const [added] = await waitForHypervisors(lab, [fourth]);
        const clusterId = grown.ids.clusters.lab[`${prefix}-compute-d`];
        assert.equal(added.hypervisor_hostname.split(".")[0], clusterId);
        assert.deepEqual(
            await eventually(60, async () => placementInventory(lab, added.hypervisor_hostname)),
            await clusterCapacity(lab, clusterId),
        );
        await stack.setConfig("multi-cluster:fourthCluster", { value: "false" });
        const shrunk = stackOutputs((await times.time("up -1 cluster", () => stack.up())).outputs);
        assert.deepEqual(shrunk.novaComputeConf, outputs.novaComputeConf);
        assert.deepEqual(await computes.sync(shrunk.novaComputeConf), { started: [], stopped: [fourth] });
        const left = (await hypervisors(lab)).filter((h) => h.service.host.startsWith(`lab-${prefix}-`));
        assert.deepEqual(
            left.map((h) => [h.service.host, h.state]).sort(),
            CLUSTERS.map((c) => [`lab-${prefix}-compute-${c.letter}`, "up"]).sort(),
        );
    }

    /**
     * A 1 GiB volume, its disk made with it (the example sets lazyCreate: false): a backing VM named after the
     * volume in the volume folder (`OpenStack/Project (<project>)/cinder-volumes` below the datacenter's VMs)
     * with its disk on a datastore the regex matches; gone with the volume. Cinder's folders are then removed as
     * an operator retiring Cinder would, since a datacenter that holds them is not the stack's to delete.
     */
    async function volumeRoundTrip(datastores: string[]): Promise<void> {
        const calls = await countSimulatorCalls(lab);
        const { id } = (await openstackCli(lab, "volume", "create", "--size", "1", uniqueName("e2e-volume"))) as {
            id: string;
        };
        const backing = `volume-${id}`;
        try {
            const volume = await eventually(120, async () => {
                const shown = (await openstackCli(lab, "volume", "show", id)) as { status: string };
                return shown.status === "creating" ? undefined : shown;
            });
            assert.equal(volume.status, "available");
            console.log(`      cinder-volume, a 1 GiB volume created, to vCenter: ${describeCalls(await calls())}`);
            const found = (await govc(lab, "find", "-i", `/${prefix}-dc/vm`, "-type", "m", "-name", backing)).trim();
            assert.match(found, /^VirtualMachine:/, `the backing ${backing}`);
            const paths = (await govc(lab, "ls", "-i=false", `/${prefix}-dc/vm/OpenStack/*/cinder-volumes`)).trim();
            assert.match(
                paths,
                new RegExp(`^/${prefix}-dc/vm/OpenStack/Project \\([0-9a-f]+\\)/cinder-volumes/${backing}$`),
            );
            const props = await govcCollect(lab, found, "datastore", "config.hardware.device");
            // govc gives an array property as {_value: [...]}.
            const stores = (props.datastore as { _value: { value: string }[] })._value.map((d) => d.value);
            assert.equal(stores.length, 1, JSON.stringify(props.datastore));
            assert.ok(datastores.includes(stores[0]), `${stores[0]} is not one of ${datastores.join(", ")}`);
            const devices = props["config.hardware.device"] as { _value: { capacityInKB?: number }[] };
            const disks = devices._value.filter((d) => d.capacityInKB !== undefined);
            assert.deepEqual(
                disks.map((d) => d.capacityInKB),
                [1 << 20],
            );
        } finally {
            await openstackCliQuiet(lab, "volume", "delete", id);
        }
        await eventually(120, async () =>
            (await govc(lab, "find", "-i", `/${prefix}-dc/vm`, "-type", "m", "-name", backing)).trim()
                ? undefined
                : true,
        );
        await govc(lab, "object.destroy", `/${prefix}-dc/vm/OpenStack`);
    }

    it("runs cinder-volume from the rendered cinder.conf: one pool with its datastores' capacity; a 1 GiB volume's disk on one of them", async () => {
        const datastores = (await govc(lab, "find", "-i", `/${prefix}-dc/datastore`, "-type", "s"))
            .split("\n")
            .filter(Boolean)
            .map((ref) => ref.replace(/^Datastore:/, ""));
        assert.equal(datastores.length, 2);
        const capacity = await datastoresCapacityGb(lab, datastores);
        const since = logSizes(["cinder-volume"]);
        const calls = await countSimulatorCalls(lab);
        const started = new Date();
        await withVolumeService(outputs.cinderConf, async () => {
            const pools = await times.time("cinder-volume start", () =>
                eventually(180, async () => {
                    const ours = (await volumePools(lab, started)).filter((p) =>
                        p.name.endsWith("@vmware-lab#vmware-lab"),
                    );
                    return ours.length === 1 && typeof ours[0].capabilities.total_capacity_gb === "number"
                        ? ours
                        : undefined;
                }),
            );
            assert.equal(pools[0].capabilities.volume_backend_name, "vmware-lab");
            assert.equal(pools[0].capabilities.total_capacity_gb, capacity);
            console.log(`      cinder-volume, start to pool reported, to vCenter: ${describeCalls(await calls())}`);
            await volumeRoundTrip(datastores);
        });
        assert.deepEqual(logProblems(["cinder-volume"], since), { "cinder-volume": [] });
    });

    it("runs glance-api with the rendered store: an image lands in openstack_glance, comes back the same, goes", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-image-"));
        const image = path.join(dir, "image.raw");
        fs.writeFileSync(image, crypto.randomBytes(3 << 20));
        const folder = ["datastore.ls", `-dc=${prefix}-dc`, `-ds=${prefix}-nfs-images`, "openstack_glance"];
        const since = logSizes(["glance"]);
        try {
            const calls = await countSimulatorCalls(lab);
            await withImageServices(outputs.glanceApiConfs, async () => {
                const id = await createImage(lab, uniqueName("e2e-image"), "raw", image);
                try {
                    console.log(
                        `      glance-api, start to a 3 MiB image stored, to vCenter: ${describeCalls(await calls())}`,
                    );
                    assert.ok((await govc(lab, ...folder)).split("\n").includes(id), "the image's file");
                    const back = path.join(dir, "back.raw");
                    await openstackCliQuiet(lab, "image", "save", "--file", back, id);
                    assert.ok(fs.readFileSync(back).equals(fs.readFileSync(image)), "the image came back changed");
                } finally {
                    await openstackCliQuiet(lab, "image", "delete", id);
                }
                assert.ok(!(await govc(lab, ...folder)).split("\n").includes(id), "the file is still there");
            });
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
        assert.deepEqual(logProblems(["glance"], since), { glance: [] });
    });

    it("boots a server with no network from an image in the vsphere store and the small flavor: a VM in its cluster with the flavor's CPU and memory", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-boot-"));
        const iso = path.join(dir, "boot.iso");
        fs.writeFileSync(iso, crypto.randomBytes(1 << 20));
        const hosts = Object.keys(outputs.novaComputeConf);
        const logs = [...hosts.map((h) => `compute-${h}`), "glance"];
        const since = logSizes(logs);
        const about = await govcCollect(lab, "ServiceInstance:ServiceInstance", "content.about");
        const vcenterUuid = (about["content.about"] as { instanceUuid: string }).instanceUuid;
        const dc = `${prefix}-dc`;
        try {
            await withComputes(lab, outputs.novaComputeConf, async () => {
                for (const h of await waitForHypervisors(lab, hosts)) {
                    await waitForClusterCapacity(lab, h.hypervisor_hostname);
                }
                await withImageServices(outputs.glanceApiConfs, async () => {
                    const image = await createImage(lab, uniqueName("e2e-boot"), "iso", iso);
                    try {
                        // Glance shows where the image is, without a credential (the openstack CLI lists it
                        // among the image's properties): Nova copies it inside vCenter.
                        const { properties } = (await openstackCli(lab, "image", "show", image)) as {
                            properties: { direct_url?: string };
                        };
                        assert.equal(
                            properties.direct_url,
                            `vsphere://${new URL(`https://${lab.vsphere.server}`).hostname}/folder/openstack_glance/${image}?dsName=${prefix}-nfs-images&dcPath=${dc}`,
                        );
                        const calls = await countSimulatorCalls(lab);
                        const server = await times.time("server boot", () =>
                            bootServer(lab, uniqueName("e2e-server"), `${prefix}.small`, image),
                        );
                        try {
                            console.log(`      a server booted, to vCenter: ${describeCalls(await calls())}`);
                            const host = server["OS-EXT-SRV-ATTR:host"]!;
                            assert.ok(hosts.includes(host), `${host} is none of the stack's nova-computes`);
                            const clusterId = outputs.ids.clusters.lab[host.slice("lab-".length)];
                            assert.equal(server["OS-EXT-SRV-ATTR:hypervisor_hostname"], `${clusterId}.${vcenterUuid}`);
                            const vm = await serverVm(lab, dc, server.id);
                            assert.deepEqual(vm && { ...vm, id: undefined }, {
                                id: undefined,
                                name: `${server.name} (${server.id})`,
                                clusterId,
                                numCpu: 1,
                                memoryMb: 2048,
                            });
                        } finally {
                            await deleteServer(lab, server.id);
                        }
                        assert.equal(await serverVm(lab, dc, server.id), undefined);
                    } finally {
                        await openstackCliQuiet(lab, "image", "delete", image);
                    }
                });
            });
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
        await removeNovaLeftovers(lab, dc, [`${prefix}-nfs-images`, `${prefix}-nfs-volumes`], hosts);
        assert.deepEqual(logProblems(logs, since), Object.fromEntries(logs.map((l) => [l, []])));
    });

    it("changes the large flavor's hardware version in place", async () => {
        await stack.setConfig("multi-cluster:vmwareHwVersion", { value: "vmx-19" });
        const result = await times.time("in-place update", () => stack.up());
        assert.deepEqual(result.summary.resourceChanges, { update: 1, same: RESOURCES - 1 });
        assert.deepEqual(stackOutputs(result.outputs).ids, outputs.ids);
        const large = await showFlavor(lab, outputs.ids.flavors[`${prefix}.large`]);
        assert.equal(large.properties["vmware:hw_version"], "vmx-19");
    });

    it("destroy leaves nothing in vCenter or OpenStack", async () => {
        const result = await times.time("destroy", () => stack.destroy());
        destroyed = true;
        assert.deepEqual(result.summary.resourceChanges, { delete: RESOURCES });
        await assertNothingLeft(lab, outputs, expected);
    });
});
