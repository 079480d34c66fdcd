/**
 * The contract of `vsphere.NasDatastore`, without I/O: its inputs and stored state, which fields replace it
 * (the export and how it is mounted) and which change in place, and the checks run at preview.
 */
import type * as pulumi from "@pulumi/pulumi";
import { InputChecker } from "../check";
import { FieldRules, UNKNOWN } from "../diff";
import { isHostName } from "../net/hostName";
import { idSet } from "./datastore";
import { checkInventoryName, checkLifecycle, LifecycleArgs } from "./lifecycle";

/** The inputs of a `vsphere.NasDatastore`. */
export interface NasDatastoreArgs extends LifecycleArgs {
    /**
     * The MOIDs of the ESXi hosts that mount the export, e.g. `[host1.id, host2.id]` (`host-21`); at least one,
     * all in one datacenter. Order and repeats do not matter. Adding a host mounts the datastore on it, removing
     * one unmounts it there, both in place (the datastore and its MOID stay while any host mounts it).
     */
    hostIds: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * The datastore's name in vCenter (ESXi's `localPath` of the mount): at most 80 characters, without "/",
     * "\" or "%", unique within the datacenter. Changing it renames the datastore in place.
     */
    name: pulumi.Input<string>;
    /**
     * The NFS server(s), DNS names or IP addresses (e.g. `nfs.example.com`): exactly one for NFS 3, one or more
     * for NFS 4.1 (multipathing to the same export). Changing this forces replacement.
     */
    remoteHosts: pulumi.Input<pulumi.Input<string>[]>;
    /** The exported directory on the server, an absolute path, e.g. `/export/glance`. Changing this forces replacement. */
    remotePath: pulumi.Input<string>;
    /** The NFS version: `"NFS"` (NFS 3) or `"NFS41"` (NFS 4.1). Defaults to `"NFS"`. Changing this forces replacement. */
    type?: pulumi.Input<"NFS" | "NFS41">;
    /** How the hosts mount the export: `"readWrite"` or `"readOnly"`. Defaults to `"readWrite"`. Changing this forces replacement. */
    accessMode?: pulumi.Input<"readWrite" | "readOnly">;
}

/** What the provider stores for an NFS datastore: its settings as vCenter reports them. */
export interface NasDatastoreState {
    /** The datastore's name in vCenter. */
    name: string;
    /** The MOIDs of the hosts that mount the datastore, sorted. */
    hostIds: string[];
    /** The NFS server(s). */
    remoteHosts: string[];
    /** The exported directory on the server. */
    remotePath: string;
    /** The NFS version: `NFS` (NFS 3) or `NFS41` (NFS 4.1). */
    type: "NFS" | "NFS41";
    /** How the hosts mount the export: `readWrite` or `readOnly`. */
    accessMode: "readWrite" | "readOnly";
    /** MOID of the datacenter that holds the datastore. */
    datacenterId: string;
    /** The datastore's URL as vCenter reports it (`ds:///vmfs/volumes/<id>/` on vCenter). */
    url: string;
    /** Capacity in bytes, as the NFS server reports it. */
    capacityBytes: number;
    /** Free space in bytes when last read. */
    freeSpaceBytes: number;
    /** Whether destroying the object also destroys what it holds that the stack does not manage; false unless set. */
    forceDestroy: boolean;
}

/** The inputs as the provider receives them, type and access mode defaulted by {@link checkInputs}. */
export type NasDatastoreInputs = pulumi.Unwrap<NasDatastoreArgs> & Pick<NasDatastoreState, "type" | "accessMode">;

export const TYPES = ["NFS", "NFS41"] as const;
export const ACCESS_MODES = ["readWrite", "readOnly"] as const;

/** What identifies the export and how it is mounted: these replace the datastore. */
export const EXPORT_FIELDS = ["remoteHosts", "remotePath", "type", "accessMode"] as const;

export const rules: FieldRules<NasDatastoreState> = {
    replace: EXPORT_FIELDS,
    update: ["name", "hostIds", "forceDestroy"],
    // The name stays taken (and the export mounted) until the old datastore is gone.
    deleteBeforeReplace: true,
};

/** The preview checks of the inputs, before any API call; pure, so that a whole stack spec can use them. */
export function checkInputs(news: pulumi.Unwrap<NasDatastoreArgs>): pulumi.dynamic.CheckResult<NasDatastoreInputs> {
    const c = new InputChecker();
    const type = news.type ?? "NFS";
    if (c.stringList("hostIds", news.hostIds) && news.hostIds.length === 0) {
        c.fail("hostIds", "hostIds needs at least one host MOID");
    } else if (news.hostIds === undefined) {
        c.fail("hostIds", "hostIds is required: the MOIDs of the hosts that mount the datastore");
    }
    checkInventoryName(c, "name", news.name);
    if (c.stringList("remoteHosts", news.remoteHosts)) {
        news.remoteHosts.forEach((server, i) => {
            if (typeof server === "string" && server !== UNKNOWN && server !== "" && !isHostName(server)) {
                c.fail(
                    `remoteHosts[${i}]`,
                    `remoteHosts[${i}] must be a DNS name or IP address such as nfs.example.com, not ${JSON.stringify(server)}`,
                );
            }
        });
        if (news.remoteHosts.length === 0) {
            c.fail("remoteHosts", "remoteHosts needs the NFS server: one for NFS, one or more for NFS41");
        } else if (type === "NFS" && news.remoteHosts.length > 1) {
            c.fail(
                "remoteHosts",
                `remoteHosts takes one server for NFS 3, not ${news.remoteHosts.length}: set type "NFS41" for several`,
            );
        }
    } else if (news.remoteHosts === undefined) {
        c.fail("remoteHosts", "remoteHosts is required: the NFS server(s)");
    }
    c.name("remotePath", news.remotePath, 1024);
    if (typeof news.remotePath === "string" && !news.remotePath.startsWith("/")) {
        c.fail(
            "remotePath",
            `remotePath must be an absolute path on the server, not ${JSON.stringify(news.remotePath)}`,
        );
    }
    c.oneOf("type", news.type, TYPES);
    c.oneOf("accessMode", news.accessMode, ACCESS_MODES);
    checkLifecycle(c, news);
    return c.result({
        ...news,
        hostIds: idSet(news.hostIds) as string[],
        type,
        accessMode: news.accessMode ?? "readWrite",
    });
}
