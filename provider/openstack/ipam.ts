/**
 * IP addresses for subnets, as pure functions: IPv4 and IPv6 addresses and CIDRs parsed into BigInts and
 * printed canonically (RFC 5952 for IPv6), the gateway and allocation pools Neutron picks by default, and the
 * layout rules a subnet must follow (gateway, pools, DNS servers, host routes), each failure naming its field.
 */
import type * as pulumi from "@pulumi/pulumi";
import { isKnown } from "../../model/check";
import { UNKNOWN } from "../../model/diff";

export type IpVersion = 4 | 6;

export interface Address {
    version: IpVersion;
    value: bigint;
}

export interface Cidr {
    version: IpVersion;
    prefix: number;
    /** The network address: the written address with its host bits cleared. */
    first: bigint;
    /** The last address (IPv4: the broadcast address). */
    last: bigint;
    /** True when the written address had no host bits set. */
    exact: boolean;
}

/** An inclusive range of addresses of one family. */
export interface Range {
    start: bigint;
    end: bigint;
}

const BITS: Record<IpVersion, number> = { 4: 32, 6: 128 };

function parseIpv4(text: string): bigint | undefined {
    const octets = text.split(".");
    if (octets.length !== 4 || !octets.every((o) => /^(0|[1-9]\d{0,2})$/.test(o) && Number(o) <= 255)) {
        return undefined;
    }
    return octets.reduce((acc, o) => (acc << 8n) | BigInt(o), 0n);
}

/** The 16-bit groups of one side of an IPv6 `::`; the very last group may be a dotted IPv4 address. */
function ipv6Groups(part: string, mayEndInIpv4: boolean): bigint[] | undefined {
    if (part === "") {
        return [];
    }
    const items = part.split(":");
    const groups: bigint[] = [];
    for (const [i, item] of items.entries()) {
        if (mayEndInIpv4 && i === items.length - 1 && item.includes(".")) {
            const v4 = parseIpv4(item);
            if (v4 === undefined) {
                return undefined;
            }
            groups.push(v4 >> 16n, v4 & 0xffffn);
        } else if (/^[0-9a-f]{1,4}$/i.test(item)) {
            groups.push(BigInt(`0x${item}`));
        } else {
            return undefined;
        }
    }
    return groups;
}

function parseIpv6(text: string): bigint | undefined {
    const halves = text.split("::");
    if (halves.length > 2) {
        return undefined;
    }
    const compressed = halves.length === 2;
    const head = ipv6Groups(halves[0], !compressed);
    const tail = compressed ? ipv6Groups(halves[1], true) : [];
    if (!head || !tail) {
        return undefined;
    }
    const missing = 8 - head.length - tail.length;
    if (compressed ? missing < 1 : missing !== 0) {
        return undefined;
    }
    return [...head, ...Array<bigint>(missing).fill(0n), ...tail].reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** An IPv4 address (dotted decimal, no leading zeros) or IPv6 address (with `::` and an IPv4 tail allowed). */
export function parseAddress(text: string): Address | undefined {
    const value = text.includes(":") ? parseIpv6(text) : parseIpv4(text);
    return value === undefined ? undefined : { version: text.includes(":") ? 6 : 4, value };
}

/** Dotted decimal for IPv4; RFC 5952 for IPv6: lower case, no leading zeros, the longest run of zero groups as `::`. */
export function formatAddress({ version, value }: Address): string {
    if (version === 4) {
        return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join(".");
    }
    const groups = [...Array(8).keys()].map((i) => (value >> BigInt(112 - 16 * i)) & 0xffffn);
    let best = { at: -1, length: 1 };
    for (let i = 0; i < 8;) {
        let j = i;
        while (j < 8 && groups[j] === 0n) {
            j++;
        }
        if (j - i > best.length) {
            best = { at: i, length: j - i };
        }
        i = Math.max(j, i + 1);
    }
    const hex = (gs: bigint[]) => gs.map((g) => g.toString(16)).join(":");
    return best.at < 0 ? hex(groups) : `${hex(groups.slice(0, best.at))}::${hex(groups.slice(best.at + best.length))}`;
}

/** A CIDR such as `192.0.2.0/24` or `2001:db8::/64`; host bits may be set (see {@link Cidr.exact}). */
export function parseCidr(text: string): Cidr | undefined {
    const [address, prefixText, ...rest] = text.split("/");
    const a = parseAddress(address);
    if (!a || rest.length || prefixText === undefined || !/^(0|[1-9]\d{0,2})$/.test(prefixText)) {
        return undefined;
    }
    const bits = BITS[a.version];
    const prefix = Number(prefixText);
    if (prefix > bits) {
        return undefined;
    }
    const hostMask = (1n << BigInt(bits - prefix)) - 1n;
    return {
        version: a.version,
        prefix,
        first: a.value & ~hostMask,
        last: a.value | hostMask,
        exact: !(a.value & hostMask),
    };
}

export function formatCidr(c: Cidr): string {
    return `${formatAddress({ version: c.version, value: c.first })}/${c.prefix}`;
}

/** The address in canonical form, or the text unchanged when it is not an address. */
export function canonicalAddress(text: string): string {
    const a = parseAddress(text);
    return a ? formatAddress(a) : text;
}

/** The network in canonical form, or the text unchanged when it is not a CIDR. */
export function canonicalCidr(text: string): string {
    const c = parseCidr(text);
    return c ? formatCidr(c) : text;
}

/** The addresses Neutron hands out: all but the network address and, for IPv4, the broadcast address. */
export function usableRange(c: Cidr): Range {
    return { start: c.first + 1n, end: c.last - (c.version === 4 ? 1n : 0n) };
}

/** Where a gateway may be: IPv4, a usable address; IPv6, any address (the network address is the subnet-router anycast). */
export function gatewayRange(c: Cidr): Range {
    return c.version === 4 ? usableRange(c) : { start: c.first, end: c.last };
}

/** The gateway Neutron picks when none is given: IPv4, the first address after the network address; IPv6, the network address. */
export function defaultGateway(c: Cidr): bigint {
    return c.version === 4 ? c.first + 1n : c.first;
}

/** The smallest subnets with room for a gateway and a pool, which Neutron's DHCP also needs: IPv4 /30, IPv6 /126. */
export const LONGEST_PREFIX: Record<IpVersion, number> = { 4: 30, 6: 126 };

/** The allocation pools Neutron makes when none are given: the usable addresses without the gateway. */
export function defaultPools(c: Cidr, gateway: bigint | null): Range[] {
    const { start, end } = usableRange(c);
    const pieces =
        gateway === null
            ? [{ start, end }]
            : [
                  { start, end: gateway <= end ? gateway - 1n : end },
                  { start: gateway >= start ? gateway + 1n : start, end },
              ];
    return pieces.filter((r) => r.start <= r.end);
}

function inRange(value: bigint, r: Range): boolean {
    return r.start <= value && value <= r.end;
}

function overlaps(a: Range, b: Range): boolean {
    return a.start <= b.end && b.start <= a.end;
}

/** Sorts values by the address or network that `key` picks, numerically (IPv4 before IPv6). */
export function sortByAddress<T>(items: readonly T[], key: (item: T) => string): T[] {
    const rank = (item: T) => {
        const text = key(item);
        const c = parseCidr(text) ?? parseCidr(`${text}/${text.includes(":") ? 128 : 32}`);
        return c ? BigInt(c.version) * (1n << 130n) + (c.first << 8n) + BigInt(c.prefix) : -1n;
    };
    return [...items].sort((a, b) => {
        const d = rank(a) - rank(b);
        return d < 0n ? -1 : d > 0n ? 1 : 0;
    });
}

/** A subnet's inputs as `check` sees them: anything may be missing, of the wrong type, or unknown. */
export interface SubnetLayout {
    cidr?: unknown;
    ipVersion?: unknown;
    gatewayIp?: unknown;
    noGateway?: unknown;
    allocationPools?: unknown;
    dnsNameservers?: unknown;
    hostRoutes?: unknown;
}

const CIDR_FORMS = "in CIDR notation, such as 192.0.2.0/24 or 2001:db8::/64";
const EXAMPLE_NETWORK = { 4: "198.51.100.0/24", 6: "2001:db8:1::/48" };

function family(version: IpVersion | undefined): string {
    return version ? `IPv${version}` : "IP";
}

/** Collects the layout failures of one subnet. */
class LayoutChecker {
    readonly failures: pulumi.dynamic.CheckFailure[] = [];
    version: IpVersion | undefined;
    cidr: Cidr | undefined;

    fail(property: string, reason: string): void {
        this.failures.push({ property, reason });
    }

    /** An address of the subnet's family (any family while the CIDR is unknown). */
    address(property: string, value: unknown): Address | undefined {
        if (!isKnown(value)) {
            return undefined;
        }
        const a = typeof value === "string" ? parseAddress(value) : undefined;
        if (!a || (this.version && a.version !== this.version)) {
            const which = this.version ? " (the family of cidr)" : "";
            this.fail(
                property,
                `${property} must be an ${family(this.version)} address${which}, not ${JSON.stringify(value)}`,
            );
            return undefined;
        }
        return a;
    }

    /** A list input: returns its items, or fails when it is not a list. */
    list(property: string, value: unknown, shape: string): unknown[] {
        if (!isKnown(value)) {
            return [];
        }
        if (!Array.isArray(value)) {
            this.fail(property, `${property} must be a list of ${shape}, not ${JSON.stringify(value)}`);
            return [];
        }
        return value;
    }

    /** An object item of a list with the given string fields. */
    item(property: string, value: unknown, fields: string[]): Record<string, unknown> | undefined {
        if (value === UNKNOWN) {
            return undefined;
        }
        if (!value || typeof value !== "object" || Array.isArray(value)) {
            this.fail(property, `${property} must be an object {${fields.join(", ")}}, not ${JSON.stringify(value)}`);
            return undefined;
        }
        return value as Record<string, unknown>;
    }

    /** A range as `start to end`, in the subnet's family. */
    describe(r: Range): string {
        const v = this.version ?? 4;
        return `${formatAddress({ version: v, value: r.start })} to ${formatAddress({ version: v, value: r.end })}`;
    }

    checkCidr(cidr: unknown, ipVersion: unknown): void {
        if (ipVersion !== undefined && ipVersion !== UNKNOWN && ipVersion !== 4 && ipVersion !== 6) {
            this.fail("ipVersion", `ipVersion must be 4 or 6, not ${JSON.stringify(ipVersion)}`);
        }
        if (!isKnown(cidr)) {
            if (cidr !== UNKNOWN) {
                this.fail("cidr", `cidr is required: an IPv4 or IPv6 network ${CIDR_FORMS}`);
            }
            return;
        }
        const c = typeof cidr === "string" ? parseCidr(cidr) : undefined;
        if (!c) {
            this.fail("cidr", `cidr must be an IPv4 or IPv6 network ${CIDR_FORMS}, not ${JSON.stringify(cidr)}`);
            return;
        }
        if (!c.exact) {
            this.fail(
                "cidr",
                `cidr must have all host bits zero: ${cidr} has host bits set after the /${c.prefix}; the network is ${formatCidr(c)}`,
            );
            return;
        }
        if (c.prefix > LONGEST_PREFIX[c.version]) {
            this.fail(
                "cidr",
                `cidr ${cidr} leaves no room for a gateway and an allocation pool: the prefix may be at most ` +
                    `/${LONGEST_PREFIX[4]} for IPv4 and /${LONGEST_PREFIX[6]} for IPv6`,
            );
            return;
        }
        if ((ipVersion === 4 || ipVersion === 6) && ipVersion !== c.version) {
            this.fail("ipVersion", `ipVersion is ${ipVersion} but cidr ${cidr} is an IPv${c.version} network`);
            return;
        }
        this.cidr = c;
        this.version = c.version;
    }

    /** The pools as ranges, each inside the usable addresses, in order and apart from the others. */
    checkPools(value: unknown): { range: Range; property: string }[] {
        const pools: { range: Range; property: string }[] = [];
        this.list("allocationPools", value, "{start, end} address ranges").forEach((p, i) => {
            const property = `allocationPools[${i}]`;
            const pool = this.item(property, p, ["start", "end"]);
            const start = pool && this.address(`${property}.start`, pool.start);
            const end = pool && this.address(`${property}.end`, pool.end);
            if (!start || !end || !this.version) {
                return;
            }
            const range = { start: start.value, end: end.value };
            if (start.value > end.value) {
                this.fail(
                    property,
                    `${property} must start at or before its end: start ${formatAddress(start)} is after end ${formatAddress(end)}`,
                );
                return;
            }
            if (this.cidr) {
                const usable = usableRange(this.cidr);
                if (!inRange(range.start, usable) || !inRange(range.end, usable)) {
                    const excluded = this.version === 4 ? "the network and broadcast addresses" : "the network address";
                    this.fail(
                        property,
                        `${property} (${this.describe(range)}) must lie within cidr ${formatCidr(this.cidr)}, from ` +
                            `${this.describe(usable)} (${excluded} cannot be allocated)`,
                    );
                    return;
                }
            }
            const other = pools.find((o) => overlaps(o.range, range));
            if (other) {
                this.fail(
                    property,
                    `${property} (${this.describe(range)}) overlaps ${other.property} (${this.describe(other.range)})`,
                );
                return;
            }
            pools.push({ range, property });
        });
        return pools;
    }

    checkGateway(layout: SubnetLayout, pools: { range: Range; property: string }[]): void {
        const { gatewayIp, noGateway } = layout;
        if (noGateway !== undefined && noGateway !== UNKNOWN && typeof noGateway !== "boolean") {
            this.fail("noGateway", `noGateway must be true or false, not ${JSON.stringify(noGateway)}`);
            return;
        }
        if (noGateway === true && isKnown(gatewayIp)) {
            this.fail(
                "gatewayIp",
                "gatewayIp and noGateway are mutually exclusive: set a gateway address or noGateway: true, not both",
            );
            return;
        }
        if (noGateway === true || noGateway === UNKNOWN || gatewayIp === UNKNOWN) {
            return;
        }
        const given = isKnown(gatewayIp);
        const gateway = given ? this.address("gatewayIp", gatewayIp)?.value : this.cidr && defaultGateway(this.cidr);
        if (gateway === undefined || !this.cidr) {
            return;
        }
        const text = formatAddress({ version: this.cidr.version, value: gateway });
        const allowed = gatewayRange(this.cidr);
        if (!inRange(gateway, allowed)) {
            const excluded = this.version === 4 ? " (not its network or broadcast address)" : "";
            this.fail(
                "gatewayIp",
                `gatewayIp ${text} must be an address of cidr ${formatCidr(this.cidr)} from ${this.describe(allowed)}${excluded}`,
            );
            return;
        }
        const holder = pools.find((p) => inRange(gateway, p.range));
        if (holder && given) {
            this.fail(
                "gatewayIp",
                `gatewayIp ${text} lies in ${holder.property} (${this.describe(holder.range)}): the gateway must be outside the pools`,
            );
        } else if (holder) {
            this.fail(
                holder.property,
                `${holder.property} (${this.describe(holder.range)}) holds the default gateway ${text}, the first address ` +
                    "after the network address: start the pool after it, set gatewayIp outside the pools, or set noGateway: true",
            );
        }
    }

    checkNameservers(value: unknown): void {
        const seen = new Map<bigint, string>();
        this.list("dnsNameservers", value, "IP addresses").forEach((server, i) => {
            const property = `dnsNameservers[${i}]`;
            const a = this.address(property, server);
            if (!a) {
                return;
            }
            const earlier = seen.get(a.value);
            if (earlier) {
                this.fail(
                    property,
                    `${property} repeats ${earlier} (${formatAddress(a)}): each DNS server may be listed once`,
                );
            }
            seen.set(a.value, property);
        });
    }

    checkRoutes(value: unknown): void {
        this.list("hostRoutes", value, "{destination, nextHop} routes").forEach((r, i) => {
            const property = `hostRoutes[${i}]`;
            const route = this.item(property, r, ["destination", "nextHop"]);
            if (!route) {
                return;
            }
            const { destination, nextHop } = route;
            if (isKnown(destination)) {
                const c = typeof destination === "string" ? parseCidr(destination) : undefined;
                if (!c || !c.exact || (this.version && c.version !== this.version)) {
                    this.fail(
                        `${property}.destination`,
                        `${property}.destination must be an ${family(this.version)} network in CIDR notation with all ` +
                            `host bits zero, such as ${EXAMPLE_NETWORK[this.version ?? 4]}, not ${JSON.stringify(destination)}`,
                    );
                }
            } else if (destination !== UNKNOWN) {
                this.fail(
                    `${property}.destination`,
                    `${property}.destination is required: an ${family(this.version)} network in CIDR notation`,
                );
            }
            if (!isKnown(nextHop) && nextHop !== UNKNOWN) {
                this.fail(`${property}.nextHop`, `${property}.nextHop is required: an ${family(this.version)} address`);
            }
            this.address(`${property}.nextHop`, nextHop);
        });
    }
}

/** The failures of a subnet's addressing inputs, each naming its field and what it allows. */
export function subnetLayoutFailures(layout: SubnetLayout): pulumi.dynamic.CheckFailure[] {
    const c = new LayoutChecker();
    c.checkCidr(layout.cidr, layout.ipVersion);
    const pools = c.checkPools(layout.allocationPools);
    c.checkGateway(layout, pools);
    c.checkNameservers(layout.dnsNameservers);
    c.checkRoutes(layout.hostRoutes);
    return c.failures;
}
