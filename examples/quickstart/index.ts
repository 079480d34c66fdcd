import * as pulumi from "@pulumi/pulumi";
import { openstack, vsphere } from "vsphere-openstack";

const config = new pulumi.Config();
const prefix = config.get("prefix") ?? "quickstart";

// The vSphere side: a datacenter for the OpenStack compute clusters.
const datacenter = new vsphere.Datacenter("datacenter", { name: `${prefix}-dc` });

// The OpenStack side: a plain flavor, and one with the extra specs the VMware driver reads.
const small = new openstack.Flavor("small", {
    name: `${prefix}.small`,
    vcpus: 1,
    ramMb: 2048,
    diskGb: 20,
});

const vmware = new openstack.Flavor("vmware", {
    name: `${prefix}.vmware`,
    vcpus: 4,
    ramMb: 8192,
    diskGb: 40,
    description: "4 vCPUs as 2 sockets x 2 cores, hardware version 13",
    extraSpecs: {
        "vmware:hw_version": "vmx-13",
        "hw:cpu_sockets": "2",
        "hw:cpu_cores": "2",
        "quota:cpu_limit": "8000",
    },
});

export const datacenterId = datacenter.id;
export const datacenterHostFolderId = datacenter.hostFolderId;
export const smallFlavorId = small.id;
export const vmwareFlavorId = vmware.id;
