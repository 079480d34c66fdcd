/**
 * The package as its users get it: packed with `npm pack`, installed from the tarball into a new Pulumi project
 * outside the repository, and run through the Pulumi CLI against the lab.
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import type { Stack } from "@pulumi/pulumi/automation";
import { Lab, ROOT } from "../../lab/lab";
import { exportStoredState, labStack, PulumiCli, pulumiVersion } from "../../lab/pulumi";
import { flavorIds, govcCollect, govcLs, sharedLab, showFlavor, uniqueName } from "../support/lab";
import { consumerManifest, installAsReadme, ownPulumiVersion, packedTarball } from "../support/package";

const run = promisify(execFile);

/**
 * The bound on a resource's serialized provider (`__provider`) in the state of a project that installed the
 * package: one `require` of its forwarder module (sdk/dynamic.ts), never the implementation it loads.
 */
const PROVIDER_BYTES_BOUND = 301;

/** Every copy of `@pulumi/pulumi` installed below `dir`, as paths relative to it. */
function sdkCopies(dir: string): string[] {
    return (fs.readdirSync(dir, { recursive: true }) as string[])
        .map((file) => file.split(path.sep).join("/"))
        .filter((file) => /(^|\/)node_modules\/@pulumi\/pulumi\/package\.json$/.test(file))
        .map((file) => file.replace(/\/package\.json$/, ""))
        .sort();
}

/** A Pulumi TypeScript project, as `pulumi new typescript` lays one out, before the package is installed. */
function writeConsumerProject(dir: string): void {
    const files: Record<string, string> = {
        "Pulumi.yaml": [
            "name: package-consumer",
            "description: A project outside the repository that installs vsphere-openstack from its tarball.",
            "runtime:",
            "  name: nodejs",
            "  options:",
            "    typescript: true",
            "config:",
            "  package-consumer:prefix:",
            "    type: string",
            "",
        ].join("\n"),
        "package.json": consumerManifest("package-consumer"),
        "tsconfig.json": JSON.stringify(
            {
                compilerOptions: {
                    strict: true,
                    target: "ES2022",
                    module: "commonjs",
                    moduleResolution: "node",
                    esModuleInterop: true,
                    skipLibCheck: true,
                },
                files: ["index.ts"],
            },
            null,
            2,
        ),
        "index.ts": [
            'import * as pulumi from "@pulumi/pulumi";',
            'import { openstack, vsphere } from "vsphere-openstack";',
            "",
            'const prefix = new pulumi.Config().require("prefix");',
            'const datacenter = new vsphere.Datacenter("datacenter", { name: `${prefix}-dc` });',
            'const cluster = new vsphere.ComputeCluster("cluster", { datacenterId: datacenter.id, name: "compute1" });',
            'const flavor = new openstack.Flavor("flavor", { name: `${prefix}.small`, vcpus: 1, ramMb: 2048, diskGb: 20 });',
            "",
            "export const datacenterId = datacenter.id;",
            "export const clusterId = cluster.id;",
            "export const flavorId = flavor.id;",
            "",
        ].join("\n"),
    };
    for (const [name, text] of Object.entries(files)) {
        fs.writeFileSync(path.join(dir, name), text);
    }
}

/** The symbolic links below `dir` (recursively, not following them) and where each one points. */
function symlinksBelow(dir: string): { link: string; target: string }[] {
    const found: { link: string; target: string }[] = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const link = path.join(dir, entry.name);
        if (entry.isSymbolicLink()) {
            let target: string;
            try {
                target = fs.realpathSync(link);
            } catch {
                target = path.resolve(dir, fs.readlinkSync(link)); // dangling
            }
            found.push({ link, target });
        } else if (entry.isDirectory()) {
            found.push(...symlinksBelow(link));
        }
    }
    return found;
}

/** The `.ts` sources below `dir` of the repository, as paths relative to the repository root. */
function sourcesBelow(dir: string): string[] {
    return (fs.readdirSync(path.join(ROOT, dir), { recursive: true }) as string[])
        .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))
        .map((file) => path.posix.join(dir, file.split(path.sep).join("/")));
}

describe("the packed package", function () {
    this.timeout(600_000);
    let tarball: string;

    before(async () => {
        tarball = await packedTarball();
    });

    it("packs the compiled models, SDK and providers with README.md and LICENSE, and no sources, maps, tests, lab or examples", async () => {
        const { stdout } = await run("tar", ["-tzf", tarball]);
        const entries = stdout
            .split("\n")
            .filter(Boolean)
            .map((entry) => entry.replace(/^package\//, ""));
        for (const file of ["package.json", "README.md", "LICENSE", "dist/sdk/index.js", "dist/sdk/index.d.ts"]) {
            assert.ok(entries.includes(file), `${file} is not in the tarball`);
        }
        // Every source of the SDK and the providers ships compiled, with its declarations.
        for (const source of [...sourcesBelow("model"), ...sourcesBelow("sdk"), ...sourcesBelow("provider")]) {
            const compiled = `dist/${source.replace(/\.ts$/, "")}`;
            for (const file of [`${compiled}.js`, `${compiled}.d.ts`]) {
                assert.ok(entries.includes(file), `${file} (from ${source}) is not in the tarball`);
            }
        }
        // Nothing else: no tests/, lab/, examples/, no TypeScript sources beside the declarations, no source maps.
        const strays = entries.filter(
            (entry) =>
                !/^(dist\/(model|sdk|provider)\/|package\.json$|README\.md$|LICENSE$)/.test(entry) ||
                (entry.endsWith(".ts") && !entry.endsWith(".d.ts")) ||
                entry.endsWith(".map"),
        );
        assert.deepEqual(strays, []);
        // @pulumi/pulumi is the project's, a peer: never a dependency of the package's own.
        const manifest = JSON.parse((await run("tar", ["-xzOf", tarball, "package/package.json"])).stdout) as {
            dependencies: Record<string, string>;
            peerDependencies: Record<string, string>;
        };
        assert.deepEqual(Object.keys(manifest.dependencies).sort(), ["@xmldom/xmldom", "yaml"]);
        assert.deepEqual(manifest.peerDependencies, { "@pulumi/pulumi": `>=${ownPulumiVersion()} <4.0.0` });
    });

    it("takes the project's own @pulumi/pulumi, the newest 3.x as well: one copy of the SDK, the package's peer", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-consumer-newest-"));
        try {
            writeConsumerProject(dir);
            await installAsReadme(dir, tarball, "<4");
            assert.deepEqual(sdkCopies(dir), ["node_modules/@pulumi/pulumi"]);
            const sdk = (dir: string) => require.resolve("@pulumi/pulumi/package.json", { paths: [dir] });
            const fromPackage = sdk(path.join(dir, "node_modules", "vsphere-openstack"));
            assert.equal(fs.realpathSync(fromPackage), fs.realpathSync(sdk(dir)));
            const { version } = JSON.parse(fs.readFileSync(fromPackage, "utf8")) as { version: string };
            assert.notEqual(version, ownPulumiVersion(), "npm installed the repository's own SDK version");
            const declared = (
                JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as {
                    dependencies: Record<string, string>;
                }
            ).dependencies;
            assert.deepEqual(Object.keys(declared).sort(), ["@pulumi/pulumi", "vsphere-openstack"]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

for (const cli of ["oldest", "newest"] as PulumiCli[]) {
    describe(`the packed package installed into a project of its own, through the ${cli} Pulumi CLI`, function () {
        this.timeout(600_000);
        let lab: Lab;
        let sdkVersion: string;
        let projectDir: string;
        let tarball: string;
        let stack: Stack | undefined;
        let prefix: string;
        let outputs: Record<string, string>;
        let destroyed = false;

        before(async () => {
            lab = await sharedLab();
            // Each CLI runs programs with the SDK of its own version: 3.163.0 is the repository's.
            sdkVersion = pulumiVersion(cli);
            projectDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-consumer-"));
            tarball = await packedTarball();
            writeConsumerProject(projectDir);
            await installAsReadme(projectDir, tarball, sdkVersion);
            prefix = uniqueName(`e2e-pkg-${cli}`);
            const config = { "package-consumer:prefix": { value: prefix } };
            stack = await labStack(lab, projectDir, prefix, config, { cli });
        });

        after(async () => {
            if (stack && !destroyed) {
                await stack.destroy().catch(() => undefined);
            }
            await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
            if (projectDir) {
                fs.rmSync(projectDir, { recursive: true, force: true });
            }
        });

        it("installs a copy of the package inside the project: nothing links to the repository", () => {
            const installed = path.join(projectDir, "node_modules", "vsphere-openstack");
            assert.ok(fs.lstatSync(installed).isDirectory(), `${installed} is not a directory of its own`);
            const intoRepo = symlinksBelow(projectDir).filter(
                ({ target }) => target === ROOT || target.startsWith(`${ROOT}${path.sep}`),
            );
            assert.deepEqual(intoRepo, []);
            // One @pulumi/pulumi for the program and the package, as dynamic resources need: the project's.
            assert.deepEqual(sdkCopies(projectDir), ["node_modules/@pulumi/pulumi"]);
            const manifest = path.join(projectDir, "node_modules", "@pulumi", "pulumi", "package.json");
            assert.equal((JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version, sdkVersion);
        });

        it("up creates the datacenter, the cluster in it and the flavor", async () => {
            const result = await stack!.up();
            assert.deepEqual(result.summary.resourceChanges, { create: 4 });
            outputs = Object.fromEntries(Object.entries(result.outputs).map(([k, v]) => [k, String(v.value)]));
            const dc = await govcCollect(lab, `Datacenter:${outputs.datacenterId}`, "name", "hostFolder");
            assert.equal(dc.name, `${prefix}-dc`);
            const cluster = await govcCollect(lab, `ClusterComputeResource:${outputs.clusterId}`, "name", "parent");
            assert.equal(cluster.name, "compute1");
            assert.deepEqual(cluster.parent, dc.hostFolder);
            const flavor = await showFlavor(lab, outputs.flavorId);
            assert.deepEqual([flavor.name, flavor.vcpus, flavor.ram, flavor.disk], [`${prefix}.small`, 1, 2048, 20]);
        });

        it("keeps each resource's provider small, free of passwords, and loaded from the installed package", async () => {
            type Resource = { urn: string; type: string; inputs?: { __provider?: string } };
            const state = JSON.parse(await exportStoredState(lab, stack!, { cli })) as {
                deployment: { resources: Resource[] };
            };
            const resources = state.deployment.resources;
            const dynamic = resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
            const kinds = ["vsphere:Datacenter", "vsphere:ComputeCluster", "openstack:Flavor"];
            assert.deepEqual(dynamic.map((r) => r.type).sort(), kinds.map((k) => `pulumi-nodejs:dynamic/${k}`).sort());
            const passwords = [lab.vsphere.password, lab.openstack.admin.password, lab.openstack.demo.password];
            const sizes: string[] = [];
            for (const kind of kinds) {
                const r = dynamic.find((d) => d.type === `pulumi-nodejs:dynamic/${kind}`)!;
                const provider = JSON.stringify(r.inputs?.__provider ?? "");
                const bytes = Buffer.byteLength(provider);
                sizes.push(`${kind.split(":")[1]} ${bytes.toLocaleString("en-US")}`);
                assert.ok(bytes < PROVIDER_BYTES_BOUND, `${r.urn}: __provider is ${bytes} bytes`);
                assert.ok(!passwords.some((p) => provider.includes(p)), `${r.urn}: __provider holds a password`);
                // One require of the forwarder module by package; from the project, that is the installed copy.
                const modules = provider.match(/vsphere-openstack\/dist\/sdk\/p\/\w+\.js/g) ?? [];
                assert.equal(modules.length, 1, `${r.urn}: modules named in __provider: ${modules.join(", ")}`);
                const resolved = fs.realpathSync(require.resolve(modules[0], { paths: [projectDir] }));
                const installed = fs.realpathSync(path.join(projectDir, "node_modules", "vsphere-openstack"));
                assert.ok(resolved.startsWith(`${installed}${path.sep}`), `${modules[0]} resolves to ${resolved}`);
            }
            console.log(`      __provider bytes per resource: ${sizes.join(", ")}`);
        });

        it("destroy removes the datacenter, the cluster and the flavor", async () => {
            const result = await stack!.destroy();
            destroyed = true;
            assert.deepEqual(result.summary.resourceChanges, { delete: 4 });
            assert.ok(!(await govcLs(lab, "/")).includes(`/${prefix}-dc`), "the datacenter is still there");
            await assert.rejects(govcCollect(lab, `ClusterComputeResource:${outputs.clusterId}`, "name"));
            assert.ok(!(await flavorIds(lab)).includes(outputs.flavorId), "the flavor is still there");
        });
    });
}
