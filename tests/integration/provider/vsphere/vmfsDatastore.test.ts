import * as assert from "node:assert/strict";
import type { Lab } from "../../../../lab/lab";
import { provider } from "../../../../provider/vsphere/vmfsDatastore";
import type { VmfsDatastoreState } from "../../../../sdk/vsphere/vmfsDatastore";
import { datastoreLab, govcDatastoreExists } from "../../../support/datastores";
import { destroyDatacenter, TestDatacenter, vsphereCallsDuring } from "../../../support/inventory";
import { govc, govcCollect, uniqueName } from "../../../support/lab";

type Inputs = Parameters<typeof provider.create>[0];

interface Disk {
    canonicalName: string;
    capacity: { block: number; blockSize: number };
}

/** The data disks of a host (its `naa.` disks), read with govc. */
async function govcDisks(lab: Lab, hostId: string): Promise<Disk[]> {
    const { "config.storageDevice.scsiLun": luns } = await govcCollect(
        lab,
        `HostSystem:${hostId}`,
        "config.storageDevice.scsiLun",
    );
    return (luns as { _value: Disk[] })._value.filter((l) => l.canonicalName.startsWith("naa."));
}

describe("vsphere.VmfsDatastore provider against the lab's vCenter", () => {
    let lab: Lab;
    let dc: TestDatacenter;
    let h1: string, h2: string;
    let hosts: string[];
    let disks: Disk[];

    async function inputs(args: Partial<Inputs> = {}): Promise<Inputs> {
        const result = await provider.check(
            {} as never,
            {
                hostId: h1,
                disk: disks[0].canonicalName,
                name: uniqueName("it-vmfs"),
                ...args,
            } as never,
        );
        assert.equal(result.failures, undefined);
        return result.inputs!;
    }

    before(async () => {
        ({ lab, dc, hosts } = await datastoreLab(2));
        [h1, h2] = dc.hostIds;
        disks = await govcDisks(lab, h1);
    });

    after(async () => {
        await destroyDatacenter(lab, dc);
    });

    it("formats a whole disk, reads it back in one round trip, renames in place, and frees the disk on destroy", async () => {
        const given = await inputs();
        let created: Awaited<ReturnType<typeof provider.create>> | undefined;
        const createCalls = await vsphereCallsDuring(async () => (created = await provider.create(given)));
        assert.deepEqual(createCalls, {
            RetrievePropertiesEx: 3,
            QueryAvailableDisksForVmfs: 1,
            QueryVmfsDatastoreCreateOptions: 1,
            CreateVmfsDatastore: 1,
        });
        const { id, outs } = created!;
        assert.match(id, /^datastore-\d+$/);
        const sectors = disks[0].capacity.block;
        const capacity = (sectors - 34 - 2048 + 1) * 512; // one GPT partition from sector 2048 to the backup GPT
        assert.deepEqual(outs, {
            name: given.name,
            hostId: h1,
            disk: disks[0].canonicalName,
            datacenterId: dc.id,
            vmfsVersion: 6,
            uuid: outs!.uuid,
            url: outs!.url,
            capacityBytes: capacity,
            freeSpaceBytes: capacity,
            forceDestroy: false,
        });
        assert.match(outs!.uuid, /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{12}$/);

        const live = await govcCollect(
            lab,
            `Datastore:${id}`,
            "name",
            "summary.type",
            "summary.capacity",
            "info.vmfs.uuid",
        );
        assert.deepEqual(live, {
            name: given.name,
            "summary.type": "VMFS",
            "summary.capacity": capacity,
            "info.vmfs.uuid": outs!.uuid,
        });
        const { "info.vmfs.extent": extent } = await govcCollect(lab, `Datastore:${id}`, "info.vmfs.extent");
        assert.deepEqual(extent, { _value: [{ diskName: disks[0].canonicalName, partition: 1 }] });

        const readCalls = await vsphereCallsDuring(async () =>
            assert.deepEqual(await provider.read(id, outs), { id, props: outs }),
        );
        assert.deepEqual(readCalls, { RetrievePropertiesEx: 1 });
        const noop = await vsphereCallsDuring(async () =>
            assert.deepEqual(await provider.diff(id, outs!, given), {
                changes: false,
                replaces: [],
                deleteBeforeReplace: true,
            }),
        );
        assert.deepEqual(noop, {});

        for (const [field, value] of [
            ["hostId", h2],
            ["disk", disks[1].canonicalName],
        ] as const) {
            assert.deepEqual(await provider.diff(id, outs!, { ...given, [field]: value }), {
                changes: true,
                replaces: [field],
                deleteBeforeReplace: true,
            });
        }

        const renamed = { ...given, name: `${given.name}-renamed` };
        let afterRename: VmfsDatastoreState | undefined;
        const renameCalls = await vsphereCallsDuring(
            async () => ({ outs: afterRename } = await provider.update(id, outs!, renamed)),
        );
        assert.deepEqual(renameCalls, {
            Rename_Task: 1,
            CreatePropertyCollector: 1,
            CreateFilter: 1,
            WaitForUpdatesEx: 1,
            DestroyPropertyCollector: 1,
            RetrievePropertiesEx: 1,
        });
        assert.deepEqual(afterRename, { ...outs, name: renamed.name });
        assert.equal((await govcCollect(lab, `Datastore:${id}`, "name")).name, renamed.name);

        await provider.delete(id, afterRename!);
        assert.equal(await govcDatastoreExists(lab, id), false);
        assert.deepEqual(await provider.read(id, outs), {});
        await provider.delete(id, afterRename!); // deleting what is already gone succeeds

        // The disk is free again.
        const again = await provider.create(given);
        assert.equal(again.outs!.disk, disks[0].canonicalName);
        await provider.delete(again.id, again.outs!);
    });

    it("refuses a disk that is in use or not on the host, listing the available ones", async () => {
        const given = await inputs();
        const { id, outs } = await provider.create(given);
        const [, second, third] = disks.map((d) => `${d.canonicalName} (${(d.capacity.block * 512) / 2 ** 30} GiB)`);
        await assert.rejects(provider.create({ ...given, name: uniqueName("it-vmfs") }), {
            message:
                `disk "${disks[0].canonicalName}" is not available for a VMFS datastore on host ` +
                `"${dc.hostNames[0]}" (${h1}): it is not attached to the host or already in use; available: ` +
                `${second}, ${third}`,
        });
        const otherHostsDisk = (await govcDisks(lab, h2))[0].canonicalName;
        await assert.rejects(provider.create({ ...given, disk: otherHostsDisk, name: uniqueName("it-vmfs") }), {
            message: new RegExp(`^disk "${otherHostsDisk}" is not available for a VMFS datastore on host`),
        });
        await assert.rejects(provider.create({ ...given, disk: disks[1].canonicalName }), {
            message:
                `/${dc.name}/datastore/${given.name} already exists (Datastore:${id}): it carries no owner marker of this library; set adopt: true to take it ` +
                `over as this VMFS datastore, or choose another name`,
        });
        await provider.delete(id, outs!);
    });

    it("sees a rename made with govc and puts the name back", async () => {
        const given = await inputs();
        const { id, outs } = await provider.create(given);
        await govc(lab, "object.rename", `/${dc.name}/datastore/${given.name}`, `${given.name}-oob`);
        const { props: drifted } = await provider.read(id, outs);
        assert.equal(drifted!.name, `${given.name}-oob`);
        assert.deepEqual(await provider.diff(id, drifted!, given), {
            changes: true,
            replaces: [],
            deleteBeforeReplace: true,
        });
        const { outs: repaired } = await provider.update(id, drifted!, given);
        assert.deepEqual(repaired, outs);
        assert.equal((await govcCollect(lab, `Datastore:${id}`, "name")).name, given.name);
        await provider.delete(id, repaired!);
    });

    it("refuses to erase a datastore holding files the stack does not manage, unless forced", async () => {
        const given = await inputs();
        const { id, outs } = await provider.create(given);
        await govc(lab, "datastore.mkdir", `-dc=${dc.name}`, `-ds=/${dc.name}/datastore/${given.name}`, "vm-backups");
        await assert.rejects(provider.delete(id, outs!), {
            name: "DestroyRefused",
            message:
                `VMFS datastore "${given.name}" (${id}) still holds what this stack does not manage: ` +
                `"[${given.name}] vm-backups"; move or delete them first, or set forceDestroy: true to erase ` +
                `them with it`,
        });
        assert.equal(await govcDatastoreExists(lab, id), true);
        const { outs: forced } = await provider.update(id, outs!, { ...given, forceDestroy: true });
        assert.deepEqual(forced, { ...outs, forceDestroy: true });
        await provider.delete(id, forced!);
        assert.equal(await govcDatastoreExists(lab, id), false);
    });

    it("adopts a datastore made with govc on the declared disk, and refuses one on another disk", async () => {
        const given = await inputs({ disk: disks[2].canonicalName });
        await govc(lab, "datastore.create", "-type", "vmfs", "-name", given.name, "-disk", given.disk, hosts[0]);
        const made = (await govcCollect(lab, `/${dc.name}/datastore/${given.name}`, "summary.datastore"))[
            "summary.datastore"
        ] as { value: string };

        await assert.rejects(provider.create({ ...given, disk: disks[1].canonicalName, adopt: true }), {
            message:
                `cannot adopt the datastore at /${dc.name}/datastore/${given.name}: it has disk ` +
                `"${disks[2].canonicalName}" (declared "${disks[1].canonicalName}"), which cannot change in ` +
                `place; declare its settings or choose another name`,
        });
        const { id, outs } = await provider.create({ ...given, adopt: true });
        assert.equal(id, made.value);
        assert.equal(outs!.disk, disks[2].canonicalName);
        await provider.delete(id, outs!);
        assert.equal(await govcDatastoreExists(lab, id), false);
    });
});
