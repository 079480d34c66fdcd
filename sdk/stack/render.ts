/**
 * Renders the service configuration of an OpenStack-on-vSphere stack from its resolved vSphere and OpenStack
 * objects: one nova-compute configuration per cluster, Cinder's and Glance's vSphere backends, Neutron's ML2
 * VLAN range, and a summary of what maps to what. Pure: no API calls, no Pulumi; secrets are the caller's.
 *
 * Values are written so that oslo.config reads them back unchanged: `$` is doubled (oslo.config substitutes
 * `$name`), and a value that starts or ends with white space or with a quote is quoted (oslo.config strips
 * those). A value with a line break cannot be written and is refused with its field's path.
 */

import type { VlanRangeSpec } from "./spec";

/** How the services reach one vCenter (from the stack configuration of its connection). */
export interface VCenterAccess {
    /** The vCenter's host name or IP address, without port or scheme. */
    host: string;
    /** The vCenter's HTTPS port, usually 443. */
    port: number;
    /** The user the services log in as. */
    username: string;
    /** That user's password, written in clear text into every file that reaches this vCenter. */
    password: string;
    /** The path of the CA bundle that verifies the vCenter's certificate, on the hosts of the services. */
    caFile?: string;
    /** Skip verifying the vCenter's certificate; ignored when `caFile` is set. */
    insecure: boolean;
}

/** One vCenter as the services see it: its connection, datacenter, clusters, datastores and port group. */
export interface RenderVCenter {
    /**
     * The connection's name, unique in the input: letters, digits, `.`, `_` and `-`, starting with a letter
     * or digit. It names the Cinder backends (`vmware-<name>`), keys the glance-api files and prefixes the
     * nova-compute hosts.
     */
    name: string;
    /** How the services reach this vCenter. */
    access: VCenterAccess;
    /** The datacenter's name; it sits in the root folder, so this is also its inventory path. */
    datacenter: string;
    /** The clusters, each one Nova hypervisor run by its own nova-compute. */
    clusters: {
        /** The cluster's name. */
        name: string;
        /** The cluster's MOID, e.g. `domain-c12`. */
        id: string;
        /** The names of its ESXi hosts. */
        hosts: string[];
    }[];
    /** Where Glance keeps images. */
    imageStore: {
        /** The datastore's name. */
        datastore: string;
        /** The folder's path on that datastore, relative to its root, e.g. `openstack_glance`; it exists beforehand. */
        folder: string;
    };
    /** Where Cinder keeps volumes. */
    volumes: {
        /** The VM folder of the volumes' shadow VMs, e.g. `cinder-volumes`. */
        folder: string;
        /** The regular expression of the datastores that hold volumes and instances. */
        datastoreRegex: string;
        /** Whether Cinder makes a volume's disk only when the volume is first used. */
        lazyCreate: boolean;
    };
    /** The name of the distributed switch that carries the VLANs. */
    switchName: string;
    /** The switch's MTU in bytes; Neutron's networks on the physical network may not exceed the smallest. */
    switchMtu: number;
    /** The port group on that switch that trunks the VLAN range (br-int). */
    portGroup: {
        /** The port group's name. */
        name: string;
        /** The port group's MOID, e.g. `dvportgroup-20`. */
        id: string;
    };
}

/** Everything the service configuration is rendered from. */
export interface RenderInput {
    /** The vCenters, at least one. */
    vcenters: RenderVCenter[];
    /** Neutron's physical network of the VLANs, e.g. `physnet1`. */
    physicalNetwork: string;
    /** Neutron's VLAN range; the same range the port groups trunk. */
    vlanRange: VlanRangeSpec;
    /** The provider networks. */
    networks: {
        /** The Neutron network's name. */
        name: string;
        /** The Neutron network's UUID. */
        id: string;
        /** Its VLAN, inside `vlanRange`. */
        vlan: number;
    }[];
}

/** The service configuration, as INI text that oslo.config reads, and its summary. */
export interface RenderedConfig {
    /** One nova-compute configuration per cluster, keyed by its nova `host` value (see {@link novaComputeHost}). */
    novaCompute: Record<string, string>;
    /** cinder.conf: one `VMwareVcVmdkDriver` backend per vCenter. */
    cinder: string;
    /**
     * One glance-api.conf per vCenter, keyed by its name: the `vsphere` store on its image datastore. Glance's
     * multi-store form cannot load a vsphere store (glance_store up to 5.7), so several vCenters take one
     * glance-api each, on one Glance database.
     */
    glanceApi: Record<string, string>;
    /**
     * ml2_conf.ini: VLAN provider networks on the physical network, in the VLAN range, with the MTU every switch
     * carries (`global_physnet_mtu`, `physical_network_mtus`).
     */
    ml2: string;
    /** What maps to what, for people. */
    summary: {
        /** Markdown: the clusters with their nova-compute hosts, the networks with their port groups, the trunk. */
        table: string;
        /** A Mermaid `flowchart LR`: clusters → nova-compute hosts per vCenter, VLAN → network → port group. */
        mermaid: string;
    };
    /**
     * What the services cannot do as given, one sentence each, for the caller to report: Glance's vsphere
     * store reaches vCenter on port 443 only, so a vCenter on another port is named here.
     */
    warnings: string[];
}

/**
 * The nova `host` value of the nova-compute of one cluster: `<vcenter>-<cluster>`, as Fuel names them. Nova reads
 * `host` as a host name, so in the cluster's name each run of characters other than letters, digits, `_` and `-`
 * (a space, a dot) becomes one `-`, and a `-` at the end is dropped: cluster `Compute B` of `vc1` is `vc1-Compute-B`.
 */
export function novaComputeHost(vcenter: string, cluster: string): string {
    return `${vcenter}-${cluster.replace(/[^A-Za-z0-9_-]+/g, "-")}`.replace(/-+$/, "");
}

/** An INI option: a key and its value, or its values for a multi-valued option (one line each). */
type Option = [key: string, value: string | readonly string[]];

/** An INI section: its name, comment lines, and options in order. */
interface Section {
    name: string;
    comments?: string[];
    options: Option[];
}

const VCENTER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** A label of a host name as nova's `host` option reads it (oslo.config's HostDomain). */
const HOST_LABEL = /^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$/;
/** The https port, the only one Glance's vsphere store connects to. */
const HTTPS_PORT = 443;
/** The weight of the image datastore in Glance's `vmware_datastores`; there is one per store. */
const IMAGE_DATASTORE_WEIGHT = 100;

/** A value as oslo.config reads it back unchanged. */
function iniValue(value: string): string {
    // oslo.config turns `\$` into `$$` before substituting, so a `$` after a backslash takes one more backslash.
    const escaped = value.replace(/(\\?)\$/g, (_, backslash: string) => (backslash ? "\\\\$" : "$$"));
    const quoted = value !== value.trim() || (value.length > 0 && value[0] === value.at(-1) && /^["']/.test(value));
    return quoted ? `"${escaped}"` : escaped;
}

function renderIni(sections: Section[]): string {
    const blocks = sections.map((s) => [
        `[${s.name}]`,
        ...(s.comments ?? []).map((c) => `# ${c}`),
        ...s.options.flatMap(([key, value]) =>
            (typeof value === "string" ? [value] : value).map((v) => `${key} = ${iniValue(v)}`),
        ),
    ]);
    return blocks.map((lines) => lines.join("\n")).join("\n\n") + "\n";
}

/** A value the services' configuration cannot carry: where in the render input, and why. */
export interface RenderFailure {
    /** The value's path in the render input, which is also its path in a component's spec. */
    path: string;
    /** What is wrong. */
    reason: string;
}

/** Every string with a line break and every number that is not an integer, by path. */
function valueFailures(value: unknown, path: string): RenderFailure[] {
    if (typeof value === "string" && /[\r\n]/.test(value)) {
        return [{ path, reason: "contains a line break, which would end its line in the service configuration" }];
    }
    if (typeof value === "number" && !Number.isInteger(value)) {
        return [{ path, reason: `must be an integer, not ${value}` }];
    }
    if (Array.isArray(value)) {
        return value.flatMap((v, i) => valueFailures(v, `${path}[${i}]`));
    }
    if (typeof value === "object" && value !== null) {
        return Object.entries(value).flatMap(([key, v]) => valueFailures(v, path ? `${path}.${key}` : key));
    }
    return [];
}

/** The failures of one vCenter: its name as a backend name, its port, its image datastore as a Glance entry. */
function vcenterFailures(v: RenderVCenter, at: string): RenderFailure[] {
    const failures: RenderFailure[] = [];
    if (!VCENTER_NAME.test(v.name)) {
        failures.push({
            path: `${at}.name`,
            reason:
                `${JSON.stringify(v.name)} must be letters, digits, ".", "_" and "-", starting with a letter or ` +
                "digit: it names the Cinder backends",
        });
    }
    const port = v.access.port;
    if (Number.isInteger(port) && (port < 1 || port > 65535)) {
        failures.push({ path: `${at}.access.port`, reason: `must be a port from 1 to 65535, not ${port}` });
    }
    if (typeof v.imageStore.datastore === "string" && v.imageStore.datastore.includes(":")) {
        failures.push({
            path: `${at}.imageStore.datastore`,
            reason:
                `${JSON.stringify(v.imageStore.datastore)} contains ":", which separates the fields of Glance's ` +
                "vmware_datastores",
        });
    }
    return failures;
}

/** The failures of the nova-compute hosts: each a host name nova reads, none twice. */
function hostFailures(vcenters: RenderVCenter[]): RenderFailure[] {
    const failures: RenderFailure[] = [];
    const hosts = new Map<string, string>();
    for (const [i, v] of vcenters.entries()) {
        for (const [j, c] of v.clusters.entries()) {
            const at = `vcenters[${i}].clusters[${j}]`;
            const host = novaComputeHost(v.name, c.name);
            const first = hosts.get(host);
            if (!host.split(".").every((l) => HOST_LABEL.test(l))) {
                failures.push({
                    path: `${at}.name`,
                    reason:
                        `its nova-compute host ${JSON.stringify(host)} is not a host name nova reads: labels of 1 to ` +
                        '63 letters, digits, "_" and "-" between dots, none starting or ending with "-"',
                });
            } else if (first !== undefined) {
                failures.push({
                    path: `${at}.name`,
                    reason: `its nova-compute host ${JSON.stringify(host)} is already that of ${first}`,
                });
            }
            hosts.set(host, first ?? at);
        }
    }
    return failures;
}

/**
 * Everything of `input` that the services' configuration cannot carry; none means {@link renderConfig} renders
 * it. Pure, so that a component checks its render input at preview, before any id exists.
 */
export function renderFailures(input: RenderInput): RenderFailure[] {
    if (input.vcenters.length === 0) {
        return [{ path: "vcenters", reason: "at least one vCenter is required" }];
    }
    return [
        ...valueFailures(input, ""),
        ...input.vcenters.flatMap((v, i) => vcenterFailures(v, `vcenters[${i}]`)),
        ...hostFailures(input.vcenters),
    ];
}

/** The certificate options: the CA file (and verification on), else `insecure`; `prefix` as the service has it. */
function tlsOptions(access: VCenterAccess, prefix: string): Option[] {
    return access.caFile !== undefined
        ? [
              [`${prefix}ca_file`, access.caFile],
              [`${prefix}insecure`, "false"],
          ]
        : [[`${prefix}insecure`, String(access.insecure)]];
}

/** The name of a vCenter's Cinder backend. */
function backendName(v: RenderVCenter): string {
    return `vmware-${v.name}`;
}

function renderNovaCompute(v: RenderVCenter, cluster: string): string {
    const host = novaComputeHost(v.name, cluster);
    return renderIni([
        {
            name: "DEFAULT",
            options: [
                ["compute_driver", "vmwareapi.VMwareVCDriver"],
                ["host", host],
            ],
        },
        {
            name: "vmware",
            options: [
                ["host_ip", v.access.host],
                ["host_port", String(v.access.port)],
                ["host_username", v.access.username],
                ["host_password", v.access.password],
                ["cluster_name", cluster],
                ["datastore_regex", v.volumes.datastoreRegex],
                ...tlsOptions(v.access, ""),
                ["api_retry_count", "10"],
                ["task_poll_interval", "0.5"],
                ["cache_prefix", host],
            ],
        },
    ]);
}

/**
 * The vCenter version cinder's VMDK driver is told. The driver picks its storage-policy (PBM) WSDL by the vCenter's
 * version from oslo.vmware's own files, and OpenStack Zed's oslo.vmware (4.0) has them up to vSphere 7.0 only: on
 * a vCenter 8 the stock driver stops at start ("Not able to configure PBM for vCenter server: 8.0.3"). vCenter 8
 * serves the 7.0 PBM API, so the driver runs with the 7.0 WSDL.
 */
const CINDER_PBM_VERSION = "7.0.3";
const CINDER_HOST_VERSION_NOTE =
    `vmware_host_version ${CINDER_PBM_VERSION}: the newest vCenter whose storage-policy WSDL the VMDK driver of ` +
    "OpenStack Zed has; vCenter 8 serves that API too";

function renderCinder(vcenters: RenderVCenter[]): string {
    return renderIni([
        { name: "DEFAULT", options: [["enabled_backends", vcenters.map(backendName).join(",")]] },
        ...vcenters.map((v): Section => ({
            name: backendName(v),
            comments: [CINDER_HOST_VERSION_NOTE],
            options: [
                ["volume_driver", "cinder.volume.drivers.vmware.vmdk.VMwareVcVmdkDriver"],
                ["volume_backend_name", backendName(v)],
                ["vmware_host_ip", v.access.host],
                ["vmware_host_port", String(v.access.port)],
                ["vmware_host_username", v.access.username],
                ["vmware_host_password", v.access.password],
                ...tlsOptions(v.access, "vmware_"),
                ["vmware_cluster_name", v.clusters.map((c) => c.name)],
                ["vmware_datastore_regex", v.volumes.datastoreRegex],
                ["vmware_volume_folder", v.volumes.folder],
                ["vmware_lazy_create", String(v.volumes.lazyCreate)],
                ["vmware_api_retry_count", "10"],
                ["vmware_task_poll_interval", "2.0"],
                ["vmware_host_version", CINDER_PBM_VERSION],
                // Without it the scheduler sees the backend's capacity as unknown.
                ["vmware_enable_volume_stats", "true"],
            ],
        })),
    ]);
}

function glancePortWarning(v: RenderVCenter): string {
    return (
        `vCenter ${v.name} listens on port ${v.access.port}, but Glance's vsphere store connects to port ` +
        `${HTTPS_PORT} only (vmware_server_host takes no port)`
    );
}

/**
 * Glance shows an image's location (`vsphere://<vCenter>/folder/…?dsName=…&dcPath=…`, no credential), so that
 * nova-compute's VMware driver copies an image of the vsphere store to the instance's datastore inside vCenter
 * (CopyDatastoreFile_Task). Without it the driver downloads the image through Glance and uploads it through an
 * ESXi host, which Zed's nova (26.2) cannot: its download closes the image's data before the driver reads it,
 * and the upload then waits for the host's answer to an empty body.
 */
const SHOW_LOCATION: Option = ["show_image_direct_url", "true"];

const SHOW_LOCATION_COMMENT = "nova-compute's VMware driver copies an image inside vCenter when it sees its location";

/**
 * The glance-api.conf of one vCenter: its vsphere store (glance_store/_drivers/vmware_datastore.py), Glance's only
 * store. Glance's multi-store form, which could hold one store per vCenter, cannot load a vsphere store
 * (glance_store 4.1 of OpenStack Zed, and up to 5.7): it looks a store up by its type (`vmware`) among the schemes
 * its stores register, and the vsphere store registers `vsphere`, so glance-api stops at start ("Store for
 * identifier … not found"). `vmware_server_host` is a host address without port and the store always connects to
 * port 443, so another port becomes a comment.
 */
function renderGlanceApi(v: RenderVCenter): string {
    return renderIni([
        { name: "DEFAULT", comments: [SHOW_LOCATION_COMMENT], options: [SHOW_LOCATION] },
        {
            name: "glance_store",
            comments: v.access.port === HTTPS_PORT ? [] : [glancePortWarning(v)],
            options: [
                ["stores", "vmware"],
                ["default_store", "vsphere"],
                ["vmware_server_host", v.access.host],
                ["vmware_server_username", v.access.username],
                ["vmware_server_password", v.access.password],
                ...tlsOptions(v.access, "vmware_"),
                ["vmware_api_retry_count", "10"],
                ["vmware_task_poll_interval", "5"],
                ["vmware_store_image_dir", `/${v.imageStore.folder}`],
                ["vmware_datastores", [`${v.datacenter}:${v.imageStore.datastore}:${IMAGE_DATASTORE_WEIGHT}`]],
            ],
        },
    ]);
}

function renderMl2(input: RenderInput): string {
    const { min, max } = input.vlanRange;
    // The largest MTU every switch carries. Neutron takes a VLAN network's MTU limit from the smaller of
    // global_physnet_mtu and the physical network's entry; neutron-server reads ml2_conf.ini beside
    // neutron.conf, so both are set here.
    const mtu = String(Math.min(...input.vcenters.map((v) => v.switchMtu)));
    return renderIni([
        { name: "DEFAULT", options: [["global_physnet_mtu", mtu]] },
        {
            name: "ml2",
            options: [
                ["type_drivers", "flat,vlan"],
                ["tenant_network_types", "vlan"],
                ["physical_network_mtus", `${input.physicalNetwork}:${mtu}`],
            ],
        },
        { name: "ml2_type_vlan", options: [["network_vlan_ranges", `${input.physicalNetwork}:${min}:${max}`]] },
    ]);
}

/** A Markdown table cell: Markdown's special characters taken literally. */
function cell(text: string): string {
    return text.replace(/[\\|*_<>[\]`]/g, (c) => `\\${c}`);
}

function markdownTable(header: string[], rows: string[][]): string {
    return [header, header.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

function renderTable(input: RenderInput): string {
    const clusters = input.vcenters.flatMap((v) =>
        v.clusters.map((c) =>
            [v.name, v.datacenter, c.name, c.id, novaComputeHost(v.name, c.name), c.hosts.join(", ")].map(cell),
        ),
    );
    const portGroups = input.vcenters
        .map((v) => cell(`${v.name}: ${v.switchName}/${v.portGroup.name} (${v.portGroup.id})`))
        .join("<br>");
    const networks = input.networks.map((n) => [String(n.vlan), cell(n.name), cell(n.id), portGroups]);
    const { min, max } = input.vlanRange;
    const trunks = [...new Set(input.vcenters.map((v) => v.portGroup.name))].map(cell).join(" and ");
    return [
        "### Clusters",
        "",
        markdownTable(
            ["vCenter", "datacenter", "cluster", "cluster MOID", "nova-compute host", "ESXi hosts"],
            clusters,
        ),
        "",
        "### Networks",
        "",
        markdownTable(["VLAN", "Neutron network", "network id", "port groups"], networks),
        "",
        `${trunks} trunks VLANs ${min}-${max} on every switch: the range of ML2's network_vlan_ranges ` +
            `${cell(input.physicalNetwork)}:${min}:${max}.`,
        "",
    ].join("\n");
}

/** A Mermaid node label, quoted: characters Mermaid would read as syntax or HTML become entity codes. */
function label(...lines: string[]): string {
    return `["${lines.map((l) => l.replace(/["#<>&`]/g, (c) => `#${c.charCodeAt(0)};`)).join("<br>")}"]`;
}

/** The ids of the nodes of the summary's Mermaid picture, for marking them. */
export const mermaidNode = {
    /** Cluster `j` of vCenter `i`. */
    cluster: (i: number, j: number) => `vc${i}_cluster${j}`,
    /** The trunk port group of vCenter `i`. */
    portGroup: (i: number) => `vc${i}_pg`,
    /** Network `k`. */
    network: (k: number) => `net${k}`,
};

/** What the summary's Mermaid picture shows of a stack. */
export interface MermaidInput {
    /** The vCenters with their clusters and trunk port group. */
    vcenters: (Pick<RenderVCenter, "name" | "datacenter" | "switchName" | "portGroup"> & {
        clusters: Pick<RenderVCenter["clusters"][number], "name" | "id">[];
    })[];
    /** The networks. */
    networks: RenderInput["networks"];
}

/** The summary as a Mermaid `flowchart LR`: clusters → nova-compute hosts per vCenter, VLAN → network → port group. */
export function renderMermaid(input: MermaidInput): string {
    const lines = ["flowchart LR"];
    for (const [i, v] of input.vcenters.entries()) {
        lines.push(`    subgraph vc${i} ${label(`vCenter ${v.name}`, `datacenter ${v.datacenter}`)}`);
        for (const [j, c] of v.clusters.entries()) {
            lines.push(
                `        ${mermaidNode.cluster(i, j)}${label(`cluster ${c.name}`, c.id)} --> ` +
                    `vc${i}_nova${j}${label(`nova-compute ${novaComputeHost(v.name, c.name)}`)}`,
            );
        }
        lines.push(
            `        ${mermaidNode.portGroup(i)}${label(`${v.switchName}/${v.portGroup.name}`, v.portGroup.id)}`,
            "    end",
        );
    }
    for (const [k, n] of input.networks.entries()) {
        lines.push(
            `    vlan${k}${label(`VLAN ${n.vlan}`)} --> ${mermaidNode.network(k)}${label(`network ${n.name}`, n.id)}`,
        );
        lines.push(...input.vcenters.map((_, i) => `    ${mermaidNode.network(k)} --> ${mermaidNode.portGroup(i)}`));
    }
    return lines.join("\n") + "\n";
}

/**
 * Renders the configuration of nova-compute (one per cluster), Cinder, Glance and Neutron's ML2 for the
 * vCenters and networks of `input`, and its summary.
 *
 * @throws Error naming the field of a value the configuration cannot hold: a line break anywhere, a
 *   non-integer number, a port outside 1–65535, a vCenter name unfit for a backend name, a `:` in the image
 *   datastore's name, a nova-compute host that is no host name (a label over 63 characters), two clusters with
 *   the same nova-compute host, or no vCenter.
 */
export function renderConfig(input: RenderInput): RenderedConfig {
    const failures = renderFailures(input);
    if (failures.length) {
        throw new Error(failures.map((f) => `${f.path}: ${f.reason}`).join("; "));
    }
    const novaCompute: Record<string, string> = {};
    for (const v of input.vcenters) {
        for (const c of v.clusters) {
            novaCompute[novaComputeHost(v.name, c.name)] = renderNovaCompute(v, c.name);
        }
    }
    return {
        novaCompute,
        cinder: renderCinder(input.vcenters),
        glanceApi: Object.fromEntries(input.vcenters.map((v) => [v.name, renderGlanceApi(v)])),
        ml2: renderMl2(input),
        summary: { table: renderTable(input), mermaid: renderMermaid(input) },
        warnings: input.vcenters.filter((v) => v.access.port !== HTTPS_PORT).map(glancePortWarning),
    };
}
