import * as assert from "node:assert/strict";
import { recordRegistrations, Registered, registrationsSettled } from "../../support/mocks";

describe("vsphere.DistributedSwitch and DistributedPortGroup under mocks", () => {
    let registered: Registered[];

    before(async () => {
        registered = await recordRegistrations("project");
        const { vsphere } = await import("../../../sdk");
        const dvs = new vsphere.DistributedSwitch("dvs", {
            datacenterId: "datacenter-2",
            name: "openstack-dvs",
            mtu: 9000,
            hosts: [{ hostId: "host-21", nics: ["vmnic1"] }],
        });
        new vsphere.DistributedPortGroup("br-int", {
            switchId: dvs.id,
            name: "br-int",
            vlan: { trunk: [{ min: 100, max: 2000 }] },
            vlanOverrideAllowed: true,
        });
        await registrationsSettled();
    });

    it("registers exactly the declared inputs, the port group with the switch's id", () => {
        const found = Object.fromEntries(
            registered.map(({ type, inputs: { __provider, ...inputs } }) => [type, { inputs, provider: __provider }]),
        );
        assert.deepEqual(found["pulumi-nodejs:dynamic/vsphere:DistributedSwitch"].inputs, {
            datacenterId: "datacenter-2",
            name: "openstack-dvs",
            mtu: 9000,
            hosts: [{ hostId: "host-21", nics: ["vmnic1"] }],
            owner: "vsphere-openstack:project/stack/vsphere:DistributedSwitch/dvs",
        });
        assert.deepEqual(found["pulumi-nodejs:dynamic/vsphere:DistributedPortGroup"].inputs, {
            switchId: "dvs-id",
            name: "br-int",
            vlan: { trunk: [{ min: 100, max: 2000 }] },
            vlanOverrideAllowed: true,
            owner: "vsphere-openstack:project/stack/vsphere:DistributedPortGroup/br-int",
        });
        assert.match(
            found["pulumi-nodejs:dynamic/vsphere:DistributedSwitch"].provider as string,
            /vsphere-openstack\/dist\/provider\/vsphere\/distributedSwitch/,
        );
        assert.match(
            found["pulumi-nodejs:dynamic/vsphere:DistributedPortGroup"].provider as string,
            /vsphere-openstack\/dist\/provider\/vsphere\/distributedPortGroup/,
        );
    });
});
