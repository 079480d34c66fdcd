import * as assert from "node:assert/strict";
import type { Lab } from "../../../../lab/lab";
import { provider } from "../../../../provider/vsphere/datastoreFolder";
import type { DatastoreFolderState } from "../../../../sdk/vsphere/datastoreFolder";
import { createVm, datastoreLab, destroyVm, govcMountNfs } from "../../../support/datastores";
import { destroyDatacenter, govcMoid, TestDatacenter, vsphereCallsDuring } from "../../../support/inventory";
import { govc, uniqueName } from "../../../support/lab";

/** The round trips of reading a folder: the datastore's name and browser, and one search task. */
const READ_CALLS = {
    RetrievePropertiesEx: 1,
    SearchDatastore_Task: 1,
    CreatePropertyCollector: 1,
    CreateFilter: 1,
    WaitForUpdatesEx: 1,
    DestroyPropertyCollector: 1,
};

describe("vsphere.DatastoreFolder provider against the lab's vCenter", () => {
    let lab: Lab;
    let dc: TestDatacenter;
    let dsName: string;
    let dsId: string;
    let hostId: string;

    /** The entries of a folder of the datastore (its root for ""), listed with govc; undefined if it is missing. */
    async function ls(path: string): Promise<string[] | undefined> {
        return govc(lab, "datastore.ls", `-dc=${dc.name}`, `-ds=/${dc.name}/datastore/${dsName}`, path).then(
            (out) => out.split("\n").filter(Boolean).sort(),
            () => undefined,
        );
    }

    before(async () => {
        let hosts: string[];
        ({ lab, dc, hosts } = await datastoreLab(1));
        hostId = dc.hostIds[0];
        dsName = uniqueName("it-folder-nfs");
        await govcMountNfs(lab, dsName, `/export/${dsName}`, "readWrite", hosts[0]);
        const ref = (await govc(lab, "find", "-i", `/${dc.name}/datastore`, "-name", dsName)).trim();
        dsId = ref.replace(/^Datastore:/, "");
    });

    after(async () => {
        await destroyDatacenter(lab, dc);
    });

    it("makes Glance's image folder in two round trips and reads it back", async () => {
        const inputs = (await provider.check({} as never, { datastoreId: dsId, path: "openstack_glance" })).inputs!;
        let created: Awaited<ReturnType<typeof provider.create>> | undefined;
        const createCalls = await vsphereCallsDuring(async () => (created = await provider.create(inputs)));
        assert.deepEqual(createCalls, { RetrievePropertiesEx: 1, MakeDirectory: 1 });
        const { id, outs } = created!;
        assert.equal(id, `${dsId}:openstack_glance`);
        assert.deepEqual(outs, {
            datastoreId: dsId,
            path: "openstack_glance",
            datastoreName: dsName,
            datastorePath: `[${dsName}] openstack_glance`,
            datacenterId: dc.id,
            forceDestroy: false,
        });
        assert.deepEqual(await ls(""), ["openstack_glance"]);

        const readCalls = await vsphereCallsDuring(async () =>
            assert.deepEqual(await provider.read(id, outs), { id, props: outs }),
        );
        assert.deepEqual(readCalls, READ_CALLS);
        const noop = await vsphereCallsDuring(async () =>
            assert.deepEqual(await provider.diff(id, outs!, inputs), {
                changes: false,
                replaces: [],
                deleteBeforeReplace: false,
            }),
        );
        assert.deepEqual(noop, {});
        for (const [field, value] of [
            ["path", "glance"],
            ["datastoreId", "datastore-1"],
        ] as const) {
            assert.deepEqual(await provider.diff(id, outs!, { ...inputs, [field]: value }), {
                changes: true,
                replaces: [field],
                deleteBeforeReplace: false,
            });
        }

        await provider.delete(id, outs!);
        assert.deepEqual(await ls(""), []);
        assert.deepEqual(await provider.read(id, outs), {});
        await provider.delete(id, outs!); // deleting what is already gone succeeds
    });

    it("makes nested folders with their parents and deletes only its own", async () => {
        const { id, outs } = await provider.create({ datastoreId: dsId, path: "images/glance" });
        assert.deepEqual(await ls("images"), ["glance"]);
        assert.deepEqual(await provider.read(id, outs), { id, props: outs });
        await provider.delete(id, outs!);
        assert.deepEqual(await ls("images"), []);
        await govc(lab, "datastore.rm", `-dc=${dc.name}`, `-ds=/${dc.name}/datastore/${dsName}`, "images");
    });

    it("sees the folder deleted and the datastore renamed with govc", async () => {
        const { id, outs } = await provider.create({ datastoreId: dsId, path: "renamed-ds" });
        const renamed = `${dsName}-oob`;
        await govc(lab, "object.rename", `/${dc.name}/datastore/${dsName}`, renamed);
        try {
            const { props } = await provider.read(id, outs);
            assert.deepEqual(props, {
                ...outs,
                datastoreName: renamed,
                datastorePath: `[${renamed}] renamed-ds`,
            });
            assert.deepEqual(await provider.diff(id, props!, { datastoreId: dsId, path: "renamed-ds" }), {
                changes: false,
                replaces: [],
                deleteBeforeReplace: false,
            });
        } finally {
            await govc(lab, "object.rename", `/${dc.name}/datastore/${renamed}`, dsName);
        }
        await govc(lab, "datastore.rm", `-dc=${dc.name}`, `-ds=/${dc.name}/datastore/${dsName}`, "renamed-ds");
        assert.deepEqual(await provider.read(id, outs), {});
    });

    it("refuses to delete a folder holding files the stack does not manage, unless forced", async () => {
        const inputs = { datastoreId: dsId, path: "openstack_glance" };
        const { id, outs } = await provider.create(inputs);
        const ds = [`-dc=${dc.name}`, `-ds=/${dc.name}/datastore/${dsName}`];
        await govc(lab, "datastore.upload", ...ds, "package.json", "openstack_glance/5f0c0e3e-image");
        await govc(lab, "datastore.mkdir", ...ds, "openstack_glance/cache");
        await assert.rejects(provider.delete(id, outs!), {
            name: "DestroyRefused",
            message:
                `folder "[${dsName}] openstack_glance" still holds what this stack does not manage: ` +
                `"[${dsName}] openstack_glance/5f0c0e3e-image", "[${dsName}] openstack_glance/cache"; move or ` +
                `delete them first, or set forceDestroy: true to delete them with it`,
        });
        assert.deepEqual(await ls("openstack_glance"), ["5f0c0e3e-image", "cache"]);

        let forced: DatastoreFolderState | undefined;
        const updateCalls = await vsphereCallsDuring(
            async () => ({ outs: forced } = await provider.update(id, outs!, { ...inputs, forceDestroy: true })),
        );
        assert.deepEqual(updateCalls, {});
        assert.deepEqual(forced, { ...outs, forceDestroy: true });
        await provider.delete(id, forced!);
        assert.deepEqual(await ls(""), []);
    });

    it("refuses to delete a folder holding a VM's files, forced or not, naming the VM; the VM stays", async () => {
        const vmName = uniqueName("it-vm");
        const vm = await createVm(lab, dc, vmName, dsName, hostId);
        const inputs = { datastoreId: dsId, path: vmName, forceDestroy: true, adopt: true };
        const { id, outs } = await provider.create(inputs);
        await assert.rejects(provider.delete(id, outs!), {
            name: "DestroyRefused",
            message:
                `folder "[${dsName}] ${vmName}" holds files of VMs: VirtualMachine "${vmName}" (${vm}); a destroy ` +
                "never deletes, unregisters or disconnects a VM, with or without forceDestroy: move them to " +
                "another folder or delete them first",
        });
        assert.ok((await ls(vmName))!.includes(`${vmName}.vmx`));
        assert.equal(await govcMoid(lab, `/${dc.name}/vm/${vmName}`), vm, "the VM stays");
        await destroyVm(vm);
        await provider.delete(id, outs!);
        assert.equal(await ls(vmName), undefined);
    });

    it("adopts a folder made with govc, and refuses to without adopt or when it is a file", async () => {
        const path = uniqueName("made-with-govc");
        const ds = [`-dc=${dc.name}`, `-ds=/${dc.name}/datastore/${dsName}`];
        await govc(lab, "datastore.mkdir", ...ds, path);
        await assert.rejects(provider.create({ datastoreId: dsId, path }), {
            message:
                `[${dsName}] ${path} already exists on datastore ${dsId}: set adopt: true to take it over as this ` +
                `folder, or choose another path`,
        });
        const { id, outs } = await provider.create({ datastoreId: dsId, path, adopt: true });
        assert.equal(id, `${dsId}:${path}`);
        assert.equal(outs!.datastorePath, `[${dsName}] ${path}`);
        await provider.delete(id, outs!);

        await govc(lab, "datastore.upload", ...ds, "package.json", "a-file");
        await assert.rejects(provider.create({ datastoreId: dsId, path: "a-file", adopt: true }), {
            message: `cannot adopt [${dsName}] a-file: it is a file, not a folder`,
        });
        await govc(lab, "datastore.rm", ...ds, "a-file");
    });

    it("names a datastore that does not exist", async () => {
        await assert.rejects(provider.create({ datastoreId: "datastore-999999", path: "x" }), {
            message: "datastoreId: datastore datastore-999999 does not exist in vCenter",
        });
    });
});
