import * as assert from "node:assert/strict";
import type { Lab } from "../../../../lab/lab";
import { ownerMarker } from "../../../../model/owner";
import { provider } from "../../../../provider/vsphere/datacenter";
import { ownerOf } from "../../../../provider/vsphere/object/customFields";
import type { DatacenterState } from "../../../../sdk/vsphere/datacenter";
import { vsphereClient } from "../../../../provider/vsphere/connection";
import { govcAddHost, uniqueHostname } from "../../../support/clusters";
import { govcMoid, govcVm, injectFault, TASK_WAIT, vsphereCallsDuring } from "../../../support/inventory";
import { configureProvidersForLab, govc, govcCollect, govcLs, sharedLab, uniqueName } from "../../../support/lab";

describe("vsphere.Datacenter provider against the lab's vCenter", () => {
    let lab: Lab;

    before(async () => {
        lab = await sharedLab();
        configureProvidersForLab(lab);
    });

    it("creates, reads, renames in place and destroys a datacenter", async () => {
        const name = uniqueName("it-dc");
        const inputs = (await provider.check({} as never, { name } as never)).inputs!;
        assert.deepEqual(inputs, { name, folder: "/" });

        const { id, outs } = await provider.create(inputs);
        assert.match(id, /^datacenter-\d+$/);
        assert.equal(outs!.name, name);
        assert.equal(outs!.folder, "/");
        assert.ok((await govcLs(lab, "/")).includes(`/${name}`));
        const live = await govcCollect(lab, `Datacenter:${id}`, "name", "hostFolder");
        assert.equal(live.name, name);
        assert.equal((live.hostFolder as { value: string }).value, outs!.hostFolderId);

        assert.deepEqual(await provider.read(id, outs), { id, props: outs });

        const renamed = `${name}-renamed`;
        const diff = await provider.diff(id, outs!, { name: renamed, folder: "/" });
        assert.deepEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });
        const updated = await provider.update(id, outs!, { name: renamed, folder: "/" });
        assert.deepEqual(updated.outs, { ...outs, name: renamed });
        assert.equal((await govcCollect(lab, `Datacenter:${id}`, "name")).name, renamed);

        await provider.delete(id, updated.outs!);
        assert.deepEqual(await provider.read(id, outs), {});
        const listing = await govcLs(lab, "/");
        assert.ok(!listing.includes(`/${name}`) && !listing.includes(`/${renamed}`), listing.join(", "));
    });

    it("with an owner marker, creates under a provisional name, marks, then renames: a lookup and the rename more", async () => {
        const name = uniqueName("it-dc");
        // The owner attribute's key is looked up once per connection: before, so that it is not counted here.
        const client = vsphereClient();
        await ownerOf(client, (await client.serviceContent()).rootFolder);
        let created: { id: string; outs?: DatacenterState } = { id: "" };
        const calls = await vsphereCallsDuring(async () => {
            created = await provider.create({
                name,
                folder: "/",
                owner: ownerMarker("it-dc", "dev", "vsphere:Datacenter", name),
            });
        });
        assert.deepEqual(calls, {
            FindByInventoryPath: 1,
            CreateDatacenter: 1,
            SetField: 1,
            Rename_Task: 1,
            ...TASK_WAIT,
            RetrievePropertiesEx: 1,
        });
        assert.equal(created.outs!.name, name);
        await provider.delete(created.id, created.outs!);
    });

    it("makes only the calls it needs: create is one CreateDatacenter and one read", async () => {
        const name = uniqueName("it-dc");
        let id = "";
        let state: DatacenterState | undefined;
        const createCalls = await vsphereCallsDuring(async () => {
            ({ id, outs: state } = await provider.create({ name, folder: "/" }));
        });
        assert.deepEqual(createCalls, { CreateDatacenter: 1, RetrievePropertiesEx: 1 });
        const noopCalls = await vsphereCallsDuring(() => provider.diff(id, state!, { name, folder: "/" }));
        assert.deepEqual(noopCalls, {});
        const readCalls = await vsphereCallsDuring(() => provider.read(id, state));
        assert.deepEqual(readCalls, { RetrievePropertiesEx: 1 });
        const deleteCalls = await vsphereCallsDuring(() => provider.delete(id, state!));
        // The VMs below it, what its folders hold, the destroy and its wait.
        assert.deepEqual(deleteCalls, {
            RetrievePropertiesEx: 2,
            Destroy_Task: 1,
            CreatePropertyCollector: 1,
            CreateFilter: 1,
            WaitForUpdatesEx: 1,
            DestroyPropertyCollector: 1,
        });
    });

    it("creates a datacenter inside a folder and replaces it when the folder changes", async () => {
        const folder = uniqueName("it-folder");
        const client = vsphereClient();
        const sc = await client.serviceContent();
        await client.invoke("CreateFolder", { _this: sc.rootFolder, name: folder });
        const name = uniqueName("it-dc");
        const inputs = (await provider.check({} as never, { name, folder: `${folder}/` })).inputs!;
        assert.equal(inputs.folder, `/${folder}`);
        const { id, outs } = await provider.create(inputs);
        assert.equal(outs!.folder, `/${folder}`);
        assert.ok((await govcLs(lab, `/${folder}`)).includes(`/${folder}/${name}`));
        assert.deepEqual((await provider.diff(id, outs!, { name, folder: "/" })).replaces, ["folder"]);
        await provider.delete(id, outs!);
    });

    it("refuses a folder that does not exist, naming the path", async () => {
        await assert.rejects(provider.create({ name: uniqueName("it-dc"), folder: "/no-such-folder" }), {
            name: "NotFoundError",
            message: `The datacenter's folder not found at inventory path "/no-such-folder"`,
        });
    });

    it("refuses a duplicate name, naming the existing datacenter", async () => {
        const name = uniqueName("it-dc");
        const { id, outs } = await provider.create({ name, folder: "/" });
        await assert.rejects(provider.create({ name, folder: "/" }), {
            message: `/${name} already exists (Datacenter:${id}): it carries no owner marker of this library; set adopt: true to take it over as this datacenter, or choose another name`,
        });
        await provider.delete(id, outs!);
    });

    it("logs in again, once, when the session has expired", async () => {
        const name = uniqueName("it-dc");
        const { id, outs } = await provider.create({ name, folder: "/" });
        const response = await fetch(`${lab.vsphere.controlUrl}/sessions/expire`, { method: "POST" });
        assert.equal(response.status, 200);
        const calls = await vsphereCallsDuring(() => provider.read(id, outs));
        assert.deepEqual(calls, { RetrievePropertiesEx: 2, Login: 1 });
        await provider.delete(id, outs!);
    });

    it("waits for a task anew in a new session when the session expires during the wait", async () => {
        const name = uniqueName("it-dc");
        const { id, outs } = await provider.create({ name, folder: "/" });
        // The first wait for the rename's task answers after 1.5 s; meanwhile every session ends, so the wait's
        // collector goes with the old session, and the client logs in again when the answer says so.
        await injectFault(lab, "WaitForUpdatesEx", { type: "PropertyCollector" }, "NotAuthenticated", 1, 1500);
        const calls = await vsphereCallsDuring(async () => {
            const renamed = provider.update(id, outs!, { name: `${name}-b`, folder: "/" });
            await new Promise((resolve) => setTimeout(resolve, 300));
            const response = await fetch(`${lab.vsphere.controlUrl}/sessions/expire`, { method: "POST" });
            assert.equal(response.status, 200);
            assert.equal((await renamed).outs!.name, `${name}-b`);
        });
        assert.equal((await govcCollect(lab, `Datacenter:${id}`, "name")).name, `${name}-b`);
        // One login, the rename sent once, and two collectors: the first gone with the session, then a new one.
        assert.deepEqual(
            [calls.Login, calls.Rename_Task, calls.CreatePropertyCollector, calls.CreateFilter],
            [1, 1, 2, 2],
        );
        await provider.delete(id, { ...outs!, name: `${name}-b` });
    });

    it("treats a datacenter deleted out of band as gone", async () => {
        const { id, outs } = await provider.create({ name: uniqueName("it-dc"), folder: "/" });
        await provider.delete(id, outs!);
        assert.deepEqual(await provider.read(id, outs), {});
        await provider.delete(id, outs!); // deleting what is already gone succeeds
    });

    it("adopts a datacenter made outside the stack", async () => {
        const name = uniqueName("it-dc");
        await govc(lab, "datacenter.create", name);
        const made = (await govcLs(lab, "/")).includes(`/${name}`);
        assert.ok(made);
        const { id, outs } = await provider.create({ name, folder: "/", adopt: true });
        assert.equal((await govcCollect(lab, `Datacenter:${id}`, "name")).name, name);
        assert.equal(outs!.name, name);
        await provider.delete(id, outs!);
    });

    it("refuses to destroy a datacenter holding objects the stack does not manage, unless forced", async () => {
        const name = uniqueName("it-dc");
        const { id, outs } = await provider.create({ name, folder: "/" });
        await govc(lab, "folder.create", `/${name}/vm/unmanaged`, `/${name}/host/also-unmanaged`);
        const folders = await govcLs(lab, `/${name}/vm`);
        const vmFolder = ((await govcCollect(lab, `Datacenter:${id}`, "vmFolder")).vmFolder as { value: string }).value;
        assert.deepEqual(folders, [`/${name}/vm/unmanaged`], vmFolder);
        await assert.rejects(provider.delete(id, outs!), (err: Error) => {
            assert.equal(err.name, "DestroyRefused");
            assert.match(
                err.message,
                new RegExp(
                    `^datacenter "${name}" \\(${id}\\) still holds objects this stack does not manage: ` +
                        `Folder "(also-)?unmanaged" \\(group-[a-z]?\\d+\\), Folder "(also-)?unmanaged" \\(group-[a-z]?\\d+\\); ` +
                        `remove them first, or set forceDestroy: true to destroy them with it$`,
                ),
            );
            return true;
        });
        assert.ok((await govcLs(lab, "/")).includes(`/${name}`), "the datacenter is gone after a refused destroy");
        const forced = { ...outs!, forceDestroy: true };
        assert.deepEqual(await provider.diff(id, outs!, { name, folder: "/", forceDestroy: true }), {
            changes: true,
            replaces: [],
            deleteBeforeReplace: false,
        });
        assert.deepEqual((await provider.update(id, outs!, { name, folder: "/", forceDestroy: true })).outs, forced);
        await provider.delete(id, forced);
        assert.ok(!(await govcLs(lab, "/")).includes(`/${name}`));
    });

    it("refuses to destroy a datacenter holding a VM, forced or not, naming it; the VM stays", async () => {
        const name = uniqueName("it-dc");
        const { id, outs } = await provider.create({ name, folder: "/", forceDestroy: true });
        await govc(lab, "cluster.create", "-dc", name, "c1");
        const hostname = uniqueHostname();
        await govcAddHost(lab, `/${name}/host/c1`, hostname);
        // In a cluster the stack does not manage, on a datastore it does not manage.
        const vm = await govcVm(lab, name, `/${name}/host/c1/${hostname}`, "VM Network");

        const calls = await vsphereCallsDuring(() =>
            assert.rejects(provider.delete(id, outs!), {
                name: "DestroyRefused",
                message:
                    `datacenter "${name}" (${id}) holds VMs: VirtualMachine "${vm.name}" (${vm.id}); a destroy never ` +
                    "deletes, unregisters or disconnects a VM, with or without forceDestroy: move them out of the " +
                    "datacenter or delete them first",
            }),
        );
        // The VMs below the datacenter and their names: nothing is changed.
        assert.deepEqual(calls, { RetrievePropertiesEx: 2 });
        assert.equal(await govcMoid(lab, `/${name}/vm/${vm.name}`), vm.id, "the VM stays");
        assert.ok((await govcLs(lab, `/${name}/host/c1`)).includes(`/${name}/host/c1/${hostname}`));

        await govc(lab, "vm.destroy", `/${name}/vm/${vm.name}`);
        await provider.delete(id, outs!);
        assert.ok(!(await govcLs(lab, "/")).includes(`/${name}`));
    });
});
