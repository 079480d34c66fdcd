import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import { hostAndPort } from "../../model/connection";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { Lab, LAB_CONNECTIONS, LAB_HOST_PASSWORD, ROOT } from "../../lab/lab";
import { exportStoredState, labStack } from "../../lab/pulumi";
import {
    deleteImage,
    imageData,
    placementInventory,
    storeImage,
    volumePools,
    waitForHypervisors,
} from "../../lab/services";
import { atVCenterB, govc, govcCollect, govcLs, sharedLab, uniqueName } from "../support/lab";
import { countSimulatorCalls, describeCalls, requestsDuring, simulatorCallsDuring } from "../support/requestLog";
import {
    clusterCapacity,
    datastoresCapacityGb,
    eventually,
    logProblems,
    logSizes,
    withComputes,
    withImageServices,
    withVolumeService,
} from "../support/services";
import {
    assertNothingLeft,
    assertRenderedMatchesLab,
    ExpectedStack,
    parseIni,
    PhaseTimes,
    stackOutputs,
    StackOutputs,
    vlanRangeForRun,
} from "../support/stack";

/** Site A: a datacenter, two clusters (2 + 1 hosts), datastore, image folder, switch, br-int. */
const RESOURCES_A = 1 + 2 + 3 + 1 + 1 + 1 + 1;
/** Site B: a datacenter, one cluster with one host, datastore, image folder, switch, br-int. */
const RESOURCES_B = 1 + 1 + 1 + 1 + 1 + 1 + 1;
/** Both sites, two networks with a subnet each, a flavor, the component and the stack. */
const RESOURCES = RESOURCES_A + RESOURCES_B + 2 * 2 + 1 + 1 + 1;

/** The calls that create the inventory of one vCenter. */
const CREATES = [
    "CreateDatacenter",
    "CreateClusterEx",
    "AddHost_Task",
    "CreateNasDatastore",
    "MakeDirectory",
    "CreateDVS_Task",
    "AddDVPortgroup_Task",
];

interface StateResource {
    urn: string;
    type: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
}

function creates(calls: Record<string, number>): Record<string, number> {
    return Object.fromEntries(Object.entries(calls).filter(([method]) => CREATES.includes(method)));
}

describe("examples/two-vcenters end to end, through the Pulumi CLI", function () {
    this.timeout(900_000);
    let lab: Lab;
    let stack: Stack;
    let prefix: string;
    let expected: ExpectedStack;
    let out: StackOutputs;
    const times = new PhaseTimes();
    let destroyed = false;

    /** The SOAP calls each simulator received while `fn` ran. */
    async function callsOnBoth(
        fn: () => Promise<unknown>,
    ): Promise<{ a: Record<string, number>; b: Record<string, number> }> {
        let b: Record<string, number> = {};
        const a = await simulatorCallsDuring(lab, async () => {
            b = await simulatorCallsDuring(lab, fn, lab.vsphereB);
        });
        return { a, b };
    }

    before(async () => {
        lab = await sharedLab();
        prefix = uniqueName("e2e-2vc");
        const vlanRange = vlanRangeForRun(10);
        stack = await labStack(lab, path.join(ROOT, "examples", "two-vcenters"), prefix, {
            "two-vcenters:prefix": { value: prefix },
            "two-vcenters:vlanMin": { value: String(vlanRange.min) },
            "two-vcenters:vlanMax": { value: String(vlanRange.max) },
        });
        const site = (letter: string, clusters: number) => ({
            datacenter: `${prefix}-${letter}-dc`,
            clusters: Array.from({ length: clusters }, (_, c) => `${prefix}-${letter}-compute-${c + 1}`),
            imageDatastore: `${prefix}-${letter}-nfs`,
            datastoreRegex: `^${prefix}-${letter}-nfs$`,
            switchMtu: 9000,
        });
        expected = {
            vcenters: [
                { name: LAB_CONNECTIONS.a, endpoint: lab.vsphere, ...site("a", 2) },
                { name: LAB_CONNECTIONS.b, endpoint: lab.vsphereB, ...site("b", 1) },
            ],
            vlanRange,
            networks: [
                { name: `${prefix}-web`, vlan: vlanRange.min },
                { name: `${prefix}-db`, vlan: vlanRange.min + 1 },
            ],
            flavors: [`${prefix}.medium`],
        };
    });

    after(async () => {
        console.log(`      two-vcenters e2e: ${times.toString()}`);
        if (stack && !destroyed) {
            await stack.destroy().catch(() => undefined); // a failed test leaves nothing in the shared lab either
        }
        await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
    });

    it("up creates each vCenter's inventory through its own connection, and the networks and flavor", async () => {
        const calls = await callsOnBoth(async () => {
            const result = await times.time("up", () => stack.up());
            assert.deepEqual(result.summary.resourceChanges, { create: RESOURCES });
            assert.equal(result.outputs.summaryMermaid?.secret, false, "summaryMermaid has no password");
            out = stackOutputs(result.outputs);
        });
        const inventory = (clusters: number, hosts: number) => ({
            CreateDatacenter: 1,
            CreateClusterEx: clusters,
            AddHost_Task: hosts,
            CreateNasDatastore: hosts,
            MakeDirectory: 1,
            CreateDVS_Task: 1,
            AddDVPortgroup_Task: 1,
        });
        assert.deepEqual(creates(calls.a), inventory(2, 3));
        assert.deepEqual(creates(calls.b), inventory(1, 1));
    });

    it("renders two Cinder backends, one glance-api.conf per vCenter and one nova-compute per cluster, as the lab holds them", async () => {
        await assertRenderedMatchesLab(lab, out, expected);
        const [a, b] = expected.vcenters;
        assert.deepEqual(parseIni(out.cinderConf).DEFAULT, { enabled_backends: `vmware-${a.name},vmware-${b.name}` });
        // Glance: one glance-api.conf per vCenter, each with the vsphere store as its only one.
        for (const v of expected.vcenters) {
            const glance = parseIni(out.glanceApiConfs[v.name]);
            assert.deepEqual(Object.keys(glance), ["DEFAULT", "glance_store"]);
            assert.deepEqual(glance.DEFAULT, { show_image_direct_url: true });
            assert.equal(glance.glance_store.stores, "vmware");
            assert.equal(glance.glance_store.default_store, "vsphere");
        }
        // Each nova-compute reaches its own vCenter: its own address, on port 443 as a vCenter's.
        const targets = Object.fromEntries(
            Object.entries(out.novaComputeConf).map(([host, text]) => {
                const vmware = parseIni(text).vmware;
                return [host, `${vmware.host_ip}:${vmware.host_port}`];
            }),
        );
        const target = (v: (typeof expected.vcenters)[number]) => `${hostAndPort(v.endpoint.server).host}:443`;
        assert.deepEqual(targets, {
            [`${a.name}-${a.clusters[0]}`]: target(a),
            [`${a.name}-${a.clusters[1]}`]: target(a),
            [`${b.name}-${b.clusters[0]}`]: target(b),
        });
        assert.notEqual(target(a), target(b));
        assert.match(out.summaryTable, new RegExp(`\\| ${b.name} \\| ${b.datacenter} \\| ${b.clusters[0]} \\|`));
    });

    it("puts each vCenter's objects in its own simulator only", async () => {
        const [a, b] = expected.vcenters;
        const onA = await govcLs(lab, "/");
        const onB = await govcLs(atVCenterB(lab), "/");
        assert.ok(onA.includes(`/${a.datacenter}`), `${a.datacenter} is not in vCenter A: ${onA.join(", ")}`);
        assert.ok(!onA.includes(`/${b.datacenter}`), `${b.datacenter} is in vCenter A`);
        assert.ok(onB.includes(`/${b.datacenter}`), `${b.datacenter} is not in vCenter B: ${onB.join(", ")}`);
        assert.ok(!onB.includes(`/${a.datacenter}`), `${a.datacenter} is in vCenter B`);
        assert.deepEqual(
            (await govcLs(lab, `/${a.datacenter}/host`)).sort(),
            a.clusters.map((c) => `/${a.datacenter}/host/${c}`),
        );
        assert.deepEqual(await govcLs(atVCenterB(lab), `/${b.datacenter}/host`), [
            `/${b.datacenter}/host/${b.clusters[0]}`,
        ]);
    });

    it("keeps both simulators' and the hosts' passwords out of the state, and each vSphere resource's connection in it", async () => {
        const text = await exportStoredState(lab, stack);
        assert.ok(!text.includes(lab.vsphere.password), "vCenter A's password is in the state");
        assert.ok(!text.includes(lab.vsphereB.password), "vCenter B's password is in the state");
        assert.ok(!text.includes(LAB_HOST_PASSWORD), "the ESXi hosts' password is in the state");
        const resources = (JSON.parse(text) as { deployment: { resources: StateResource[] } }).deployment.resources;
        assert.equal(resources.length - 1, RESOURCES, "the state holds the stack's resources and the default provider");
        const connections: Record<string, number> = {};
        for (const r of resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/vsphere:"))) {
            const name = r.urn.split("::").at(-1)!;
            const connection = name.startsWith(`${prefix}-${LAB_CONNECTIONS.b}-`)
                ? LAB_CONNECTIONS.b
                : LAB_CONNECTIONS.a;
            assert.equal(r.inputs?.connection, connection, `${r.urn}: inputs.connection`);
            assert.equal(r.outputs?.connection, connection, `${r.urn}: outputs.connection`);
            connections[connection] = (connections[connection] ?? 0) + 1;
        }
        assert.deepEqual(connections, { [LAB_CONNECTIONS.a]: RESOURCES_A, [LAB_CONNECTIONS.b]: RESOURCES_B });
    });

    it("refresh finds no drift; a second up changes nothing and sends neither vCenter nor OpenStack anything", async () => {
        await times.time("refresh+no-op", async () => {
            const refresh = await callsOnBoth(async () => {
                assert.deepEqual((await stack.refresh()).summary.resourceChanges, { same: RESOURCES });
            });
            // Refresh reads every object from its own vCenter, and changes nothing.
            assert.ok(
                refresh.a.RetrievePropertiesEx > 0 && refresh.b.RetrievePropertiesEx > 0,
                JSON.stringify(refresh),
            );
            assert.deepEqual([creates(refresh.a), creates(refresh.b)], [{}, {}]);
            let noop = {};
            const requests = await requestsDuring(lab, async () => {
                noop = await callsOnBoth(async () => {
                    assert.deepEqual((await stack.up()).summary.resourceChanges, { same: RESOURCES });
                });
            });
            assert.deepEqual(noop, { a: {}, b: {} });
            assert.deepEqual(requests, { keystone: [], nova: [], neutron: [] });
        });
    });

    /** The lab at vCenter `v` of the expected stack (A or B), for govc. */
    function at(v: (typeof expected.vcenters)[number]): Lab {
        return v.endpoint === lab.vsphere ? lab : atVCenterB(lab);
    }

    it("runs nova-compute from each rendered file: each cluster of either vCenter one hypervisor with its hosts' capacity", async () => {
        const rows: string[][] = [];
        for (const v of expected.vcenters) {
            const about = await govcCollect(at(v), "ServiceInstance:ServiceInstance", "content.about");
            const uuid = (about["content.about"] as { instanceUuid: string }).instanceUuid;
            rows.push(...v.clusters.map((c) => [`${v.name}-${c}`, `${out.ids.clusters[v.name][c]}.${uuid}`]));
        }
        await withComputes(lab, {}, async (computes) => {
            const [sinceA, sinceB] = [await countSimulatorCalls(lab), await countSimulatorCalls(lab, lab.vsphereB)];
            await computes.sync(out.novaComputeConf);
            const found = await times.time("nova-compute start", () =>
                waitForHypervisors(lab, Object.keys(out.novaComputeConf)),
            );
            const [a, b] = [describeCalls(await sinceA()), describeCalls(await sinceB())];
            console.log(`      nova-computes, start to hypervisors up, to vCenter A: ${a}; to B: ${b}`);
            assert.deepEqual(found.map((h) => [h.service.host, h.hypervisor_hostname]).sort(), rows.sort());
            for (const v of expected.vcenters) {
                for (const c of v.clusters) {
                    const h = found.find((f) => f.service.host === `${v.name}-${c}`)!;
                    assert.deepEqual(
                        await eventually(60, async () => placementInventory(lab, h.hypervisor_hostname)),
                        await clusterCapacity(at(v), out.ids.clusters[v.name][c]),
                        h.service.host,
                    );
                }
            }
        });
        const computes = Object.keys(out.novaComputeConf).map((host) => `compute-${host}`);
        assert.deepEqual(logProblems(computes), Object.fromEntries(computes.map((c) => [c, []])));
    });

    it("runs cinder-volume with both rendered backends: one pool per vCenter with its datastore's capacity", async () => {
        const since = logSizes(["cinder-volume"]);
        const capacity: Record<string, number> = {};
        for (const v of expected.vcenters) {
            const found = await govc(at(v), "find", "-i", `/${v.datacenter}/datastore`, "-type", "s");
            const ids = found
                .split("\n")
                .filter(Boolean)
                .map((ref) => ref.replace(/^Datastore:/, ""));
            capacity[`vmware-${v.name}`] = await datastoresCapacityGb(at(v), ids);
        }
        const started = new Date();
        await withVolumeService(out.cinderConf, async () => {
            const pools = await eventually(180, async () => {
                const ours = (await volumePools(lab, started)).filter(
                    (p) => p.capabilities.volume_backend_name in capacity,
                );
                const known = ours.filter((p) => typeof p.capabilities.total_capacity_gb === "number");
                return known.length === expected.vcenters.length ? known : undefined;
            });
            assert.deepEqual(
                Object.fromEntries(
                    pools.map((p) => [p.capabilities.volume_backend_name, p.capabilities.total_capacity_gb]),
                ),
                capacity,
            );
            for (const p of pools) {
                const backend = p.capabilities.volume_backend_name;
                assert.match(p.name, new RegExp(`@${backend}#${backend}$`));
            }
        });
        assert.deepEqual(logProblems(["cinder-volume"], since), { "cinder-volume": [] });
    });

    it("runs one glance-api per vCenter from its rendered file: an image stored through each lands in that vCenter's openstack_glance only, comes back the same, goes", async () => {
        const glances = ["glance", "glance2"];
        const since = logSizes(glances);
        const listed = async (v: (typeof expected.vcenters)[number]) =>
            (await govc(at(v), "datastore.ls", `-dc=${v.datacenter}`, `-ds=${v.imageDatastore}`, "openstack_glance"))
                .split("\n")
                .filter(Boolean);
        const [a, b] = expected.vcenters;
        const calls = await callsOnBoth(() =>
            withImageServices(out.glanceApiConfs, async (urls) => {
                assert.deepEqual(Object.keys(urls), [a.name, b.name]);
                for (const [v, other] of [
                    [a, b],
                    [b, a],
                ]) {
                    const data = crypto.randomBytes(1 << 20);
                    const image = await storeImage(lab, urls[v.name], uniqueName("e2e-2vc-image"), data);
                    try {
                        assert.equal(image.status, "active");
                        assert.equal(image.size, data.length);
                        assert.equal(
                            image.direct_url,
                            `vsphere://${hostAndPort(v.endpoint.server).host}/folder/openstack_glance/${image.id}` +
                                `?dsName=${v.imageDatastore}&dcPath=${v.datacenter}`,
                        );
                        assert.ok((await listed(v)).includes(image.id), `${image.id} is not on ${v.imageDatastore}`);
                        assert.ok(
                            !(await listed(other)).includes(image.id),
                            `${image.id} is on ${other.imageDatastore}`,
                        );
                        assert.ok(
                            (await imageData(lab, urls[v.name], image.id)).equals(data),
                            "the image came back changed",
                        );
                    } finally {
                        await deleteImage(lab, urls[v.name], image.id);
                    }
                    assert.ok(!(await listed(v)).includes(image.id), `${image.id} is still on ${v.imageDatastore}`);
                }
            }),
        );
        console.log(
            `      two glance-apis, start to an image stored and deleted through each (with the test's govc listings), to vCenter A: ` +
                `${describeCalls(calls.a)}; to B: ${describeCalls(calls.b)}`,
        );
        assert.deepEqual(logProblems(glances, since), { glance: [], glance2: [] });
    });

    it("a connectionB missing from vsphere-openstack:connections fails at preview and up, naming vcenters[1].name, and touches nothing", async () => {
        const missing = "lab-c";
        const count = async () => (await stack.exportStack()).deployment.resources.length;
        const before = await count();
        await stack.setConfig("two-vcenters:connectionB", { value: missing });
        const reason =
            `vcenters[1].name: "${missing}" is not a connection of the stack config "vsphere-openstack:connections" ` +
            `(configured: "${LAB_CONNECTIONS.a}", "${LAB_CONNECTIONS.b}")`;
        const failsNamingIt = (err: Error) => {
            const message = err.message.replace(/\s+/g, " ");
            assert.ok(message.includes(`the spec has 1 problem; nothing was created: ${reason}`), err.message);
            return true;
        };
        const calls = await callsOnBoth(async () => {
            await assert.rejects(stack.preview(), failsNamingIt);
            await assert.rejects(stack.up(), failsNamingIt);
        });
        assert.deepEqual(calls, { a: {}, b: {} });
        assert.equal(await count(), before);
        await stack.removeConfig("two-vcenters:connectionB");
        assert.deepEqual((await stack.preview()).changeSummary, { same: RESOURCES });
    });

    it("destroy leaves nothing in either vCenter or in OpenStack", async () => {
        const result = await times.time("destroy", () => stack.destroy());
        destroyed = true;
        assert.deepEqual(result.summary.resourceChanges, { delete: RESOURCES });
        await assertNothingLeft(lab, out, expected);
    });
});
