import * as pulumi from "@pulumi/pulumi";
import { vsphere } from "vsphere-openstack";

const config = new pulumi.Config();
const prefix = config.require("prefix");

const datacenter = new vsphere.Datacenter("datacenter", { name: `${prefix}-dc` });
const cluster = new vsphere.ComputeCluster("cluster", {
    datacenterId: datacenter.id,
    name: "compute1",
    drs: { enabled: true },
});
// config.require gives a plain string even for a secret config value: the Host class itself makes it a secret.
const host = new vsphere.Host("esx", {
    clusterId: cluster.id,
    hostname: `${prefix}-esx.lab.invalid`,
    password: config.require("hostPassword"),
});

export const clusterId = cluster.id;
export const hostId = host.id;
export const hostPassword = host.password;
export const datastoreSystemId = host.datastoreSystemId;
