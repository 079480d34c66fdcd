/**
 * The repository's own Pulumi program: OpenStack on vSphere from the stack configuration alone, for a team that
 * writes no TypeScript. `Pulumi.<stack>.yaml` holds the spec of `OpenStackOnVSphere`, one key per part; the
 * JSON Schema `program/stack-config.schema.json` lets editors complete and check it:
 *
 * ```yaml
 * # yaml-language-server: $schema=./program/stack-config.schema.json
 * config:
 *   vsphere-openstack:vcenters:
 *     - name: site-a            # a connection of vsphere-openstack:connections
 *       datacenter: openstack-dc
 *       clusters: [{ name: compute-1, hosts: [{ hostname: esx-1.example.com }] }]
 *       datastores: [{ name: nfs-1, nfs: { remoteHosts: [nfs.example.com], remotePath: /export/openstack } }]
 *       imageStore: { datastore: nfs-1 }
 *       volumes: { datastoreRegex: "^nfs-" }
 *       switch: { name: openstack-dvs }
 *   vsphere-openstack:network: { vlanRange: { min: 100, max: 199 } }
 *   vsphere-openstack:networks: [{ name: provider-100, vlan: 100, subnets: [{ cidr: 10.100.0.0/24 }] }]
 *   vsphere-openstack:flavors: [{ name: m1.small, vcpus: 1, ramMb: 2048, diskGb: 20 }]
 * ```
 *
 * The spec is validated by the same rules as in a TypeScript program: an invalid one fails at preview, naming
 * each problem by its path, and nothing is created.
 */
import * as pulumi from "@pulumi/pulumi";
import { OpenStackOnVSphere, OpenStackOnVSphereSpec } from "vsphere-openstack";

const config = new pulumi.Config();
const spec: OpenStackOnVSphereSpec = {
    vcenters: config.requireObject("vcenters"),
    network: config.requireObject("network"),
    networks: config.getObject("networks"),
    flavors: config.getObject("flavors"),
};
const cloud = new OpenStackOnVSphere(config.get("name") || "openstack", spec);

export = cloud.stackOutputs();
