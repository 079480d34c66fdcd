import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";

/** The inputs of a {@link Flavor}. */
export interface FlavorArgs {
    /** The flavor's name, unique in Nova: 1 to 255 characters. Changing this forces replacement. */
    name: pulumi.Input<string>;
    /** Virtual CPUs, from 1. Changing this forces replacement. */
    vcpus: pulumi.Input<number>;
    /** Memory in MiB, from 4 and a multiple of 4 (the VMware driver needs it). Changing this forces replacement. */
    ramMb: pulumi.Input<number>;
    /** Root disk in GiB; 0 boots from an image-sized disk. Changing this forces replacement. */
    diskGb: pulumi.Input<number>;
    /** Ephemeral disk in GiB. Defaults to 0. Changing this forces replacement. */
    ephemeralGb?: pulumi.Input<number>;
    /** Swap in MiB. Defaults to 0. Changing this forces replacement. */
    swapMb?: pulumi.Input<number>;
    /** Bandwidth factor relative to the network's. Defaults to 1. Changing this forces replacement. */
    rxtxFactor?: pulumi.Input<number>;
    /** Whether every project may use the flavor. Defaults to true. Changing this forces replacement. */
    isPublic?: pulumi.Input<boolean>;
    /**
     * The flavor's id; Nova assigns a UUID when unset. An omitted value keeps whatever id the flavor has.
     * Changing this forces replacement.
     */
    flavorId?: pulumi.Input<string>;
    /** Free text shown to users, at most 65535 characters. Updated in place. Needs compute microversion 2.55. */
    description?: pulumi.Input<string>;
    /**
     * Extra specs, e.g. `{"vmware:hw_version": "vmx-13", "quota:cpu_limit": "2000"}`. Updated in place: keys
     * that are no longer declared are removed from the flavor.
     */
    extraSpecs?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /**
     * Ids of the projects given access to a private flavor (`isPublic: false`); not allowed on a public one.
     * Updated in place. Defaults to none.
     */
    projects?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Take over a flavor that already exists with this name instead of failing: its sizes must equal the
     * declared ones (Nova cannot change them), its description, extra specs and project access are set to the
     * declared ones. Has an effect only when the resource is created. Defaults to false.
     */
    adopt?: pulumi.Input<boolean>;
}

/** What the provider stores for a flavor: its inputs with defaults applied, as read back from Nova. */
export interface FlavorState {
    /** The flavor's name. */
    name: string;
    /** Virtual CPUs. */
    vcpus: number;
    /** Memory in MiB. */
    ramMb: number;
    /** Root disk in GiB. */
    diskGb: number;
    /** Ephemeral disk in GiB. */
    ephemeralGb: number;
    /** Swap in MiB. */
    swapMb: number;
    /** Bandwidth factor relative to the network's. */
    rxtxFactor: number;
    /** Whether every project may use the flavor. */
    isPublic: boolean;
    /** The flavor's id as Nova reports it. */
    flavorId: string;
    /** Free text shown to users; null when there is none. */
    description: string | null;
    /** The flavor's extra specs. */
    extraSpecs: Record<string, string>;
    /** Project ids with access, sorted; empty for a public flavor. */
    projects: string[];
}

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
