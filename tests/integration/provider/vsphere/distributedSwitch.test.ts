import * as assert from "node:assert/strict";
import type { Lab } from "../../../../lab/lab";
import { normalizeHosts } from "../../../../model/vsphere/distributedSwitch";
import { provider } from "../../../../provider/vsphere/distributedSwitch";
import type { DistributedSwitchArgs, DistributedSwitchState } from "../../../../sdk/vsphere/distributedSwitch";
import {
    assertSteadyCalls,
    datacenterWithHosts,
    destroyDatacenter,
    govcAdapters,
    govcMoid,
    govcVm,
    injectFault,
    soapArgsDuring,
    TASK_WAIT,
    TestDatacenter,
    vsphereCallsDuring,
} from "../../../support/inventory";
import { configureProvidersForLab, govc, govcCollect, govcLs, sharedLab, uniqueName } from "../../../support/lab";

type Inputs = Parameters<typeof provider.create>[0];

/** A switch's settings as govc reads them from vCenter. */
async function liveSwitch(lab: Lab, id: string) {
    const ref = `DistributedVirtualSwitch:${id}`;
    const p = await govcCollect(lab, ref, "name", "config", "summary.hostMember");
    const config = p.config as {
        name: string;
        maxMtu: number;
        description?: string;
        configVersion: string;
        productInfo: { version: string };
        uplinkPortPolicy: { uplinkPortName: string[] } | null;
        host?: { config: { host: { value: string }; backing: { pnicSpec?: { pnicDevice: string }[] } } }[];
    };
    return {
        name: p.name as string,
        mtu: config.maxMtu,
        description: config.description ?? "",
        configVersion: config.configVersion,
        version: config.productInfo.version,
        uplinks: config.uplinkPortPolicy?.uplinkPortName ?? [],
        hosts: (config.host ?? []).map((h) => ({
            hostId: h.config.host.value,
            nics: (h.config.backing.pnicSpec ?? []).map((s) => s.pnicDevice),
        })),
        hostMembers: ((p["summary.hostMember"] as { _value?: { value: string }[] })?._value ?? []).map((r) => r.value),
    };
}

async function checked(news: DistributedSwitchArgs): Promise<Inputs> {
    const result = await provider.check({} as never, news as Inputs);
    assert.deepEqual(result.failures, undefined);
    return result.inputs!;
}

describe("vsphere.DistributedSwitch provider against the lab's vCenter", () => {
    let lab: Lab;
    let dc: TestDatacenter;

    before(async () => {
        lab = await sharedLab();
        configureProvidersForLab(lab);
        dc = await datacenterWithHosts(lab, 3);
    });

    after(async () => {
        await destroyDatacenter(lab, dc);
    });

    it("creates a switch with member hosts, reads it back, updates every setting in place and destroys it", async () => {
        const [h1, h2, h3] = dc.hostIds;
        const name = uniqueName("it-dvs");
        const inputs = await checked({
            datacenterId: dc.id,
            name,
            mtu: 9000,
            uplinks: ["uplink1", "uplink2"],
            hosts: [
                { hostId: h2, nics: ["vmnic1"] },
                { hostId: h1, nics: ["vmnic1", "vmnic0"] },
            ],
            description: "OpenStack switch",
        });
        assert.deepEqual(inputs.hosts, [
            { hostId: h1, nics: ["vmnic0", "vmnic1"] },
            { hostId: h2, nics: ["vmnic1"] },
        ]);

        const { id, outs } = await provider.create(inputs);
        assert.match(id, /^dvs-\d+$/);
        const state = outs!;
        assert.deepEqual(
            { ...state, uuid: "", uplinkPortgroupIds: [] },
            {
                datacenterId: dc.id,
                name,
                version: "8.0.3",
                mtu: 9000,
                uplinks: ["uplink1", "uplink2"],
                hosts: inputs.hosts,
                description: "OpenStack switch",
                forceDestroy: false,
                switchType: "DistributedVirtualSwitch",
                uuid: "",
                uplinkPortgroupIds: [],
            },
        );
        assert.equal(state.uplinkPortgroupIds.length, 1);
        assert.ok((await govcLs(lab, `/${dc.name}/network`)).includes(`/${dc.name}/network/${name}`));
        const live = await liveSwitch(lab, id);
        assert.deepEqual(live, {
            name,
            mtu: 9000,
            description: "OpenStack switch",
            configVersion: live.configVersion,
            version: "8.0.3",
            uplinks: ["uplink1", "uplink2"],
            hosts: live.hosts,
            hostMembers: live.hostMembers,
        });
        assert.deepEqual(new Set(live.hostMembers), new Set([h1, h2]));
        assert.deepEqual(normalizeHosts(live.hosts), inputs.hosts);

        assert.deepEqual(await provider.read(id, state), { id, props: state });
        assert.deepEqual(await provider.diff(id, state, inputs), {
            changes: false,
            replaces: [],
            deleteBeforeReplace: true,
        });

        // Everything at once: rename, MTU, uplinks, description; h1 keeps one NIC, h2 leaves, h3 joins.
        const renamed = `${name}-renamed`;
        const changed = await checked({
            datacenterId: dc.id,
            name: renamed,
            mtu: 1600,
            uplinks: ["lag-a", "lag-b", "lag-c"],
            hosts: [
                { hostId: h3, nics: ["vmnic0", "vmnic1"] },
                { hostId: h1, nics: ["vmnic1"] },
            ],
            description: "renamed",
        });
        assert.deepEqual(await provider.diff(id, state, changed), {
            changes: true,
            replaces: [],
            deleteBeforeReplace: true,
        });
        const before = live.configVersion;
        const { outs: updated } = await provider.update(id, state, changed);
        assert.deepEqual(updated, {
            ...state,
            name: renamed,
            mtu: 1600,
            uplinks: ["lag-a", "lag-b", "lag-c"],
            hosts: changed.hosts,
            description: "renamed",
        });
        const after = await liveSwitch(lab, id);
        assert.equal(after.name, renamed);
        assert.equal(after.mtu, 1600);
        assert.deepEqual(after.uplinks, ["lag-a", "lag-b", "lag-c"]);
        assert.equal(after.description, "renamed");
        assert.deepEqual(normalizeHosts(after.hosts), changed.hosts);
        assert.deepEqual(new Set(after.hostMembers), new Set([h1, h3]));
        assert.equal(Number(after.configVersion), Number(before) + 1, "one reconfiguration");
        assert.equal(await govcMoid(lab, `/${dc.name}/network/${renamed}`), id);

        await provider.delete(id, updated!);
        assert.deepEqual(await provider.read(id, updated), {});
        assert.ok(!(await govcLs(lab, `/${dc.name}/network`)).some((p) => p.includes(name)));
        await provider.delete(id, updated!); // deleting what is already gone succeeds
    });

    it("makes only the calls it needs: create, read, a no-op update, delete", async () => {
        const inputs = await checked({ datacenterId: dc.id, name: uniqueName("it-dvs") });
        let id = "";
        let state: DistributedSwitchState | undefined;
        const createCalls = await vsphereCallsDuring(async () => {
            ({ id, outs: state } = await provider.create(inputs));
        });
        assert.deepEqual(createCalls, { RetrievePropertiesEx: 2, CreateDVS_Task: 1, ...TASK_WAIT });
        await assertSteadyCalls(provider, id, state!, inputs);
    });

    it("sends the current configVersion with only what differs, and works a concurrent change out anew", async () => {
        const name = uniqueName("it-dvs");
        const inputs = await checked({ datacenterId: dc.id, name });
        const { id, outs } = await provider.create(inputs);
        await govc(lab, "dvs.change", "-mtu", "1600", `/${dc.name}/network/${name}`); // bumps configVersion
        const { configVersion } = await liveSwitch(lab, id);
        assert.notEqual(configVersion, "0");

        const sent = await soapArgsDuring("ReconfigureDvs_Task", () =>
            provider.update(id, outs!, { ...inputs, mtu: 9000 }),
        );
        assert.deepEqual(
            sent.map((args) => args.spec),
            [{ $type: "VMwareDVSConfigSpec", configVersion, maxMtu: 9000 }],
        );

        // Someone else reconfigures the switch between the provider's read and its reconfigure: vCenter refuses
        // with ConcurrentAccess, and the provider reads again and reconfigures with the new version.
        await injectFault(lab, "ReconfigureDvs_Task", id, "ConcurrentAccess", 1);
        let state: DistributedSwitchState | undefined;
        const calls = await vsphereCallsDuring(async () => {
            state = (await provider.update(id, outs!, { ...inputs, mtu: 1280 })).outs;
        });
        assert.deepEqual(calls, { RetrievePropertiesEx: 3, ReconfigureDvs_Task: 2, ...TASK_WAIT });
        assert.equal(state!.mtu, 1280);
        assert.equal((await liveSwitch(lab, id)).mtu, 1280);

        await injectFault(lab, "ReconfigureDvs_Task", id, "ConcurrentAccess", 3);
        await assert.rejects(provider.update(id, outs!, { ...inputs, mtu: 1500 }), {
            name: "VSphereError",
            message:
                `distributed switch "${name}" (${id}) kept changing in vCenter while it was being reconfigured ` +
                "(3 attempts, each refused with ConcurrentAccess); try again when the other changes are done",
        });
        assert.equal((await liveSwitch(lab, id)).mtu, 1280);
        await provider.delete(id, state!);
    });

    it("shows changes made with govc in read, and puts the declared settings back", async () => {
        const [h1, h2] = dc.hostIds;
        const name = uniqueName("it-dvs");
        const inputs = await checked({
            datacenterId: dc.id,
            name,
            mtu: 9000,
            hosts: [{ hostId: h1, nics: ["vmnic1"] }],
        });
        const { id, outs } = await provider.create(inputs);
        const path = `/${dc.name}/network/${name}`;
        await govc(lab, "dvs.change", "-mtu", "1500", path);
        await govc(lab, "dvs.add", "-dvs", path, "-pnic", "vmnic0", `/${dc.name}/host/c1/${dc.hostNames[1]}`);

        const drifted = (await provider.read(id, outs)).props!;
        assert.equal(drifted.mtu, 1500);
        assert.deepEqual(
            drifted.hosts,
            normalizeHosts([
                { hostId: h1, nics: ["vmnic1"] },
                { hostId: h2, nics: ["vmnic0"] },
            ]),
        );
        assert.equal((await provider.diff(id, drifted, inputs)).changes, true);
        // With hosts omitted, membership is not managed: the host added in vCenter is no change.
        const { hosts: _omitted, ...unmanaged } = inputs;
        assert.equal((await provider.diff(id, { ...drifted, mtu: 9000 }, unmanaged)).changes, false);

        const repaired = (await provider.update(id, drifted, inputs)).outs!;
        assert.deepEqual(repaired, outs);
        const live = await liveSwitch(lab, id);
        assert.equal(live.mtu, 9000);
        assert.deepEqual(live.hostMembers, [h1]);
        assert.equal((await provider.diff(id, repaired, inputs)).changes, false);
        await provider.delete(id, repaired);
    });

    it("creates a switch at an older version, upgrades it in place, and refuses to downgrade it", async () => {
        const name = uniqueName("it-dvs");
        const inputs = await checked({ datacenterId: dc.id, name, version: "7.0.3" });
        const { id, outs } = await provider.create(inputs);
        assert.equal(outs!.version, "7.0.3");
        assert.equal((await liveSwitch(lab, id)).version, "7.0.3");

        const upgraded = { ...inputs, version: "8.0.0" };
        assert.deepEqual(await provider.diff(id, outs!, upgraded), {
            changes: true,
            replaces: [],
            deleteBeforeReplace: true,
        });
        let state: DistributedSwitchState | undefined;
        const calls = await vsphereCallsDuring(async () => {
            state = (await provider.update(id, outs!, upgraded)).outs;
        });
        assert.deepEqual(calls, { RetrievePropertiesEx: 2, PerformDvsProductSpecOperation_Task: 1, ...TASK_WAIT });
        assert.deepEqual(state, { ...outs, version: "8.0.0" });
        assert.equal((await liveSwitch(lab, id)).version, "8.0.0");

        await assert.rejects(provider.diff(id, state!, inputs), {
            message: new RegExp(
                `^distributed switch "${name}" is at version 8\\.0\\.0 and cannot go down to 7\\.0\\.3: `,
            ),
        });
        await provider.delete(id, state!);
    });

    it("refuses at check a version vCenter does not offer, and passes on vCenter's own refusal", async () => {
        const name = uniqueName("it-dvs");
        const calls = await vsphereCallsDuring(async () => {
            const result = await provider.check({} as never, { datacenterId: dc.id, name, version: "6.5.0" } as Inputs);
            assert.deepEqual(result.failures, [
                {
                    property: "version",
                    reason: 'version must be one of "7.0.0", "7.0.2", "7.0.3", "8.0.0", "8.0.3", not "6.5.0"',
                },
            ]);
        });
        assert.deepEqual(calls, {});
        // Past the check, vCenter's refusal of the version is the create's error.
        await assert.rejects(provider.create({ ...(await checked({ datacenterId: dc.id, name })), version: "6.5.0" }), {
            name: "VimFault",
            message: /^CreateDVS_Task: InvalidArgument \(invalidProperty=spec\.productInfo\.version\)/,
        });
    });

    it("refuses to destroy a switch holding port groups the stack does not manage, unless forced", async () => {
        const name = uniqueName("it-dvs");
        const inputs = await checked({ datacenterId: dc.id, name });
        const { id, outs } = await provider.create(inputs);
        const path = `/${dc.name}/network/${name}`;
        const pgName = uniqueName("unmanaged-pg");
        await govc(lab, "dvs.portgroup.add", "-dvs", path, "-type", "earlyBinding", "-nports", "8", pgName);
        const pgId = await govcMoid(lab, `/${dc.name}/network/${pgName}`);

        await assert.rejects(provider.delete(id, outs!), {
            name: "DestroyRefused",
            message:
                `distributed switch "${name}" (${id}) still holds objects this stack does not manage: ` +
                `DistributedVirtualPortgroup "${pgName}" (${pgId}); remove them first, or set forceDestroy: true ` +
                "to destroy them with it",
        });
        assert.equal(await govcMoid(lab, path), id);

        const forced = (await provider.update(id, outs!, { ...inputs, forceDestroy: true })).outs!;
        await provider.delete(id, forced);
        const listing = await govcLs(lab, `/${dc.name}/network`);
        assert.ok(!listing.includes(path) && !listing.includes(`/${dc.name}/network/${pgName}`), listing.join(", "));
    });

    it("refuses a taken name pointing to adopt, and adopts a switch made with govc", async () => {
        const [h1] = dc.hostIds;
        const name = uniqueName("it-dvs");
        await govc(lab, "dvs.create", "-dc", dc.name, "-mtu", "1600", name);
        const existing = await govcMoid(lab, `/${dc.name}/network/${name}`);
        const inputs = await checked({
            datacenterId: dc.id,
            name,
            mtu: 9000,
            hosts: [{ hostId: h1, nics: ["vmnic1"] }],
        });

        await assert.rejects(provider.create(inputs), {
            message:
                `/${dc.name}/network/${name} already exists (DistributedVirtualSwitch:${existing}): it carries no owner marker of this library; set adopt: true ` +
                "to take it over as this distributed switch, or choose another name",
        });

        const { id, outs } = await provider.create({ ...inputs, adopt: true });
        assert.equal(id, existing);
        assert.equal(outs!.mtu, 9000);
        assert.deepEqual(outs!.hosts, [{ hostId: h1, nics: ["vmnic1"] }]);
        const live = await liveSwitch(lab, id);
        assert.equal(live.mtu, 9000);
        assert.deepEqual(live.hostMembers, [h1]);
        await provider.delete(id, outs!);
    });

    it("refuses a datacenter that does not exist, naming it", async () => {
        const inputs = await checked({ datacenterId: "datacenter-999999", name: uniqueName("it-dvs") });
        await assert.rejects(provider.create(inputs), {
            name: "VSphereError",
            message: "the switch's datacenter datacenter-999999 does not exist in vCenter",
        });
    });

    it("refuses to destroy a switch VMs are connected to, forced or not, naming them; the VMs keep their adapters", async () => {
        const name = uniqueName("it-dvs");
        // (The simulator lets a VM use a switch only when every host of its cluster is a member.)
        const hosts = dc.hostIds.map((hostId) => ({ hostId, nics: ["vmnic1"] }));
        const inputs = await checked({ datacenterId: dc.id, name, hosts });
        const { id, outs } = await provider.create(inputs);
        const pgName = uniqueName("unmanaged-pg");
        await govc(lab, "dvs.portgroup.add", "-dvs", `/${dc.name}/network/${name}`, "-type", "earlyBinding", pgName);
        const pgId = await govcMoid(lab, `/${dc.name}/network/${pgName}`);
        const vm = await govcVm(
            lab,
            dc.name,
            `/${dc.name}/host/c1/${dc.hostNames[0]}`,
            `/${dc.name}/network/${pgName}`,
        );

        const refusal = {
            name: "DestroyRefused",
            message:
                `distributed switch "${name}" (${id}) has VMs connected to it: VirtualMachine "${vm.name}" ` +
                `(${vm.id}); a destroy never deletes, unregisters or disconnects a VM, with or without ` +
                "forceDestroy: connect their network adapters to another switch, or delete the VMs, first",
        };
        await assert.rejects(provider.delete(id, outs!), refusal);
        const forced = (await provider.update(id, outs!, { ...inputs, forceDestroy: true })).outs!;
        await assert.rejects(provider.delete(id, forced), refusal);
        assert.equal(await govcMoid(lab, `/${dc.name}/network/${name}`), id);
        assert.equal(await govcMoid(lab, `/${dc.name}/network/${pgName}`), pgId);
        assert.deepEqual(await govcAdapters(lab, dc, vm.name), ["ethernet-0"]);

        await govc(lab, "vm.destroy", `/${dc.name}/vm/${vm.name}`);
        await provider.delete(id, forced);
        const listing = await govcLs(lab, `/${dc.name}/network`);
        assert.ok(!listing.some((p) => p.endsWith(`/${name}`) || p.endsWith(`/${pgName}`)), listing.join(", "));
    });
});
