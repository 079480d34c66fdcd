import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { Lab, ROOT } from "../../lab/lab";
import { labStack } from "../../lab/pulumi";
import { govc, govcCollect, govcLs, sharedLab, uniqueName } from "../support/lab";
import { simulatorCallsDuring } from "../support/requestLog";

/** Calls that read or wait and change nothing in the inventory. */
const READ_ONLY = new Set([
    "RetrieveServiceContent",
    "Login",
    "RetrievePropertiesEx",
    "ContinueRetrievePropertiesEx",
    "CreatePropertyCollector",
    "CreateFilter",
    "WaitForUpdatesEx",
    "DestroyPropertyCollector",
    "FindByInventoryPath",
    "SearchDatastore_Task",
]);

/** A list property as `govc object.collect -json` prints it: bare, or wrapped as `{_typeName, _value}`. */
function govcArray(value: unknown): unknown[] {
    return Array.isArray(value) ? value : ((value as { _value?: unknown[] })._value ?? []);
}

function mutating(calls: Record<string, number>): Record<string, number> {
    return Object.fromEntries(Object.entries(calls).filter(([method]) => !READ_ONLY.has(method)));
}

interface PortGroupConfig {
    defaultPortConfig: { vlan: { vlanId: { start: number; end: number }[] } };
    policy: { vlanOverrideAllowed: boolean };
}

/** Sibling port groups created at once by one up (at Pulumi's default parallelism). */
const TENANT_PORT_GROUPS = 24;
const RESOURCES = 12 + TENANT_PORT_GROUPS;

describe("examples/vsphere-inventory end to end, through the Pulumi CLI", function () {
    this.timeout(600_000);
    let lab: Lab;
    let stack: Stack;
    let prefix: string;
    let outputs: Record<string, unknown>;

    const values = (out: Record<string, { value: unknown }>) =>
        Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.value]));

    async function trunk(): Promise<{ start: number; end: number }[]> {
        const pg = await govcCollect(lab, `DistributedVirtualPortgroup:${outputs.brIntId}`, "config");
        return (pg.config as PortGroupConfig).defaultPortConfig.vlan.vlanId.map(({ start, end }) => ({ start, end }));
    }

    before(async () => {
        lab = await sharedLab();
        prefix = uniqueName("e2e-inv");
        stack = await labStack(lab, path.join(ROOT, "examples", "vsphere-inventory"), prefix, {
            "vsphere-inventory:prefix": { value: prefix },
            "vsphere-inventory:hostPassword": { value: "esx-root-password", secret: true },
            "vsphere-inventory:tenantPortGroups": { value: String(TENANT_PORT_GROUPS) },
        });
    });

    after(async () => {
        await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
    });

    it("up creates the datacenter, two clusters of two hosts, the NFS datastore with Glance's folder, the switch, br-int and 24 sibling port groups", async () => {
        const calls = await simulatorCallsDuring(lab, async () => {
            const result = await stack.up();
            assert.deepEqual(result.summary.resourceChanges, { create: RESOURCES });
            outputs = values(result.outputs);
        });
        assert.deepEqual(mutating(calls), {
            // The datacenter is made under a provisional name, marked, then renamed.
            CreateDatacenter: 1,
            Rename_Task: 1,
            CreateClusterEx: 2,
            AddHost_Task: 4,
            CreateNasDatastore: 4,
            MakeDirectory: 1,
            CreateDVS_Task: 1,
            AddDVPortgroup_Task: 1 + TENANT_PORT_GROUPS,
            // Each object created is marked with its owner: the datacenter, 2 clusters, 4 hosts, the datastore,
            // the switch, br-int and the tenant port groups.
            SetField: 10 + TENANT_PORT_GROUPS,
        });
        const portGroups = await govcLs(lab, `/${prefix}-dc/network`);
        assert.equal(portGroups.filter((p) => /\/tenant-\d+$/.test(p)).length, TENANT_PORT_GROUPS);
        assert.deepEqual(await trunk(), [{ start: 100, end: 2000 }]);
        const pg = await govcCollect(lab, `DistributedVirtualPortgroup:${outputs.brIntId}`, "config");
        assert.equal((pg.config as PortGroupConfig).policy.vlanOverrideAllowed, true);
        const ds = await govcCollect(lab, `Datastore:${outputs.datastoreId}`, "host");
        assert.equal(govcArray(ds.host).length, 4);
        const dvs = await govcCollect(lab, `DistributedVirtualSwitch:${outputs.switchId}`, "summary.hostMember");
        assert.equal(govcArray(dvs["summary.hostMember"]).length, 4);
        // Created in parallel, so listed in either order.
        assert.deepEqual((await govcLs(lab, `/${prefix}-dc/host`)).sort(), [
            `/${prefix}-dc/host/${prefix}-compute-a`,
            `/${prefix}-dc/host/${prefix}-compute-b`,
        ]);
    });

    it("refresh finds nothing changed and changes nothing; a no-op up sends vCenter nothing", async () => {
        const refreshCalls = await simulatorCallsDuring(lab, async () => {
            assert.deepEqual((await stack.refresh()).summary.resourceChanges, { same: RESOURCES });
        });
        assert.deepEqual(mutating(refreshCalls), {});
        const noop = await simulatorCallsDuring(lab, async () => {
            assert.deepEqual((await stack.up()).summary.resourceChanges, { same: RESOURCES });
        });
        assert.deepEqual(noop, {});
    });

    it("refresh sees br-int changed with govc, and up puts the trunk back with one reconfigure", async () => {
        await govc(lab, "dvs.portgroup.change", "-vlan-mode", "vlan", "-vlan", "42", `/${prefix}-dc/network/br-int`);
        assert.deepEqual((await stack.refresh()).summary.resourceChanges, { update: 1, same: RESOURCES - 1 });
        const calls = await simulatorCallsDuring(lab, async () => {
            assert.deepEqual((await stack.up()).summary.resourceChanges, { update: 1, same: RESOURCES - 1 });
        });
        assert.deepEqual(mutating(calls), { ReconfigureDVPortgroup_Task: 1 });
        assert.deepEqual(await trunk(), [{ start: 100, end: 2000 }]);
    });

    it("changes the br-int trunk in place: one reconfigure, same port group", async () => {
        await stack.setConfig("vsphere-inventory:vlanMin", { value: "200" });
        await stack.setConfig("vsphere-inventory:vlanMax", { value: "1200" });
        const calls = await simulatorCallsDuring(lab, async () => {
            const result = await stack.up();
            assert.deepEqual(result.summary.resourceChanges, { update: 1, same: RESOURCES - 1 });
            assert.equal(values(result.outputs).brIntId, outputs.brIntId);
        });
        assert.deepEqual(mutating(calls), { ReconfigureDVPortgroup_Task: 1 });
        assert.deepEqual(await trunk(), [{ start: 200, end: 1200 }]);
    });

    it("destroy leaves nothing in vCenter", async () => {
        assert.deepEqual((await stack.destroy()).summary.resourceChanges, { delete: RESOURCES });
        const listing = await govcLs(lab, "/");
        assert.ok(!listing.some((p) => p.startsWith(`/${prefix}`)), listing.join(", "));
    });
});
