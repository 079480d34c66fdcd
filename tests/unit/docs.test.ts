import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../..");
const TYPEDOC = path.join(path.dirname(require.resolve("typedoc/package.json")), "bin", "typedoc");

/** TypeDoc's log lines without colour codes. */
function logLines(output: string): string[] {
    return output
        .replace(/\x1b\[[0-9;]*m/g, "") // eslint-disable-line no-control-regex
        .split("\n")
        .filter((line) => line.trim() !== "");
}

describe("the API reference (typedoc.json)", function () {
    this.timeout(60_000);
    this.slow(15_000);

    let out: string;
    before(() => {
        out = fs.mkdtempSync(path.join(os.tmpdir(), "vso-docs-"));
    });
    after(() => {
        fs.rmSync(out, { recursive: true, force: true });
    });

    it("builds from the TSDoc of sdk/ with no errors and no warnings: every export documented", async () => {
        // `npm run docs` with its typedoc.json, into a temporary directory instead of docs/api: the rendering
        // phase has warnings of its own (code blocks in README.md, links), which --emit none would not show.
        const result = await run(process.execPath, [TYPEDOC, "--out", out], {
            cwd: ROOT,
            env: { ...process.env, NO_COLOR: "1" },
            maxBuffer: 16 * 1024 * 1024,
        }).then(
            ({ stdout, stderr }) => ({ code: 0, lines: logLines(stdout + stderr) }),
            (err: { code?: number; stdout?: string; stderr?: string }) => ({
                code: err.code ?? -1,
                lines: logLines(`${err.stdout ?? ""}${err.stderr ?? ""}`),
            }),
        );
        const problems = result.lines.filter((line) => /^\[(warning|error)\]/.test(line));
        assert.deepEqual(problems, [], `typedoc reported:\n${result.lines.join("\n")}`);
        assert.equal(result.code, 0, `typedoc exited with ${result.code}:\n${result.lines.join("\n")}`);
    });
});
