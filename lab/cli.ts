/** `npm run lab:up | lab:down | lab:status | demo`. */
import * as path from "node:path";
import { labDown, labStatus, labUp, ROOT } from "./lab";
import { labStack } from "./pulumi";

async function demo(): Promise<void> {
    const started = Date.now();
    const lab = await labUp();
    console.log(`lab ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${lab.dir})`);
    const workDir = path.join(ROOT, "examples", "quickstart");
    const stack = await labStack(lab, workDir, "demo");
    console.log(`pulumi up of examples/quickstart, stack "demo"…`);
    const result = await stack.up({ onOutput: (out) => process.stdout.write(out) });
    console.log("\nOutputs:");
    for (const [key, output] of Object.entries(result.outputs)) {
        console.log(`  ${key}: ${output.secret ? "[secret]" : JSON.stringify(output.value)}`);
    }
    console.log(`\nThe lab runs until \`npm run lab:down\`; \`npm run lab:status\` shows where and as whom.`);
    console.log(`Pulumi state: ${lab.pulumiBackendUrl} (stack "demo" of project quickstart)`);
    console.log(
        `Undo the demo: cd examples/quickstart && PULUMI_BACKEND_URL=${lab.pulumiBackendUrl} PULUMI_CONFIG_PASSPHRASE= npx lab/run.sh pulumi destroy -s demo`,
    );
}

async function main(command: string | undefined): Promise<number> {
    switch (command) {
        case "up": {
            const started = Date.now();
            await labUp();
            console.log(`lab up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
            console.log((await labStatus()).text);
            return 0;
        }
        case "down":
            await labDown();
            console.log("lab stopped");
            return 0;
        case "status": {
            const status = await labStatus();
            console.log(status.text);
            return status.running ? 0 : 3;
        }
        case "demo":
            await demo();
            return 0;
        default:
            console.error("usage: lab/cli.ts up | down | status | demo");
            return 2;
    }
}

main(process.argv[2]).then(
    (code) => process.exit(code),
    (err: Error) => {
        console.error(err.message);
        process.exit(1);
    },
);
