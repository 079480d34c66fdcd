import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { CONNECTIONS_KEY, NAMESPACE, RENAMED_KEYS, renamedKeyWarning, renamedValue } from "../../../model/configKeys";
import { configureProviders } from "../../../provider/config";
import { openstackAuthOptions } from "../../../provider/openstack/connection";
import { vsphereSettings } from "../../../provider/vsphere/connection";
import { clearEnvironment } from "../../support/environment";

const ROOT = path.resolve(__dirname, "../../..");

/** The keys the bridged providers define, by namespace (see the fixture for where each list comes from). */
const BRIDGED = JSON.parse(fs.readFileSync(path.join(ROOT, "tests/fixtures/bridged/config-keys.json"), "utf8")) as {
    openstack: { version: string; keys: string[] };
    vsphere: { version: string; keys: string[] };
};

/** Whether `key` is one the bridged provider of its namespace defines, or one of the package's own namespace. */
function allowed(key: string): boolean {
    const [namespace, name] = key.split(":");
    if (namespace === NAMESPACE) {
        return true;
    }
    return (BRIDGED as Record<string, { keys: string[] } | undefined>)[namespace]?.keys.includes(name) ?? false;
}

/** A value for every key the providers may read, valid for it; `connections` for the named connections. */
function valueFor(key: string): string | undefined {
    const name = key.split(":")[1];
    if (key in RENAMED_KEYS || name === "cloud") {
        return undefined;
    }
    if (key === CONNECTIONS_KEY) {
        return JSON.stringify({ "site-a": { server: "vc-a", user: "u", password: "p", caFile: __filename } });
    }
    const values: Record<string, string> = {
        insecure: "false",
        allowUnverifiedSsl: "false",
        endpointType: "internal",
        cacertFile: "-----BEGIN CERTIFICATE-----\n",
        vsphereCaFile: __filename,
        vsphereServer: "vc.example.com",
    };
    return values[name] ?? `value-of-${name}`;
}

describe("the stack config keys", () => {
    let restore: () => void;

    before(() => {
        restore = clearEnvironment((name) => name.startsWith("OS_") || name.startsWith("VSPHERE_"));
    });

    after(() => {
        restore();
        configureProviders({ get: () => undefined });
    });

    it(`reads in openstack: and vsphere: only keys @pulumi/openstack ${BRIDGED.openstack.version} and @pulumi/vsphere define`, () => {
        const read = new Set<string>();
        configureProviders({
            get: (key) => {
                read.add(key);
                return valueFor(key);
            },
        });
        const options = openstackAuthOptions();
        const byDefault = vsphereSettings();
        const named = vsphereSettings("site-a");
        // Every setting was read from the keys asked for: none came from elsewhere.
        assert.deepEqual(
            [options.projectName, options.interface, options.ca, byDefault.url, named.url],
            [
                "value-of-tenantName",
                "internal",
                "-----BEGIN CERTIFICATE-----\n",
                "https://vc.example.com/sdk",
                "https://vc-a/sdk",
            ],
        );
        const shared = [...read].filter((k) => !k.startsWith(`${NAMESPACE}:`)).sort();
        assert.ok(shared.length >= 20, shared.join(", "));
        assert.deepEqual(
            shared.filter((k) => !allowed(k)),
            [],
        );
        assert.deepEqual([...read].filter((k) => k.startsWith(`${NAMESPACE}:`)).sort(), [
            CONNECTIONS_KEY,
            `${NAMESPACE}:vsphereCaFile`,
        ]);
    });

    it("replaces each key of the earlier release by one the bridged provider defines or one of the package's", () => {
        assert.deepEqual(
            Object.entries(RENAMED_KEYS).filter(([old, key]) => !allowed(key) || allowed(old)),
            [],
        );
    });

    it("still reads a key of the earlier release while its replacement is unset", () => {
        const config: Record<string, string> = { "vsphere:server": "old.example.com", "openstack:projectName": "" };
        const get = (key: string) => config[key];
        assert.equal(renamedValue(get, "vsphere:vsphereServer"), "old.example.com");
        config["vsphere:vsphereServer"] = "new.example.com";
        assert.equal(renamedValue(get, "vsphere:vsphereServer"), "new.example.com");
        assert.equal(renamedValue(get, "openstack:tenantName"), undefined);
        configureProviders({
            get: (key) => ({ "vsphere:server": "old:8443", "vsphere:user": "u", "vsphere:password": "p" })[key],
        });
        assert.equal(vsphereSettings().url, "https://old:8443/sdk");
    });

    it("warns once, when the program loads the package, of each key of the earlier release the stack sets", () => {
        const config = { "vsphere:connections": "{}", "openstack:projectName": "admin", "openstack:tenantName": "x" };
        const run = spawnSync(
            process.execPath,
            [
                "-r",
                "ts-node/register/transpile-only",
                "-e",
                'require("./sdk/index.ts"); require("./sdk/stack/component.ts")',
            ],
            { cwd: ROOT, encoding: "utf8", env: { ...process.env, PULUMI_CONFIG: JSON.stringify(config) } },
        );
        assert.equal(run.status, 0, run.stderr);
        assert.deepEqual(run.stderr.trim().split("\n"), [
            `warning: [runtime] ${renamedKeyWarning("openstack:projectName")}`,
            `warning: [runtime] ${renamedKeyWarning("vsphere:connections")}`,
        ]);
    });

    it("names the new key and why in the warning", () => {
        assert.equal(
            renamedKeyWarning("vsphere:caFile"),
            'the stack config "vsphere:caFile" is deprecated and will no longer be read in the next release: set ' +
                '"vsphere-openstack:vsphereCaFile" instead (the bridged @pulumi/vsphere provider refuses a stack with ' +
                '"vsphere:caFile")',
        );
    });
});
