import * as pulumi from "@pulumi/pulumi";
import { ClusterSpec, OpenStackOnVSphere } from "vsphere-openstack";

const config = new pulumi.Config();
// Prefix of every object's name, so that several stacks can share one vCenter and OpenStack.
const prefix = config.get("prefix") || "multi-cluster";
// The vCenter: a connection of the stack config vsphere-openstack:connections (server, user, password, hostPassword).
const connection = config.get("connection") || "lab";
// Neutron's VLAN range; br-int trunks exactly this range.
const vlanMin = config.getNumber("vlanMin") ?? 120;
const vlanMax = config.getNumber("vlanMax") ?? 129;
// A fourth cluster, of one host: growing the stack by a cluster grows Nova by a hypervisor.
const fourthCluster = config.getBoolean("fourthCluster") ?? false;

/** A cluster `<prefix>-compute-<letter>` with `hosts` ESXi hosts named after it. */
function cluster(letter: string, hosts: number, settings: Pick<ClusterSpec, "drs" | "ha">): ClusterSpec {
    return {
        name: `${prefix}-compute-${letter}`,
        ...settings,
        hosts: Array.from({ length: hosts }, (_, h) => ({ hostname: `esx-${letter}${h + 1}.${prefix}.lab` })),
    };
}

// Three clusters, three Nova hypervisors: a fully automated one for general workloads, one where DRS places VMs
// but only recommends migrations and HA reserves no failover capacity, and one host for software that must not move.
const clusters = [
    cluster("a", 2, {
        drs: { enabled: true, automationLevel: "fullyAutomated", migrationThreshold: 3 },
        ha: { enabled: true, admissionControlEnabled: true, hostMonitoring: "enabled" },
    }),
    cluster("b", 2, {
        drs: { enabled: true, automationLevel: "partiallyAutomated", migrationThreshold: 2 },
        ha: { enabled: true, admissionControlEnabled: false, hostMonitoring: "enabled" },
    }),
    cluster("c", 1, { drs: { enabled: false }, ha: { enabled: false } }),
    ...(fourthCluster ? [cluster("d", 1, { drs: { enabled: true }, ha: { enabled: false } })] : []),
];

const cloud = new OpenStackOnVSphere(prefix, {
    vcenters: [
        {
            name: connection,
            datacenter: `${prefix}-dc`,
            clusters,
            // Both NFS exports are mounted on every host; Glance uses the first, Cinder and Nova both.
            datastores: ["images", "volumes"].map((use) => ({
                name: `${prefix}-nfs-${use}`,
                nfs: { remoteHosts: ["nfs.lab"], remotePath: `/export/${prefix}/${use}` },
            })),
            imageStore: { datastore: `${prefix}-nfs-images` },
            // Cinder makes each volume's disk with the volume, so a volume that cannot be placed fails at once.
            volumes: { datastoreRegex: `^${prefix}-nfs-`, lazyCreate: false },
            switch: { name: `${prefix}-dvs`, mtu: 9000, uplinks: ["uplink1", "uplink2"] },
        },
    ],
    network: { vlanRange: { min: vlanMin, max: vlanMax } },
    networks: [
        {
            name: `${prefix}-public`,
            vlan: vlanMin,
            shared: true,
            subnets: [{ cidr: "10.40.0.0/24", gateway: "10.40.0.1", dns: ["10.40.0.53"] }],
        },
        // Jumbo frames end to end: the switch carries 9000 bytes.
        {
            name: `${prefix}-storage`,
            vlan: vlanMin + 1,
            mtu: config.getNumber("jumboMtu") ?? 9000,
            subnets: [{ cidr: "10.41.0.0/24", gateway: "10.41.0.1", dhcp: false }],
        },
        {
            name: `${prefix}-tenant`,
            vlan: vlanMin + 2,
            subnets: [
                { cidr: "10.42.0.0/24", pools: [{ start: "10.42.0.100", end: "10.42.0.199" }] },
                { cidr: "10.43.0.0/24", pools: [{ start: "10.43.0.100", end: "10.43.0.199" }] },
            ],
        },
    ],
    // Flavors for the VMware driver: the CPU topology as sockets x cores, hardware version and reservations.
    flavors: [
        { name: `${prefix}.small`, vcpus: 1, ramMb: 2048, diskGb: 20, extraSpecs: { "hw:cpu_sockets": "1" } },
        {
            name: `${prefix}.medium`,
            vcpus: 4,
            ramMb: 8192,
            diskGb: 40,
            extraSpecs: { "hw:cpu_sockets": "2", "hw:cpu_cores": "2", "quota:cpu_shares_level": "high" },
        },
        {
            name: `${prefix}.large`,
            vcpus: 8,
            ramMb: 16384,
            diskGb: 80,
            extraSpecs: {
                "vmware:hw_version": config.get("vmwareHwVersion") || "vmx-13",
                "hw:cpu_sockets": "2",
                "hw:cpu_cores": "4",
                "quota:cpu_reservation": "4000",
                "quota:memory_reservation": "16384",
            },
        },
    ],
});

export = cloud.stackOutputs();
