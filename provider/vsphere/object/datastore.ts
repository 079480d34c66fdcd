/** `Datastore` and its `HostDatastoreBrowser`: a datastore's settings, mounts, VMs and files. */
import { VimClient } from "../client/client";
import { isFault } from "../client/faults";
import { runTask } from "../client/task";
import { list, ManagedObjectReference, moref, str } from "../client/xml";
import {
    DatastoreFile,
    DatastoreInfo,
    DatastoreSummary,
    decodeDatastoreInfo,
    decodeDatastoreSummary,
    decodeMounts,
    decodeSearchResults,
    encodeSearchSpec,
    Mount,
} from "../vim/datastore";
import { ManagedObject } from "./managedObject";

/** A datastore path, e.g. `[nfs1] openstack_glance`. */
export function datastorePath(datastoreName: string, path = ""): string {
    return path ? `[${datastoreName}] ${path}` : `[${datastoreName}]`;
}

/** A datastore's settings, as the resources read them. */
export interface DatastoreProps {
    name: string;
    summary: DatastoreSummary;
    info: DatastoreInfo;
    mounts: Mount[];
}

/** What a destroy or a folder needs of a datastore: name, mounts, VMs and browser. */
export interface DatastoreUse {
    name: string;
    mounts: Mount[];
    vms: ManagedObjectReference[];
    browser: HostDatastoreBrowser;
}

export class Datastore extends ManagedObject {
    static readonly TYPE = "Datastore";

    constructor(client: VimClient, id: string) {
        super(client, new ManagedObjectReference(Datastore.TYPE, id));
    }

    /** Name, summary, info and mounts in one round trip; undefined when the datastore is gone. */
    async read(): Promise<DatastoreProps | undefined> {
        const props = await this.propertiesIfExists(["name", "summary", "info", "host"]);
        return (
            props && {
                name: str(props.name, "Datastore.name"),
                summary: decodeDatastoreSummary(props.summary),
                info: decodeDatastoreInfo(props.info),
                mounts: decodeMounts(props.host),
            }
        );
    }

    /** Name, mounts, VMs and browser in one round trip; undefined when the datastore is gone. */
    async use(): Promise<DatastoreUse | undefined> {
        const props = await this.propertiesIfExists(["name", "host", "vm", "browser"]);
        return (
            props && {
                name: str(props.name, "Datastore.name"),
                mounts: decodeMounts(props.host),
                vms: list(props.vm).map((v) => moref(v, "Datastore.vm")),
                browser: new HostDatastoreBrowser(this.client, moref(props.browser, "Datastore.browser")),
            }
        );
    }
}

/**
 * VMFS keeps its metadata in hidden `.*.sf` files at the root, and a distributed switch keeps port state in
 * `.dvsData`; they belong to the datastore, not to anyone's data.
 */
const SYSTEM_FILE = /^(\.[a-z0-9]+\.sf|\.dvsData)$/;

export class HostDatastoreBrowser extends ManagedObject {
    /**
     * The entries of a directory (`SearchDatastore_Task`) with names matching `pattern` (`*` for all), the
     * datastore's own system files left out. Undefined when the directory does not exist.
     */
    async list(dsPath: string, pattern = "*", foldersOnly = false): Promise<DatastoreFile[] | undefined> {
        let result;
        try {
            result = await runTask(this.client, "SearchDatastore_Task", {
                _this: this.ref,
                datastorePath: dsPath,
                searchSpec: encodeSearchSpec(pattern, foldersOnly),
            });
        } catch (err) {
            if (isFault(err, "FileNotFound")) {
                return undefined;
            }
            throw err;
        }
        return decodeSearchResults(result).filter((f) => !SYSTEM_FILE.test(f.name));
    }
}
