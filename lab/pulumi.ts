/**
 * The real Pulumi CLI (built by lab/toolchain.sh) driven through the Automation API, against the lab's file
 * backend. Used by the demo and the end-to-end tests.
 */
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { Lab, labConnectionsConfig, labStackConfig, ROOT } from "./lab";

/**
 * The two CLIs of the test matrix (lab/toolchain.sh): the oldest supported, the repository's `@pulumi/pulumi`
 * version, and the newest the Go module proxy serves.
 */
export type PulumiCli = "oldest" | "newest";

/** Which stack to drive through which CLI, with which state backend (the lab's file backend by default). */
export interface StackOptions {
    cli?: PulumiCli;
    backendUrl?: string;
}

/** A CLI's root (its bin/ holds pulumi and the Node.js language host), from lab/run.sh. */
export function pulumiRoot(cli: PulumiCli = "oldest"): string {
    const variable = cli === "oldest" ? "VSO_PULUMI_ROOT" : "VSO_PULUMI_NEWEST_ROOT";
    const root = process.env[variable];
    if (!root) {
        throw new Error(`${variable} is not set: run this through lab/run.sh (the npm scripts do)`);
    }
    return root;
}

/** The CLI binary built by lab/toolchain.sh. */
export function pulumiBinary(cli?: PulumiCli): string {
    return path.join(pulumiRoot(cli), "bin", "pulumi");
}

/** A CLI's version, as its cache directory is named (`…/pulumi/v3.276.0`): the SDK version to run it with. */
export function pulumiVersion(cli: PulumiCli): string {
    return path.basename(pulumiRoot(cli)).replace(/^v/, "");
}

/** Environment for the CLI: the backend (else the lab's file backend), a Pulumi home inside the lab, no look-ups. */
export function pulumiEnvironment(lab: Lab, backendUrl = lab.pulumiBackendUrl): Record<string, string> {
    return {
        PULUMI_BACKEND_URL: backendUrl,
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
    options: StackOptions = {},
): Promise<Stack> {
    const pulumiCommand = await PulumiCommand.get({ root: pulumiRoot(options.cli) });
    const stack = await LocalWorkspace.createOrSelectStack(
        { stackName, workDir },
        { pulumiCommand, envVars: pulumiEnvironment(lab, options.backendUrl) },
    );
    await stack.setAllConfig({ ...labStackConfig(lab), ...config });
    await stack.setAllConfig(labConnectionsConfig(lab), true);
    return stack;
}

/** Runs the Pulumi CLI on `stack` (`--stack` and `--non-interactive` are added) and returns what it printed. */
export async function pulumiCli(lab: Lab, stack: Stack, args: string[], options: StackOptions = {}): Promise<string> {
    const { stdout } = await promisify(execFile)(
        pulumiBinary(options.cli),
        [...args, "--stack", stack.name, "--non-interactive"],
        {
            cwd: stack.workspace.workDir,
            env: { ...process.env, ...pulumiEnvironment(lab, options.backendUrl) },
            maxBuffer: 64 << 20,
        },
    );
    return stdout;
}

/**
 * The stack's state as `pulumi stack export` prints it — secrets stay encrypted (the Automation API's
 * `exportStack` decrypts them with `--show-secrets`).
 */
export function exportStoredState(lab: Lab, stack: Stack, options: StackOptions = {}): Promise<string> {
    return pulumiCli(lab, stack, ["stack", "export"], options);
}

/**
 * Makes the lab's Pulumi home hold the `openstack` provider plugin at the version of the bridged SDK
 * `@pulumi/openstack` the repository has: terraform-provider-openstack bridged by pulumi-terraform-bridge, built
 * from Go modules (lab/toolchain/pulumi-openstack, several minutes the first time, cached) because the module
 * proxy does not serve pulumi-openstack's own provider module. For the tests that run the bridged SDK beside the
 * package; resolves to the plugin's version.
 */
export async function installBridgedOpenStack(lab: Lab): Promise<string> {
    const exec = promisify(execFile);
    // Its package.json names the version with a leading "v".
    const version = (require("@pulumi/openstack/package.json") as { version: string }).version.replace(/^v/, "");
    const script = 'source "$0" && vso_locked pulumi-openstack vso_build_pulumi_openstack';
    const built = (
        await exec("bash", ["-c", script, path.join(ROOT, "lab", "toolchain.sh")], { maxBuffer: 16 << 20 })
    ).stdout.trim();
    const { stdout: reported } = await exec(built, ["--version"]);
    if (reported.trim() !== version) {
        throw new Error(
            `the openstack plugin built from lab/toolchain/pulumi-openstack is ${reported.trim()}, but ` +
                `@pulumi/openstack is ${version}: change Version in lab/toolchain/pulumi-openstack/bridge.go`,
        );
    }
    await exec(pulumiBinary(), ["plugin", "install", "resource", "openstack", version, "--file", built], {
        env: { ...process.env, ...pulumiEnvironment(lab) },
    });
    return version;
}
