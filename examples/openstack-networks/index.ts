import * as pulumi from "@pulumi/pulumi";
import { openstack } from "vsphere-openstack";

const config = new pulumi.Config();
const prefix = config.get("prefix") || "networks";
const vlanBase = config.getNumber("vlanBase") ?? 141;
const largeVcpus = config.getNumber("largeVcpus") ?? 4;

// Flavors for the VMware driver: a small public one, a large one with a CPU topology, and a private one with
// VMware extra specs that only the listed projects may use.
const small = new openstack.Flavor("small", { name: `${prefix}.small`, vcpus: 1, ramMb: 2048, diskGb: 20 });

const large = new openstack.Flavor("large", {
    name: `${prefix}.large`,
    vcpus: largeVcpus,
    ramMb: 4096 * largeVcpus,
    diskGb: 80,
    extraSpecs: { "hw:cpu_sockets": "2", "hw:cpu_cores": String(largeVcpus / 2) },
});

const tuned = new openstack.Flavor("tuned", {
    name: `${prefix}.tuned`,
    vcpus: 2,
    ramMb: 4096,
    diskGb: 40,
    isPublic: false,
    projects: config.getObject<string[]>("privateProjects") ?? [],
    description: "reserved CPU and memory, hardware version pinned",
    extraSpecs: {
        "vmware:hw_version": config.get("hwVersion") || "vmx-13",
        "quota:cpu_reservation": "2000",
        "quota:memory_reservation": "4096",
        "quota:cpu_shares_level": "high",
    },
});

// Provider VLAN networks on physnet1: on vSphere, the br-int port group carries these VLANs.
const networks = ["tenant-a", "tenant-b"].map((tenant, i) => {
    const network = new openstack.ProviderNetwork(tenant, {
        name: `${prefix}-${tenant}`,
        networkType: "vlan",
        physicalNetwork: "physnet1",
        segmentationId: vlanBase + i,
        shared: true,
    });
    const subnet = new openstack.Subnet(`${tenant}-v4`, {
        networkId: network.id,
        name: `${prefix}-${tenant}-v4`,
        cidr: `10.${20 + i}.0.0/24`,
        gatewayIp: `10.${20 + i}.0.1`,
        allocationPools: [{ start: `10.${20 + i}.0.100`, end: `10.${20 + i}.0.199` }],
        dnsNameservers: ["10.0.0.53"],
    });
    return { network, subnet };
});

export const flavorIds = { small: small.id, large: large.id, tuned: tuned.id };
export const networkIds = networks.map((n) => n.network.id);
export const subnetIds = networks.map((n) => n.subnet.id);
export const vlans = networks.map((n) => n.network.segmentationId);
