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

/** vSphere DRS of a cluster: VMs placed and balanced across its hosts. */
export interface DrsSpec {
    /** DRS on. Defaults to false, as in vCenter. */
    enabled?: boolean;
    /** `manual`, `partiallyAutomated` or `fullyAutomated`. Defaults to `fullyAutomated`. */
    automationLevel?: DrsAutomationLevel;
    /** 1 (conservative) to 5 (aggressive), as the vSphere Client shows it. Defaults to 3. */
    migrationThreshold?: number;
}

/** vSphere HA of a cluster: VMs restarted on other hosts when one fails. */
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
 * the stack config (`vsphere-openstack:connections.<name>.hostPassword`, a secret).
 */
export interface HostSpec {
    /** The ESXi host's name or address, unique in its vCenter. */
    hostname: string;
    /** The host's user. Defaults to `root`. */
    username?: string;
    /** The SHA-1 thumbprint of the host's certificate; unset trusts it through vCenter's CA. */
    sslThumbprint?: string;
}

/** A compute cluster: one Nova hypervisor, run by its own nova-compute. */
export interface ClusterSpec {
    /** The cluster's name, unique in its datacenter; each cluster is one Nova hypervisor. */
    name: string;
    /** DRS settings. Defaults to vCenter's (off). */
    drs?: DrsSpec;
    /** HA settings. Defaults to vCenter's (off). */
    ha?: HaSpec;
    /** The ESXi hosts of the cluster; may be empty. */
    hosts: HostSpec[];
}

/** An NFS export as a datastore. */
export interface NfsSpec {
    /** The NFS servers; NFS 3 takes one. */
    remoteHosts: string[];
    /** The exported path, absolute. */
    remotePath: string;
}

/** A VMFS datastore on a local disk of one host. */
export interface VmfsSpec {
    /** The hostname (of a host declared in this vCenter) whose local disk is formatted. */
    host: string;
    /** The disk's canonical name, e.g. `naa.6000c29…`. */
    disk: string;
}

/** A datastore for Glance's images, Cinder's volumes and the instances. */
export interface DatastoreSpec {
    /** The datastore's name, unique in its datacenter. */
    name: string;
    /** An NFS export mounted on every host of the vCenter; exactly one of `nfs` and `vmfs`. */
    nfs?: NfsSpec;
    /** A local disk of one host formatted as VMFS; exactly one of `nfs` and `vmfs`. */
    vmfs?: VmfsSpec;
}

/** The distributed switch that carries the VLANs to every host. */
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

/** One vCenter: its datacenter and everything in it that OpenStack uses. */
export interface VCenterSpec {
    /**
     * The connection's name, unique in the spec: letters, digits, `.`, `_` and `-`, starting with a letter or
     * digit. Its server and credentials come from the stack config `vsphere-openstack:connections` by this name
     * (`server`, `user`, `password`, `hostPassword`, `caFile`, `allowUnverifiedSsl`), never from the spec.
     */
    name: string;
    /** The datacenter's name, in the root folder. */
    datacenter: string;
    /** The compute clusters, at least one. */
    clusters: ClusterSpec[];
    /** The datastores, mounted on every host of the vCenter (NFS) or on one (VMFS). */
    datastores: DatastoreSpec[];
    /** Where Glance keeps images: a declared datastore, and the folder on it (default `openstack_glance`). */
    imageStore: {
        /** A declared datastore's name. */
        datastore: string;
        /** The folder on it, created by the stack. Defaults to `openstack_glance`. */
        folder?: string;
    };
    /**
     * Where Cinder keeps volumes: the VM folder (default `cinder-volumes`) and a regular expression that must
     * match at least one declared datastore.
     */
    volumes: {
        /** The VM folder Cinder keeps its volumes in; Cinder creates it. Defaults to `cinder-volumes`. */
        folder?: string;
        /** Which datastores hold volumes and instances (nova and cinder `datastore_regex`). */
        datastoreRegex: string;
        /**
         * Whether Cinder makes a volume's disk (its backing, a VM in the volume folder) only when the volume is
         * first attached, copied to an image or backed up (cinder's `vmware_lazy_create`). `false` makes the disk
         * with the volume, on a datastore the regex matches, so that a volume that cannot be placed fails at
         * create. Defaults to `true`, as in Cinder.
         */
        lazyCreate?: boolean;
    };
    /** The distributed switch with the trunk port group. */
    switch: SwitchSpec;
}

/** A range of VLAN ids, both ends included. */
export interface VlanRangeSpec {
    /** The first VLAN, 1-4094. */
    min: number;
    /** The last VLAN, from `min` to 4094. */
    max: number;
}

/** Where the VLANs run: Neutron's physical network and the vSphere port group that trunks them. */
export interface PhysicalNetworkSpec {
    /** Neutron's physical network of the VLANs. Defaults to `physnet1`. */
    physicalNetwork?: string;
    /** The port group on every vCenter's switch that trunks the VLAN range. Defaults to `br-int`. */
    portGroup?: string;
    /** Neutron's `network_vlan_ranges` for the physical network, and the br-int trunk. */
    vlanRange: VlanRangeSpec;
}

/** A subnet of a provider network. */
export interface SubnetSpec {
    /** The subnet's CIDR, e.g. `10.20.0.0/24`. */
    cidr: string;
    /**
     * The gateway address, inside the CIDR and outside the pools. Defaults to Neutron's choice. Excludes
     * `noGateway`.
     */
    gateway?: string;
    /** True for a subnet without a gateway. Defaults to false. Excludes `gateway`. */
    noGateway?: boolean;
    /** Allocation pools inside the CIDR. Defaults to the whole CIDR but the gateway. */
    pools?: {
        /** The pool's first address. */
        start: string;
        /** The pool's last address. */
        end: string;
    }[];
    /** DNS servers handed out by DHCP. */
    dns?: string[];
    /**
     * Static routes handed out by DHCP, managed as a whole when set; when unset, routes added otherwise (e.g.
     * `@pulumi/openstack`'s `networking.SubnetRoute`) are left alone. A new subnet has none unless set.
     */
    hostRoutes?: {
        /** The destination network in CIDR notation, e.g. `198.51.100.0/24`. */
        destination: string;
        /** The address of the router to send it to, an address of the subnet's family. */
        nextHop: string;
    }[];
    /** DHCP on. Defaults to true. */
    dhcp?: boolean;
}

/** A Neutron VLAN provider network on the physical network. */
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
    /** Its subnets. Defaults to none. */
    subnets?: SubnetSpec[];
}

/** A Nova flavor, checked as `openstack.Flavor` checks it (VMware extra specs included). */
export interface FlavorSpec {
    /** The flavor's name, unique in the spec. */
    name: string;
    /** Virtual CPUs, at least 1. */
    vcpus: number;
    /** Memory in MiB, a multiple of 4. */
    ramMb: number;
    /** Root disk in GiB; 0 boots from a volume or the image size. */
    diskGb: number;
    /** Extra specs, e.g. `vmware:hw_version`, `quota:cpu_limit`, `hw:cpu_sockets`. */
    extraSpecs?: Record<string, string>;
    /** Defaults to true. */
    isPublic?: boolean;
    /**
     * Project ids with access to a private flavor, managed as a whole when set; when unset, access granted
     * otherwise (e.g. `@pulumi/openstack`'s `compute.FlavorAccess`) is left alone.
     */
    projects?: string[];
}

/** OpenStack on vSphere as a whole: the input of `OpenStackOnVSphere` and of `validateSpec`. */
export interface OpenStackOnVSphereSpec {
    /** The vCenters, at least one; each is a connection of `vsphere-openstack:connections`. */
    vcenters: VCenterSpec[];
    /** The VLANs: physical network, trunk port group, range. */
    network: PhysicalNetworkSpec;
    /** The provider networks. Defaults to none. */
    networks?: NetworkSpec[];
    /** The flavors. Defaults to none. */
    flavors?: FlavorSpec[];
    /**
     * Take over the objects of the spec that already exist under their names (made by hand or by another
     * stack) instead of failing on them: each resource's own `adopt`, for every object of the spec, which is then
     * brought to the declared settings. Objects this stack created itself are taken over without it (after an
     * interrupted `pulumi up`, by the owner marker each carries). Has an effect only when an object is created;
     * set it for the `up` that takes an environment over, then remove it. Defaults to false.
     */
    adopt?: boolean;
}
