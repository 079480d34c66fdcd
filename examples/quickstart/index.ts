import * as pulumi from "@pulumi/pulumi";
import { OpenStackOnVSphere } from "vsphere-openstack";

const config = new pulumi.Config();
// Prefix of every object's name, so that several stacks can share one vCenter and OpenStack.
const prefix = config.get("prefix") || "quickstart";
// The vCenter: a connection of the stack config vsphere-openstack:connections (server, user, password, hostPassword).
const connection = config.get("connection") || "lab";
// Neutron's VLAN range for this stack; br-int trunks it, the network takes its first VLAN.
const vlanMin = config.getNumber("vlanMin") ?? 100;

// The smallest whole OpenStack on vSphere: one cluster (one Nova hypervisor) with one ESXi host, an NFS
// datastore for Glance and Cinder, a distributed switch with br-int, one VLAN network and one flavor.
const cloud = new OpenStackOnVSphere(prefix, {
    vcenters: [
        {
            name: connection,
            datacenter: `${prefix}-dc`,
            clusters: [
                {
                    name: `${prefix}-compute`,
                    drs: { enabled: true },
                    ha: { enabled: true },
                    hosts: [{ hostname: `esx-1.${prefix}.lab` }],
                },
            ],
            datastores: [{ name: `${prefix}-nfs`, nfs: { remoteHosts: ["nfs.lab"], remotePath: `/export/${prefix}` } }],
            imageStore: { datastore: `${prefix}-nfs` },
            volumes: { datastoreRegex: `^${prefix}-nfs$` },
            switch: { name: `${prefix}-dvs`, mtu: 9000 },
        },
    ],
    network: { vlanRange: { min: vlanMin, max: vlanMin + 9 } },
    networks: [
        {
            name: `${prefix}-net`,
            vlan: vlanMin,
            subnets: [{ cidr: "10.10.0.0/24", gateway: "10.10.0.1", dns: ["10.10.0.53"] }],
        },
    ],
    flavors: [
        {
            name: `${prefix}.vmware`,
            vcpus: 2,
            ramMb: 4096,
            diskGb: 40,
            extraSpecs: { "vmware:hw_version": config.get("vmwareHwVersion") || "vmx-13", "hw:cpu_sockets": "2" },
        },
    ],
});

export = cloud.stackOutputs();
