import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import Ajv from "ajv";
import { SCHEMA_FILE, stackConfigSchema } from "../../../program/schema";
import { exampleStackFile } from "../../support/rootStack";

describe("the root program's stack config schema", function () {
    this.timeout(60_000);
    const committed = JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8")) as object;
    const validate = new Ajv({ allErrors: true }).compile(committed);

    it("is generated from the spec's types: the committed file is current (npm run schema)", () => {
        assert.deepEqual(committed, stackConfigSchema());
    });

    it("accepts the example stack file", () => {
        assert.equal(validate(exampleStackFile()), true, JSON.stringify(validate.errors));
    });

    it("names what an editor must flag: a misspelt key, a value outside its enumeration, a missing field", () => {
        const file = exampleStackFile();
        const config = file.config as Record<string, Record<string, unknown>[] & Record<string, unknown>>;
        (config["vsphere-openstack:network"] as Record<string, unknown>).vlan_range = { min: 1, max: 2 };
        (config["vsphere-openstack:vcenters"][0].clusters as { drs?: object }[])[0].drs = { automationLevel: "always" };
        delete config["vsphere-openstack:flavors"][0].vcpus;
        assert.equal(validate(file), false);
        const errors = validate.errors!.map((e) => `${e.instancePath} ${e.message}`);
        assert.ok(
            errors.includes("/config/vsphere-openstack:network must NOT have additional properties"),
            errors.join("\n"),
        );
        assert.ok(
            errors.includes(
                "/config/vsphere-openstack:vcenters/0/clusters/0/drs/automationLevel must be equal to one of the allowed values",
            ),
            errors.join("\n"),
        );
        assert.ok(
            errors.includes("/config/vsphere-openstack:flavors/0 must have required property 'vcpus'"),
            errors.join("\n"),
        );
    });
});
