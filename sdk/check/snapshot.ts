/**
 * What the check compares: the deployment as declared (from a spec or a stack's outputs) and both sides as read
 * live, each as plain data. Reading fills these; the findings come from them alone (see `findings.ts`).
 */
import type { VlanRangeSpec } from "../stack/spec";

/** One vCenter of a deployment, as declared. Ids are known when the deployment comes from a stack's outputs. */
export interface DeployedVCenter {
    /** The connection's name in `vsphere:connections`. */
    name: string;
    /** The datacenter's name (in the root folder). */
    datacenter: string;
    /** The datacenter's MOID, when known. */
    datacenterId?: string;
    /** The clusters, each one Nova hypervisor. */
    clusters: {
        /** The cluster's name. */
        name: string;
        /** The cluster's MOID, when known. */
        id?: string;
        /** The ESXi hosts declared in it (none when the deployment comes from outputs). */
        hosts: string[];
    }[];
    /** Glance's datastore and folder. */
    imageStore: { datastore: string; folder: string };
    /** The regular expression of Cinder's and nova-compute's datastores. */
    datastoreRegex: string;
    /** The distributed switch's name, when known. */
    switchName?: string;
    /** The port group that trunks the VLAN range: its name and MOID, each when known. */
    portGroup: { name?: string; id?: string };
}

/** A deployment as declared: what the check expects to find on both sides. */
export interface Deployment {
    /** The vCenters. */
    vcenters: DeployedVCenter[];
    /** Neutron's physical network of the VLANs. */
    physicalNetwork: string;
    /** ML2's VLAN range, which br-int trunks. */
    vlanRange: VlanRangeSpec;
    /** The provider networks: name, and UUID and VLAN when known. */
    networks: { name: string; id?: string; vlan?: number }[];
    /** The flavors: name, and id when known. */
    flavors: { name: string; id?: string }[];
}

/** A VLAN range of a port group's setting; a single VLAN is a range of one. */
export interface VlanRange {
    start: number;
    end: number;
}

/** One vCenter as read: the objects of the deployment's datacenter(s), with only what the check needs. */
export interface VSphereSnapshot {
    /** The connection's name. */
    vcenter: string;
    datacenters: { id: string; name: string }[];
    clusters: { id: string; name: string; hostIds: string[] }[];
    hosts: {
        id: string;
        name: string;
        /** The MOID of its cluster (or standalone compute resource). */
        parentId: string;
        connectionState: string;
        inMaintenanceMode: boolean;
        cpuThreads: number;
        memoryMb: number;
    }[];
    datastores: { id: string; name: string; capacityBytes: number; freeBytes: number; accessible: boolean }[];
    /** Each image datastore's Glance folder: whether it is there. */
    imageFolders: { datastore: string; folder: string; present: boolean }[];
    switches: { id: string; name: string }[];
    /** The port groups that are not uplink port groups, with the VLANs they carry (a trunk's ranges). */
    portGroups: { id: string; name: string; switchId: string; vlans: VlanRange[] }[];
    /** The VMs (templates left out), with the host they run on. */
    vms: { id: string; name: string; instanceUuid: string; hostId: string }[];
}

/** A service as Nova's or Cinder's `os-services` reports it. */
export interface ServiceReport {
    id: string;
    binary: string;
    host: string;
    /** "up" or "down". */
    state: string;
    /** "enabled" or "disabled". */
    status: string;
    /** When the service last reported, as the API gives it (UTC). */
    updatedAt: string | null;
}

/** OpenStack as read: one list of each collection. */
export interface OpenStackSnapshot {
    hypervisors: { id: string; hostname: string; state: string; status: string; serviceHost: string }[];
    computeServices: ServiceReport[];
    /** Placement's resource providers of the deployment's hypervisors, with their VCPU and MEMORY_MB totals. */
    resourceProviders: { uuid: string; name: string; vcpus?: number; memoryMb?: number }[];
    networks: {
        id: string;
        name: string;
        networkType: string;
        physicalNetwork: string | null;
        segmentationId: number | null;
    }[];
    flavors: {
        id: string;
        name: string;
        vcpus: number;
        ramMb: number;
        diskGb: number;
        extraSpecs: Record<string, string>;
    }[];
    /** Every project's servers, with the nova-compute host that runs each. */
    servers: { id: string; name: string; status: string; host: string | null }[];
    /** Cinder's services; undefined when the catalog has no Cinder. */
    volumeServices?: ServiceReport[];
}
