/**
 * The package as users get it: packed with `npm pack`, installed the README's way into a Pulumi project outside
 * the repository, beside the `@pulumi/pulumi` version a test chooses.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { ROOT } from "../../lab/lab";

const run = promisify(execFile);

/** The tarball of this process, packed once into a directory of its own (removed at exit). */
let packed: Promise<string> | undefined;

/** `npm pack` of the repository (prepack compiles dist/ first); the path of the tarball. */
export function packedTarball(): Promise<string> {
    packed ??= (async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-pack-"));
        process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
        await run("npm", ["pack", "--pack-destination", dir, "--loglevel=error"], { cwd: ROOT });
        const files = fs.readdirSync(dir);
        if (files.length !== 1) {
            throw new Error(`npm pack left ${files.join(", ") || "nothing"} in ${dir}`);
        }
        return path.join(dir, files[0]);
    })();
    return packed;
}

/** The installed version of one of the repository's own dependencies, so that npm finds it in its cache. */
export function installedVersion(name: string): string {
    const manifest = path.join(ROOT, "node_modules", name, "package.json");
    return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
}

/** The `@pulumi/pulumi` the repository develops and tests with: the oldest the package's peer range allows. */
export function ownPulumiVersion(): string {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
        devDependencies: Record<string, string>;
    };
    return manifest.devDependencies["@pulumi/pulumi"];
}

/** How the README installs the package into a project: `npm install <package> @pulumi/pulumi`, here from a tarball. */
export async function installAsReadme(dir: string, tarball: string, pulumi: string): Promise<void> {
    const flags = ["--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];
    await run("npm", ["install", ...flags, tarball, `@pulumi/pulumi@${pulumi}`], { cwd: dir, maxBuffer: 16 << 20 });
}

/** The package.json of a new TypeScript project, as `pulumi new typescript` writes one, before any install. */
export function consumerManifest(name: string): string {
    const devDependencies = {
        "@types/node": installedVersion("@types/node"),
        typescript: installedVersion("typescript"),
    };
    return JSON.stringify({ name, private: true, main: "index.ts", devDependencies }, null, 2);
}

/**
 * A copy of the example `examples/<name>` (its files but package.json and stack settings) in a new directory, with
 * the packed package and `@pulumi/pulumi@<pulumi>` installed the README's way: the example as a user runs it.
 */
export async function installedExample(name: string, pulumi: string): Promise<string> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `vso-${name}-`));
    const example = path.join(ROOT, "examples", name);
    for (const file of fs.readdirSync(example, { withFileTypes: true })) {
        if (file.isFile() && file.name !== "package.json" && !/^Pulumi\..+\.yaml$/.test(file.name)) {
            fs.copyFileSync(path.join(example, file.name), path.join(dir, file.name));
        }
    }
    fs.writeFileSync(path.join(dir, "package.json"), consumerManifest(`vsphere-openstack-${name}`));
    await installAsReadme(dir, await packedTarball(), pulumi);
    return dir;
}
