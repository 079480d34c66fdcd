import * as assert from "node:assert/strict";
import { UNKNOWN } from "../../../../model/diff";
import type { NeutronSubnet } from "../../../../provider/openstack/client/neutron";
import { rules } from "../../../../model/openstack/subnet";
import { provider, toState, withDefaults } from "../../../../provider/openstack/subnet";
import type { SubnetState } from "../../../../sdk/openstack/subnet";

const NET = "4ad8e0b0-7d74-4bea-8701-d13e5908455f";
const valid = { networkId: NET, name: "sub101", cidr: "192.0.2.0/24" };

/** The state of a subnet created from `valid`, with Neutron's defaults. */
const stored: SubnetState = {
    networkId: NET,
    name: "sub101",
    cidr: "192.0.2.0/24",
    ipVersion: 4,
    gatewayIp: "192.0.2.1",
    noGateway: false,
    allocationPools: [{ start: "192.0.2.2", end: "192.0.2.254" }],
    dnsNameservers: [],
    hostRoutes: [],
    enableDhcp: true,
    description: "",
};

describe("openstack.Subnet check", () => {
    it("accepts a valid subnet and returns its inputs unchanged", async () => {
        assert.deepEqual(await provider.check({} as never, valid), { inputs: valid });
    });

    it("names the invalid plain fields and the invalid addressing together", async () => {
        const result = await provider.check({} as never, {
            networkId: "",
            name: "bad\nname",
            cidr: "192.0.2.1/24",
            enableDhcp: "yes" as never,
            description: "d".repeat(128),
            dnsNameservers: ["192.0.2.53", "192.0.2.53"],
        });
        assert.deepEqual(result.failures, [
            {
                property: "networkId",
                reason: 'networkId must be a non-empty string of at most 255 characters without control characters, not ""',
            },
            {
                property: "name",
                reason: 'name must be a non-empty string of at most 255 characters without control characters, not "bad\\nname"',
            },
            { property: "enableDhcp", reason: 'enableDhcp must be true or false, not "yes"' },
            {
                property: "description",
                reason: `description must be a string of at most 127 characters, not "${"d".repeat(128)}"`,
            },
            {
                property: "cidr",
                reason: "cidr must have all host bits zero: 192.0.2.1/24 has host bits set after the /24; the network is 192.0.2.0/24",
            },
            {
                property: "dnsNameservers[1]",
                reason: "dnsNameservers[1] repeats dnsNameservers[0] (192.0.2.53): each DNS server may be listed once",
            },
        ]);
    });

    it("skips values that are unknown during preview", async () => {
        const result = await provider.check({} as never, { networkId: UNKNOWN, name: "s", cidr: UNKNOWN });
        assert.equal(result.failures, undefined);
    });
});

describe("openstack.Subnet defaults", () => {
    it("works out Neutron's gateway (IPv6: the network address), pools and IP version from the CIDR", () => {
        assert.deepEqual(withDefaults(valid), { ...stored, hostRoutes: undefined });
        assert.deepEqual(withDefaults({ ...valid, cidr: "2001:DB8:0::/64" }), {
            ...stored,
            hostRoutes: undefined,
            cidr: "2001:db8::/64",
            ipVersion: 6,
            gatewayIp: "2001:db8::",
            allocationPools: [{ start: "2001:db8::1", end: "2001:db8::ffff:ffff:ffff:ffff" }],
        });
    });

    it("makes the default pools around a given gateway, or of every usable address without one", () => {
        assert.deepEqual(withDefaults({ ...valid, gatewayIp: "192.0.2.254" }).allocationPools, [
            { start: "192.0.2.1", end: "192.0.2.253" },
        ]);
        assert.deepEqual(withDefaults({ ...valid, gatewayIp: "192.0.2.100" }).allocationPools, [
            { start: "192.0.2.1", end: "192.0.2.99" },
            { start: "192.0.2.101", end: "192.0.2.254" },
        ]);
        const none = withDefaults({ ...valid, noGateway: true });
        assert.equal(none.gatewayIp, null);
        assert.deepEqual(none.allocationPools, [{ start: "192.0.2.1", end: "192.0.2.254" }]);
    });

    it("sorts declared pools and routes by address, keeps the DNS order, and writes addresses canonically", () => {
        const want = withDefaults({
            ...valid,
            cidr: "2001:db8::/64",
            gatewayIp: "2001:DB8::1",
            allocationPools: [
                { start: "2001:db8::100", end: "2001:db8::1ff" },
                { start: "2001:db8::20", end: "2001:db8::2f" },
            ],
            dnsNameservers: ["2001:db8::53:2", "2001:0db8::53:1"],
            hostRoutes: [
                { destination: "2001:db8:2::/48", nextHop: "2001:db8::fe" },
                { destination: "2001:db8:1::/48", nextHop: "2001:db8::FE" },
            ],
        });
        assert.equal(want.gatewayIp, "2001:db8::1");
        assert.deepEqual(want.allocationPools, [
            { start: "2001:db8::20", end: "2001:db8::2f" },
            { start: "2001:db8::100", end: "2001:db8::1ff" },
        ]);
        assert.deepEqual(want.dnsNameservers, ["2001:db8::53:2", "2001:db8::53:1"]);
        assert.deepEqual(want.hostRoutes, [
            { destination: "2001:db8:1::/48", nextHop: "2001:db8::fe" },
            { destination: "2001:db8:2::/48", nextHop: "2001:db8::fe" },
        ]);
    });

    it("leaves what depends on an unknown CIDR undefined", () => {
        const want = withDefaults({ ...valid, cidr: UNKNOWN });
        assert.equal(want.ipVersion, undefined);
        assert.equal(want.gatewayIp, undefined);
        assert.equal(want.allocationPools, undefined);
    });

    it("maps Neutron's subnet to the declared fields, normalised the same way, without the owner marker", () => {
        const subnet: NeutronSubnet = {
            id: "b512fc0d-7fe7-4d71-b82c-f8c4d5219b3c",
            name: "sub101",
            description: "vsphere-openstack:cloud/dev/openstack:Subnet/sub101",
            network_id: NET,
            ip_version: 4,
            cidr: "192.0.2.0/24",
            gateway_ip: null,
            allocation_pools: [
                { start: "192.0.2.100", end: "192.0.2.200" },
                { start: "192.0.2.10", end: "192.0.2.20" },
            ],
            dns_nameservers: ["192.0.2.54", "192.0.2.53"],
            host_routes: [{ destination: "198.51.100.0/24", nexthop: "192.0.2.254" }],
            enable_dhcp: false,
            project_id: "0b333ab126494b8ba56a9c26a75e4b54",
        };
        assert.deepEqual(toState(subnet), {
            ...stored,
            gatewayIp: null,
            noGateway: true,
            allocationPools: [
                { start: "192.0.2.10", end: "192.0.2.20" },
                { start: "192.0.2.100", end: "192.0.2.200" },
            ],
            dnsNameservers: ["192.0.2.54", "192.0.2.53"],
            hostRoutes: [{ destination: "198.51.100.0/24", nextHop: "192.0.2.254" }],
            enableDhcp: false,
        });
    });
});

describe("openstack.Subnet diff", () => {
    it("declares which fields replace the subnet (deleting it first) and which update it in place", () => {
        assert.deepEqual(rules, {
            replace: ["networkId", "cidr", "ipVersion"],
            update: [
                "name",
                "gatewayIp",
                "noGateway",
                "allocationPools",
                "dnsNameservers",
                "hostRoutes",
                "enableDhcp",
                "description",
            ],
            keepWhenOmitted: ["hostRoutes"],
            deleteBeforeReplace: true,
        });
    });

    it("leaves the routes others added alone while hostRoutes is unset, and manages the whole list once set", async () => {
        const routed = { ...stored, hostRoutes: [{ destination: "198.51.100.0/24", nextHop: "192.0.2.254" }] };
        assert.equal((await provider.diff("id", routed, valid)).changes, false);
        assert.equal((await provider.diff("id", routed, { ...valid, hostRoutes: [] })).changes, true);
        assert.equal((await provider.diff("id", routed, { ...valid, hostRoutes: routed.hostRoutes })).changes, false);
    });

    it("sees no change when the inputs leave the gateway and pools to Neutron", async () => {
        assert.deepEqual(await provider.diff("id", stored, valid), {
            changes: false,
            replaces: [],
            deleteBeforeReplace: true,
        });
        assert.equal((await provider.diff("id", stored, { ...valid, ipVersion: 4 })).changes, false);
    });

    it("replaces the subnet when its network, CIDR or IP version changes", async () => {
        assert.deepEqual((await provider.diff("id", stored, { ...valid, cidr: "192.0.2.0/25" })).replaces, ["cidr"]);
        assert.deepEqual((await provider.diff("id", stored, { ...valid, networkId: "other" })).replaces, ["networkId"]);
        assert.deepEqual((await provider.diff("id", stored, { ...valid, cidr: "2001:db8::/64" })).replaces, [
            "cidr",
            "ipVersion",
        ]);
    });

    it("updates the rest in place, and sees the gateway and pools move when only noGateway changes", async () => {
        for (const change of [
            { name: "renamed" },
            { gatewayIp: "192.0.2.254" },
            { noGateway: true },
            { allocationPools: [{ start: "192.0.2.10", end: "192.0.2.20" }] },
            { dnsNameservers: ["192.0.2.53"] },
            { hostRoutes: [{ destination: "198.51.100.0/24", nextHop: "192.0.2.254" }] },
            { enableDhcp: false },
            { description: "v4" },
        ]) {
            assert.deepEqual(
                await provider.diff("id", stored, { ...valid, ...change }),
                { changes: true, replaces: [], deleteBeforeReplace: true },
                JSON.stringify(change),
            );
        }
        const withoutGateway = {
            ...stored,
            gatewayIp: null,
            noGateway: true,
            allocationPools: [{ start: "192.0.2.1", end: "192.0.2.254" }],
        };
        assert.equal((await provider.diff("id", withoutGateway, { ...valid, noGateway: true })).changes, false);
        assert.equal((await provider.diff("id", withoutGateway, valid)).changes, true);
    });

    it("sees no change in a CIDR, DNS servers or routes written differently but the same", async () => {
        const olds: SubnetState = {
            ...stored,
            cidr: "2001:db8::/64",
            ipVersion: 6,
            gatewayIp: "2001:db8::",
            allocationPools: [{ start: "2001:db8::1", end: "2001:db8::ffff:ffff:ffff:ffff" }],
            dnsNameservers: ["2001:db8::53"],
            hostRoutes: [{ destination: "2001:db8:1::/48", nextHop: "2001:db8::fe" }],
        };
        const news = {
            ...valid,
            cidr: "2001:db8:0::/64",
            dnsNameservers: ["2001:DB8::53"],
            hostRoutes: [{ destination: "2001:DB8:1:0::/48", nextHop: "2001:db8:0:0::fe" }],
        };
        assert.equal((await provider.diff("id", olds, news)).changes, false);
        assert.equal((await provider.diff("id", olds, { ...news, dnsNameservers: ["2001:db8::54"] })).changes, true);
    });

    it("counts a reordering of DNS servers as a change, and of pools as none", async () => {
        const olds = {
            ...stored,
            dnsNameservers: ["192.0.2.53", "192.0.2.54"],
            allocationPools: [
                { start: "192.0.2.10", end: "192.0.2.20" },
                { start: "192.0.2.30", end: "192.0.2.40" },
            ],
        };
        const news = {
            ...valid,
            dnsNameservers: olds.dnsNameservers,
            allocationPools: [...olds.allocationPools].reverse(),
        };
        assert.equal((await provider.diff("id", olds, news)).changes, false);
        assert.equal(
            (await provider.diff("id", olds, { ...news, dnsNameservers: ["192.0.2.54", "192.0.2.53"] })).changes,
            true,
        );
    });
});
