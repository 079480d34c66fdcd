import * as pulumi from "@pulumi/pulumi";
import { openstack } from "vsphere-openstack";

const config = new pulumi.Config();
const prefix = config.require("prefix");
// Unset, the flavor's project access and the subnet's routes are left to others; set, they are managed whole.
const lists = config.getBoolean("manageLists") ? { projects: [] as string[], hostRoutes: [] } : {};

const flavor = new openstack.Flavor("flavor", {
    name: `${prefix}.private`,
    vcpus: 1,
    ramMb: 1024,
    diskGb: 10,
    isPublic: false,
    projects: lists.projects,
});

const network = new openstack.ProviderNetwork("network", {
    name: `${prefix}-net`,
    networkType: "vlan",
    physicalNetwork: "physnet1",
    segmentationId: config.requireNumber("vlan"),
});

const subnet = new openstack.Subnet("subnet", {
    networkId: network.id,
    name: `${prefix}-v4`,
    cidr: "10.61.0.0/24",
    hostRoutes: lists.hostRoutes,
});

export const flavorId = flavor.id;
export const subnetId = subnet.id;
