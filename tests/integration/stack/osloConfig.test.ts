/**
 * The rendered service configuration read as the services read it: each file goes through oslo.config with the
 * options nova-compute, cinder-volume, glance-api and neutron-server register themselves (tests/support/oslo_read.py
 * on the lab's Debian packages), and every value the renderer writes must come back typed and unchanged.
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { renderConfig, type RenderedConfig, type RenderVCenter } from "../../../sdk/stack/render";
import { sharedLab } from "../../support/lab";
import { eastVCenter, renderInput as input } from "../../support/renderInputs";

const run = promisify(execFile);
const OSLO_READ = path.join(__dirname, "..", "..", "support", "oslo_read.py");

/** The environment of oslo_read.py: Debian's python packages only, as lab/openstack/lab.sh runs the services. */
const { PYTHONPATH, PYTHONHOME, ...inherited } = process.env;
const PYTHON_ENV = { ...inherited, PYTHONNOUSERSITE: "1" };

/** What oslo_read.py prints: each section's options, as the service's options read them. */
type Read = Record<string, Record<string, unknown>>;

/**
 * What oslo.config's parser or substitution would change if written as is: `$` (and `$host`, one of nova's options,
 * `${y}`, `\$`, `\\$`), `#`, `;`, quotes, and white space at both ends.
 */
const PASSWORD = " pa$$word$host\\$\\\\$x${y}#1;\"2'3 ";

const VC1: RenderVCenter = {
    name: "vc1",
    access: {
        host: "vcenter-1.example.com",
        port: 443,
        username: "openstack@vsphere.local",
        password: PASSWORD,
        caFile: "/etc/ssl/certs/vcenter-1-ca.pem",
        insecure: false,
    },
    datacenter: "openstack-dc",
    clusters: [
        { name: "compute-a", id: "domain-c12", hosts: ["esx-01.example.com"] },
        { name: "Compute B", id: "domain-c13", hosts: ["esx-02.example.com"] },
    ],
    imageStore: { datastore: "nfs-images", folder: "openstack_glance" },
    volumes: { folder: "cinder-volumes", datastoreRegex: "^vmfs-(gold|silver)-\\d+$", lazyCreate: false },
    switchName: "dvs-openstack",
    switchMtu: 9000,
    portGroup: { name: "br-int", id: "dvportgroup-20" },
};

/** On another port, without a CA file, skipping certificate checks; its password quoted as a whole. */
const VC2: RenderVCenter = { ...eastVCenter(), access: { ...eastVCenter().access, password: "'#;'" } };

/** The certificate options as read back: the CA file and verification on, or `insecure` alone. */
function tls(v: RenderVCenter, prefix: string): Record<string, unknown> {
    return v.access.caFile !== undefined
        ? { [`${prefix}ca_file`]: v.access.caFile, [`${prefix}insecure`]: false }
        : { [`${prefix}insecure`]: v.access.insecure };
}

/** One vsphere store of glance-api.conf as read back. */
function glanceStore(v: RenderVCenter): Record<string, unknown> {
    return {
        vmware_server_host: v.access.host,
        vmware_server_username: v.access.username,
        vmware_server_password: v.access.password,
        ...tls(v, "vmware_"),
        vmware_api_retry_count: 10,
        vmware_task_poll_interval: 5,
        vmware_store_image_dir: `/${v.imageStore.folder}`,
        vmware_datastores: [`${v.datacenter}:${v.imageStore.datastore}:100`],
    };
}

describe("rendered configuration read by the services' own option definitions", () => {
    let dir: string;

    /** `text` written to `name` and read by oslo_read.py as a `kind` file. */
    async function osloRead(kind: string, name: string, text: string): Promise<Read> {
        const file = path.join(dir, name);
        fs.writeFileSync(file, text, { mode: 0o600 });
        const { stdout } = await run("/usr/bin/python3", [OSLO_READ, kind, file], { env: PYTHON_ENV });
        return JSON.parse(stdout) as Read;
    }

    before(async () => {
        await sharedLab(); // installs the services' packages
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "oslo-config-"));
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    describe("two vCenters", () => {
        let rendered: RenderedConfig;
        before(() => (rendered = renderConfig(input([VC1, VC2]))));

        it("gives nova-compute of each cluster its host (a host name) and every [vmware] option", async () => {
            const clusters: [string, RenderVCenter, string][] = [
                ["vc1-compute-a", VC1, "compute-a"],
                ["vc1-Compute-B", VC1, "Compute B"],
                ["vc2-east", VC2, "east"],
            ];
            const read = await Promise.all(
                Object.entries(rendered.novaCompute).map(async ([host, text]) => [
                    host,
                    await osloRead("nova-compute", `nova-${host}.conf`, text),
                ]),
            );
            assert.deepEqual(
                Object.fromEntries(read),
                Object.fromEntries(
                    clusters.map(([host, v, cluster]) => [
                        host,
                        {
                            DEFAULT: { compute_driver: "vmwareapi.VMwareVCDriver", host },
                            vmware: {
                                host_ip: v.access.host,
                                host_port: v.access.port,
                                host_username: v.access.username,
                                host_password: v.access.password,
                                cluster_name: cluster,
                                datastore_regex: v.volumes.datastoreRegex,
                                ...tls(v, ""),
                                api_retry_count: 10,
                                task_poll_interval: 0.5,
                                cache_prefix: host,
                            },
                        },
                    ]),
                ),
            );
        });

        it("gives cinder-volume one VMDK backend per vCenter with all its clusters", async () => {
            const backend = (v: RenderVCenter) => ({
                volume_driver: "cinder.volume.drivers.vmware.vmdk.VMwareVcVmdkDriver",
                volume_backend_name: `vmware-${v.name}`,
                vmware_host_ip: v.access.host,
                vmware_host_port: v.access.port,
                vmware_host_username: v.access.username,
                vmware_host_password: v.access.password,
                ...tls(v, "vmware_"),
                vmware_cluster_name: v.clusters.map((c) => c.name),
                vmware_datastore_regex: v.volumes.datastoreRegex,
                vmware_volume_folder: v.volumes.folder,
                vmware_lazy_create: v.volumes.lazyCreate,
                vmware_api_retry_count: 10,
                vmware_task_poll_interval: 2,
                vmware_host_version: "7.0.3",
                vmware_enable_volume_stats: true,
            });
            assert.deepEqual(await osloRead("cinder", "cinder.conf", rendered.cinder), {
                DEFAULT: { enabled_backends: ["vmware-vc1", "vmware-vc2"] },
                "vmware-vc1": backend(VC1),
                "vmware-vc2": backend(VC2),
            });
        });

        it("gives each vCenter's glance-api its vsphere store in [glance_store]", async () => {
            assert.deepEqual(Object.keys(rendered.glanceApi), ["vc1", "vc2"]);
            for (const v of [VC1, VC2]) {
                assert.deepEqual(await osloRead("glance", `glance-api-${v.name}.conf`, rendered.glanceApi[v.name]), {
                    DEFAULT: { show_image_direct_url: true },
                    glance_store: { stores: ["vmware"], default_store: "vsphere", ...glanceStore(v) },
                });
            }
        });

        it("gives neutron-server the VLAN range and the MTU every switch carries", async () => {
            assert.deepEqual(await osloRead("ml2", "ml2_conf.ini", rendered.ml2), {
                DEFAULT: { global_physnet_mtu: 1500 },
                ml2: {
                    type_drivers: ["flat", "vlan"],
                    tenant_network_types: ["vlan"],
                    physical_network_mtus: ["physnet1:1500"],
                },
                ml2_type_vlan: { network_vlan_ranges: ["physnet1:100:2000"] },
            });
        });
    });

    describe("one vCenter", () => {
        let rendered: RenderedConfig;
        before(() => (rendered = renderConfig(input([VC1]))));

        it("fails to read a value its option's type refuses, or an option the service does not have", async () => {
            const text = rendered.novaCompute["vc1-compute-a"];
            const cases: [RegExp, string, string][] = [
                [/^host_port = 443$/m, "host_port = 443x", "Value for option host_port from .* is not valid"],
                [/^host_ip = .*$/m, "host_ip = vcenter-1.example.com:443", "is not a valid host address"],
                [/^insecure = /m, "insecure_ = ", "no such option insecure_ in group \\[vmware\\]"],
            ];
            await Promise.all(
                cases.map(async ([line, replacement, message], k) => {
                    const changed = text.replace(line, replacement);
                    assert.notEqual(changed, text);
                    await assert.rejects(osloRead("nova-compute", `nova-refused-${k}.conf`, changed), {
                        code: 1,
                        stderr: new RegExp(`nova-refused-${k}\\.conf: .*${message}`),
                    });
                }),
            );
        });
    });
});
