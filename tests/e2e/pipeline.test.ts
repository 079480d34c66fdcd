/**
 * examples/pipeline as a pipeline runs it: installed the README's way beside the newest SDK, driven by its
 * Automation API step (deploy.mts) on the newest CLI, with the state in the lab's PostgreSQL (Pulumi's
 * PostgreSQL backend, CLI 3.176 or newer) and the secrets under a passphrase. Up, the gate, refresh, the
 * backend's lock against a second concurrent up, destroy — and the state read back from PostgreSQL itself.
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { Lab, labConnectionsConfig, labPostgres, labStackConfig, PostgresEndpoint } from "../../lab/lab";
import { pulumiEnvironment, pulumiRoot, pulumiVersion } from "../../lab/pulumi";
import { eventually } from "../../lab/services";
import { flavorIds, govcCollect, govcLs, sharedLab, showFlavor, uniqueName } from "../support/lab";
import { installedExample } from "../support/package";

const run = promisify(execFile);

/** What a process printed and how it ended. */
interface Exit {
    code: number;
    stdout: string;
    stderr: string;
}

async function exitOf(promise: Promise<{ stdout: string; stderr: string }>): Promise<Exit> {
    try {
        return { code: 0, ...(await promise) };
    } catch (err) {
        const e = err as { code?: number; stdout?: string; stderr?: string };
        return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
    }
}

/** One SQL query's rows, as the backend's role (psql, unaligned, one column). */
async function sql(pg: PostgresEndpoint, query: string): Promise<string[]> {
    const args = ["-X", "-tA", "-h", pg.host, "-p", String(pg.port), "-U", pg.user, "-d", pg.database, "-c", query];
    const { stdout } = await run("psql", args, {
        env: { ...process.env, PGPASSWORD: pg.password },
        maxBuffer: 64 << 20,
    });
    return stdout.split("\n").filter(Boolean);
}

interface StoredResource {
    urn: string;
    type: string;
}

describe("examples/pipeline through the Automation API, the newest CLI and a PostgreSQL state backend", function () {
    this.timeout(600_000);
    let lab: Lab;
    let pg: PostgresEndpoint;
    let dir: string;
    let stackName: string;
    let prefix: string;
    let env: Record<string, string>;
    let stack: Stack | undefined;
    let outputs: Record<string, string>;
    let destroyed = false;
    const passphrase = `pipeline-${Math.random().toString(36).slice(2)}`;
    // The backend's keys start with the URL's path, the database's name.
    const stateKey = () => `${pg.database}/.pulumi/stacks/pipeline/${stackName}.json`;

    /** deploy.mts with the pipeline's environment, the newest CLI first on PATH, and `config` on top. */
    function deploy(config: Record<string, string> = {}): Promise<Exit> {
        const plain: Record<string, string> = { "pipeline:prefix": prefix, ...config };
        const secrets: Record<string, string> = {};
        for (const [key, { value, secret }] of Object.entries({
            ...labStackConfig(lab),
            ...labConnectionsConfig(lab),
        })) {
            (secret ? secrets : plain)[key] = value;
        }
        const variables = { PIPELINE_CONFIG: JSON.stringify(plain), PIPELINE_SECRETS: JSON.stringify(secrets) };
        return exitOf(run("node", ["deploy.mts"], { cwd: dir, env: { ...env, ...variables }, maxBuffer: 64 << 20 }));
    }

    /** The stack's checkpoint as the backend keeps it in PostgreSQL. */
    async function storedResources(): Promise<StoredResource[]> {
        // The backend keeps each file as a JSON object whose "data" is the file's bytes in base64.
        const decoded = "convert_from(decode(data->>'data', 'base64'), 'UTF8')";
        const [text] = await sql(pg, `SELECT ${decoded} FROM pulumi_state WHERE key = '${stateKey()}'`);
        assert.ok(text, `no row ${stateKey()} in pulumi_state`);
        for (const secret of [lab.vsphere.password, lab.openstack.admin.password]) {
            assert.ok(!text.includes(secret), "a password is in the stored state");
        }
        const checkpoint = JSON.parse(text) as { checkpoint: { latest?: { resources?: StoredResource[] } } };
        return checkpoint.checkpoint.latest?.resources ?? [];
    }

    before(async () => {
        lab = await sharedLab();
        pg = await labPostgres();
        dir = await installedExample("pipeline", pulumiVersion("newest"));
        prefix = uniqueName("pipe");
        stackName = prefix;
        env = {
            ...(process.env as Record<string, string>),
            ...pulumiEnvironment(lab, pg.backendUrl),
            PATH: `${path.join(pulumiRoot("newest"), "bin")}${path.delimiter}${process.env.PATH}`,
            PULUMI_CONFIG_PASSPHRASE: passphrase,
            PIPELINE_STACK: stackName,
        };
    });

    after(async () => {
        if (stack && !destroyed) {
            await stack.destroy().catch(() => undefined);
        }
        await stack?.workspace.removeStack(stackName, { force: true }).catch(() => undefined);
        if (dir) {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("the first run previews creates only, passes the gate and ups; the state is in PostgreSQL", async () => {
        const result = await deploy();
        assert.equal(result.code, 0, result.stderr);
        const summary = JSON.parse(result.stdout.trim().split("\n").pop()!) as {
            preview: Record<string, number>;
            up: Record<string, number>;
            outputs: Record<string, string>;
        };
        assert.deepEqual(summary.preview, { create: 4 });
        assert.deepEqual(summary.up, { create: 4 });
        outputs = summary.outputs;
        assert.equal((await govcCollect(lab, `Datacenter:${outputs.datacenterId}`, "name")).name, `${prefix}-dc`);
        const flavor = await showFlavor(lab, outputs.flavorId);
        assert.deepEqual([flavor.name, flavor.vcpus], [`${prefix}.small`, 1]);

        const resources = await storedResources();
        assert.deepEqual(
            resources.map((r) => r.type).sort(),
            [
                "pulumi-nodejs:dynamic/openstack:Flavor",
                "pulumi-nodejs:dynamic/vsphere:ComputeCluster",
                "pulumi-nodejs:dynamic/vsphere:Datacenter",
                "pulumi:providers:pulumi-nodejs",
                "pulumi:pulumi:Stack",
            ].sort(),
        );
        // Nothing of this stack in the lab's file backend.
        const fileBackend = path.join(lab.dir, "pulumi-state", ".pulumi", "stacks", "pipeline");
        assert.ok(!fs.existsSync(path.join(fileBackend, `${stackName}.json`)), "the stack went to the file backend");
    });

    it("a run whose preview would replace the flavor fails at the gate, naming it, and changes nothing", async () => {
        const result = await deploy({ "pipeline:vcpus": "2" });
        assert.equal(result.code, 2, result.stderr);
        assert.equal(
            result.stderr,
            [
                "pipeline: the preview would do this: the gate refuses it",
                `  replace urn:pulumi:${stackName}::pipeline::pulumi-nodejs:dynamic/openstack:Flavor::flavor (vcpus)`,
                "",
            ].join("\n"),
        );
        assert.equal((await showFlavor(lab, outputs.flavorId)).vcpus, 1);
        assert.ok((await flavorIds(lab)).includes(outputs.flavorId));
    });

    it("refresh through the PostgreSQL backend finds no drift", async () => {
        const pulumiCommand = await PulumiCommand.get({ root: pulumiRoot("newest") });
        const envVars = { ...pulumiEnvironment(lab, pg.backendUrl), PULUMI_CONFIG_PASSPHRASE: passphrase };
        stack = await LocalWorkspace.selectStack({ stackName, workDir: dir }, { pulumiCommand, envVars });
        await stack.setConfig("pipeline:vcpus", { value: "1" });
        assert.deepEqual((await stack.refresh()).summary.resourceChanges, { same: 4 });
    });

    it("a second concurrent up is refused by the backend's lock while the first finishes unharmed", async () => {
        // A DIY backend's stacks belong to its one organization, "organization".
        const locks = `${pg.database}/.pulumi/locks/organization/pipeline/${stackName}/`;
        const lockKeys = () => sql(pg, `SELECT key FROM pulumi_state WHERE key LIKE '${locks}%'`);
        const first = stack!.up();
        const [lock] = await eventually(60, async () => ((await lockKeys()).length ? await lockKeys() : undefined));
        assert.match(lock.slice(locks.length), /^[0-9a-f-]+\.json$/);
        const pulumi = path.join(pulumiRoot("newest"), "bin", "pulumi");
        const second = await exitOf(
            run(pulumi, ["up", "--yes", "--non-interactive", "--stack", stackName], { cwd: dir, env }),
        );
        assert.notEqual(second.code, 0);
        assert.match(second.stderr, /the stack is currently locked by 1 lock\(s\)/);
        assert.ok(!second.stderr.includes(pg.password), "the error shows the backend's password");
        assert.deepEqual((await first).summary.resourceChanges, { same: 4 });
        assert.deepEqual(await lockKeys(), []);
    });

    it("destroy through it removes everything, and the stored state holds no resource", async () => {
        const result = await stack!.destroy();
        destroyed = true;
        assert.deepEqual(result.summary.resourceChanges, { delete: 4 });
        assert.ok(!(await govcLs(lab, "/")).includes(`/${prefix}-dc`), "the datacenter is still there");
        assert.ok(!(await flavorIds(lab)).includes(outputs.flavorId), "the flavor is still there");
        assert.deepEqual(await storedResources(), []);
        await stack!.workspace.removeStack(stackName);
        assert.deepEqual(await sql(pg, `SELECT key FROM pulumi_state WHERE key = '${stateKey()}'`), []);
    });
});
