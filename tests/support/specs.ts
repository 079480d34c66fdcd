/**
 * Specs for the tests of `validateSpec` and `OpenStackOnVSphere`: one valid spec, and invalid ones, each with
 * exactly the failures it must give.
 */
import type { OpenStackOnVSphereSpec } from "../../sdk/stack/spec";

export function valid(): OpenStackOnVSphereSpec {
    return {
        vcenters: [
            {
                name: "vc1",
                datacenter: "openstack-dc",
                clusters: [
                    {
                        name: "compute-a",
                        drs: { enabled: true },
                        hosts: [{ hostname: "esx-01.lab" }, { hostname: "esx-02.lab" }],
                    },
                    { name: "compute-b", hosts: [{ hostname: "esx-03.lab" }] },
                ],
                datastores: [
                    { name: "nfs-images", nfs: { remoteHosts: ["nfs.lab"], remotePath: "/export/images" } },
                    {
                        name: "vmfs-volumes-1",
                        vmfs: { host: "esx-01.lab", disk: "naa.6000c29000000000000000000000001" },
                    },
                ],
                imageStore: { datastore: "nfs-images" },
                volumes: { datastoreRegex: "^vmfs-volumes-" },
                switch: { name: "dvs-openstack", mtu: 9000 },
            },
        ],
        network: { vlanRange: { min: 100, max: 2000 } },
        networks: [
            {
                name: "tenant-a",
                vlan: 101,
                mtu: 1500,
                subnets: [{ cidr: "10.20.0.0/24", gateway: "10.20.0.1", dns: ["10.0.0.53"] }],
            },
            { name: "tenant-b", vlan: 102 },
        ],
        flavors: [{ name: "vmware.small", vcpus: 2, ramMb: 4096, diskGb: 20, extraSpecs: { "hw:cpu_sockets": "2" } }],
    };
}

/** Each case: a change to the valid spec, and exactly the failures it must give. */
export const INVALID: [string, (s: OpenStackOnVSphereSpec) => void, { path: string; reason: string }[]][] = [
    [
        "a network VLAN outside the range br-int trunks",
        (s) => (s.networks![1].vlan = 2500),
        [{ path: "networks[1].vlan", reason: "VLAN 2500 is outside the VLAN range 100-2000 that br-int trunks" }],
    ],
    [
        "a VLAN used twice",
        (s) => (s.networks![1].vlan = 101),
        [{ path: "networks[1].vlan", reason: 'VLAN 101 is already used by networks[0] ("tenant-a")' }],
    ],
    [
        "a network MTU above the switch's",
        (s) => {
            s.vcenters[0].switch.mtu = 1500;
            s.networks![0].mtu = 9000;
        },
        [
            {
                path: "networks[0].mtu",
                reason: 'MTU 9000 exceeds the MTU of switch "dvs-openstack" of vCenter "vc1" (1500)',
            },
        ],
    ],
    [
        "an image store on a datastore that is not declared",
        (s) => (s.vcenters[0].imageStore.datastore = "nfs-glance"),
        [
            {
                path: "vcenters[0].imageStore.datastore",
                reason: '"nfs-glance" is not a declared datastore (declared: nfs-images, vmfs-volumes-1)',
            },
        ],
    ],
    [
        "a volume regex that matches no datastore",
        (s) => (s.vcenters[0].volumes.datastoreRegex = "^cinder-"),
        [
            {
                path: "vcenters[0].volumes.datastoreRegex",
                reason: "/^cinder-/ matches no declared datastore (declared: nfs-images, vmfs-volumes-1)",
            },
        ],
    ],
    [
        "a volume regex that does not compile",
        (s) => (s.vcenters[0].volumes.datastoreRegex = "vmfs-("),
        [
            {
                path: "vcenters[0].volumes.datastoreRegex",
                reason: "is not a regular expression: Invalid regular expression: /vmfs-(/: Unterminated group",
            },
        ],
    ],
    [
        "a lazyCreate that is not a boolean",
        (s) => (s.vcenters[0].volumes.lazyCreate = "no" as unknown as boolean),
        [{ path: "vcenters[0].volumes.lazyCreate", reason: 'must be true or false, not "no"' }],
    ],
    [
        "a VMFS datastore on a host the vCenter does not have",
        (s) => (s.vcenters[0].datastores[1].vmfs!.host = "esx-09.lab"),
        [
            {
                path: "vcenters[0].datastores[1].vmfs.host",
                reason: '"esx-09.lab" is not a host of this vCenter (declared: esx-01.lab, esx-02.lab, esx-03.lab)',
            },
        ],
    ],
    [
        "duplicate names: clusters, hosts, networks, flavors, vCenters",
        (s) => {
            s.vcenters[0].clusters[1].name = "compute-a";
            s.vcenters[0].clusters[1].hosts[0].hostname = "esx-01.lab";
            s.networks![1].name = "tenant-a";
            s.flavors!.push({ ...s.flavors![0] });
            s.vcenters.push({ ...s.vcenters[0] });
        },
        [
            {
                path: "vcenters[1].name",
                reason: 'vCenter name "vc1" is already used by vcenters[0].name; vCenter names must be unique',
            },
            ...[0, 1].flatMap((v) => [
                {
                    path: `vcenters[${v}].clusters[1].name`,
                    reason: `cluster name "compute-a" is already used by vcenters[${v}].clusters[0].name; cluster names must be unique`,
                },
                {
                    path: `vcenters[${v}].clusters[1].hosts[0].hostname`,
                    reason: `hostname "esx-01.lab" is already used by vcenters[${v}].clusters[0].hosts[0].hostname; hostnames must be unique`,
                },
            ]),
            {
                path: "networks[1].name",
                reason: 'network name "tenant-a" is already used by networks[0].name; network names must be unique',
            },
            {
                path: "flavors[1].name",
                reason: 'flavor name "vmware.small" is already used by flavors[0].name; flavor names must be unique',
            },
            // The second vCenter of the same name would run a second nova-compute of the same host.
            {
                path: "vcenters[1].clusters[0].name",
                reason: 'its nova-compute host "vc1-compute-a" is already that of vcenters[0].clusters[0]',
            },
        ],
    ],
    [
        "settings each resource refuses at preview, under their spec paths",
        (s) => {
            s.vcenters[0].clusters[0].drs!.migrationThreshold = 7;
            s.vcenters[0].switch.mtu = 10000;
            s.networks![0].subnets![0].gateway = "10.21.0.1";
            s.flavors![0].ramMb = 4097;
        },
        [
            {
                path: "vcenters[0].clusters[0].drs.migrationThreshold",
                reason: "drs.migrationThreshold must be an integer from 1 to 5, not 7",
            },
            { path: "vcenters[0].switch.mtu", reason: "mtu must be an integer from 1280 to 9000, not 10000" },
            {
                path: "networks[0].subnets[0].gateway",
                reason: "gateway 10.21.0.1 must be an address of cidr 10.20.0.0/24 from 10.20.0.1 to 10.20.0.254 (not its network or broadcast address)",
            },
            {
                path: "flavors[0].ramMb",
                reason: "ramMb must be a multiple of 4 MiB (the VMware driver needs it), not 4097",
            },
        ],
    ],
    [
        "a subnet with both a gateway and noGateway",
        (s) => (s.networks![0].subnets![0].noGateway = true),
        [
            {
                path: "networks[0].subnets[0].gateway",
                reason: "gateway and noGateway are mutually exclusive: set a gateway address or noGateway: true, not both",
            },
        ],
    ],
    [
        "a noGateway that is not a boolean",
        (s) => (s.networks![0].subnets![0].noGateway = "yes" as unknown as boolean),
        [{ path: "networks[0].subnets[0].noGateway", reason: 'noGateway must be true or false, not "yes"' }],
    ],
    [
        "host routes of the wrong family, without a next hop, and not a route",
        (s) =>
            (s.networks![0].subnets![0].hostRoutes = [
                { destination: "2001:db8::/64", nextHop: "10.20.0.254" },
                { destination: "192.168.60.0/24" } as { destination: string; nextHop: string },
                "192.168.61.0/24 via 10.20.0.254" as unknown as { destination: string; nextHop: string },
            ]),
        [
            {
                path: "networks[0].subnets[0].hostRoutes[0].destination",
                reason:
                    "hostRoutes[0].destination must be an IPv4 network in CIDR notation with all host bits zero, " +
                    'such as 198.51.100.0/24, not "2001:db8::/64"',
            },
            {
                path: "networks[0].subnets[0].hostRoutes[1].nextHop",
                reason: "hostRoutes[1].nextHop is required: an IPv4 address",
            },
            {
                path: "networks[0].subnets[0].hostRoutes[2]",
                reason: 'hostRoutes[2] must be an object {destination, nextHop}, not "192.168.61.0/24 via 10.20.0.254"',
            },
        ],
    ],
    [
        "a datastore with both NFS and VMFS, and no VLAN range",
        (s) => {
            s.vcenters[0].datastores[0].vmfs = { host: "esx-01.lab", disk: "naa.1" };
            s.network.vlanRange = { min: 2000, max: 100 };
        },
        [
            {
                path: "vcenters[0].datastores[0]",
                reason: "set exactly one of nfs {remoteHosts, remotePath} and vmfs {host, disk}",
            },
            {
                path: "network.vlanRange",
                reason: 'must be {min, max} with 1 <= min <= max <= 4094, not {"min":2000,"max":100}',
            },
        ],
    ],
];

/** The stack config's connections that the valid spec needs. */
export const CONNECTIONS = { vc1: { server: "vc1.lab", user: "openstack", password: "pw", hostPassword: "root-pw" } };
