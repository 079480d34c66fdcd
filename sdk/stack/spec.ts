/**
 * The one typed description of an OpenStack-on-vSphere deployment: the vCenters with their clusters, hosts,
 * datastores and switch, the Neutron VLAN range that the br-int port group trunks, the provider networks and
 * the flavors. Checked as a whole by `validateSpec` before anything is created.
 */

import type { DrsAutomationLevel, HaHostMonitoring } from "../vsphere/computeCluster";

/** Glance's image folder when `imageStore.folder` is not set. */
export const DEFAULT_IMAGE_FOLDER = "openstack_glance";
/** Cinder's volume folder when `volumes.folder` is not set. */
export const DEFAULT_VOLUME_FOLDER = "cinder-volumes";
/** Neutron's physical network when `network.physicalNetwork` is not set. */
export const DEFAULT_PHYSICAL_NETWORK = "physnet1";
/** The trunk port group when `network.portGroup` is not set. */
export const DEFAULT_PORT_GROUP = "br-int";
/** The physical NICs each host gives the switch when `switch.hostNics` is not set. */
export const DEFAULT_HOST_NICS = ["vmnic1"];

export interface DrsSpec {
    /** DRS on. Defaults to false, as in vCenter. */
    enabled?: boolean;
    /** `manual`, `partiallyAutomated` or `fullyAutomated`. Defaults to `fullyAutomated`. */
    automationLevel?: DrsAutomationLevel;
    /** 1 (conservative) to 5 (aggressive), as the vSphere Client shows it. Defaults to 3. */
    migrationThreshold?: number;
}

export interface HaSpec {
    /** HA on. Defaults to false, as in vCenter. */
    enabled?: boolean;
    /** Admission control on. Defaults to true. */
    admissionControlEnabled?: boolean;
    /** `enabled` or `disabled`. Defaults to `enabled`. */
    hostMonitoring?: HaHostMonitoring;
}

/**
 * An ESXi host. Its password is not part of the spec: it is the `hostPassword` of the vCenter's connection in
 * the stack config (`vsphere:connections.<name>.hostPassword`, a secret).
 */
export interface HostSpec {
    /** The ESXi host's name or address, unique in its vCenter. */
    hostname: string;
    /** The host's user. Defaults to `root`. */
    username?: string;
    /** The SHA-1 thumbprint of the host's certificate; unset trusts it through vCenter's CA. */
    sslThumbprint?: string;
}

export interface ClusterSpec {
    /** The cluster's name, unique in its datacenter; each cluster is one Nova hypervisor. */
    name: string;
    drs?: DrsSpec;
    ha?: HaSpec;
    hosts: HostSpec[];
}

export interface NfsSpec {
    /** The NFS servers; NFS 3 takes one. */
    remoteHosts: string[];
    /** The exported path, absolute. */
    remotePath: string;
}

export interface VmfsSpec {
    /** The hostname (of a host declared in this vCenter) whose local disk is formatted. */
    host: string;
    /** The disk's canonical name, e.g. `naa.6000c29…`. */
    disk: string;
}

export interface DatastoreSpec {
    /** The datastore's name, unique in its datacenter. */
    name: string;
    /** An NFS export mounted on every host of the vCenter; exactly one of `nfs` and `vmfs`. */
    nfs?: NfsSpec;
    /** A local disk of one host formatted as VMFS; exactly one of `nfs` and `vmfs`. */
    vmfs?: VmfsSpec;
}

export interface SwitchSpec {
    /** The distributed switch's name, unique in its datacenter. */
    name: string;
    /** The switch's MTU, 1280–9000. Defaults to 1500. No network may have a larger one. */
    mtu?: number;
    /** Uplink port names. Defaults to uplink1–uplink4. */
    uplinks?: string[];
    /** The switch version, e.g. `8.0.3`. Defaults to the newest vCenter offers. */
    version?: string;
    /**
     * The physical NICs every host of the vCenter gives the switch as uplinks, at most as many as `uplinks`.
     * Defaults to `["vmnic1"]`.
     */
    hostNics?: string[];
}

export interface VCenterSpec {
    /**
     * The connection's name, unique in the spec: letters, digits, `.`, `_` and `-`, starting with a letter or
     * digit. Its server and credentials come from the stack config `vsphere:connections` by this name
     * (`server`, `user`, `password`, `hostPassword`, `caFile`, `allowUnverifiedSsl`), never from the spec.
     */
    name: string;
    /** The datacenter's name, in the root folder. */
    datacenter: string;
    clusters: ClusterSpec[];
    datastores: DatastoreSpec[];
    /** Where Glance keeps images: a declared datastore, and the folder on it (default `openstack_glance`). */
    imageStore: { datastore: string; folder?: string };
    /**
     * Where Cinder keeps volumes: the VM folder (default `cinder-volumes`) and a regular expression that must
     * match at least one declared datastore.
     */
    volumes: { folder?: string; datastoreRegex: string };
    switch: SwitchSpec;
}

export interface PhysicalNetworkSpec {
    /** Neutron's physical network of the VLANs. Defaults to `physnet1`. */
    physicalNetwork?: string;
    /** The port group on every vCenter's switch that trunks the VLAN range. Defaults to `br-int`. */
    portGroup?: string;
    /** Neutron's `network_vlan_ranges` for the physical network, and the br-int trunk. */
    vlanRange: { min: number; max: number };
}

export interface SubnetSpec {
    /** The subnet's CIDR, e.g. `10.20.0.0/24`. */
    cidr: string;
    /** The gateway address, inside the CIDR and outside the pools. Defaults to Neutron's choice. */
    gateway?: string;
    /** Allocation pools inside the CIDR. Defaults to the whole CIDR but the gateway. */
    pools?: { start: string; end: string }[];
    /** DNS servers handed out by DHCP. */
    dns?: string[];
    /** DHCP on. Defaults to true. */
    dhcp?: boolean;
}

export interface NetworkSpec {
    /** The Neutron network's name, unique in the spec. */
    name: string;
    /** Its VLAN: inside `network.vlanRange`, used once. */
    vlan: number;
    /** Its MTU; at most every vCenter's switch MTU. Defaults to Neutron's. */
    mtu?: number;
    /** Shared with every project. Defaults to false. */
    shared?: boolean;
    /** An external network (for floating IPs). Defaults to false. */
    external?: boolean;
    subnets?: SubnetSpec[];
}

export interface FlavorSpec {
    /** The flavor's name, unique in the spec. */
    name: string;
    vcpus: number;
    /** Memory in MiB, a multiple of 4. */
    ramMb: number;
    diskGb: number;
    extraSpecs?: Record<string, string>;
    /** Defaults to true. */
    isPublic?: boolean;
    /** Project ids with access to a private flavor. */
    projects?: string[];
}

export interface OpenStackOnVSphereSpec {
    vcenters: VCenterSpec[];
    network: PhysicalNetworkSpec;
    networks?: NetworkSpec[];
    flavors?: FlavorSpec[];
}
