/** Datastores for tests, seen through govc independently of the providers under test. */
import type { Lab } from "../../lab/lab";
import { ManagedObjectReference } from "../../provider/vsphere/client/xml";
import { runTask } from "../../provider/vsphere/client/task";
import { vsphereClient } from "../../provider/vsphere/connection";
import { datacenterWithHosts, govcMoid, TestDatacenter } from "./inventory";
import { configureProvidersForLab, govc, sharedLab } from "./lab";

/** A test datacenter with a cluster of hosts in the lab, for datastores. */
export interface DatastoreLab {
    lab: Lab;
    dc: TestDatacenter;
    /** The inventory paths of the hosts, in the order of `dc.hostIds`. */
    hosts: string[];
}

/**
 * The lab with a new test datacenter of `count` hosts, the providers of this process pointed at it and logged in
 * (so that the round trips a test counts are the resource's own).
 */
export async function datastoreLab(count: number): Promise<DatastoreLab> {
    const lab = await sharedLab();
    configureProvidersForLab(lab);
    const dc = await datacenterWithHosts(lab, count);
    await vsphereClient().invoke("CurrentTime", {
        _this: new ManagedObjectReference("ServiceInstance", "ServiceInstance"),
    });
    return { lab, dc, hosts: dc.hostNames.map((h) => `/${dc.name}/host/c1/${h}`) };
}

/** Whether vCenter still has the datastore with this MOID. */
export async function govcDatastoreExists(lab: Lab, id: string): Promise<boolean> {
    return govc(lab, "object.collect", "-s", `Datastore:${id}`, "name").then(
        () => true,
        () => false,
    );
}

/** Mounts an NFS 3 export of `nfs.lab.invalid` on hosts (inventory paths) with govc, as datastore `name`. */
export async function govcMountNfs(
    lab: Lab,
    name: string,
    remotePath: string,
    mode: "readWrite" | "readOnly",
    ...hosts: string[]
): Promise<void> {
    const spec = ["-type", "nfs", "-name", name, "-remote-host", "nfs.lab.invalid", "-remote-path", remotePath];
    await govc(lab, "datastore.create", ...spec, "-mode", mode, ...hosts);
}

/**
 * Creates a small VM named `name` with its files on datastore `datastoreName`, on the host `hostId` of a test
 * datacenter's cluster (`CreateVM_Task`; the lab's govc has no vm commands). Returns its MOID.
 */
export async function createVm(
    lab: Lab,
    dc: TestDatacenter,
    name: string,
    datastoreName: string,
    hostId: string,
): Promise<string> {
    const [folder, pool] = await Promise.all([
        govcMoid(lab, `/${dc.name}/vm`),
        govcMoid(lab, `/${dc.name}/host/c1/Resources`),
    ]);
    const vm = await runTask(vsphereClient(), "CreateVM_Task", {
        _this: new ManagedObjectReference("Folder", folder),
        config: {
            name,
            guestId: "otherGuest64",
            files: { vmPathName: `[${datastoreName}]` },
            numCPUs: 1,
            memoryMB: 64,
        },
        pool: new ManagedObjectReference("ResourcePool", pool),
        host: new ManagedObjectReference("HostSystem", hostId),
    });
    return (vm as ManagedObjectReference).value;
}

/** Destroys a VM with its files. */
export async function destroyVm(id: string): Promise<void> {
    await runTask(vsphereClient(), "Destroy_Task", { _this: new ManagedObjectReference("VirtualMachine", id) });
}
