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

/** Adds a failure to `c` for each extra spec of `specs` that the VMware driver would reject or misread. */
export function checkVmwareExtraSpecs(c: InputChecker, vcpus: unknown, specs: Record<string, unknown>): void {
    const known = (key: string): string | undefined => {
        const value = specs[key];
        return typeof value === "string" && value !== UNKNOWN ? value : undefined;
    };
    const at = (key: string) => `extraSpecs["${key}"]`;
    const property = (key: string) => `extraSpecs.${key}`;

    for (const resource of QUOTA_RESOURCES) {
        for (const suffix of ["limit", "reservation", "shares_share"]) {
            const key = `quota:${resource}_${suffix}`;
            const value = known(key);
            if (value !== undefined && !isCount(value, 0)) {
                c.fail(property(key), `${at(key)} must be a whole number from 0, not "${value}"`);
            }
        }
        const levelKey = `quota:${resource}_shares_level`;
        const level = known(levelKey);
        if (level !== undefined && !SHARES_LEVELS.includes(level)) {
            c.fail(property(levelKey), `${at(levelKey)} must be one of ${SHARES_LEVELS.join(", ")}, not "${level}"`);
        }
        const shareKey = `quota:${resource}_shares_share`;
        if (known(shareKey) !== undefined && level !== "custom") {
            c.fail(property(shareKey), `${at(shareKey)} is read only with ${at(levelKey)} = "custom"`);
        }
    }

    const hwVersion = known("vmware:hw_version");
    if (hwVersion !== undefined && !/^vmx-\d{2}$/.test(hwVersion)) {
        c.fail(
            property("vmware:hw_version"),
            `${at("vmware:hw_version")} must look like "vmx-13" (vmx- and two digits), not "${hwVersion}"`,
        );
    }

    const preferred: Partial<Record<(typeof TOPOLOGY)[number], number>> = {};
    for (const part of TOPOLOGY) {
        for (const key of [`hw:cpu_${part}`, `hw:cpu_max_${part}`]) {
            const value = known(key);
            if (value !== undefined && !isCount(value, 1)) {
                c.fail(property(key), `${at(key)} must be a whole number from 1, not "${value}"`);
            }
        }
        const value = known(`hw:cpu_${part}`);
        const max = known(`hw:cpu_max_${part}`);
        if (value !== undefined && isCount(value, 1)) {
            preferred[part] = Number(value);
            if (max !== undefined && isCount(max, 1) && Number(value) > Number(max)) {
                c.fail(
                    property(`hw:cpu_${part}`),
                    `${at(`hw:cpu_${part}`)} (${value}) exceeds ${at(`hw:cpu_max_${part}`)} (${max})`,
                );
            }
        }
    }
    const given = TOPOLOGY.filter((part) => preferred[part] !== undefined);
    if (typeof vcpus === "number" && Number.isInteger(vcpus) && given.length > 0) {
        const product = given.reduce((p, part) => p * (preferred[part] ?? 1), 1);
        const described = given.map((part) => `${part} ${preferred[part]}`).join(" x ");
        if (given.length === TOPOLOGY.length ? product !== vcpus : vcpus % product !== 0) {
            c.fail(
                "extraSpecs",
                `the CPU topology (${described}) does not fit vcpus ${vcpus}: ` +
                    (given.length === TOPOLOGY.length
                        ? "sockets x cores x threads must equal vcpus"
                        : "vcpus must be a multiple of it"),
            );
        }
    }
}
