import * as assert from "node:assert/strict";
import { UNKNOWN } from "../../../../model/diff";
import { compareVersions, normalizeHosts, rules } from "../../../../model/vsphere/distributedSwitch";
import { membershipChanges, provider } from "../../../../provider/vsphere/distributedSwitch";
import { encodeSwitchConfigSpec } from "../../../../provider/vsphere/vim/dvs";
import { ManagedObjectReference } from "../../../../provider/vsphere/client/xml";
import type { DistributedSwitchState } from "../../../../sdk/vsphere/distributedSwitch";

const valid = { datacenterId: "datacenter-2", name: "openstack-dvs" };

const stored: DistributedSwitchState = {
    datacenterId: "datacenter-2",
    name: "openstack-dvs",
    version: "8.0.0",
    mtu: 1500,
    uplinks: ["uplink1", "uplink2", "uplink3", "uplink4"],
    hosts: [
        { hostId: "host-9", nics: ["vmnic1"] },
        { hostId: "host-10", nics: ["vmnic0", "vmnic1"] },
    ],
    description: "",
    forceDestroy: false,
    switchType: "VmwareDistributedVirtualSwitch",
    uuid: "50 1a",
    uplinkPortgroupIds: ["dvportgroup-22"],
};

function host(id: string): ManagedObjectReference {
    return new ManagedObjectReference("HostSystem", id);
}

describe("vsphere.DistributedSwitch check", () => {
    it("defaults the MTU and sorts hosts by MOID and their NICs by name", async () => {
        const result = await provider.check({} as never, {
            ...valid,
            hosts: [
                { hostId: "host-10", nics: ["vmnic1", "vmnic0"] },
                { hostId: "host-9", nics: ["vmnic1"] },
            ],
        });
        assert.deepEqual(result, {
            inputs: {
                ...valid,
                mtu: 1500,
                hosts: [
                    { hostId: "host-9", nics: ["vmnic1"] },
                    { hostId: "host-10", nics: ["vmnic0", "vmnic1"] },
                ],
            },
        });
    });

    it("keeps hosts in their order while some of them are not known yet", async () => {
        const hosts = [
            { hostId: UNKNOWN, nics: ["vmnic1"] },
            { hostId: "host-9", nics: ["vmnic1"] },
        ];
        assert.deepEqual(await provider.check({} as never, { ...valid, hosts }), {
            inputs: { ...valid, mtu: 1500, hosts },
        });
    });

    it("names each invalid field and what is allowed", async () => {
        const result = await provider.check({} as never, {
            datacenterId: "",
            name: "n".repeat(81),
            version: "8.0",
            mtu: 9001,
            uplinks: ["u1", "u1"],
            hosts: [
                { hostId: "host-9", nics: ["vmnic0", "vmnic1", "vmnic0"] },
                { hostId: "host-9", nics: [] },
                { hostId: "host-11" } as never,
                { hostId: "host-12", nics: ["vmnic0"], uplink: "u1" } as never,
                "host-13" as never,
            ],
            description: "",
            adopt: "yes" as never,
        });
        assert.deepEqual(result.failures, [
            {
                property: "datacenterId",
                reason: 'datacenterId must be a non-empty string of at most 80 characters without control characters, not ""',
            },
            {
                property: "name",
                reason: `name must be a non-empty string of at most 80 characters without control characters, not "${"n".repeat(81)}"`,
            },
            {
                property: "version",
                reason: 'version must be one of "7.0.0", "7.0.2", "7.0.3", "8.0.0", "8.0.3", not "8.0"',
            },
            { property: "mtu", reason: "mtu must be an integer from 1280 to 9000, not 9001" },
            { property: "uplinks", reason: "uplinks lists u1 more than once: uplink names are unique" },
            { property: "hosts[0].nics", reason: "hosts[0].nics lists vmnic0 more than once" },
            {
                property: "hosts[0].nics",
                reason: "hosts[0].nics gives 3 NICs but the switch has 2 uplinks: one NIC per uplink at most",
            },
            {
                property: "hosts[1].hostId",
                reason: "hosts[1].hostId repeats host host-9 of hosts[0]: list each host once",
            },
            {
                property: "hosts[2].nics",
                reason: 'hosts[2].nics is required: the host\'s physical NICs for the switch, e.g. ["vmnic1"]',
            },
            {
                property: "hosts[3].uplink",
                reason: 'hosts[3] has an unknown field "uplink": a host takes hostId and nics',
            },
            { property: "hosts[4]", reason: 'hosts[4] must be {hostId, nics}, not "host-13"' },
            {
                property: "description",
                reason: "description cannot be empty: the vSphere API reads an empty description as unchanged; omit it to leave vCenter's as it is",
            },
            { property: "adopt", reason: 'adopt must be true or false, not "yes"' },
        ]);
    });

    it("accepts the MTU limits and refuses what lies outside", async () => {
        for (const mtu of [1280, 9000]) {
            assert.equal((await provider.check({} as never, { ...valid, mtu })).failures, undefined);
        }
        for (const mtu of [1279, 1500.5]) {
            assert.deepEqual((await provider.check({} as never, { ...valid, mtu })).failures, [
                { property: "mtu", reason: `mtu must be an integer from 1280 to 9000, not ${mtu}` },
            ]);
        }
    });
});

describe("vsphere.DistributedSwitch diff", () => {
    const same = { ...valid, mtu: 1500, hosts: stored.hosts };

    it("shows no change when hosts and NICs come in another order", async () => {
        const shuffled = normalizeHosts([
            { hostId: "host-10", nics: ["vmnic1", "vmnic0"] },
            { hostId: "host-9", nics: ["vmnic1"] },
        ]);
        assert.deepEqual(await provider.diff("dvs-21", stored, { ...valid, mtu: 1500, hosts: shuffled }), {
            changes: false,
            replaces: [],
            deleteBeforeReplace: true,
        });
    });

    it("leaves version, uplinks, hosts and description to vCenter when they are omitted", async () => {
        assert.equal((await provider.diff("dvs-21", stored, { ...valid, mtu: 1500 })).changes, false);
    });

    it("updates settings in place and replaces the switch, old one first, for another datacenter", async () => {
        for (const news of [
            { ...same, name: "other" },
            { ...same, mtu: 9000 },
            { ...same, version: "8.0.3" },
            { ...same, uplinks: ["uplink1"] },
            { ...same, hosts: [] },
            { ...same, description: "d" },
            { ...same, forceDestroy: true },
        ]) {
            assert.deepEqual(await provider.diff("dvs-21", stored, news), {
                changes: true,
                replaces: [],
                deleteBeforeReplace: true,
            });
        }
        assert.deepEqual(await provider.diff("dvs-21", stored, { ...same, datacenterId: "datacenter-3" }), {
            changes: true,
            replaces: ["datacenterId"],
            deleteBeforeReplace: true,
        });
        assert.deepEqual(rules.replace, ["datacenterId"]);
    });

    it("refuses a lower version, naming both and how to start over", async () => {
        await assert.rejects(provider.diff("dvs-21", stored, { ...same, version: "7.0.3" }), {
            name: "VSphereError",
            message:
                'distributed switch "openstack-dvs" is at version 8.0.0 and cannot go down to 7.0.3: vCenter upgrades ' +
                'switches in place but never downgrades them. Keep version "8.0.0" (or omit it); to start over at ' +
                "7.0.3, replace the switch (pulumi up --replace), which disconnects everything on it",
        });
    });
});

describe("vsphere.DistributedSwitch host membership", () => {
    it("adds, edits and removes hosts so that exactly the declared ones remain with their NICs", () => {
        const changes = membershipChanges(stored.hosts, [
            { hostId: "host-10", nics: ["vmnic1"] },
            { hostId: "host-11", nics: ["vmnic0"] },
        ]);
        const backing = (nics: string[]) => ({
            $type: "DistributedVirtualSwitchHostMemberPnicBacking",
            pnicSpec: nics.map((pnicDevice) => ({ pnicDevice })),
        });
        assert.deepEqual(changes, [
            { operation: "edit", member: { host: host("host-10"), nics: ["vmnic1"] } },
            { operation: "add", member: { host: host("host-11"), nics: ["vmnic0"] } },
            { operation: "remove", host: host("host-9") },
        ]);
        // On the wire, each change is a DistributedVirtualSwitchHostMemberConfigSpec.
        assert.deepEqual(encodeSwitchConfigSpec({ host: changes }).host, [
            { operation: "edit", host: host("host-10"), backing: backing(["vmnic1"]) },
            { operation: "add", host: host("host-11"), backing: backing(["vmnic0"]) },
            { operation: "remove", host: host("host-9") },
        ]);
        assert.deepEqual(membershipChanges(stored.hosts, stored.hosts), []);
    });

    it("compares versions by their numbers", () => {
        assert.ok(compareVersions("7.0.10", "7.0.3") > 0);
        assert.ok(compareVersions("7.0.3", "8.0.0") < 0);
        assert.equal(compareVersions("8.0.3", "8.0.3"), 0);
    });
});
