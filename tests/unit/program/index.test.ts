import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { recordRegistrations, Registered, registrationsSettled } from "../../support/mocks";
import { exampleStackFile } from "../../support/rootStack";

/** Sets `config` as the engine hands a stack's config to a program: structured values as JSON text. */
function setStackConfig(config: Record<string, unknown>): void {
    const text = Object.fromEntries(
        Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
    );
    const connections = { lab: { server: "vc.lab", user: "u", password: "p", hostPassword: "h" } };
    pulumi.runtime.setAllConfig({ ...text, "vsphere-openstack:connections": JSON.stringify(connections) }, [
        "vsphere-openstack:connections",
    ]);
}

const PROGRAM = require.resolve("../../../program");

describe("the root program, under mocks", () => {
    let registered: Registered[];

    before(async () => {
        setStackConfig(exampleStackFile().config);
        registered = await recordRegistrations("vsphere-openstack");
        delete require.cache[PROGRAM];
        await import(PROGRAM);
        await registrationsSettled();
    });

    it("builds OpenStackOnVSphere from the stack config: every object of the example stack file, once", () => {
        const names = registered.map(({ type, name }) => `${type.replace("pulumi-nodejs:dynamic/", "")} ${name}`);
        assert.deepEqual(names.sort(), [
            "openstack:Flavor example-example.small",
            "openstack:Flavor example-example.vmware",
            "openstack:ProviderNetwork example-example-net-110",
            "openstack:ProviderNetwork example-example-net-111",
            "openstack:Subnet example-example-net-110-0",
            "vsphere-openstack:index:OpenStackOnVSphere example",
            "vsphere:ComputeCluster example-lab-example-compute-a",
            "vsphere:ComputeCluster example-lab-example-compute-b",
            "vsphere:Datacenter example-lab-dc",
            "vsphere:DatastoreFolder example-lab-images",
            "vsphere:DistributedPortGroup example-lab-br-int",
            "vsphere:DistributedSwitch example-lab-example-dvs",
            "vsphere:Host example-lab-esx-a1.example.lab",
            "vsphere:Host example-lab-esx-a2.example.lab",
            "vsphere:Host example-lab-esx-b1.example.lab",
            "vsphere:NasDatastore example-lab-example-nfs",
        ]);
        const brInt = registered.find((r) => r.name === "example-lab-br-int");
        assert.deepEqual(brInt?.inputs.vlan, { trunk: [{ min: 110, max: 119 }] });
    });

    it("checks the stack config against its schema before it builds anything: hosts as a string fails by its key", async () => {
        const config = exampleStackFile().config as { "vsphere-openstack:vcenters": { clusters: object[] }[] };
        config["vsphere-openstack:vcenters"][0].clusters[1] = { name: "example-compute-b", hosts: "esx-b1" };
        setStackConfig(config);
        const before = registered.length;
        delete require.cache[PROGRAM];
        await assert.rejects(import(PROGRAM), (err: Error) => {
            assert.equal(
                err.message,
                "the stack config has 1 problem (see program/stack-config.schema.json); nothing was created:\n" +
                    '  vsphere-openstack:vcenters[0].clusters[1].hosts: must be a list of HostSpec, not a string "esx-b1"',
            );
            return true;
        });
        await registrationsSettled();
        assert.equal(registered.length, before);
    });
});
