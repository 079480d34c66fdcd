/**
 * What the check compares: the deployment as declared (from a spec or a stack's outputs) and both sides as read
 * live, each as plain data. Reading fills these; the findings come from them alone (see `findings.ts`).
 */
import type { VlanRangeSpec } from "../stack/spec";

/** A cluster of a deployment, as declared. */
export interface DeployedCluster {
    /** The cluster's name. */
    name: string;
    /** The cluster's MOID, when known. */
    id?: string;
    /** The ESXi hosts declared in it, by host name (none when the deployment comes from outputs). */
    hosts: string[];
}

/** One vCenter of a deployment, as declared. Ids are known when the deployment comes from a stack's outputs. */
export interface DeployedVCenter {
    /** The connection's name in `vsphere:connections`. */
    name: string;
    /** The datacenter's name (in the root folder). */
    datacenter: string;
    /** The datacenter's MOID, when known. */
    datacenterId?: string;
    /** The clusters, each one Nova hypervisor. */
    clusters: DeployedCluster[];
    /** Glance's datastore and folder. */
    imageStore: ImageStore;
    /** The regular expression of Cinder's and nova-compute's datastores. */
    datastoreRegex: string;
    /** The distributed switch's name, when known. */
    switchName?: string;
    /** The port group that trunks the VLAN range. */
    portGroup: NamedObject;
}

/** Glance's images on a vCenter. */
export interface ImageStore {
    /** The datastore's name. */
    datastore: string;
    /** The folder's path on it, relative to its root, e.g. `openstack_glance`. */
    folder: string;
}

/** Glance's folder as read. */
export interface ImageFolder extends ImageStore {
    /** Whether the folder is on the datastore. */
    present: boolean;
}

/** An object of a deployment by name and id, each when known. */
export interface NamedObject {
    /** Its name. */
    name?: string;
    /** Its MOID or UUID. */
    id?: string;
}

/** A deployment as declared: what the check expects to find on both sides. */
export interface Deployment {
    /** The vCenters. */
    vcenters: DeployedVCenter[];
    /** Neutron's physical network of the VLANs. */
    physicalNetwork: string;
    /** ML2's VLAN range, which br-int trunks. */
    vlanRange: VlanRangeSpec;
    /** The provider networks. */
    networks: DeployedNetwork[];
    /** The flavors. */
    flavors: DeployedFlavor[];
}

/** A provider network of a deployment. */
export interface DeployedNetwork {
    /** Its name. */
    name: string;
    /** Its UUID, when known. */
    id?: string;
    /** Its VLAN, when known (from a spec). */
    vlan?: number;
}

/** A flavor of a deployment. */
export interface DeployedFlavor {
    /** Its name. */
    name: string;
    /** Its id, when known. */
    id?: string;
}

/** A VLAN range of a port group's setting; a single VLAN is a range of one. */
export interface VlanRange {
    /** The first VLAN. */
    start: number;
    /** The last VLAN. */
    end: number;
}

/** A vSphere object by MOID and name. */
export interface VSphereObject {
    /** Its MOID. */
    id: string;
    /** Its name. */
    name: string;
}

/** A cluster as read. */
export interface LiveCluster extends VSphereObject {
    /** The MOIDs of its hosts. */
    hostIds: string[];
}

/** An ESXi host as read. */
export interface LiveHost extends VSphereObject {
    /** The MOID of its cluster (or standalone compute resource). */
    parentId: string;
    /** `connected`, `disconnected` or `notResponding`. */
    connectionState: string;
    /** Whether it is in maintenance mode. */
    inMaintenanceMode: boolean;
    /** Its CPU threads. */
    cpuThreads: number;
    /** Its memory in MiB. */
    memoryMb: number;
}

/** A datastore as read. */
export interface LiveDatastore extends VSphereObject {
    /** Its capacity in bytes. */
    capacityBytes: number;
    /** Its free space in bytes. */
    freeBytes: number;
    /** Whether the hosts reach it. */
    accessible: boolean;
}

/** A port group as read. */
export interface LivePortGroup extends VSphereObject {
    /** The MOID of its switch. */
    switchId: string;
    /** The VLANs it carries: a trunk's ranges, or its one VLAN; none for VLAN 0. */
    vlans: VlanRange[];
}

/** A VM as read. */
export interface LiveVm extends VSphereObject {
    /** Its instance UUID, which is its Nova server's UUID. */
    instanceUuid: string;
    /** The MOID of the host it is registered on. */
    hostId: string;
}

/** One vCenter as read: the objects of the deployment's datacenter(s), with only what the check needs. */
export interface VSphereSnapshot {
    /** The connection's name. */
    vcenter: string;
    /** The deployment's datacenters it has. */
    datacenters: VSphereObject[];
    /** The clusters in them. */
    clusters: LiveCluster[];
    /** The hosts in them. */
    hosts: LiveHost[];
    /** The datastores in them. */
    datastores: LiveDatastore[];
    /** Each image datastore's Glance folder: whether it is there. */
    imageFolders: ImageFolder[];
    /** The distributed switches. */
    switches: VSphereObject[];
    /** The port groups that are not uplink port groups. */
    portGroups: LivePortGroup[];
    /** The VMs, templates left out. */
    vms: LiveVm[];
}

/** A service as Nova's or Cinder's `os-services` reports it. */
export interface ServiceReport {
    /** Its id (Nova's UUID; Cinder's host). */
    id: string;
    /** e.g. `nova-compute`, `cinder-volume`. */
    binary: string;
    /** Its host (`<host>@<backend>` for a Cinder backend). */
    host: string;
    /** `up` or `down`. */
    state: string;
    /** `enabled` or `disabled`. */
    status: string;
    /** When the service last reported, as the API gives it (UTC, without offset). */
    updatedAt: string | null;
}

/** A Nova hypervisor as read. */
export interface LiveHypervisor {
    /** Its id. */
    id: string;
    /** Its hypervisor host name (the VMware driver's `<cluster MOID>.<vCenter UUID>`), placement's provider name. */
    hostname: string;
    /** `up` or `down`. */
    state: string;
    /** `enabled` or `disabled`. */
    status: string;
    /** The host of its nova-compute service. */
    serviceHost: string;
}

/** A placement resource provider with its inventory totals. */
export interface LiveResourceProvider {
    /** Its UUID. */
    uuid: string;
    /** Its name: its hypervisor's host name. */
    name: string;
    /** Its VCPU total, when it has one. */
    vcpus?: number;
    /** Its MEMORY_MB total, when it has one. */
    memoryMb?: number;
}

/** A Neutron network with its segment. */
export interface LiveNetwork {
    /** Its UUID. */
    id: string;
    /** Its name. */
    name: string;
    /** `provider:network_type`, e.g. `vlan`. */
    networkType: string;
    /** `provider:physical_network`. */
    physicalNetwork: string | null;
    /** `provider:segmentation_id`: the VLAN. */
    segmentationId: number | null;
}

/** A Nova flavor. */
export interface LiveFlavor {
    /** Its id. */
    id: string;
    /** Its name. */
    name: string;
    /** Its vCPUs. */
    vcpus: number;
    /** Its memory in MiB. */
    ramMb: number;
    /** Its root disk in GiB. */
    diskGb: number;
    /** Its extra specs. */
    extraSpecs: Record<string, string>;
}

/** A Nova server. */
export interface LiveServer {
    /** Its UUID: its VM's instance UUID. */
    id: string;
    /** Its name. */
    name: string;
    /** e.g. `ACTIVE`. */
    status: string;
    /** The nova-compute host that runs it (`OS-EXT-SRV-ATTR:host`). */
    host: string | null;
}

/** OpenStack as read: one list of each collection. */
export interface OpenStackSnapshot {
    /** Nova's hypervisors. */
    hypervisors: LiveHypervisor[];
    /** Nova's nova-compute services. */
    computeServices: ServiceReport[];
    /** Placement's resource providers of the deployment's hypervisors. */
    resourceProviders: LiveResourceProvider[];
    /** Neutron's networks. */
    networks: LiveNetwork[];
    /** Nova's flavors, public and private. */
    flavors: LiveFlavor[];
    /** Every project's servers. */
    servers: LiveServer[];
    /** Cinder's services; undefined when the catalog has no Cinder. */
    volumeServices?: ServiceReport[];
}

/** The calls a check made. */
export interface CheckCalls {
    /** vim25 methods by vCenter connection, then method, e.g. `{ lab: { RetrievePropertiesEx: 7 } }`. */
    vsphere: Record<string, Record<string, number>>;
    /** OpenStack requests by `METHOD host:port`. */
    openstack: Record<string, number>;
}
