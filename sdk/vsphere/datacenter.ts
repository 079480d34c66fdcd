import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";
import type { DatacenterArgs } from "../../model/vsphere/datacenter";

export type { DatacenterArgs, DatacenterState } from "../../model/vsphere/datacenter";

const provider = packageProvider("vsphere/datacenter");

/**
 * A vSphere datacenter. Its id is the datacenter's MOID (e.g. `datacenter-2`). Destroying it fails while it
 * holds VMs, listing them, whatever `forceDestroy` says (no destroy of this library removes a VM); it fails
 * while it holds clusters, hosts, datastores or networks this stack does not manage unless `forceDestroy` is set.
 *
 * @example
 * ```ts
 * const dc = new vsphere.Datacenter("dc", { name: "openstack-dc" });
 * export const datacenterId = dc.id;
 * ```
 */
export class Datacenter extends pulumi.dynamic.Resource {
    /** The datacenter's name. */
    declare readonly name: pulumi.Output<string>;
    /** The inventory path of the folder that holds the datacenter; `/` unless declared. */
    declare readonly folder: pulumi.Output<string>;
    /** MOID of the folder holding the datacenter. */
    declare readonly parentId: pulumi.Output<string>;
    /** MOID of the datacenter's host folder (where clusters and hosts go). */
    declare readonly hostFolderId: pulumi.Output<string>;
    /** MOID of the datacenter's network folder (where distributed switches go). */
    declare readonly networkFolderId: pulumi.Output<string>;
    /** MOID of the datacenter's datastore folder. */
    declare readonly datastoreFolderId: pulumi.Output<string>;
    /** MOID of the datacenter's VM folder. */
    declare readonly vmFolderId: pulumi.Output<string>;
    /** Whether destroying the object also destroys what it holds that the stack does not manage; false unless set. */
    declare readonly forceDestroy: pulumi.Output<boolean>;

    constructor(name: string, args: DatacenterArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = {
            parentId: undefined,
            hostFolderId: undefined,
            networkFolderId: undefined,
            datastoreFolderId: undefined,
            vmFolderId: undefined,
        };
        super(
            provider,
            name,
            { ...outputs, folder: undefined, forceDestroy: undefined, ...args },
            opts,
            "vsphere",
            "Datacenter",
        );
    }
}
