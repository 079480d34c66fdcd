/**
 * The layout rules of a subnet's addressing inputs (CIDR, gateway, allocation pools, DNS servers, host routes),
 * checked at preview; each failure names its field and what it allows.
 */
import type * as pulumi from "@pulumi/pulumi";
import { isKnown } from "../check";
import { UNKNOWN } from "../diff";
import {
    Address,
    Cidr,
    IpVersion,
    LONGEST_PREFIX,
    Range,
    defaultGateway,
    formatAddress,
    formatCidr,
    gatewayRange,
    inRange,
    overlaps,
    parseAddress,
    parseCidr,
    usableRange,
} from "../net/ip";

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
