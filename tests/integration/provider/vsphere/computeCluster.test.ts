import * as assert from "node:assert/strict";
import type { Lab } from "../../../../lab/lab";
import { provider } from "../../../../provider/vsphere/computeCluster";
import type { ComputeClusterArgs, ComputeClusterState } from "../../../../sdk/vsphere/computeCluster";
import { govcAddHost, uniqueHostname } from "../../../support/clusters";
import { assertSteadyCalls, govcMoid, govcVm, soapArgsDuring, vsphereCallsDuring } from "../../../support/inventory";
import { configureProvidersForLab, govc, govcCollect, govcLs, sharedLab, uniqueName } from "../../../support/lab";

type Inputs = Parameters<typeof provider.create>[0];

/** A cluster's DRS and HA configuration as govc reads it from vCenter (`configurationEx`). */
async function liveConfig(lab: Lab, id: string) {
    const p = await govcCollect(lab, `ClusterComputeResource:${id}`, "name", "configurationEx");
    const cfg = p.configurationEx as {
        drsConfig: { enabled: boolean; defaultVmBehavior: string; vmotionRate: number };
        dasConfig: { enabled: boolean; admissionControlEnabled: boolean; hostMonitoring: string; vmMonitoring: string };
    };
    return {
        name: p.name as string,
        drs: {
            enabled: cfg.drsConfig.enabled,
            defaultVmBehavior: cfg.drsConfig.defaultVmBehavior,
            vmotionRate: cfg.drsConfig.vmotionRate,
        },
        das: {
            enabled: cfg.dasConfig.enabled,
            admissionControlEnabled: cfg.dasConfig.admissionControlEnabled,
            hostMonitoring: cfg.dasConfig.hostMonitoring,
            vmMonitoring: cfg.dasConfig.vmMonitoring,
        },
    };
}

async function checked(news: ComputeClusterArgs): Promise<Inputs> {
    const result = await provider.check({} as never, news as Inputs);
    assert.deepEqual(result.failures, undefined);
    return result.inputs!;
}

describe("vsphere.ComputeCluster provider against the lab's vCenter", () => {
    let lab: Lab;
    let dc: string;
    let dcId: string;

    before(async () => {
        lab = await sharedLab();
        configureProvidersForLab(lab);
        dc = uniqueName("it-cl-dc");
        await govc(lab, "datacenter.create", dc);
        dcId = await govcMoid(lab, `/${dc}`);
    });

    after(async () => {
        await govc(lab, "object.destroy", `/${dc}`);
    });

    it("creates a cluster with DRS and HA, reads it back, changes each setting in place and renames it", async () => {
        const name = uniqueName("it-cl");
        const inputs = await checked({
            datacenterId: dcId,
            name,
            drs: { enabled: true, automationLevel: "partiallyAutomated" },
        });
        assert.deepEqual(inputs, {
            datacenterId: dcId,
            name,
            drs: { enabled: true, automationLevel: "partiallyAutomated", migrationThreshold: 3 },
            ha: { enabled: false, admissionControlEnabled: true, hostMonitoring: "enabled" },
        });

        const { id, outs } = await provider.create(inputs);
        assert.match(id, /^domain-c\d+$/);
        const state = outs!;
        assert.match(state.resourcePoolId, /^resgroup-\d+$/);
        assert.deepEqual(state, {
            ...inputs,
            datacenterPath: `/${dc}`,
            resourcePoolId: state.resourcePoolId,
            forceDestroy: false,
        });
        assert.ok((await govcLs(lab, `/${dc}/host`)).includes(`/${dc}/host/${name}`));
        assert.equal(await govcMoid(lab, `/${dc}/host/${name}/Resources`), state.resourcePoolId);
        assert.deepEqual(await liveConfig(lab, id), {
            name,
            drs: { enabled: true, defaultVmBehavior: "partiallyAutomated", vmotionRate: 3 },
            das: {
                enabled: false,
                admissionControlEnabled: true,
                hostMonitoring: "enabled",
                vmMonitoring: "vmMonitoringDisabled",
            },
        });
        assert.deepEqual(await provider.read(id, state), { id, props: state });
        assert.deepEqual(await provider.diff(id, state, inputs), {
            changes: false,
            replaces: [],
            deleteBeforeReplace: false,
        });

        // Only the migration threshold: the spec carries vmotionRate alone (slider 5 = vmotionRate 1).
        const aggressive = await checked({ ...inputs, drs: { ...inputs.drs, migrationThreshold: 5 } });
        assert.deepEqual(await provider.diff(id, state, aggressive), {
            changes: true,
            replaces: [],
            deleteBeforeReplace: false,
        });
        let updated: ComputeClusterState | undefined;
        const sent = await soapArgsDuring("ReconfigureComputeResource_Task", async () => {
            updated = (await provider.update(id, state, aggressive)).outs;
        });
        assert.deepEqual(sent, [
            {
                _this: sent[0]._this,
                spec: { $type: "ClusterConfigSpecEx", drsConfig: { vmotionRate: 1 } },
                modify: true,
            },
        ]);
        assert.deepEqual(updated, { ...state, drs: { ...state.drs, migrationThreshold: 5 } });
        assert.deepEqual((await liveConfig(lab, id)).drs, {
            enabled: true,
            defaultVmBehavior: "partiallyAutomated",
            vmotionRate: 1,
        });

        // Only HA: DRS keeps every setting.
        const ha = await checked({ ...aggressive, ha: { enabled: true, hostMonitoring: "disabled" } });
        const haSent = await soapArgsDuring("ReconfigureComputeResource_Task", async () => {
            updated = (await provider.update(id, updated!, ha)).outs;
        });
        assert.deepEqual(
            haSent.map((a) => a.spec),
            [{ $type: "ClusterConfigSpecEx", dasConfig: { enabled: true, hostMonitoring: "disabled" } }],
        );
        assert.deepEqual(await liveConfig(lab, id), {
            name,
            drs: { enabled: true, defaultVmBehavior: "partiallyAutomated", vmotionRate: 1 },
            das: {
                enabled: true,
                admissionControlEnabled: true,
                hostMonitoring: "disabled",
                vmMonitoring: "vmMonitoringDisabled",
            },
        });

        // A rename keeps the MOID and sends no reconfiguration.
        const renamed = { ...ha, name: `${name}-renamed` };
        const renameCalls = await vsphereCallsDuring(async () => {
            updated = (await provider.update(id, updated!, renamed)).outs;
        });
        assert.equal(renameCalls.Rename_Task, 1);
        assert.equal(renameCalls.ReconfigureComputeResource_Task, undefined);
        assert.equal(updated!.name, `${name}-renamed`);
        assert.equal(await govcMoid(lab, `/${dc}/host/${name}-renamed`), id);
        assert.deepEqual(await provider.read(id, updated), { id, props: updated });

        await provider.delete(id, updated!);
        assert.deepEqual(await provider.read(id, updated), {});
        assert.ok(!(await govcLs(lab, `/${dc}/host`)).some((p) => p.includes(name)));
        await provider.delete(id, updated!); // already gone
    });

    it("makes only the calls it needs: create is one CreateClusterEx and two reads, read one, a no-op diff none", async () => {
        const inputs = await checked({ datacenterId: dcId, name: uniqueName("it-cl") });
        let id = "";
        let state: ComputeClusterState | undefined;
        const createCalls = await vsphereCallsDuring(async () => {
            ({ id, outs: state } = await provider.create(inputs));
        });
        // The datacenter's host folder and path, then the new cluster.
        assert.deepEqual(createCalls, { RetrievePropertiesEx: 2, CreateClusterEx: 1 });
        await assertSteadyCalls(provider, id, state!, inputs);
    });

    it("declares a move to another datacenter a replacement", async () => {
        const inputs = await checked({ datacenterId: dcId, name: "c1" });
        const olds = {
            ...inputs,
            datacenterPath: `/${dc}`,
            resourcePoolId: "resgroup-1",
            forceDestroy: false,
        } as ComputeClusterState;
        assert.deepEqual(await provider.diff("domain-c1", olds, { ...inputs, datacenterId: "datacenter-999" }), {
            changes: true,
            replaces: ["datacenterId"],
            deleteBeforeReplace: false,
        });
    });

    it("rejects invalid settings at preview, naming the field and what it allows", async () => {
        const result = await provider.check(
            {} as never,
            {
                datacenterId: dcId,
                name: "c1",
                drs: { enabled: "yes", automationLevel: "automatic", migrationThreshold: 6, rate: 1 },
                ha: { hostMonitoring: "on" },
            } as never,
        );
        assert.deepEqual(result.failures, [
            { property: "drs.enabled", reason: 'drs.enabled must be true or false, not "yes"' },
            {
                property: "drs.automationLevel",
                reason: 'drs.automationLevel must be one of "manual", "partiallyAutomated", "fullyAutomated", not "automatic"',
            },
            {
                property: "drs.migrationThreshold",
                reason: "drs.migrationThreshold must be an integer from 1 to 5, not 6",
            },
            {
                property: "drs.rate",
                reason: 'drs has an unknown field "rate": it takes enabled, automationLevel, migrationThreshold',
            },
            {
                property: "ha.hostMonitoring",
                reason: 'ha.hostMonitoring must be one of "enabled", "disabled", not "on"',
            },
        ]);
        const notObject = await provider.check({} as never, { datacenterId: dcId, name: "c1", ha: true } as never);
        assert.deepEqual(notObject.failures, [
            {
                property: "ha",
                reason: "ha must be an object with enabled, admissionControlEnabled, hostMonitoring, not true",
            },
        ]);
    });

    it("names a datacenter that does not exist", async () => {
        await assert.rejects(provider.create(await checked({ datacenterId: "datacenter-999999", name: "c1" })), {
            name: "VSphereError",
            message: "the cluster's datacenter datacenter-999999 does not exist in vCenter",
        });
    });

    it("sees DRS and HA changed with govc and puts back only what changed", async () => {
        const name = uniqueName("it-cl");
        const inputs = await checked({ datacenterId: dcId, name, drs: { enabled: true } });
        const { id, outs } = await provider.create(inputs);
        await govc(
            lab,
            "cluster.change",
            "-dc",
            dc,
            "-drs-vmotion-rate=1",
            "-drs-mode",
            "manual",
            "-ha-enabled=true",
            `/${dc}/host/${name}`,
        );

        const refreshed = (await provider.read(id, outs)).props!;
        assert.deepEqual(refreshed.drs, { enabled: true, automationLevel: "manual", migrationThreshold: 5 });
        assert.deepEqual(refreshed.ha, { enabled: true, admissionControlEnabled: true, hostMonitoring: "enabled" });
        assert.deepEqual(await provider.diff(id, refreshed, inputs), {
            changes: true,
            replaces: [],
            deleteBeforeReplace: false,
        });
        const sent = await soapArgsDuring("ReconfigureComputeResource_Task", async () => {
            assert.deepEqual((await provider.update(id, refreshed, inputs)).outs, outs);
        });
        assert.deepEqual(
            sent.map((a) => a.spec),
            [
                {
                    $type: "ClusterConfigSpecEx",
                    dasConfig: { enabled: false },
                    drsConfig: { defaultVmBehavior: "fullyAutomated", vmotionRate: 3 },
                },
            ],
        );
        assert.deepEqual((await liveConfig(lab, id)).drs, {
            enabled: true,
            defaultVmBehavior: "fullyAutomated",
            vmotionRate: 3,
        });
        assert.equal((await liveConfig(lab, id)).das.enabled, false);
        await provider.delete(id, outs!);
    });

    it("refuses to destroy a cluster holding hosts the stack does not manage, unless forced", async () => {
        const name = uniqueName("it-cl");
        const inputs = await checked({ datacenterId: dcId, name });
        const { id, outs } = await provider.create(inputs);
        const hostname = uniqueHostname();
        const hostId = await govcAddHost(lab, `/${dc}/host/${name}`, hostname);

        await assert.rejects(provider.delete(id, outs!), {
            name: "DestroyRefused",
            message:
                `compute cluster "${name}" (${id}) still holds objects this stack does not manage: ` +
                `HostSystem "${hostname}" (${hostId}); remove them first, or set forceDestroy: true to destroy them with it`,
        });
        assert.ok((await govcLs(lab, `/${dc}/host`)).includes(`/${dc}/host/${name}`));

        const forced = (await provider.update(id, outs!, { ...inputs, forceDestroy: true })).outs!;
        assert.deepEqual(forced, { ...outs, forceDestroy: true });
        await provider.delete(id, forced);
        assert.ok(!(await govcLs(lab, `/${dc}/host`)).includes(`/${dc}/host/${name}`));
        const hosts = JSON.parse(await govc(lab, "find", "-json", "/", "-type", "h", "-name", hostname)) as unknown;
        assert.deepEqual(hosts, null, "the host outlived its cluster");
    });

    it("refuses to destroy a cluster whose hosts have VMs, forced or not, naming them; the VMs stay", async () => {
        const name = uniqueName("it-cl");
        const inputs = await checked({ datacenterId: dcId, name, forceDestroy: true });
        const { id, outs } = await provider.create(inputs);
        const hostname = uniqueHostname();
        await govcAddHost(lab, `/${dc}/host/${name}`, hostname);
        // On a datastore the stack does not manage.
        const vm = await govcVm(lab, dc, `/${dc}/host/${name}/${hostname}`, "VM Network");

        const calls = await vsphereCallsDuring(() =>
            assert.rejects(provider.delete(id, outs!), {
                name: "DestroyRefused",
                message:
                    `compute cluster "${name}" (${id}) has VMs on its hosts: VirtualMachine "${vm.name}" (${vm.id}); ` +
                    "a destroy never deletes, unregisters or disconnects a VM, with or without forceDestroy: move " +
                    "them out of the cluster or delete them first",
            }),
        );
        // The cluster's hosts, the VMs below it, their names: nothing is changed.
        assert.deepEqual(calls, { RetrievePropertiesEx: 3 });
        assert.ok((await govcLs(lab, `/${dc}/host/${name}`)).includes(`/${dc}/host/${name}/${hostname}`));
        assert.equal(await govcMoid(lab, `/${dc}/vm/${vm.name}`), vm.id, "the VM stays");

        await govc(lab, "vm.destroy", `/${dc}/vm/${vm.name}`);
        await provider.delete(id, outs!);
        assert.ok(!(await govcLs(lab, `/${dc}/host`)).includes(`/${dc}/host/${name}`));
    });

    it("points a taken name to adopt, and adopts a cluster made with govc, bringing it to the declared settings", async () => {
        const name = uniqueName("it-cl");
        await govc(lab, "cluster.create", "-dc", dc, name);
        const madeId = await govcMoid(lab, `/${dc}/host/${name}`);
        const inputs = await checked({ datacenterId: dcId, name, drs: { enabled: true, migrationThreshold: 2 } });
        await assert.rejects(provider.create(inputs), {
            message:
                `/${dc}/host/${name} already exists (ClusterComputeResource:${madeId}): ` +
                `it carries no owner marker of this library; set adopt: true to take it over as this compute cluster, or choose another name`,
        });

        const { id, outs } = await provider.create({ ...inputs, adopt: true });
        assert.equal(id, madeId);
        assert.deepEqual(outs!.drs, { enabled: true, automationLevel: "fullyAutomated", migrationThreshold: 2 });
        assert.deepEqual((await liveConfig(lab, id)).drs, {
            enabled: true,
            defaultVmBehavior: "fullyAutomated",
            vmotionRate: 4,
        });
        await provider.delete(id, outs!);
    });

    it("finds a datacenter inside folders, and adopts by the cluster's full inventory path there", async () => {
        const folder = uniqueName("it-cl-folder");
        await govc(lab, "folder.create", `/${folder}`, `/${folder}/emea`);
        const nested = `/${folder}/emea/${uniqueName("it-cl-dc")}`;
        await govc(lab, "datacenter.create", "-folder", `/${folder}/emea`, nested.split("/").pop()!);
        try {
            await govc(lab, "cluster.create", "-dc", nested, "c1");
            const inputs = await checked({ datacenterId: await govcMoid(lab, nested), name: "c1", adopt: true });
            const { id, outs } = await provider.create(inputs);
            assert.equal(id, await govcMoid(lab, `${nested}/host/c1`));
            assert.equal(outs!.datacenterPath, nested);
            await provider.delete(id, outs!);
        } finally {
            await govc(lab, "object.destroy", `/${folder}`);
        }
    });

    it("creates twelve clusters at once and destroys them at once, without session or task errors", async () => {
        const names = Array.from({ length: 12 }, () => uniqueName("it-cl"));
        const inputs = await Promise.all(
            names.map((name) => checked({ datacenterId: dcId, name, drs: { enabled: true } })),
        );
        const created = await Promise.all(inputs.map((i) => provider.create(i)));
        assert.equal(new Set(created.map((c) => c.id)).size, 12);
        const listing = await govcLs(lab, `/${dc}/host`);
        for (const name of names) {
            assert.ok(listing.includes(`/${dc}/host/${name}`), `${name} is missing`);
        }
        await Promise.all(created.map((c) => provider.delete(c.id, c.outs!)));
        const after = await govcLs(lab, `/${dc}/host`);
        assert.deepEqual(
            after.filter((p) => names.some((n) => p.endsWith(`/${n}`))),
            [],
        );
    });
});
