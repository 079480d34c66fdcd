import * as assert from "node:assert/strict";
import * as ini from "ini";
import * as pulumi from "@pulumi/pulumi";
import { CONNECTIONS_KEY } from "../../../../model/configKeys";
import { configureProviders } from "../../../../provider/config";
import { vsphereSettings } from "../../../../provider/vsphere/connection";
import { InvalidSpecError, OpenStackOnVSphere } from "../../../../sdk/stack/component";
import type { OpenStackOnVSphereSpec } from "../../../../sdk/stack/spec";
import { recordRegistrations, Registered, registrationsSettled, SECRET_SIG } from "../../../support/mocks";
import * as specs from "../../../support/specs";

const CONNECTIONS = {
    "site-a": {
        server: "vc-a.example.com",
        user: "openstack@vsphere.local",
        password: "vc-secret",
        hostPassword: "esx-secret",
        caFile: "/etc/ssl/vc-a.pem",
    },
    "site-v6": { server: "[fd00::10]:8443", user: "openstack", password: "vc6-secret", hostPassword: "esx-secret" },
    // allowUnverifiedSsl as text, which the providers read as true
    "site-yes": {
        server: "vc-y.example.com",
        user: "openstack",
        password: "vcy-secret",
        hostPassword: "esx-secret",
        allowUnverifiedSsl: "yes",
    },
};

function spec(): OpenStackOnVSphereSpec {
    return {
        vcenters: [
            {
                name: "site-a",
                datacenter: "openstack-dc",
                clusters: [{ name: "compute-1", drs: { enabled: true }, hosts: [{ hostname: "esx-1.lab" }] }],
                datastores: [{ name: "nfs-1", nfs: { remoteHosts: ["nfs.lab"], remotePath: "/export/os" } }],
                imageStore: { datastore: "nfs-1" },
                volumes: { datastoreRegex: "^nfs-" },
                switch: { name: "dvs", mtu: 9000 },
            },
        ],
        network: { vlanRange: { min: 100, max: 199 } },
        networks: [
            {
                name: "net-100",
                vlan: 100,
                subnets: [
                    { cidr: "10.100.0.0/24", gateway: "10.100.0.1" },
                    {
                        cidr: "10.101.0.0/24",
                        noGateway: true,
                        hostRoutes: [{ destination: "192.168.60.0/24", nextHop: "10.101.0.254" }],
                        dns: ["10.0.0.53"],
                    },
                ],
            },
        ],
        flavors: [{ name: "m1.small", vcpus: 1, ramMb: 2048, diskGb: 20 }],
    };
}

/** An output's value and whether it is secret, under mocks. */
async function resolve<T>(output: pulumi.Output<T>): Promise<{ value: T; secret: boolean }> {
    const internal = output as unknown as { promise(): Promise<T>; isSecret: Promise<boolean> };
    return { value: await internal.promise(), secret: await internal.isSecret };
}

describe("OpenStackOnVSphere under mocks", () => {
    let registered: Registered[];
    let cloud: OpenStackOnVSphere;

    before(async () => {
        pulumi.runtime.setAllConfig(
            { "vsphere-openstack:connections": JSON.stringify({ ...CONNECTIONS, ...specs.CONNECTIONS }) },
            ["vsphere-openstack:connections"],
        );
        registered = await recordRegistrations("vsphere-openstack");
        cloud = new OpenStackOnVSphere("cloud", spec());
        await registrationsSettled();
    });

    it("registers each object once, named from the component, on the vCenter's connection", () => {
        const byName = Object.fromEntries(
            registered.map(({ type, name, inputs }) => {
                const { __provider, owner, ...rest } = inputs;
                assert.equal(typeof __provider === "string" || type.startsWith("vsphere-openstack:"), true);
                const kind = type.replace("pulumi-nodejs:dynamic/", "");
                // Each child carries its owner marker.
                const marked = type.startsWith("pulumi-nodejs:");
                assert.equal(owner, marked ? `vsphere-openstack:vsphere-openstack/stack/${kind}/${name}` : undefined);
                return [name, { type: kind, inputs: rest }];
            }),
        );
        const connection = "site-a";
        assert.deepEqual(byName, {
            cloud: { type: "vsphere-openstack:index:OpenStackOnVSphere", inputs: {} },
            "cloud-site-a-dc": { type: "vsphere:Datacenter", inputs: { connection, name: "openstack-dc" } },
            "cloud-site-a-compute-1": {
                type: "vsphere:ComputeCluster",
                inputs: { connection, datacenterId: "cloud-site-a-dc-id", name: "compute-1", drs: { enabled: true } },
            },
            "cloud-site-a-esx-1.lab": {
                type: "vsphere:Host",
                inputs: {
                    connection,
                    clusterId: "cloud-site-a-compute-1-id",
                    hostname: "esx-1.lab",
                    // the connection's host password, as a secret
                    password: { [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270", value: "esx-secret" },
                },
            },
            "cloud-site-a-nfs-1": {
                type: "vsphere:NasDatastore",
                inputs: {
                    connection,
                    hostIds: ["cloud-site-a-esx-1.lab-id"],
                    name: "nfs-1",
                    remoteHosts: ["nfs.lab"],
                    remotePath: "/export/os",
                },
            },
            "cloud-site-a-images": {
                type: "vsphere:DatastoreFolder",
                inputs: { connection, datastoreId: "cloud-site-a-nfs-1-id", path: "openstack_glance" },
            },
            "cloud-site-a-dvs": {
                type: "vsphere:DistributedSwitch",
                inputs: {
                    connection,
                    datacenterId: "cloud-site-a-dc-id",
                    name: "dvs",
                    mtu: 9000,
                    hosts: [{ hostId: "cloud-site-a-esx-1.lab-id", nics: ["vmnic1"] }],
                },
            },
            "cloud-site-a-br-int": {
                type: "vsphere:DistributedPortGroup",
                inputs: {
                    connection,
                    switchId: "cloud-site-a-dvs-id",
                    name: "br-int",
                    vlan: { trunk: [{ min: 100, max: 199 }] },
                    vlanOverrideAllowed: true,
                },
            },
            "cloud-net-100": {
                type: "openstack:ProviderNetwork",
                inputs: { name: "net-100", networkType: "vlan", physicalNetwork: "physnet1", segmentationId: 100 },
            },
            "cloud-net-100-0": {
                type: "openstack:Subnet",
                inputs: {
                    networkId: "cloud-net-100-id",
                    name: "net-100-10.100.0.0/24",
                    cidr: "10.100.0.0/24",
                    gatewayIp: "10.100.0.1",
                },
            },
            "cloud-net-100-1": {
                type: "openstack:Subnet",
                inputs: {
                    networkId: "cloud-net-100-id",
                    name: "net-100-10.101.0.0/24",
                    cidr: "10.101.0.0/24",
                    noGateway: true,
                    hostRoutes: [{ destination: "192.168.60.0/24", nextHop: "10.101.0.254" }],
                    dnsNameservers: ["10.0.0.53"],
                },
            },
            "cloud-m1.small": {
                type: "openstack:Flavor",
                inputs: { name: "m1.small", vcpus: 1, ramMb: 2048, diskGb: 20 },
            },
        });
    });

    it("outputs the ids of what it created, by name", async () => {
        assert.deepEqual((await resolve(cloud.ids)).value, {
            datacenters: { "site-a": "cloud-site-a-dc-id" },
            clusters: { "site-a": { "compute-1": "cloud-site-a-compute-1-id" } },
            portGroups: { "site-a": "cloud-site-a-br-int-id" },
            networks: { "net-100": "cloud-net-100-id" },
            flavors: { "m1.small": "cloud-m1.small-id" },
        });
    });

    it("renders the services' configuration; the files with passwords are secret", async () => {
        const cinder = await resolve(cloud.cinderConf);
        assert.equal(cinder.secret, true);
        const backend = ini.parse(cinder.value)["vmware-site-a"];
        assert.equal(backend.vmware_host_ip, "vc-a.example.com");
        assert.equal(backend.vmware_host_password, "vc-secret");
        assert.equal(backend.vmware_cluster_name, "compute-1");
        assert.equal(backend.vmware_ca_file, "/etc/ssl/vc-a.pem");

        const nova = await resolve(cloud.novaComputeConf);
        assert.equal(nova.secret, true);
        assert.deepEqual(Object.keys(nova.value), ["site-a-compute-1"]);
        assert.equal(ini.parse(nova.value["site-a-compute-1"]).vmware.cluster_name, "compute-1");
        const glance = await resolve(cloud.glanceApiConf);
        assert.equal(glance.secret, true);
        assert.equal(ini.parse(glance.value).glance_store.vmware_server_password, "vc-secret");
        const glances = await resolve(cloud.glanceApiConfs);
        assert.equal(glances.secret, true);
        assert.deepEqual(glances.value, { "site-a": glance.value });

        const ml2 = await resolve(cloud.ml2Conf);
        assert.equal(ml2.secret, false);
        assert.equal(ini.parse(ml2.value).ml2_type_vlan.network_vlan_ranges, "physnet1:100:199");
        const table = await resolve(cloud.summaryTable);
        assert.equal(table.secret, false);
        assert.match(table.value, /\| site-a \| openstack-dc \| compute-1 \| cloud-site-a-compute-1-id \|/);
        assert.doesNotMatch(table.value + ml2.value, /secret/);
    });

    it("gives the services a vCenter on an IPv6 address without brackets, and its port", async () => {
        const v6 = spec();
        v6.vcenters[0].name = "site-v6";
        v6.vcenters[0].datacenter = "dc-v6";
        v6.networks = [];
        v6.flavors = [];
        const cinder = await resolve(new OpenStackOnVSphere("v6", v6).cinderConf);
        const backend = ini.parse(cinder.value)["vmware-site-v6"];
        assert.deepEqual([backend.vmware_host_ip, backend.vmware_host_port], ["fd00::10", "8443"]);
    });

    it("renders insecure as the providers read the connection's allowUnverifiedSsl", async () => {
        const yes = spec();
        yes.vcenters[0].name = "site-yes";
        yes.vcenters[0].datacenter = "dc-yes";
        yes.networks = [];
        yes.flavors = [];
        const cloud = new OpenStackOnVSphere("yes", yes);
        configureProviders({ get: (key) => (key === CONNECTIONS_KEY ? JSON.stringify(CONNECTIONS) : undefined) });
        assert.equal(vsphereSettings("site-yes").allowUnverifiedSsl, true);
        const nova = (await resolve(cloud.novaComputeConf)).value["site-yes-compute-1"];
        assert.equal(ini.parse(nova).vmware.insecure, true);
        const backend = ini.parse((await resolve(cloud.cinderConf)).value)["vmware-site-yes"];
        assert.equal(backend.vmware_insecure, true);
    });

    it("refuses an invalid spec before registering anything, naming every failure", () => {
        const before = registered.length;
        const bad = spec();
        bad.networks![0].vlan = 300;
        bad.vcenters[0].name = "site-b";
        assert.throws(
            () => new OpenStackOnVSphere("bad", bad),
            (err: unknown) => {
                assert.ok(err instanceof InvalidSpecError);
                assert.equal(
                    err.message,
                    [
                        'OpenStackOnVSphere "bad": the spec has 2 problems; nothing was created:',
                        '  vcenters[0].name: "site-b" is not a connection of the stack config "vsphere-openstack:connections" (configured: "site-a", "site-v6", "site-yes", "vc1")',
                        "  networks[0].vlan: VLAN 300 is outside the VLAN range 100-199 that br-int trunks",
                    ].join("\n"),
                );
                return true;
            },
        );
        assert.equal(registered.length, before);
    });

    it("passes adopt to every child when the spec sets it, and refuses an adopt that is not a boolean", async () => {
        const before = registered.length;
        new OpenStackOnVSphere("taken", { ...spec(), adopt: true });
        await registrationsSettled();
        const children = registered.slice(before).filter((r) => r.type.startsWith("pulumi-nodejs:"));
        assert.equal(children.length, registered.filter((r) => r.name.startsWith("cloud-")).length);
        assert.deepEqual(
            children.filter((c) => c.inputs.adopt !== true).map((c) => c.name),
            [],
        );
        assert.equal(
            registered.filter((r) => r.name.startsWith("cloud-") && "adopt" in r.inputs).length,
            0,
            "without adopt in the spec, no child gets it",
        );
        assert.throws(() => new OpenStackOnVSphere("bad-adopt", { ...spec(), adopt: "yes" as never }), {
            message: [
                'OpenStackOnVSphere "bad-adopt": the spec has 1 problem; nothing was created:',
                '  adopt: must be true or false, not "yes"',
            ].join("\n"),
        });
    });

    for (const [i, [title, change, expected]] of specs.INVALID.entries()) {
        it(`creates nothing for a spec with ${title}`, () => {
            const before = registered.length;
            const spec = specs.valid();
            change(spec);
            assert.throws(
                () => new OpenStackOnVSphere(`invalid-${i}`, spec),
                (err: unknown) =>
                    err instanceof InvalidSpecError && assert.deepEqual(err.failures, expected) === undefined,
            );
            assert.equal(registered.length, before);
        });
    }
});
