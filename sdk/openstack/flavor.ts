import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";
import type { FlavorArgs } from "../../model/openstack/flavor";

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
export class Flavor extends pulumi.dynamic.Resource {
    /** The flavor's name. */
    declare readonly name: pulumi.Output<string>;
    /** Virtual CPUs. */
    declare readonly vcpus: pulumi.Output<number>;
    /** Memory in MiB. */
    declare readonly ramMb: pulumi.Output<number>;
    /** Root disk in GiB. */
    declare readonly diskGb: pulumi.Output<number>;
    /** Ephemeral disk in GiB. */
    declare readonly ephemeralGb: pulumi.Output<number>;
    /** Swap in MiB. */
    declare readonly swapMb: pulumi.Output<number>;
    /** Bandwidth factor relative to the network's. */
    declare readonly rxtxFactor: pulumi.Output<number>;
    /** Whether every project may use the flavor. */
    declare readonly isPublic: pulumi.Output<boolean>;
    /** The flavor's id as Nova reports it. */
    declare readonly flavorId: pulumi.Output<string>;
    /** Free text shown to users, when there is any. */
    declare readonly description: pulumi.Output<string | undefined>;
    /** The flavor's extra specs. */
    declare readonly extraSpecs: pulumi.Output<Record<string, string>>;
    /** Project ids with access, sorted; empty for a public flavor. */
    declare readonly projects: pulumi.Output<string[]>;

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
        super(provider, name, { ...outputs, ...args }, opts, "openstack", "Flavor");
    }
}
