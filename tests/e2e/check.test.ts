import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import { promisify } from "node:util";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { dataPlane, Lab, labConnectionsConfig, labStackConfig, ROOT } from "../../lab/lab";
import { labStack, pulumiEnvironment } from "../../lab/pulumi";
import { waitForHypervisors } from "../../lab/services";
import { checkDeployment, CheckReport } from "../../sdk/check/index";
import type { Finding } from "../../sdk/check/findings";
import {
    bootServer,
    CliServer,
    createImage,
    deleteServer,
    eventually,
    removeNovaLeftovers,
    StackComputes,
    waitForClusterCapacity,
    withImageServices,
} from "../support/services";
import { govc, govcCollect, openstackCliQuiet, sharedLab, uniqueName } from "../support/lab";
import { govcAddHost } from "../support/clusters";
import { govcVm } from "../support/inventory";
import { StackOutputs, stackOutputs, vlanRangeForRun } from "../support/stack";

/** The stack config as the providers read it, in clear text (what `pulumi config --show-secrets` gives). */
function plainConfig(lab: Lab): Record<string, string> {
    const connections: Record<string, Record<string, string>> = {};
    for (const [key, { value }] of Object.entries(labConnectionsConfig(lab))) {
        const [, name, field] = key.split(".");
        (connections[name] ??= {})[field] = value;
    }
    return {
        ...Object.fromEntries(Object.entries(labStackConfig(lab)).map(([k, v]) => [k, v.value])),
        "vsphere:connections": JSON.stringify(connections),
    };
}

/** The findings without what the pipeline-free parts of a finding hold: code, severity, differs, cause. */
function summary(report: CheckReport): Pick<Finding, "code" | "severity" | "differs">[] {
    return report.findings.map(({ code, severity, differs }) => ({ code, severity, differs }));
}

describe("check: a live report of both sides of a deployment", function () {
    this.timeout(900_000);
    let lab: Lab;
    let stack: Stack;
    let prefix: string;
    let out: StackOutputs;
    let computes: StackComputes;
    let host: string;
    let config: Record<string, string>;
    const check = () => checkDeployment({ outputs: out }, { config });

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-check-"));
    let vlanRange: { min: number; max: number };
    let dc: string;

    /** Runs the command as `npx vsphere-openstack` does, for this stack: its exit status and output. */
    async function cli(...args: string[]): Promise<{ status: number; stdout: string }> {
        const env = {
            ...process.env,
            ...pulumiEnvironment(lab),
            PATH: `${process.env.VSO_PULUMI_ROOT}/bin:${process.env.PATH}`,
        };
        const command = [
            process.execPath,
            "-r",
            "ts-node/register/transpile-only",
            path.join(ROOT, "sdk/check/cli.ts"),
        ];
        const options = { cwd: ROOT, env, maxBuffer: 16 << 20 };
        const stackArgs = ["--stack", prefix, "--cwd", path.join(ROOT, "examples", "quickstart")];
        try {
            const { stdout } = await promisify(execFile)(
                command[0],
                [...command.slice(1), "check", ...stackArgs, ...args],
                options,
            );
            return { status: 0, stdout };
        } catch (err) {
            const failed = err as { code: number; stdout: string };
            return { status: failed.code, stdout: failed.stdout };
        }
    }

    before(async () => {
        lab = await sharedLab();
        prefix = uniqueName("chk");
        vlanRange = vlanRangeForRun(10);
        dc = `${prefix}-dc`;
        stack = await labStack(lab, path.join(ROOT, "examples", "quickstart"), prefix, {
            "quickstart:prefix": { value: prefix },
            "quickstart:vlanMin": { value: String(vlanRange.min) },
        });
        out = stackOutputs((await stack.up()).outputs);
        config = plainConfig(lab);
        host = `lab-${prefix}-compute`;
        computes = new StackComputes(lab);
        await computes.sync(out.novaComputeConf);
        const [hypervisor] = await waitForHypervisors(lab, [host]);
        const cinderConf = path.join(dir, "cinder.conf");
        fs.writeFileSync(cinderConf, out.cinderConf, { mode: 0o600 });
        await dataPlane.startVolume(cinderConf);
        await waitForClusterCapacity(lab, hypervisor.hypervisor_hostname);
    });

    after(async () => {
        await dataPlane.stopVolume();
        fs.rmSync(dir, { recursive: true, force: true });
        await computes?.close();
        await stack?.destroy().catch(() => undefined);
        await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
    });

    it("finds nothing in a healthy deployment, in one retrieval per object type and one list per collection", async () => {
        await eventually(60, async () => ((await check()).ok ? true : undefined));
        const report = await check();
        assert.deepEqual(summary(report), []);
        assert.deepEqual(report.calls, {
            // Datacenters, clusters, hosts, datastores, switches, port groups, VMs; the image folder's search.
            vsphere: {
                lab: {
                    RetrievePropertiesEx: 7,
                    SearchDatastore_Task: 1,
                    CreatePropertyCollector: 1,
                    CreateFilter: 1,
                    WaitForUpdatesEx: 1,
                    DestroyPropertyCollector: 1,
                },
            },
            // Nova: hypervisors, services, flavors, servers; Cinder: services; placement: providers and the
            // one hypervisor's inventory; Neutron: networks.
            openstack: {
                "GET 127.0.0.1:8774": 4,
                "GET 127.0.0.1:8776": 1,
                "GET 127.0.0.1:8778": 2,
                "GET 127.0.0.1:9696": 1,
            },
        });
    });

    it("the command prints the tables and the picture, and exits 0", async () => {
        const { status, stdout } = await cli();
        assert.equal(status, 0, stdout);
        assert.match(stdout, /^## Check: 0 error\(s\), 0 warning\(s\), 0 info\(s\)$/m);
        assert.match(stdout, new RegExp(`^\\| nova-compute \\| lab-${prefix}-compute \\| up, enabled \\|`, "m"));
        assert.ok(stdout.includes(out.summaryMermaid.trimEnd()), stdout);
    });

    it("names a trunk changed in vCenter: the network's VLAN gone from it, VLANs outside ML2's range", async () => {
        const pg = `/${dc}/network/br-int`;
        const { min, max } = vlanRange;
        await govc(lab, "dvs.portgroup.change", "-vlan-mode", "trunking", "-vlan-range", `${min + 1}-${max + 3}`, pg);
        try {
            const report = await check();
            const id = out.ids.portGroups.lab;
            assert.deepEqual(summary(report), [
                {
                    code: "network-not-trunked",
                    severity: "error",
                    differs: `br-int of vCenter lab does not trunk VLAN ${min} of network ${prefix}-net (trunks ${min + 1}-${max + 3})`,
                },
                {
                    code: "trunk-narrower",
                    severity: "warning",
                    differs: `br-int trunks ${min + 1}-${max + 3}: VLANs ${min} of ML2's range ${min}-${max} are not trunked`,
                },
                {
                    code: "trunk-wider",
                    severity: "warning",
                    differs: `br-int trunks VLANs ${max + 1}-${max + 3} outside ML2's range ${min}-${max}, which no Neutron network can use`,
                },
            ]);
            assert.deepEqual(report.findings[0].objects, [
                { side: "openstack", kind: "network", name: `${prefix}-net`, id: out.ids.networks[`${prefix}-net`] },
                { side: "vsphere", kind: "DistributedVirtualPortgroup", name: "br-int", id, vcenter: "lab" },
            ]);
            assert.equal(report.ok, false);
            assert.match(report.text, new RegExp(`^    class vc0_pg error$`, "m"));
        } finally {
            await govc(lab, "dvs.portgroup.change", "-vlan-mode", "trunking", "-vlan-range", `${min}-${max}`, pg);
        }
        assert.deepEqual(summary(await check()), []);
    });

    it("names a host in maintenance mode", async () => {
        const hostPath = `/${dc}/host/${prefix}-compute/esx-1.${prefix}.lab`;
        await govc(lab, "host.maintenance.enter", hostPath);
        try {
            const report = await check();
            assert.deepEqual(
                summary(report).filter((f) => f.code !== "capacity-differs"),
                [
                    {
                        code: "host-maintenance",
                        severity: "warning",
                        differs: `host esx-1.${prefix}.lab is in maintenance mode: its capacity is not the hypervisor's`,
                    },
                ],
            );
        } finally {
            await govc(lab, "host.maintenance.exit", hostPath);
        }
    });

    it("names Glance's folder deleted from the image datastore", async () => {
        await govc(lab, "datastore.rm", "-dc", dc, "-ds", `${prefix}-nfs`, "openstack_glance");
        try {
            assert.deepEqual(summary(await check()), [
                {
                    code: "image-folder-missing",
                    severity: "error",
                    differs: `datastore ${prefix}-nfs has no folder openstack_glance: Glance cannot store images`,
                },
            ]);
        } finally {
            await govc(lab, "datastore.mkdir", "-dc", dc, "-ds", `${prefix}-nfs`, "openstack_glance");
        }
    });

    it("names a flavor whose CPU topology the VMware driver will not honour", async () => {
        const id = out.ids.flavors[`${prefix}.vmware`];
        await openstackCliQuiet(lab, "flavor", "set", "--property", "hw:cpu_sockets=3", id);
        try {
            assert.deepEqual(summary(await check()), [
                {
                    code: "flavor-unfit",
                    severity: "error",
                    differs: `flavor ${prefix}.vmware: the CPU topology (sockets 3) does not fit vcpus 2: vcpus must be a multiple of it`,
                },
            ]);
        } finally {
            await openstackCliQuiet(lab, "flavor", "set", "--property", "hw:cpu_sockets=2", id);
        }
    });

    it("names a VM made with govc in the cluster Nova manages that is no Nova server", async () => {
        const cluster = `${prefix}-compute`;
        const trunk = `DistributedVirtualPortgroup:${out.ids.portGroups.lab}`;
        const { name: trunkName } = await govcCollect(lab, trunk, "name");
        const { name: vm } = await govcVm(
            lab,
            dc,
            `/${dc}/host/${cluster}/esx-1.${prefix}.lab`,
            `/${dc}/network/${trunkName as string}`,
            `${prefix}-nfs`,
        );
        try {
            const { "config.instanceUuid": uuid } = await govcCollect(lab, `/${dc}/vm/${vm}`, "config.instanceUuid");
            const report = await check();
            assert.deepEqual(summary(report), [
                {
                    code: "vm-unknown",
                    severity: "warning",
                    differs: `VM ${vm} (instance UUID ${uuid as string}) in cluster ${cluster} is no Nova server`,
                },
            ]);
            assert.deepEqual(
                report.findings[0].objects.map((o) => [o.kind, o.name]),
                [
                    ["VirtualMachine", vm],
                    ["ClusterComputeResource", cluster],
                ],
            );
        } finally {
            await govc(lab, "vm.destroy", "-dc", dc, `/${dc}/vm/${vm}`);
        }
        assert.deepEqual(summary(await check()), []);
    });

    /**
     * Runs `fn` with a server booted (no network) from an ISO image in the stack's Glance store, with a small
     * flavor made out of band (the quickstart's flavor needs more memory than one lab host has); then deletes
     * them, and what Nova left in vCenter.
     */
    async function withServer(fn: (server: CliServer) => Promise<void>): Promise<void> {
        const flavor = uniqueName("chk-boot");
        const iso = path.join(dir, "boot.iso");
        fs.writeFileSync(iso, crypto.randomBytes(1 << 20));
        await openstackCliQuiet(lab, "flavor", "create", "--vcpus", "1", "--ram", "512", "--disk", "1", flavor);
        try {
            await withImageServices(out.glanceApiConfs, async () => {
                const image = await createImage(lab, flavor, "iso", iso);
                try {
                    const server = await bootServer(lab, uniqueName("chk-server"), flavor, image);
                    try {
                        await fn(server);
                    } finally {
                        await deleteServer(lab, server.id);
                    }
                } finally {
                    await openstackCliQuiet(lab, "image", "delete", image);
                }
            });
        } finally {
            await openstackCliQuiet(lab, "flavor", "delete", flavor);
        }
        await removeNovaLeftovers(lab, dc, [`${prefix}-nfs`], [host]);
    }

    it("names a server whose VM was moved to another cluster in vCenter, then one whose VM was deleted there", async () => {
        const spare = `${prefix}-spare`;
        const spareHost = `/${dc}/host/${spare}/esx-spare.${prefix}.lab`;
        await govc(lab, "cluster.create", "-dc", dc, spare);
        await govcAddHost(lab, `/${dc}/host/${spare}`, path.posix.basename(spareHost));
        // The stack's datastore mounted there too: a migration needs the VM's storage on both hosts.
        const nfs = ["-type", "nfs", "-name", `${prefix}-nfs`, "-remote-host", "nfs.lab", "-remote-path"];
        await govc(lab, "datastore.create", ...nfs, `/export/${prefix}`, spareHost);
        try {
            await withServer(async (server) => {
                const vmPath = (
                    await govc(lab, "find", `/${dc}/vm`, "-type", "m", "-config.instanceUuid", server.id)
                ).trim();
                const vm = `${server.name} (${server.id})`;
                assert.equal(path.posix.basename(vmPath), vm);
                assert.deepEqual(summary(await check()), []);
                const migrate = (to: string) =>
                    govc(lab, "vm.migrate", "-host", to, "-pool", `${path.posix.dirname(to)}/Resources`, vmPath);
                await migrate(spareHost);
                try {
                    assert.deepEqual(summary(await check()), [
                        {
                            code: "vm-moved",
                            severity: "error",
                            differs: `VM ${vm} of server ${server.name} is in cluster ${spare} of vCenter lab, but Nova runs it in cluster ${prefix}-compute (nova-compute ${host})`,
                        },
                    ]);
                } finally {
                    await migrate(`/${dc}/host/${prefix}-compute/esx-1.${prefix}.lab`);
                }
                assert.deepEqual(summary(await check()), []);
                await govc(lab, "vm.destroy", vmPath);
                assert.deepEqual(summary(await check()), [
                    {
                        code: "server-without-vm",
                        severity: "error",
                        differs: `server ${server.name} (ACTIVE) of nova-compute ${host} has no VM with instance UUID ${server.id}`,
                    },
                ]);
            });
        } finally {
            await govc(lab, "object.destroy", `/${dc}/host/${spare}`);
        }
        assert.deepEqual(summary(await check()), []);
    });

    it("names a stopped nova-compute, and the command exits 1 with the finding as JSON", async () => {
        await dataPlane.stopCompute(host);
        const report = await eventually(120, async () => {
            const r = await check();
            return r.findings.some((f) => f.code === "compute-down") ? r : undefined;
        });
        const [down] = report.findings;
        assert.equal(down.code, "compute-down");
        assert.match(
            down.differs,
            new RegExp(
                `^nova-compute ${host} is down \\(last reported \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d UTC\\)$`,
            ),
        );
        assert.equal(down.cause, "the nova-compute process of this cluster stopped or lost its message queue");
        const { status, stdout } = await cli("--json");
        assert.equal(status, 1, stdout);
        const json = JSON.parse(stdout) as { ok: boolean; findings: Finding[] };
        assert.equal(json.ok, false);
        assert.deepEqual(
            json.findings.map((f) => f.code),
            report.findings.map((f) => f.code),
        );
    });
});
