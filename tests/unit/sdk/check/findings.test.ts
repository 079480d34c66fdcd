import * as assert from "node:assert/strict";
import { deploymentOfOutputs, deploymentOfSpec } from "../../../../sdk/check/deployment";
import { findings, Snapshots } from "../../../../sdk/check/findings";
import { markedMermaid } from "../../../../sdk/check/report";
import type { Deployment } from "../../../../sdk/check/snapshot";
import { renderConfig } from "../../../../sdk/stack/render";
import { valid } from "../../../support/specs";

const UUID = "5f0c1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f";

/** The valid spec's deployment with ids, and both sides as they are when everything agrees. */
function healthy(): { deployment: Deployment; read: Snapshots } {
    const deployment = deploymentOfSpec(valid());
    const hypervisor = (n: number, host: string) => ({
        id: `hv-${n}`,
        hostname: `domain-c${n}.vc-uuid`,
        state: "up",
        status: "enabled",
        serviceHost: host,
    });
    const service = (host: string) => ({
        id: `svc-${host}`,
        binary: "nova-compute",
        host,
        state: "up",
        status: "enabled",
        updatedAt: "2026-12-03T17:00:00.000000",
    });
    const host = (id: string, name: string, parentId: string) => ({
        id,
        name,
        parentId,
        connectionState: "connected",
        inMaintenanceMode: false,
        cpuThreads: 8,
        memoryMb: 16384,
    });
    return {
        deployment,
        read: {
            vsphere: {
                vc1: {
                    vcenter: "vc1",
                    datacenters: [{ id: "datacenter-2", name: "openstack-dc" }],
                    clusters: [
                        { id: "domain-c1", name: "compute-a", hostIds: ["host-1", "host-2"] },
                        { id: "domain-c2", name: "compute-b", hostIds: ["host-3"] },
                        { id: "domain-c9", name: "spare", hostIds: ["host-9"] },
                    ],
                    hosts: [
                        host("host-1", "esx-01.lab", "domain-c1"),
                        host("host-2", "esx-02.lab", "domain-c1"),
                        host("host-3", "esx-03.lab", "domain-c2"),
                        host("host-9", "esx-09.lab", "domain-c9"),
                    ],
                    datastores: [
                        {
                            id: "datastore-1",
                            name: "nfs-images",
                            capacityBytes: 100 * 2 ** 30,
                            freeBytes: 50 * 2 ** 30,
                            accessible: true,
                        },
                        {
                            id: "datastore-2",
                            name: "vmfs-volumes-1",
                            capacityBytes: 100 * 2 ** 30,
                            freeBytes: 90 * 2 ** 30,
                            accessible: true,
                        },
                    ],
                    imageFolders: [{ datastore: "nfs-images", folder: "openstack_glance", present: true }],
                    switches: [{ id: "dvs-1", name: "dvs-openstack" }],
                    portGroups: [
                        { id: "dvportgroup-5", name: "br-int", switchId: "dvs-1", vlans: [{ start: 100, end: 2000 }] },
                    ],
                    vms: [
                        { id: "vm-1", name: "web-1", instanceUuid: UUID, hostId: "host-1" },
                        {
                            id: "vm-2",
                            name: "volume-0b6d6a2e-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
                            instanceUuid: "u-2",
                            hostId: "host-3",
                        },
                        { id: "vm-3", name: "elsewhere", instanceUuid: "u-3", hostId: "host-9" },
                    ],
                },
            },
            openstack: {
                hypervisors: [hypervisor(1, "vc1-compute-a"), hypervisor(2, "vc1-compute-b")],
                computeServices: [service("vc1-compute-a"), service("vc1-compute-b")],
                resourceProviders: [
                    { uuid: "rp-1", name: "domain-c1.vc-uuid", vcpus: 16, memoryMb: 32768 },
                    { uuid: "rp-2", name: "domain-c2.vc-uuid", vcpus: 8, memoryMb: 16384 },
                ],
                networks: [
                    {
                        id: "net-a",
                        name: "tenant-a",
                        networkType: "vlan",
                        physicalNetwork: "physnet1",
                        segmentationId: 101,
                    },
                    {
                        id: "net-b",
                        name: "tenant-b",
                        networkType: "vlan",
                        physicalNetwork: "physnet1",
                        segmentationId: 102,
                    },
                ],
                flavors: [
                    {
                        id: "f-1",
                        name: "vmware.small",
                        vcpus: 2,
                        ramMb: 4096,
                        diskGb: 20,
                        extraSpecs: { "hw:cpu_sockets": "2" },
                    },
                ],
                servers: [{ id: UUID, name: "web-1", status: "ACTIVE", host: "vc1-compute-a" }],
                volumeServices: [
                    {
                        id: "vso@vmware-vc1",
                        binary: "cinder-volume",
                        host: "vso@vmware-vc1",
                        state: "up",
                        status: "enabled",
                        updatedAt: "2026-12-03T17:00:01.000000",
                    },
                ],
            },
        },
    };
}

describe("check findings", () => {
    it("finds nothing when both sides agree", () => {
        const { deployment, read } = healthy();
        assert.deepEqual(findings(deployment, read), []);
    });

    it("names a nova-compute that is down, with its last report, and marks its cluster", () => {
        const { deployment, read } = healthy();
        read.openstack.computeServices[1].state = "down";
        const found = findings(deployment, read);
        assert.deepEqual(found, [
            {
                area: "services",
                severity: "error",
                code: "compute-down",
                objects: [
                    {
                        side: "vsphere",
                        kind: "ClusterComputeResource",
                        name: "compute-b",
                        id: "domain-c2",
                        vcenter: "vc1",
                    },
                    { side: "openstack", kind: "compute service", name: "vc1-compute-b", id: "svc-vc1-compute-b" },
                ],
                differs: "nova-compute vc1-compute-b is down (last reported 2026-12-03T17:00:00 UTC)",
                cause: "the nova-compute process of this cluster stopped or lost its message queue",
                node: "vc0_cluster1",
            },
        ]);
        assert.match(
            markedMermaid(deployment, read, found),
            /\n {4}classDef error [^\n]+\n {4}class vc0_cluster1 error\n$/,
        );
    });

    it("names a missing compute service, a host in maintenance and the capacity placement still holds", () => {
        const { deployment, read } = healthy();
        read.openstack.computeServices.splice(1, 1);
        read.vsphere.vc1.hosts[1].inMaintenanceMode = true;
        assert.deepEqual(
            findings(deployment, read).map((f) => [f.severity, f.code, f.differs]),
            [
                [
                    "warning",
                    "host-maintenance",
                    "host esx-02.lab is in maintenance mode: its capacity is not the hypervisor's",
                ],
                [
                    "warning",
                    "capacity-differs",
                    "placement holds VCPU 16, MEMORY_MB 32768; the cluster's 1 usable host(s) have 8 CPU threads, 16384 MiB",
                ],
                [
                    "error",
                    "compute-missing",
                    "Nova has no nova-compute service vc1-compute-b, so no hypervisor for cluster compute-b",
                ],
            ],
        );
    });

    it("names a network's VLAN outside ML2's range and not trunked, and a trunk changed out of band", () => {
        const { deployment, read } = healthy();
        read.vsphere.vc1.portGroups[0].vlans = [{ start: 102, end: 2005 }];
        read.openstack.networks[0].segmentationId = 99;
        assert.deepEqual(
            findings(deployment, read).map((f) => [f.severity, f.code, f.differs, f.node]),
            [
                ["error", "network-vlan-changed", "network tenant-a is on VLAN 99, not VLAN 101", "net0"],
                [
                    "error",
                    "network-outside-range",
                    "VLAN 99 of network tenant-a is outside ML2's range physnet1:100:2000",
                    "net0",
                ],
                [
                    "error",
                    "network-not-trunked",
                    "br-int of vCenter vc1 does not trunk VLAN 99 of network tenant-a (trunks 102-2005)",
                    "vc0_pg",
                ],
                [
                    "warning",
                    "trunk-narrower",
                    "br-int trunks 102-2005: VLANs 100-101 of ML2's range 100-2000 are not trunked",
                    "vc0_pg",
                ],
                [
                    "warning",
                    "trunk-wider",
                    "br-int trunks VLANs 2001-2005 outside ML2's range 100-2000, which no Neutron network can use",
                    "vc0_pg",
                ],
            ],
        );
    });

    it("names datastores: none matching the regex, low space, no Glance folder", () => {
        const { deployment, read } = healthy();
        read.vsphere.vc1.datastores[1].name = "vmfs-old";
        read.vsphere.vc1.datastores[0].freeBytes = 2 ** 30;
        read.vsphere.vc1.imageFolders[0].present = false;
        deployment.vcenters[0].datastoreRegex = "^nfs-";
        const found = findings(deployment, read).map((f) => [f.severity, f.code, f.differs]);
        assert.deepEqual(found, [
            ["warning", "datastore-low-space", "datastore nfs-images has 1.0 GiB free of 100.0 GiB"],
            [
                "error",
                "image-folder-missing",
                "datastore nfs-images has no folder openstack_glance: Glance cannot store images",
            ],
        ]);
        deployment.vcenters[0].datastoreRegex = "^vmfs-volumes-";
        assert.deepEqual(
            findings(deployment, read)[0].differs,
            "no datastore of openstack-dc matches /^vmfs-volumes-/ (there are: nfs-images, vmfs-old)",
        );
    });

    it("matches VMs and servers by instance UUID: moved, gone, unknown; Cinder's volume VMs are no finding", () => {
        const { deployment, read } = healthy();
        read.vsphere.vc1.vms[0].hostId = "host-9";
        read.vsphere.vc1.vms.push({ id: "vm-4", name: "stray", instanceUuid: "u-4", hostId: "host-2" });
        read.openstack.servers.push({ id: "gone-uuid", name: "db-1", status: "ACTIVE", host: "vc1-compute-b" });
        read.openstack.servers.push({ id: "other-uuid", name: "elsewhere", status: "ACTIVE", host: "another-compute" });
        const found = findings(deployment, read);
        assert.deepEqual(
            found.map((f) => [f.severity, f.code, f.differs]),
            [
                [
                    "error",
                    "vm-moved",
                    "VM web-1 of server web-1 is in cluster spare of vCenter vc1, but Nova runs it in cluster compute-a (nova-compute vc1-compute-a)",
                ],
                [
                    "error",
                    "server-without-vm",
                    "server db-1 (ACTIVE) of nova-compute vc1-compute-b has no VM with instance UUID gone-uuid",
                ],
                ["warning", "vm-unknown", "VM stray (instance UUID u-4) in cluster compute-a is no Nova server"],
            ],
        );
        assert.deepEqual(found[0].objects, [
            { side: "openstack", kind: "server", name: "web-1", id: UUID },
            { side: "vsphere", kind: "VirtualMachine", name: "web-1", id: "vm-1", vcenter: "vc1" },
        ]);
    });

    it("names flavors the VMware driver will not honour, by the flavor's own checks", () => {
        const { deployment, read } = healthy();
        Object.assign(read.openstack.flavors[0], {
            ramMb: 4098,
            extraSpecs: { "hw:cpu_sockets": "3", "vmware:hw_version": "13" },
        });
        assert.deepEqual(
            findings(deployment, read).map((f) => f.differs),
            [
                "flavor vmware.small: ramMb must be a multiple of 4 MiB (the VMware driver needs it), not 4098",
                'flavor vmware.small: extraSpecs["vmware:hw_version"] must look like "vmx-13" (vmx- and two digits), not "13"',
                "flavor vmware.small: the CPU topology (sockets 3) does not fit vcpus 2: vcpus must be a multiple of it",
            ],
        );
    });

    it("names a Cinder backend that does not report", () => {
        const { deployment, read } = healthy();
        read.openstack.volumeServices![0].state = "down";
        assert.deepEqual(
            findings(deployment, read).map((f) => [f.code, f.differs, f.cause]),
            [
                [
                    "volume-backend-down",
                    "cinder-volume backend vmware-vc1 is down (last reported 2026-12-03T17:00:01 UTC)",
                    "cinder-volume is not running with the rendered cinderConf, or cannot reach the vCenter",
                ],
            ],
        );
    });

    it("reads the deployment from a stack's outputs: ids and the rendered files", () => {
        const { deployment: fromSpec } = healthy();
        const vc = fromSpec.vcenters[0];
        const rendered = renderConfig({
            vcenters: [
                {
                    name: "vc1",
                    access: { host: "vc.lab", port: 443, username: "u", password: "pa$word", insecure: false },
                    datacenter: "openstack-dc",
                    clusters: vc.clusters.map((c, i) => ({ name: c.name, id: `domain-c${i + 1}`, hosts: c.hosts })),
                    imageStore: vc.imageStore,
                    volumes: { folder: "cinder-volumes", datastoreRegex: "^vmfs-$", lazyCreate: true },
                    switchName: "dvs-openstack",
                    switchMtu: 9000,
                    portGroup: { name: "br-int", id: "dvportgroup-5" },
                },
            ],
            physicalNetwork: "physnet1",
            vlanRange: { min: 100, max: 2000 },
            networks: [],
        });
        const ids = {
            datacenters: { vc1: "datacenter-2" },
            clusters: { vc1: { "compute-a": "domain-c1", "compute-b": "domain-c2" } },
            portGroups: { vc1: "dvportgroup-5" },
            networks: { "tenant-a": "net-a" },
            flavors: { "vmware.small": "f-1" },
        };
        assert.deepEqual(
            deploymentOfOutputs({
                ids,
                cinderConf: rendered.cinder,
                glanceApiConfs: rendered.glanceApi,
                ml2Conf: rendered.ml2,
            }),
            {
                vcenters: [
                    {
                        name: "vc1",
                        datacenter: "openstack-dc",
                        datacenterId: "datacenter-2",
                        clusters: [
                            { name: "compute-a", id: "domain-c1", hosts: [] },
                            { name: "compute-b", id: "domain-c2", hosts: [] },
                        ],
                        imageStore: { datastore: "nfs-images", folder: "openstack_glance" },
                        datastoreRegex: "^vmfs-$",
                        portGroup: { id: "dvportgroup-5" },
                    },
                ],
                physicalNetwork: "physnet1",
                vlanRange: { min: 100, max: 2000 },
                networks: [{ name: "tenant-a", id: "net-a" }],
                flavors: [{ name: "vmware.small", id: "f-1" }],
            },
        );
        assert.throws(
            () =>
                deploymentOfOutputs({ ids, cinderConf: "", glanceApiConfs: rendered.glanceApi, ml2Conf: rendered.ml2 }),
            /^Error: the stack output cinderConf has no option vmware_datastore_regex in \[vmware-vc1\]: is it a stack of OpenStackOnVSphere\?$/,
        );
        assert.throws(
            () => deploymentOfOutputs({ ids, cinderConf: rendered.cinder, glanceApiConfs: {}, ml2Conf: rendered.ml2 }),
            /^Error: the stack output glanceApiConfs\.vc1 has no option vmware_datastores in \[glance_store\]: is it a stack of OpenStackOnVSphere\?$/,
        );
    });
});
