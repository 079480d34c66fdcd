/**
 * The contract of `vsphere.Datacenter`, without I/O: its inputs and stored state, which fields replace it and
 * which change in place, and the checks run at preview — shared by the resource class and its provider.
 */
import type * as pulumi from "@pulumi/pulumi";
import { InputChecker } from "../check";
import { FieldRules } from "../diff";
import { normalizePath } from "./inventoryPath";
import { checkInventoryName, checkLifecycle, LifecycleArgs } from "./lifecycle";

/** The inputs of a `vsphere.Datacenter`. */
export interface DatacenterArgs extends LifecycleArgs {
    /**
     * The datacenter's name: at most 80 characters, without "/", "\" or "%", unique within its folder. Changing
     * it renames the datacenter in place (its MOID stays).
     */
    name: pulumi.Input<string>;
    /**
     * The inventory path of the folder that holds the datacenter, e.g. `/emea`; the folder must exist.
     * Defaults to `/`, the root folder. Changing this forces replacement.
     */
    folder?: pulumi.Input<string>;
}

/** What the provider stores for a datacenter: its inputs with defaults applied, and what vCenter assigned. */
export interface DatacenterState {
    /** The datacenter's name. */
    name: string;
    /** The inventory path of the folder that holds the datacenter; `/` unless declared. */
    folder: string;
    /** MOID of the folder holding the datacenter. */
    parentId: string;
    /** MOID of the datacenter's host folder (where clusters and hosts go). */
    hostFolderId: string;
    /** MOID of the datacenter's network folder (where distributed switches go). */
    networkFolderId: string;
    /** MOID of the datacenter's datastore folder. */
    datastoreFolderId: string;
    /** MOID of the datacenter's VM folder. */
    vmFolderId: string;
    /** Whether destroying the object also destroys what it holds that the stack does not manage; false unless set. */
    forceDestroy: boolean;
}

/** The inputs as the provider receives them, the folder defaulted by {@link checkInputs}. */
export type DatacenterInputs = pulumi.Unwrap<DatacenterArgs> & { folder: string };

export const rules: FieldRules<DatacenterState> = {
    replace: ["folder"],
    update: ["name", "forceDestroy"],
};

/** The preview checks of a datacenter's inputs; the folder defaults to the root folder. */
export function checkInputs(news: pulumi.Unwrap<DatacenterArgs>): pulumi.dynamic.CheckResult<DatacenterInputs> {
    const c = new InputChecker();
    checkInventoryName(c, "name", news.name);
    c.string("folder", news.folder);
    checkLifecycle(c, news);
    const folder = typeof news.folder === "string" ? normalizePath(news.folder) : "/";
    return c.result({ ...news, folder });
}
