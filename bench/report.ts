/**
 * The bench's figures and how they are reported: per phase of a topology its time, calls, state and memory,
 * each per resource, the ratios the targets are stated in, and the Markdown table. No I/O.
 */

/** The phases of one topology, in the order the bench runs them. */
export const PHASES = ["up", "noop", "refresh", "destroy"] as const;
export type Phase = (typeof PHASES)[number];

/** What one phase of one topology measured. */
export interface PhaseResult {
    phase: Phase;
    /** Wall time of the Pulumi operation, in milliseconds. */
    ms: number;
    /** SOAP calls the vCenter simulator received meanwhile (from any client: others on the lab count too). */
    soapCalls: number;
    /** Requests Keystone, Nova and Neutron logged meanwhile (from any client). */
    restRequests: number;
    /** Peak resident set of the dynamic provider process of this stack, in MiB (0 when it ran no provider). */
    providerRssMb: number;
    /** Bytes of `pulumi stack export` after the phase. */
    stateBytes: number;
}

/** One topology: its resources (the dynamic ones, those the provider serves) and its phases. */
export interface TopologyResult {
    name: string;
    resources: number;
    phases: PhaseResult[];
    /** The same creates and deletes made directly through the providers, without the engine, in milliseconds. */
    floor?: { upMs: number; destroyMs: number };
}

export interface BenchResult {
    started: string;
    parallel: number;
    topologies: TopologyResult[];
}

/** A figure per resource, rounded to a tenth. */
export function perResource(value: number, resources: number): number {
    return resources ? Math.round((value / resources) * 10) / 10 : 0;
}

/** `a / b` rounded to hundredths; undefined when `b` is not a positive number. */
export function ratio(a: number, b: number | undefined): number | undefined {
    return b && b > 0 ? Math.round((a / b) * 100) / 100 : undefined;
}

function phaseOf(t: TopologyResult, phase: Phase): PhaseResult | undefined {
    return t.phases.find((p) => p.phase === phase);
}

/** The ratios the targets are stated in, for the topologies a result holds. */
export function targets(result: BenchResult, base: string, scaled: string): Record<string, number | undefined> {
    const byName = new Map(result.topologies.map((t) => [t.name, t]));
    const msPer = (name: string, phase: Phase) => {
        const t = byName.get(name);
        const p = t && phaseOf(t, phase);
        return p && t ? p.ms / t.resources : undefined;
    };
    const out: Record<string, number | undefined> = {};
    for (const t of result.topologies) {
        const up = phaseOf(t, "up");
        const destroy = phaseOf(t, "destroy");
        if (t.floor && up && destroy) {
            out[`${t.name} up / floor`] = ratio(up.ms, t.floor.upMs);
            out[`${t.name} destroy / floor`] = ratio(destroy.ms, t.floor.destroyMs);
        }
    }
    for (const phase of ["up", "destroy"] as const) {
        const a = msPer(scaled, phase);
        out[`${phase} ms/resource ${scaled} / ${base}`] = a === undefined ? undefined : ratio(a, msPer(base, phase));
    }
    return out;
}

/** The results as a Markdown table: one row per topology and phase, then the target ratios. */
export function markdown(result: BenchResult, base: string, scaled: string): string {
    const rows = [
        "| topology | resources | phase | time (s) | ms / resource | SOAP calls / resource | REST requests / resource | state bytes / resource | provider RSS (MiB) | × floor |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ];
    for (const t of result.topologies) {
        for (const p of t.phases) {
            const floorMs = p.phase === "up" ? t.floor?.upMs : p.phase === "destroy" ? t.floor?.destroyMs : undefined;
            const cells = [
                t.name,
                String(t.resources),
                p.phase,
                (p.ms / 1000).toFixed(1),
                perResource(p.ms, t.resources).toFixed(1),
                perResource(p.soapCalls, t.resources).toFixed(1),
                perResource(p.restRequests, t.resources).toFixed(1),
                String(Math.round(p.stateBytes / t.resources)),
                String(p.providerRssMb),
                ratio(p.ms, floorMs)?.toFixed(2) ?? "",
            ];
            rows.push(`| ${cells.join(" | ")} |`);
        }
    }
    const ratios = Object.entries(targets(result, base, scaled)).map(
        ([name, value]) => `- ${name}: ${value === undefined ? "not measured" : `${value.toFixed(2)}×`}`,
    );
    return [...rows, "", ...ratios, ""].join("\n");
}
