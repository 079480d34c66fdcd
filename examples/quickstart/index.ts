import * as pulumi from "@pulumi/pulumi";
import { openstack, vsphere } from "vsphere-openstack";

const config = new pulumi.Config();
// Prefix of every object's name, so that several stacks can share one vCenter and OpenStack.
const prefix = config.get("prefix") ?? "quickstart";
const vmwareVcpus = config.getNumber("vmwareVcpus") ?? 4;

// The vSphere side: a datacenter for the OpenStack compute clusters.
const datacenter = new vsphere.Datacenter(
    "datacenter",
    { name: config.get("datacenterName") || `${prefix}-dc` },
    { retainOnDelete: config.getBoolean("retainDatacenter") ?? false },
);

// The OpenStack side: a plain flavor, and one with the extra specs the VMware driver reads.
const small = new openstack.Flavor("small", {
    name: `${prefix}.small`,
    vcpus: 1,
    ramMb: 2048,
    diskGb: 20,
});

const vmware = new openstack.Flavor("vmware", {
    name: `${prefix}.vmware`,
    vcpus: vmwareVcpus,
    ramMb: 2048 * vmwareVcpus,
    diskGb: 40,
    description: `${vmwareVcpus} vCPUs as 2 sockets`,
    extraSpecs: {
        "vmware:hw_version": config.get("vmwareHwVersion") ?? "vmx-13",
        "hw:cpu_sockets": "2",
        "hw:cpu_cores": String(vmwareVcpus / 2),
        "quota:cpu_limit": "8000",
    },
});

export const datacenterId = datacenter.id;
export const datacenterHostFolderId = datacenter.hostFolderId;
export const smallFlavorId = small.id;
export const vmwareFlavorId = vmware.id;
