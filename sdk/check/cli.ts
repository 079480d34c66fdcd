#!/usr/bin/env node
/**
 * `vsphere-openstack check`: the check of a deployment from the command line, for a stack (from its outputs,
 * read with the Pulumi CLI) or for a spec file. Prints a table per area and the stack's Mermaid picture, or with
 * `--json` the report for pipelines; exits 1 on an error-level finding, 2 when the check cannot run.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as YAML from "yaml";
import type { OpenStackOnVSphereSpec } from "../stack/spec";
import type { CheckedOutputs } from "./deployment";
import { checkDeployment, CheckTarget } from "./index";

const USAGE = `usage: vsphere-openstack check [--stack <name>] [--cwd <project dir>] [--spec <file>] [--json]

  --stack <name>   the Pulumi stack: its outputs are what is checked, its config the connections
                   (read with "pulumi stack output" and "pulumi config", secrets shown to this process only)
  --cwd <dir>      the Pulumi project's directory; defaults to the current one
  --spec <file>    check this spec instead of the stack's outputs: a JSON or YAML file of the spec, or a stack file
                   whose config holds the root program's vsphere-openstack:* keys
  --json           print the report as JSON (findings, calls), not as tables

Exit status: 0 without error-level findings, 1 with any, 2 when the check cannot run.`;

/** The options of the command line; an error naming a bad one. */
function parse(args: string[]): { stack?: string; cwd?: string; spec?: string; json: boolean } {
    if (args[0] !== "check") {
        throw new Error(`unknown command ${JSON.stringify(args[0] ?? "")}: the command is "check"`);
    }
    const options: { stack?: string; cwd?: string; spec?: string; json: boolean } = { json: false };
    for (let i = 1; i < args.length; i++) {
        const flag = args[i];
        if (flag === "--json") {
            options.json = true;
        } else if (flag === "--stack" || flag === "--cwd" || flag === "--spec") {
            const value = args[++i];
            if (value === undefined) {
                throw new Error(`${flag} needs a value`);
            }
            options[flag.slice(2) as "stack" | "cwd" | "spec"] = value;
        } else {
            throw new Error(`unknown option ${JSON.stringify(flag)}`);
        }
    }
    if (!options.stack && !options.spec) {
        throw new Error("give --stack <name>, --spec <file>, or both");
    }
    return options;
}

/** Runs the Pulumi CLI and parses its JSON output. */
function pulumiJson(args: string[], stack: string, cwd: string | undefined): unknown {
    const out = execFileSync("pulumi", [...args, "--json", "--show-secrets", "--stack", stack, "--non-interactive"], {
        cwd,
        encoding: "utf8",
        maxBuffer: 64 << 20,
        stdio: ["ignore", "pipe", "pipe"],
    });
    return JSON.parse(out);
}

/** The stack's config as the providers read it: each key's value in clear text. */
function stackConfig(stack: string, cwd: string | undefined): Record<string, string> {
    const config = pulumiJson(["config"], stack, cwd) as Record<string, { value?: string; objectValue?: unknown }>;
    return Object.fromEntries(
        Object.entries(config).map(([key, c]) => [key, c.value ?? JSON.stringify(c.objectValue)]),
    );
}

/** The spec in `file`: the spec itself, or the root program's keys of a stack file. */
export function readSpecFile(file: string): OpenStackOnVSphereSpec {
    const parsed = YAML.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown> | null;
    const config = parsed?.config as Record<string, unknown> | undefined;
    if (config === undefined) {
        return parsed as unknown as OpenStackOnVSphereSpec;
    }
    const key = (k: string) => config[`vsphere-openstack:${k}`];
    return {
        vcenters: key("vcenters"),
        network: key("network"),
        networks: key("networks"),
        flavors: key("flavors"),
    } as OpenStackOnVSphereSpec;
}

/** The command: the exit status. */
export async function main(args: string[], print: (text: string) => void): Promise<number> {
    let options;
    try {
        options = parse(args);
    } catch (err) {
        print(`${(err as Error).message}\n\n${USAGE}`);
        return 2;
    }
    try {
        const config = options.stack ? stackConfig(options.stack, options.cwd) : {};
        const target: CheckTarget = options.spec
            ? { spec: readSpecFile(options.spec) }
            : { outputs: pulumiJson(["stack", "output"], options.stack!, options.cwd) as CheckedOutputs };
        const report = await checkDeployment(target, { config });
        print(
            options.json
                ? JSON.stringify({ ok: report.ok, findings: report.findings, calls: report.calls }, null, 2)
                : report.text,
        );
        return report.ok ? 0 : 1;
    } catch (err) {
        print(`vsphere-openstack check: ${(err as Error).message}`);
        return 2;
    }
}

if (require.main === module) {
    void main(process.argv.slice(2), (text) => console.log(text)).then((status) => (process.exitCode = status));
}
