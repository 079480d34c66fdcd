import * as assert from "node:assert/strict";
import { SubnetLayout, subnetLayoutFailures } from "../../../../model/openstack/subnetLayout";
import { UNKNOWN } from "../../../../model/diff";

/** The reasons of the layout failures, by property. */
function reasons(layout: SubnetLayout): [string, string][] {
    return subnetLayoutFailures(layout).map((f) => [f.property ?? "", f.reason]);
}

describe("subnet layout checks", () => {
    it("accepts a complete IPv4 and IPv6 layout", () => {
        assert.deepEqual(
            reasons({
                cidr: "192.0.2.0/24",
                ipVersion: 4,
                gatewayIp: "192.0.2.254",
                allocationPools: [
                    { start: "192.0.2.100", end: "192.0.2.200" },
                    { start: "192.0.2.1", end: "192.0.2.99" },
                ],
                dnsNameservers: ["192.0.2.53", "198.51.100.53"],
                hostRoutes: [{ destination: "198.51.100.0/24", nextHop: "192.0.2.1" }],
            }),
            [],
        );
        assert.deepEqual(
            reasons({
                cidr: "2001:db8::/64",
                allocationPools: [{ start: "2001:db8::10", end: "2001:db8::ffff:ffff:ffff:ffff" }],
                dnsNameservers: ["2001:db8::53"],
                hostRoutes: [{ destination: "2001:db8:1::/48", nextHop: "2001:db8::2" }],
            }),
            [],
        );
        assert.deepEqual(
            reasons({
                cidr: "192.0.2.0/24",
                noGateway: true,
                allocationPools: [{ start: "192.0.2.1", end: "192.0.2.254" }],
            }),
            [],
        );
    });

    it("requires a CIDR and names the accepted forms", () => {
        assert.deepEqual(reasons({}), [
            [
                "cidr",
                "cidr is required: an IPv4 or IPv6 network in CIDR notation, such as 192.0.2.0/24 or 2001:db8::/64",
            ],
        ]);
        assert.deepEqual(reasons({ cidr: "192.0.2.300/24" }), [
            [
                "cidr",
                'cidr must be an IPv4 or IPv6 network in CIDR notation, such as 192.0.2.0/24 or 2001:db8::/64, not "192.0.2.300/24"',
            ],
        ]);
        assert.deepEqual(reasons({ cidr: 24 }), [
            [
                "cidr",
                "cidr must be an IPv4 or IPv6 network in CIDR notation, such as 192.0.2.0/24 or 2001:db8::/64, not 24",
            ],
        ]);
    });

    it("refuses host bits in the CIDR and names the network meant", () => {
        assert.deepEqual(reasons({ cidr: "192.0.2.5/24" }), [
            [
                "cidr",
                "cidr must have all host bits zero: 192.0.2.5/24 has host bits set after the /24; the network is 192.0.2.0/24",
            ],
        ]);
        assert.deepEqual(reasons({ cidr: "2001:db8::1/64" }), [
            [
                "cidr",
                "cidr must have all host bits zero: 2001:db8::1/64 has host bits set after the /64; the network is 2001:db8::/64",
            ],
        ]);
    });

    it("refuses subnets too small for a gateway and a pool", () => {
        const small = (c: string) =>
            `cidr ${c} leaves no room for a gateway and an allocation pool: the prefix may be at most /30 for IPv4 and /126 for IPv6`;
        for (const c of ["192.0.2.0/31", "192.0.2.0/32", "2001:db8::/127", "2001:db8::/128"]) {
            assert.deepEqual(reasons({ cidr: c }), [["cidr", small(c)]]);
        }
        assert.deepEqual(reasons({ cidr: "192.0.2.0/30" }), []);
        assert.deepEqual(reasons({ cidr: "2001:db8::/126" }), []);
    });

    it("checks ipVersion against the CIDR", () => {
        assert.deepEqual(reasons({ cidr: "192.0.2.0/24", ipVersion: 6 }), [
            ["ipVersion", "ipVersion is 6 but cidr 192.0.2.0/24 is an IPv4 network"],
        ]);
        assert.deepEqual(reasons({ cidr: "192.0.2.0/24", ipVersion: 5 }), [
            ["ipVersion", "ipVersion must be 4 or 6, not 5"],
        ]);
    });

    it("keeps gatewayIp and noGateway apart", () => {
        assert.deepEqual(reasons({ cidr: "192.0.2.0/24", gatewayIp: "192.0.2.1", noGateway: true }), [
            [
                "gatewayIp",
                "gatewayIp and noGateway are mutually exclusive: set a gateway address or noGateway: true, not both",
            ],
        ]);
        assert.deepEqual(reasons({ cidr: "192.0.2.0/24", gatewayIp: "192.0.2.1", noGateway: false }), []);
        assert.deepEqual(reasons({ cidr: "192.0.2.0/24", noGateway: "yes" }), [
            ["noGateway", 'noGateway must be true or false, not "yes"'],
        ]);
    });

    it("wants the gateway inside the CIDR, not on its network or broadcast address, and of its family", () => {
        const inside =
            "must be an address of cidr 192.0.2.0/24 from 192.0.2.1 to 192.0.2.254 (not its network or broadcast address)";
        for (const gatewayIp of ["198.51.100.1", "192.0.2.0", "192.0.2.255"]) {
            assert.deepEqual(reasons({ cidr: "192.0.2.0/24", gatewayIp }), [
                ["gatewayIp", `gatewayIp ${gatewayIp} ${inside}`],
            ]);
        }
        assert.deepEqual(reasons({ cidr: "2001:db8::/64", gatewayIp: "2001:db8:1::1" }), [
            [
                "gatewayIp",
                "gatewayIp 2001:db8:1::1 must be an address of cidr 2001:db8::/64 from 2001:db8:: to 2001:db8::ffff:ffff:ffff:ffff",
            ],
        ]);
        assert.deepEqual(reasons({ cidr: "192.0.2.0/24", gatewayIp: "2001:db8::1" }), [
            ["gatewayIp", 'gatewayIp must be an IPv4 address (the family of cidr), not "2001:db8::1"'],
        ]);
    });

    it("wants the gateway, given or default, outside the pools", () => {
        assert.deepEqual(
            reasons({
                cidr: "192.0.2.0/24",
                gatewayIp: "192.0.2.20",
                allocationPools: [{ start: "192.0.2.10", end: "192.0.2.100" }],
            }),
            [
                [
                    "gatewayIp",
                    "gatewayIp 192.0.2.20 lies in allocationPools[0] (192.0.2.10 to 192.0.2.100): the gateway must be outside the pools",
                ],
            ],
        );
        assert.deepEqual(
            reasons({ cidr: "192.0.2.0/24", allocationPools: [{ start: "192.0.2.1", end: "192.0.2.100" }] }),
            [
                [
                    "allocationPools[0]",
                    "allocationPools[0] (192.0.2.1 to 192.0.2.100) holds the default gateway 192.0.2.1, the first address after the network address: " +
                        "start the pool after it, set gatewayIp outside the pools, or set noGateway: true",
                ],
            ],
        );
    });

    it("wants each pool in order, inside the CIDR's usable addresses and apart from the others", () => {
        const v4 = (allocationPools: unknown) => reasons({ cidr: "192.0.2.0/24", allocationPools });
        assert.deepEqual(v4([{ start: "192.0.2.100", end: "192.0.2.10" }]), [
            [
                "allocationPools[0]",
                "allocationPools[0] must start at or before its end: start 192.0.2.100 is after end 192.0.2.10",
            ],
        ]);
        const outside =
            "must lie within cidr 192.0.2.0/24, from 192.0.2.1 to 192.0.2.254 (the network and broadcast addresses cannot be allocated)";
        assert.deepEqual(v4([{ start: "192.0.2.0", end: "192.0.2.10" }]), [
            ["allocationPools[0]", `allocationPools[0] (192.0.2.0 to 192.0.2.10) ${outside}`],
        ]);
        assert.deepEqual(v4([{ start: "192.0.2.10", end: "192.0.2.255" }]), [
            ["allocationPools[0]", `allocationPools[0] (192.0.2.10 to 192.0.2.255) ${outside}`],
        ]);
        assert.deepEqual(
            v4([
                { start: "192.0.2.10", end: "192.0.2.100" },
                { start: "192.0.2.100", end: "192.0.2.150" },
            ]),
            [
                [
                    "allocationPools[1]",
                    "allocationPools[1] (192.0.2.100 to 192.0.2.150) overlaps allocationPools[0] (192.0.2.10 to 192.0.2.100)",
                ],
            ],
        );
        assert.deepEqual(
            reasons({ cidr: "2001:db8::/64", allocationPools: [{ start: "2001:db8::", end: "2001:db8::10" }] }),
            [
                [
                    "allocationPools[0]",
                    "allocationPools[0] (2001:db8:: to 2001:db8::10) must lie within cidr 2001:db8::/64, from 2001:db8::1 to " +
                        "2001:db8::ffff:ffff:ffff:ffff (the network address cannot be allocated)",
                ],
            ],
        );
    });

    it("names malformed pools, their fields and their family", () => {
        const v4 = (allocationPools: unknown) => reasons({ cidr: "192.0.2.0/24", noGateway: true, allocationPools });
        assert.deepEqual(v4("192.0.2.10-192.0.2.20"), [
            [
                "allocationPools",
                'allocationPools must be a list of {start, end} address ranges, not "192.0.2.10-192.0.2.20"',
            ],
        ]);
        assert.deepEqual(v4(["x", null]), [
            ["allocationPools[0]", 'allocationPools[0] must be an object {start, end}, not "x"'],
            ["allocationPools[1]", "allocationPools[1] must be an object {start, end}, not null"],
        ]);
        assert.deepEqual(v4([{ start: "2001:db8::1", end: 7 }]), [
            [
                "allocationPools[0].start",
                'allocationPools[0].start must be an IPv4 address (the family of cidr), not "2001:db8::1"',
            ],
            ["allocationPools[0].end", "allocationPools[0].end must be an IPv4 address (the family of cidr), not 7"],
        ]);
    });

    it("wants DNS servers of the subnet's family, each once", () => {
        assert.deepEqual(
            reasons({ cidr: "2001:db8::/64", dnsNameservers: ["192.0.2.53", "2001:db8::53", "2001:DB8:0::53"] }),
            [
                [
                    "dnsNameservers[0]",
                    'dnsNameservers[0] must be an IPv6 address (the family of cidr), not "192.0.2.53"',
                ],
                [
                    "dnsNameservers[2]",
                    "dnsNameservers[2] repeats dnsNameservers[1] (2001:db8::53): each DNS server may be listed once",
                ],
            ],
        );
        assert.deepEqual(reasons({ cidr: "192.0.2.0/24", dnsNameservers: "192.0.2.53" }), [
            ["dnsNameservers", 'dnsNameservers must be a list of IP addresses, not "192.0.2.53"'],
        ]);
    });

    it("wants host routes to a network of the subnet's family through an address of it", () => {
        assert.deepEqual(
            reasons({
                cidr: "192.0.2.0/24",
                hostRoutes: [
                    { destination: "198.51.100.1/24", nextHop: "192.0.2.254" },
                    { destination: "2001:db8::/64", nextHop: "x" },
                    {},
                ],
            }),
            [
                [
                    "hostRoutes[0].destination",
                    'hostRoutes[0].destination must be an IPv4 network in CIDR notation with all host bits zero, such as 198.51.100.0/24, not "198.51.100.1/24"',
                ],
                [
                    "hostRoutes[1].destination",
                    'hostRoutes[1].destination must be an IPv4 network in CIDR notation with all host bits zero, such as 198.51.100.0/24, not "2001:db8::/64"',
                ],
                [
                    "hostRoutes[1].nextHop",
                    'hostRoutes[1].nextHop must be an IPv4 address (the family of cidr), not "x"',
                ],
                [
                    "hostRoutes[2].destination",
                    "hostRoutes[2].destination is required: an IPv4 network in CIDR notation",
                ],
                ["hostRoutes[2].nextHop", "hostRoutes[2].nextHop is required: an IPv4 address"],
            ],
        );
    });

    it("checks only the syntax of addresses while the CIDR is unknown at preview", () => {
        assert.deepEqual(
            reasons({
                cidr: UNKNOWN,
                gatewayIp: "10.9.9.9",
                allocationPools: [{ start: "10.0.0.1", end: "x" }],
                dnsNameservers: ["2001:db8::53", UNKNOWN],
            }),
            [["allocationPools[0].end", 'allocationPools[0].end must be an IP address, not "x"']],
        );
        assert.deepEqual(
            reasons({ cidr: "192.0.2.0/24", gatewayIp: UNKNOWN, allocationPools: UNKNOWN, hostRoutes: [UNKNOWN] }),
            [],
        );
    });
});
