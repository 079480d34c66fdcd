import * as assert from "node:assert/strict";
import { main, readSpecFile } from "../../../../sdk/check/cli";
import { EXAMPLE_STACK_FILE, exampleStackFile } from "../../../support/rootStack";

/** The command's exit status and the first line it printed. */
async function run(...args: string[]): Promise<[number, string]> {
    const printed: string[] = [];
    const status = await main(args, (text) => printed.push(text));
    return [status, printed.join("\n").split("\n")[0]];
}

describe("the check command", () => {
    it("refuses a wrong command line with exit status 2, naming what is wrong", async () => {
        assert.deepEqual(await run(), [2, 'unknown command "": the command is "check"']);
        assert.deepEqual(await run("check"), [2, "give --stack <name>, --spec <file>, or both"]);
        assert.deepEqual(await run("check", "--stack"), [2, "--stack needs a value"]);
        assert.deepEqual(await run("check", "--spec", "x", "--verbose"), [2, 'unknown option "--verbose"']);
    });

    it("reads the spec from a root-program stack file", () => {
        const config = exampleStackFile().config;
        assert.deepEqual(readSpecFile(EXAMPLE_STACK_FILE), {
            vcenters: config["vsphere-openstack:vcenters"],
            network: config["vsphere-openstack:network"],
            networks: config["vsphere-openstack:networks"],
            flavors: config["vsphere-openstack:flavors"],
        });
    });
});
