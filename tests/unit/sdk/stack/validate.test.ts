import * as assert from "node:assert/strict";
import { validateSpec } from "../../../../sdk/stack/validate";
import { CONNECTIONS, INVALID, valid } from "../../../support/specs";

describe("OpenStackOnVSphere spec validation", () => {
    it("accepts a valid spec", () => {
        assert.deepEqual(validateSpec(valid()), []);
        assert.deepEqual(validateSpec(valid(), { connections: CONNECTIONS }), []);
    });

    it("accepts a subnet without a gateway, whose pool may then start at the first address, with host routes", () => {
        const spec = valid();
        spec.networks![0].subnets = [
            {
                cidr: "10.20.0.0/24",
                noGateway: true,
                pools: [{ start: "10.20.0.1", end: "10.20.0.200" }],
                hostRoutes: [{ destination: "192.168.60.0/24", nextHop: "10.20.0.254" }],
            },
        ];
        assert.deepEqual(validateSpec(spec), []);
    });

    it("names a vCenter that is not a configured connection, or whose connection lacks credentials", () => {
        assert.deepEqual(validateSpec(valid(), { connections: { other: CONNECTIONS.vc1 } }), [
            {
                path: "vcenters[0].name",
                reason: '"vc1" is not a connection of the stack config "vsphere-openstack:connections" (configured: "other")',
            },
        ]);
        assert.deepEqual(validateSpec(valid(), { connections: { vc1: { server: "vc1.lab", user: "openstack" } } }), [
            {
                path: "vcenters[0].name",
                reason: 'the vCenter connection "vc1" has no password: set "vsphere-openstack:connections.vc1.password"',
            },
            {
                path: "vcenters[0].name",
                reason: 'the vCenter connection "vc1" has no hostPassword: set "vsphere-openstack:connections.vc1.hostPassword"',
            },
        ]);
    });

    it("names a vCenter name that cannot name a backend, and more host NICs than uplinks", () => {
        const spec = valid();
        spec.vcenters[0].name = "vc 1";
        spec.vcenters[0].switch.uplinks = ["uplink1"];
        spec.vcenters[0].switch.hostNics = ["vmnic1", "vmnic2"];
        assert.deepEqual(validateSpec(spec), [
            {
                path: "vcenters[0].name",
                reason: 'must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit, not "vc 1"',
            },
            { path: "vcenters[0].switch.hostNics", reason: "2 NICs exceed the switch's 1 uplinks" },
            // The render's check of what the name makes of the nova-compute hosts, at preview.
            ...["a", "b"].map((c, i) => ({
                path: `vcenters[0].clusters[${i}].name`,
                reason:
                    `its nova-compute host "vc 1-compute-${c}" is not a host name nova reads: labels of 1 to 63 ` +
                    'letters, digits, "_" and "-" between dots, none starting or ending with "-"',
            })),
        ]);
    });

    for (const [title, change, expected] of INVALID) {
        it(`names ${title}`, () => {
            const spec = valid();
            change(spec);
            assert.deepEqual(validateSpec(spec), expected);
        });
    }
});
