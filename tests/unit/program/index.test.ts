import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { recordRegistrations, Registered, registrationsSettled } from "../../support/mocks";
import { exampleStackFile } from "../../support/rootStack";

describe("the root program, under mocks", () => {
    let registered: Registered[];

    before(async () => {
        // The example stack file's config, as the engine hands structured values to a program: JSON text.
        const config = Object.fromEntries(
            Object.entries(exampleStackFile().config).map(([k, v]) => [
                k,
                typeof v === "string" ? v : JSON.stringify(v),
            ]),
        );
        const connections = { lab: { server: "vc.lab", user: "u", password: "p", hostPassword: "h" } };
        pulumi.runtime.setAllConfig({ ...config, "vsphere-openstack:connections": JSON.stringify(connections) }, [
            "vsphere-openstack:connections",
        ]);
        registered = await recordRegistrations("vsphere-openstack");
        await import("../../../program");
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
});
