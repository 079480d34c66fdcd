/** `HostDatastoreSystem`: how a host mounts, formats and removes datastores. */
import { list, ManagedObjectReference, moref } from "../client/xml";
import {
    decodeScsiDisk,
    decodeVmfsCreateOption,
    encodeNasVolumeSpec,
    encodeVmfsCreateSpec,
    NasVolumeSpec,
    ScsiDisk,
    VmfsCreateOption,
} from "../vim/datastore";
import { ManagedObject } from "./managedObject";

export class HostDatastoreSystem extends ManagedObject {
    /** Mounts an NFS export (`CreateNasDatastore`); the datastore it is on this host. */
    async createNasDatastore(spec: NasVolumeSpec): Promise<ManagedObjectReference> {
        const created = await this.call("CreateNasDatastore", { spec: encodeNasVolumeSpec(spec) });
        return moref(created, "CreateNasDatastore");
    }

    /** Unmounts a datastore from the host (`RemoveDatastore`); from its last host, vCenter removes it. */
    async removeDatastore(datastore: ManagedObjectReference): Promise<void> {
        await this.call("RemoveDatastore", { datastore });
    }

    /** The host's disks that a VMFS datastore can take (`QueryAvailableDisksForVmfs`). */
    async availableDisksForVmfs(): Promise<ScsiDisk[]> {
        return list(await this.call("QueryAvailableDisksForVmfs")).map(decodeScsiDisk);
    }

    /** The layouts the host offers for a VMFS datastore on a disk (`QueryVmfsDatastoreCreateOptions`). */
    async vmfsCreateOptions(devicePath: string): Promise<VmfsCreateOption[]> {
        return list(await this.call("QueryVmfsDatastoreCreateOptions", { devicePath })).map(decodeVmfsCreateOption);
    }

    /** Formats a disk as the VMFS datastore `name` with one of its create options (`CreateVmfsDatastore`). */
    async createVmfsDatastore(option: VmfsCreateOption, name: string): Promise<ManagedObjectReference> {
        const created = await this.call("CreateVmfsDatastore", { spec: encodeVmfsCreateSpec(option, name) });
        return moref(created, "CreateVmfsDatastore");
    }
}
