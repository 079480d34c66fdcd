/**
 * The lab for tests: started once per test run (and reused when it already runs), never skipped. Tests use
 * unique object names, so they can run in any order and next to each other.
 */
import { execFile } from "node:child_process";
import * as crypto from "node:crypto";
import { promisify } from "node:util";
import { Lab, labEnvironment, labStackConfig, labUp } from "../../lab/lab";
import { configureProviders } from "../../provider/config";

const run = promisify(execFile);
let shared: Promise<Lab> | undefined;

/** The running lab, started on first use. */
export function sharedLab(): Promise<Lab> {
    shared ??= labUp();
    return shared;
}

/** A name no other test uses: `<prefix>-<8 hex>`. */
export function uniqueName(prefix: string): string {
    return `${prefix}-${crypto.randomBytes(4).toString("hex")}`;
}

/** Points the providers in this process at the lab, through the same stack config keys a program sets. */
export function configureProvidersForLab(lab: Lab): void {
    const config = labStackConfig(lab);
    configureProviders({ get: (key: string) => config[key]?.value });
}

/** Runs govc against the lab's vCenter and returns its standard output. */
export async function govc(lab: Lab, ...args: string[]): Promise<string> {
    const { stdout } = await run("govc", args, { env: { ...process.env, ...labEnvironment(lab) } });
    return stdout;
}

/** The inventory paths under `path`, as `govc ls` lists them. */
export async function govcLs(lab: Lab, path: string): Promise<string[]> {
    return (await govc(lab, "ls", path)).split("\n").filter(Boolean);
}

/** Properties of a managed object (e.g. `Datacenter:datacenter-2`) read with `govc object.collect`. */
export async function govcCollect(lab: Lab, ref: string, ...props: string[]): Promise<Record<string, unknown>> {
    const out = JSON.parse(await govc(lab, "object.collect", "-json", ref, ...props)) as {
        name: string;
        val: unknown;
    }[];
    return Object.fromEntries(out.map((p) => [p.name, p.val]));
}

/** Runs the openstack CLI as the lab's admin and parses its JSON output (`-f json` is added). */
export async function openstackCli(lab: Lab, ...args: string[]): Promise<unknown> {
    const { stdout } = await run("/usr/bin/openstack", [...args, "-f", "json"], {
        env: { ...process.env, ...labEnvironment(lab) },
    });
    return stdout.trim() ? JSON.parse(stdout) : undefined;
}

/** Runs the openstack CLI as the lab's non-admin user `demo` (project `demo`) and parses its JSON output. */
export async function openstackCliAsDemo(lab: Lab, ...args: string[]): Promise<unknown> {
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        OS_CLIENT_CONFIG_FILE: lab.openstack.cloudsYaml,
        OS_CLOUD: "vso-demo",
    };
    for (const name of Object.keys(env).filter(
        (n) => n.startsWith("OS_") && !["OS_CLOUD", "OS_CLIENT_CONFIG_FILE"].includes(n),
    )) {
        delete env[name];
    }
    const { stdout } = await run("/usr/bin/openstack", [...args, "-f", "json"], { env });
    return stdout.trim() ? JSON.parse(stdout) : undefined;
}

/** Runs the openstack CLI for its exit status only (commands without output). */
export async function openstackCliQuiet(lab: Lab, ...args: string[]): Promise<void> {
    await run("/usr/bin/openstack", args, { env: { ...process.env, ...labEnvironment(lab) } });
}

/** A flavor as `openstack flavor show -f json` prints it. */
export interface CliFlavor {
    id: string;
    name: string;
    vcpus: number;
    ram: number;
    disk: number;
    description: string | null;
    properties: Record<string, string>;
}

/** A flavor read with the openstack CLI at compute microversion 2.61 (with its extra specs). */
export async function showFlavor(lab: Lab, id: string): Promise<CliFlavor> {
    return (await openstackCli(lab, "--os-compute-api-version", "2.61", "flavor", "show", id)) as CliFlavor;
}

/** The ids of all flavors, public and private, listed with the openstack CLI. */
export async function flavorIds(lab: Lab): Promise<string[]> {
    return ((await openstackCli(lab, "flavor", "list", "--all")) as { ID: string }[]).map((f) => f.ID);
}
