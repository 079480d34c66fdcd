import * as assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
    carriesOwner,
    MAX_DESCRIPTION_LENGTH,
    MAX_NEUTRON_OWNER_LENGTH,
    markedDescription,
    NEUTRON_DESCRIPTION_LENGTH,
    neutronOwner,
    splitDescription,
} from "../../../../model/openstack/neutronDescription";
import { ownerMarker } from "../../../../model/owner";

describe("Neutron descriptions with the owner marker", () => {
    const owner = ownerMarker("cloud", "dev", "openstack:ProviderNetwork", "cloud-net-provider");
    /** A marker of 255 characters, more than a Neutron description keeps. */
    const long = ownerMarker("cloud", "dev", "openstack:ProviderNetwork", "n".repeat(300));

    it("shares Neutron's 255 characters between 127 of declared text, a space and 127 of marker", () => {
        assert.equal(NEUTRON_DESCRIPTION_LENGTH, 255);
        assert.equal(MAX_NEUTRON_OWNER_LENGTH, 127);
        assert.equal(MAX_DESCRIPTION_LENGTH, 127);
        assert.equal(markedDescription("d".repeat(MAX_DESCRIPTION_LENGTH), long).length, NEUTRON_DESCRIPTION_LENGTH);
    });

    it("keeps a marker that fits whole and shortens a longer one to its hashed form", () => {
        assert.equal(neutronOwner(owner), owner);
        assert.equal(neutronOwner(undefined), undefined);
        const sha = createHash("sha256").update(long).digest("hex");
        assert.equal(neutronOwner(long), `${long.slice(0, 62)}#${sha}`);
        assert.equal(neutronOwner(long)!.length, 127);
    });

    it("puts the marker after the declared text and a space, alone when there is no text", () => {
        assert.equal(markedDescription("site A", owner), `site A ${owner}`);
        assert.equal(markedDescription("", owner), owner);
        assert.equal(markedDescription("site A", undefined), "site A");
        assert.equal(markedDescription("", undefined), "");
        assert.equal(markedDescription("site A", long), `site A ${neutronOwner(long)}`);
    });

    it("splits the declared text off again, whatever the text", () => {
        for (const text of ["", "site A", " padded ", `about ${owner} inline`]) {
            assert.deepEqual(splitDescription(markedDescription(text, owner)), { text, owner }, JSON.stringify(text));
        }
        assert.deepEqual(splitDescription("made by hand"), { text: "made by hand" });
        assert.deepEqual(splitDescription(""), { text: "" });
    });

    it("tells the resource's own marker, in the form the description holds it", () => {
        assert.equal(carriesOwner(markedDescription("site A", owner), owner), true);
        assert.equal(carriesOwner(markedDescription("site A", long), long), true);
        assert.equal(carriesOwner(markedDescription("site A", owner), owner.replace("/dev/", "/prod/")), false);
        assert.equal(carriesOwner("site A", owner), false);
        assert.equal(carriesOwner(markedDescription("", owner), undefined), false);
    });
});
