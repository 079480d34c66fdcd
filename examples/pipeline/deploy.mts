/**
 * A pipeline's deploy step, with the Automation API: the stack's config from the environment, its secrets
 * encrypted by the passphrase secrets provider, its state in the backend the environment names, a preview as
 * the gate, then `up`. Run from this directory: `node deploy.mts` (Node.js 22.18 or newer runs TypeScript).
 *
 * Environment:
 *   PULUMI_BACKEND_URL        the state backend, e.g. postgres://user:password@db:5432/pulumi?sslmode=verify-full
 *   PULUMI_CONFIG_PASSPHRASE  the passphrase of the stack's secrets (from the pipeline's secret store)
 *   PIPELINE_STACK            the stack, created on the first run
 *   PIPELINE_CONFIG           a JSON object of config keys and values, e.g. {"pipeline:prefix": "prod"};
 *                             keys are paths, as `pulumi config set --path` takes them
 *   PIPELINE_SECRETS          the same for the values stored encrypted (passwords)
 *
 * The gate: a preview that would delete or replace anything fails the step (exit status 2) and names those
 * resources, before anything changes; creates and in-place updates go on to `up`. Deletes and replacements are
 * then made deliberately, outside the pipeline, by someone who read that preview.
 */
import pulumi from "@pulumi/pulumi";
import type { EngineEvent, OpType } from "@pulumi/pulumi/automation";

const { LocalWorkspace } = pulumi.automation;

/** The operations the gate refuses (a replacement's own create and delete steps come with its "replace"). */
const REFUSED: OpType[] = ["delete", "replace"];

function required(name: string): string {
    const value = process.env[name];
    if (!value) {
        throw new Error(`${name} is not set`);
    }
    return value;
}

/** A JSON object of strings from the environment (empty when the variable is not set). */
function configFrom(name: string): Record<string, string> {
    const text = process.env[name];
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw new Error(`${name} must be a JSON object of config keys and string values`);
    }
    for (const [key, value] of Object.entries(parsed)) {
        if (typeof value !== "string") {
            throw new Error(`${name}: "${key}" must be a string, not ${JSON.stringify(value)}`);
        }
    }
    return parsed as Record<string, string>;
}

async function main(): Promise<number> {
    required("PULUMI_BACKEND_URL");
    required("PULUMI_CONFIG_PASSPHRASE");
    const config = Object.entries(configFrom("PIPELINE_CONFIG")).map(([k, value]) => [k, { value }]);
    const secrets = Object.entries(configFrom("PIPELINE_SECRETS")).map(([k, value]) => [k, { value, secret: true }]);
    const stack = await LocalWorkspace.createOrSelectStack(
        { stackName: required("PIPELINE_STACK"), workDir: process.cwd() },
        { secretsProvider: "passphrase" },
    );
    await stack.setAllConfig(Object.fromEntries([...config, ...secrets]), true);

    const refused: string[] = [];
    const preview = await stack.preview({
        onEvent: (event: EngineEvent) => {
            const step = event.resourcePreEvent?.metadata;
            if (step && REFUSED.includes(step.op)) {
                // A replacement names the properties that force it; a delete has none.
                const keys = step.keys ?? [];
                refused.push(`${step.op} ${step.urn}${keys.length ? ` (${keys.join(", ")})` : ""}`);
            }
        },
    });
    if (refused.length > 0) {
        console.error(`pipeline: the preview would do ${refused.length === 1 ? "this" : "these"}: the gate refuses it`);
        for (const line of refused) {
            console.error(`  ${line}`);
        }
        return 2;
    }
    const up = await stack.up();
    const outputs = Object.fromEntries(
        Object.entries(up.outputs).map(([k, o]) => [k, o.secret ? "[secret]" : o.value]),
    );
    console.log(JSON.stringify({ preview: preview.changeSummary, up: up.summary.resourceChanges, outputs }));
    return 0;
}

main().then(
    (status) => {
        process.exitCode = status;
    },
    (err: unknown) => {
        console.error(`pipeline: ${err instanceof Error ? err.message : String(err)}`);
        process.exitCode = 1;
    },
);
