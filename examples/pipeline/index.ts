import * as pulumi from "@pulumi/pulumi";
import { openstack, vsphere } from "vsphere-openstack";

const config = new pulumi.Config();
const prefix = config.require("prefix");

const datacenter = new vsphere.Datacenter("datacenter", { name: `${prefix}-dc` });
const cluster = new vsphere.ComputeCluster("cluster", { datacenterId: datacenter.id, name: `${prefix}-compute` });
const flavor = new openstack.Flavor("flavor", {
    name: `${prefix}.small`,
    vcpus: config.getNumber("vcpus") ?? 1,
    ramMb: 2048,
    diskGb: 20,
});

export const datacenterId = datacenter.id;
export const clusterId = cluster.id;
export const flavorId = flavor.id;
