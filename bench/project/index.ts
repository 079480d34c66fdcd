/**
 * The bench's program: the reference topology (`topology: reference`) as one `OpenStackOnVSphere`, or `ports`
 * distributed port groups on one switch (`topology: portGroups`). Every name starts with `prefix`.
 */
import * as pulumi from "@pulumi/pulumi";
import { OpenStackOnVSphere, vsphere } from "vsphere-openstack";

const config = new pulumi.Config();
const prefix = config.require("prefix");
const vlanMin = config.requireNumber("vlanMin");

if (config.require("topology") === "reference") {
    const clusters = Array.from({ length: 4 }, (_, c) => ({
        name: `${prefix}-c${c}`,
        hosts: Array.from({ length: 8 }, (_, h) => ({ hostname: `esx-${c}-${h}.${prefix}.lab` })),
    }));
    new OpenStackOnVSphere(prefix, {
        vcenters: [
            {
                name: "lab",
                datacenter: `${prefix}-dc`,
                clusters,
                datastores: Array.from({ length: 4 }, (_, d) => ({
                    name: `${prefix}-nfs-${d}`,
                    nfs: { remoteHosts: ["nfs.lab"], remotePath: `/export/${prefix}/${d}` },
                })),
                imageStore: { datastore: `${prefix}-nfs-0` },
                volumes: { datastoreRegex: `^${prefix}-nfs-` },
                switch: { name: `${prefix}-dvs` },
            },
        ],
        network: { vlanRange: { min: vlanMin, max: vlanMin + 63 } },
        networks: Array.from({ length: 64 }, (_, n) => ({
            name: `${prefix}-net-${n}`,
            vlan: vlanMin + n,
            subnets: [{ cidr: `10.${200 + Math.floor(n / 32)}.${(n % 32) * 8}.0/24` }],
        })),
        flavors: Array.from({ length: 40 }, (_, f) => ({
            name: `${prefix}.f${f}`,
            vcpus: 1 + (f % 8),
            ramMb: 512 * (1 + (f % 16)),
            diskGb: 10,
        })),
    });
} else {
    const datacenter = new vsphere.Datacenter(`${prefix}-dc`, { name: `${prefix}-dc` });
    const dvs = new vsphere.DistributedSwitch(`${prefix}-dvs`, { datacenterId: datacenter.id, name: `${prefix}-dvs` });
    const ports = config.requireNumber("ports");
    for (let p = 0; p < ports; p++) {
        const name = `${prefix}-pg-${p}`;
        new vsphere.DistributedPortGroup(name, { switchId: dvs.id, name, vlan: { id: 1 + (p % 4000) } });
    }
}
