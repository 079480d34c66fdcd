/**
 * The deployment the check expects, from a component's spec or from a stack's outputs (`ids` and the rendered
 * files). Pure: no API calls.
 */
import { plan } from "../stack/plan";
import type { StackIds } from "../stack/component";
import { DEFAULT_PHYSICAL_NETWORK, OpenStackOnVSphereSpec } from "../stack/spec";
import type { Deployment } from "./snapshot";

/** The deployment of `spec`: names only, as nothing tells the ids before the objects are read. */
export function deploymentOfSpec(spec: OpenStackOnVSphereSpec): Deployment {
    const planned = plan("check", spec, {});
    const id = (value: string) => (planned.placeholder(value) ? undefined : value);
    const render = planned.render;
    return {
        vcenters: render.vcenters.map((v) => ({
            name: v.name,
            datacenter: v.datacenter,
            clusters: v.clusters.map((c) => ({ name: c.name, id: id(c.id), hosts: c.hosts })),
            imageStore: v.imageStore,
            datastoreRegex: v.volumes.datastoreRegex,
            switchName: v.switchName,
            portGroup: { name: v.portGroup.name, id: id(v.portGroup.id) },
        })),
        physicalNetwork: render.physicalNetwork,
        vlanRange: render.vlanRange,
        networks: render.networks.map((n) => ({ name: n.name, id: id(n.id), vlan: n.vlan })),
        flavors: (spec.flavors ?? []).map((f) => ({ name: f.name })),
    };
}

/** The outputs of a stack of `OpenStackOnVSphere` the check reads, as `pulumi stack output --json --show-secrets` prints them. */
export interface CheckedOutputs {
    /** The ids of what the stack created. */
    ids: StackIds;
    /** Cinder's file: each vCenter's backend with its datastore regex. */
    cinderConf: string;
    /** Glance's files, by vCenter: its datacenter, image datastore and folder. */
    glanceApiConfs: Record<string, string>;
    /** ML2's file: the physical network and VLAN range. */
    ml2Conf: string;
}

/** The options of each section of a rendered INI file, `$$` read as `$`; a repeated option keeps its first value. */
function readIni(text: string): Record<string, Record<string, string>> {
    const sections: Record<string, Record<string, string>> = {};
    let section: Record<string, string> | undefined;
    for (const line of text.split("\n")) {
        const header = /^\[(.+)\]$/.exec(line);
        const option = /^([^#=\s][^=]*?) = (.*)$/.exec(line);
        if (header) {
            section = sections[header[1]] ??= {};
        } else if (option && section) {
            section[option[1]] ??= option[2].replace(/\$\$/g, "$");
        }
    }
    return sections;
}

/** An option of a rendered file, or an error naming the output, section and option. */
function option(
    files: Record<string, Record<string, Record<string, string>>>,
    output: string,
    section: string,
    key: string,
): string {
    const value = files[output][section]?.[key];
    if (value === undefined) {
        throw new Error(
            `the stack output ${output} has no option ${key} in [${section}]: is it a stack of OpenStackOnVSphere?`,
        );
    }
    return value;
}

/** The deployment a stack's outputs describe. */
export function deploymentOfOutputs(outputs: CheckedOutputs): Deployment {
    for (const key of ["ids", "cinderConf", "glanceApiConfs", "ml2Conf"] as const) {
        if (outputs[key] === undefined) {
            throw new Error(`the stack has no output ${key}: export cloud.stackOutputs() (run with --show-secrets)`);
        }
    }
    const names = Object.keys(outputs.ids.clusters);
    const files = {
        cinderConf: readIni(outputs.cinderConf),
        ml2Conf: readIni(outputs.ml2Conf),
        ...Object.fromEntries(
            names.map((name) => [`glanceApiConfs.${name}`, readIni(outputs.glanceApiConfs[name] ?? "")]),
        ),
    };
    const [physicalNetwork, min, max] = option(files, "ml2Conf", "ml2_type_vlan", "network_vlan_ranges").split(":");
    const vcenters = names.map((name) => {
        const glance = `glanceApiConfs.${name}`;
        const [datacenter, datastore] = option(files, glance, "glance_store", "vmware_datastores").split(":");
        return {
            name,
            datacenter,
            datacenterId: outputs.ids.datacenters[name],
            clusters: Object.entries(outputs.ids.clusters[name]).map(([cluster, id]) => ({
                name: cluster,
                id,
                hosts: [],
            })),
            imageStore: {
                datastore,
                folder: option(files, glance, "glance_store", "vmware_store_image_dir").replace(/^\//, ""),
            },
            datastoreRegex: option(files, "cinderConf", `vmware-${name}`, "vmware_datastore_regex"),
            portGroup: { id: outputs.ids.portGroups[name] },
        };
    });
    return {
        vcenters,
        physicalNetwork: physicalNetwork || DEFAULT_PHYSICAL_NETWORK,
        vlanRange: { min: Number(min), max: Number(max) },
        networks: Object.entries(outputs.ids.networks).map(([name, id]) => ({ name, id })),
        flavors: Object.entries(outputs.ids.flavors).map(([name, id]) => ({ name, id })),
    };
}
