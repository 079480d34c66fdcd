import * as assert from "node:assert/strict";
import type { Lab } from "../../../../lab/lab";
import { provider } from "../../../../provider/vsphere/distributedPortGroup";
import { provider as switches } from "../../../../provider/vsphere/distributedSwitch";
import type { DistributedPortGroupArgs, DistributedPortGroupState } from "../../../../sdk/vsphere/distributedPortGroup";
import type { DistributedSwitchState } from "../../../../sdk/vsphere/distributedSwitch";
import {
    assertSteadyCalls,
    datacenterWithHosts,
    destroyDatacenter,
    govcAdapters,
    govcMoid,
    govcVm,
    soapArgsDuring,
    TASK_WAIT,
    TestDatacenter,
    vsphereCallsDuring,
} from "../../../support/inventory";
import { configureProvidersForLab, govc, govcCollect, govcLs, sharedLab, uniqueName } from "../../../support/lab";

type Inputs = Parameters<typeof provider.create>[0];

interface BoolPolicy {
    value: boolean;
}

/** A port group's settings as govc reads them from vCenter. */
async function livePortgroup(lab: Lab, id: string) {
    const p = await govcCollect(lab, `DistributedVirtualPortgroup:${id}`, "name", "config");
    const config = p.config as {
        numPorts: number;
        autoExpand?: boolean;
        type: string;
        description?: string;
        configVersion: string;
        distributedVirtualSwitch: { value: string };
        defaultPortConfig: {
            vlan: { vlanId: number | { start: number; end: number }[] };
            securityPolicy?: { allowPromiscuous?: BoolPolicy; forgedTransmits?: BoolPolicy; macChanges?: BoolPolicy };
        };
        policy: { vlanOverrideAllowed: boolean; blockOverrideAllowed: boolean };
    };
    const security = config.defaultPortConfig.securityPolicy;
    return {
        name: p.name as string,
        switchId: config.distributedVirtualSwitch.value,
        vlan: config.defaultPortConfig.vlan.vlanId,
        ports: config.numPorts,
        autoExpand: config.autoExpand ?? false,
        binding: config.type,
        security: {
            allowPromiscuous: security?.allowPromiscuous?.value,
            allowForgedTransmits: security?.forgedTransmits?.value,
            allowMacChanges: security?.macChanges?.value,
        },
        vlanOverrideAllowed: config.policy.vlanOverrideAllowed,
        blockOverrideAllowed: config.policy.blockOverrideAllowed,
        description: config.description ?? "",
        configVersion: config.configVersion,
    };
}

async function checked(news: DistributedPortGroupArgs): Promise<Inputs> {
    const result = await provider.check({} as never, news as Inputs);
    assert.deepEqual(result.failures, undefined);
    return result.inputs!;
}

const OPEN = { allowPromiscuous: true, allowForgedTransmits: true, allowMacChanges: true };
const CLOSED = { allowPromiscuous: false, allowForgedTransmits: false, allowMacChanges: false };

describe("vsphere.DistributedPortGroup provider against the lab's vCenter", () => {
    let lab: Lab;
    let dc: TestDatacenter;
    let dvs: { id: string; state: DistributedSwitchState; path: string };

    before(async () => {
        lab = await sharedLab();
        configureProvidersForLab(lab);
        dc = await datacenterWithHosts(lab, 1);
        const name = uniqueName("it-pg-dvs");
        const created = await switches.create({
            datacenterId: dc.id,
            name,
            mtu: 1500,
            hosts: [{ hostId: dc.hostIds[0], nics: ["vmnic1"] }],
        });
        dvs = { id: created.id, state: created.outs!, path: `/${dc.name}/network/${name}` };
    });

    after(async () => {
        await destroyDatacenter(lab, dc);
    });

    function pgPath(name: string): string {
        return `/${dc.name}/network/${name}`;
    }

    /** OpenStack's br-int: a trunk of Neutron's VLAN range, with VLAN override allowed for Neutron's ports. */
    function brInt(name: string, more: Partial<DistributedPortGroupArgs> = {}): DistributedPortGroupArgs {
        return {
            switchId: dvs.id,
            name,
            vlan: { trunk: [{ min: 100, max: 2000 }] },
            vlanOverrideAllowed: true,
            ...more,
        };
    }

    it("creates br-int as a VLAN trunk with VLAN override allowed, which round-trips exactly", async () => {
        const name = uniqueName("br-int");
        const inputs = await checked(brInt(name, { security: OPEN, description: "Neutron provider VLANs" }));
        const { id, outs } = await provider.create(inputs);
        assert.match(id, /^dvportgroup-\d+$/);
        assert.deepEqual(outs, {
            switchId: dvs.id,
            name,
            vlan: { trunk: [{ min: 100, max: 2000 }] },
            ports: 8,
            autoExpand: true,
            binding: "earlyBinding",
            security: OPEN,
            vlanOverrideAllowed: true,
            description: "Neutron provider VLANs",
            key: id,
            switchType: "DistributedVirtualSwitch",
        });
        const live = await livePortgroup(lab, id);
        assert.deepEqual(live, {
            name,
            switchId: dvs.id,
            vlan: [{ start: 100, end: 2000 }],
            ports: 8,
            autoExpand: true,
            binding: "earlyBinding",
            security: OPEN,
            vlanOverrideAllowed: true,
            blockOverrideAllowed: true,
            description: "Neutron provider VLANs",
            configVersion: "0",
        });
        assert.equal(await govcMoid(lab, pgPath(name)), id);
        assert.deepEqual(await provider.read(id, outs), { id, props: outs });
        assert.deepEqual(await provider.diff(id, outs!, inputs), {
            changes: false,
            replaces: [],
            deleteBeforeReplace: true,
        });
        await provider.delete(id, outs!);
        assert.ok(!(await govcLs(lab, `/${dc.name}/network`)).includes(pgPath(name)));
    });

    it("changes only the VLAN, leaving security, binding and everything else as they are", async () => {
        const name = uniqueName("pg");
        const inputs = await checked({
            switchId: dvs.id,
            name,
            vlan: { trunk: [{ min: 100, max: 200 }] },
            ports: 16,
            binding: "earlyBinding",
            security: { allowPromiscuous: true },
            vlanOverrideAllowed: true,
        });
        const { id, outs } = await provider.create(inputs);
        const before = await livePortgroup(lab, id);

        const single = { ...inputs, vlan: { id: 101 } };
        const sent = await soapArgsDuring("ReconfigureDVPortgroup_Task", () => provider.update(id, outs!, single));
        assert.deepEqual(
            sent.map((args) => args.spec),
            [
                {
                    configVersion: before.configVersion,
                    defaultPortConfig: {
                        $type: "VMwareDVSPortSetting",
                        vlan: { $type: "VmwareDistributedVirtualSwitchVlanIdSpec", inherited: false, vlanId: 101 },
                    },
                },
            ],
        );
        const after = await livePortgroup(lab, id);
        assert.deepEqual(after, { ...before, vlan: 101, configVersion: String(Number(before.configVersion) + 1) });
        assert.deepEqual(after.security, { ...CLOSED, allowPromiscuous: true });
        assert.equal(after.binding, "earlyBinding");
        await provider.delete(id, outs!);
    });

    it("applies every change in place, trunk ↔ single VLAN included, keeping the MOID", async () => {
        const name = uniqueName("pg");
        const inputs = await checked({ switchId: dvs.id, name, vlan: { id: 10 } });
        const { id, outs } = await provider.create(inputs);
        let state = outs!;
        const steps: [Partial<DistributedPortGroupArgs>, Partial<DistributedPortGroupState>][] = [
            [
                {
                    vlan: {
                        trunk: [
                            { min: 300, max: 310 },
                            { min: 100, max: 200 },
                        ],
                    },
                },
                {
                    vlan: {
                        trunk: [
                            { min: 100, max: 200 },
                            { min: 300, max: 310 },
                        ],
                    },
                },
            ],
            [{ vlan: { id: 4094 } }, { vlan: { id: 4094 } }],
            [{ name: `${name}-renamed` }, { name: `${name}-renamed` }],
            [{ ports: 32 }, { ports: 32, autoExpand: false }],
            [{ security: { allowMacChanges: true } }, { security: { ...CLOSED, allowMacChanges: true } }],
            [{ vlanOverrideAllowed: true }, { vlanOverrideAllowed: true }],
            [{ description: "a port group" }, { description: "a port group" }],
            [{ binding: "ephemeral" }, { binding: "ephemeral" }],
        ];
        let declared: DistributedPortGroupArgs = inputs;
        for (const [change, effect] of steps) {
            declared = await checked({ ...declared, ...change, ...(change.binding ? { ports: undefined } : {}) });
            const diff = await provider.diff(id, state, declared as Inputs);
            assert.deepEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: true }, JSON.stringify(change));
            const expected = { ...state, ...effect };
            state = (await provider.update(id, state, declared as Inputs)).outs!;
            assert.deepEqual(state, expected, JSON.stringify(change));
            assert.deepEqual(await provider.read(id, state), { id, props: state });
            assert.equal((await provider.diff(id, state, declared as Inputs)).changes, false, JSON.stringify(change));
        }
        const live = await livePortgroup(lab, id);
        assert.equal(live.name, `${name}-renamed`);
        assert.equal(live.vlan, 4094);
        assert.equal(live.binding, "ephemeral");
        assert.deepEqual(live.security, { ...CLOSED, allowMacChanges: true });
        assert.equal(live.vlanOverrideAllowed, true);
        assert.equal(live.blockOverrideAllowed, true, "the rest of the policy is kept");
        assert.equal(await govcMoid(lab, pgPath(`${name}-renamed`)), id);
        await provider.delete(id, state);
    });

    it("makes only the calls it needs: create, read, no-op, delete", async () => {
        const inputs = await checked({ switchId: dvs.id, name: uniqueName("pg"), vlan: { id: 5 } });
        let id = "";
        let state: DistributedPortGroupState | undefined;
        const createCalls = await vsphereCallsDuring(async () => {
            ({ id, outs: state } = await provider.create(inputs));
        });
        // The switch with its ancestors (the lab's switch type is tried second, after VmwareDistributedVirtualSwitch),
        // AddDVPortgroup_Task and its wait, the new port group by its path, the port group.
        assert.deepEqual(createCalls, {
            RetrievePropertiesEx: 3,
            AddDVPortgroup_Task: 1,
            ...TASK_WAIT,
            FindByInventoryPath: 1,
        });
        await assertSteadyCalls(provider, id, state!, inputs);
    });

    it("shows a change made with govc in read, and puts the declared settings back", async () => {
        const name = uniqueName("br-int");
        const inputs = await checked(brInt(name));
        const { id, outs } = await provider.create(inputs);
        await govc(lab, "dvs.portgroup.change", "-vlan-mode", "vlan", "-vlan", "300", "-nports", "64", pgPath(name));

        const drifted = (await provider.read(id, outs)).props!;
        assert.deepEqual(drifted, { ...outs, vlan: { id: 300 }, ports: 64 });
        assert.deepEqual(await provider.diff(id, drifted, inputs), {
            changes: true,
            replaces: [],
            deleteBeforeReplace: true,
        });
        const repaired = (await provider.update(id, drifted, inputs)).outs!;
        assert.deepEqual(repaired, { ...outs, ports: 64 }, "elastic ports: the count vCenter has is kept");
        const live = await livePortgroup(lab, id);
        assert.deepEqual(live.vlan, [{ start: 100, end: 2000 }]);
        assert.equal(live.vlanOverrideAllowed, true);
        assert.equal((await provider.diff(id, repaired, inputs)).changes, false);
        await provider.delete(id, repaired);
    });

    it("refuses a taken name pointing to adopt, and adopts a port group made with govc", async () => {
        const name = uniqueName("pg");
        await govc(lab, "dvs.portgroup.add", "-dvs", dvs.path, "-type", "earlyBinding", "-nports", "4", name);
        const existing = await govcMoid(lab, pgPath(name));
        const inputs = await checked({ switchId: dvs.id, name, vlan: { trunk: [{ min: 1, max: 99 }] }, ports: 4 });

        await assert.rejects(provider.create(inputs), {
            message:
                `${pgPath(name)} already exists (DistributedVirtualPortgroup:${existing}): it carries no owner marker of this library; set adopt: true to take ` +
                "it over as this port group, or choose another name",
        });
        const { id, outs } = await provider.create({ ...inputs, adopt: true });
        assert.equal(id, existing);
        assert.deepEqual(outs!.vlan, { trunk: [{ min: 1, max: 99 }] });
        const live = await livePortgroup(lab, id);
        assert.deepEqual(live.vlan, [{ start: 1, end: 99 }]);
        assert.equal(live.ports, 4);
        await provider.delete(id, outs!);
    });

    it("does not adopt a port group of another switch", async () => {
        const other = await switches.create({ datacenterId: dc.id, name: uniqueName("it-pg-dvs"), mtu: 1500 });
        const name = uniqueName("pg");
        const theirs = await provider.create(await checked({ switchId: other.id, name }));
        await assert.rejects(provider.create(await checked({ switchId: dvs.id, name, adopt: true })), {
            message: `cannot adopt port group ${pgPath(name)} (${theirs.id}): it belongs to switch ${other.id}, not ${dvs.id}`,
        });
        assert.deepEqual((await livePortgroup(lab, theirs.id)).vlan, 0, "left as it was");
        await provider.delete(theirs.id, theirs.outs!);
        await switches.delete(other.id, other.outs!);
    });

    it("refuses a switch that does not exist, naming it", async () => {
        await assert.rejects(provider.create(await checked({ switchId: "dvs-999999", name: uniqueName("pg") })), {
            name: "VSphereError",
            message: "the port group's distributed switch dvs-999999 does not exist in vCenter",
        });
    });

    it("creates and destroys dozens of sibling port groups at once, as a parallel pulumi up does", async () => {
        const names = Array.from({ length: 24 }, (_, i) => uniqueName(`pg${i}`));
        const created = await Promise.all(
            names.map(async (name, i) =>
                provider.create(await checked({ switchId: dvs.id, name, vlan: { id: 100 + i } })),
            ),
        );
        const live = await Promise.all(created.map((c) => livePortgroup(lab, c.id)));
        assert.deepEqual(
            live.map((p) => [p.name, p.vlan]),
            names.map((name, i) => [name, 100 + i]),
        );
        assert.equal(new Set(created.map((c) => c.id)).size, names.length);
        await Promise.all(created.map((c) => provider.delete(c.id, c.outs!)));
        const listing = await govcLs(lab, `/${dc.name}/network`);
        assert.deepEqual(
            listing.filter((p) => names.some((n) => p.endsWith(`/${n}`))),
            [],
        );
    });

    it("refuses to destroy a port group VMs are connected to, naming them; the VMs keep their adapters", async () => {
        const name = uniqueName("pg");
        const inputs = await checked({ switchId: dvs.id, name, vlan: { id: 42 } });
        const { id, outs } = await provider.create(inputs);
        const vm = await govcVm(lab, dc.name, `/${dc.name}/host/c1/${dc.hostNames[0]}`, pgPath(name));
        assert.deepEqual(await govcAdapters(lab, dc, vm.name), ["ethernet-0"]);

        const calls = await vsphereCallsDuring(() =>
            assert.rejects(provider.delete(id, outs!), {
                name: "DestroyRefused",
                message:
                    `port group "${name}" (${id}) has VMs connected to it: VirtualMachine "${vm.name}" (${vm.id}); ` +
                    "a destroy never deletes, unregisters or disconnects a VM, with or without forceDestroy: " +
                    "connect their network adapters to another port group, or delete the VMs, first",
            }),
        );
        // The port group's VMs and their names: nothing is changed.
        assert.deepEqual(calls, { RetrievePropertiesEx: 2 });
        assert.equal(await govcMoid(lab, pgPath(name)), id);
        assert.deepEqual(await govcAdapters(lab, dc, vm.name), ["ethernet-0"]);

        await govc(lab, "vm.destroy", `/${dc.name}/vm/${vm.name}`);
        await provider.delete(id, outs!);
        assert.ok(!(await govcLs(lab, `/${dc.name}/network`)).includes(pgPath(name)));
    });
});
