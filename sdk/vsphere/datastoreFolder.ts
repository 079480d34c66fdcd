import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";
import { ownerInput } from "../owner";

export type { DatastoreFolderArgs, DatastoreFolderState } from "../../model/vsphere/datastoreFolder";
import type { DatastoreFolderArgs, DatastoreFolderState } from "../../model/vsphere/datastoreFolder";
import type { Outputs } from "../outputs";

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
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the outputs, below
export class DatastoreFolder extends pulumi.dynamic.Resource {
    constructor(name: string, args: DatastoreFolderArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = { datastoreName: undefined, datastorePath: undefined, datacenterId: undefined };
        super(
            provider,
            name,
            { ...outputs, forceDestroy: undefined, ...args, ...ownerInput("vsphere", "DatastoreFolder", name) },
            opts,
            "vsphere",
            "DatastoreFolder",
        );
    }
}

/** The outputs, each field of the state (documented there) as an output; Pulumi sets them. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface DatastoreFolder extends Outputs<DatastoreFolderState> {}
