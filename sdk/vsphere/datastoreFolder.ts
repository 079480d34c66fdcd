import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";

export type { DatastoreFolderArgs, DatastoreFolderState } from "../../model/vsphere/datastoreFolder";
import type { DatastoreFolderArgs } from "../../model/vsphere/datastoreFolder";

const provider = packageProvider("vsphere/datastoreFolder");

/**
 * A folder (directory) on a datastore, such as the `openstack_glance` folder the Glance VMware store keeps its
 * images in, which must exist before glance-api starts (`vmware_store_image_dir = /openstack_glance`).
 *
 * A directory has no MOID, so the id is `<datastore MOID>:<path>`, e.g. `datastore-31:openstack_glance`. Only the
 * last element of `path` belongs to the resource: destroying it deletes that folder, not the parents it made.
 * Destroying it fails while it holds files or folders (Glance's images, say) this stack does not manage, listing
 * them, unless `forceDestroy` is set, which deletes them with it. A folder inside another one of the stack
 * should depend on it (`dependsOn` or `parent`), so that it is deleted first. With `adopt: true`, an existing
 * folder at the path is taken over instead of failing.
 *
 * @example
 * ```ts
 * const glance = new vsphere.DatastoreFolder("glance-images", {
 *     datastoreId: images.id, // a vsphere.NasDatastore
 *     path: "openstack_glance",
 * });
 * ```
 */
export class DatastoreFolder extends pulumi.dynamic.Resource {
    /** MOID of the datastore that holds the folder. */
    declare readonly datastoreId: pulumi.Output<string>;
    /** The folder's path from the root of the datastore, e.g. `openstack_glance`. */
    declare readonly path: pulumi.Output<string>;
    /** The datastore's name when last read. */
    declare readonly datastoreName: pulumi.Output<string>;
    /** The folder as a datastore path, e.g. `[nfs1] openstack_glance`. */
    declare readonly datastorePath: pulumi.Output<string>;
    /** MOID of the datacenter that holds the datastore. */
    declare readonly datacenterId: pulumi.Output<string>;
    /** Whether destroying the object also destroys what it holds that the stack does not manage; false unless set. */
    declare readonly forceDestroy: pulumi.Output<boolean>;

    constructor(name: string, args: DatastoreFolderArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = { datastoreName: undefined, datastorePath: undefined, datacenterId: undefined };
        super(provider, name, { ...outputs, forceDestroy: undefined, ...args }, opts, "vsphere", "DatastoreFolder");
    }
}
