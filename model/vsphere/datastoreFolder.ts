/**
 * The contract of `vsphere.DatastoreFolder`, without I/O: its inputs and stored state, which fields replace it
 * and which change in place, and the checks of a folder path run at preview.
 */
import type * as pulumi from "@pulumi/pulumi";
import { InputChecker } from "../check";
import { FieldRules, UNKNOWN } from "../diff";
import { checkLifecycle, LifecycleArgs } from "./lifecycle";

/** The inputs of a `vsphere.DatastoreFolder`. */
export interface DatastoreFolderArgs extends LifecycleArgs {
    /** The MOID of the datastore, e.g. `nfs.id` (`datastore-31`). Changing this forces replacement. */
    datastoreId: pulumi.Input<string>;
    /**
     * The folder's path from the root of the datastore, e.g. `openstack_glance`, or nested, `images/glance`
     * (missing parent folders are made too). Path elements are separated by "/" and may not be empty, `.` or
     * `..`; no leading or trailing "/", no "\", "*", "?", "[", "]"; at most 255 characters per element.
     * Changing this forces replacement.
     */
    path: pulumi.Input<string>;
}

/** What the provider stores for a datastore folder. */
export interface DatastoreFolderState {
    /** MOID of the datastore that holds the folder. */
    datastoreId: string;
    /** The folder's path from the root of the datastore, e.g. `openstack_glance`. */
    path: string;
    /** The datastore's name when last read. */
    datastoreName: string;
    /** The folder as a datastore path, e.g. `[nfs1] openstack_glance`. */
    datastorePath: string;
    /** MOID of the datacenter that holds the datastore. */
    datacenterId: string;
    /** Whether destroying the object also destroys what it holds that the stack does not manage; false unless set. */
    forceDestroy: boolean;
}

/** The longest name of a file or folder on VMFS and NFS datastores. */
export const MAX_ELEMENT_LENGTH = 255;

export const rules: FieldRules<DatastoreFolderState> = {
    replace: ["datastoreId", "path"],
    update: ["forceDestroy"],
};

/** Why a folder path is not acceptable, or undefined. */
export function pathProblem(path: string): string | undefined {
    if (path.startsWith("/")) {
        return "is relative to the datastore's root: no leading /";
    }
    if (/[\\*?[\]]/.test(path)) {
        return 'may not contain "\\", "*", "?", "[" or "]"';
    }
    const elements = path.split("/");
    if (elements.some((e) => e === "" || e === "." || e === "..")) {
        return 'has an empty, "." or ".." element';
    }
    if (elements.some((e) => e.length > MAX_ELEMENT_LENGTH)) {
        return `has an element longer than ${MAX_ELEMENT_LENGTH} characters`;
    }
    return undefined;
}

/** The preview checks of the inputs, before any API call; pure, so that a whole stack spec can use them. */
export function checkInputs(
    news: pulumi.Unwrap<DatastoreFolderArgs>,
): pulumi.dynamic.CheckResult<pulumi.Unwrap<DatastoreFolderArgs>> {
    const c = new InputChecker();
    c.name("datastoreId", news.datastoreId, 80);
    if (typeof news.datastoreId === "string" && news.datastoreId.includes(":")) {
        c.fail(
            "datastoreId",
            `datastoreId must be a datastore MOID such as "datastore-31", not ${JSON.stringify(news.datastoreId)}`,
        );
    }
    c.name("path", news.path, 1024);
    const problem = typeof news.path === "string" && news.path !== UNKNOWN ? pathProblem(news.path) : undefined;
    if (problem) {
        c.fail("path", `path ${problem}, e.g. "openstack_glance" or "images/glance"; not ${JSON.stringify(news.path)}`);
    }
    checkLifecycle(c, news);
    return c.result(news);
}
