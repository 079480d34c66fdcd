import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as ts from "typescript";
import { FORWARDERS, packageProvider, ProviderModules } from "../../../sdk/dynamic";
import { recordRegistrations, registrationsSettled } from "../../support/mocks";

const ROOT = path.resolve(__dirname, "../../..");
const PACKAGE = "vsphere-openstack";
const CALLS = ["configure", "check", "diff", "create", "read", "update", "delete"] as const;

/** The keys of ProviderModules, as the source declares them. */
function registered(): (keyof ProviderModules)[] {
    const source = fs.readFileSync(path.join(ROOT, "sdk", "dynamic.ts"), "utf8");
    const body = source.slice(source.indexOf("export interface ProviderModules {"));
    return [...body.slice(0, body.indexOf("}")).matchAll(/"([\w/]+)": typeof/g)].map(
        (m) => m[1] as keyof ProviderModules,
    );
}

const MODULES = registered();

/** The `__provider` that version 0.1.0 wrote for a resource of `module`, as its state keeps it. */
function providerOf010(module: string): string {
    // The fixture is that of vsphere/datacenter; the others differ from it only in the module's path.
    const text = fs.readFileSync(path.join(ROOT, "tests", "fixtures", "sdk", "provider-0.1.0.txt"), "utf8");
    return text.replace(
        `"${PACKAGE}/dist/provider/vsphere/datacenter"`,
        JSON.stringify(`${PACKAGE}/dist/provider/${module}`),
    );
}

/** The bytes that a `__provider` takes in a state file, where it is a JSON string. */
function stateBytes(text: string): number {
    return Buffer.byteLength(JSON.stringify(text));
}

/** A stub of `dist/provider/<module>`: its provider answers each call with what it was called with, and where. */
function stubProviderModule(module: string): string {
    return (
        `const calls = ${JSON.stringify(CALLS)};\n` +
        "exports.provider = Object.fromEntries(calls.map((call) => [call, (...args) =>\n" +
        `    ({ module: ${JSON.stringify(module)}, call, args, file: __filename })]));\n`
    );
}

/**
 * Installs the package at `dir` with `version` as a package manager does: `sdk/dynamic.ts` and `sdk/p/` compiled
 * with the project's compiler options, and a stub in place of each provider module.
 */
function installPackage(dir: string, version: string): void {
    const { config } = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile);
    const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, ROOT);
    const sources = ["sdk/dynamic.ts", ...fs.readdirSync(path.join(ROOT, "sdk", "p")).map((f) => `sdk/p/${f}`)];
    const files: Record<string, string> = { "package.json": JSON.stringify({ name: PACKAGE, version }) };
    for (const source of sources) {
        const text = fs.readFileSync(path.join(ROOT, source), "utf8");
        const compilerOptions = { ...options, sourceMap: false, declaration: false };
        files[`dist/${source.replace(/\.ts$/, ".js")}`] = ts.transpileModule(text, { compilerOptions }).outputText;
    }
    for (const module of MODULES) {
        files[`dist/provider/${module}.js`] = stubProviderModule(module);
    }
    for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
    }
}

/** A dynamic resource of no particular kind: what matters is its provider. */
class Probe extends pulumi.dynamic.Resource {}

/**
 * The `__provider` that the SDK registers for a dynamic resource of each module, with the providers of the
 * `sdk/dynamic` module at `dynamic` (under mocks, with credentials in the environment).
 */
async function serializedProviders(
    dynamic: string,
    credential: string,
): Promise<Record<keyof ProviderModules, string>> {
    const { packageProvider: provider } = require(dynamic) as { packageProvider: typeof packageProvider };
    const names = ["VSPHERE_PASSWORD", "OS_PASSWORD"];
    const saved = names.map((name) => process.env[name]);
    names.forEach((name) => (process.env[name] = credential));
    try {
        const registrations = await recordRegistrations("project");
        for (const module of MODULES) {
            new Probe(provider(module), FORWARDERS[module], {});
        }
        await registrationsSettled();
        const byName = new Map(registrations.map((r) => [r.name, r.inputs.__provider as string]));
        return Object.fromEntries(MODULES.map((m) => [m, byName.get(FORWARDERS[m])!])) as never;
    } finally {
        names.forEach((name, i) =>
            saved[i] === undefined ? delete process.env[name] : (process.env[name] = saved[i]),
        );
    }
}

/** The arguments each call is made with, as JSON the stubs send back. */
const ARGS: Record<(typeof CALLS)[number], unknown[]> = {
    configure: [{ config: {} }],
    check: [{ name: "old" }, { name: "new" }],
    diff: ["id-1", { name: "old" }, { name: "new" }],
    create: [{ name: "new" }],
    read: ["id-1", { name: "old" }],
    update: ["id-1", { name: "old" }, { name: "new" }],
    delete: ["id-1", { name: "old" }],
};

type Answer = { module: string; call: string; args: unknown[]; file: string };

/**
 * Evaluates each text in a Node process whose working directory is `project`, as the engine's dynamic provider
 * does (`require-from-string` of the text, then `handler()`), and makes every call of the provider it returns.
 */
function callInProject(project: string, texts: Record<string, string>): Record<string, Answer[]> {
    const sdk = path.dirname(require.resolve("@pulumi/pulumi/cmd/dynamic-provider"));
    const script =
        `const requireFromString = require(${JSON.stringify(require.resolve("require-from-string", { paths: [sdk] }))});\n` +
        `const texts = ${JSON.stringify(texts)};\n` +
        `const args = ${JSON.stringify(ARGS)};\n` +
        "(async () => {\n" +
        "    const answers = {};\n" +
        "    for (const [key, text] of Object.entries(texts)) {\n" +
        "        const provider = requireFromString(text).handler();\n" +
        "        answers[key] = [];\n" +
        "        for (const call of Object.keys(args)) answers[key].push(await provider[call](...args[call]));\n" +
        "    }\n" +
        "    console.log(JSON.stringify(answers));\n" +
        "})();\n";
    return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: project, encoding: "utf8" }));
}

/** Asserts that each provider forwarded every call, with its arguments, to its module of the package in `project`. */
function assertForwarded(answers: Record<string, Answer[]>, project: string): void {
    for (const module of MODULES) {
        const file = path.join(fs.realpathSync(project), "node_modules", PACKAGE, "dist", "provider", `${module}.js`);
        assert.deepEqual(
            answers[module],
            CALLS.map((call) => ({ module, call, args: ARGS[call], file })),
            module,
        );
    }
}

describe("the providers' registry", () => {
    it("pairs every resource class with a provider module whose provider serves each call", () => {
        const used = (fs.readdirSync(path.join(ROOT, "sdk"), { recursive: true }) as string[])
            .filter((f) => f.endsWith(".ts"))
            .flatMap((f) => [
                ...fs.readFileSync(path.join(ROOT, "sdk", f), "utf8").matchAll(/packageProvider\("([\w/]+)"\)/g),
            ])
            .map((m) => m[1])
            .sort();
        assert.deepEqual(used, [...MODULES].sort(), "each registered module is one resource's");
        for (const module of MODULES) {
            const { provider } = require(path.join(ROOT, "provider", module)) as ProviderModules[typeof module];
            for (const call of CALLS) {
                assert.equal(typeof provider[call], "function", `${module}: provider.${call}`);
            }
        }
    });

    it("has one forwarder module in sdk/p/ for each provider module, and no other", () => {
        const files = fs.readdirSync(path.join(ROOT, "sdk", "p")).map((f) => f.replace(/\.ts$/, ""));
        assert.deepEqual(files.sort(), MODULES.map((m) => FORWARDERS[m]).sort());
    });

    it("refuses, at compile time, a module that is not a provider module", () => {
        // @ts-expect-error: there is no such provider module
        assert.throws(() => packageProvider("vsphere/datacentre"), /Cannot find module/);
        assert.equal(typeof packageProvider("vsphere/datacenter").create, "function");
    });
});

describe("the serialized provider (__provider) of the installed package", () => {
    const credential = "credential-7f3a9c";
    let tmp: string;
    let project: string;
    let texts: Record<keyof ProviderModules, string>;

    before(async () => {
        tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "vso-provider-")));
        project = path.join(tmp, "project");
        installPackage(path.join(project, "node_modules", PACKAGE), "0.1.0");
        texts = await serializedProviders(path.join(project, "node_modules", PACKAGE, "dist/sdk/dynamic"), credential);
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("is one require of the module's forwarder from node_modules, at most 300 bytes in the state", () => {
        for (const module of MODULES) {
            const text = texts[module];
            assert.ok(stateBytes(text) <= 300, `${module}: __provider takes ${stateBytes(text)} bytes`);
            // The only string in the text is the forwarder's path: the serializer captured no other value.
            const strings = [...text.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
            assert.deepEqual(strings, [`${PACKAGE}/dist/sdk/p/${FORWARDERS[module]}.js`], module);
            assert.match(text, /^const provider = require\("[^"]+"\);$/m, module);
            for (const word of [credential, tmp, ROOT, os.homedir(), "0.1.0"]) {
                assert.ok(!text.includes(word), `${module}: __provider holds ${word}`);
            }
        }
    });

    it("is the same text whatever the version of the package and wherever the project is", async () => {
        const other = path.join(tmp, "elsewhere", "project");
        installPackage(path.join(other, "node_modules", PACKAGE), "9.9.9");
        const dynamic = path.join(other, "node_modules", PACKAGE, "dist/sdk/dynamic");
        assert.deepEqual(await serializedProviders(dynamic, credential), texts);
    });

    it("evaluated as the engine's dynamic provider does, forwards each call to the project's installed package", () => {
        assertForwarded(callInProject(project, texts), project);
    });
});

describe("the serialized provider of earlier versions and of other layouts", () => {
    let tmp: string;
    let project: string;

    before(() => {
        tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "vso-provider-")));
        project = path.join(tmp, "project");
        installPackage(path.join(project, "node_modules", PACKAGE), "0.2.0");
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("0.1.0's, which stored outputs keep, still forwards each call to the project's installed package", () => {
        const texts = Object.fromEntries(MODULES.map((m) => [m, providerOf010(m)]));
        assertForwarded(callInProject(project, texts), project);
    });

    it("is 0.1.0's, by value, in a checkout, where the serializer would write the module by value", async () => {
        const texts = await serializedProviders(path.join(ROOT, "sdk", "dynamic"), "unused");
        for (const module of MODULES) {
            assert.equal(texts[module], providerOf010(module), module);
        }
    });

    it("is 0.1.0's, by value, from a pnpm store, where the serializer would write a path with the version", async () => {
        const pnpm = path.join(tmp, "pnpm");
        const store = path.join(pnpm, "node_modules", ".pnpm", `${PACKAGE}@0.2.0`, "node_modules", PACKAGE);
        installPackage(store, "0.2.0");
        fs.symlinkSync(path.relative(path.join(pnpm, "node_modules"), store), path.join(pnpm, "node_modules", PACKAGE));
        const texts = await serializedProviders(path.join(pnpm, "node_modules", PACKAGE, "dist/sdk/dynamic"), "unused");
        for (const module of MODULES) {
            assert.equal(texts[module], providerOf010(module), module);
        }
    });
});
