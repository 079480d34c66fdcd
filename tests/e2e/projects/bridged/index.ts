import * as pulumi from "@pulumi/pulumi";
import * as bridged from "@pulumi/openstack";
import { openstack } from "vsphere-openstack";

// One set of `openstack:` keys (authUrl, userName, password, tenantName, …) configures both providers.
const config = new pulumi.Config();
const prefix = config.require("prefix");
const vlan = config.requireNumber("vlan");

// The package's flavor, network and subnet, with the bridged provider's access, route and port on them.
const flavor = new openstack.Flavor("flavor", {
    name: `${prefix}.by-access`,
    isPublic: false,
    vcpus: 2,
    ramMb: 2048,
    diskGb: 20,
});
const network = new openstack.ProviderNetwork("network", {
    name: `${prefix}-net`,
    networkType: "vlan",
    physicalNetwork: "physnet1",
    segmentationId: vlan,
});
const subnet = new openstack.Subnet("subnet", { networkId: network.id, name: `${prefix}-v4`, cidr: "10.62.0.0/24" });
new bridged.compute.FlavorAccess("access", { flavorId: flavor.id, tenantId: config.require("projectId") });
new bridged.networking.SubnetRoute("route", {
    subnetId: subnet.id,
    destinationCidr: "192.168.62.0/24",
    nextHop: "10.62.0.254",
});
const port = new bridged.networking.Port("port", {
    name: `${prefix}-port`,
    networkId: network.id,
    fixedIps: [{ subnetId: subnet.id, ipAddress: "10.62.0.10" }],
    // The package's outputs that may be empty are inputs of bridged resources as they are.
    description: subnet.gatewayIp,
});

// The bridged provider's network, with the package's subnet on it.
const theirs = new bridged.networking.Network("their-network", {
    name: `${prefix}-theirs`,
    segments: [{ networkType: "vlan", physicalNetwork: "physnet1", segmentationId: vlan + 1 }],
});
const theirSubnet = new openstack.Subnet("their-subnet", {
    networkId: theirs.id,
    name: `${prefix}-theirs-v4`,
    cidr: "10.63.0.0/24",
});

export const ids = {
    flavor: flavor.id,
    network: network.id,
    subnet: subnet.id,
    port: port.id,
    theirNetwork: theirs.id,
    theirSubnet: theirSubnet.id,
};
