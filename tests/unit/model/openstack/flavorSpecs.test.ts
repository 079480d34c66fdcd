import * as assert from "node:assert/strict";
import { InputChecker } from "../../../../model/check";
import { UNKNOWN } from "../../../../model/diff";
import { checkVmwareExtraSpecs } from "../../../../model/openstack/flavorSpecs";

function failures(vcpus: unknown, specs: Record<string, unknown>) {
    const c = new InputChecker();
    checkVmwareExtraSpecs(c, vcpus, specs);
    return c.failures;
}

describe("VMware flavor extra specs", () => {
    it("accepts what the VMware driver reads, and other namespaces", () => {
        assert.deepEqual(
            failures(8, {
                "quota:cpu_limit": "4000",
                "quota:cpu_reservation": "0",
                "quota:memory_shares_level": "custom",
                "quota:memory_shares_share": "2000",
                "quota:disk_io_limit": "500",
                "quota:vif_shares_level": "high",
                "vmware:hw_version": "vmx-19",
                "vmware:storage_policy": "gold",
                "hw:cpu_sockets": "2",
                "hw:cpu_cores": "4",
                "hw:cpu_max_sockets": "4",
                "aggregate_instance_extra_specs:ssd": "true",
            }),
            [],
        );
    });

    it("names each bad quota value and what is allowed", () => {
        assert.deepEqual(
            failures(2, {
                "quota:cpu_limit": "-1",
                "quota:memory_reservation": "1.5",
                "quota:vif_shares_level": "urgent",
                "quota:disk_io_shares_share": "100",
            }),
            [
                {
                    property: "extraSpecs.quota:cpu_limit",
                    reason: 'extraSpecs["quota:cpu_limit"] must be a whole number from 0, not "-1"',
                },
                {
                    property: "extraSpecs.quota:memory_reservation",
                    reason: 'extraSpecs["quota:memory_reservation"] must be a whole number from 0, not "1.5"',
                },
                {
                    property: "extraSpecs.quota:disk_io_shares_share",
                    reason: 'extraSpecs["quota:disk_io_shares_share"] is read only with extraSpecs["quota:disk_io_shares_level"] = "custom"',
                },
                {
                    property: "extraSpecs.quota:vif_shares_level",
                    reason: 'extraSpecs["quota:vif_shares_level"] must be one of low, normal, high, custom, not "urgent"',
                },
            ],
        );
    });

    it("checks the hardware version's format", () => {
        assert.deepEqual(failures(1, { "vmware:hw_version": "13" }), [
            {
                property: "extraSpecs.vmware:hw_version",
                reason: 'extraSpecs["vmware:hw_version"] must look like "vmx-13" (vmx- and two digits), not "13"',
            },
        ]);
    });

    it("requires a CPU topology that fits the vCPUs", () => {
        assert.deepEqual(failures(6, { "hw:cpu_sockets": "2", "hw:cpu_cores": "2", "hw:cpu_threads": "2" }), [
            {
                property: "extraSpecs",
                reason: "the CPU topology (sockets 2 x cores 2 x threads 2) does not fit vcpus 6: sockets x cores x threads must equal vcpus",
            },
        ]);
        assert.deepEqual(failures(6, { "hw:cpu_sockets": "4" }), [
            {
                property: "extraSpecs",
                reason: "the CPU topology (sockets 4) does not fit vcpus 6: vcpus must be a multiple of it",
            },
        ]);
        assert.deepEqual(failures(8, { "hw:cpu_sockets": "2", "hw:cpu_cores": "2", "hw:cpu_threads": "2" }), []);
        assert.deepEqual(failures(4, { "hw:cpu_cores": "0" }), [
            {
                property: "extraSpecs.hw:cpu_cores",
                reason: 'extraSpecs["hw:cpu_cores"] must be a whole number from 1, not "0"',
            },
        ]);
        assert.deepEqual(failures(8, { "hw:cpu_sockets": "4", "hw:cpu_max_sockets": "2" }), [
            {
                property: "extraSpecs.hw:cpu_sockets",
                reason: 'extraSpecs["hw:cpu_sockets"] (4) exceeds extraSpecs["hw:cpu_max_sockets"] (2)',
            },
        ]);
    });

    it("skips values unknown at preview", () => {
        assert.deepEqual(failures(UNKNOWN, { "hw:cpu_sockets": "3", "quota:cpu_limit": UNKNOWN }), []);
    });
});
