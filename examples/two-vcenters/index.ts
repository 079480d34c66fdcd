import * as pulumi from "@pulumi/pulumi";
import { OpenStackOnVSphere, VCenterSpec } from "vsphere-openstack";

const config = new pulumi.Config();
// Prefix of every object's name, so that several stacks can share the vCenters and OpenStack.
const prefix = config.get("prefix") || "two-vcenters";
// The two vCenters: connections of the stack config vsphere-openstack:connections (server, user, password, hostPassword).
const connectionA = config.get("connectionA") || "lab";
const connectionB = config.get("connectionB") || "lab-b";
// Neutron's VLAN range: br-int trunks the same range on both vCenters' switches.
const vlanMin = config.getNumber("vlanMin") ?? 130;
const vlanMax = config.getNumber("vlanMax") ?? 139;

/**
 * One site: its vCenter with a datacenter, the clusters (each one Nova hypervisor) with their ESXi hosts, an
 * NFS datastore holding Glance's images and Cinder's volumes, and a distributed switch with br-int.
 */
function site(connection: string, letter: string, hostsPerCluster: number[]): VCenterSpec {
    const name = `${prefix}-${letter}`;
    return {
        name: connection,
        datacenter: `${name}-dc`,
        clusters: hostsPerCluster.map((hosts, c) => ({
            name: `${name}-compute-${c + 1}`,
            drs: { enabled: true, automationLevel: "fullyAutomated" },
            ha: { enabled: true },
            hosts: Array.from({ length: hosts }, (_, h) => ({ hostname: `esx-${c + 1}${h + 1}.${name}.lab` })),
        })),
        datastores: [{ name: `${name}-nfs`, nfs: { remoteHosts: ["nfs.lab"], remotePath: `/export/${name}` } }],
        imageStore: { datastore: `${name}-nfs` },
        volumes: { datastoreRegex: `^${name}-nfs$` },
        switch: { name: `${name}-dvs`, mtu: 9000, uplinks: ["uplink1", "uplink2"] },
    };
}

// Site A: two clusters, of two hosts and of one; site B: one cluster of one host. The first vCenter holds
// Glance's default store; each has its own Cinder backend.
const cloud = new OpenStackOnVSphere(prefix, {
    vcenters: [site(connectionA, "a", [2, 1]), site(connectionB, "b", [1])],
    network: { vlanRange: { min: vlanMin, max: vlanMax } },
    networks: [
        {
            name: `${prefix}-web`,
            vlan: vlanMin,
            subnets: [{ cidr: "10.31.0.0/24", gateway: "10.31.0.1", dns: ["10.31.0.53"] }],
        },
        {
            name: `${prefix}-db`,
            vlan: vlanMin + 1,
            subnets: [{ cidr: "10.32.0.0/24", pools: [{ start: "10.32.0.100", end: "10.32.0.199" }] }],
        },
    ],
    flavors: [
        {
            name: `${prefix}.medium`,
            vcpus: 2,
            ramMb: 4096,
            diskGb: 40,
            extraSpecs: { "vmware:hw_version": "vmx-13", "hw:cpu_sockets": "1" },
        },
    ],
});

export = cloud.stackOutputs();
