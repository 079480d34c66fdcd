/**
 * vSphere inventory for tests, made with govc independently of the providers under test: a datacenter with a
 * cluster of ESXi hosts (the simulator adds them without contacting anything; each has vmnic0 and vmnic1), and
 * the SOAP round trips a provider makes.
 */
import * as assert from "node:assert/strict";
import type { Lab } from "../../lab/lab";
import type { SoapObject } from "../../provider/vsphere/client/xml";
import { vsphereClient } from "../../provider/vsphere/connection";
import { govc, uniqueName } from "./lab";

export interface TestDatacenter {
    name: string;
    /** MOID of the datacenter. */
    id: string;
    /** MOIDs of the hosts in its cluster, in the order they were added. */
    hostIds: string[];
    /** Inventory names of those hosts. */
    hostNames: string[];
}

/** The MOID of the object at an inventory path, from `govc ls -i -l` of its parent. */
export async function govcMoid(lab: Lab, path: string): Promise<string> {
    const parent = path.slice(0, path.lastIndexOf("/")) || "/";
    const lines = (await govc(lab, "ls", "-i", "-l", parent)).split("\n");
    const line = lines.find((l) => l.endsWith(` ${path}`));
    if (!line) {
        throw new Error(`govc ls -i -l ${parent} does not list ${path}: ${lines.join(" | ")}`);
    }
    return line.slice(line.indexOf(":") + 1, line.indexOf(" "));
}

/** A new datacenter with a cluster `c1` of `hosts` ESXi hosts, made with govc. */
export async function datacenterWithHosts(lab: Lab, hosts: number): Promise<TestDatacenter> {
    const name = uniqueName("it-dvs-dc");
    await govc(lab, "datacenter.create", name);
    await govc(lab, "cluster.create", "-dc", name, "c1");
    const hostNames: string[] = [];
    for (let i = 1; i <= hosts; i++) {
        const hostname = `esx-${i}.${name}.lab`;
        await govc(
            lab,
            "cluster.add",
            "-dc",
            name,
            "-cluster",
            "c1",
            "-noverify",
            "-hostname",
            hostname,
            "-username",
            "root",
            "-password",
            "lab",
        );
        hostNames.push(hostname);
    }
    return {
        name,
        id: await govcMoid(lab, `/${name}`),
        hostIds: await Promise.all(hostNames.map((h) => govcMoid(lab, `/${name}/host/c1/${h}`))),
        hostNames,
    };
}

/** Destroys a test datacenter with everything in it. */
export async function destroyDatacenter(lab: Lab, dc: TestDatacenter): Promise<void> {
    await govc(lab, "object.destroy", `/${dc.name}`);
}

/** SOAP round trips by method that the providers of this process make while `fn` runs. */
export async function vsphereCallsDuring(fn: () => Promise<unknown>): Promise<Record<string, number>> {
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

/** The round trips of one task awaited through the property collector, besides the call that starts it. */
export const TASK_WAIT = {
    CreatePropertyCollector: 1,
    CreateFilter: 1,
    WaitForUpdatesEx: 1,
    DestroyPropertyCollector: 1,
};

/** The arguments of each `method` call the providers of this process send while `fn` runs. */
export async function soapArgsDuring(method: string, fn: () => Promise<unknown>): Promise<SoapObject[]> {
    const transport = vsphereClient().transport;
    const call = transport.call;
    const sent: SoapObject[] = [];
    transport.call = (m, args) => {
        if (m === method) {
            sent.push(args);
        }
        return call.call(transport, m, args);
    };
    try {
        await fn();
    } finally {
        transport.call = call;
    }
    return sent;
}

/**
 * Makes the lab's vCenter answer the next `count` calls of `method` on the object `objectId` with `fault`
 * (rules for one object only, spent after `count`: other tests are not touched). `objectId` may instead be a
 * managed object type (`{ type: "PropertyCollector" }`) for objects whose MOID is not known beforehand, and the
 * fault may come `delayMs` after the call.
 */
export async function injectFault(
    lab: Lab,
    method: string,
    objectId: string | { type: string },
    fault: string,
    count: number,
    delayMs = 0,
): Promise<void> {
    const target = typeof objectId === "string" ? { objectId } : { objectType: objectId.type };
    const response = await fetch(`${lab.vsphere.controlUrl}/faults`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ method, ...target, fault, count, delayMs }),
    });
    if (response.status !== 201) {
        throw new Error(`POST /faults: HTTP ${response.status} ${await response.text()}`);
    }
}

/** The provider methods {@link assertSteadyCalls} calls. */
interface SteadyProvider<I, S> {
    read(id: string, props?: S): Promise<unknown>;
    diff(id: string, olds: S, news: I): Promise<unknown>;
    update(id: string, olds: S, news: I): Promise<{ outs?: S }>;
    delete(id: string, props: S): Promise<void>;
}

/**
 * Asserts the round trips of a created object's life after its create: a read is one property read, a diff none,
 * an update of `forceDestroy` alone (for a resource without it, an update with the same inputs) one read and
 * nothing sent, and the delete one read, one `Destroy_Task` and its wait. The object is gone afterwards.
 */
export async function assertSteadyCalls<I extends object, S extends object>(
    provider: SteadyProvider<I, S>,
    id: string,
    state: S,
    inputs: I,
): Promise<void> {
    assert.deepEqual(await vsphereCallsDuring(() => provider.read(id, state)), { RetrievePropertiesEx: 1 });
    assert.deepEqual(await vsphereCallsDuring(() => provider.diff(id, state, inputs)), {});
    const forced = "forceDestroy" in state ? { forceDestroy: true } : {};
    let updated: S | undefined;
    const updateCalls = await vsphereCallsDuring(async () => {
        updated = (await provider.update(id, state, { ...inputs, ...forced })).outs;
    });
    assert.deepEqual(updateCalls, { RetrievePropertiesEx: 1 });
    assert.deepEqual(updated, { ...state, ...forced });
    const deleteCalls = await vsphereCallsDuring(() => provider.delete(id, updated!));
    assert.deepEqual(deleteCalls, { RetrievePropertiesEx: 1, Destroy_Task: 1, ...TASK_WAIT });
}

/**
 * A VM made with govc on the host at inventory path `host` (in a cluster) of datacenter `dc`, powered off, with
 * one network adapter on the network at inventory path `network` (e.g. a port group), on the datastore named
 * `datastore`, or else on an NFS datastore mounted for it (one the stack does not manage). Returns its name and
 * MOID.
 */
export async function govcVm(
    lab: Lab,
    dc: string,
    host: string,
    network: string,
    datastore?: string,
): Promise<{ name: string; id: string }> {
    const name = uniqueName("it-vm");
    const ds = datastore ?? `${name}-ds`;
    if (!datastore) {
        await govc(
            lab,
            "datastore.create",
            "-type",
            "nfs",
            "-name",
            ds,
            "-remote-host",
            "nfs.lab.invalid",
            "-remote-path",
            `/export/${ds}`,
            host,
        );
    }
    await govc(
        lab,
        "vm.create",
        "-dc",
        dc,
        "-on=false",
        "-host",
        host,
        "-pool",
        `${host.slice(0, host.lastIndexOf("/"))}/Resources`,
        "-ds",
        ds,
        "-net",
        network,
        "-net.adapter",
        "vmxnet3",
        "-m",
        "64",
        "-c",
        "1",
        name,
    );
    return { name, id: await govcMoid(lab, `/${dc}/vm/${name}`) };
}

/** The network adapters of a VM, as `govc device.ls` lists them (e.g. `ethernet-0`). */
export async function govcAdapters(lab: Lab, dc: TestDatacenter, vm: string): Promise<string[]> {
    const devices = (await govc(lab, "device.ls", "-vm", `/${dc.name}/vm/${vm}`)).split("\n");
    return devices.map((line) => line.split(/\s+/)[0]).filter((device) => device.startsWith("ethernet-"));
}
