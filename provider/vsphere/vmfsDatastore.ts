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
import type { OwnedInputs } from "../../model/owner";
import { diffByRules } from "../../model/diff";
import { VimClient } from "./client/client";
import { VSphereError } from "./client/faults";
import { escapeName } from "../../model/vsphere/inventoryPath";
import { ManagedObjectReference } from "./client/xml";
import { ScsiDisk } from "./vim/datastore";
import { datacenterOf } from "./object/datacenter";
import { HostSystem, MountingHost, mountingHosts } from "./object/host";
import { stillThere } from "./object/managedObject";
import { onConnection, vsphereClient } from "./connection";
import { createOrAdopt } from "./lifecycle/adopt";
import {
    destroyDatastore,
    mountedHostIds,
    readDatastore,
    refuseToAdoptOther,
    renameDatastore,
} from "./lifecycle/datastore";

type Inputs = pulumi.Unwrap<VmfsDatastoreArgs> & OwnedInputs;

/** What the state keeps from before: vCenter does not report it with the datastore. */
type Known = Pick<VmfsDatastoreState, "datacenterId" | "hostId" | "forceDestroy">;

/** Reads a VMFS datastore in one round trip. */
async function readState(client: VimClient, id: string, known: Known): Promise<VmfsDatastoreState | undefined> {
    const ds = await readDatastore(client, id, "VmfsDatastoreInfo", "VMFS datastore", known.datacenterId);
    if (!ds) {
        return undefined;
    }
    const { vmfs } = ds.info;
    const hosts = mountedHostIds(ds.mounts);
    return {
        name: ds.name,
        hostId: hosts.includes(known.hostId) || hosts.length === 0 ? known.hostId : hosts[0],
        disk: vmfs.diskName,
        vmfsVersion: vmfs.majorVersion,
        uuid: vmfs.uuid,
        ...ds.common,
        forceDestroy: known.forceDestroy,
    };
}

async function mustReadState(client: VimClient, id: string, known: Known): Promise<VmfsDatastoreState> {
    return stillThere(await readState(client, id, known), "VMFS datastore", id);
}

/** A disk for messages: `naa.… (100 GiB)`. */
function describeDisk(disk: ScsiDisk): string {
    return `${disk.canonicalName} (${Math.round(disk.capacity / 2 ** 30)} GiB)`;
}

/** The declared disk is not among the host's disks free for VMFS (an earlier create may have formatted it). */
class DiskUnavailable extends VSphereError {}

/**
 * Formats the disk as a VMFS datastore the way vCenter's client does: the disk must be among the host's disks
 * available for VMFS; of its create options the one that uses the whole disk is taken, named, and created.
 */
async function createVmfs(host: MountingHost, inputs: Inputs): Promise<ManagedObjectReference> {
    const dss = host.datastoreSystem;
    const disks = await dss.availableDisksForVmfs();
    const disk = disks.find((d) => d.canonicalName === inputs.disk);
    if (!disk) {
        const available = disks.map(describeDisk).join(", ") || "none";
        throw new DiskUnavailable(
            `disk "${inputs.disk}" is not available for a VMFS datastore on host "${host.name}" (${inputs.hostId}): ` +
                `it is not attached to the host or already in use; available: ${available}`,
        );
    }
    const options = await dss.vmfsCreateOptions(disk.devicePath);
    const option = options.find((o) => o.layout === "VmfsDatastoreAllExtentOption");
    if (!option) {
        throw new VSphereError(`host "${host.name}" offers no way to give all of disk "${inputs.disk}" to VMFS`);
    }
    return dss.createVmfsDatastore(option, inputs.name);
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
        const host = (await mountingHosts(client, [inputs.hostId], "hostId")).get(inputs.hostId)!;
        const dc = await datacenterOf(client, HostSystem.refOf(inputs.hostId), `host ${inputs.hostId}`);
        const path = `${dc.path}/datastore/${escapeName(inputs.name)}`;
        const { ref, adopted } = await createOrAdopt(client, {
            kind: "VMFS datastore",
            path,
            types: ["Datastore"],
            adopt: inputs.adopt ?? false,
            owner: inputs.owner,
            parent: HostSystem.refOf(inputs.hostId),
            create: () => createVmfs(host, inputs),
            mayBeOurs: (err) => err instanceof DiskUnavailable,
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
