/**
 * Invalid inputs, each with exactly the failures it must give at preview: specs of the component (by their
 * paths in the spec), inputs of the individual resources (by the resources' own fields, as each provider's
 * check names them) and root-program stack configs (by their config paths, as the JSON Schema types them).
 */
/** A spec or config as a test changes it: any value anywhere, as JavaScript or a YAML file could give it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type C = Record<string, any>;
type S = C;

const v = (s: S) => s.vcenters[0];
const c0 = (s: S) => v(s).clusters[0];
const h0 = (s: S) => c0(s).hosts[0];
const nfs = (s: S) => v(s).datastores[0].nfs;
const vmfs = (s: S) => v(s).datastores[1].vmfs;
const sw = (s: S) => v(s).switch;
const sub = (s: S) => s.networks[0].subnets[0];
const fl = (s: S) => s.flavors[0];

/** Each case: a change to the valid spec of `specs.ts`, and exactly the failures it must give. */
export const SPEC_CASES: [string, (s: S) => void, { path: string; reason: string }[]][] = [
    [
        "a datacenter name with a control character",
        (s) => (v(s).datacenter = "dc\u0001"),
        [
            {
                path: "vcenters[0].datacenter",
                reason: 'datacenter must be a non-empty string of at most 80 characters without control characters, not "dc\\u0001"',
            },
        ],
    ],
    [
        "a datacenter name with a slash",
        (s) => (v(s).datacenter = "emea/dc"),
        [
            {
                path: "vcenters[0].datacenter",
                reason: 'datacenter must not contain "/", "\\" or "%" (vCenter keeps them escaped as %2f, %5c and %25), not "emea/dc"',
            },
        ],
    ],
    [
        "a datacenter name of 81 characters",
        (s) => (v(s).datacenter = "d".repeat(81)),
        [
            {
                path: "vcenters[0].datacenter",
                reason: 'datacenter must be a non-empty string of at most 80 characters without control characters, not "ddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"',
            },
        ],
    ],
    [
        "a cluster name with a slash",
        (s) => (c0(s).name = "a/c1"),
        [
            {
                path: "vcenters[0].clusters[0].name",
                reason: 'name must not contain "/", "\\" or "%" (vCenter keeps them escaped as %2f, %5c and %25), not "a/c1"',
            },
        ],
    ],
    [
        "a cluster name with a percent sign",
        (s) => (c0(s).name = "50%"),
        [
            {
                path: "vcenters[0].clusters[0].name",
                reason: 'name must not contain "/", "\\" or "%" (vCenter keeps them escaped as %2f, %5c and %25), not "50%"',
            },
        ],
    ],
    [
        "an empty cluster name",
        (s) => (c0(s).name = ""),
        [
            {
                path: "vcenters[0].clusters[0].name",
                reason: 'name must be a non-empty string of at most 80 characters without control characters, not ""',
            },
        ],
    ],
    [
        "no clusters",
        (s) => (v(s).clusters = []),
        [
            {
                path: "vcenters[0].clusters",
                reason: "at least one cluster is required: each cluster is one Nova hypervisor",
            },
            {
                path: "vcenters[0].datastores[1].vmfs.host",
                reason: '"esx-01.lab" is not a host of this vCenter (declared: none)',
            },
        ],
    ],
    [
        "hosts as a string",
        (s) => (c0(s).hosts = "esx-1"),
        [
            {
                path: "vcenters[0].clusters[0].hosts",
                reason: 'must be a list of hosts {hostname, username, sslThumbprint}, not "esx-1"',
            },
            {
                path: "vcenters[0].datastores[1].vmfs.host",
                reason: '"esx-01.lab" is not a host of this vCenter (declared: esx-03.lab)',
            },
        ],
    ],
    [
        "a host that is a string",
        (s) => (v(s).clusters[1].hosts = ["esx-03.lab"]),
        [
            {
                path: "vcenters[0].clusters[1].hosts[0]",
                reason: 'must be one of hosts {hostname, username, sslThumbprint}, an object, not "esx-03.lab"',
            },
        ],
    ],
    [
        "a hostname with a space and a bang",
        (s) => (v(s).clusters[1].hosts[0].hostname = "esx 1!"),
        [
            {
                path: "vcenters[0].clusters[1].hosts[0].hostname",
                reason: 'hostname must be a DNS name or IP address such as esx-01.example.com, not "esx 1!"',
            },
        ],
    ],
    [
        "a hostname starting with a dash",
        (s) => (v(s).clusters[1].hosts[0].hostname = "-esx"),
        [
            {
                path: "vcenters[0].clusters[1].hosts[0].hostname",
                reason: 'hostname must be a DNS name or IP address such as esx-01.example.com, not "-esx"',
            },
        ],
    ],
    [
        "a hostname of 256 characters",
        (s) => (v(s).clusters[1].hosts[0].hostname = "e".repeat(256)),
        [
            {
                path: "vcenters[0].clusters[1].hosts[0].hostname",
                reason: 'hostname must be a non-empty string of at most 255 characters without control characters, not "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"',
            },
        ],
    ],
    [
        "a thumbprint that is no SHA-1",
        (s) => (h0(s).sslThumbprint = "xyz"),
        [
            {
                path: "vcenters[0].clusters[0].hosts[0].sslThumbprint",
                reason: 'sslThumbprint must be the SHA-1 thumbprint of the host\'s certificate, 20 hex bytes separated by colons (AB:12:…), not "xyz"',
            },
        ],
    ],
    [
        "a thumbprint of 19 bytes",
        (s) => (h0(s).sslThumbprint = Array(19).fill("AB").join(":")),
        [
            {
                path: "vcenters[0].clusters[0].hosts[0].sslThumbprint",
                reason: 'sslThumbprint must be the SHA-1 thumbprint of the host\'s certificate, 20 hex bytes separated by colons (AB:12:…), not "AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB"',
            },
        ],
    ],
    [
        "an empty host username",
        (s) => (h0(s).username = ""),
        [
            {
                path: "vcenters[0].clusters[0].hosts[0].username",
                reason: 'username must be a non-empty string of at most 255 characters without control characters, not ""',
            },
        ],
    ],
    [
        "a DRS automation level vSphere lacks",
        (s) => (c0(s).drs.automationLevel = "always"),
        [
            {
                path: "vcenters[0].clusters[0].drs.automationLevel",
                reason: 'drs.automationLevel must be one of "manual", "partiallyAutomated", "fullyAutomated", not "always"',
            },
        ],
    ],
    [
        "a DRS migration threshold of 6",
        (s) => (c0(s).drs.migrationThreshold = 6),
        [
            {
                path: "vcenters[0].clusters[0].drs.migrationThreshold",
                reason: "drs.migrationThreshold must be an integer from 1 to 5, not 6",
            },
        ],
    ],
    [
        "a DRS field that does not exist",
        (s) => (c0(s).drs.mode = "auto"),
        [
            {
                path: "vcenters[0].clusters[0].drs.mode",
                reason: 'drs has an unknown field "mode": it takes enabled, automationLevel, migrationThreshold',
            },
        ],
    ],
    [
        "DRS settings that are not an object",
        (s) => (c0(s).drs = true),
        [
            {
                path: "vcenters[0].clusters[0].drs",
                reason: "drs must be an object with enabled, automationLevel, migrationThreshold, not true",
            },
        ],
    ],
    [
        "an HA host monitoring vSphere lacks",
        (s) => (c0(s).ha = { hostMonitoring: "on" }),
        [
            {
                path: "vcenters[0].clusters[0].ha.hostMonitoring",
                reason: 'ha.hostMonitoring must be one of "enabled", "disabled", not "on"',
            },
        ],
    ],
    [
        "an HA enabled that is not a boolean",
        (s) => (c0(s).ha = { enabled: "yes" }),
        [{ path: "vcenters[0].clusters[0].ha.enabled", reason: 'ha.enabled must be true or false, not "yes"' }],
    ],
    [
        "a datastore name with an escaped backslash",
        (s) => (v(s).datastores[1].name = "vmfs%5c\\1"),
        [
            {
                path: "vcenters[0].volumes.datastoreRegex",
                reason: "/^vmfs-volumes-/ matches no declared datastore (declared: nfs-images, vmfs%5c\\1)",
            },
            {
                path: "vcenters[0].datastores[1].name",
                reason: 'name must not contain "/", "\\" or "%" (vCenter keeps them escaped as %2f, %5c and %25), not "vmfs%5c\\\\1"',
            },
        ],
    ],
    [
        "a datastore name with a slash",
        (s) => (v(s).datastores[1].name = "vmfs/1"),
        [
            {
                path: "vcenters[0].volumes.datastoreRegex",
                reason: "/^vmfs-volumes-/ matches no declared datastore (declared: nfs-images, vmfs/1)",
            },
            {
                path: "vcenters[0].datastores[1].name",
                reason: 'name must not contain "/", "\\" or "%" (vCenter keeps them escaped as %2f, %5c and %25), not "vmfs/1"',
            },
        ],
    ],
    [
        "a datastore name with a control character",
        (s) => (v(s).datastores[1].name = "vmfs\t1"),
        [
            {
                path: "vcenters[0].volumes.datastoreRegex",
                reason: "/^vmfs-volumes-/ matches no declared datastore (declared: nfs-images, vmfs\t1)",
            },
            {
                path: "vcenters[0].datastores[1].name",
                reason: 'name must be a non-empty string of at most 80 characters without control characters, not "vmfs\\t1"',
            },
        ],
    ],
    [
        "datastores as a string",
        (s) => (v(s).datastores = "nfs-images"),
        [
            {
                path: "vcenters[0].datastores",
                reason: 'must be a list of datastores {name, nfs | vmfs}, not "nfs-images"',
            },
            {
                path: "vcenters[0].imageStore.datastore",
                reason: '"nfs-images" is not a declared datastore (declared: none)',
            },
            {
                path: "vcenters[0].volumes.datastoreRegex",
                reason: "/^vmfs-volumes-/ matches no declared datastore (declared: none)",
            },
        ],
    ],
    [
        "an NFS server that is no host name",
        (s) => (nfs(s).remoteHosts = ["nfs lab!"]),
        [
            {
                path: "vcenters[0].datastores[0].nfs.remoteHosts[0]",
                reason: 'remoteHosts[0] must be a DNS name or IP address such as nfs.example.com, not "nfs lab!"',
            },
        ],
    ],
    [
        "two NFS servers for NFS 3",
        (s) => (nfs(s).remoteHosts = ["nfs-1.lab", "nfs-2.lab"]),
        [
            {
                path: "vcenters[0].datastores[0].nfs.remoteHosts",
                reason: 'remoteHosts takes one server for NFS 3, not 2: set type "NFS41" for several',
            },
        ],
    ],
    [
        "no NFS server",
        (s) => (nfs(s).remoteHosts = []),
        [
            {
                path: "vcenters[0].datastores[0].nfs.remoteHosts",
                reason: "remoteHosts needs the NFS server: one for NFS, one or more for NFS41",
            },
        ],
    ],
    [
        "an empty NFS server",
        (s) => (nfs(s).remoteHosts = [""]),
        [
            {
                path: "vcenters[0].datastores[0].nfs.remoteHosts[0]",
                reason: 'remoteHosts[0] must be a non-empty string, not ""',
            },
        ],
    ],
    [
        "an NFS export that is a relative path",
        (s) => (nfs(s).remotePath = "export/images"),
        [
            {
                path: "vcenters[0].datastores[0].nfs.remotePath",
                reason: 'remotePath must be an absolute path on the server, not "export/images"',
            },
        ],
    ],
    [
        "an empty VMFS disk",
        (s) => (vmfs(s).disk = ""),
        [
            {
                path: "vcenters[0].datastores[1].vmfs.disk",
                reason: 'disk must be a non-empty string of at most 1024 characters without control characters, not ""',
            },
        ],
    ],
    [
        "a datastore neither NFS nor VMFS",
        (s) => delete v(s).datastores[0].nfs,
        [
            {
                path: "vcenters[0].datastores[0]",
                reason: "set exactly one of nfs {remoteHosts, remotePath} and vmfs {host, disk}",
            },
        ],
    ],
    [
        "a switch version vCenter does not offer",
        (s) => (sw(s).version = "7.0.1"),
        [
            {
                path: "vcenters[0].switch.version",
                reason: 'version must be one of "7.0.0", "7.0.2", "7.0.3", "8.0.0", "8.0.3", not "7.0.1"',
            },
        ],
    ],
    [
        "a 6.x switch version vCenter 8 cannot create",
        (s) => (sw(s).version = "6.6.0"),
        [
            {
                path: "vcenters[0].switch.version",
                reason: 'version must be one of "7.0.0", "7.0.2", "7.0.3", "8.0.0", "8.0.3", not "6.6.0"',
            },
        ],
    ],
    [
        "a switch version that is no version",
        (s) => (sw(s).version = "latest"),
        [
            {
                path: "vcenters[0].switch.version",
                reason: 'version must be one of "7.0.0", "7.0.2", "7.0.3", "8.0.0", "8.0.3", not "latest"',
            },
        ],
    ],
    [
        "a switch MTU above 9000",
        (s) => (sw(s).mtu = 9001),
        [{ path: "vcenters[0].switch.mtu", reason: "mtu must be an integer from 1280 to 9000, not 9001" }],
    ],
    [
        "a switch MTU below 1280",
        (s) => (sw(s).mtu = 1000),
        [
            {
                path: "networks[0].mtu",
                reason: 'MTU 1500 exceeds the MTU of switch "dvs-openstack" of vCenter "vc1" (1000)',
            },
            { path: "vcenters[0].switch.mtu", reason: "mtu must be an integer from 1280 to 9000, not 1000" },
        ],
    ],
    [
        "a switch name with a slash",
        (s) => (sw(s).name = "dvs/openstack"),
        [
            {
                path: "vcenters[0].switch.name",
                reason: 'name must not contain "/", "\\" or "%" (vCenter keeps them escaped as %2f, %5c and %25), not "dvs/openstack"',
            },
        ],
    ],
    [
        "an empty switch name",
        (s) => (sw(s).name = ""),
        [
            {
                path: "vcenters[0].switch.name",
                reason: 'name must be a non-empty string of at most 80 characters without control characters, not ""',
            },
        ],
    ],
    [
        "uplink names used twice",
        (s) => (sw(s).uplinks = ["uplink1", "uplink1"]),
        [
            {
                path: "vcenters[0].switch.uplinks",
                reason: "uplinks lists uplink1 more than once: uplink names are unique",
            },
        ],
    ],
    [
        "no uplinks",
        (s) => (sw(s).uplinks = []),
        [{ path: "vcenters[0].switch.uplinks", reason: "uplinks must name at least one uplink" }],
    ],
    [
        "an empty host NIC name",
        (s) => (sw(s).hostNics = [""]),
        [{ path: "vcenters[0].switch.hostNics", reason: 'must be a non-empty list of NIC names such as "vmnic1"' }],
    ],
    [
        "a port group name with a control character",
        (s) => (s.network.portGroup = "br\u0001int"),
        [
            {
                path: "network.portGroup",
                reason: 'portGroup must be a non-empty string of at most 80 characters without control characters, not "br\\u0001int"',
            },
        ],
    ],
    [
        "a port group name with a slash",
        (s) => (s.network.portGroup = "br/int"),
        [
            {
                path: "network.portGroup",
                reason: 'portGroup must not contain "/", "\\" or "%" (vCenter keeps them escaped as %2f, %5c and %25), not "br/int"',
            },
        ],
    ],
    [
        "an empty physical network",
        (s) => (s.network.physicalNetwork = ""),
        [
            {
                path: "network.physicalNetwork",
                reason: 'physicalNetwork must be a non-empty string of at most 64 characters without control characters, not ""',
            },
        ],
    ],
    [
        "a physical network of 65 characters",
        (s) => (s.network.physicalNetwork = "p".repeat(65)),
        [
            {
                path: "network.physicalNetwork",
                reason: 'physicalNetwork must be a non-empty string of at most 64 characters without control characters, not "ppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp"',
            },
        ],
    ],
    [
        "a VLAN range above 4094",
        (s) => (s.network.vlanRange = { min: 100, max: 5000 }),
        [
            {
                path: "network.vlanRange",
                reason: 'must be {min, max} with 1 <= min <= max <= 4094, not {"min":100,"max":5000}',
            },
        ],
    ],
    [
        "a network VLAN of 0",
        (s) => (s.networks[0].vlan = 0),
        [{ path: "networks[0].vlan", reason: "VLAN 0 is outside the VLAN range 100-2000 that br-int trunks" }],
    ],
    [
        "an empty network name",
        (s) => (s.networks[1].name = ""),
        [
            {
                path: "networks[1].name",
                reason: 'name must be a non-empty string of at most 255 characters without control characters, not ""',
            },
        ],
    ],
    [
        "a network MTU below 68",
        (s) => (s.networks[0].mtu = 67),
        [{ path: "networks[0].mtu", reason: "mtu must be an integer from 68 to 9216, not 67" }],
    ],
    [
        "a shared that is not a boolean",
        (s) => (s.networks[0].shared = "yes"),
        [{ path: "networks[0].shared", reason: 'shared must be true or false, not "yes"' }],
    ],
    [
        "networks as a string",
        (s) => (s.networks = "tenant-a"),
        [{ path: "networks", reason: 'must be a list of networks {name, vlan, subnets, …}, not "tenant-a"' }],
    ],
    [
        "subnets as a string",
        (s) => (s.networks[0].subnets = "10.20.0.0/24"),
        [
            {
                path: "networks[0].subnets",
                reason: 'must be a list of subnets {cidr, gateway, pools, dns, …}, not "10.20.0.0/24"',
            },
        ],
    ],
    [
        "a subnet CIDR with a prefix of 33",
        (s) => (sub(s).cidr = "10.20.0.0/33"),
        [
            {
                path: "networks[0].subnets[0].cidr",
                reason: 'cidr must be an IPv4 or IPv6 network in CIDR notation, such as 192.0.2.0/24 or 2001:db8::/64, not "10.20.0.0/33"',
            },
        ],
    ],
    [
        "a gateway outside the subnet",
        (s) => (sub(s).gateway = "10.30.0.1"),
        [
            {
                path: "networks[0].subnets[0].gateway",
                reason: "gateway 10.30.0.1 must be an address of cidr 10.20.0.0/24 from 10.20.0.1 to 10.20.0.254 (not its network or broadcast address)",
            },
        ],
    ],
    [
        "a pool that starts after its end",
        (s) => (sub(s).pools = [{ start: "10.20.0.100", end: "10.20.0.10" }]),
        [
            {
                path: "networks[0].subnets[0].pools[0]",
                reason: "pools[0] must start at or before its end: start 10.20.0.100 is after end 10.20.0.10",
            },
        ],
    ],
    [
        "a pool outside the subnet",
        (s) => (sub(s).pools = [{ start: "10.30.0.10", end: "10.30.0.20" }]),
        [
            {
                path: "networks[0].subnets[0].pools[0]",
                reason: "pools[0] (10.30.0.10 to 10.30.0.20) must lie within cidr 10.20.0.0/24, from 10.20.0.1 to 10.20.0.254 (the network and broadcast addresses cannot be allocated)",
            },
        ],
    ],
    [
        "a pool holding the gateway",
        (s) => (sub(s).pools = [{ start: "10.20.0.1", end: "10.20.0.20" }]),
        [
            {
                path: "networks[0].subnets[0].gateway",
                reason: "gateway 10.20.0.1 lies in pools[0] (10.20.0.1 to 10.20.0.20): the gateway must be outside the pools",
            },
        ],
    ],
    [
        "a DNS server that is no address",
        (s) => (sub(s).dns = ["dns.lab"]),
        [
            {
                path: "networks[0].subnets[0].dns[0]",
                reason: 'dns[0] must be an IPv4 address (the family of cidr), not "dns.lab"',
            },
        ],
    ],
    [
        "a DHCP that is not a boolean",
        (s) => (sub(s).dhcp = "yes"),
        [{ path: "networks[0].subnets[0].dhcp", reason: 'dhcp must be true or false, not "yes"' }],
    ],
    [
        "flavor RAM that is no multiple of 4 MiB",
        (s) => (fl(s).ramMb = 1023),
        [
            {
                path: "flavors[0].ramMb",
                reason: "ramMb must be a multiple of 4 MiB (the VMware driver needs it), not 1023",
            },
        ],
    ],
    [
        "a flavor with no vCPUs",
        (s) => (fl(s).vcpus = 0),
        [{ path: "flavors[0].vcpus", reason: "vcpus must be an integer from 1 to 2147483647, not 0" }],
    ],
    [
        "a flavor with a negative disk",
        (s) => (fl(s).diskGb = -1),
        [{ path: "flavors[0].diskGb", reason: "diskGb must be an integer from 0 to 2147483647, not -1" }],
    ],
    [
        "a flavor without RAM",
        (s) => delete fl(s).ramMb,
        [{ path: "flavors[0].ramMb", reason: "ramMb is required: an integer from 4 to 2147483647" }],
    ],
    [
        "a flavor's CPU sockets that do not divide its vCPUs",
        (s) => (fl(s).extraSpecs = { "hw:cpu_sockets": "3" }),
        [
            {
                path: "flavors[0].extraSpecs",
                reason: "the CPU topology (sockets 3) does not fit vcpus 2: vcpus must be a multiple of it",
            },
        ],
    ],
    [
        "projects on a public flavor",
        (s) => (fl(s).projects = ["demo"]),
        [
            {
                path: "flavors[0].projects",
                reason: "projects grants access to a private flavor: set isPublic to false, or remove projects",
            },
        ],
    ],
    [
        "a flavor entry that is null",
        (s) => (s.flavors = [null]),
        [{ path: "flavors[0]", reason: "must be one of flavors {name, vcpus, ramMb, diskGb, …}, an object, not null" }],
    ],
    [
        "a volume folder with a slash",
        (s) => (v(s).volumes.folder = "cinder/volumes"),
        [
            {
                path: "vcenters[0].volumes.folder",
                reason: 'folder must not contain "/", "\\" or "%" (vCenter keeps them escaped as %2f, %5c and %25), not "cinder/volumes"',
            },
        ],
    ],
    [
        "an image folder with a leading slash",
        (s) => (v(s).imageStore.folder = "/images"),
        [
            {
                path: "vcenters[0].imageStore.folder",
                reason: 'folder is relative to the datastore\'s root: no leading /, e.g. "openstack_glance" or "images/glance"; not "/images"',
            },
        ],
    ],
    [
        "an image folder with a wildcard",
        (s) => (v(s).imageStore.folder = "images*"),
        [
            {
                path: "vcenters[0].imageStore.folder",
                reason: 'folder may not contain "\\", "*", "?", "[" or "]", e.g. "openstack_glance" or "images/glance"; not "images*"',
            },
        ],
    ],
    [
        "vcenters as an object",
        (s) => (s.vcenters = { name: "vc1" }),
        [
            {
                path: "vcenters",
                reason: 'must be a list of vCenters {name, datacenter, clusters, …}, not {"name":"vc1"}',
            },
        ],
    ],
    ["no vCenters", (s) => (s.vcenters = []), [{ path: "vcenters", reason: "at least one vCenter is required" }]],
];

/** A valid input of each resource kind, which each case changes. */
export const RESOURCE_BASE = {
    Datacenter: { name: "dc-1" },
    ComputeCluster: { datacenterId: "datacenter-2", name: "compute-1" },
    Host: { clusterId: "domain-c8", hostname: "esx-1.lab", password: "host-pw" },
    NasDatastore: { hostIds: ["host-21"], name: "nfs-1", remoteHosts: ["nfs.lab"], remotePath: "/export/os" },
    VmfsDatastore: { hostId: "host-21", disk: "naa.6000c29000000000000000000000001", name: "vmfs-1" },
    DatastoreFolder: { datastoreId: "datastore-31", path: "openstack_glance" },
    DistributedSwitch: { datacenterId: "datacenter-2", name: "dvs-1" },
    DistributedPortGroup: { switchId: "dvs-21", name: "br-int", vlan: { trunk: [{ min: 100, max: 199 }] } },
    ProviderNetwork: { name: "provider-100", physicalNetwork: "physnet1", segmentationId: 100 },
    Subnet: { networkId: "0b5c5a4e-1f0e-4c55-9d3e-6f8b2a1c7d90", name: "s-1", cidr: "10.0.0.0/24" },
    Flavor: { name: "m1.small", vcpus: 1, ramMb: 2048, diskGb: 20 },
};

/** Each case: a resource kind, a change to its valid input, and exactly the failures its check gives. */
export const RESOURCE_CASES: [
    string,
    keyof typeof RESOURCE_BASE,
    Record<string, unknown>,
    { property: string; reason: string }[],
][] = [
    [
        "a datacenter name with a control character",
        "Datacenter",
        { name: "dc\u0007" },
        [
            {
                property: "name",
                reason: 'name must be a non-empty string of at most 80 characters without control characters, not "dc\\u0007"',
            },
        ],
    ],
    [
        "a datacenter name with a backslash",
        "Datacenter",
        { name: "dc\\1" },
        [
            {
                property: "name",
                reason: 'name must not contain "/", "\\" or "%" (vCenter keeps them escaped as %2f, %5c and %25), not "dc\\\\1"',
            },
        ],
    ],
    [
        "a datacenter folder that is not a string",
        "Datacenter",
        { folder: 3 },
        [{ property: "folder", reason: "folder must be a string of at most 65535 characters, not 3" }],
    ],
    [
        "a connection the stack config does not have",
        "Datacenter",
        { connection: "elsewhere" },
        [
            {
                property: "connection",
                reason: 'the vCenter connection "elsewhere" is not configured: add it to the stack config "vsphere-openstack:connections" ({server, user, password (secret), caFile, allowUnverifiedSsl}); configured connections: "lab"',
            },
        ],
    ],
    [
        "an adopt that is not a boolean",
        "Datacenter",
        { adopt: "yes" },
        [{ property: "adopt", reason: 'adopt must be true or false, not "yes"' }],
    ],
    [
        "a cluster name with a slash",
        "ComputeCluster",
        { name: "a/c1" },
        [
            {
                property: "name",
                reason: 'name must not contain "/", "\\" or "%" (vCenter keeps them escaped as %2f, %5c and %25), not "a/c1"',
            },
        ],
    ],
    [
        "a cluster without a datacenter",
        "ComputeCluster",
        { datacenterId: undefined },
        [{ property: "datacenterId", reason: "datacenterId is required: a non-empty string of at most 80 characters" }],
    ],
    [
        "a cluster's DRS threshold of 0",
        "ComputeCluster",
        { drs: { migrationThreshold: 0 } },
        [
            {
                property: "drs.migrationThreshold",
                reason: "drs.migrationThreshold must be an integer from 1 to 5, not 0",
            },
        ],
    ],
    [
        "a cluster's HA that is a list",
        "ComputeCluster",
        { ha: [] },
        [
            {
                property: "ha",
                reason: "ha must be an object with enabled, admissionControlEnabled, hostMonitoring, not []",
            },
        ],
    ],
    [
        "a host name with a space",
        "Host",
        { hostname: "esx 1!" },
        [
            {
                property: "hostname",
                reason: 'hostname must be a DNS name or IP address such as esx-01.example.com, not "esx 1!"',
            },
        ],
    ],
    [
        "a host without a password",
        "Host",
        { password: undefined },
        [{ property: "password", reason: "password is required: the password of root on the host" }],
    ],
    [
        "a host with an empty password",
        "Host",
        { password: "" },
        [{ property: "password", reason: "password must be a non-empty string" }],
    ],
    [
        "a host thumbprint that is no SHA-1",
        "Host",
        { sslThumbprint: "xyz" },
        [
            {
                property: "sslThumbprint",
                reason: 'sslThumbprint must be the SHA-1 thumbprint of the host\'s certificate, 20 hex bytes separated by colons (AB:12:…), not "xyz"',
            },
        ],
    ],
    [
        "a host maintenance mode that is not a boolean",
        "Host",
        { maintenanceMode: 1 },
        [{ property: "maintenanceMode", reason: "maintenanceMode must be true or false, not 1" }],
    ],
    [
        "an NFS datastore name with %5c and a backslash",
        "NasDatastore",
        { name: "nfs%5c\\" },
        [
            {
                property: "name",
                reason: 'name must not contain "/", "\\" or "%" (vCenter keeps them escaped as %2f, %5c and %25), not "nfs%5c\\\\"',
            },
        ],
    ],
    [
        "an NFS server that is no host name",
        "NasDatastore",
        { remoteHosts: ["nfs lab!"] },
        [
            {
                property: "remoteHosts[0]",
                reason: 'remoteHosts[0] must be a DNS name or IP address such as nfs.example.com, not "nfs lab!"',
            },
        ],
    ],
    [
        "two NFS servers for NFS 3",
        "NasDatastore",
        { remoteHosts: ["nfs-1.lab", "nfs-2.lab"] },
        [
            {
                property: "remoteHosts",
                reason: 'remoteHosts takes one server for NFS 3, not 2: set type "NFS41" for several',
            },
        ],
    ],
    [
        "an NFS type that does not exist",
        "NasDatastore",
        { type: "NFS4" },
        [{ property: "type", reason: 'type must be one of "NFS", "NFS41", not "NFS4"' }],
    ],
    [
        "an NFS access mode that does not exist",
        "NasDatastore",
        { accessMode: "rw" },
        [{ property: "accessMode", reason: 'accessMode must be one of "readWrite", "readOnly", not "rw"' }],
    ],
    [
        "an NFS datastore on no host",
        "NasDatastore",
        { hostIds: [] },
        [{ property: "hostIds", reason: "hostIds needs at least one host MOID" }],
    ],
    [
        "a VMFS datastore on an empty disk name",
        "VmfsDatastore",
        { disk: "" },
        [
            {
                property: "disk",
                reason: 'disk must be a non-empty string of at most 1024 characters without control characters, not ""',
            },
        ],
    ],
    [
        "a VMFS datastore name of 81 characters",
        "VmfsDatastore",
        { name: "v".repeat(81) },
        [
            {
                property: "name",
                reason: 'name must be a non-empty string of at most 80 characters without control characters, not "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv"',
            },
        ],
    ],
    [
        "a folder path with ..",
        "DatastoreFolder",
        { path: "images/../x" },
        [
            {
                property: "path",
                reason: 'path has an empty, "." or ".." element, e.g. "openstack_glance" or "images/glance"; not "images/../x"',
            },
        ],
    ],
    [
        "a folder on a datastore URL instead of a MOID",
        "DatastoreFolder",
        { datastoreId: "ds:///vmfs/volumes/31/" },
        [
            {
                property: "datastoreId",
                reason: 'datastoreId must be a datastore MOID such as "datastore-31", not "ds:///vmfs/volumes/31/"',
            },
        ],
    ],
    [
        "a switch version vCenter does not offer",
        "DistributedSwitch",
        { version: "7.0.1" },
        [
            {
                property: "version",
                reason: 'version must be one of "7.0.0", "7.0.2", "7.0.3", "8.0.0", "8.0.3", not "7.0.1"',
            },
        ],
    ],
    [
        "a switch MTU of 9216",
        "DistributedSwitch",
        { mtu: 9216 },
        [{ property: "mtu", reason: "mtu must be an integer from 1280 to 9000, not 9216" }],
    ],
    [
        "a switch host with more NICs than uplinks",
        "DistributedSwitch",
        { uplinks: ["u1"], hosts: [{ hostId: "host-21", nics: ["vmnic1", "vmnic2"] }] },
        [
            {
                property: "hosts[0].nics",
                reason: "hosts[0].nics gives 2 NICs but the switch has 1 uplinks: one NIC per uplink at most",
            },
        ],
    ],
    [
        "an empty switch description",
        "DistributedSwitch",
        { description: "" },
        [
            {
                property: "description",
                reason: "description cannot be empty: the vSphere API reads an empty description as unchanged; omit it to leave vCenter's as it is",
            },
        ],
    ],
    [
        "a port group name with a control character",
        "DistributedPortGroup",
        { name: "br\u0001int" },
        [
            {
                property: "name",
                reason: 'name must be a non-empty string of at most 80 characters without control characters, not "br\\u0001int"',
            },
        ],
    ],
    [
        "a port group VLAN of 4095",
        "DistributedPortGroup",
        { vlan: { id: 4095 } },
        [{ property: "vlan.id", reason: "vlan.id must be an integer from 0 to 4094, not 4095" }],
    ],
    [
        "a port group trunk that runs down",
        "DistributedPortGroup",
        { vlan: { trunk: [{ min: 200, max: 100 }] } },
        [{ property: "vlan.trunk[0]", reason: "vlan.trunk[0] runs from 200 down to 100: min must not be above max" }],
    ],
    [
        "ports on an ephemeral port group",
        "DistributedPortGroup",
        { binding: "ephemeral", ports: 8 },
        [
            {
                property: "ports",
                reason: 'ports is for earlyBinding port groups: an ephemeral port group creates a port for each connection; remove ports or set binding: "earlyBinding"',
            },
        ],
    ],
    [
        "a port group security flag that does not exist",
        "DistributedPortGroup",
        { security: { allowAll: true } },
        [
            {
                property: "security.allowAll",
                reason: 'security has an unknown field "allowAll": it takes allowPromiscuous, allowForgedTransmits and allowMacChanges',
            },
        ],
    ],
    [
        "an empty physical network",
        "ProviderNetwork",
        { physicalNetwork: "" },
        [
            {
                property: "physicalNetwork",
                reason: 'physicalNetwork must be a non-empty string of at most 64 characters without control characters, not ""',
            },
        ],
    ],
    [
        "a network type that does not exist",
        "ProviderNetwork",
        { networkType: "vxlan" },
        [{ property: "networkType", reason: 'networkType must be one of "vlan", "flat", not "vxlan"' }],
    ],
    [
        "a segmentation id on a flat network",
        "ProviderNetwork",
        { networkType: "flat" },
        [
            {
                property: "segmentationId",
                reason: 'segmentationId is only for VLAN networks: a flat network carries untagged traffic; remove it or set networkType: "vlan"',
            },
        ],
    ],
    [
        "a segmentation id of 4095",
        "ProviderNetwork",
        { segmentationId: 4095 },
        [{ property: "segmentationId", reason: "segmentationId must be an integer from 1 to 4094, not 4095" }],
    ],
    [
        "a subnet CIDR that is no network",
        "Subnet",
        { cidr: "10.0.0.0" },
        [
            {
                property: "cidr",
                reason: 'cidr must be an IPv4 or IPv6 network in CIDR notation, such as 192.0.2.0/24 or 2001:db8::/64, not "10.0.0.0"',
            },
        ],
    ],
    [
        "a subnet pool that starts after its end",
        "Subnet",
        { allocationPools: [{ start: "10.0.0.20", end: "10.0.0.10" }] },
        [
            {
                property: "allocationPools[0]",
                reason: "allocationPools[0] must start at or before its end: start 10.0.0.20 is after end 10.0.0.10",
            },
        ],
    ],
    [
        "a subnet gateway in its pool",
        "Subnet",
        { gatewayIp: "10.0.0.5", allocationPools: [{ start: "10.0.0.2", end: "10.0.0.9" }] },
        [
            {
                property: "gatewayIp",
                reason: "gatewayIp 10.0.0.5 lies in allocationPools[0] (10.0.0.2 to 10.0.0.9): the gateway must be outside the pools",
            },
        ],
    ],
    [
        "a subnet DNS server of the other family",
        "Subnet",
        { dnsNameservers: ["2001:db8::53"] },
        [
            {
                property: "dnsNameservers[0]",
                reason: 'dnsNameservers[0] must be an IPv4 address (the family of cidr), not "2001:db8::53"',
            },
        ],
    ],
    [
        "a flavor RAM of 1 MiB",
        "Flavor",
        { ramMb: 1 },
        [
            { property: "ramMb", reason: "ramMb must be an integer from 4 to 2147483647, not 1" },
            { property: "ramMb", reason: "ramMb must be a multiple of 4 MiB (the VMware driver needs it), not 1" },
        ],
    ],
    [
        "a flavor swap that is not an integer",
        "Flavor",
        { swapMb: 1.5 },
        [{ property: "swapMb", reason: "swapMb must be an integer from 0 to 2147483647, not 1.5" }],
    ],
    [
        "a flavor extra spec that is not a string",
        "Flavor",
        { extraSpecs: { "hw:cpu_sockets": 2 } },
        [{ property: "extraSpecs.hw:cpu_sockets", reason: 'extraSpecs["hw:cpu_sockets"] must be a string, not 2' }],
    ],
    [
        "a flavor rxtx factor of 0",
        "Flavor",
        { rxtxFactor: 0 },
        [{ property: "rxtxFactor", reason: "rxtxFactor must be a number from 5e-324 to 3.4e+38, not 0" }],
    ],
];

const vc = (c: C) => c["vsphere-openstack:vcenters"][0];

/** Each case: a change to the example stack file's config, and exactly the failures the program names. */
export const CONFIG_CASES: [string, (c: C) => void, { path: string; reason: string }[]][] = [
    [
        "hosts as a string",
        (c) => (vc(c).clusters[0].hosts = "esx-1"),
        [
            {
                path: "vsphere-openstack:vcenters[0].clusters[0].hosts",
                reason: 'must be a list of HostSpec, not a string "esx-1"',
            },
        ],
    ],
    [
        "vcenters as a map",
        (c) => (c["vsphere-openstack:vcenters"] = { name: "lab" }),
        [
            {
                path: "vsphere-openstack:vcenters",
                reason: 'must be a list of VCenterSpec, not a map of fields {"name":"lab"}',
            },
        ],
    ],
    [
        "vcenters as a bare string",
        (c) => (c["vsphere-openstack:vcenters"] = "lab"),
        [{ path: "vsphere-openstack:vcenters", reason: 'must be a list of VCenterSpec, not a string "lab"' }],
    ],
    [
        "no vcenters",
        (c) => delete c["vsphere-openstack:vcenters"],
        [{ path: "vsphere-openstack:vcenters", reason: "is required" }],
    ],
    [
        "no network",
        (c) => delete c["vsphere-openstack:network"],
        [{ path: "vsphere-openstack:network", reason: "is required" }],
    ],
    [
        "networks as a map",
        (c) => (c["vsphere-openstack:networks"] = { name: "n" }),
        [
            {
                path: "vsphere-openstack:networks",
                reason: 'must be a list of NetworkSpec, not a map of fields {"name":"n"}',
            },
        ],
    ],
    [
        "flavors as a string",
        (c) => (c["vsphere-openstack:flavors"] = "m1.small"),
        [{ path: "vsphere-openstack:flavors", reason: 'must be a list of FlavorSpec, not a string "m1.small"' }],
    ],
    [
        "a misspelt network key",
        (c) => (c["vsphere-openstack:network"].vlan_range = { min: 1, max: 2 }),
        [
            {
                path: "vsphere-openstack:network.vlan_range",
                reason: "is not a field here: it takes physicalNetwork, portGroup, vlanRange",
            },
        ],
    ],
    [
        "a vCenter field that does not exist",
        (c) => (vc(c).cluster = []),
        [
            {
                path: "vsphere-openstack:vcenters[0].cluster",
                reason: "is not a field here: it takes name, datacenter, clusters, datastores, imageStore, volumes, switch",
            },
        ],
    ],
    [
        "a vCenter without a datacenter",
        (c) => delete vc(c).datacenter,
        [{ path: "vsphere-openstack:vcenters[0].datacenter", reason: "is required" }],
    ],
    [
        "a cluster without hosts",
        (c) => delete vc(c).clusters[1].hosts,
        [{ path: "vsphere-openstack:vcenters[0].clusters[1].hosts", reason: "is required" }],
    ],
    [
        "a host that is a string",
        (c) => (vc(c).clusters[1].hosts = ["esx-b1.example.lab"]),
        [
            {
                path: "vsphere-openstack:vcenters[0].clusters[1].hosts[0]",
                reason: 'must be a map of fields, not a string "esx-b1.example.lab"',
            },
        ],
    ],
    [
        "a hostname that is a number",
        (c) => (vc(c).clusters[1].hosts[0].hostname = 10),
        [
            {
                path: "vsphere-openstack:vcenters[0].clusters[1].hosts[0].hostname",
                reason: "must be a string, not a number 10",
            },
        ],
    ],
    [
        "a DRS level outside its enumeration",
        (c) => (vc(c).clusters[0].drs.automationLevel = "always"),
        [
            {
                path: "vsphere-openstack:vcenters[0].clusters[0].drs.automationLevel",
                reason: 'must be one of "manual", "partiallyAutomated", "fullyAutomated", not "always"',
            },
        ],
    ],
    [
        "a DRS enabled as text",
        (c) => (vc(c).clusters[0].drs.enabled = "yes"),
        [
            {
                path: "vsphere-openstack:vcenters[0].clusters[0].drs.enabled",
                reason: 'must be true or false, not a string "yes"',
            },
        ],
    ],
    [
        "an HA monitoring outside its enumeration",
        (c) => (vc(c).clusters[0].ha.hostMonitoring = "on"),
        [
            {
                path: "vsphere-openstack:vcenters[0].clusters[0].ha.hostMonitoring",
                reason: 'must be one of "enabled", "disabled", not "on"',
            },
        ],
    ],
    [
        "an NFS server list that is a string",
        (c) => (vc(c).datastores[0].nfs.remoteHosts = "nfs.lab"),
        [
            {
                path: "vsphere-openstack:vcenters[0].datastores[0].nfs.remoteHosts",
                reason: 'must be a list of strings, not a string "nfs.lab"',
            },
        ],
    ],
    [
        "an NFS datastore without its export",
        (c) => delete vc(c).datastores[0].nfs.remotePath,
        [{ path: "vsphere-openstack:vcenters[0].datastores[0].nfs.remotePath", reason: "is required" }],
    ],
    [
        "a switch MTU as text",
        (c) => (vc(c).switch.mtu = "9000"),
        [{ path: "vsphere-openstack:vcenters[0].switch.mtu", reason: 'must be a number, not a string "9000"' }],
    ],
    [
        "a switch without a name",
        (c) => delete vc(c).switch.name,
        [{ path: "vsphere-openstack:vcenters[0].switch.name", reason: "is required" }],
    ],
    [
        "host NICs as a string",
        (c) => (vc(c).switch.hostNics = "vmnic1"),
        [
            {
                path: "vsphere-openstack:vcenters[0].switch.hostNics",
                reason: 'must be a list of strings, not a string "vmnic1"',
            },
        ],
    ],
    [
        "a VLAN range without max",
        (c) => delete c["vsphere-openstack:network"].vlanRange.max,
        [{ path: "vsphere-openstack:network.vlanRange.max", reason: "is required" }],
    ],
    [
        "a VLAN as text",
        (c) => (c["vsphere-openstack:networks"][0].vlan = "110"),
        [{ path: "vsphere-openstack:networks[0].vlan", reason: 'must be a number, not a string "110"' }],
    ],
    [
        "a subnet without a CIDR",
        (c) => delete c["vsphere-openstack:networks"][0].subnets[0].cidr,
        [{ path: "vsphere-openstack:networks[0].subnets[0].cidr", reason: "is required" }],
    ],
    [
        "DNS servers as a string",
        (c) => (c["vsphere-openstack:networks"][0].subnets[0].dns = "10.110.0.53"),
        [
            {
                path: "vsphere-openstack:networks[0].subnets[0].dns",
                reason: 'must be a list of strings, not a string "10.110.0.53"',
            },
        ],
    ],
    [
        "a flavor without vCPUs",
        (c) => delete c["vsphere-openstack:flavors"][0].vcpus,
        [{ path: "vsphere-openstack:flavors[0].vcpus", reason: "is required" }],
    ],
    [
        "flavor extra specs as a list",
        (c) => (c["vsphere-openstack:flavors"][1].extraSpecs = ["vmx-13"]),
        [{ path: "vsphere-openstack:flavors[1].extraSpecs", reason: 'must be a map of fields, not a list ["vmx-13"]' }],
    ],
    [
        "a connection without a user",
        (c) => (c["vsphere-openstack:connections"] = { lab: { server: "vc.lab", password: "pw" } }),
        [{ path: "vsphere-openstack:connections.lab.user", reason: "is required" }],
    ],
    [
        "a connection password that is a number, not shown",
        (c) => (c["vsphere-openstack:connections"] = { lab: { server: "vc.lab", user: "u", password: 12345 } }),
        [{ path: "vsphere-openstack:connections.lab.password", reason: "must be a string, not a number" }],
    ],
    [
        "a connection field that does not exist",
        (c) =>
            (c["vsphere-openstack:connections"] = {
                lab: { server: "vc.lab", user: "u", password: "pw", insecure: true },
            }),
        [
            {
                path: "vsphere-openstack:connections.lab.insecure",
                reason: "is not a field here: it takes server, user, password, hostPassword, caFile, allowUnverifiedSsl",
            },
        ],
    ],
];
