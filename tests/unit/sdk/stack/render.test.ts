import * as assert from "node:assert/strict";
import * as ini from "ini";
import { novaComputeHost, renderConfig, type RenderInput, type RenderVCenter } from "../../../../sdk/stack/render";
import { eastVCenter as vcenter2, renderInput as input } from "../../../support/renderInputs";

const PASSWORD = "s3cret-Pa55";
/** The comment above show_image_direct_url. */
const SHOWN_LOCATION = "nova-compute's VMware driver copies an image inside vCenter when it sees its location";

function vcenter1(): RenderVCenter {
    return {
        name: "vc1",
        access: {
            host: "vcenter-1.lab",
            port: 443,
            username: "administrator@vsphere.local",
            password: PASSWORD,
            caFile: "/etc/ssl/vc1-ca.pem",
            insecure: false,
        },
        datacenter: "openstack-dc",
        clusters: [
            { name: "compute-a", id: "domain-c12", hosts: ["esx-01.lab", "esx-02.lab"] },
            { name: "compute-b", id: "domain-c13", hosts: ["esx-03.lab"] },
        ],
        imageStore: { datastore: "nfs-images", folder: "openstack_glance" },
        volumes: { folder: "cinder-volumes", datastoreRegex: "^vmfs-volumes-", lazyCreate: true },
        switchName: "dvs-openstack",
        switchMtu: 9000,
        portGroup: { name: "br-int", id: "dvportgroup-20" },
    };
}

/** ml2_conf.ini of {@link input}, as the `ini` package reads it, with the MTU every switch carries. */
function ml2(mtu: number): object {
    return {
        DEFAULT: { global_physnet_mtu: String(mtu) },
        ml2: { type_drivers: "flat,vlan", tenant_network_types: "vlan", physical_network_mtus: `physnet1:${mtu}` },
        ml2_type_vlan: { network_vlan_ranges: "physnet1:100:2000" },
    };
}

/** The file as the `ini` package reads it, as plain objects (it keeps the last of a repeated key). */
function parse(text: string): unknown {
    return JSON.parse(JSON.stringify(ini.parse(text)));
}

/** The lines of `key` in `[section]`, in order. */
function lines(text: string, section: string, key: string): string[] {
    const start = text.split("\n").indexOf(`[${section}]`);
    assert.notEqual(start, -1, `no section [${section}]`);
    const rest = text.split("\n").slice(start + 1);
    const end = rest.findIndex((l) => l.startsWith("["));
    return rest.slice(0, end === -1 ? undefined : end).filter((l) => l.startsWith(`${key} =`));
}

describe("service configuration rendering", () => {
    describe("one vCenter with two clusters and two networks", () => {
        const rendered = renderConfig(input([vcenter1()]));

        it("names each nova-compute <vcenter>-<cluster>, as a host name", () => {
            assert.equal(novaComputeHost("vc1", "compute-a"), "vc1-compute-a");
            assert.equal(novaComputeHost("vc1", "Compute B"), "vc1-Compute-B");
            assert.equal(novaComputeHost("vc1", 'gold | "fast" #1 <a>'), "vc1-gold-fast-1-a");
            assert.equal(novaComputeHost("site.a", "rack_2."), "site.a-rack_2");
            assert.deepEqual(Object.keys(rendered.novaCompute), ["vc1-compute-a", "vc1-compute-b"]);
        });

        it("gives each nova-compute its cluster, the vCenter, the CA file and its cache prefix", () => {
            for (const cluster of ["compute-a", "compute-b"]) {
                const host = `vc1-${cluster}`;
                assert.deepEqual(parse(rendered.novaCompute[host]), {
                    DEFAULT: { compute_driver: "vmwareapi.VMwareVCDriver", host },
                    vmware: {
                        host_ip: "vcenter-1.lab",
                        host_port: "443",
                        host_username: "administrator@vsphere.local",
                        host_password: PASSWORD,
                        cluster_name: cluster,
                        datastore_regex: "^vmfs-volumes-",
                        ca_file: "/etc/ssl/vc1-ca.pem",
                        insecure: false,
                        api_retry_count: "10",
                        task_poll_interval: "0.5",
                        cache_prefix: host,
                    },
                });
            }
        });

        it("writes nova-compute's options as key = value lines, one section after the other", () => {
            assert.equal(
                rendered.novaCompute["vc1-compute-b"],
                [
                    "[DEFAULT]",
                    "compute_driver = vmwareapi.VMwareVCDriver",
                    "host = vc1-compute-b",
                    "",
                    "[vmware]",
                    "host_ip = vcenter-1.lab",
                    "host_port = 443",
                    "host_username = administrator@vsphere.local",
                    `host_password = ${PASSWORD}`,
                    "cluster_name = compute-b",
                    "datastore_regex = ^vmfs-volumes-",
                    "ca_file = /etc/ssl/vc1-ca.pem",
                    "insecure = false",
                    "api_retry_count = 10",
                    "task_poll_interval = 0.5",
                    "cache_prefix = vc1-compute-b",
                    "",
                ].join("\n"),
            );
        });

        it("gives Cinder one VMDK backend with both clusters", () => {
            assert.deepEqual(parse(rendered.cinder), {
                DEFAULT: { enabled_backends: "vmware-vc1" },
                "vmware-vc1": {
                    volume_driver: "cinder.volume.drivers.vmware.vmdk.VMwareVcVmdkDriver",
                    volume_backend_name: "vmware-vc1",
                    vmware_host_ip: "vcenter-1.lab",
                    vmware_host_port: "443",
                    vmware_host_username: "administrator@vsphere.local",
                    vmware_host_password: PASSWORD,
                    vmware_ca_file: "/etc/ssl/vc1-ca.pem",
                    vmware_insecure: false,
                    vmware_cluster_name: "compute-b",
                    vmware_datastore_regex: "^vmfs-volumes-",
                    vmware_volume_folder: "cinder-volumes",
                    vmware_lazy_create: true,
                    vmware_api_retry_count: "10",
                    vmware_task_poll_interval: "2.0",
                    vmware_host_version: "7.0.3",
                    vmware_enable_volume_stats: true,
                },
            });
            assert.deepEqual(lines(rendered.cinder, "vmware-vc1", "vmware_cluster_name"), [
                "vmware_cluster_name = compute-a",
                "vmware_cluster_name = compute-b",
            ]);
        });

        it("gives Glance the vsphere store on the image datastore", () => {
            assert.deepEqual(Object.keys(rendered.glanceApi), ["vc1"]);
            assert.deepEqual(parse(rendered.glanceApi.vc1), {
                DEFAULT: { show_image_direct_url: true },
                glance_store: {
                    stores: "vmware",
                    default_store: "vsphere",
                    vmware_server_host: "vcenter-1.lab",
                    vmware_server_username: "administrator@vsphere.local",
                    vmware_server_password: PASSWORD,
                    vmware_ca_file: "/etc/ssl/vc1-ca.pem",
                    vmware_insecure: false,
                    vmware_api_retry_count: "10",
                    vmware_task_poll_interval: "5",
                    vmware_store_image_dir: "/openstack_glance",
                    vmware_datastores: "openstack-dc:nfs-images:100",
                },
            });
            assert.deepEqual(lines(rendered.glanceApi.vc1, "glance_store", "vmware_datastores"), [
                "vmware_datastores = openstack-dc:nfs-images:100",
            ]);
            assert.deepEqual(rendered.glanceApi.vc1.split("\n").slice(0, 4), [
                "[DEFAULT]",
                `# ${SHOWN_LOCATION}`,
                "show_image_direct_url = true",
                "",
            ]);
            assert.deepEqual(rendered.warnings, []);
        });

        it("gives ML2 the VLAN range of the physical network", () => {
            assert.deepEqual(parse(rendered.ml2), ml2(9000));
        });

        it("summarizes clusters, networks and the trunk in Markdown", () => {
            assert.equal(
                rendered.summary.table,
                [
                    "### Clusters",
                    "",
                    "| vCenter | datacenter | cluster | cluster MOID | nova-compute host | ESXi hosts |",
                    "| --- | --- | --- | --- | --- | --- |",
                    "| vc1 | openstack-dc | compute-a | domain-c12 | vc1-compute-a | esx-01.lab, esx-02.lab |",
                    "| vc1 | openstack-dc | compute-b | domain-c13 | vc1-compute-b | esx-03.lab |",
                    "",
                    "### Networks",
                    "",
                    "| VLAN | Neutron network | network id | port groups |",
                    "| --- | --- | --- | --- |",
                    "| 101 | tenant-a | 0b7e6a52-5d0c-4d1e-9a35-5a1f1c3f0101 | vc1: dvs-openstack/br-int (dvportgroup-20) |",
                    "| 102 | tenant-b | 0b7e6a52-5d0c-4d1e-9a35-5a1f1c3f0102 | vc1: dvs-openstack/br-int (dvportgroup-20) |",
                    "",
                    "br-int trunks VLANs 100-2000 on every switch: the range of ML2's network_vlan_ranges physnet1:100:2000.",
                    "",
                ].join("\n"),
            );
        });

        it("draws clusters → nova-compute in the vCenter's subgraph and VLAN → network → port group", () => {
            assert.equal(
                rendered.summary.mermaid,
                [
                    "flowchart LR",
                    '    subgraph vc0 ["vCenter vc1<br>datacenter openstack-dc"]',
                    '        vc0_cluster0["cluster compute-a<br>domain-c12"] --> vc0_nova0["nova-compute vc1-compute-a"]',
                    '        vc0_cluster1["cluster compute-b<br>domain-c13"] --> vc0_nova1["nova-compute vc1-compute-b"]',
                    '        vc0_pg["dvs-openstack/br-int<br>dvportgroup-20"]',
                    "    end",
                    '    vlan0["VLAN 101"] --> net0["network tenant-a<br>0b7e6a52-5d0c-4d1e-9a35-5a1f1c3f0101"]',
                    "    net0 --> vc0_pg",
                    '    vlan1["VLAN 102"] --> net1["network tenant-b<br>0b7e6a52-5d0c-4d1e-9a35-5a1f1c3f0102"]',
                    "    net1 --> vc0_pg",
                    "",
                ].join("\n"),
            );
        });
    });

    describe("two vCenters", () => {
        const rendered = renderConfig(input([vcenter1(), vcenter2()]));

        it("runs one nova-compute per cluster of each vCenter, each with its vCenter's connection", () => {
            assert.deepEqual(Object.keys(rendered.novaCompute), ["vc1-compute-a", "vc1-compute-b", "vc2-east"]);
            assert.deepEqual(parse(rendered.novaCompute["vc2-east"]), {
                DEFAULT: { compute_driver: "vmwareapi.VMwareVCDriver", host: "vc2-east" },
                vmware: {
                    host_ip: "10.0.0.12",
                    host_port: "8989",
                    host_username: "openstack@vsphere.local",
                    host_password: "other",
                    cluster_name: "east",
                    datastore_regex: "^east-",
                    insecure: true,
                    api_retry_count: "10",
                    task_poll_interval: "0.5",
                    cache_prefix: "vc2-east",
                },
            });
            assert.equal(
                (parse(rendered.novaCompute["vc1-compute-a"]) as { vmware: { host_ip: string } }).vmware.host_ip,
                "vcenter-1.lab",
            );
        });

        it("gives Cinder one backend per vCenter", () => {
            const parsed = parse(rendered.cinder) as Record<string, Record<string, unknown>>;
            assert.deepEqual(Object.keys(parsed), ["DEFAULT", "vmware-vc1", "vmware-vc2"]);
            assert.deepEqual(parsed.DEFAULT, { enabled_backends: "vmware-vc1,vmware-vc2" });
            assert.equal(parsed["vmware-vc1"].vmware_host_ip, "vcenter-1.lab");
            assert.deepEqual(parsed["vmware-vc2"], {
                volume_driver: "cinder.volume.drivers.vmware.vmdk.VMwareVcVmdkDriver",
                volume_backend_name: "vmware-vc2",
                vmware_host_ip: "10.0.0.12",
                vmware_host_port: "8989",
                vmware_host_username: "openstack@vsphere.local",
                vmware_host_password: "other",
                vmware_insecure: true,
                vmware_cluster_name: "east",
                vmware_datastore_regex: "^east-",
                vmware_volume_folder: "volumes-east",
                vmware_lazy_create: true,
                vmware_api_retry_count: "10",
                vmware_task_poll_interval: "2.0",
                vmware_host_version: "7.0.3",
                vmware_enable_volume_stats: true,
            });
            assert.deepEqual(lines(rendered.cinder, "vmware-vc1", "vmware_cluster_name"), [
                "vmware_cluster_name = compute-a",
                "vmware_cluster_name = compute-b",
            ]);
            assert.deepEqual(lines(rendered.cinder, "vmware-vc2", "vmware_cluster_name"), [
                "vmware_cluster_name = east",
            ]);
        });

        it("gives each vCenter a glance-api.conf of its own, with the vsphere store on its image datastore", () => {
            const store = (v: RenderVCenter, dir: string, datastores: string) => ({
                DEFAULT: { show_image_direct_url: true },
                glance_store: {
                    stores: "vmware",
                    default_store: "vsphere",
                    vmware_server_host: v.access.host,
                    vmware_server_username: v.access.username,
                    vmware_server_password: v.access.password,
                    ...(v.access.caFile ? { vmware_ca_file: v.access.caFile } : {}),
                    vmware_insecure: v.access.caFile ? false : v.access.insecure,
                    vmware_api_retry_count: "10",
                    vmware_task_poll_interval: "5",
                    vmware_store_image_dir: dir,
                    vmware_datastores: datastores,
                },
            });
            assert.deepEqual(Object.keys(rendered.glanceApi), ["vc1", "vc2"]);
            assert.deepEqual(
                parse(rendered.glanceApi.vc1),
                store(vcenter1(), "/openstack_glance", "openstack-dc:nfs-images:100"),
            );
            assert.deepEqual(
                parse(rendered.glanceApi.vc2),
                store(vcenter2(), "/glance/images", "dc-east:images-east:100"),
            );
            assert.deepEqual(lines(rendered.glanceApi.vc2, "glance_store", "vmware_datastores"), [
                "vmware_datastores = dc-east:images-east:100",
            ]);
        });

        it("notes in the vCenter's glance-api.conf and in the warnings that Glance reaches a vCenter on port 443 only", () => {
            const warning =
                "vCenter vc2 listens on port 8989, but Glance's vsphere store connects to port 443 only " +
                "(vmware_server_host takes no port)";
            assert.deepEqual(rendered.warnings, [warning]);
            const section = rendered.glanceApi.vc2.slice(rendered.glanceApi.vc2.indexOf("[glance_store]")).split("\n");
            assert.deepEqual(section.slice(0, 4), [
                "[glance_store]",
                `# ${warning}`,
                "stores = vmware",
                "default_store = vsphere",
            ]);
            assert.equal(rendered.glanceApi.vc2.match(/^# /gm)?.length, 2);
            assert.equal(rendered.glanceApi.vc1.match(/^# /gm)?.length, 1);
        });

        it("keeps the one ML2 range, with the MTU of the smaller switch", () => {
            assert.deepEqual(parse(rendered.ml2), ml2(1500));
        });

        it("lists every vCenter's port group for each network", () => {
            const row = rendered.summary.table.split("\n").find((l) => l.startsWith("| 102 |"));
            assert.equal(
                row,
                "| 102 | tenant-b | 0b7e6a52-5d0c-4d1e-9a35-5a1f1c3f0102 | " +
                    "vc1: dvs-openstack/br-int (dvportgroup-20)<br>vc2: dvs-east/br-int (dvportgroup-31) |",
            );
            assert.match(
                rendered.summary.table,
                /^\| vc2 \| dc-east \| east \| domain-c7 \| vc2-east \| esx-11\.lab \|$/m,
            );
        });

        it("draws one subgraph per vCenter and links each network to every vCenter's port group", () => {
            const mermaid = rendered.summary.mermaid.split("\n");
            const subgraph = (id: string) => mermaid.slice(mermaid.findIndex((l) => l.includes(`subgraph ${id} `)));
            const body = (id: string) => subgraph(id).slice(1, subgraph(id).indexOf("    end"));
            assert.deepEqual(body("vc1"), [
                '        vc1_cluster0["cluster east<br>domain-c7"] --> vc1_nova0["nova-compute vc2-east"]',
                '        vc1_pg["dvs-east/br-int<br>dvportgroup-31"]',
            ]);
            assert.equal(body("vc0").length, 3);
            const edges = mermaid.filter((l) => /^ {4}net\d+ --> /.test(l)).map((l) => l.trim());
            assert.deepEqual(edges, ["net0 --> vc0_pg", "net0 --> vc1_pg", "net1 --> vc0_pg", "net1 --> vc1_pg"]);
        });
    });

    describe("values", () => {
        it("refuses a line break in any value and names its field", () => {
            const cases: [string, (i: RenderInput) => void][] = [
                ["vcenters[0].access.password", (i) => (i.vcenters[0].access.password = "pa\nss")],
                ["vcenters[1].clusters[0].name", (i) => (i.vcenters[1].clusters[0].name = "east\r")],
                ["vcenters[0].clusters[1].hosts[0]", (i) => (i.vcenters[0].clusters[1].hosts[0] = "esx\n[x]")],
                ["vcenters[1].access.caFile", (i) => (i.vcenters[1].access.caFile = "/ca.pem\r\n")],
                ["networks[1].name", (i) => (i.networks[1].name = "tenant\nb")],
                ["physicalNetwork", (i) => (i.physicalNetwork = "physnet1\n")],
            ];
            for (const [path, change] of cases) {
                const i = input([vcenter1(), vcenter2()]);
                change(i);
                assert.throws(() => renderConfig(i), {
                    message: `${path}: contains a line break, which would end its line in the service configuration`,
                });
            }
        });

        it("writes values so that oslo.config reads them back unchanged", () => {
            const written: [string, string][] = [
                ["pa$word", "pa$$word"], // oslo.config substitutes $name; $$ is a $
                ["a\\$b", "a\\\\$b"], // oslo.config reads \$ as $$
                [" padded ", '" padded "'], // oslo.config strips white space around a value
                ['"quoted"', '""quoted""'], // and one pair of quotes around it
                ["'q'", "\"'q'\""],
                ['"', '"""'],
                ["it's #1; ok", "it's #1; ok"],
                ["", ""],
            ];
            for (const [password, line] of written) {
                const v = vcenter1();
                v.access.password = password;
                const rendered = renderConfig(input([v]));
                assert.deepEqual(lines(rendered.novaCompute["vc1-compute-a"], "vmware", "host_password"), [
                    `host_password = ${line}`,
                ]);
                assert.deepEqual(lines(rendered.cinder, "vmware-vc1", "vmware_host_password"), [
                    `vmware_host_password = ${line}`,
                ]);
                assert.deepEqual(lines(rendered.glanceApi.vc1, "glance_store", "vmware_server_password"), [
                    `vmware_server_password = ${line}`,
                ]);
            }
        });

        it("refuses what would break a backend name, a datastore entry, a port or a nova-compute host", () => {
            const cases: [string, (i: RenderInput) => void][] = [
                [
                    'vcenters[1].name: "vc 2" must be letters, digits, ".", "_" and "-", starting with a letter or ' +
                        "digit: it names the Cinder backends; " +
                        'vcenters[1].clusters[0].name: its nova-compute host "vc 2-east" is not a host name nova ' +
                        'reads: labels of 1 to 63 letters, digits, "_" and "-" between dots, none starting or ending ' +
                        'with "-"',
                    (i) => (i.vcenters[1].name = "vc 2"),
                ],
                [
                    'vcenters[0].name: "a,b" must be letters, digits, ".", "_" and "-", starting with a letter or ' +
                        "digit: it names the Cinder backends; " +
                        'vcenters[0].clusters[0].name: its nova-compute host "a,b-compute-a" is not a host name nova ' +
                        'reads: labels of 1 to 63 letters, digits, "_" and "-" between dots, none starting or ending ' +
                        'with "-"; ' +
                        'vcenters[0].clusters[1].name: its nova-compute host "a,b-compute-b" is not a host name nova ' +
                        'reads: labels of 1 to 63 letters, digits, "_" and "-" between dots, none starting or ending ' +
                        'with "-"',
                    (i) => (i.vcenters[0].name = "a,b"),
                ],
                [
                    'vcenters[0].imageStore.datastore: "nfs:images" contains ":", which separates the fields of ' +
                        "Glance's vmware_datastores",
                    (i) => (i.vcenters[0].imageStore.datastore = "nfs:images"),
                ],
                [
                    "vcenters[1].access.port: must be a port from 1 to 65535, not 65536",
                    (i) => (i.vcenters[1].access.port = 65536),
                ],
                ["vcenters[0].access.port: must be an integer, not 443.5", (i) => (i.vcenters[0].access.port = 443.5)],
                ["networks[0].vlan: must be an integer, not NaN", (i) => (i.networks[0].vlan = NaN)],
                [
                    'vcenters[1].clusters[0].name: its nova-compute host "vc1-compute-a" is already that of ' +
                        "vcenters[0].clusters[0]",
                    (i) => {
                        i.vcenters[1].name = "vc1-compute";
                        i.vcenters[1].clusters[0].name = "a";
                    },
                ],
                [
                    `vcenters[0].clusters[1].name: its nova-compute host "vc1-${"c".repeat(60)}" is not a host name ` +
                        'nova reads: labels of 1 to 63 letters, digits, "_" and "-" between dots, none starting or ' +
                        'ending with "-"',
                    (i) => (i.vcenters[0].clusters[1].name = "c".repeat(60)),
                ],
                ["vcenters: at least one vCenter is required", (i) => (i.vcenters = [])],
            ];
            for (const [message, change] of cases) {
                const i = input([vcenter1(), vcenter2()]);
                change(i);
                assert.throws(() => renderConfig(i), { message });
            }
        });

        it("keeps names with Markdown and Mermaid syntax literal in the summary, with safe node ids", () => {
            const v = vcenter1();
            v.clusters[0].name = 'gold | "fast" #1 <a>';
            const i = input([v]);
            i.networks[0].name = "end";
            const rendered = renderConfig(i);
            assert.match(
                rendered.summary.table,
                /^\| vc1 \| openstack-dc \| gold \\\| "fast" #1 \\<a\\> \| domain-c12 \| vc1-gold-fast-1-a \|/m,
            );
            const mermaid = rendered.summary.mermaid;
            assert.ok(
                mermaid.includes(
                    '["cluster gold | #34;fast#34; #35;1 #60;a#62;<br>domain-c12"] --> ' +
                        'vc0_nova0["nova-compute vc1-gold-fast-1-a"]',
                ),
            );
            assert.ok(mermaid.includes('net0["network end<br>'));
            const ids = [...mermaid.matchAll(/(?:^|--> )\s*(?:subgraph )?([^\s[]+)/gm)].map((m) => m[1]);
            assert.ok(ids.length > 10);
            for (const id of ids.filter((id) => id !== "flowchart" && id !== "end")) {
                assert.match(id, /^[a-z]+\d+(_[a-z]+\d*)?$/);
            }
        });
    });
});
