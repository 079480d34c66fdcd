/**
 * `OpenStackOnVSphere`: one component for both halves of OpenStack on vSphere. From one
 * {@link OpenStackOnVSphereSpec} it creates, per vCenter, the datacenter, the clusters with their ESXi hosts,
 * the datastores with Glance's image folder, the distributed switch and the br-int port group that trunks
 * Neutron's VLAN range; then the provider networks with their subnets and the flavors; and it renders the
 * configuration that nova-compute, Cinder, Glance and Neutron need to use them. The spec is validated as a whole
 * first: an invalid spec fails before anything is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { Flavor } from "../openstack/flavor";
import { ProviderNetwork } from "../openstack/providerNetwork";
import { Subnet } from "../openstack/subnet";
import { ComputeCluster } from "../vsphere/computeCluster";
import { Datacenter } from "../vsphere/datacenter";
import { DatastoreFolder } from "../vsphere/datastoreFolder";
import { DistributedPortGroup } from "../vsphere/distributedPortGroup";
import { DistributedSwitch } from "../vsphere/distributedSwitch";
import { Host } from "../vsphere/host";
import { NasDatastore } from "../vsphere/nasDatastore";
import { VmfsDatastore } from "../vsphere/vmfsDatastore";
import { CONNECTIONS_KEY, renamedValue } from "../../model/configKeys";
import { ConnectionEntry } from "../../model/connection";
import { ChildArgs, plan, Plan, PlannedChild, PlannedChildOf } from "./plan";
import { renderConfig, RenderedConfig, RenderInput } from "./render";
import { OpenStackOnVSphereSpec } from "./spec";
import { readableConnections, SpecFailure, validatePlan } from "./validate";

/** A spec that failed validation: every failure, with its path in the spec. Nothing was created. */
export class InvalidSpecError extends pulumi.RunError {
    /** Every failure, with its path in the spec. */
    readonly failures: SpecFailure[];

    constructor(component: string, failures: SpecFailure[]) {
        super(
            `OpenStackOnVSphere "${component}": the spec has ${failures.length} problem${failures.length === 1 ? "" : "s"}; nothing was created:\n` +
                failures.map((f) => `  ${f.path}: ${f.reason}`).join("\n"),
        );
        this.failures = failures;
    }
}

/** The vSphere objects of one vCenter. */
export interface VCenterResources {
    /** The datacenter. */
    datacenter: Datacenter;
    /** By cluster name. */
    clusters: Record<string, ComputeCluster>;
    /** By hostname. */
    hosts: Record<string, Host>;
    /** By datastore name. */
    datastores: Record<string, NasDatastore | VmfsDatastore>;
    /** Glance's image folder on the image datastore. */
    imageFolder: DatastoreFolder;
    /** The distributed switch. */
    switch: DistributedSwitch;
    /** The port group that trunks the VLAN range (br-int). */
    portGroup: DistributedPortGroup;
}

/** The ids of what a stack created: MOIDs per vCenter, UUIDs of the OpenStack objects. */
export interface StackIds {
    /** Datacenter MOID by vCenter connection name. */
    datacenters: Record<string, string>;
    /** Cluster MOIDs by vCenter connection name, then cluster name. */
    clusters: Record<string, Record<string, string>>;
    /** The trunk port group's MOID by vCenter connection name. */
    portGroups: Record<string, string>;
    /** Neutron network UUID by network name. */
    networks: Record<string, string>;
    /** Nova flavor id by flavor name. */
    flavors: Record<string, string>;
}

/** What a program exports from an `OpenStackOnVSphere`, by output name. */
export interface StackOutputs {
    /** {@inheritDoc OpenStackOnVSphere.ids} */
    ids: pulumi.Output<StackIds>;
    /** {@inheritDoc OpenStackOnVSphere.novaComputeConf} */
    novaComputeConf: pulumi.Output<Record<string, string>>;
    /** {@inheritDoc OpenStackOnVSphere.cinderConf} */
    cinderConf: pulumi.Output<string>;
    /** {@inheritDoc OpenStackOnVSphere.glanceApiConf} */
    glanceApiConf: pulumi.Output<string>;
    /** {@inheritDoc OpenStackOnVSphere.glanceApiConfs} */
    glanceApiConfs: pulumi.Output<Record<string, string>>;
    /** {@inheritDoc OpenStackOnVSphere.ml2Conf} */
    ml2Conf: pulumi.Output<string>;
    /** {@inheritDoc OpenStackOnVSphere.summaryTable} */
    summaryTable: pulumi.Output<string>;
    /** {@inheritDoc OpenStackOnVSphere.summaryMermaid} */
    summaryMermaid: pulumi.Output<string>;
}

/** Resolves a map of resources to a map of their ids. */
function idsOf(resources: Record<string, pulumi.CustomResource>): pulumi.Output<Record<string, string>> {
    return pulumi.all(Object.fromEntries(Object.entries(resources).map(([k, r]) => [k, r.id])));
}

/** The named connections of the stack config, without reading their values as plain outputs. */
function configuredConnections(): Record<string, ConnectionEntry> | undefined {
    const raw = renamedValue(pulumi.runtime.getConfig, CONNECTIONS_KEY);
    if (raw === undefined) {
        return undefined;
    }
    try {
        return JSON.parse(raw) as Record<string, ConnectionEntry>;
    } catch {
        throw new pulumi.RunError(`the stack config "${CONNECTIONS_KEY}" must be a map of connection names`);
    }
}

/** A child the component created, with what the plan said of it. */
interface Created {
    child: PlannedChild;
    resource: pulumi.CustomResource;
}

/** Each kind of child's resource. */
interface ChildResources {
    Datacenter: Datacenter;
    ComputeCluster: ComputeCluster;
    Host: Host;
    NasDatastore: NasDatastore;
    VmfsDatastore: VmfsDatastore;
    DatastoreFolder: DatastoreFolder;
    DistributedSwitch: DistributedSwitch;
    DistributedPortGroup: DistributedPortGroup;
    ProviderNetwork: ProviderNetwork;
    Subnet: Subnet;
    Flavor: Flavor;
}

/** Each kind of child's resource class. */
const CLASSES: {
    [K in keyof ChildArgs]: new (
        name: string,
        args: ChildArgs[K],
        opts: pulumi.CustomResourceOptions,
    ) => ChildResources[K];
} = {
    Datacenter,
    ComputeCluster,
    Host,
    NasDatastore,
    VmfsDatastore,
    DatastoreFolder,
    DistributedSwitch,
    DistributedPortGroup,
    ProviderNetwork,
    Subnet,
    Flavor,
};

function construct<K extends keyof ChildArgs>(
    child: PlannedChildOf<K>,
    args: ChildArgs[K],
    opts: pulumi.CustomResourceOptions,
): pulumi.CustomResource {
    return new CLASSES[child.kind](child.name, args, opts);
}

/**
 * `value` with every id placeholder of the plan replaced by the id it stands for. The result holds outputs where
 * the plan held placeholders; the resource classes take an output wherever they take an id.
 */
function withIds<T>(planned: Plan, value: T, ids: Map<string, pulumi.Output<string>>): T;
function withIds<T>(planned: Plan, value: T, ids: Map<string, pulumi.Output<string>>): unknown {
    if (planned.placeholder(value)) {
        return ids.get(value);
    }
    if (Array.isArray(value)) {
        return value.map((v) => withIds(planned, v, ids));
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withIds(planned, v, ids)]));
    }
    return value;
}

/** The created resources of one kind, by their names in the spec. */
function byKey<K extends keyof ChildArgs>(
    created: Created[],
    kind: K,
    vcenter?: string,
): Record<string, ChildResources[K]> {
    return Object.fromEntries(
        created
            .filter(({ child }) => child.kind === kind && child.vcenter === vcenter)
            .map(({ child, resource }) => [child.key, resource as ChildResources[K]]),
    );
}

/** The vSphere objects of one vCenter, from what the component created. */
function vcenterResources(created: Created[], vcenter: string): VCenterResources {
    const one = <K extends keyof ChildArgs>(kind: K) => Object.values(byKey(created, kind, vcenter))[0];
    return {
        datacenter: one("Datacenter"),
        clusters: byKey(created, "ComputeCluster", vcenter),
        hosts: byKey(created, "Host", vcenter),
        datastores: { ...byKey(created, "NasDatastore", vcenter), ...byKey(created, "VmfsDatastore", vcenter) },
        imageFolder: one("DatastoreFolder"),
        switch: one("DistributedSwitch"),
        portGroup: one("DistributedPortGroup"),
    };
}

/**
 * OpenStack on vSphere as one component: both sides declared together from one spec, checked against each other
 * before anything is created, and the service configuration rendered from what was created.
 *
 * Every vCenter of the spec is a connection of the stack config `vsphere-openstack:connections`, by name:
 *
 * ```sh
 * pulumi config set --path 'vsphere-openstack:connections.site-a.server' vcenter-a.example.com
 * pulumi config set --path 'vsphere-openstack:connections.site-a.user' openstack@vsphere.local
 * pulumi config set --path --secret 'vsphere-openstack:connections.site-a.password' …
 * pulumi config set --path --secret 'vsphere-openstack:connections.site-a.hostPassword' …   # the ESXi hosts' root password
 * ```
 *
 * @example
 * ```ts
 * const cloud = new OpenStackOnVSphere("cloud", {
 *     vcenters: [{
 *         name: "site-a",
 *         datacenter: "openstack-dc",
 *         clusters: [{ name: "compute-1", drs: { enabled: true }, hosts: [{ hostname: "esx-1.example.com" }] }],
 *         datastores: [{ name: "nfs-1", nfs: { remoteHosts: ["nfs.example.com"], remotePath: "/export/openstack" } }],
 *         imageStore: { datastore: "nfs-1" },
 *         volumes: { datastoreRegex: "^nfs-" },
 *         switch: { name: "openstack-dvs", mtu: 9000 },
 *     }],
 *     network: { vlanRange: { min: 100, max: 199 } },
 *     networks: [{ name: "provider-100", vlan: 100, subnets: [{ cidr: "10.100.0.0/24" }] }],
 *     flavors: [{ name: "m1.small", vcpus: 1, ramMb: 2048, diskGb: 20 }],
 * });
 * export const cinderConf = cloud.cinderConf;
 * ```
 */
export class OpenStackOnVSphere extends pulumi.ComponentResource {
    /** The vSphere objects, by vCenter connection name. */
    readonly vcenters: Record<string, VCenterResources>;
    /** The provider networks, by name. */
    readonly networks: Record<string, ProviderNetwork>;
    /** The subnets, by network name, in spec order. */
    readonly subnets: Record<string, Subnet[]>;
    /** The flavors, by name. */
    readonly flavors: Record<string, Flavor>;

    /** The ids of everything created, by name. */
    readonly ids: pulumi.Output<StackIds>;

    /** One nova-compute configuration per cluster, keyed by its nova `host` (`<vcenter>-<cluster>`). Secret. */
    readonly novaComputeConf: pulumi.Output<Record<string, string>>;
    /** cinder.conf with one VMwareVcVmdkDriver backend per vCenter. Secret. */
    readonly cinderConf: pulumi.Output<string>;
    /** glance-api.conf with the vsphere store on the first vCenter's image datastore. Secret. */
    readonly glanceApiConf: pulumi.Output<string>;
    /**
     * One glance-api.conf per vCenter, keyed by its connection name, each with the vsphere store on that vCenter's
     * image datastore: Glance holds one vsphere store per glance-api, so several vCenters run one glance-api each,
     * on one Glance database. Secret.
     */
    readonly glanceApiConfs: pulumi.Output<Record<string, string>>;
    /** ml2_conf.ini with `network_vlan_ranges` equal to the br-int trunk. */
    readonly ml2Conf: pulumi.Output<string>;
    /** Cluster ↔ nova-compute host, VLAN ↔ Neutron network ↔ port group, as a Markdown table. */
    readonly summaryTable: pulumi.Output<string>;
    /** The same as a Mermaid flowchart. */
    readonly summaryMermaid: pulumi.Output<string>;

    constructor(name: string, spec: OpenStackOnVSphereSpec, opts?: pulumi.ComponentResourceOptions) {
        const connections = configuredConnections() ?? {};
        const planned = plan(name, spec, readableConnections(spec, connections));
        const failures = validatePlan(spec, planned, { connections });
        if (failures.length) {
            throw new InvalidSpecError(name, failures);
        }
        super("vsphere-openstack:index:OpenStackOnVSphere", name, {}, opts);
        const created = this.create(planned, spec.adopt ?? false);
        this.vcenters = Object.fromEntries(spec.vcenters.map((v) => [v.name, vcenterResources(created, v.name)]));
        this.networks = byKey(created, "ProviderNetwork");
        this.subnets = {};
        for (const { child, resource } of created.filter((c) => c.child.kind === "Subnet")) {
            (this.subnets[child.key] ??= []).push(resource as Subnet);
        }
        this.flavors = byKey(created, "Flavor");

        const perVCenter = <T>(pick: (v: VCenterResources) => T): Record<string, T> =>
            Object.fromEntries(Object.entries(this.vcenters).map(([n, v]) => [n, pick(v)]));
        this.ids = pulumi.output({
            datacenters: idsOf(perVCenter((v) => v.datacenter)),
            clusters: pulumi.output(perVCenter((v) => idsOf(v.clusters))),
            portGroups: idsOf(perVCenter((v) => v.portGroup)),
            networks: idsOf(this.networks),
            flavors: idsOf(this.flavors),
        });

        // Rendered once, from the plan's render input with the real ids; the connections were read as plain
        // config, so only the files with passwords are marked secret.
        const ids = new Map(created.map(({ child, resource }) => [child.id, resource.id]));
        const rendered = pulumi
            .output(withIds(planned, planned.render, ids))
            .apply((input) => renderConfig(input as RenderInput));
        const secretly = <T>(pick: (r: RenderedConfig) => T) => pulumi.secret(rendered.apply(pick));
        this.novaComputeConf = secretly((r) => r.novaCompute);
        this.cinderConf = secretly((r) => r.cinder);
        this.glanceApiConfs = secretly((r) => r.glanceApi);
        this.glanceApiConf = secretly((r) => r.glanceApi[planned.render.vcenters[0].name]);
        this.ml2Conf = rendered.apply((r) => r.ml2);
        this.summaryTable = rendered.apply((r) => r.summary.table);
        this.summaryMermaid = rendered.apply((r) => r.summary.mermaid);
        rendered.apply((r) => r.warnings.forEach((w) => pulumi.log.warn(w, this)));

        this.registerOutputs(this.stackOutputs());
    }

    /**
     * Creates every child of the plan, in its order, each with the ids of the children it names; with `adopt`,
     * each child takes over an existing object of its name.
     */
    private create(planned: Plan, adopt: boolean): Created[] {
        const ids = new Map<string, pulumi.Output<string>>();
        return planned.children.map((child) => {
            const args = { ...withIds(planned, child.args, ids), ...(adopt ? { adopt } : {}) };
            const resource = construct(child, args, { parent: this });
            ids.set(child.id, resource.id);
            return { child, resource };
        });
    }

    /**
     * Everything a program exports from this stack, by output name: `ids`, the rendered files and the
     * summary. A program that is only this component exports them all with `export = cloud.stackOutputs();`.
     */
    stackOutputs(): StackOutputs {
        return {
            ids: this.ids,
            novaComputeConf: this.novaComputeConf,
            cinderConf: this.cinderConf,
            glanceApiConf: this.glanceApiConf,
            glanceApiConfs: this.glanceApiConfs,
            ml2Conf: this.ml2Conf,
            summaryTable: this.summaryTable,
            summaryMermaid: this.summaryMermaid,
        };
    }
}
