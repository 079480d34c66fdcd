/**
 * IP address arithmetic, as pure functions: IPv4 and IPv6 addresses and CIDRs parsed into BigInts and printed
 * canonically (RFC 5952 for IPv6), address ranges, and the gateway and allocation pools Neutron picks by default.
 */
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

export function inRange(value: bigint, r: Range): boolean {
    return r.start <= value && value <= r.end;
}

export function overlaps(a: Range, b: Range): boolean {
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
