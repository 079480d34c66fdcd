import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";
import { ownerInput } from "../owner";
import type { DatacenterArgs, DatacenterState } from "../../model/vsphere/datacenter";
import type { Outputs } from "../outputs";

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
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the outputs, below
export class Datacenter extends pulumi.dynamic.Resource {
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
            {
                ...outputs,
                folder: undefined,
                forceDestroy: undefined,
                ...args,
                ...ownerInput("vsphere", "Datacenter", name),
            },
            opts,
            "vsphere",
            "Datacenter",
        );
    }
}

/** The outputs, each field of the state (documented there) as an output; Pulumi sets them. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface Datacenter extends Outputs<DatacenterState> {}
