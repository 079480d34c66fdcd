import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { FORWARDERS, packageProvider, ProviderModules } from "../../../sdk/dynamic";

const ROOT = path.resolve(__dirname, "../../..");

/** The keys of ProviderModules, as the source declares them. */
function registered(): string[] {
    const source = fs.readFileSync(path.join(ROOT, "sdk", "dynamic.ts"), "utf8");
    const body = source.slice(source.indexOf("export interface ProviderModules {"));
    return [...body.slice(0, body.indexOf("}")).matchAll(/"([\w/]+)": typeof/g)].map((m) => m[1]);
}

describe("the providers' registry", () => {
    it("pairs every resource class with a provider module whose provider serves each call", () => {
        const modules = registered();
        const used = (fs.readdirSync(path.join(ROOT, "sdk"), { recursive: true }) as string[])
            .filter((f) => f.endsWith(".ts"))
            .flatMap((f) => [
                ...fs.readFileSync(path.join(ROOT, "sdk", f), "utf8").matchAll(/packageProvider\("([\w/]+)"\)/g),
            ])
            .map((m) => m[1])
            .sort();
        assert.deepEqual(used, [...modules].sort(), "each registered module is one resource's");
        for (const module of modules) {
            const { provider } = require(path.join(ROOT, "provider", module)) as ProviderModules[keyof ProviderModules];
            for (const call of ["configure", "check", "diff", "create", "read", "update", "delete"] as const) {
                assert.equal(typeof provider[call], "function", `${module}: provider.${call}`);
            }
        }
    });

    it("has one forwarder module in sdk/p/ for each provider module, and no other", () => {
        const files = fs.readdirSync(path.join(ROOT, "sdk", "p")).map((f) => f.replace(/\.ts$/, ""));
        const modules = registered() as (keyof ProviderModules)[];
        assert.deepEqual(files.sort(), modules.map((m) => FORWARDERS[m]).sort());
    });

    it("refuses, at compile time, a module that is not a provider module", () => {
        // @ts-expect-error: there is no such provider module
        assert.throws(() => packageProvider("vsphere/datacentre"), /Cannot find module/);
        assert.equal(typeof packageProvider("vsphere/datacenter").create, "function");
    });
});
