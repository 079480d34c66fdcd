import * as assert from "node:assert/strict";
import { UNKNOWN } from "../../../../model/diff";
import { normalizeTrunk } from "../../../../model/vsphere/distributedPortGroup";
import { provider, vlanOf } from "../../../../provider/vsphere/distributedPortGroup";
import { decodeVlanSpec } from "../../../../provider/vsphere/vim/dvs";
import type { DistributedPortGroupState } from "../../../../sdk/vsphere/distributedPortGroup";

const valid = { switchId: "dvs-21", name: "br-int" };

const stored: DistributedPortGroupState = {
    switchId: "dvs-21",
    name: "br-int",
    vlan: { trunk: [{ min: 100, max: 2000 }] },
    ports: 8,
    autoExpand: true,
    binding: "earlyBinding",
    security: { allowPromiscuous: false, allowForgedTransmits: false, allowMacChanges: false },
    vlanOverrideAllowed: true,
    description: "",
    key: "dvportgroup-33",
    switchType: "VmwareDistributedVirtualSwitch",
};

async function failures(news: Record<string, unknown>) {
    return (await provider.check({} as never, { ...valid, ...news } as never)).failures;
}

describe("vsphere.DistributedPortGroup check", () => {
    it("accepts a VLAN id or a trunk, and gives the trunk as sorted, merged ranges", async () => {
        assert.deepEqual(await provider.check({} as never, { ...valid, vlan: { id: 101 } }), {
            inputs: { ...valid, vlan: { id: 101 } },
        });
        const trunk = [
            { min: 300, max: 400 },
            { min: 100, max: 199 },
            { min: 200, max: 250 },
            { min: 350, max: 360 },
            { min: 4094, max: 4094 },
        ];
        assert.deepEqual(await provider.check({} as never, { ...valid, vlan: { trunk } }), {
            inputs: {
                ...valid,
                vlan: {
                    trunk: [
                        { min: 100, max: 250 },
                        { min: 300, max: 400 },
                        { min: 4094, max: 4094 },
                    ],
                },
            },
        });
    });

    it("names the VLAN field and the ranges allowed", async () => {
        assert.deepEqual(await failures({ vlan: { id: 4095 } }), [
            { property: "vlan.id", reason: "vlan.id must be an integer from 0 to 4094, not 4095" },
        ]);
        assert.deepEqual(await failures({ vlan: { id: 10, trunk: [{ min: 1, max: 2 }] } }), [
            {
                property: "vlan",
                reason: "vlan must set exactly one of id (one VLAN, 0–4094) or trunk (VLAN ranges), not both",
            },
        ]);
        assert.deepEqual(await failures({ vlan: {} }), [
            {
                property: "vlan",
                reason: "vlan must set exactly one of id (one VLAN, 0–4094) or trunk (VLAN ranges), not neither",
            },
        ]);
        assert.deepEqual(await failures({ vlan: { trunk: [] } }), [
            { property: "vlan.trunk", reason: "vlan.trunk must be a non-empty list of { min, max } ranges, not []" },
        ]);
        assert.deepEqual(
            await failures({
                vlan: {
                    trunk: [{ min: 100, max: 2000 }, { min: 300, max: 200 }, { min: -1, max: 4095 }, { min: 5 }, "7-9"],
                    tag: 1,
                },
            }),
            [
                { property: "vlan.tag", reason: 'vlan has an unknown field "tag": set either id or trunk' },
                {
                    property: "vlan.trunk[1]",
                    reason: "vlan.trunk[1] runs from 300 down to 200: min must not be above max",
                },
                {
                    property: "vlan.trunk[2].min",
                    reason: "vlan.trunk[2].min must be an integer from 0 to 4094, not -1",
                },
                {
                    property: "vlan.trunk[2].max",
                    reason: "vlan.trunk[2].max must be an integer from 0 to 4094, not 4095",
                },
                { property: "vlan.trunk[3].max", reason: "vlan.trunk[3].max is required: an integer from 0 to 4094" },
                {
                    property: "vlan.trunk[4]",
                    reason: 'vlan.trunk[4] must be a range { min, max } of VLAN ids 0–4094, not "7-9"',
                },
            ],
        );
    });

    it("names the other invalid fields", async () => {
        assert.deepEqual(
            await failures({
                name: "",
                binding: "lateBinding",
                ports: 60001,
                security: { allowPromiscuous: "yes", promiscuous: true },
                vlanOverrideAllowed: 1,
                description: "",
            }),
            [
                {
                    property: "name",
                    reason: 'name must be a non-empty string of at most 80 characters without control characters, not ""',
                },
                {
                    property: "binding",
                    reason: 'binding must be one of "earlyBinding", "ephemeral", not "lateBinding"',
                },
                { property: "ports", reason: "ports must be an integer from 0 to 60000, not 60001" },
                {
                    property: "security.allowPromiscuous",
                    reason: 'security.allowPromiscuous must be true or false, not "yes"',
                },
                {
                    property: "security.promiscuous",
                    reason: 'security has an unknown field "promiscuous": it takes allowPromiscuous, allowForgedTransmits and allowMacChanges',
                },
                { property: "vlanOverrideAllowed", reason: "vlanOverrideAllowed must be true or false, not 1" },
                {
                    property: "description",
                    reason: "description cannot be empty: the vSphere API reads an empty description as unchanged; omit it to leave vCenter's as it is",
                },
            ],
        );
        assert.deepEqual(await failures({ binding: "ephemeral", ports: 16 }), [
            {
                property: "ports",
                reason: 'ports is for earlyBinding port groups: an ephemeral port group creates a port for each connection; remove ports or set binding: "earlyBinding"',
            },
        ]);
    });

    it("skips what is not known yet, and leaves a partly known trunk as it is", async () => {
        const trunk = [
            { min: 300, max: UNKNOWN },
            { min: 100, max: 200 },
        ];
        assert.deepEqual(await provider.check({} as never, { ...valid, vlan: { trunk } } as never), {
            inputs: { ...valid, vlan: { trunk } },
        });
        assert.deepEqual(await failures({ switchId: UNKNOWN, vlan: UNKNOWN, ports: UNKNOWN }), undefined);
    });
});

describe("vsphere.DistributedPortGroup diff", () => {
    const declared = { ...valid, vlan: { trunk: [{ min: 100, max: 2000 }] }, vlanOverrideAllowed: true };

    it("shows no change for the same settings, a trunk spelled otherwise, or elastic ports vCenter has grown", async () => {
        const noChange = { changes: false, replaces: [], deleteBeforeReplace: true };
        assert.deepEqual(await provider.diff("dvportgroup-33", stored, declared), noChange);
        const spelled = {
            ...declared,
            vlan: {
                trunk: [
                    { min: 1000, max: 2000 },
                    { min: 100, max: 999 },
                ],
            },
        };
        assert.deepEqual(await provider.diff("dvportgroup-33", stored, spelled), noChange);
        assert.deepEqual(await provider.diff("dvportgroup-33", { ...stored, ports: 200 }, declared), noChange);
    });

    it("updates every setting in place and replaces the port group, old one first, on another switch", async () => {
        const inPlace = { changes: true, replaces: [], deleteBeforeReplace: true };
        for (const news of [
            { ...declared, name: "br-int2" },
            { ...declared, vlan: { id: 101 } },
            { ...declared, vlan: { trunk: [{ min: 100, max: 2001 }] } },
            { ...declared, ports: 8 }, // a fixed number: autoExpand goes off
            { ...declared, binding: "ephemeral" as const },
            { ...declared, security: { allowPromiscuous: true } },
            { ...declared, vlanOverrideAllowed: false },
            { ...declared, description: "d" },
        ]) {
            assert.deepEqual(await provider.diff("dvportgroup-33", stored, news), inPlace, JSON.stringify(news));
        }
        assert.deepEqual(await provider.diff("dvportgroup-33", stored, { ...declared, switchId: "dvs-22" }), {
            changes: true,
            replaces: ["switchId"],
            deleteBeforeReplace: true,
        });
    });
});

describe("vsphere.DistributedPortGroup VLANs", () => {
    it("merges overlapping and adjacent trunk ranges", () => {
        assert.deepEqual(
            normalizeTrunk([
                { min: 10, max: 20 },
                { min: 0, max: 5 },
                { min: 6, max: 9 },
                { min: 15, max: 30 },
                { min: 40, max: 40 },
            ]),
            [
                { min: 0, max: 30 },
                { min: 40, max: 40 },
            ],
        );
    });

    it("reads VLAN settings as vCenter sends them", () => {
        assert.deepEqual(vlanOf(decodeVlanSpec({ $type: "VmwareDistributedVirtualSwitchVlanIdSpec", vlanId: "0" })), {
            id: 0,
        });
        const trunk = {
            $type: "VmwareDistributedVirtualSwitchTrunkVlanSpec",
            vlanId: [
                { start: "300", end: "310" },
                { start: "100", end: "299" },
            ],
        };
        assert.deepEqual(vlanOf(decodeVlanSpec(trunk)), { trunk: [{ min: 100, max: 310 }] });
        const one = { $type: "VmwareDistributedVirtualSwitchTrunkVlanSpec", vlanId: { start: "5", end: "6" } };
        assert.deepEqual(vlanOf(decodeVlanSpec(one)), { trunk: [{ min: 5, max: 6 }] });
        assert.deepEqual(vlanOf(decodeVlanSpec({ $type: "VmwareDistributedVirtualSwitchPvlanSpec", pvlanId: "7" })), {
            privateVlanId: 7,
        });
    });
});
