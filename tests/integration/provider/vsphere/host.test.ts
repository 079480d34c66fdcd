import * as assert from "node:assert/strict";
import type { Lab } from "../../../../lab/lab";
import { ManagedObjectReference } from "../../../../provider/vsphere/client/xml";
import { vsphereClient } from "../../../../provider/vsphere/connection";
import { provider } from "../../../../provider/vsphere/host";
import type { HostArgs, HostState } from "../../../../sdk/vsphere/host";
import { govcAddHost, govcHostThumbprint, uniqueHostname } from "../../../support/clusters";
import { govcMoid, govcVm, soapArgsDuring, TASK_WAIT, vsphereCallsDuring } from "../../../support/inventory";
import { configureProvidersForLab, govc, govcCollect, govcLs, sharedLab, uniqueName } from "../../../support/lab";

type Inputs = Parameters<typeof provider.create>[0];

/** What govc reads of a host from vCenter. */
async function liveHost(lab: Lab, id: string) {
    const p = await govcCollect(
        lab,
        `HostSystem:${id}`,
        "name",
        "parent",
        "runtime.connectionState",
        "runtime.inMaintenanceMode",
        "configManager.datastoreSystem",
        "configManager.networkSystem",
    );
    return {
        name: p.name as string,
        parent: (p.parent as { value: string }).value,
        connectionState: p["runtime.connectionState"] as string,
        inMaintenanceMode: p["runtime.inMaintenanceMode"] as boolean,
        datastoreSystem: (p["configManager.datastoreSystem"] as { value: string }).value,
        networkSystem: (p["configManager.networkSystem"] as { value: string }).value,
    };
}

async function checked(news: HostArgs): Promise<Inputs> {
    const result = await provider.check({} as never, news as Inputs);
    assert.deepEqual(result.failures, undefined);
    return result.inputs!;
}

describe("vsphere.Host provider against the lab's vCenter", () => {
    let lab: Lab;
    let dc: string;
    let clusterPath: string;
    let clusterId: string;
    let thumbprint: string;

    before(async () => {
        lab = await sharedLab();
        configureProvidersForLab(lab);
        dc = uniqueName("it-host-dc");
        await govc(lab, "datacenter.create", dc);
        clusterPath = `/${dc}/host/c1`;
        await govc(lab, "cluster.create", "-dc", dc, "c1");
        clusterId = await govcMoid(lab, clusterPath);
        // Logged in before round trips are counted.
        await vsphereClient().invoke("CurrentTime", {
            _this: new ManagedObjectReference("ServiceInstance", "ServiceInstance"),
        });
        // The certificate lab hosts present, read from a host added with govc.
        thumbprint = await govcHostThumbprint(lab, await govcAddHost(lab, clusterPath, uniqueHostname()));
    });

    after(async () => {
        await govc(lab, "object.destroy", `/${dc}`);
    });

    it("adds a host, reads it back, enters and leaves maintenance mode in place and removes it through maintenance mode", async () => {
        const hostname = uniqueHostname();
        const inputs = await checked({
            clusterId,
            hostname,
            password: "esx-Pa55",
            sslThumbprint: thumbprint.toLowerCase(),
        });
        assert.deepEqual(inputs, {
            clusterId,
            hostname,
            username: "root",
            password: "esx-Pa55",
            sslThumbprint: thumbprint,
            maintenanceMode: false,
        });

        let id = "";
        let state: HostState | undefined;
        const createCalls = await vsphereCallsDuring(async () => {
            ({ id, outs: state } = await provider.create(inputs));
        });
        // The cluster with its ancestors (for the host's path), the add and its wait, the new host.
        assert.deepEqual(createCalls, { RetrievePropertiesEx: 2, AddHost_Task: 1, ...TASK_WAIT });
        assert.match(id, /^host-\d+$/);
        const live = await liveHost(lab, id);
        assert.deepEqual(live, {
            name: hostname,
            parent: clusterId,
            connectionState: "connected",
            inMaintenanceMode: false,
            datastoreSystem: live.datastoreSystem,
            networkSystem: live.networkSystem,
        });
        assert.deepEqual(state, {
            ...inputs,
            connectionState: "connected",
            datastoreSystemId: live.datastoreSystem,
            networkSystemId: live.networkSystem,
            version: "8.0.2",
            build: "21997540",
        });
        assert.ok((await govcLs(lab, clusterPath)).includes(`${clusterPath}/${hostname}`));

        assert.deepEqual(await vsphereCallsDuring(() => provider.read(id, state)), { RetrievePropertiesEx: 1 });
        assert.deepEqual(await provider.read(id, state), { id, props: state });
        assert.deepEqual(await vsphereCallsDuring(() => provider.diff(id, state!, inputs)), {});
        assert.deepEqual(await provider.diff(id, state!, inputs), {
            changes: false,
            replaces: [],
            deleteBeforeReplace: true,
        });

        const maintenance = { ...inputs, maintenanceMode: true };
        let updated: HostState | undefined;
        const enterCalls = await vsphereCallsDuring(async () => {
            updated = (await provider.update(id, state!, maintenance)).outs;
        });
        assert.deepEqual(enterCalls, { EnterMaintenanceMode_Task: 1, ...TASK_WAIT, RetrievePropertiesEx: 1 });
        assert.deepEqual(updated, { ...state, maintenanceMode: true });
        assert.equal((await liveHost(lab, id)).inMaintenanceMode, true);

        updated = (await provider.update(id, updated!, inputs)).outs;
        assert.deepEqual(updated, state);
        assert.equal((await liveHost(lab, id)).inMaintenanceMode, false);

        const deleteCalls = await vsphereCallsDuring(() => provider.delete(id, updated!));
        assert.deepEqual(deleteCalls, {
            RetrievePropertiesEx: 1,
            EnterMaintenanceMode_Task: 1,
            Destroy_Task: 1,
            CreatePropertyCollector: 2,
            CreateFilter: 2,
            WaitForUpdatesEx: 2,
            DestroyPropertyCollector: 2,
        });
        assert.deepEqual(await provider.read(id, updated), {});
        assert.ok(!(await govcLs(lab, clusterPath)).includes(`${clusterPath}/${hostname}`));
        await provider.delete(id, updated!); // already gone
    });

    it("adds a host in maintenance mode, and removes one in maintenance mode without entering it again", async () => {
        const inputs = await checked({ clusterId, hostname: uniqueHostname(), password: "x", maintenanceMode: true });
        const { id, outs } = await provider.create(inputs);
        assert.equal(outs!.maintenanceMode, true);
        assert.equal((await liveHost(lab, id)).inMaintenanceMode, true);
        const calls = await vsphereCallsDuring(() => provider.delete(id, outs!));
        assert.deepEqual(calls, { RetrievePropertiesEx: 1, Destroy_Task: 1, ...TASK_WAIT });
    });

    it("names the thumbprint a host presented when it is not the declared one", async () => {
        const hostname = uniqueHostname();
        const wrong = Array(20).fill("AB").join(":");
        await assert.rejects(
            provider.create(await checked({ clusterId, hostname, password: "x", sslThumbprint: wrong })),
            {
                name: "VSphereError",
                message:
                    `vCenter could not verify the certificate of host ${hostname}: the host presented thumbprint ` +
                    `${thumbprint}, not the declared ${wrong}. If that is the host's certificate (compare it on the ` +
                    `host's console), set sslThumbprint to it`,
            },
        );
        assert.ok(!(await govcLs(lab, clusterPath)).includes(`${clusterPath}/${hostname}`));
    });

    it("reconnects the host when its credentials or thumbprint change, sending them only to vCenter", async () => {
        const inputs = await checked({ clusterId, hostname: uniqueHostname(), password: "old-Pa55" });
        const { id, outs } = await provider.create(inputs);
        const rotated = await checked({
            ...inputs,
            username: "admin",
            password: "new-Pa55",
            sslThumbprint: thumbprint,
        });
        assert.deepEqual(await provider.diff(id, outs!, rotated), {
            changes: true,
            replaces: [],
            deleteBeforeReplace: true,
        });
        let updated: HostState | undefined;
        const sent = await soapArgsDuring("ReconnectHost_Task", async () => {
            updated = (await provider.update(id, outs!, rotated)).outs;
        });
        assert.deepEqual(sent, [
            {
                _this: new ManagedObjectReference("HostSystem", id),
                cnxSpec: {
                    hostName: inputs.hostname,
                    sslThumbprint: thumbprint,
                    userName: "admin",
                    password: "new-Pa55",
                    force: false,
                },
            },
        ]);
        assert.deepEqual(updated, { ...outs, username: "admin", password: "new-Pa55", sslThumbprint: thumbprint });
        assert.equal((await liveHost(lab, id)).connectionState, "connected");

        const wrong = Array(20).fill("01").join(":");
        await assert.rejects(provider.update(id, updated!, { ...rotated, sslThumbprint: wrong }), {
            message: new RegExp(
                `^vCenter could not verify the certificate of host ${inputs.hostname}: the host presented thumbprint ${thumbprint}, not the declared ${wrong}`,
            ),
        });
        await provider.delete(id, updated!);
    });

    it("sees maintenance mode changed with govc and puts it back", async () => {
        const inputs = await checked({ clusterId, hostname: uniqueHostname(), password: "x" });
        const { id, outs } = await provider.create(inputs);
        await govc(lab, "host.maintenance.enter", `${clusterPath}/${inputs.hostname}`);
        const refreshed = (await provider.read(id, outs)).props!;
        assert.deepEqual(refreshed, { ...outs, maintenanceMode: true });
        assert.deepEqual(await provider.diff(id, refreshed, inputs), {
            changes: true,
            replaces: [],
            deleteBeforeReplace: true,
        });
        const calls = await vsphereCallsDuring(async () => {
            assert.deepEqual((await provider.update(id, refreshed, inputs)).outs, outs);
        });
        assert.deepEqual(calls, { ExitMaintenanceMode_Task: 1, ...TASK_WAIT, RetrievePropertiesEx: 1 });
        assert.equal((await liveHost(lab, id)).inMaintenanceMode, false);
        await provider.delete(id, outs!);
    });

    it("refuses to remove a host with VMs registered on it, naming them; the host and the VM stay", async () => {
        const inputs = await checked({ clusterId, hostname: uniqueHostname(), password: "x" });
        const { id, outs } = await provider.create(inputs);
        // The VM's files are on a datastore the stack does not manage.
        const vm = await govcVm(lab, dc, `${clusterPath}/${inputs.hostname}`, "VM Network");

        const calls = await vsphereCallsDuring(() =>
            assert.rejects(provider.delete(id, outs!), {
                name: "DestroyRefused",
                message:
                    `host "${inputs.hostname}" (${id}) has VMs registered on it: VirtualMachine "${vm.name}" ` +
                    `(${vm.id}); a destroy never deletes, unregisters or disconnects a VM, with or without ` +
                    `forceDestroy: move them to another host or delete them first`,
            }),
        );
        // The host's VMs and state, the VMs' names: nothing is changed.
        assert.deepEqual(calls, { RetrievePropertiesEx: 2 });
        assert.deepEqual(await liveHost(lab, id).then((h) => [h.connectionState, h.inMaintenanceMode]), [
            "connected",
            false,
        ]);
        assert.equal(await govcMoid(lab, `/${dc}/vm/${vm.name}`), vm.id, "the VM stays");

        await govc(lab, "vm.destroy", `/${dc}/vm/${vm.name}`);
        await provider.delete(id, outs!);
        assert.ok(!(await govcLs(lab, clusterPath)).includes(`${clusterPath}/${inputs.hostname}`));
    });

    it("points a host already in the cluster to adopt, adopts it into maintenance mode, and names one in another cluster", async () => {
        const hostname = uniqueHostname();
        const madeId = await govcAddHost(lab, clusterPath, hostname);
        const inputs = await checked({ clusterId, hostname, password: "x", maintenanceMode: true });
        await assert.rejects(provider.create(inputs), {
            message:
                `${clusterPath}/${hostname} already exists (HostSystem:${madeId}): ` +
                `it carries no owner marker of this library; set adopt: true to take it over as this host, or choose another name`,
        });

        await govc(lab, "cluster.create", "-dc", dc, "c2");
        const elsewhere = await checked({ ...inputs, clusterId: await govcMoid(lab, `/${dc}/host/c2`) });
        await assert.rejects(provider.create(elsewhere), {
            message:
                `host ${hostname} is already connected to this vCenter in another cluster or folder: remove it there ` +
                `first, or declare the host where it is (with adopt: true)`,
        });

        const { id, outs } = await provider.create({ ...inputs, adopt: true });
        assert.equal(id, madeId);
        assert.equal(outs!.maintenanceMode, true);
        assert.equal((await liveHost(lab, id)).inMaintenanceMode, true);
        await provider.delete(id, outs!);
    });

    it("names a cluster that does not exist", async () => {
        await assert.rejects(
            provider.create(await checked({ clusterId: "domain-c999999", hostname: "esx.lab", password: "x" })),
            {
                name: "VSphereError",
                message: "the host's cluster domain-c999999 does not exist in vCenter",
            },
        );
    });

    it("declares a new cluster or hostname a replacement that removes the old host first", async () => {
        const inputs = await checked({ clusterId, hostname: "esx.lab", password: "x" });
        const olds = { ...inputs, connectionState: "connected" } as HostState;
        assert.deepEqual(
            await provider.diff("host-1", olds, { ...inputs, clusterId: "domain-c99", hostname: "esx2.lab" }),
            {
                changes: true,
                replaces: ["clusterId", "hostname"],
                deleteBeforeReplace: true,
            },
        );
    });

    it("rejects invalid inputs at preview without repeating the password", async () => {
        const result = await provider.check(
            {} as never,
            {
                clusterId,
                hostname: "esx 01/lab",
                password: 42,
                sslThumbprint: "AB:CD",
                maintenanceMode: "yes",
            } as never,
        );
        assert.deepEqual(result.failures, [
            {
                property: "hostname",
                reason: 'hostname must be a DNS name or IP address such as esx-01.example.com, not "esx 01/lab"',
            },
            { property: "password", reason: "password must be a non-empty string" },
            {
                property: "sslThumbprint",
                reason:
                    "sslThumbprint must be the SHA-1 thumbprint of the host's certificate, 20 hex bytes separated by " +
                    'colons (AB:12:…), not "AB:CD"',
            },
            { property: "maintenanceMode", reason: 'maintenanceMode must be true or false, not "yes"' },
        ]);
        const missing = await provider.check({} as never, { clusterId, hostname: "esx.lab" } as never);
        assert.deepEqual(missing.failures, [
            { property: "password", reason: "password is required: the password of root on the host" },
        ]);
    });

    it("adds twelve hosts to one cluster at once and removes them at once, without session or task errors", async () => {
        const inputs = await Promise.all(
            Array.from({ length: 12 }, () => checked({ clusterId, hostname: uniqueHostname(), password: "x" })),
        );
        const created = await Promise.all(inputs.map((i) => provider.create(i)));
        assert.equal(new Set(created.map((c) => c.id)).size, 12);
        assert.deepEqual(new Set(created.map((c) => c.outs!.connectionState)), new Set(["connected"]));
        const listing = await govcLs(lab, clusterPath);
        for (const i of inputs) {
            assert.ok(listing.includes(`${clusterPath}/${i.hostname}`), `${i.hostname} is missing`);
        }
        await Promise.all(created.map((c) => provider.delete(c.id, c.outs!)));
        const after = await govcLs(lab, clusterPath);
        assert.deepEqual(
            after.filter((p) => inputs.some((i) => p.endsWith(`/${i.hostname}`))),
            [],
        );
    });
});
