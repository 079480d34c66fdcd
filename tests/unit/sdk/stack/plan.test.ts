import * as assert from "node:assert/strict";
import { plan } from "../../../../sdk/stack/plan";
import { validateSpec } from "../../../../sdk/stack/validate";
import type { OpenStackOnVSphereSpec } from "../../../../sdk/stack/spec";
import { valid } from "../../../support/specs";

const CONNECTION = {
    url: "https://vc1.lab/sdk",
    host: "vc1.lab",
    port: 443,
    user: "openstack",
    password: "pw",
    hostPassword: "root-pw",
    allowUnverifiedSsl: false,
};

describe("the plan of a spec", () => {
    it("lists every child once, parents first, each naming its parents by their placeholders", () => {
        const p = plan("cloud", valid(), { vc1: CONNECTION });
        const byName = new Map(p.children.map((c) => [c.name, c]));
        assert.deepEqual(
            p.children.map((c) => `${c.kind} ${c.name} ${c.at}`),
            [
                "Datacenter cloud-vc1-dc vcenters[0]",
                "ComputeCluster cloud-vc1-compute-a vcenters[0].clusters[0]",
                "Host cloud-vc1-esx-01.lab vcenters[0].clusters[0].hosts[0]",
                "Host cloud-vc1-esx-02.lab vcenters[0].clusters[0].hosts[1]",
                "ComputeCluster cloud-vc1-compute-b vcenters[0].clusters[1]",
                "Host cloud-vc1-esx-03.lab vcenters[0].clusters[1].hosts[0]",
                "NasDatastore cloud-vc1-nfs-images vcenters[0].datastores[0]",
                "VmfsDatastore cloud-vc1-vmfs-volumes-1 vcenters[0].datastores[1]",
                "DatastoreFolder cloud-vc1-images vcenters[0].imageStore",
                "DistributedSwitch cloud-vc1-dvs-openstack vcenters[0].switch",
                "DistributedPortGroup cloud-vc1-br-int vcenters[0]",
                "ProviderNetwork cloud-tenant-a networks[0]",
                "Subnet cloud-tenant-a-0 networks[0].subnets[0]",
                "ProviderNetwork cloud-tenant-b networks[1]",
                "Flavor cloud-vmware.small flavors[0]",
            ],
        );
        const id = (name: string) => byName.get(name)!.id;
        assert.equal(new Set(p.children.map((c) => c.id)).size, p.children.length);
        assert.ok(p.children.every((c) => p.placeholder(c.id)));
        assert.equal(p.placeholder("domain-c8"), false);
        const host = byName.get("cloud-vc1-esx-03.lab")!;
        assert.deepEqual(host.args, {
            connection: "vc1",
            clusterId: id("cloud-vc1-compute-b"),
            hostname: "esx-03.lab",
            username: undefined,
            password: "root-pw",
            sslThumbprint: undefined,
        });
        assert.deepEqual(byName.get("cloud-vc1-vmfs-volumes-1")!.args, {
            connection: "vc1",
            hostId: id("cloud-vc1-esx-01.lab"),
            disk: "naa.6000c29000000000000000000000001",
            name: "vmfs-volumes-1",
        });
        assert.deepEqual((byName.get("cloud-vc1-nfs-images")!.args as { hostIds: string[] }).hostIds, [
            id("cloud-vc1-esx-01.lab"),
            id("cloud-vc1-esx-02.lab"),
            id("cloud-vc1-esx-03.lab"),
        ]);
        // The render's input names the same children.
        assert.deepEqual(
            p.render.vcenters[0].clusters.map((c) => c.id),
            [id("cloud-vc1-compute-a"), id("cloud-vc1-compute-b")],
        );
        assert.equal(p.render.vcenters[0].portGroup.id, id("cloud-vc1-br-int"));
        assert.deepEqual(
            p.render.networks.map((n) => n.id),
            [id("cloud-tenant-a"), id("cloud-tenant-b")],
        );
        assert.deepEqual(p.render.vcenters[0].access, {
            host: "vc1.lab",
            port: 443,
            username: "openstack",
            password: "pw",
            caFile: undefined,
            insecure: false,
        });
    });

    it("gives each plan its own placeholders, so no spec value can pass for one", () => {
        const [a, b] = [plan("cloud", valid(), {}), plan("cloud", valid(), {})];
        assert.notEqual(a.children[0].id, b.children[0].id);
        assert.equal(a.placeholder(b.children[0].id), false);
    });

    /** What only a resource's own check refuses, named by the spec's path and field. */
    const ONLY_RESOURCES_CATCH: [string, (s: OpenStackOnVSphereSpec) => void, { path: string; reason: string }][] = [
        [
            "a hostname that is no DNS name",
            (s) => (s.vcenters[0].clusters[0].hosts[1].hostname = "esx 1!"),
            {
                path: "vcenters[0].clusters[0].hosts[1].hostname",
                reason: 'hostname must be a DNS name or IP address such as esx-01.example.com, not "esx 1!"',
            },
        ],
        [
            "a thumbprint that is none",
            (s) => (s.vcenters[0].clusters[0].hosts[0].sslThumbprint = "xyz"),
            {
                path: "vcenters[0].clusters[0].hosts[0].sslThumbprint",
                reason:
                    "sslThumbprint must be the SHA-1 thumbprint of the host's certificate, 20 hex bytes separated " +
                    'by colons (AB:12:…), not "xyz"',
            },
        ],
        [
            "an empty physical network",
            (s) => (s.network.physicalNetwork = ""),
            {
                path: "network.physicalNetwork",
                reason:
                    "physicalNetwork must be a non-empty string of at most 64 characters without control characters, " +
                    'not ""',
            },
        ],
        [
            "two NFS 3 servers",
            (s) => (s.vcenters[0].datastores[0].nfs!.remoteHosts = ["nfs-a.lab", "nfs-b.lab"]),
            {
                path: "vcenters[0].datastores[0].nfs.remoteHosts",
                reason: 'remoteHosts takes one server for NFS 3, not 2: set type "NFS41" for several',
            },
        ],
        [
            "an empty VMFS disk",
            (s) => (s.vcenters[0].datastores[1].vmfs!.disk = ""),
            {
                path: "vcenters[0].datastores[1].vmfs.disk",
                reason: 'disk must be a non-empty string of at most 1024 characters without control characters, not ""',
            },
        ],
        [
            "a switch version that is no version",
            (s) => (s.vcenters[0].switch.version = "8.0"),
            {
                path: "vcenters[0].switch.version",
                reason: 'version must be one of "7.0.0", "7.0.2", "7.0.3", "8.0.0", "8.0.3", not "8.0"',
            },
        ],
        [
            "a pool outside its subnet, named as the spec names pools",
            (s) => (s.networks![0].subnets![0].pools = [{ start: "10.30.0.10", end: "10.30.0.20" }]),
            {
                path: "networks[0].subnets[0].pools[0]",
                reason:
                    "pools[0] (10.30.0.10 to 10.30.0.20) must lie within cidr 10.20.0.0/24, from 10.20.0.1 to " +
                    "10.20.0.254 (the network and broadcast addresses cannot be allocated)",
            },
        ],
    ];
    for (const [title, change, expected] of ONLY_RESOURCES_CATCH) {
        it(`names ${title} by its path in the spec`, () => {
            const spec = valid();
            change(spec);
            assert.deepEqual(validateSpec(spec), [expected]);
        });
    }
});
