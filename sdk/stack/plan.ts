/**
 * The plan of an {@link OpenStackOnVSphereSpec}: the spec turned, once, into every child resource's inputs and
 * into the input of the rendered configuration. Validation checks the plan (each child with its resource's own
 * preview checks, the render input with the render's checks) and the component creates exactly what the plan
 * lists, so what is checked is what is created.
 *
 * Before anything exists, an input that is another child's id holds a placeholder (see {@link Plan.placeholder});
 * the component puts the child's real id in its place. Pure: no Pulumi, no API calls.
 */
import * as crypto from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import type { VCenterConnection } from "../../model/connection";
import type { FlavorArgs } from "../../model/openstack/flavor";
import type { ProviderNetworkArgs } from "../../model/openstack/providerNetwork";
import type { SubnetArgs } from "../../model/openstack/subnet";
import type { ComputeClusterArgs } from "../../model/vsphere/computeCluster";
import type { DatacenterArgs } from "../../model/vsphere/datacenter";
import type { DatastoreFolderArgs } from "../../model/vsphere/datastoreFolder";
import type { DistributedPortGroupArgs } from "../../model/vsphere/distributedPortGroup";
import { DEFAULT_MTU } from "../../model/vsphere/distributedSwitch";
import type { DistributedSwitchArgs } from "../../model/vsphere/distributedSwitch";
import type { HostArgs } from "../../model/vsphere/host";
import type { NasDatastoreArgs } from "../../model/vsphere/nasDatastore";
import type { VmfsDatastoreArgs } from "../../model/vsphere/vmfsDatastore";
import type { RenderInput, RenderVCenter, VCenterAccess } from "./render";
import {
    DEFAULT_HOST_NICS,
    DEFAULT_IMAGE_FOLDER,
    DEFAULT_PHYSICAL_NETWORK,
    DEFAULT_PORT_GROUP,
    DEFAULT_VOLUME_FOLDER,
    OpenStackOnVSphereSpec,
    VCenterSpec,
} from "./spec";

/** The inputs of each kind of child, as plain values. */
export interface ChildArgs {
    Datacenter: pulumi.Unwrap<DatacenterArgs>;
    ComputeCluster: pulumi.Unwrap<ComputeClusterArgs>;
    Host: pulumi.Unwrap<HostArgs>;
    NasDatastore: pulumi.Unwrap<NasDatastoreArgs>;
    VmfsDatastore: pulumi.Unwrap<VmfsDatastoreArgs>;
    DatastoreFolder: pulumi.Unwrap<DatastoreFolderArgs>;
    DistributedSwitch: pulumi.Unwrap<DistributedSwitchArgs>;
    DistributedPortGroup: pulumi.Unwrap<DistributedPortGroupArgs>;
    ProviderNetwork: pulumi.Unwrap<ProviderNetworkArgs>;
    Subnet: pulumi.Unwrap<SubnetArgs>;
    Flavor: pulumi.Unwrap<FlavorArgs>;
}

/** One child resource of the component of kind `K`, as planned. */
export type PlannedChildOf<K extends keyof ChildArgs> = {
    [P in K]: {
        kind: P;
        /** The Pulumi resource name: the component's name, the vCenter's, and the object's. */
        name: string;
        /** The id placeholder that stands for this child's id in the inputs of others, until it exists. */
        id: string;
        /** Where in the spec the child comes from, e.g. `vcenters[0].clusters[1]`. */
        at: string;
        /** The object's name in the spec (a cluster's name, a host's hostname, a subnet's network's name). */
        key: string;
        /** The vCenter (connection) a vSphere object lives in. */
        vcenter?: string;
        /**
         * The spec's paths of the child's fields that the spec names differently, relative to `at` (the
         * subnet's `gatewayIp` is `gateway`) or, starting with `/`, from the spec's root (a network's
         * `physicalNetwork` is `/network.physicalNetwork`); `""` for a field the spec does not hold (a host's
         * password comes from the connection, which is checked as such).
         */
        fields: Record<string, string>;
        /** The inputs; ids of other children as their placeholders. */
        args: ChildArgs[P];
    };
}[K];

/** One child resource of the component, as planned. */
export type PlannedChild = PlannedChildOf<keyof ChildArgs>;

/** What the component creates from a spec, and what it renders from it. */
export interface Plan {
    /** Every child, parents before the children that take their ids. */
    children: PlannedChild[];
    /** The render's input; ids as placeholders. */
    render: RenderInput;
    /** Whether a value is an id placeholder of this plan. */
    placeholder(value: unknown): value is string;
}

/** How the services reach a vCenter whose connection is not (correctly) configured: nothing, checked elsewhere. */
const NO_ACCESS: VCenterAccess = { host: "", port: 443, username: "", password: "", insecure: false };

/** What the services need to reach a vCenter: its connection, read as the providers read it. */
export function accessOf(c: VCenterConnection): VCenterAccess {
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
 * A list the spec should have given: anything else as none, an entry that is not an object as an empty one
 * (so that the entries keep their indices); validation names both.
 */
export function items<T extends object>(value: T[] | undefined): T[] {
    const isObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);
    return Array.isArray(value) ? value.map((v) => (isObject(v) ? v : ({} as T))) : [];
}

/** Where a child comes from: its Pulumi name, spec path, name in the spec and vCenter. */
type Where = Pick<PlannedChild, "name" | "at" | "key" | "vcenter">;

class Planner {
    readonly children: PlannedChild[] = [];
    private readonly nonce = crypto.randomBytes(4).toString("hex");

    constructor(private readonly component: string) {}

    /** The start of the Pulumi names of a vCenter's objects: the component's name and the vCenter's. */
    prefix(v: VCenterSpec): string {
        return `${this.component}-${v.name}`;
    }

    /** Adds a child; returns its id placeholder. */
    add<K extends keyof ChildArgs>(
        kind: K,
        where: Where,
        args: ChildArgs[K],
        fields: Record<string, string> = {},
    ): string {
        const id = `planned-${this.nonce}-${this.children.length}`;
        // A PlannedChildOf<K> is a PlannedChild; the compiler does not follow K through the union.
        this.children.push({ kind, ...where, id, fields, args } as PlannedChild);
        return id;
    }

    placeholder(value: unknown): value is string {
        return typeof value === "string" && value.startsWith(`planned-${this.nonce}-`);
    }
}

/** One vCenter's clusters and their hosts; the hosts' ids by hostname. */
function planClusters(p: Planner, v: VCenterSpec, at: string, datacenterId: string, hostPassword: string) {
    const vcenter = v.name;
    const connection = v.name;
    const clusters: RenderVCenter["clusters"] = [];
    const hostIds = new Map<unknown, string>();
    for (const [i, c] of items(v.clusters).entries()) {
        const cat = `${at}.clusters[${i}]`;
        const clusterArgs = { connection, datacenterId, name: c.name, drs: c.drs, ha: c.ha };
        const where = { name: `${p.prefix(v)}-${c.name}`, at: cat, key: c.name, vcenter };
        const clusterId = p.add("ComputeCluster", where, clusterArgs);
        clusters.push({ name: c.name, id: clusterId, hosts: items(c.hosts).map((h) => h.hostname) });
        for (const [j, h] of items(c.hosts).entries()) {
            const args = {
                connection,
                clusterId,
                hostname: h.hostname,
                username: h.username,
                password: hostPassword,
                sslThumbprint: h.sslThumbprint,
            };
            const host = { name: `${p.prefix(v)}-${h.hostname}`, at: `${cat}.hosts[${j}]`, key: h.hostname, vcenter };
            hostIds.set(h.hostname, p.add("Host", host, args, { password: "" }));
        }
    }
    return { clusters, hostIds };
}

/** One vCenter's datastores; their ids by name. */
function planDatastores(p: Planner, v: VCenterSpec, at: string, hostIds: Map<unknown, string>): Map<unknown, string> {
    const connection = v.name;
    const datastoreIds = new Map<unknown, string>();
    for (const [i, d] of items(v.datastores).entries()) {
        const where = { name: `${p.prefix(v)}-${d.name}`, at: `${at}.datastores[${i}]`, key: d.name, vcenter: v.name };
        const id = d.nfs
            ? p.add(
                  "NasDatastore",
                  where,
                  {
                      connection,
                      hostIds: [...hostIds.values()],
                      name: d.name,
                      remoteHosts: d.nfs.remoteHosts,
                      remotePath: d.nfs.remotePath,
                  },
                  { remoteHosts: "nfs.remoteHosts", remotePath: "nfs.remotePath", hostIds: `/${at}.clusters` },
              )
            : p.add(
                  "VmfsDatastore",
                  where,
                  { connection, hostId: hostIds.get(d.vmfs?.host) ?? "", disk: d.vmfs?.disk ?? "", name: d.name },
                  { hostId: "vmfs.host", disk: "vmfs.disk" },
              );
        datastoreIds.set(d.name, id);
    }
    return datastoreIds;
}

/** One vCenter's switch and the port group that trunks the VLAN range; the port group's id. */
function planSwitch(
    p: Planner,
    spec: OpenStackOnVSphereSpec,
    v: VCenterSpec,
    at: string,
    datacenterId: string,
    hostIds: string[],
) {
    const connection = v.name;
    const sw = v.switch ?? { name: "" };
    const nics = sw.hostNics ?? DEFAULT_HOST_NICS;
    const switchArgs = {
        connection,
        datacenterId,
        name: sw.name,
        mtu: sw.mtu,
        uplinks: sw.uplinks,
        version: sw.version,
        hosts: hostIds.map((hostId) => ({ hostId, nics })),
    };
    // The hosts' NICs are checked as the spec's hostNics.
    const where = { name: `${p.prefix(v)}-${sw.name}`, at: `${at}.switch`, key: sw.name, vcenter: v.name };
    const switchId = p.add("DistributedSwitch", where, switchArgs, { hosts: "" });
    const portGroup = spec.network?.portGroup ?? DEFAULT_PORT_GROUP;
    const portGroupArgs = {
        connection,
        switchId,
        name: portGroup,
        vlan: { trunk: spec.network?.vlanRange ? [spec.network.vlanRange] : [] },
        vlanOverrideAllowed: true,
    };
    const portGroupWhere = { name: `${p.prefix(v)}-${portGroup}`, at, key: portGroup, vcenter: v.name };
    const portGroupId = p.add("DistributedPortGroup", portGroupWhere, portGroupArgs, {
        name: "/network.portGroup",
        vlan: "/network.vlanRange",
    });
    return { switchName: sw.name, switchMtu: sw.mtu ?? DEFAULT_MTU, portGroup: { name: portGroup, id: portGroupId } };
}

/** The vSphere side of one vCenter, and what the render needs of it. */
function planVCenter(
    p: Planner,
    spec: OpenStackOnVSphereSpec,
    v: VCenterSpec,
    at: string,
    hostPassword: string,
): Omit<RenderVCenter, "name" | "access"> {
    const connection = v.name;
    const datacenterId = p.add(
        "Datacenter",
        { name: `${p.prefix(v)}-dc`, at, key: v.datacenter, vcenter: v.name },
        { connection, name: v.datacenter },
        { name: "datacenter" },
    );
    const { clusters, hostIds } = planClusters(p, v, at, datacenterId, hostPassword);
    const datastoreIds = planDatastores(p, v, at, hostIds);
    const image = v.imageStore ?? { datastore: "" };
    const folder = image.folder ?? DEFAULT_IMAGE_FOLDER;
    p.add(
        "DatastoreFolder",
        { name: `${p.prefix(v)}-images`, at: `${at}.imageStore`, key: folder, vcenter: v.name },
        { connection, datastoreId: datastoreIds.get(image.datastore) ?? "", path: folder },
        { path: "folder", datastoreId: "datastore" },
    );
    return {
        datacenter: v.datacenter,
        clusters,
        imageStore: { datastore: image.datastore, folder },
        volumes: {
            folder: v.volumes?.folder ?? DEFAULT_VOLUME_FOLDER,
            datastoreRegex: v.volumes?.datastoreRegex,
            lazyCreate: v.volumes?.lazyCreate ?? true,
        },
        ...planSwitch(p, spec, v, at, datacenterId, [...hostIds.values()]),
    };
}

/** The provider networks with their subnets; what the render needs of them. */
function planNetworks(p: Planner, name: string, spec: OpenStackOnVSphereSpec): RenderInput["networks"] {
    const physicalNetwork = spec.network?.physicalNetwork ?? DEFAULT_PHYSICAL_NETWORK;
    const networks: RenderInput["networks"] = [];
    for (const [i, n] of items(spec.networks).entries()) {
        const at = `networks[${i}]`;
        const networkId = p.add(
            "ProviderNetwork",
            { name: `${name}-${n.name}`, at, key: n.name },
            {
                name: n.name,
                networkType: "vlan",
                physicalNetwork,
                segmentationId: n.vlan,
                mtu: n.mtu,
                shared: n.shared,
                external: n.external,
            },
            { segmentationId: "vlan", physicalNetwork: "/network.physicalNetwork" },
        );
        networks.push({ name: n.name, id: networkId, vlan: n.vlan });
        for (const [j, s] of items(n.subnets).entries()) {
            const args = {
                networkId,
                name: `${n.name}-${s.cidr}`,
                cidr: s.cidr,
                gatewayIp: s.gateway,
                noGateway: s.noGateway,
                allocationPools: s.pools,
                dnsNameservers: s.dns,
                hostRoutes: s.hostRoutes,
                enableDhcp: s.dhcp,
            };
            const where = { name: `${name}-${n.name}-${j}`, at: `${at}.subnets[${j}]`, key: n.name };
            p.add("Subnet", where, args, {
                gatewayIp: "gateway",
                allocationPools: "pools",
                dnsNameservers: "dns",
                enableDhcp: "dhcp",
                name: "",
            });
        }
    }
    return networks;
}

/**
 * The plan of `spec` for a component named `name`. `connections` are the vCenters' connections, by name, where
 * they read without a problem; the plan of a spec that validation refuses is still complete enough to check.
 */
export function plan(
    name: string,
    spec: OpenStackOnVSphereSpec,
    connections: Record<string, VCenterConnection | undefined>,
): Plan {
    const p = new Planner(name);
    const vcenters: RenderVCenter[] = items(spec.vcenters).map((v, i) => {
        const connection = connections[v.name];
        const access = connection ? accessOf(connection) : NO_ACCESS;
        const planned = planVCenter(p, spec, v, `vcenters[${i}]`, connection?.hostPassword ?? "");
        return { name: v.name, access, ...planned };
    });
    const networks = planNetworks(p, name, spec);
    for (const [i, f] of items(spec.flavors).entries()) {
        p.add("Flavor", { name: `${name}-${f.name}`, at: `flavors[${i}]`, key: f.name }, { ...f });
    }
    const physicalNetwork = spec.network?.physicalNetwork ?? DEFAULT_PHYSICAL_NETWORK;
    return {
        children: p.children,
        render: { vcenters, physicalNetwork, vlanRange: spec.network?.vlanRange, networks } as RenderInput,
        placeholder: (value): value is string => p.placeholder(value),
    };
}
