/**
 * The direction of the dependencies: sdk → model ← provider. A program that only declares resources or validates
 * a spec loads no provider code (no SOAP or REST client), and the models load neither side.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

/** The project's own modules below `ROOT` that loading `entries` in a fresh Node process loads, by folder. */
function loadedBy(entries: string[]): string[] {
    const script =
        `for (const e of ${JSON.stringify(entries)}) require(e);` +
        `console.log(JSON.stringify(Object.keys(require.cache)));`;
    const out = execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], {
        cwd: ROOT,
        encoding: "utf8",
    });
    return (JSON.parse(out) as string[])
        .filter((f) => f.startsWith(ROOT + path.sep) && !f.includes(`${path.sep}node_modules${path.sep}`))
        .map((f) => path.relative(ROOT, f).split(path.sep).join("/"));
}

function modelFiles(): string[] {
    return (fs.readdirSync(path.join(ROOT, "model"), { recursive: true }) as string[])
        .filter((f) => f.endsWith(".ts"))
        .map((f) => `./model/${f.split(path.sep).join("/")}`);
}

describe("the layers", () => {
    it("loads no provider module for the typed API, the component and spec validation", () => {
        const loaded = loadedBy(["./sdk/index.ts"]);
        assert.ok(loaded.includes("sdk/stack/validate.ts"), loaded.join(", "));
        assert.deepEqual(
            loaded.filter((f) => !f.startsWith("sdk/") && !f.startsWith("model/")),
            [],
        );
    });

    it("keeps the models free of sdk and provider modules", () => {
        const models = modelFiles();
        assert.ok(models.length >= 10, models.join(", "));
        assert.deepEqual(
            loadedBy(models).filter((f) => !f.startsWith("model/")),
            [],
        );
    });
});
