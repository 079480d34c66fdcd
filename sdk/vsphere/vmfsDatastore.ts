import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";
import type { VmfsDatastoreArgs } from "../../model/vsphere/vmfsDatastore";

export type { VmfsDatastoreArgs, VmfsDatastoreState } from "../../model/vsphere/vmfsDatastore";

const provider = packageProvider("vsphere/vmfsDatastore");

/**
 * A VMFS datastore on a disk of one ESXi host. Its id is the datastore's MOID (e.g. `datastore-40`). Creating it
 * formats the whole disk; destroying it removes the datastore from the host, which erases the volume, and so
 * fails while it holds files or VMs this stack does not manage, listing them, unless `forceDestroy` is set. With
 * `adopt: true`, a datastore of that name already in the host's datacenter is taken over when it is on that
 * host and disk.
 *
 * @example
 * ```ts
 * const local = new vsphere.VmfsDatastore("local", {
 *     hostId: esx1.id,
 *     disk: "naa.6000c29a1b2c3d4e5f60718293a4b5c6",
 *     name: "esx1-local",
 * });
 * ```
 */
export class VmfsDatastore extends pulumi.dynamic.Resource {
    /** The datastore's name in vCenter. */
    declare readonly name: pulumi.Output<string>;
    /** MOID of the ESXi host whose disk holds the datastore. */
    declare readonly hostId: pulumi.Output<string>;
    /** The canonical name of the disk the datastore fills. */
    declare readonly disk: pulumi.Output<string>;
    /** MOID of the datacenter that holds the datastore. */
    declare readonly datacenterId: pulumi.Output<string>;
    /** The VMFS major version vCenter formatted it with (6 on vSphere 8). */
    declare readonly vmfsVersion: pulumi.Output<number>;
    /** The volume's UUID, as in `/vmfs/volumes/<uuid>` on the host. */
    declare readonly uuid: pulumi.Output<string>;
    /** The datastore's URL as vCenter reports it (`ds:///vmfs/volumes/<uuid>/` on vCenter). */
    declare readonly url: pulumi.Output<string>;
    /** Capacity in bytes. */
    declare readonly capacityBytes: pulumi.Output<number>;
    /** Free space in bytes when last read. */
    declare readonly freeSpaceBytes: pulumi.Output<number>;
    /** Whether destroying the object also destroys what it holds that the stack does not manage; false unless set. */
    declare readonly forceDestroy: pulumi.Output<boolean>;

    constructor(name: string, args: VmfsDatastoreArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = {
            datacenterId: undefined,
            vmfsVersion: undefined,
            uuid: undefined,
            url: undefined,
            capacityBytes: undefined,
            freeSpaceBytes: undefined,
        };
        super(provider, name, { ...outputs, forceDestroy: undefined, ...args }, opts, "vsphere", "VmfsDatastore");
    }
}
