import * as assert from "node:assert/strict";
import type { Lab } from "../../../../../lab/lab";
import { ownerMarker } from "../../../../../model/owner";
import { OWNER_FIELD } from "../../../../../provider/vsphere/object/customFields";
import { provider as clusters } from "../../../../../provider/vsphere/computeCluster";
import { provider as datacenters } from "../../../../../provider/vsphere/datacenter";
import { provider as folders } from "../../../../../provider/vsphere/datastoreFolder";
import { provider as portGroups } from "../../../../../provider/vsphere/distributedPortGroup";
import { provider as switches } from "../../../../../provider/vsphere/distributedSwitch";
import { provider as hosts } from "../../../../../provider/vsphere/host";
import { provider as nasDatastores } from "../../../../../provider/vsphere/nasDatastore";
import { provider as vmfsDatastores } from "../../../../../provider/vsphere/vmfsDatastore";
import { ManagedObjectReference } from "../../../../../provider/vsphere/client/xml";
import { provisionalName } from "../../../../../provider/vsphere/lifecycle/adopt";
import { vsphereClient } from "../../../../../provider/vsphere/connection";
import { govcAddHost, uniqueHostname } from "../../../../support/clusters";
import { datastoreLab } from "../../../../support/datastores";
import {
    destroyDatacenter,
    govcMoid,
    injectFault,
    TestDatacenter,
    vsphereCallsDuring,
} from "../../../../support/inventory";
import { govc, govcCollect, uniqueName } from "../../../../support/lab";

/** The provider methods the recovery is tested through, for any vSphere resource. */
interface Provider {
    check(olds: never, news: never): Promise<{ inputs?: unknown; failures?: unknown }>;
    create(inputs: never): Promise<{ id: string; outs?: unknown }>;
    delete(id: string, props: never): Promise<void>;
}

/** One kind of object: its provider, its inputs (without owner), and its inventory path once created. */
interface Kind {
    kind: string;
    type: string;
    provider: Provider;
    inputs: () => Record<string, unknown>;
    path: (inputs: Record<string, unknown>) => string;
}

/** The owner marker of resource `name` in stack `stack` of the test project. */
function marker(stack: string, type: string, name: string): string {
    return ownerMarker("it-owner", stack, type, name);
}

/** The key of the owner attribute, as govc reads the custom field definitions. */
async function govcOwnerKey(lab: Lab): Promise<number> {
    const { field } = await govcCollect(lab, "CustomFieldsManager:CustomFieldsManager", "field");
    const def = (field as { _value: { key: number; name: string }[] })._value.find((f) => f.name === OWNER_FIELD);
    return def!.key;
}

/** The value of the owner attribute of the object at `path`, as govc reads it ("" when unset). */
async function govcOwner(lab: Lab, path: string): Promise<string> {
    const key = await govcOwnerKey(lab);
    const { customValue } = await govcCollect(lab, path, "customValue");
    const values = (customValue as { _value: { key: number; value: string }[] } | null)?._value ?? [];
    return values.find((v) => v.key === key)?.value ?? "";
}

/** Sets the owner attribute of `entity` with a plain `SetField`, as another tool would. */
async function setOwnerField(lab: Lab, entity: ManagedObjectReference, value: string): Promise<void> {
    await vsphereClient().invoke("SetField", {
        _this: new ManagedObjectReference("CustomFieldsManager", "CustomFieldsManager"),
        entity,
        key: await govcOwnerKey(lab),
        value,
    });
}

/** How many objects named `name` vCenter has below `root` (govc find). */
async function govcCount(lab: Lab, root: string, name: string): Promise<number> {
    return (await govc(lab, "find", root, "-name", name)).split("\n").filter(Boolean).length;
}

describe("vSphere ownership markers and recovery against the lab's vCenter", () => {
    let lab: Lab;
    let dc: TestDatacenter;
    let h1: string;
    let switchId: string;
    let switchState: unknown;
    const root = () => `/${dc.name}`;

    before(async () => {
        ({ lab, dc } = await datastoreLab(2));
        h1 = dc.hostIds[0];
        const created = await switches.create({ datacenterId: dc.id, name: uniqueName("it-own-dvs") } as never);
        switchId = created.id;
        switchState = created.outs;
    });

    after(async () => {
        await switches.delete(switchId, { ...(switchState as object), forceDestroy: true } as never);
        await destroyDatacenter(lab, dc);
    });

    const clusterPath = () => `${root()}/host/c1`;
    const kinds: Kind[] = [
        {
            kind: "datacenter",
            type: "vsphere:Datacenter",
            provider: datacenters,
            inputs: () => ({ name: uniqueName("it-own-dc"), folder: "/" }),
            path: (i) => `/${String(i.name)}`,
        },
        {
            kind: "compute cluster",
            type: "vsphere:ComputeCluster",
            provider: clusters,
            inputs: () => ({ datacenterId: dc.id, name: uniqueName("it-own-cl") }),
            path: (i) => `${root()}/host/${String(i.name)}`,
        },
        {
            kind: "host",
            type: "vsphere:Host",
            provider: hosts,
            inputs: () => ({ clusterId: "", hostname: uniqueHostname(), password: "esx-Pa55" }),
            path: (i) => `${clusterPath()}/${String(i.hostname)}`,
        },
        {
            kind: "NFS datastore",
            type: "vsphere:NasDatastore",
            provider: nasDatastores,
            inputs: () => {
                const name = uniqueName("it-own-nfs");
                return { name, hostIds: [h1], remoteHosts: ["nfs.lab.invalid"], remotePath: `/export/${name}` };
            },
            path: (i) => `${root()}/datastore/${String(i.name)}`,
        },
        {
            kind: "VMFS datastore",
            type: "vsphere:VmfsDatastore",
            provider: vmfsDatastores,
            inputs: () => ({ hostId: h1, disk: "", name: uniqueName("it-own-vmfs") }),
            path: (i) => `${root()}/datastore/${String(i.name)}`,
        },
        {
            kind: "distributed switch",
            type: "vsphere:DistributedSwitch",
            provider: switches,
            inputs: () => ({ datacenterId: dc.id, name: uniqueName("it-own-dvs") }),
            path: (i) => `${root()}/network/${String(i.name)}`,
        },
        {
            kind: "port group",
            type: "vsphere:DistributedPortGroup",
            provider: portGroups,
            inputs: () => ({ switchId, name: uniqueName("it-own-pg") }),
            path: (i) => `${root()}/network/${String(i.name)}`,
        },
    ];

    /** Inputs filled in with what the lab only knows once it runs (the cluster's MOID, a free disk). */
    async function given(k: Kind, owner: string | undefined): Promise<Record<string, unknown>> {
        const raw = k.inputs();
        if ("clusterId" in raw) {
            raw.clusterId = await govcMoid(lab, clusterPath());
        }
        if ("disk" in raw) {
            const { "config.storageDevice.scsiLun": luns } = await govcCollect(
                lab,
                `HostSystem:${h1}`,
                "config.storageDevice.scsiLun",
            );
            const disks = (luns as { _value: { canonicalName: string }[] })._value.filter((l) =>
                l.canonicalName.startsWith("naa."),
            );
            raw.disk = disks[0].canonicalName;
        }
        const checked = await k.provider.check({} as never, raw as never);
        assert.equal(checked.failures, undefined);
        return { ...(checked.inputs as Record<string, unknown>), ...(owner === undefined ? {} : { owner }) };
    }

    for (const k of kinds) {
        it(`${k.type}: marks what it creates, takes it over after a lost create, refuses others' without adopt`, async () => {
            const probe = k.inputs();
            const name = String(probe.name ?? probe.hostname);
            const ours = marker("dev", k.type, name);
            const inputs = { ...(await given(k, ours)), ...(probe.name ? { name } : { hostname: name }) };
            const path = k.path(inputs);
            let first: { id: string; outs?: unknown } = { id: "" };
            const createCalls = await vsphereCallsDuring(
                async () => (first = await k.provider.create(inputs as never)),
            );
            // The mark is one call more than a create without it.
            assert.equal(createCalls.SetField, 1);
            assert.equal(await govcOwner(lab, path), ours);

            // The state lost the create: the same create again takes the object over, with no duplicate.
            let again: { id: string; outs?: unknown } | undefined;
            const calls = await vsphereCallsDuring(async () => (again = await k.provider.create(inputs as never)));
            assert.equal(again!.id, first.id);
            assert.equal(await govcCount(lab, k.type === "vsphere:Datacenter" ? "/" : root(), name), 1);
            assert.ok(!("SetField" in calls), `a takeover by marker sets nothing: ${JSON.stringify(calls)}`);

            // The same object without a marker, and with another stack's, is refused, naming adopt.
            const id = first.id;
            const self = (await govcCollect(lab, path, "self")).self as { type: string; value: string };
            const holder = new ManagedObjectReference(self.type, self.value);
            await setOwnerField(lab, holder, "");
            await assert.rejects(k.provider.create(inputs as never), (err: Error) => {
                assert.match(err.message, new RegExp(`:${id}\\): it carries no owner marker of this library; `));
                assert.ok(
                    err.message.endsWith(`set adopt: true to take it over as this ${k.kind}, or choose another name`),
                );
                return true;
            });
            const theirs = marker("prod", k.type, name);
            await setOwnerField(lab, holder, theirs);
            await assert.rejects(k.provider.create(inputs as never), (err: Error) => {
                assert.ok(
                    err.message.includes(
                        `:${id}): resource ${k.type} "${name}" of stack prod in project it-owner created it; set adopt: true`,
                    ),
                    err.message,
                );
                return true;
            });
            assert.equal(await govcOwner(lab, path), theirs);

            // adopt takes it, and marks it as ours.
            const adopted = await k.provider.create({ ...inputs, adopt: true } as never);
            assert.equal(adopted.id, first.id);
            assert.equal(await govcOwner(lab, path), ours);
            assert.equal(await govcCount(lab, k.type === "vsphere:Datacenter" ? "/" : root(), name), 1);
            await k.provider.delete(adopted.id, { ...(adopted.outs as object), forceDestroy: true } as never);
        });
    }

    it("vsphere:DatastoreFolder: takes over a folder on a datastore of its own stack, refuses one on another's", async () => {
        const dsName = uniqueName("it-own-nfs");
        const ds = await nasDatastores.create({
            ...(await given(kinds[3], marker("dev", "vsphere:NasDatastore", dsName))),
            name: dsName,
            remotePath: `/export/${dsName}`,
        } as never);
        const dsPath = `${root()}/datastore/${dsName}`;
        try {
            const path = "openstack_glance";
            const inputs = {
                datastoreId: ds.id,
                path,
                owner: marker("dev", "vsphere:DatastoreFolder", `${dsName}-images`),
            };
            const first = await folders.create(inputs as never);
            // The state lost the create: the folder is there, on the stack's own datastore, and is taken over.
            const again = await folders.create(inputs as never);
            assert.deepEqual(again, first);
            assert.deepEqual((await govc(lab, "datastore.ls", "-ds", dsPath)).split("\n").filter(Boolean), [path]);

            const self = (await govcCollect(lab, dsPath, "self")).self as { type: string; value: string };
            await setOwnerField(lab, new ManagedObjectReference(self.type, self.value), marker("prod", "x", "y"));
            await assert.rejects(folders.create(inputs as never), {
                message:
                    `[${dsName}] ${path} already exists on datastore ${ds.id}: set adopt: true to take it over as ` +
                    `this folder, or choose another path`,
            });
            assert.deepEqual(await folders.create({ ...inputs, adopt: true } as never), first);
        } finally {
            await nasDatastores.delete(ds.id, { ...(ds.outs as object), forceDestroy: true } as never);
        }
    });

    it("vsphere:Host: an unmarked host in a cluster of its own stack is taken over; in another stack's, refused", async () => {
        // A create killed while its AddHost_Task ran: the task ends without the provider, the host stays unmarked.
        const clusterName = uniqueName("it-own-cl");
        const cluster = await clusters.create({
            ...((await clusters.check({} as never, { datacenterId: dc.id, name: clusterName } as never))
                .inputs as object),
            owner: marker("dev", "vsphere:ComputeCluster", clusterName),
        } as never);
        const path = `${root()}/host/${clusterName}`;
        try {
            const hostname = uniqueHostname();
            const left = await govcAddHost(lab, path, hostname);
            const inputs = {
                ...((await hosts.check({} as never, { clusterId: cluster.id, hostname, password: "lab" } as never))
                    .inputs as object),
                owner: marker("dev", "vsphere:Host", hostname),
            };
            const taken = await hosts.create(inputs as never);
            assert.equal(taken.id, left);
            assert.equal(await govcOwner(lab, `${path}/${hostname}`), marker("dev", "vsphere:Host", hostname));
            assert.equal(await govcCount(lab, path, hostname), 1);

            // The same unmarked host in a cluster another stack created is someone else's.
            const other = uniqueHostname();
            const theirs = await govcAddHost(lab, path, other);
            await setOwnerField(
                lab,
                new ManagedObjectReference("ClusterComputeResource", cluster.id),
                marker("prod", "x", "y"),
            );
            await assert.rejects(
                hosts.create({ ...inputs, hostname: other, owner: marker("dev", "vsphere:Host", other) } as never),
                {
                    message:
                        `${path}/${other} already exists (HostSystem:${theirs}): it carries no owner marker of this ` +
                        `library; set adopt: true to take it over as this host, or choose another name`,
                },
            );
        } finally {
            await clusters.delete(cluster.id, { ...(cluster.outs as object), forceDestroy: true } as never);
        }
    });

    it("vsphere:Datacenter: a create cut off before its mark or its name leaves only its provisional datacenter, which the next create takes over", async () => {
        // A datacenter's folder belongs to no stack: the create makes it under a name only this resource makes,
        // marks it, then renames it, so that no unmarked datacenter of the declared name is ever left.
        const name = uniqueName("it-own-dc");
        const owner = marker("dev", "vsphere:Datacenter", name);
        const inputs = { ...(await given(kinds[0], owner)), name };
        const provisional = `/${provisionalName(owner, `/${name}`)}`;
        const listed = async () => ({
            declared: await govcCount(lab, "/", name),
            provisional: await govcCount(lab, "/", provisional.slice(1)),
        });

        // The mark fails (an answer lost, a provider killed): the provisional datacenter stays, unmarked.
        await injectFault(lab, "SetField", { type: "CustomFieldsManager" }, "NotAuthenticated", 2);
        await assert.rejects(datacenters.create(inputs as never), /SetField/);
        assert.deepEqual(await listed(), { declared: 0, provisional: 1 });
        assert.equal(await govcOwner(lab, provisional), "");
        const left = await govcMoid(lab, provisional);
        const first = await datacenters.create(inputs as never);
        assert.equal(first.id, left);
        assert.deepEqual(await listed(), { declared: 1, provisional: 0 });
        assert.equal(await govcOwner(lab, `/${name}`), owner);
        await datacenters.delete(first.id, first.outs as never);

        // The rename fails: the provisional datacenter stays, marked, and is taken over the same way.
        await injectFault(lab, "Rename_Task", { type: "Datacenter" }, "NotAuthenticated", 2);
        await assert.rejects(datacenters.create(inputs as never), /Rename_Task/);
        assert.deepEqual(await listed(), { declared: 0, provisional: 1 });
        assert.equal(await govcOwner(lab, provisional), owner);
        const second = await datacenters.create(inputs as never);
        assert.equal(second.id, await govcMoid(lab, `/${name}`));
        assert.deepEqual(await listed(), { declared: 1, provisional: 0 });
        await datacenters.delete(second.id, second.outs as never);
    });
});
