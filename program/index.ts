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
 * The stack config is checked against that schema first, so that a value of the wrong type fails naming its
 * config key and what the schema expects there; then the spec is validated by the same rules as in a
 * TypeScript program. Either way an invalid config fails at preview, naming each problem by its path, and
 * nothing is created.
 */
import * as pulumi from "@pulumi/pulumi";
import { OpenStackOnVSphere, OpenStackOnVSphereSpec } from "vsphere-openstack";
import { readStackConfig } from "./stackConfig";

const { config, failures } = readStackConfig((key) => pulumi.runtime.getConfig(key));
if (failures.length) {
    throw new pulumi.RunError(
        `the stack config has ${failures.length} problem${failures.length === 1 ? "" : "s"} (see program/stack-config.schema.json); nothing was created:\n` +
            failures.map((f) => `  ${f.path}: ${f.reason}`).join("\n"),
    );
}
const key = (name: string) => config[`vsphere-openstack:${name}`];
const spec = {
    vcenters: key("vcenters"),
    network: key("network"),
    networks: key("networks"),
    flavors: key("flavors"),
    adopt: key("adopt"),
} as OpenStackOnVSphereSpec;
const cloud = new OpenStackOnVSphere((key("name") as string | undefined) || "openstack", spec);

export = cloud.stackOutputs();
