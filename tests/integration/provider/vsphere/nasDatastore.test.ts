import * as assert from "node:assert/strict";
import type { Lab } from "../../../../lab/lab";
import { provider } from "../../../../provider/vsphere/nasDatastore";
import type { NasDatastoreArgs, NasDatastoreState } from "../../../../sdk/vsphere/nasDatastore";
import { createVm, datastoreLab, destroyVm, govcDatastoreExists, govcMountNfs } from "../../../support/datastores";
import { destroyDatacenter, TestDatacenter, vsphereCallsDuring } from "../../../support/inventory";
import { govc, govcCollect, uniqueName } from "../../../support/lab";

type Inputs = Parameters<typeof provider.create>[0];

interface Mount {
    key: { value: string };
    mountInfo: { accessMode: string };
}

/** The hosts that mount a datastore and how, read with govc. */
async function govcMounts(lab: Lab, id: string): Promise<Record<string, string>> {
    const { host } = await govcCollect(lab, `Datastore:${id}`, "host");
    return Object.fromEntries((host as { _value: Mount[] })._value.map((m) => [m.key.value, m.mountInfo.accessMode]));
}

describe("vsphere.NasDatastore provider against the lab's vCenter", () => {
    let lab: Lab;
    let dc: TestDatacenter;
    let hosts: string[];
    let datastores: string;
    let h1: string, h2: string, h3: string;

    /** Checked inputs for an NFS 3 export of the lab's (imaginary) NFS server. */
    async function inputs(args: Partial<NasDatastoreArgs> = {}): Promise<Inputs> {
        const name = uniqueName("it-nfs");
        const result = await provider.check(
            {} as never,
            {
                name,
                hostIds: [h1, h2],
                remoteHosts: ["nfs.lab.invalid"],
                remotePath: `/export/${name}`,
                ...args,
            } as never,
        );
        assert.equal(result.failures, undefined);
        return result.inputs!;
    }

    before(async () => {
        ({ lab, dc, hosts } = await datastoreLab(3));
        [h1, h2, h3] = dc.hostIds;
        datastores = `/${dc.name}/datastore`;
    });

    after(async () => {
        await destroyDatacenter(lab, dc);
    });

    it("mounts an export on two hosts as one datastore and reads it back in one round trip", async () => {
        const given = await inputs({ hostIds: [h2, h1, h2] });
        assert.deepEqual(given.hostIds, [h1, h2].sort());
        assert.equal(given.type, "NFS");
        assert.equal(given.accessMode, "readWrite");

        let created: Awaited<ReturnType<typeof provider.create>> | undefined;
        const calls = await vsphereCallsDuring(async () => (created = await provider.create(given)));
        assert.deepEqual(calls, { RetrievePropertiesEx: 3, CreateNasDatastore: 2 });
        const { id, outs } = created!;
        assert.match(id, /^datastore-\d+$/);
        assert.deepEqual(outs, {
            name: given.name,
            hostIds: [h1, h2].sort(),
            remoteHosts: ["nfs.lab.invalid"],
            remotePath: given.remotePath,
            type: "NFS",
            accessMode: "readWrite",
            datacenterId: dc.id,
            url: outs!.url,
            capacityBytes: 2 ** 40,
            freeSpaceBytes: 2 ** 40,
            forceDestroy: false,
        });

        const live = await govcCollect(
            lab,
            `Datastore:${id}`,
            "name",
            "summary.type",
            "info.nas.remoteHost",
            "info.nas.remotePath",
            "summary.url",
        );
        assert.deepEqual(live, {
            name: given.name,
            "summary.type": "NFS",
            "info.nas.remoteHost": "nfs.lab.invalid",
            "info.nas.remotePath": given.remotePath,
            "summary.url": outs!.url,
        });
        assert.deepEqual(await govcMounts(lab, id), { [h1]: "readWrite", [h2]: "readWrite" });
        assert.ok((await govc(lab, "ls", `${datastores}`)).includes(`/datastore/${given.name}`));

        const readCalls = await vsphereCallsDuring(async () =>
            assert.deepEqual(await provider.read(id, outs), { id, props: outs }),
        );
        assert.deepEqual(readCalls, { RetrievePropertiesEx: 1 });
        const reordered = (await provider.check(given, { ...given, hostIds: [h2, h1, h1] })).inputs!;
        const noopCalls = await vsphereCallsDuring(async () =>
            assert.deepEqual(await provider.diff(id, outs!, reordered), {
                changes: false,
                replaces: [],
                deleteBeforeReplace: true,
            }),
        );
        assert.deepEqual(noopCalls, {});

        await provider.delete(id, outs!);
        assert.equal(await govcDatastoreExists(lab, id), false);
        assert.deepEqual(await provider.read(id, outs), {});
        await provider.delete(id, outs!); // deleting what is already gone succeeds
    });

    it("mounts a host added later in place, unmounts a removed one, renames, and declares what replaces", async () => {
        const given = await inputs();
        const { id, outs } = await provider.create(given);

        const three = { ...given, hostIds: [h1, h2, h3].sort() };
        assert.deepEqual(await provider.diff(id, outs!, three), {
            changes: true,
            replaces: [],
            deleteBeforeReplace: true,
        });
        let added: NasDatastoreState | undefined;
        const addCalls = await vsphereCallsDuring(
            async () => ({ outs: added } = await provider.update(id, outs!, three)),
        );
        assert.deepEqual(addCalls, { RetrievePropertiesEx: 3, CreateNasDatastore: 1 });
        assert.deepEqual(added!.hostIds, three.hostIds);
        assert.deepEqual(await govcMounts(lab, id), { [h1]: "readWrite", [h2]: "readWrite", [h3]: "readWrite" });

        // Swapping every host keeps the datastore: the new host is mounted before the old ones leave.
        const swapped = { ...given, hostIds: [h3] };
        let removed: NasDatastoreState | undefined;
        const removeCalls = await vsphereCallsDuring(
            async () => ({ outs: removed } = await provider.update(id, added!, swapped)),
        );
        assert.deepEqual(removeCalls, { RetrievePropertiesEx: 3, RemoveDatastore: 2 });
        assert.deepEqual(await govcMounts(lab, id), { [h3]: "readWrite" });
        assert.deepEqual(removed!.hostIds, [h3]);

        const renamed = { ...swapped, name: `${given.name}-renamed` };
        const { outs: afterRename } = await provider.update(id, removed!, renamed);
        assert.equal(afterRename!.name, renamed.name);
        assert.equal((await govcCollect(lab, `Datastore:${id}`, "name")).name, renamed.name);

        for (const [field, value] of [
            ["remotePath", "/export/other"],
            ["remoteHosts", ["nfs2.lab.invalid"]],
            ["type", "NFS41"],
            ["accessMode", "readOnly"],
        ] as const) {
            assert.deepEqual(await provider.diff(id, afterRename!, { ...renamed, [field]: value }), {
                changes: true,
                replaces: [field],
                deleteBeforeReplace: true,
            });
        }
        await provider.delete(id, afterRename!);
        assert.equal(await govcDatastoreExists(lab, id), false);
    });

    it("sees drift made with govc and puts it back", async () => {
        const given = await inputs();
        const { id, outs } = await provider.create(given);
        await govc(lab, "datastore.remove", "-ds", `${datastores}/${given.name}`, hosts[1]);
        await govc(lab, "object.rename", `${datastores}/${given.name}`, `${given.name}-oob`);

        const { props: drifted } = await provider.read(id, outs);
        assert.deepEqual(drifted!.hostIds, [h1]);
        assert.equal(drifted!.name, `${given.name}-oob`);
        assert.deepEqual(await provider.diff(id, drifted!, given), {
            changes: true,
            replaces: [],
            deleteBeforeReplace: true,
        });

        const { outs: repaired } = await provider.update(id, drifted!, given);
        assert.deepEqual(repaired, outs);
        assert.deepEqual(await govcMounts(lab, id), { [h1]: "readWrite", [h2]: "readWrite" });
        assert.equal((await govcCollect(lab, `Datastore:${id}`, "name")).name, given.name);

        // One host remounted read-only shows as a change of accessMode, which replaces the datastore.
        await govc(lab, "datastore.remove", "-ds", `${datastores}/${given.name}`, hosts[0]);
        await govcMountNfs(lab, given.name, given.remotePath, "readOnly", hosts[0]);
        const { props: readOnly } = await provider.read(id, repaired);
        assert.equal(readOnly!.accessMode, "readOnly");
        assert.deepEqual(await provider.diff(id, readOnly!, given), {
            changes: true,
            replaces: ["accessMode"],
            deleteBeforeReplace: true,
        });
        await provider.delete(id, readOnly!);
    });

    it("refuses to unmount a datastore holding files the stack does not manage, unless forced", async () => {
        const given = await inputs();
        const { id, outs } = await provider.create(given);
        const ds = [`-dc=${dc.name}`, `-ds=${datastores}/${given.name}`];
        await govc(lab, "datastore.mkdir", ...ds, "images");
        await govc(lab, "datastore.upload", ...ds, "package.json", "notes.txt");

        await assert.rejects(provider.delete(id, outs!), {
            name: "DestroyRefused",
            message:
                `NFS datastore "${given.name}" (${id}) still holds what this stack does not manage: ` +
                `"[${given.name}] images", "[${given.name}] notes.txt"; move or delete them first, or set ` +
                `forceDestroy: true to unmount it anyway (the files stay on the NFS server)`,
        });
        assert.equal(await govcDatastoreExists(lab, id), true);

        const forced = { ...given, forceDestroy: true };
        assert.deepEqual(await provider.diff(id, outs!, forced), {
            changes: true,
            replaces: [],
            deleteBeforeReplace: true,
        });
        let updated: NasDatastoreState | undefined;
        const updateCalls = await vsphereCallsDuring(
            async () => ({ outs: updated } = await provider.update(id, outs!, forced)),
        );
        assert.deepEqual(updateCalls, { RetrievePropertiesEx: 1 });
        assert.deepEqual(updated, { ...outs, forceDestroy: true });
        await provider.delete(id, updated!);
        assert.equal(await govcDatastoreExists(lab, id), false);

        // The files stay on the export: mounted again, they are there.
        const again = await provider.create(given);
        assert.deepEqual((await govc(lab, "datastore.ls", ...ds)).split("\n").filter(Boolean).sort(), [
            "images",
            "notes.txt",
        ]);
        await provider.delete(again.id, { ...again.outs!, forceDestroy: true });
    });

    it("refuses to unmount a datastore holding a VM, forced or not, naming it", async () => {
        const given = await inputs();
        const { id, outs } = await provider.create(given);
        const vmName = uniqueName("it-vm");
        const vm = await createVm(lab, dc, vmName, given.name, h1);
        const refusal = {
            name: "DestroyRefused",
            message:
                `NFS datastore "${given.name}" (${id}) has VMs on it: VirtualMachine "${vmName}" (${vm}); a destroy ` +
                `never deletes, unregisters or disconnects a VM, with or without forceDestroy: move them to another ` +
                `datastore or delete them first`,
        };
        await assert.rejects(provider.delete(id, outs!), refusal);
        await assert.rejects(provider.delete(id, { ...outs!, forceDestroy: true }), refusal);
        assert.deepEqual(await govcMounts(lab, id), { [h1]: "readWrite", [h2]: "readWrite" });
        // Nor can the host that runs the VM leave.
        await assert.rejects(provider.update(id, outs!, { ...given, hostIds: [h2] }), {
            message:
                `cannot unmount datastore ${id} from host "${dc.hostNames[0]}" (${h1}): VMs of the host use it ` +
                `(RemoveDatastore: ResourceInUse (type=Datastore, name=${given.name}): The datastore ` +
                `${given.name} is in use by virtual machine ${vmName}.); move or delete them first ` +
                `(forceDestroy deletes no VMs)`,
        });
        await destroyVm(vm);
        await provider.delete(id, outs!);
        assert.equal(await govcDatastoreExists(lab, id), false);
    });

    it("adopts a datastore made with govc and mounts it on exactly the declared hosts", async () => {
        const given = await inputs({ hostIds: [h2, h3] });
        const [p1, p2] = hosts;
        await govcMountNfs(lab, given.name, given.remotePath, "readWrite", p1, p2);
        const made = (await govc(lab, "ls", "-i", `${datastores}/${given.name}`)).trim().replace("Datastore:", "");

        await assert.rejects(provider.create(given), {
            message:
                `${datastores}/${given.name} already exists (Datastore:${made}): it carries no owner marker of this library; set adopt: true to ` +
                `take it over as this NFS datastore, or choose another name`,
        });
        await assert.rejects(provider.create({ ...given, remotePath: "/export/else", adopt: true }), {
            message:
                `cannot adopt the datastore at ${datastores}/${given.name}: it has remotePath ` +
                `"${given.remotePath}" (declared "/export/else"), which cannot change in place; declare its ` +
                `settings or choose another name`,
        });

        const { id, outs } = await provider.create({ ...given, adopt: true });
        assert.equal(id, made);
        assert.deepEqual(outs!.hostIds, [h2, h3].sort());
        assert.deepEqual(await govcMounts(lab, id), { [h2]: "readWrite", [h3]: "readWrite" });
        await provider.delete(id, outs!);
        assert.equal(await govcDatastoreExists(lab, id), false);
    });

    it("mounts an NFS 4.1 export from two servers read-only", async () => {
        const given = await inputs({
            type: "NFS41",
            accessMode: "readOnly",
            remoteHosts: ["nfs-a.lab.invalid", "nfs-b.lab.invalid"],
        });
        const { id, outs } = await provider.create(given);
        assert.equal(outs!.type, "NFS41");
        assert.equal(outs!.accessMode, "readOnly");
        assert.deepEqual(outs!.remoteHosts, ["nfs-a.lab.invalid", "nfs-b.lab.invalid"]);
        const live = await govcCollect(lab, `Datastore:${id}`, "summary.type", "info.nas.remoteHostNames");
        assert.deepEqual(live, {
            "summary.type": "NFS41",
            "info.nas.remoteHostNames": { _value: ["nfs-a.lab.invalid", "nfs-b.lab.invalid"] },
        });
        assert.deepEqual(await govcMounts(lab, id), { [h1]: "readOnly", [h2]: "readOnly" });
        await provider.delete(id, outs!);
    });

    it("names a host that does not exist", async () => {
        const given = await inputs({ hostIds: ["host-999999"] });
        await assert.rejects(provider.create(given), {
            message: "hostIds: host host-999999 does not exist in vCenter",
        });
    });
});
