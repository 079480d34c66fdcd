/**
 * The real Pulumi CLI (built by lab/toolchain.sh) driven through the Automation API, against the lab's file
 * backend. Used by the demo and the end-to-end tests.
 */
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { Lab, labConnectionsConfig, labStackConfig } from "./lab";

/** The CLI root (its bin/ holds pulumi and the Node.js language host), from lab/run.sh. */
function pulumiRoot(): string {
    const root = process.env.VSO_PULUMI_ROOT;
    if (!root) {
        throw new Error("VSO_PULUMI_ROOT is not set: run this through lab/run.sh (the npm scripts do)");
    }
    return root;
}

/** The CLI binary built by lab/toolchain.sh. */
export function pulumiBinary(): string {
    return path.join(pulumiRoot(), "bin", "pulumi");
}

/** Environment for the CLI: the lab's file backend, a Pulumi home inside the lab, no network look-ups. */
export function pulumiEnvironment(lab: Lab): Record<string, string> {
    return {
        PULUMI_BACKEND_URL: lab.pulumiBackendUrl,
        PULUMI_HOME: path.join(lab.dir, "pulumi-home"),
        PULUMI_CONFIG_PASSPHRASE: "",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    };
}

/**
 * Creates (or selects) stack `stackName` of the Pulumi project in `workDir`, with the lab's connection settings
 * as stack config (passwords as secrets; both vCenters also as named connections) plus `config`.
 */
export async function labStack(
    lab: Lab,
    workDir: string,
    stackName: string,
    config: Record<string, { value: string; secret?: boolean }> = {},
): Promise<Stack> {
    const pulumiCommand = await PulumiCommand.get({ root: pulumiRoot() });
    const stack = await LocalWorkspace.createOrSelectStack(
        { stackName, workDir },
        { pulumiCommand, envVars: pulumiEnvironment(lab) },
    );
    await stack.setAllConfig({ ...labStackConfig(lab), ...config });
    await stack.setAllConfig(labConnectionsConfig(lab), true);
    return stack;
}

/** Runs the Pulumi CLI on `stack` (`--stack` and `--non-interactive` are added) and returns what it printed. */
export async function pulumiCli(lab: Lab, stack: Stack, ...args: string[]): Promise<string> {
    const { stdout } = await promisify(execFile)(
        pulumiBinary(),
        [...args, "--stack", stack.name, "--non-interactive"],
        { cwd: stack.workspace.workDir, env: { ...process.env, ...pulumiEnvironment(lab) }, maxBuffer: 64 << 20 },
    );
    return stdout;
}

/**
 * The stack's state as `pulumi stack export` prints it — secrets stay encrypted (the Automation API's
 * `exportStack` decrypts them with `--show-secrets`).
 */
export function exportStoredState(lab: Lab, stack: Stack): Promise<string> {
    return pulumiCli(lab, stack, "stack", "export");
}
