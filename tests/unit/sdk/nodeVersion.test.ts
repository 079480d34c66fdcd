import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { MINIMUM_NODE_MAJOR, requireSupportedNode } from "../../../sdk/nodeVersion";

const ROOT = path.resolve(__dirname, "../../..");
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    main: string;
    engines: { node: string };
};

/** The message for Node.js `version`. */
function refusal(version: string): string {
    return (
        `vsphere-openstack needs Node.js 22 or newer, but runs on Node.js ${version}: install Node.js 22 or newer ` +
        "and put it first on PATH (the Pulumi CLI runs the program with the first node on PATH)"
    );
}

describe("the Node.js the package runs on", () => {
    it("needs the version package.json's engines.node states", () => {
        assert.equal(PACKAGE.engines.node, `>=${MINIMUM_NODE_MAJOR}`);
    });

    it("accepts that version and newer ones", () => {
        for (const version of ["22.0.0", "22.12.0", "24.21.0", "25.1.0"]) {
            assert.doesNotThrow(() => requireSupportedNode(version), version);
        }
    });

    it("refuses an older one, naming the package, both versions and what to do", () => {
        for (const version of ["21.7.3", "20.20.2", "18.19.1"]) {
            assert.throws(() => requireSupportedNode(version), { name: "Error", message: refusal(version) });
        }
    });

    it("is checked when the main entry loads, before any other module of the package", () => {
        // package.json's main, dist/sdk/index.js, is compiled from sdk/index.ts.
        const entry = PACKAGE.main.replace(/^dist\//, "./").replace(/\.js$/, ".ts");
        const script =
            `Object.defineProperty(process.versions, "node", { value: "20.20.2" });` +
            `let message;` +
            `try { require(${JSON.stringify(entry)}); } catch (err) { message = err.message; }` +
            `console.log(JSON.stringify({ message, loaded: Object.keys(require.cache) }));`;
        const out = execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], {
            cwd: ROOT,
            encoding: "utf8",
        });
        const { message, loaded } = JSON.parse(out) as { message: string; loaded: string[] };
        assert.equal(message, refusal("20.20.2"));
        assert.deepEqual(
            loaded
                .filter((f) => f.startsWith(ROOT + path.sep) && !f.includes(`${path.sep}node_modules${path.sep}`))
                .map((f) => path.relative(ROOT, f).split(path.sep).join("/")),
            // The entry itself left the cache when its load threw; nothing else of the package was loaded.
            ["sdk/nodeVersion.ts"],
        );
    });
});
