import * as assert from "node:assert/strict";
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
} from "../../../../model/net/ip";

function cidr(text: string) {
    const c = parseCidr(text);
    assert.ok(c, `${text} parses`);
    return c;
}

/** The ranges as printed addresses. */
function printed(version: 4 | 6, ranges: { start: bigint; end: bigint }[]): string[][] {
    return ranges.map((r) => [formatAddress({ version, value: r.start }), formatAddress({ version, value: r.end })]);
}

describe("IP addresses", () => {
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

describe("IP networks", () => {
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
