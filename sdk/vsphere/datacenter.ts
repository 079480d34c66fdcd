import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";
import { LifecycleArgs } from "./lifecycle";

export interface DatacenterArgs extends LifecycleArgs {
    /**
     * The datacenter's name: at most 80 characters, unique within its folder. Changing it renames the datacenter
     * in place (its MOID stays).
     */
    name: pulumi.Input<string>;
    /**
     * The inventory path of the folder that holds the datacenter, e.g. `/emea`; the folder must exist.
     * Defaults to `/`, the root folder. Changing this forces replacement.
     */
    folder?: pulumi.Input<string>;
}

/** What the provider stores for a datacenter: its inputs with defaults applied, and what vCenter assigned. */
export interface DatacenterState {
    name: string;
    folder: string;
    /** MOID of the folder holding the datacenter. */
    parentId: string;
    /** MOID of the datacenter's host folder (where clusters and hosts go). */
    hostFolderId: string;
    /** MOID of the datacenter's network folder (where distributed switches go). */
    networkFolderId: string;
    /** MOID of the datacenter's datastore folder. */
    datastoreFolderId: string;
    /** MOID of the datacenter's VM folder. */
    vmFolderId: string;
    forceDestroy: boolean;
}

const provider = packageProvider("vsphere/datacenter");

/**
 * A vSphere datacenter. Its id is the datacenter's MOID (e.g. `datacenter-2`). Destroying it fails while it
 * holds clusters, hosts, datastores, networks or VMs this stack does not manage, unless `forceDestroy` is set.
 *
 * @example
 * ```ts
 * const dc = new vsphere.Datacenter("dc", { name: "openstack-dc" });
 * export const datacenterId = dc.id;
 * ```
 */
export class Datacenter extends pulumi.dynamic.Resource {
    declare readonly name: pulumi.Output<string>;
    declare readonly folder: pulumi.Output<string>;
    declare readonly parentId: pulumi.Output<string>;
    declare readonly hostFolderId: pulumi.Output<string>;
    declare readonly networkFolderId: pulumi.Output<string>;
    declare readonly datastoreFolderId: pulumi.Output<string>;
    declare readonly vmFolderId: pulumi.Output<string>;
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
