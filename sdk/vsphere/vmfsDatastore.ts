import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";
import { ownerInput } from "../owner";
import type { VmfsDatastoreArgs, VmfsDatastoreState } from "../../model/vsphere/vmfsDatastore";
import type { Outputs } from "../outputs";

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
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the outputs, below
export class VmfsDatastore extends pulumi.dynamic.Resource {
    constructor(name: string, args: VmfsDatastoreArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = {
            datacenterId: undefined,
            vmfsVersion: undefined,
            uuid: undefined,
            url: undefined,
            capacityBytes: undefined,
            freeSpaceBytes: undefined,
        };
        super(
            provider,
            name,
            { ...outputs, forceDestroy: undefined, ...args, ...ownerInput("vsphere", "VmfsDatastore", name) },
            opts,
            "vsphere",
            "VmfsDatastore",
        );
    }
}

/** The outputs, each field of the state (documented there) as an output; Pulumi sets them. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface VmfsDatastore extends Outputs<VmfsDatastoreState> {}
