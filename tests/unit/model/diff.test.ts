import * as assert from "node:assert/strict";
import { diffByRules, sameValue, UNKNOWN } from "../../../model/diff";
import { rules as datacenterRules } from "../../../model/vsphere/datacenter";
import { rules as flavorRules } from "../../../model/openstack/flavor";
import type { FlavorState } from "../../../sdk/openstack/flavor";

const flavor: FlavorState = {
    name: "m1",
    vcpus: 2,
    ramMb: 2048,
    diskGb: 20,
    ephemeralGb: 0,
    swapMb: 0,
    rxtxFactor: 1,
    isPublic: true,
    flavorId: "5f0c0e3e-8e71-4a8e-9b0e-0e7c1d2f3a4b",
    description: null,
    extraSpecs: { "vmware:hw_version": "vmx-13" },
    projects: [],
};

describe("declarative diff", () => {
    it("compares JSON values deeply, ignoring key order and treating null and undefined alike", () => {
        assert.ok(sameValue({ a: 1, b: [1, { c: "x" }] }, { b: [1, { c: "x" }], a: 1 }));
        assert.ok(sameValue(null, undefined));
        assert.ok(sameValue({ a: 1, b: undefined }, { a: 1 }));
        assert.ok(!sameValue([1, 2], [2, 1]));
        assert.ok(!sameValue({ a: "1" }, { a: 1 }));
    });

    it("renames a datacenter in place and replaces it when its folder changes", () => {
        const olds = { name: "dc1", folder: "/" };
        assert.deepEqual(diffByRules(datacenterRules, olds, { name: "dc2", folder: "/" }), {
            changes: true,
            replaces: [],
            deleteBeforeReplace: false,
        });
        assert.deepEqual(diffByRules(datacenterRules, olds, { name: "dc1", folder: "/emea" }), {
            changes: true,
            replaces: ["folder"],
            deleteBeforeReplace: false,
        });
        assert.deepEqual(diffByRules(datacenterRules, olds, { ...olds }), {
            changes: false,
            replaces: [],
            deleteBeforeReplace: false,
        });
    });

    it("replaces a flavor whose vCPUs change, deleting the old one first", () => {
        assert.deepEqual(diffByRules(flavorRules, flavor, { ...flavor, vcpus: 4 }), {
            changes: true,
            replaces: ["vcpus"],
            deleteBeforeReplace: true,
        });
    });

    it("updates a flavor's extra specs, description and project access in place", () => {
        const news = { ...flavor, description: "new", extraSpecs: { "vmware:hw_version": "vmx-14" }, projects: ["p1"] };
        assert.deepEqual(diffByRules(flavorRules, flavor, news), {
            changes: true,
            replaces: [],
            deleteBeforeReplace: true,
        });
    });

    it("keeps the id Nova assigned when the input omits flavorId", () => {
        assert.equal(diffByRules(flavorRules, flavor, { ...flavor, flavorId: undefined }).changes, false);
        assert.deepEqual(diffByRules(flavorRules, flavor, { ...flavor, flavorId: "m1-custom" }).replaces, ["flavorId"]);
    });

    it("counts a value unknown at preview as a change", () => {
        assert.deepEqual(diffByRules(datacenterRules, { name: "dc1", folder: "/" }, { name: UNKNOWN, folder: "/" }), {
            changes: true,
            replaces: [],
            deleteBeforeReplace: false,
        });
    });
});
