import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";
import { ownerInput } from "../owner";
import type { NasDatastoreArgs, NasDatastoreState } from "../../model/vsphere/nasDatastore";
import type { Outputs } from "../outputs";

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
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the outputs, below
export class NasDatastore extends pulumi.dynamic.Resource {
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
            {
                ...outputs,
                type: undefined,
                accessMode: undefined,
                forceDestroy: undefined,
                ...args,
                ...ownerInput("vsphere", "NasDatastore", name),
            },
            opts,
            "vsphere",
            "NasDatastore",
        );
    }
}

/** The outputs, each field of the state (documented there) as an output; Pulumi sets them. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface NasDatastore extends Outputs<NasDatastoreState> {}
