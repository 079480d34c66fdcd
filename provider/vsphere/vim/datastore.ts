/**
 * The datastore data objects of vim25 this library reads and writes: a datastore's summary, info and mounts; the
 * NAS mount spec; the VMFS disks and create options a host offers; the datastore browser's search spec and
 * results. Encoders write fields in WSDL order.
 */
import { list, moref, obj, SoapObject, str, VimObject, VimValue } from "../client/xml";
import { dataObject, num } from "./data";

/** `DatastoreSummary`, as far as the library reads it. */
export interface DatastoreSummary {
    url: string;
    capacity: number;
    freeSpace: number;
}

export function decodeDatastoreSummary(value: VimValue | undefined): DatastoreSummary {
    const summary = obj(value, "Datastore.summary");
    return {
        url: str(summary.url, "DatastoreSummary.url"),
        capacity: num(summary.capacity, "DatastoreSummary.capacity"),
        freeSpace: num(summary.freeSpace, "DatastoreSummary.freeSpace"),
    };
}

/** `HostNasVolume`: an NFS export as a mounted datastore reports it. */
export interface NasVolume {
    /** Every server of the export (one for NFS 3; `remoteHostNames` for NFS 4.1). */
    remoteHosts: string[];
    remotePath: string;
    /** "NFS" or "NFS41". */
    type: string;
}

/** `HostVmfsVolume`, as far as the library reads it. */
export interface VmfsVolume {
    majorVersion: number;
    uuid: string;
    /** The disk of the first extent. */
    diskName: string;
}

/** A datastore's `info`: of the kind's type (`NasDatastoreInfo`, `VmfsDatastoreInfo`, …). */
export type DatastoreInfo =
    { type: "NasDatastoreInfo"; nas: NasVolume } | { type: "VmfsDatastoreInfo"; vmfs: VmfsVolume } | { type: string };

function decodeNas(value: VimValue | undefined): NasVolume {
    const nas = obj(value, "NasDatastoreInfo.nas");
    const servers = list(nas.remoteHostNames).map((h) => str(h, "HostNasVolume.remoteHostNames"));
    return {
        remoteHosts: servers.length ? servers : [str(nas.remoteHost, "HostNasVolume.remoteHost")],
        remotePath: str(nas.remotePath, "HostNasVolume.remotePath"),
        type: str(nas.type, "HostNasVolume.type"),
    };
}

function decodeVmfs(value: VimValue | undefined): VmfsVolume {
    const vmfs = obj(value, "VmfsDatastoreInfo.vmfs");
    const extent = obj(list(vmfs.extent)[0], "HostVmfsVolume.extent");
    return {
        majorVersion: num(vmfs.majorVersion, "HostVmfsVolume.majorVersion"),
        uuid: str(vmfs.uuid, "HostVmfsVolume.uuid"),
        diskName: str(extent.diskName, "HostScsiDiskPartition.diskName"),
    };
}

export function decodeDatastoreInfo(value: VimValue | undefined): DatastoreInfo {
    const info = obj(value, "Datastore.info");
    switch (info.$type) {
        case "NasDatastoreInfo":
            return { type: info.$type, nas: decodeNas(info.nas) };
        case "VmfsDatastoreInfo":
            return { type: info.$type, vmfs: decodeVmfs(info.vmfs) };
        default:
            return { type: info.$type ?? "?" };
    }
}

/** A host's mount of a datastore (`DatastoreHostMount`), from the datastore's `host` property. */
export interface Mount {
    hostId: string;
    accessMode: string;
    mounted: boolean;
}

export function decodeMounts(value: VimValue | undefined): Mount[] {
    return list(value).map((m) => {
        const mount = obj(m, "DatastoreHostMount");
        const info = obj(mount.mountInfo, "DatastoreHostMount.mountInfo");
        return {
            hostId: moref(mount.key, "DatastoreHostMount.key").value,
            accessMode: str(info.accessMode, "HostMountInfo.accessMode"),
            mounted: info.mounted !== false && info.mounted !== "false",
        };
    });
}

/** `HostNasVolumeSpec`: the export to mount and how. */
export interface NasVolumeSpec {
    remoteHosts: string[];
    remotePath: string;
    /** The datastore's name. */
    localPath: string;
    /** "readWrite" or "readOnly". */
    accessMode: string;
    /** "NFS" or "NFS41". */
    type: string;
}

/** A `HostNasVolumeSpec`: the first server as `remoteHost`, and every server in `remoteHostNames` for NFS 4.1. */
export function encodeNasVolumeSpec(spec: NasVolumeSpec): SoapObject {
    return dataObject({
        remoteHost: spec.remoteHosts[0],
        remotePath: spec.remotePath,
        localPath: spec.localPath,
        accessMode: spec.accessMode,
        type: spec.type,
        remoteHostNames: spec.type === "NFS41" ? spec.remoteHosts : undefined,
    });
}

/** A disk a host offers for VMFS (`HostScsiDisk`), as far as the library reads it. */
export interface ScsiDisk {
    canonicalName: string;
    devicePath: string;
    /** Capacity in bytes. */
    capacity: number;
}

export function decodeScsiDisk(value: VimValue): ScsiDisk {
    const disk = obj(value, "HostScsiDisk");
    const capacity = obj(disk.capacity, "HostScsiDisk.capacity");
    return {
        canonicalName: str(disk.canonicalName, "HostScsiDisk.canonicalName"),
        devicePath: str(disk.devicePath, "HostScsiDisk.devicePath"),
        capacity: num(capacity.block, "block") * num(capacity.blockSize, "blockSize"),
    };
}

/**
 * A `VmfsDatastoreOption` of `QueryVmfsDatastoreCreateOptions`: the kind of layout it proposes
 * (`VmfsDatastoreAllExtentOption`: the whole disk) and its `VmfsDatastoreCreateSpec`, kept as vCenter sent it
 * so that it goes back whole.
 */
export interface VmfsCreateOption {
    layout: string;
    spec: VimObject;
}

export function decodeVmfsCreateOption(value: VimValue): VmfsCreateOption {
    const option = obj(value, "VmfsDatastoreOption");
    return {
        layout: obj(option.info, "VmfsDatastoreOption.info").$type ?? "",
        spec: obj(option.spec, "VmfsDatastoreOption.spec"),
    };
}

/** The create spec of `option` with the volume named: `volumeName` follows `majorVersion` in `HostVmfsSpec`. */
export function encodeVmfsCreateSpec(option: VmfsCreateOption, name: string): SoapObject {
    const vmfs = obj(option.spec.vmfs, "VmfsDatastoreCreateSpec.vmfs");
    const entries = Object.entries(vmfs).filter(([k]) => k !== "volumeName");
    entries.splice(entries.findIndex(([k]) => k === "majorVersion") + 1, 0, ["volumeName", name]);
    return { ...option.spec, vmfs: Object.fromEntries(entries) } as SoapObject;
}

/** `HostDatastoreBrowserSearchSpec`: names matching `pattern`, of folders only when `foldersOnly`. */
export function encodeSearchSpec(pattern: string, foldersOnly: boolean): SoapObject {
    return dataObject({ query: foldersOnly ? { $type: "FolderFileQuery" } : undefined, matchPattern: pattern });
}

/** An entry of `HostDatastoreBrowserSearchResults.file`. */
export interface DatastoreFile {
    name: string;
    folder: boolean;
}

export function decodeSearchResults(value: VimValue | undefined): DatastoreFile[] {
    const found = value === undefined ? {} : obj(value, "HostDatastoreBrowserSearchResults");
    return list(found.file)
        .map((f) => obj(f, "FileInfo"))
        .map((f) => ({ name: str(f.path, "FileInfo.path"), folder: f.$type === "FolderFileInfo" }));
}
