/**
 * The contract of `vsphere.VmfsDatastore`, without I/O: its inputs and stored state, which fields replace it
 * (erasing the volume) and which change in place, and the checks run at preview.
 */
import type * as pulumi from "@pulumi/pulumi";
import { InputChecker } from "../check";
import { FieldRules } from "../diff";
import { checkInventoryName, checkLifecycle, LifecycleArgs } from "./lifecycle";

/** The inputs of a `vsphere.VmfsDatastore`. */
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

/** Where the volume is: these replace the datastore (erasing it). */
export const PLACE_FIELDS = ["hostId", "disk"] as const;

export const rules: FieldRules<VmfsDatastoreState> = {
    replace: PLACE_FIELDS,
    update: ["name", "forceDestroy"],
    // The disk (and the name) stay taken until the old datastore is gone.
    deleteBeforeReplace: true,
};

/** The preview checks of the inputs, before any API call; pure, so that a whole stack spec can use them. */
export function checkInputs(
    news: pulumi.Unwrap<VmfsDatastoreArgs>,
): pulumi.dynamic.CheckResult<pulumi.Unwrap<VmfsDatastoreArgs>> {
    const c = new InputChecker();
    c.name("hostId", news.hostId, 80);
    c.name("disk", news.disk, 1024);
    checkInventoryName(c, "name", news.name);
    checkLifecycle(c, news);
    return c.result(news);
}
