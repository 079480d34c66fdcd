/**
 * The contract of `openstack.Flavor`, without I/O: its inputs and stored state, which fields replace it (Nova
 * cannot change a flavor's size) and which change in place, and the checks run at preview.
 */
import type * as pulumi from "@pulumi/pulumi";
import { InputChecker } from "../check";
import { FieldRules } from "../diff";
import { MAX_OWNER_LENGTH } from "../owner";
import { checkVmwareExtraSpecs } from "./flavorSpecs";

/** Nova's 65535 characters of description, less the owner marker and the space before it. */
export const MAX_DESCRIPTION_LENGTH = 65535 - MAX_OWNER_LENGTH - 1;

/** The inputs of a `openstack.Flavor`. */
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
    /**
     * Free text shown to users, at most 65279 printable characters. Nova holds it followed by a space and the
     * resource's owner marker (`vsphere-openstack:<project>/<stack>/openstack:Flavor/<name>`, at most 255
     * characters, within Nova's 65535), which the state leaves out. Updated in place. Needs compute microversion
     * 2.55.
     */
    description?: pulumi.Input<string>;
    /**
     * Extra specs, e.g. `{"vmware:hw_version": "vmx-13", "quota:cpu_limit": "2000"}`. Updated in place: keys
     * that are no longer declared are removed from the flavor.
     */
    extraSpecs?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /**
     * Ids of the projects given access to a private flavor (`isPublic: false`); not allowed on a public one. When
     * set, the list is managed as a whole: access granted otherwise (e.g. by `@pulumi/openstack`'s
     * `compute.FlavorAccess`) is revoked, so don't set both on one flavor. When unset, the flavor's access is left
     * as others make it; `[]` revokes every access. Updated in place. A new flavor has no project access.
     */
    projects?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Take over a flavor that already exists with this name instead of failing: its sizes must equal the
     * declared ones (Nova cannot change them), its description, extra specs and (when declared) project access
     * are set to the declared ones. Without it, only a flavor this resource itself created (its description
     * carries the resource's owner marker) is taken over. Has an effect only when the resource is created.
     * Defaults to false.
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

export const rules: FieldRules<FlavorState> = {
    replace: ["name", "vcpus", "ramMb", "diskGb", "ephemeralGb", "swapMb", "rxtxFactor", "isPublic", "flavorId"],
    update: ["description", "extraSpecs", "projects"],
    keepWhenOmitted: ["flavorId", "projects"],
    deleteBeforeReplace: true,
};

/** Nova keeps sizes in 32-bit integer columns. */
const MAX_INT = 2147483647;

/** The preview checks of the inputs, before any API call; pure, so that a whole stack spec can use them. */
export function checkInputs(news: pulumi.Unwrap<FlavorArgs>): pulumi.dynamic.CheckResult<pulumi.Unwrap<FlavorArgs>> {
    const c = new InputChecker();
    c.name("name", news.name, 255);
    c.integer("vcpus", news.vcpus, 1, MAX_INT, true);
    c.integer("ramMb", news.ramMb, 4, MAX_INT, true);
    if (typeof news.ramMb === "number" && news.ramMb % 4 !== 0) {
        c.fail("ramMb", `ramMb must be a multiple of 4 MiB (the VMware driver needs it), not ${news.ramMb}`);
    }
    c.integer("diskGb", news.diskGb, 0, MAX_INT, true);
    c.integer("ephemeralGb", news.ephemeralGb, 0, MAX_INT, false);
    c.integer("swapMb", news.swapMb, 0, MAX_INT, false);
    c.number("rxtxFactor", news.rxtxFactor, Number.MIN_VALUE, 3.4e38);
    c.boolean("isPublic", news.isPublic);
    c.name("flavorId", news.flavorId, 255, false);
    c.string("description", news.description, MAX_DESCRIPTION_LENGTH);
    if (c.stringMap("extraSpecs", news.extraSpecs)) {
        checkVmwareExtraSpecs(c, news.vcpus, news.extraSpecs);
    }
    if (c.stringList("projects", news.projects) && news.projects.length && news.isPublic !== false) {
        c.fail("projects", "projects grants access to a private flavor: set isPublic to false, or remove projects");
    }
    c.boolean("adopt", news.adopt);
    return c.result(news);
}
