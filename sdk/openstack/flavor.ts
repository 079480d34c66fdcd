import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";
import { ownerInput } from "../owner";
import type { FlavorArgs, FlavorState } from "../../model/openstack/flavor";
import type { Outputs } from "../outputs";

export type { FlavorArgs, FlavorState } from "../../model/openstack/flavor";

const provider = packageProvider("openstack/flavor");

/**
 * A Nova flavor. Its id is the flavor id Nova reports (a UUID unless `flavorId` sets one). Flavor names are
 * unique, so a replacement deletes the old flavor before creating the new one.
 *
 * @example
 * ```ts
 * const large = new openstack.Flavor("large", {
 *     name: "vmware.large", vcpus: 4, ramMb: 8192, diskGb: 40,
 *     extraSpecs: { "vmware:hw_version": "vmx-13", "hw:cpu_sockets": "2", "hw:cpu_cores": "2" },
 * });
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the outputs, below
export class Flavor extends pulumi.dynamic.Resource {
    constructor(name: string, args: FlavorArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = {
            ephemeralGb: undefined,
            swapMb: undefined,
            rxtxFactor: undefined,
            isPublic: undefined,
            flavorId: undefined,
            description: undefined,
            extraSpecs: undefined,
            projects: undefined,
        };
        super(
            provider,
            name,
            { ...outputs, ...args, ...ownerInput("openstack", "Flavor", name) },
            opts,
            "openstack",
            "Flavor",
        );
    }
}

/** The outputs, each field of the state (documented there) as an output; Pulumi sets them. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface Flavor extends Outputs<FlavorState> {}
