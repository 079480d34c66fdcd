import * as assert from "node:assert/strict";
import type { Lab } from "../../../../lab/lab";
import { provider } from "../../../../provider/vsphere/datacenter";
import { vsphereClient } from "../../../../provider/vsphere/connection";
import { configureProvidersForLab, govcCollect, govcLs, sharedLab, uniqueName } from "../../../support/lab";

/** Round trips by method made while `fn` runs. */
async function callsDuring(fn: () => Promise<unknown>): Promise<Record<string, number>> {
    const stats = vsphereClient().transport.stats;
    const before = new Map(stats.byMethod);
    await fn();
    const calls: Record<string, number> = {};
    for (const [method, n] of stats.byMethod) {
        const delta = n - (before.get(method) ?? 0);
        if (delta) {
            calls[method] = delta;
        }
    }
    return calls;
}

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

        await provider.delete(id);
        assert.deepEqual(await provider.read(id, outs), {});
        const listing = await govcLs(lab, "/");
        assert.ok(!listing.includes(`/${name}`) && !listing.includes(`/${renamed}`), listing.join(", "));
    });

    it("makes only the calls it needs: create is one CreateDatacenter and one read", async () => {
        const name = uniqueName("it-dc");
        let id = "";
        const createCalls = await callsDuring(async () => {
            id = (await provider.create({ name, folder: "/" })).id;
        });
        assert.deepEqual(createCalls, { CreateDatacenter: 1, RetrievePropertiesEx: 1 });
        const state = (await provider.read(id)).props!;
        const noopCalls = await callsDuring(() => provider.diff(id, state, { name, folder: "/" }));
        assert.deepEqual(noopCalls, {});
        const readCalls = await callsDuring(() => provider.read(id, state));
        assert.deepEqual(readCalls, { RetrievePropertiesEx: 1 });
        await provider.delete(id);
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
        await provider.delete(id);
    });

    it("refuses a folder that does not exist, naming the path", async () => {
        await assert.rejects(provider.create({ name: uniqueName("it-dc"), folder: "/no-such-folder" }), {
            name: "NotFoundError",
            message: `The datacenter's folder not found at inventory path "/no-such-folder"`,
        });
    });

    it("refuses a duplicate name, naming the existing datacenter", async () => {
        const name = uniqueName("it-dc");
        const { id } = await provider.create({ name, folder: "/" });
        await assert.rejects(provider.create({ name, folder: "/" }), {
            message: `a datacenter or folder named "${name}" already exists at /${name} (${id}); choose another name`,
        });
        await provider.delete(id);
    });

    it("logs in again, once, when the session has expired", async () => {
        const name = uniqueName("it-dc");
        const { id, outs } = await provider.create({ name, folder: "/" });
        const response = await fetch(`${lab.vsphere.controlUrl}/sessions/expire`, { method: "POST" });
        assert.equal(response.status, 200);
        const calls = await callsDuring(() => provider.read(id, outs));
        assert.deepEqual(calls, { RetrievePropertiesEx: 2, Login: 1 });
        await provider.delete(id);
    });

    it("treats a datacenter deleted out of band as gone", async () => {
        const { id, outs } = await provider.create({ name: uniqueName("it-dc"), folder: "/" });
        await provider.delete(id);
        assert.deepEqual(await provider.read(id, outs), {});
        await provider.delete(id); // deleting what is already gone succeeds
    });
});
