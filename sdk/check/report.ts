/**
 * A check's report for people: a Markdown table per area, the services with when each last reported, and the
 * stack's Mermaid picture with each finding marked on its node. Pure.
 */
import { MermaidInput, novaComputeHost, renderMermaid } from "../stack/render";
import { AREAS, CheckedObject, Finding, Severity, Snapshots } from "./findings";
import type { Deployment } from "./snapshot";

/** The worst severity first. */
const SEVERITIES: Severity[] = ["error", "warning", "info"];

/** How each severity is drawn on a node. */
const NODE_STYLE: Record<Severity, string> = {
    error: "fill:#f8d7da,stroke:#c00,stroke-width:3px",
    warning: "fill:#fff3cd,stroke:#b80,stroke-width:2px",
    info: "fill:#d1ecf1,stroke:#07a",
};

function cell(text: string): string {
    return text.replace(/[\\|]/g, (c) => `\\${c}`);
}

function table(header: string[], rows: string[][]): string {
    return [header, header.map(() => "---"), ...rows].map((r) => `| ${r.map(cell).join(" | ")} |`).join("\n");
}

function objectsText(objects: CheckedObject[], side: CheckedObject["side"]): string {
    return (
        objects
            .filter((o) => o.side === side)
            .map((o) => `${o.kind} ${o.name}${o.id ? ` (${o.id})` : ""}`)
            .join(", ") || "-"
    );
}

/** The stack's picture as it is now (live names and ids where the deployment has none), findings marked. */
export function markedMermaid(deployment: Deployment, read: Snapshots, found: Finding[]): string {
    const input: MermaidInput = {
        vcenters: deployment.vcenters.map((v) => {
            const live = read.vsphere[v.name];
            const portGroup =
                live.portGroups.find((p) => p.id === v.portGroup.id) ??
                live.portGroups.find((p) => p.name === v.portGroup.name);
            const switchName = v.switchName ?? live.switches.find((s) => s.id === portGroup?.switchId)?.name ?? "?";
            return {
                name: v.name,
                datacenter: v.datacenter,
                switchName,
                portGroup: {
                    name: v.portGroup.name ?? portGroup?.name ?? "?",
                    id: v.portGroup.id ?? portGroup?.id ?? "?",
                },
                clusters: v.clusters.map((c) => ({
                    name: c.name,
                    id: c.id ?? live.clusters.find((k) => k.name === c.name)?.id ?? "?",
                })),
            };
        }),
        networks: deployment.networks.map((n) => {
            const live = read.openstack.networks.find((x) => (n.id ? x.id === n.id : x.name === n.name));
            return { name: n.name, id: n.id ?? live?.id ?? "?", vlan: n.vlan ?? live?.segmentationId ?? 0 };
        }),
    };
    const worst = new Map<string, Severity>();
    for (const f of found.filter((f) => f.node !== undefined)) {
        const was = worst.get(f.node!);
        if (was === undefined || SEVERITIES.indexOf(f.severity) < SEVERITIES.indexOf(was)) {
            worst.set(f.node!, f.severity);
        }
    }
    const marks = SEVERITIES.filter((s) => [...worst.values()].includes(s)).flatMap((s) => [
        `    classDef ${s} ${NODE_STYLE[s]}`,
        `    class ${[...worst]
            .filter(([, w]) => w === s)
            .map(([node]) => node)
            .join(",")} ${s}`,
    ]);
    return renderMermaid(input) + (marks.length ? marks.join("\n") + "\n" : "");
}

/** The services of the deployment: each rendered nova-compute host and Cinder backend, its state and last report. */
function servicesTable(deployment: Deployment, read: Snapshots): string {
    const rows: string[][] = [];
    for (const v of deployment.vcenters) {
        for (const c of v.clusters) {
            const host = novaComputeHost(v.name, c.name);
            const s = read.openstack.computeServices.find((x) => x.binary === "nova-compute" && x.host === host);
            rows.push(["nova-compute", host, s ? `${s.state}, ${s.status}` : "missing", s?.updatedAt ?? "-"]);
        }
        for (const s of (read.openstack.volumeServices ?? []).filter((x) => x.host.endsWith(`@vmware-${v.name}`))) {
            rows.push(["cinder-volume", s.host, `${s.state}, ${s.status}`, s.updatedAt ?? "-"]);
        }
    }
    return table(["service", "host", "state", "last report (UTC)"], rows);
}

/** The whole report as Markdown: a summary line, one table per area, the services, the marked picture. */
export function reportText(deployment: Deployment, read: Snapshots, found: Finding[]): string {
    const counts = SEVERITIES.map((s) => `${found.filter((f) => f.severity === s).length} ${s}(s)`).join(", ");
    const sections = AREAS.map((area) => {
        const rows = found
            .filter((f) => f.area === area)
            .map((f) => [
                f.severity,
                objectsText(f.objects, "vsphere"),
                objectsText(f.objects, "openstack"),
                f.differs,
                f.cause,
            ]);
        return [
            `### ${area}`,
            "",
            rows.length
                ? table(["severity", "vSphere", "OpenStack", "what differs", "likely cause"], rows)
                : "no findings",
        ].join("\n");
    });
    return [
        `## Check: ${counts}`,
        "",
        ...sections.flatMap((s) => [s, ""]),
        "### services reporting",
        "",
        servicesTable(deployment, read),
        "",
        "### the stack",
        "",
        "```mermaid",
        markedMermaid(deployment, read, found).trimEnd(),
        "```",
        "",
    ].join("\n");
}
