import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import * as YAML from "yaml";
import { Lab, ROOT } from "../../lab/lab";
import { labStack } from "../../lab/pulumi";
import { govcLs, neutronIdsNamed, openstackCli, sharedLab, uniqueName } from "../support/lab";
import { EXAMPLE_STACK_FILE } from "../support/rootStack";
import { vlanRangeForRun } from "../support/stack";

/** Where nothing listens: any call the program or a provider made would fail with ECONNREFUSED. */
const REFUSING = "127.0.0.1:1";

describe("an invalid spec through the Pulumi CLI registers nothing", function () {
    this.timeout(600_000);
    let lab: Lab;
    let stack: Stack;
    let prefix: string;
    let stackFile: string;

    /** The example stack file with this run's names and VLANs, changed by `change`. */
    function writeStackFile(change: (config: Record<string, unknown>) => void): void {
        const text = fs.readFileSync(EXAMPLE_STACK_FILE, "utf8").replace(/example/g, prefix);
        const file = YAML.parse(text) as { config: Record<string, unknown> };
        const vlanRange = vlanRangeForRun(2);
        file.config["vsphere-openstack:network"] = { vlanRange };
        const networks = file.config["vsphere-openstack:networks"] as { vlan: number }[];
        networks.forEach((n, i) => (n.vlan = vlanRange.min + i));
        change(file.config);
        const existing = YAML.parse(fs.readFileSync(stackFile, "utf8")) as { config: object };
        fs.writeFileSync(stackFile, YAML.stringify({ ...existing, config: { ...existing.config, ...file.config } }));
    }

    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const vcenter = (config: Record<string, unknown>) => (config["vsphere-openstack:vcenters"] as any[])[0];

    before(async () => {
        lab = await sharedLab();
        prefix = uniqueName("invalid");
        stackFile = path.join(ROOT, `Pulumi.${prefix}.yaml`);
        stack = await labStack(lab, ROOT, prefix);
    });

    after(async () => {
        await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
        fs.rmSync(stackFile, { force: true });
    });

    it("up --skip-preview with a switch version vCenter does not offer fails naming it: no flavor, no network, nothing in vCenter, no child in the state", async () => {
        writeStackFile((config) => (vcenter(config).switch.version = "7.0.1"));
        // The Automation API's up is `pulumi up --yes --skip-preview`.
        await assert.rejects(stack.up(), (err: Error) => {
            assert.match(
                err.message,
                new RegExp(
                    `OpenStackOnVSphere "${prefix}": the spec has 1 problem; nothing was created:\\s+` +
                        'vcenters\\[0\\]\\.switch\\.version: version must be one of "7\\.0\\.0", "7\\.0\\.2", ' +
                        '"7\\.0\\.3", "8\\.0\\.0", "8\\.0\\.3", not "7\\.0\\.1"',
                ),
            );
            return true;
        });
        const flavors = (await openstackCli(lab, "flavor", "list", "--all")) as { Name: string }[];
        assert.deepEqual(
            flavors.filter((f) => f.Name.startsWith(prefix)),
            [],
        );
        assert.deepEqual(await neutronIdsNamed(lab, "network", `${prefix}-net-110`), []);
        assert.deepEqual(
            (await govcLs(lab, "/")).filter((p) => p.includes(prefix)),
            [],
        );
        const { deployment } = (await stack.exportStack()) as { deployment: { resources?: { type: string }[] } };
        assert.deepEqual(
            (deployment.resources ?? []).map((r) => r.type).filter((t) => t !== "pulumi:pulumi:Stack"),
            [],
        );
    });

    it("preview names each problem of a config while every connection refuses calls, so none is made", async () => {
        await stack.setAllConfig(
            {
                "vsphere:vsphereServer": { value: REFUSING },
                "openstack:authUrl": { value: `http://${REFUSING}/v3` },
                "vsphere-openstack:connections.lab.server": { value: REFUSING },
                "vsphere-openstack:connections.lab-b.server": { value: REFUSING },
            },
            true,
        );
        const cases: [(config: Record<string, unknown>) => void, string][] = [
            [
                (config) => (vcenter(config).clusters[0].hosts = "esx-1"),
                "the stack config has 1 problem \\(see program/stack-config\\.schema\\.json\\); nothing was created:\\s+" +
                    'vsphere-openstack:vcenters\\[0\\]\\.clusters\\[0\\]\\.hosts: must be a list of HostSpec, not a string "esx-1"',
            ],
            [
                (config) => (vcenter(config).datastores[0].nfs.remoteHosts = ["nfs lab!"]),
                `OpenStackOnVSphere "${prefix}": the spec has 1 problem; nothing was created:\\s+` +
                    "vcenters\\[0\\]\\.datastores\\[0\\]\\.nfs\\.remoteHosts\\[0\\]: remoteHosts\\[0\\] must be a DNS name " +
                    'or IP address such as nfs\\.example\\.com, not "nfs lab!"',
            ],
            [
                (config) => (vcenter(config).clusters[0].name = "a/c1"),
                `OpenStackOnVSphere "${prefix}": the spec has 1 problem; nothing was created:\\s+` +
                    'vcenters\\[0\\]\\.clusters\\[0\\]\\.name: name must not contain "/", "\\\\" or "%" ' +
                    '\\(vCenter keeps them escaped as %2f, %5c and %25\\), not "a/c1"',
            ],
        ];
        for (const [change, message] of cases) {
            writeStackFile(change);
            await assert.rejects(stack.preview(), (err: Error) => {
                assert.match(err.message, new RegExp(message));
                assert.doesNotMatch(err.message, /ECONNREFUSED/);
                return true;
            });
        }
    });
});
