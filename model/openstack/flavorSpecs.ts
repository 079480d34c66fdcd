/**
 * The flavor extra specs that Nova's VMware driver reads, checked at preview: the `quota:*` resource
 * allocation keys with their value types, `vmware:hw_version`, and a CPU topology (`hw:cpu_*`) that fits the
 * flavor's vCPUs. Keys of other namespaces pass unchecked, as Nova accepts them.
 */
import { UNKNOWN } from "../diff";
import type { InputChecker } from "../check";

const QUOTA_RESOURCES = ["cpu", "memory", "disk_io", "vif"];
const SHARES_LEVELS = ["low", "normal", "high", "custom"];
const TOPOLOGY = ["sockets", "cores", "threads"] as const;

function isCount(value: string, min: number): boolean {
    return /^\d+$/.test(value) && Number(value) >= min && Number(value) <= 2147483647;
}

/** How the checks read the extra specs and name them in failures. */
interface Specs {
    c: InputChecker;
    /** A spec's value when it is a known string. */
    known(key: string): string | undefined;
    /** `extraSpecs["<key>"]`, as messages name a spec. */
    at(key: string): string;
    /** `extraSpecs.<key>`, as failures name their property. */
    property(key: string): string;
}

/** The `quota:<resource>_*` allocation keys: counts, a shares level, a share only with the custom level. */
function checkQuotas(s: Specs): void {
    for (const resource of QUOTA_RESOURCES) {
        for (const suffix of ["limit", "reservation", "shares_share"]) {
            const key = `quota:${resource}_${suffix}`;
            const value = s.known(key);
            if (value !== undefined && !isCount(value, 0)) {
                s.c.fail(s.property(key), `${s.at(key)} must be a whole number from 0, not "${value}"`);
            }
        }
        const levelKey = `quota:${resource}_shares_level`;
        const level = s.known(levelKey);
        if (level !== undefined && !SHARES_LEVELS.includes(level)) {
            s.c.fail(
                s.property(levelKey),
                `${s.at(levelKey)} must be one of ${SHARES_LEVELS.join(", ")}, not "${level}"`,
            );
        }
        const shareKey = `quota:${resource}_shares_share`;
        if (s.known(shareKey) !== undefined && level !== "custom") {
            s.c.fail(s.property(shareKey), `${s.at(shareKey)} is read only with ${s.at(levelKey)} = "custom"`);
        }
    }
}

/** The preferred CPU topology (`hw:cpu_<part>`), each part a count within its maximum (`hw:cpu_max_<part>`). */
function preferredTopology(s: Specs): Partial<Record<(typeof TOPOLOGY)[number], number>> {
    const preferred: Partial<Record<(typeof TOPOLOGY)[number], number>> = {};
    for (const part of TOPOLOGY) {
        for (const key of [`hw:cpu_${part}`, `hw:cpu_max_${part}`]) {
            const value = s.known(key);
            if (value !== undefined && !isCount(value, 1)) {
                s.c.fail(s.property(key), `${s.at(key)} must be a whole number from 1, not "${value}"`);
            }
        }
        const value = s.known(`hw:cpu_${part}`);
        const max = s.known(`hw:cpu_max_${part}`);
        if (value !== undefined && isCount(value, 1)) {
            preferred[part] = Number(value);
            if (max !== undefined && isCount(max, 1) && Number(value) > Number(max)) {
                s.c.fail(
                    s.property(`hw:cpu_${part}`),
                    `${s.at(`hw:cpu_${part}`)} (${value}) exceeds ${s.at(`hw:cpu_max_${part}`)} (${max})`,
                );
            }
        }
    }
    return preferred;
}

/** The CPU topology fits the vCPUs: all three parts multiply to them, fewer divide them. */
function checkTopology(s: Specs, vcpus: unknown): void {
    const preferred = preferredTopology(s);
    const given = TOPOLOGY.filter((part) => preferred[part] !== undefined);
    if (typeof vcpus === "number" && Number.isInteger(vcpus) && given.length > 0) {
        const product = given.reduce((p, part) => p * (preferred[part] ?? 1), 1);
        const described = given.map((part) => `${part} ${preferred[part]}`).join(" x ");
        if (given.length === TOPOLOGY.length ? product !== vcpus : vcpus % product !== 0) {
            s.c.fail(
                "extraSpecs",
                `the CPU topology (${described}) does not fit vcpus ${vcpus}: ` +
                    (given.length === TOPOLOGY.length
                        ? "sockets x cores x threads must equal vcpus"
                        : "vcpus must be a multiple of it"),
            );
        }
    }
}

/** Adds a failure to `c` for each extra spec of `specs` that the VMware driver would reject or misread. */
export function checkVmwareExtraSpecs(c: InputChecker, vcpus: unknown, specs: Record<string, unknown>): void {
    const s: Specs = {
        c,
        known: (key) => {
            const value = specs[key];
            return typeof value === "string" && value !== UNKNOWN ? value : undefined;
        },
        at: (key) => `extraSpecs["${key}"]`,
        property: (key) => `extraSpecs.${key}`,
    };
    checkQuotas(s);
    const hwVersion = s.known("vmware:hw_version");
    if (hwVersion !== undefined && !/^vmx-\d{2}$/.test(hwVersion)) {
        c.fail(
            s.property("vmware:hw_version"),
            `${s.at("vmware:hw_version")} must look like "vmx-13" (vmx- and two digits), not "${hwVersion}"`,
        );
    }
    checkTopology(s, vcpus);
}
