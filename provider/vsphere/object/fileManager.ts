/** `FileManager`: directories and files on datastores, by datastore path. */
import { VimClient } from "../client/client";
import { ManagedObjectReference } from "../client/xml";
import { ManagedObject } from "./managedObject";

export class FileManager extends ManagedObject {
    /** The service's file manager. */
    static async of(client: VimClient): Promise<FileManager> {
        return new FileManager(client, (await client.serviceContent()).fileManager);
    }

    /** Makes a directory and its missing parents (`MakeDirectory`); an existing one is `FileAlreadyExists`. */
    async makeDirectory(dsPath: string, datacenter: ManagedObjectReference): Promise<void> {
        await this.call("MakeDirectory", { name: dsPath, datacenter, createParentDirectories: true });
    }

    /** Deletes a file, or a directory with its contents (`DeleteDatastoreFile_Task`). */
    async deleteFile(dsPath: string, datacenter: ManagedObjectReference): Promise<void> {
        await this.task("DeleteDatastoreFile_Task", { name: dsPath, datacenter });
    }
}
