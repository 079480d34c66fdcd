/**
 * The repository's own Pulumi program: the objects named in the stack configuration, e.g.
 *
 * ```yaml
 * config:
 *   vsphere-openstack:datacenters: [openstack-dc]
 *   vsphere-openstack:flavors:
 *     - { name: vmware.small, vcpus: 1, ramMb: 2048, diskGb: 20, extraSpecs: { "vmware:hw_version": vmx-13 } }
 * ```
 */
import * as pulumi from "@pulumi/pulumi";
import { openstack, vsphere } from "../sdk";

const config = new pulumi.Config();
const datacenters = config.getObject<string[]>("datacenters") ?? [];
const flavors = config.getObject<openstack.FlavorArgs[]>("flavors") ?? [];

export const datacenterIds = datacenters.map((name) => new vsphere.Datacenter(name, { name }).id);
export const flavorIds = Object.fromEntries(
    flavors.map((args) => [args.name, new openstack.Flavor(String(args.name), args).id]),
);
