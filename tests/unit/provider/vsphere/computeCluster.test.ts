import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { UNKNOWN } from "../../../../model/diff";
import { configSpec, provider, settingsOf, vmotionRate } from "../../../../provider/vsphere/computeCluster";
import { decodeClusterConfig, encodeClusterConfigSpec } from "../../../../provider/vsphere/vim/cluster";
import {
    decode,
    encodeRequest,
    list,
    ManagedObjectReference,
    obj,
    parseBody,
} from "../../../../provider/vsphere/client/xml";
import type { ClusterDrs, ClusterHa, ComputeClusterState } from "../../../../sdk/vsphere/computeCluster";

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "../../../fixtures/vsphere", name), "utf8");

const drs: ClusterDrs = { enabled: false, automationLevel: "fullyAutomated", migrationThreshold: 3 };
const ha: ClusterHa = { enabled: false, admissionControlEnabled: true, hostMonitoring: "enabled" };

const stored: ComputeClusterState = {
    datacenterId: "datacenter-2",
    name: "compute1",
    drs,
    ha,
    datacenterPath: "/dc1",
    resourcePoolId: "resgroup-18",
    forceDestroy: false,
};

describe("vsphere.ComputeCluster check and diff", () => {
    it("fills in vCenter's defaults for every DRS and HA setting left out", async () => {
        const result = await provider.check({} as never, {
            datacenterId: "datacenter-2",
            name: "compute1",
            drs: { enabled: true },
        });
        assert.deepEqual(result, {
            inputs: {
                datacenterId: "datacenter-2",
                name: "compute1",
                drs: { enabled: true, automationLevel: "fullyAutomated", migrationThreshold: 3 },
                ha,
            },
        });
    });

    it("keeps settings that are not known yet at preview unknown, and diffs them as a change", async () => {
        const result = await provider.check(
            {} as never,
            { datacenterId: UNKNOWN, name: "compute1", drs: UNKNOWN } as never,
        );
        assert.deepEqual(result.failures, undefined);
        assert.equal(result.inputs!.drs, UNKNOWN);
        assert.deepEqual(await provider.diff("domain-c8", stored, result.inputs!), {
            changes: true,
            replaces: ["datacenterId"],
            deleteBeforeReplace: false,
        });
    });

    it("diffs a partial setting against the stored one as an update in place", async () => {
        const inputs = { datacenterId: "datacenter-2", name: "compute1", ha: { hostMonitoring: "disabled" as const } };
        assert.deepEqual(await provider.diff("domain-c8", stored, inputs), {
            changes: true,
            replaces: [],
            deleteBeforeReplace: false,
        });
        assert.deepEqual(await provider.diff("domain-c8", stored, { datacenterId: "datacenter-2", name: "compute1" }), {
            changes: false,
            replaces: [],
            deleteBeforeReplace: false,
        });
    });
});

describe("vsphere.ComputeCluster wire format", () => {
    it("turns the vSphere Client's migration threshold into vmotionRate and back", () => {
        assert.deepEqual([1, 2, 3, 4, 5].map(vmotionRate), [5, 4, 3, 2, 1]);
    });

    it("creates with every setting, exactly as the recorded CreateClusterEx request", () => {
        const spec = configSpec(undefined, {
            drs: { enabled: true, automationLevel: "partiallyAutomated", migrationThreshold: 3 },
            ha: { enabled: true, admissionControlEnabled: false, hostMonitoring: "enabled" },
        });
        const xml = encodeRequest("CreateClusterEx", {
            _this: new ManagedObjectReference("Folder", "folder-4"),
            name: "cl1",
            spec: encodeClusterConfigSpec(spec!),
        });
        assert.equal(xml, fixture("09-CreateClusterEx.req.xml"));
    });

    it("reconfigures only what differs, exactly as the recorded ReconfigureComputeResource_Task request", () => {
        const spec = configSpec({ drs: { ...drs, enabled: true }, ha }, { drs, ha: { ...ha, enabled: true } });
        const xml = encodeRequest("ReconfigureComputeResource_Task", {
            _this: new ManagedObjectReference("ClusterComputeResource", "clustercomputeresource-17"),
            spec: encodeClusterConfigSpec(spec!, true),
            modify: true,
        });
        assert.equal(xml, fixture("12-ReconfigureComputeResource_Task-drs-off-ha-on.req.xml"));
    });

    it("sends nothing when nothing differs, and one field when one differs", () => {
        assert.equal(configSpec({ drs, ha }, { drs, ha }), undefined);
        assert.deepEqual(configSpec({ drs, ha }, { drs: { ...drs, migrationThreshold: 1 }, ha }), {
            drsConfig: { vmotionRate: 5 },
        });
    });

    it("reads a configuration vCenter leaves mostly unset as vCenter's defaults", () => {
        const body = parseBody(fixture("11-RetrievePropertiesEx-Cluster-configurationEx.res.xml"));
        const content = obj(obj(obj(decode(body), "response").returnval, "returnval").objects, "objects");
        const configurationEx = obj(list(content.propSet)[0], "propSet").val;
        // <dasConfig></dasConfig><drsConfig><enabled>true</enabled></drsConfig>
        assert.deepEqual(settingsOf(decodeClusterConfig(configurationEx)), { drs: { ...drs, enabled: true }, ha });
    });

    it("reads every setting vCenter sends, typed or as text", () => {
        const settings = settingsOf(
            decodeClusterConfig({
                $type: "ClusterConfigInfoEx",
                dasConfig: { enabled: true, admissionControlEnabled: "false", hostMonitoring: "disabled" },
                drsConfig: { enabled: "true", defaultVmBehavior: "manual", vmotionRate: "4" },
            }),
        );
        assert.deepEqual(settings, {
            drs: { enabled: true, automationLevel: "manual", migrationThreshold: 2 },
            ha: { enabled: true, admissionControlEnabled: false, hostMonitoring: "disabled" },
        });
        assert.throws(
            () => decodeClusterConfig({ drsConfig: { enabled: "yes" } }),
            /vSphere returned no boolean for drsConfig\.enabled/,
        );
    });
});
