import * as pulumi from "@pulumi/pulumi";
import { vsphere } from "vsphere-openstack";

const config = new pulumi.Config();
const prefix = config.get("prefix") || "inventory";
const hostPassword = config.requireSecret("hostPassword");

const datacenter = new vsphere.Datacenter("datacenter", { name: `${prefix}-dc` });

// Two compute clusters — each one Nova hypervisor — with two ESXi hosts each.
const clusters = ["compute-a", "compute-b"].map((name, c) => {
    const cluster = new vsphere.ComputeCluster(name, {
        datacenterId: datacenter.id,
        name: `${prefix}-${name}`,
        drs: { enabled: true, automationLevel: "fullyAutomated", migrationThreshold: 3 },
        ha: { enabled: true, admissionControlEnabled: true, hostMonitoring: "enabled" },
    });
    const hosts = [1, 2].map(
        (h) =>
            new vsphere.Host(`${name}-esx-${h}`, {
                clusterId: cluster.id,
                hostname: `esx-${c + 1}${h}.${prefix}.lab`,
                username: "root",
                password: hostPassword,
            }),
    );
    return { cluster, hosts };
});
const hosts = clusters.flatMap((c) => c.hosts);

// Glance's and Cinder's datastore: one NFS export mounted on every host, with the image folder Glance needs
// before glance-api starts.
const datastore = new vsphere.NasDatastore("openstack-nfs", {
    hostIds: hosts.map((h) => h.id),
    name: `${prefix}-nfs`,
    remoteHosts: ["nfs.lab"],
    remotePath: `/export/${prefix}`,
    type: "NFS",
});
const imageFolder = new vsphere.DatastoreFolder("glance-images", {
    datastoreId: datastore.id,
    path: "openstack_glance",
});

// The distributed switch with every host's uplink, and br-int trunking the VLANs Neutron hands out.
const dvs = new vsphere.DistributedSwitch("dvs", {
    datacenterId: datacenter.id,
    name: `${prefix}-dvs`,
    mtu: 9000,
    uplinks: ["uplink1", "uplink2"],
    hosts: hosts.map((h) => ({ hostId: h.id, nics: ["vmnic1"] })),
});
const vlanMin = config.getNumber("vlanMin") ?? 100;
const brInt = new vsphere.DistributedPortGroup("br-int", {
    switchId: dvs.id,
    name: "br-int", // port group names are unique per datacenter
    vlan: { trunk: [{ min: vlanMin, max: config.getNumber("vlanMax") ?? 2000 }] },
    vlanOverrideAllowed: true,
});

// Optionally, port groups carrying one VLAN each (3001, 3002, …, outside Neutron's range) for VMs outside OpenStack.
const tenantPortGroups = Array.from(
    { length: config.getNumber("tenantPortGroups") ?? 0 },
    (_, i) =>
        new vsphere.DistributedPortGroup(`tenant-${i + 1}`, {
            switchId: dvs.id,
            name: `tenant-${i + 1}`,
            vlan: { id: 3001 + i },
        }),
);

export const datacenterId = datacenter.id;
export const clusterIds = clusters.map((c) => c.cluster.id);
export const resourcePoolIds = clusters.map((c) => c.cluster.resourcePoolId);
export const hostIds = hosts.map((h) => h.id);
export const datastoreId = datastore.id;
export const imageFolderId = imageFolder.id;
export const switchId = dvs.id;
export const brIntId = brInt.id;
export const brIntVlan = brInt.vlan;
export const tenantPortGroupIds = tenantPortGroups.map((pg) => pg.id);
