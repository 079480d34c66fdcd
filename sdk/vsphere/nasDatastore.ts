import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";
import type { NasDatastoreArgs } from "../../model/vsphere/nasDatastore";

export type { NasDatastoreArgs, NasDatastoreState } from "../../model/vsphere/nasDatastore";

const provider = packageProvider("vsphere/nasDatastore");

/**
 * An NFS datastore, mounted on a set of ESXi hosts, e.g. the datastore Glance keeps its images on. Its id is the
 * datastore's MOID (e.g. `datastore-31`). Hosts join and leave in place: a host added later gets the export
 * mounted on the next `up`. Destroying it (unmounting it from every host; the files stay on the NFS server)
 * fails while it holds files or VMs this stack does not manage, listing them, unless `forceDestroy` is set.
 * With `adopt: true`, a datastore of that name already in the hosts' datacenter is taken over when it is the
 * same export, and mounted on exactly the declared hosts.
 *
 * @example
 * ```ts
 * const images = new vsphere.NasDatastore("images", {
 *     name: "openstack-images",
 *     hostIds: [esx1.id, esx2.id],
 *     remoteHosts: ["nfs.example.com"],
 *     remotePath: "/export/openstack",
 * });
 * ```
 */
export class NasDatastore extends pulumi.dynamic.Resource {
    /** The datastore's name in vCenter. */
    declare readonly name: pulumi.Output<string>;
    /** The MOIDs of the hosts that mount the datastore, sorted. */
    declare readonly hostIds: pulumi.Output<string[]>;
    /** The NFS server(s). */
    declare readonly remoteHosts: pulumi.Output<string[]>;
    /** The exported directory on the server. */
    declare readonly remotePath: pulumi.Output<string>;
    /** The NFS version: `NFS` (NFS 3) or `NFS41` (NFS 4.1). */
    declare readonly type: pulumi.Output<"NFS" | "NFS41">;
    /** How the hosts mount the export: `readWrite` or `readOnly`. */
    declare readonly accessMode: pulumi.Output<"readWrite" | "readOnly">;
    /** MOID of the datacenter that holds the datastore. */
    declare readonly datacenterId: pulumi.Output<string>;
    /** The datastore's URL as vCenter reports it (`ds:///vmfs/volumes/<id>/` on vCenter). */
    declare readonly url: pulumi.Output<string>;
    /** Capacity in bytes, as the NFS server reports it. */
    declare readonly capacityBytes: pulumi.Output<number>;
    /** Free space in bytes when last read. */
    declare readonly freeSpaceBytes: pulumi.Output<number>;
    /** Whether destroying the object also destroys what it holds that the stack does not manage; false unless set. */
    declare readonly forceDestroy: pulumi.Output<boolean>;

    constructor(name: string, args: NasDatastoreArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = {
            datacenterId: undefined,
            url: undefined,
            capacityBytes: undefined,
            freeSpaceBytes: undefined,
        };
        super(
            provider,
            name,
            { ...outputs, type: undefined, accessMode: undefined, forceDestroy: undefined, ...args },
            opts,
            "vsphere",
            "NasDatastore",
        );
    }
}
