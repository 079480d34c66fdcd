import * as assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
    describeOwner,
    fitOwner,
    isOwnedBy,
    isSameStack,
    MAX_OWNER_LENGTH,
    ownerMarker,
    refusalReason,
    splitOwnerSuffix,
    withOwnerSuffix,
} from "../../../model/owner";

describe("owner markers", () => {
    const dc = "vsphere-openstack:cloud/dev/vsphere:Datacenter/cloud-site-a-dc";

    it("names project, stack, type and resource, and hashes the end of one longer than 255 characters", () => {
        assert.equal(ownerMarker("cloud", "dev", "vsphere:Datacenter", "cloud-site-a-dc"), dc);
        const name = "n".repeat(300);
        const whole = `vsphere-openstack:cloud/dev/openstack:Subnet/${name}`;
        const long = ownerMarker("cloud", "dev", "openstack:Subnet", name);
        assert.equal(long.length, MAX_OWNER_LENGTH);
        assert.equal(long, `${whole.slice(0, 190)}#${createHash("sha256").update(whole).digest("hex")}`);
        assert.equal(ownerMarker("cloud", "dev", "openstack:Subnet", name), long);
        assert.notEqual(ownerMarker("cloud", "dev", "openstack:Subnet", `${name}x`), long);
    });

    it("fits a marker into fewer characters by the same hashed form, and leaves one that fits alone", () => {
        const sha = (text: string) => createHash("sha256").update(text).digest("hex");
        const marker = `${dc}-${"x".repeat(40)}`;
        assert.equal(fitOwner(marker, marker.length), marker);
        assert.equal(fitOwner(marker, 127), marker);
        assert.equal(fitOwner(marker, 66), `v#${sha(marker)}`);
        assert.equal(fitOwner(marker, 100), `${marker.slice(0, 35)}#${sha(marker)}`);
        assert.equal(fitOwner(marker, 100).length, 100);
        assert.notEqual(fitOwner(`${marker}x`, 100), fitOwner(marker, 100));
    });

    it("says whose an object is, and what to set to take it anyway", () => {
        assert.equal(describeOwner(dc), 'resource vsphere:Datacenter "cloud-site-a-dc" of stack dev in project cloud');
        assert.equal(describeOwner("vsphere-openstack:a/b/c/d/e"), 'resource c "d/e" of stack b in project a');
        assert.equal(describeOwner("someone"), 'owner "someone"');
        assert.equal(
            refusalReason(undefined, "subnet", "another CIDR"),
            "it carries no owner marker of this library; set adopt: true to take it over as this subnet, or choose another CIDR",
        );
        assert.equal(
            refusalReason(dc, "datacenter"),
            'resource vsphere:Datacenter "cloud-site-a-dc" of stack dev in project cloud created it; set adopt: true ' +
                "to take it over as this datacenter, or choose another name",
        );
    });

    it("takes an object as its own only when it carries exactly the resource's marker", () => {
        assert.equal(isOwnedBy(dc, dc), true);
        assert.equal(isOwnedBy(dc.replace("/dev/", "/prod/"), dc), false);
        assert.equal(isOwnedBy(undefined, dc), false);
        assert.equal(isOwnedBy(undefined, undefined), false);
    });

    it("tells a marker of the same stack, for what has nowhere to keep its own", () => {
        const folder = "vsphere-openstack:cloud/dev/vsphere:DatastoreFolder/cloud-site-a-images";
        assert.equal(isSameStack(dc, folder), true);
        assert.equal(isSameStack(dc.replace("/dev/", "/prod/"), folder), false);
        assert.equal(isSameStack(dc.replace("cloud/", "other/"), folder), false);
        assert.equal(isSameStack(undefined, folder), false);
        assert.equal(isSameStack(dc, undefined), false);
        assert.equal(isSameStack("someone", "someone"), false);
    });

    it("appends the marker to a description and splits it off again, whatever the text", () => {
        for (const text of [null, "", "small", "two words", `about ${dc} inline`]) {
            const held = withOwnerSuffix(text, dc);
            assert.deepEqual(splitOwnerSuffix(held), { text, owner: dc }, JSON.stringify(text));
        }
        assert.equal(withOwnerSuffix("small", dc), `small ${dc}`);
        assert.equal(withOwnerSuffix(null, dc), dc);
        assert.equal(withOwnerSuffix("small", undefined), "small");
        assert.deepEqual(splitOwnerSuffix("made by hand"), { text: "made by hand" });
        assert.deepEqual(splitOwnerSuffix(null), { text: null });
    });
});
