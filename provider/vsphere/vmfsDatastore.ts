/** The provider of `vsphere.VmfsDatastore`. */
import type * as pulumi from "@pulumi/pulumi";
import {
    checkInputs,
    PLACE_FIELDS,
    rules,
    VmfsDatastoreArgs,
    VmfsDatastoreState,
} from "../../model/vsphere/vmfsDatastore";
import { configureProviders } from "../config";
import { diffByRules } from "../../model/diff";
import { VimClient } from "./client/client";
import { VSphereError } from "./client/faults";
import { escapeName } from "../../model/vsphere/inventoryPath";
import { list, ManagedObjectReference, moref, obj, SoapObject, str, VimObject } from "./client/xml";
import { stillThere } from "./object";
import { onConnection, vsphereClient } from "./connection";
import {
    datacenterOf,
    destroyDatastore,
    HostInfo,
    hostInfos,
    hostRef,
    mountedHostIds,
    readDatastore,
    refuseToAdoptOther,
    renameDatastore,
} from "./datastores";
import { createOrAdopt } from "./lifecycle";

type Inputs = pulumi.Unwrap<VmfsDatastoreArgs>;

/** What the state keeps from before: vCenter does not report it with the datastore. */
type Known = Pick<VmfsDatastoreState, "datacenterId" | "hostId" | "forceDestroy">;

/** Reads a VMFS datastore in one round trip. */
async function readState(client: VimClient, id: string, known: Known): Promise<VmfsDatastoreState | undefined> {
    const ds = await readDatastore(client, id, "VmfsDatastoreInfo", "VMFS datastore", known.datacenterId);
    if (!ds) {
        return undefined;
    }
    const vmfs = obj(ds.info.vmfs, "VmfsDatastoreInfo.vmfs");
    const extent = obj(list(vmfs.extent)[0], "HostVmfsVolume.extent");
    const hosts = mountedHostIds(ds.mounts);
    return {
        name: ds.name,
        hostId: hosts.includes(known.hostId) || hosts.length === 0 ? known.hostId : hosts[0],
        disk: str(extent.diskName, "HostScsiDiskPartition.diskName"),
        vmfsVersion: Number(str(vmfs.majorVersion, "HostVmfsVolume.majorVersion")),
        uuid: str(vmfs.uuid, "HostVmfsVolume.uuid"),
        ...ds.common,
        forceDestroy: known.forceDestroy,
    };
}

async function mustReadState(client: VimClient, id: string, known: Known): Promise<VmfsDatastoreState> {
    return stillThere(await readState(client, id, known), "VMFS datastore", id);
}

/** A disk as `QueryAvailableDisksForVmfs` lists it, for messages: `naa.… (100 GiB)`. */
function describeDisk(disk: VimObject): string {
    const capacity = obj(disk.capacity, "HostScsiDisk.capacity");
    const bytes = Number(str(capacity.block, "block")) * Number(str(capacity.blockSize, "blockSize"));
    return `${str(disk.canonicalName, "HostScsiDisk.canonicalName")} (${Math.round(bytes / 2 ** 30)} GiB)`;
}

/** The spec with the volume's name set: `volumeName` follows `majorVersion` in `HostVmfsSpec`. */
function withVolumeName(spec: VimObject, name: string): SoapObject {
    const entries = Object.entries(obj(spec.vmfs, "VmfsDatastoreCreateSpec.vmfs")).filter(([k]) => k !== "volumeName");
    entries.splice(entries.findIndex(([k]) => k === "majorVersion") + 1, 0, ["volumeName", name]);
    return { ...spec, vmfs: Object.fromEntries(entries) } as SoapObject;
}

/**
 * Formats the disk as a VMFS datastore the way vCenter's client does: the disk must be among the host's disks
 * available for VMFS; of its create options the one that uses the whole disk is taken, named, and created.
 */
async function createVmfs(client: VimClient, host: HostInfo, inputs: Inputs): Promise<ManagedObjectReference> {
    const dss = host.datastoreSystem;
    const disks = list(await client.invoke("QueryAvailableDisksForVmfs", { _this: dss })).map((d) =>
        obj(d, "HostScsiDisk"),
    );
    const disk = disks.find((d) => d.canonicalName === inputs.disk);
    if (!disk) {
        const available = disks.map(describeDisk).join(", ") || "none";
        throw new VSphereError(
            `disk "${inputs.disk}" is not available for a VMFS datastore on host "${host.name}" (${inputs.hostId}): ` +
                `it is not attached to the host or already in use; available: ${available}`,
        );
    }
    const options = list(
        await client.invoke("QueryVmfsDatastoreCreateOptions", {
            _this: dss,
            devicePath: str(disk.devicePath, "HostScsiDisk.devicePath"),
        }),
    ).map((o) => obj(o, "VmfsDatastoreOption"));
    const option = options.find(
        (o) => obj(o.info, "VmfsDatastoreOption.info").$type === "VmfsDatastoreAllExtentOption",
    );
    if (!option) {
        throw new VSphereError(`host "${host.name}" offers no way to give all of disk "${inputs.disk}" to VMFS`);
    }
    const spec = withVolumeName(obj(option.spec, "VmfsDatastoreOption.spec"), inputs.name);
    return moref(await client.invoke("CreateVmfsDatastore", { _this: dss, spec }), "CreateVmfsDatastore");
}

class VmfsDatastoreProvider implements pulumi.dynamic.ResourceProvider<Inputs, VmfsDatastoreState> {
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        configureProviders(req.config);
    }

    async check(_olds: Inputs, news: Inputs): Promise<pulumi.dynamic.CheckResult<Inputs>> {
        return checkInputs(news);
    }

    async diff(_id: string, olds: VmfsDatastoreState, news: Inputs): Promise<pulumi.dynamic.DiffResult> {
        return diffByRules(rules, olds, { ...news, forceDestroy: news.forceDestroy ?? false });
    }

    async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<VmfsDatastoreState>> {
        const client = vsphereClient();
        const host = (await hostInfos(client, [inputs.hostId], "hostId")).get(inputs.hostId)!;
        const dc = await datacenterOf(client, hostRef(inputs.hostId), `host ${inputs.hostId}`);
        const path = `${dc.path}/datastore/${escapeName(inputs.name)}`;
        const { ref, adopted } = await createOrAdopt(client, {
            kind: "VMFS datastore",
            path,
            types: ["Datastore"],
            adopt: inputs.adopt ?? false,
            create: () => createVmfs(client, host, inputs),
        });
        const known = { datacenterId: dc.ref.value, hostId: inputs.hostId, forceDestroy: inputs.forceDestroy ?? false };
        const state = await mustReadState(client, ref.value, known);
        if (adopted) {
            refuseToAdoptOther(path, state, inputs, PLACE_FIELDS);
        }
        return { id: ref.value, outs: state };
    }

    async read(id: string, props?: VmfsDatastoreState): Promise<pulumi.dynamic.ReadResult<VmfsDatastoreState>> {
        const known = props ?? { datacenterId: "", hostId: "", forceDestroy: false };
        const state = await readState(vsphereClient(), id, known);
        return state ? { id, props: state } : {};
    }

    async update(
        id: string,
        olds: VmfsDatastoreState,
        news: Inputs,
    ): Promise<pulumi.dynamic.UpdateResult<VmfsDatastoreState>> {
        const client = vsphereClient();
        if (olds.name !== news.name) {
            await renameDatastore(client, id, news.name);
        }
        return { outs: await mustReadState(client, id, { ...olds, forceDestroy: news.forceDestroy ?? false }) };
    }

    async delete(id: string, props: VmfsDatastoreState): Promise<void> {
        await destroyDatastore(vsphereClient(), id, "VMFS datastore", props.forceDestroy, "to erase them with it");
    }
}

export const provider = onConnection(new VmfsDatastoreProvider());
