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
import { ConnectionEntry, CONNECTIONS_KEY, readConnection, VCenterConnection } from "../../model/connection";
import { DEFAULT_MTU as DEFAULT_SWITCH_MTU } from "../../model/vsphere/distributedSwitch";
import { renderConfig, RenderedConfig, RenderInput, RenderVCenter, VCenterAccess } from "./render";
import {
    DEFAULT_HOST_NICS,
    DEFAULT_IMAGE_FOLDER,
    DEFAULT_PHYSICAL_NETWORK,
    DEFAULT_PORT_GROUP,
    DEFAULT_VOLUME_FOLDER,
    OpenStackOnVSphereSpec,
    VCenterSpec,
} from "./spec";
import { SpecFailure, validateSpec } from "./validate";

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
    const raw = pulumi.runtime.getConfig(CONNECTIONS_KEY);
    if (raw === undefined) {
        return undefined;
    }
    try {
        return JSON.parse(raw) as Record<string, ConnectionEntry>;
    } catch {
        throw new pulumi.RunError(`the stack config "${CONNECTIONS_KEY}" must be a map of connection names`);
    }
}

/** What the services need to reach a vCenter: its connection, read as the providers read it. */
function access(c: VCenterConnection): VCenterAccess {
    return {
        host: c.host,
        port: c.port,
        username: c.user,
        password: c.password,
        caFile: c.caFile,
        insecure: c.allowUnverifiedSsl,
    };
}

/**
 * OpenStack on vSphere as one component: both sides declared together from one spec, checked against each other
 * before anything is created, and the service configuration rendered from what was created.
 *
 * Every vCenter of the spec is a connection of the stack config `vsphere:connections`, by name:
 *
 * ```sh
 * pulumi config set --path 'vsphere:connections.site-a.server' vcenter-a.example.com
 * pulumi config set --path 'vsphere:connections.site-a.user' openstack@vsphere.local
 * pulumi config set --path --secret 'vsphere:connections.site-a.password' …
 * pulumi config set --path --secret 'vsphere:connections.site-a.hostPassword' …   # the ESXi hosts' root password
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
    /** glance-api.conf with the vsphere store on each vCenter's image datastore. Secret. */
    readonly glanceApiConf: pulumi.Output<string>;
    /** ml2_conf.ini with `network_vlan_ranges` equal to the br-int trunk. */
    readonly ml2Conf: pulumi.Output<string>;
    /** Cluster ↔ nova-compute host, VLAN ↔ Neutron network ↔ port group, as a Markdown table. */
    readonly summaryTable: pulumi.Output<string>;
    /** The same as a Mermaid flowchart. */
    readonly summaryMermaid: pulumi.Output<string>;

    constructor(name: string, spec: OpenStackOnVSphereSpec, opts?: pulumi.ComponentResourceOptions) {
        const connections = configuredConnections();
        const failures = validateSpec(spec, { connections: connections ?? {} });
        if (failures.length) {
            throw new InvalidSpecError(name, failures);
        }
        super("vsphere-openstack:index:OpenStackOnVSphere", name, {}, opts);
        const parent = { parent: this };
        // Valid, so every vCenter's connection reads without a problem.
        const resolved = Object.fromEntries(
            spec.vcenters.map((v) => [v.name, readConnection(v.name, connections![v.name]).connection!]),
        );

        this.vcenters = Object.fromEntries(
            spec.vcenters.map((v) => [v.name, this.vcenter(name, spec, v, resolved[v.name])]),
        );

        const physicalNetwork = spec.network.physicalNetwork ?? DEFAULT_PHYSICAL_NETWORK;
        this.networks = {};
        this.subnets = {};
        for (const n of spec.networks ?? []) {
            const network = new ProviderNetwork(
                `${name}-${n.name}`,
                {
                    name: n.name,
                    networkType: "vlan",
                    physicalNetwork,
                    segmentationId: n.vlan,
                    mtu: n.mtu,
                    shared: n.shared,
                    external: n.external,
                },
                parent,
            );
            this.networks[n.name] = network;
            this.subnets[n.name] = (n.subnets ?? []).map(
                (s, i) =>
                    new Subnet(
                        `${name}-${n.name}-${i}`,
                        {
                            networkId: network.id,
                            name: `${n.name}-${s.cidr}`,
                            cidr: s.cidr,
                            gatewayIp: s.gateway,
                            allocationPools: s.pools,
                            dnsNameservers: s.dns,
                            enableDhcp: s.dhcp,
                        },
                        parent,
                    ),
            );
        }
        this.flavors = Object.fromEntries(
            (spec.flavors ?? []).map((f) => [f.name, new Flavor(`${name}-${f.name}`, { ...f }, parent)]),
        );

        const perVCenter = <T>(pick: (v: VCenterResources) => T): Record<string, T> =>
            Object.fromEntries(Object.entries(this.vcenters).map(([n, v]) => [n, pick(v)]));
        this.ids = pulumi.output({
            datacenters: idsOf(perVCenter((v) => v.datacenter)),
            clusters: pulumi.output(perVCenter((v) => idsOf(v.clusters))),
            portGroups: idsOf(perVCenter((v) => v.portGroup)),
            networks: idsOf(this.networks),
            flavors: idsOf(this.flavors),
        });

        // Rendered once; the connections were read as plain config, so only the files with passwords are
        // marked secret.
        const rendered = this.render(spec, resolved, physicalNetwork);
        const secretly = <T>(pick: (r: RenderedConfig) => T) => pulumi.secret(rendered.apply(pick));
        this.novaComputeConf = secretly((r) => r.novaCompute);
        this.cinderConf = secretly((r) => r.cinder);
        this.glanceApiConf = secretly((r) => r.glanceApi);
        this.ml2Conf = rendered.apply((r) => r.ml2);
        this.summaryTable = rendered.apply((r) => r.summary.table);
        this.summaryMermaid = rendered.apply((r) => r.summary.mermaid);
        rendered.apply((r) => r.warnings.forEach((w) => pulumi.log.warn(w, this)));

        this.registerOutputs(this.stackOutputs());
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
            ml2Conf: this.ml2Conf,
            summaryTable: this.summaryTable,
            summaryMermaid: this.summaryMermaid,
        };
    }

    /** The vSphere side of one vCenter, every object on its connection. */
    private vcenter(
        name: string,
        spec: OpenStackOnVSphereSpec,
        v: VCenterSpec,
        access: VCenterConnection,
    ): VCenterResources {
        const prefix = `${name}-${v.name}`;
        const connection = v.name;
        const opts = { parent: this };
        const hostPassword = pulumi.secret(access.hostPassword ?? "");

        const datacenter = new Datacenter(`${prefix}-dc`, { connection, name: v.datacenter }, opts);
        const clusters: Record<string, ComputeCluster> = {};
        const hosts: Record<string, Host> = {};
        for (const c of v.clusters) {
            const cluster = new ComputeCluster(
                `${prefix}-${c.name}`,
                { connection, datacenterId: datacenter.id, name: c.name, drs: c.drs, ha: c.ha },
                opts,
            );
            clusters[c.name] = cluster;
            for (const h of c.hosts) {
                hosts[h.hostname] = new Host(
                    `${prefix}-${h.hostname}`,
                    {
                        connection,
                        clusterId: cluster.id,
                        hostname: h.hostname,
                        username: h.username,
                        password: hostPassword,
                        sslThumbprint: h.sslThumbprint,
                    },
                    opts,
                );
            }
        }
        const hostIds = Object.values(hosts).map((h) => h.id);

        const datastores: Record<string, NasDatastore | VmfsDatastore> = {};
        for (const d of v.datastores) {
            datastores[d.name] = d.nfs
                ? new NasDatastore(
                      `${prefix}-${d.name}`,
                      {
                          connection,
                          hostIds,
                          name: d.name,
                          remoteHosts: d.nfs.remoteHosts,
                          remotePath: d.nfs.remotePath,
                      },
                      opts,
                  )
                : new VmfsDatastore(
                      `${prefix}-${d.name}`,
                      { connection, hostId: hosts[d.vmfs!.host].id, disk: d.vmfs!.disk, name: d.name },
                      opts,
                  );
        }
        const imageFolder = new DatastoreFolder(
            `${prefix}-images`,
            {
                connection,
                datastoreId: datastores[v.imageStore.datastore].id,
                path: v.imageStore.folder ?? DEFAULT_IMAGE_FOLDER,
            },
            opts,
        );

        const nics = v.switch.hostNics ?? DEFAULT_HOST_NICS;
        const dvs = new DistributedSwitch(
            `${prefix}-${v.switch.name}`,
            {
                connection,
                datacenterId: datacenter.id,
                name: v.switch.name,
                mtu: v.switch.mtu,
                uplinks: v.switch.uplinks,
                version: v.switch.version,
                hosts: hostIds.map((hostId) => ({ hostId, nics })),
            },
            opts,
        );
        const portGroup = new DistributedPortGroup(
            `${prefix}-${spec.network.portGroup ?? DEFAULT_PORT_GROUP}`,
            {
                connection,
                switchId: dvs.id,
                name: spec.network.portGroup ?? DEFAULT_PORT_GROUP,
                vlan: { trunk: [spec.network.vlanRange] },
                vlanOverrideAllowed: true,
            },
            opts,
        );
        return { datacenter, clusters, hosts, datastores, imageFolder, switch: dvs, portGroup };
    }

    /** The rendered configuration, once the objects it names exist. */
    private render(
        spec: OpenStackOnVSphereSpec,
        connections: Record<string, VCenterConnection>,
        physicalNetwork: string,
    ): pulumi.Output<RenderedConfig> {
        const vcenters = spec.vcenters.map((v) => {
            const r = this.vcenters[v.name];
            return pulumi
                .all([pulumi.all(v.clusters.map((c) => r.clusters[c.name].id)), r.portGroup.id])
                .apply(([clusterIds, portGroupId]): RenderVCenter => ({
                    name: v.name,
                    access: access(connections[v.name]),
                    datacenter: v.datacenter,
                    clusters: v.clusters.map((c, i) => ({
                        name: c.name,
                        id: clusterIds[i],
                        hosts: c.hosts.map((h) => h.hostname),
                    })),
                    imageStore: {
                        datastore: v.imageStore.datastore,
                        folder: v.imageStore.folder ?? DEFAULT_IMAGE_FOLDER,
                    },
                    volumes: {
                        folder: v.volumes.folder ?? DEFAULT_VOLUME_FOLDER,
                        datastoreRegex: v.volumes.datastoreRegex,
                    },
                    switchName: v.switch.name,
                    switchMtu: v.switch.mtu ?? DEFAULT_SWITCH_MTU,
                    portGroup: { name: spec.network.portGroup ?? DEFAULT_PORT_GROUP, id: portGroupId },
                }));
        });
        const networks = (spec.networks ?? []).map((n) =>
            this.networks[n.name].id.apply((id) => ({ name: n.name, id, vlan: n.vlan })),
        );
        return pulumi.all([pulumi.all(vcenters), pulumi.all(networks)]).apply(([vcs, nets]) => {
            const input: RenderInput = {
                vcenters: vcs,
                physicalNetwork,
                vlanRange: spec.network.vlanRange,
                networks: nets,
            };
            return renderConfig(input);
        });
    }
}
