import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";
import { LifecycleArgs } from "../../model/vsphere/lifecycle";

/** The inputs of a {@link VmfsDatastore}. */
export interface VmfsDatastoreArgs extends LifecycleArgs {
    /** The MOID of the ESXi host whose disk takes the datastore, e.g. `host-21`. Changing this forces replacement. */
    hostId: pulumi.Input<string>;
    /**
     * The disk's canonical name as the host lists it among the disks available for VMFS
     * (`QueryAvailableDisksForVmfs`), e.g. `naa.6000c29a1b2c3d4e5f60718293a4b5c6`. The whole disk becomes one VMFS
     * partition (vCenter's "use all available partitions" option); a disk already holding a datastore is
     * refused. Changing this forces replacement, which erases the old datastore.
     */
    disk: pulumi.Input<string>;
    /**
     * The datastore's name: at most 80 characters, without "/", "\" or "%", unique within the datacenter.
     * Changing it renames the datastore in place.
     */
    name: pulumi.Input<string>;
}

/** What the provider stores for a VMFS datastore, as vCenter reports it. */
export interface VmfsDatastoreState {
    /** The datastore's name in vCenter. */
    name: string;
    /** MOID of the ESXi host whose disk holds the datastore. */
    hostId: string;
    /** The canonical name of the disk the datastore fills. */
    disk: string;
    /** MOID of the datacenter that holds the datastore. */
    datacenterId: string;
    /** The VMFS major version vCenter formatted it with (6 on vSphere 8). */
    vmfsVersion: number;
    /** The volume's UUID, as in `/vmfs/volumes/<uuid>` on the host. */
    uuid: string;
    /** The datastore's URL as vCenter reports it (`ds:///vmfs/volumes/<uuid>/` on vCenter). */
    url: string;
    /** Capacity in bytes. */
    capacityBytes: number;
    /** Free space in bytes when last read. */
    freeSpaceBytes: number;
    /** Whether destroying the object also destroys what it holds that the stack does not manage; false unless set. */
    forceDestroy: boolean;
}

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
