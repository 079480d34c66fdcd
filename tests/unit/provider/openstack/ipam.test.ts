import * as assert from "node:assert/strict";
import { UNKNOWN } from "../../../../model/diff";
import {
    canonicalAddress,
    canonicalCidr,
    defaultGateway,
    defaultPools,
    formatAddress,
    gatewayRange,
    parseAddress,
    parseCidr,
    sortByAddress,
    subnetLayoutFailures,
    SubnetLayout,
} from "../../../../provider/openstack/ipam";

function cidr(text: string) {
    const c = parseCidr(text);
    assert.ok(c, `${text} parses`);
    return c;
}

/** The ranges as printed addresses. */
function printed(version: 4 | 6, ranges: { start: bigint; end: bigint }[]): string[][] {
    return ranges.map((r) => [formatAddress({ version, value: r.start }), formatAddress({ version, value: r.end })]);
}

/** The reasons of the layout failures, by property. */
function reasons(layout: SubnetLayout): [string, string][] {
    return subnetLayoutFailures(layout).map((f) => [f.property ?? "", f.reason]);
}

describe("ipam: addresses", () => {
    it("parses IPv4 addresses into 32-bit values", () => {
        assert.deepEqual(parseAddress("192.0.2.1"), { version: 4, value: 0xc0000201n });
        assert.deepEqual(parseAddress("0.0.0.0"), { version: 4, value: 0n });
        assert.deepEqual(parseAddress("255.255.255.255"), { version: 4, value: 0xffffffffn });
    });

    it("refuses IPv4 text that is not four decimal octets without leading zeros", () => {
        for (const text of [
            "",
            "192.0.2",
            "192.0.2.1.5",
            "192.0.2.256",
            "192.0.2.01",
            "192.0.2.-1",
            "192.0.2.a",
            " 192.0.2.1",
            "192.0.2.1/32",
        ]) {
            assert.equal(parseAddress(text), undefined, text);
        }
    });

    it("parses IPv6 addresses with and without :: and with an IPv4 tail", () => {
        assert.deepEqual(parseAddress("::"), { version: 6, value: 0n });
        assert.deepEqual(parseAddress("::1"), { version: 6, value: 1n });
        assert.deepEqual(parseAddress("1::"), { version: 6, value: 1n << 112n });
        assert.deepEqual(parseAddress("2001:DB8::1"), { version: 6, value: (0x20010db8n << 96n) | 1n });
        assert.deepEqual(parseAddress("2001:db8:0:0:0:0:0:1"), parseAddress("2001:db8::1"));
        assert.deepEqual(parseAddress("1:2:3:4:5:6:7::"), { version: 6, value: 0x0001000200030004000500060007_0000n });
        assert.deepEqual(parseAddress("::ffff:192.0.2.1"), { version: 6, value: 0xffffc0000201n });
        assert.deepEqual(parseAddress("1:2:3:4:5:6:192.0.2.1"), {
            version: 6,
            value: 0x000100020003000400050006c0000201n,
        });
    });

    it("refuses malformed IPv6 text", () => {
        for (const text of [
            ":",
            ":::",
            "1::2::3",
            "12345::",
            "g::",
            ":1:2:3:4:5:6:7",
            "1:2:3:4:5:6:7",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7:8::",
            "1:2:3:4:5:6:7:192.0.2.1",
            "::192.0.2",
            "::192.0.2.1:1",
            "fe80::1%eth0",
        ]) {
            assert.equal(parseAddress(text), undefined, text);
        }
    });

    it("prints IPv6 in RFC 5952 form: lower case, no leading zeros, the longest zero run (leftmost on a tie) as ::", () => {
        const cases: [string, string][] = [
            ["0:0:0:0:0:0:0:0", "::"],
            ["0:0:0:0:0:0:0:1", "::1"],
            ["1:0:0:0:0:0:0:0", "1::"],
            ["2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"],
            ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
            ["2001:db8:0:0:0:1:0:0", "2001:db8::1:0:0"],
            ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"],
            ["2001:db8:1:1:1:1:1:0", "2001:db8:1:1:1:1:1:0"],
            ["::ffff:192.0.2.1", "::ffff:c000:201"],
        ];
        for (const [text, canonical] of cases) {
            assert.equal(canonicalAddress(text), canonical, text);
        }
    });

    it("prints IPv4 in dotted decimal and keeps text that is no address as it is", () => {
        assert.equal(formatAddress({ version: 4, value: 0xc0000201n }), "192.0.2.1");
        assert.equal(canonicalAddress("not an address"), "not an address");
    });
});

describe("ipam: networks", () => {
    it("parses a CIDR into its first and last address and says whether host bits are set", () => {
        assert.deepEqual(parseCidr("192.0.2.0/24"), {
            version: 4,
            prefix: 24,
            first: 0xc0000200n,
            last: 0xc00002ffn,
            exact: true,
        });
        assert.deepEqual(parseCidr("192.0.2.77/24"), { ...parseCidr("192.0.2.0/24"), exact: false });
        assert.deepEqual(parseCidr("2001:db8::/64"), {
            version: 6,
            prefix: 64,
            first: 0x20010db8n << 96n,
            last: (0x20010db8n << 96n) | 0xffffffffffffffffn,
            exact: true,
        });
        assert.deepEqual(parseCidr("0.0.0.0/0"), { version: 4, prefix: 0, first: 0n, last: 0xffffffffn, exact: true });
        assert.equal(parseCidr("10.0.0.1/32")?.exact, true);
        assert.equal(parseCidr("::1/128")?.exact, true);
    });

    it("refuses a CIDR without a prefix, with a prefix too long, or with more than one slash", () => {
        for (const text of [
            "192.0.2.0",
            "192.0.2.0/",
            "192.0.2.0/33",
            "192.0.2.0/024",
            "192.0.2.0/24/1",
            "2001:db8::/129",
            "/24",
            "192.0.2.300/24",
            "192.0.2.0/x",
        ]) {
            assert.equal(parseCidr(text), undefined, text);
        }
    });

    it("prints a network canonically, host bits cleared", () => {
        assert.equal(canonicalCidr("2001:DB8:0::/64"), "2001:db8::/64");
        assert.equal(canonicalCidr("192.0.2.77/24"), "192.0.2.0/24");
        assert.equal(canonicalCidr("junk"), "junk");
    });

    it("picks Neutron's default gateway: IPv4, the first address after the network address; IPv6, the network address", () => {
        assert.equal(defaultGateway(cidr("192.0.2.0/24")), 0xc0000201n);
        assert.equal(defaultGateway(cidr("2001:db8::/64")), 0x20010db8n << 96n);
    });

    it("allows a gateway on any usable IPv4 address, and on any IPv6 address including the network address", () => {
        assert.deepEqual(printed(4, [gatewayRange(cidr("192.0.2.0/24"))]), [["192.0.2.1", "192.0.2.254"]]);
        assert.deepEqual(printed(6, [gatewayRange(cidr("2001:db8::/126"))]), [["2001:db8::", "2001:db8::3"]]);
    });

    it("makes default pools of the usable addresses without the gateway", () => {
        const v4 = cidr("192.0.2.0/24");
        assert.deepEqual(printed(4, defaultPools(v4, 0xc0000201n)), [["192.0.2.2", "192.0.2.254"]]);
        assert.deepEqual(printed(4, defaultPools(v4, 0xc0000280n)), [
            ["192.0.2.1", "192.0.2.127"],
            ["192.0.2.129", "192.0.2.254"],
        ]);
        assert.deepEqual(printed(4, defaultPools(v4, 0xc00002fen)), [["192.0.2.1", "192.0.2.253"]]);
        assert.deepEqual(printed(4, defaultPools(v4, null)), [["192.0.2.1", "192.0.2.254"]]);
        assert.deepEqual(printed(4, defaultPools(v4, 0xc6336401n)), [["192.0.2.1", "192.0.2.254"]]);
        assert.deepEqual(printed(4, defaultPools(cidr("192.0.2.0/30"), 0xc0000201n)), [["192.0.2.2", "192.0.2.2"]]);
        const v6 = cidr("2001:db8::/64");
        assert.deepEqual(printed(6, defaultPools(v6, v6.first)), [["2001:db8::1", "2001:db8::ffff:ffff:ffff:ffff"]]);
        assert.deepEqual(printed(6, defaultPools(v6, v6.last)), [["2001:db8::1", "2001:db8::ffff:ffff:ffff:fffe"]]);
        assert.deepEqual(printed(6, defaultPools(cidr("2001:db8::/126"), null)), [["2001:db8::1", "2001:db8::3"]]);
    });

    it("sorts by address numerically, IPv4 first, shorter prefixes first on the same address", () => {
        const items = ["10.0.0.0/8", "2001:db8::/32", "9.0.0.0/8", "10.0.0.0/16", "192.0.2.10", "192.0.2.9"];
        assert.deepEqual(
            sortByAddress(items, (x) => x),
            ["9.0.0.0/8", "10.0.0.0/8", "10.0.0.0/16", "192.0.2.9", "192.0.2.10", "2001:db8::/32"],
        );
    });
});

describe("ipam: subnet layout checks", () => {
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
