import * as assert from "node:assert/strict";
import type { Lab } from "../../../../lab/lab";
import { ownerMarker } from "../../../../model/owner";
import { provider } from "../../../../provider/openstack/flavor";
import {
    configureProvidersForLab,
    flavorIds,
    openstackCalls,
    openstackCli,
    openstackCliAsDemo,
    openstackCliQuiet,
    sharedLab,
    showFlavor,
    uniqueName,
    withLossyEndpoint,
} from "../../../support/lab";
import { requestsDuring } from "../../../support/requestLog";

describe("openstack.Flavor provider against the lab's Nova", () => {
    let lab: Lab;

    before(async () => {
        lab = await sharedLab();
        configureProvidersForLab(lab);
    });

    /**
     * The Nova requests of `fn` whose path holds the flavor id `id` (chosen, unique), after the create's POST when
     * `fn` made one: others on the shared lab may create flavors meanwhile, so the POSTs are only checked for one.
     */
    async function flavorRequests(id: string, fn: () => Promise<unknown>): Promise<string[]> {
        const posted = (request: string) => request === "POST /v2.1/flavors";
        const { nova } = await requestsDuring(lab, fn, (r) => posted(r) || r.includes(`/flavors/${id}`));
        const ofFlavor = nova.filter((r) => !r.startsWith("POST /v2.1/flavors "));
        return nova.length > ofFlavor.length ? ["POST /v2.1/flavors 200", ...ofFlavor] : ofFlavor;
    }

    it("creates a flavor with extra specs and a description without reading it back, and reads it", async () => {
        const name = uniqueName("it-flavor");
        const inputs = {
            name,
            flavorId: name,
            vcpus: 4,
            ramMb: 8192,
            diskGb: 40,
            ephemeralGb: 10,
            swapMb: 512,
            rxtxFactor: 2,
            description: "4 vCPUs",
            extraSpecs: { "vmware:hw_version": "vmx-13", "hw:cpu_sockets": "2", "hw:cpu_cores": "2" },
        };
        let created: Awaited<ReturnType<typeof provider.create>> | undefined;
        const requests = await flavorRequests(name, async () => {
            created = await provider.create(inputs);
        });
        const { id, outs } = created!;
        assert.deepEqual(requests, ["POST /v2.1/flavors 200", `POST /v2.1/flavors/${name}/os-extra_specs 200`]);
        assert.equal(id, name);
        assert.deepEqual(outs, { ...inputs, isPublic: true, projects: [] });
        const live = await showFlavor(lab, id);
        assert.equal(live.name, name);
        assert.equal(live.ram, 8192);
        assert.equal(live.description, "4 vCPUs");
        assert.deepEqual(live.properties, inputs.extraSpecs);
        assert.deepEqual(await provider.read(id), { id, props: outs });
        await provider.delete(id);
        assert.ok(!(await flavorIds(lab)).includes(id));
        assert.deepEqual(await provider.read(id), {});
    });

    it("creates a flavor without extra specs in one request, and updates it without reading it back", async () => {
        const name = uniqueName("it-flavor");
        const inputs = { name, flavorId: name, vcpus: 1, ramMb: 512, diskGb: 1 };
        let created: Awaited<ReturnType<typeof provider.create>> | undefined;
        assert.deepEqual(
            await flavorRequests(name, async () => {
                created = await provider.create(inputs);
            }),
            ["POST /v2.1/flavors 200"],
        );
        const news = { ...inputs, description: "described", extraSpecs: { "hw:cpu_cores": "1" } };
        let updated: Awaited<ReturnType<typeof provider.update>> | undefined;
        assert.deepEqual(
            await flavorRequests(name, async () => {
                updated = await provider.update(name, created!.outs!, news);
            }),
            [`POST /v2.1/flavors/${name}/os-extra_specs 200`, `PUT /v2.1/flavors/${name} 200`],
        );
        assert.deepEqual(updated!.outs, (await provider.read(name)).props);
        assert.equal(updated!.outs!.description, "described");
        await provider.delete(name);
    });

    it("changes extra specs and the description in place: set, change and remove keys", async () => {
        const name = uniqueName("it-flavor");
        const { id, outs } = await provider.create({
            name,
            vcpus: 2,
            ramMb: 2048,
            diskGb: 20,
            extraSpecs: { "vmware:hw_version": "vmx-13", "quota:cpu_limit": "1000" },
        });
        assert.equal(outs!.description, null);
        const news = {
            name,
            vcpus: 2,
            ramMb: 2048,
            diskGb: 20,
            description: "now described",
            extraSpecs: { "vmware:hw_version": "vmx-14", "quota:memory_limit": "2048" },
        };
        assert.deepEqual(await provider.diff(id, outs!, news), {
            changes: true,
            replaces: [],
            deleteBeforeReplace: true,
        });
        const { outs: updated } = await provider.update(id, outs!, news);
        assert.deepEqual(updated!.extraSpecs, news.extraSpecs);
        const live = await showFlavor(lab, id);
        assert.equal(live.id, id);
        assert.equal(live.description, "now described");
        assert.deepEqual(live.properties, news.extraSpecs);
        await provider.delete(id);
    });

    it("creates a flavor with a chosen id, private", async () => {
        const name = uniqueName("it-flavor");
        const { id, outs } = await provider.create({
            name,
            vcpus: 1,
            ramMb: 512,
            diskGb: 1,
            isPublic: false,
            flavorId: name,
        });
        assert.equal(id, name);
        assert.equal(outs!.isPublic, false);
        await provider.delete(id);
    });

    it("refuses a duplicate name naming the flavor and adopt, and a taken id with Nova's own message", async () => {
        const name = uniqueName("it-flavor");
        const { id } = await provider.create({ name, vcpus: 1, ramMb: 512, diskGb: 1 });
        await assert.rejects(provider.create({ name, vcpus: 1, ramMb: 512, diskGb: 1 }), (err: Error) => {
            assert.equal(
                err.message,
                `flavor "${name}" already exists (${id}): it carries no owner marker of this library; set adopt: ` +
                    `true to take it over as this flavor, or choose another name`,
            );
            assert.match((err.cause as Error).message, new RegExp(`Flavor with name ${name} already exists\\.$`));
            return true;
        });
        const other = uniqueName("it-flavor");
        await assert.rejects(
            provider.create({ name: other, flavorId: id, vcpus: 1, ramMb: 512, diskGb: 1 }),
            (err: Error) => {
                assert.match(
                    err.message,
                    /^POST http:\/\/127\.0\.0\.1:\d+\/v2\.1\/flavors: HTTP 409 \(expected 200\) conflictingRequest: /,
                );
                assert.match(err.message, new RegExp(`Flavor with ID ${id} already exists\\.$`));
                return true;
            },
        );
        await provider.delete(id);
    });

    it("leaves nothing behind when the extra specs are refused", async () => {
        const name = uniqueName("it-flavor");
        const before = await flavorIds(lab);
        await assert.rejects(
            provider.create({
                name,
                vcpus: 1,
                ramMb: 512,
                diskGb: 1,
                extraSpecs: { ["x".repeat(256)]: "too long a key" },
            }),
            /os-extra_specs: HTTP 400 \(expected 200\) badRequest/,
        );
        assert.deepEqual((await flavorIds(lab)).sort(), before.sort());
    });

    it("gives a private flavor to the declared projects, and takes access away in place", async () => {
        const demoProject = (await openstackCli(lab, "project", "show", lab.openstack.demo.projectName)) as {
            id: string;
        };
        const name = uniqueName("it-flavor");
        const inputs = { name, vcpus: 1, ramMb: 512, diskGb: 1, isPublic: false, projects: [demoProject.id] };
        const { id, outs } = await provider.create(inputs);
        assert.deepEqual(outs!.projects, [demoProject.id]);
        assert.deepEqual((await provider.read(id)).props, outs);
        const demoSees = async () =>
            ((await openstackCliAsDemo(lab, "flavor", "list", "--all")) as { ID: string }[]).map((f) => f.ID);
        assert.ok((await demoSees()).includes(id), "demo does not see the flavor it was granted");
        const news = { ...inputs, projects: [] };
        assert.deepEqual(await provider.diff(id, outs!, news), {
            changes: true,
            replaces: [],
            deleteBeforeReplace: true,
        });
        const { outs: updated } = await provider.update(id, outs!, news);
        assert.deepEqual(updated!.projects, []);
        assert.ok(!(await demoSees()).includes(id), "demo still sees the flavor");
        await provider.delete(id);
    });

    /** A flavor of 2 vCPUs, 2048 MiB and 20 GiB made with the openstack CLI, with the given `key=value` specs. */
    async function cliFlavor(name: string, ...properties: string[]): Promise<{ id: string }> {
        const specs = properties.flatMap((p) => ["--property", p]);
        return (await openstackCli(
            lab,
            "flavor",
            "create",
            "--vcpus",
            "2",
            "--ram",
            "2048",
            "--disk",
            "20",
            ...specs,
            name,
        )) as {
            id: string;
        };
    }

    it("adopts an existing flavor by name and reconciles what Nova can change", async () => {
        const name = uniqueName("it-flavor");
        const made = await cliFlavor(name, "vmware:hw_version=vmx-13", "quota:cpu_limit=100");
        const { id, outs } = await provider.create({
            name,
            vcpus: 2,
            ramMb: 2048,
            diskGb: 20,
            adopt: true,
            description: "adopted",
            extraSpecs: { "vmware:hw_version": "vmx-14" },
        });
        assert.equal(id, made.id);
        assert.deepEqual([outs!.description, outs!.extraSpecs], ["adopted", { "vmware:hw_version": "vmx-14" }]);
        assert.deepEqual((await showFlavor(lab, id)).properties, { "vmware:hw_version": "vmx-14" });
        await provider.delete(id);
    });

    it("refuses to adopt a flavor whose sizes differ from the declared ones", async () => {
        const name = uniqueName("it-flavor");
        const made = await cliFlavor(name);
        await assert.rejects(provider.create({ name, vcpus: 4, ramMb: 2048, diskGb: 20, adopt: true }), {
            message: `flavor "${name}" (${made.id}) exists with vcpus 2 (declared 4); Nova cannot change these, so declare its values or delete the flavor first`,
        });
        await openstackCliQuiet(lab, "flavor", "delete", made.id);
    });

    it("takes over the flavor it created when the answer to the create was lost", async () => {
        const createsFlavor = (method: string, path: string) => method === "POST" && path === "/v2.1/flavors";
        await withLossyEndpoint(lab, "compute", lab.openstack.ports.nova, "/v2.1", createsFlavor, async (proxy) => {
            const name = uniqueName("it-flavor");
            const inputs = { name, vcpus: 1, ramMb: 512, diskGb: 1, extraSpecs: { "quota:cpu_limit": "100" } };
            const { id, outs } = await provider.create(inputs);
            assert.equal(proxy.dropped(), 1);
            const all = (await openstackCli(lab, "flavor", "list", "--all")) as { ID: string; Name: string }[];
            assert.deepEqual(
                all.filter((f) => f.Name === name).map((f) => f.ID),
                [id],
            );
            assert.deepEqual(outs!.extraSpecs, { "quota:cpu_limit": "100" });
            await provider.delete(id);
        });
    });

    it("marks its flavor in the description, takes it over after a lost create, and refuses others' without adopt", async () => {
        const name = uniqueName("it-flavor-own");
        const owner = ownerMarker("it-owner", "dev", "openstack:Flavor", name);
        const inputs = { name, vcpus: 1, ramMb: 512, diskGb: 1, description: "small, for tests", owner };
        const { value: first, calls } = await openstackCalls(() => provider.create(inputs));
        const { id, outs } = first;
        const nova = `127.0.0.1:${lab.openstack.ports.nova}`;
        // The marker rides in the create's description, and the answer holds the flavor: one call, as without it.
        assert.deepEqual(calls, { [`POST ${nova}`]: 1 });
        assert.equal(outs!.description, "small, for tests");
        assert.equal((await showFlavor(lab, id)).description, `small, for tests ${owner}`);
        assert.deepEqual(await provider.read(id), { id, props: outs });
        try {
            // The state lost the create: Nova refuses the name, and the flavor is taken over, with no duplicate.
            const again = await provider.create({ ...inputs, description: "recovered" });
            assert.equal(again.id, id);
            assert.equal(again.outs!.description, "recovered");
            assert.equal((await showFlavor(lab, id)).description, `recovered ${owner}`);
            const named = (await openstackCli(lab, "flavor", "list", "--all")) as { ID: string; Name: string }[];
            assert.deepEqual(
                named.filter((f) => f.Name === name).map((f) => f.ID),
                [id],
            );

            const taken = (whose: string) =>
                `flavor "${name}" already exists (${id}): ${whose}; set adopt: true to take it over as this ` +
                `flavor, or choose another name`;
            const describe = (text: string) =>
                openstackCliQuiet(lab, "--os-compute-api-version", "2.55", "flavor", "set", "--description", text, id);
            await describe("made by hand");
            await assert.rejects(provider.create(inputs), {
                message: taken("it carries no owner marker of this library"),
            });
            const theirs = ownerMarker("it-owner", "prod", "openstack:Flavor", name);
            await describe(`theirs ${theirs}`);
            await assert.rejects(provider.create(inputs), {
                message: taken(`resource openstack:Flavor "${name}" of stack prod in project it-owner created it`),
            });

            const adopted = await provider.create({ ...inputs, adopt: true });
            assert.equal(adopted.id, id);
            assert.equal(adopted.outs!.description, "small, for tests");
            assert.equal((await showFlavor(lab, id)).description, `small, for tests ${owner}`);
        } finally {
            await provider.delete(id);
        }
    });
});
