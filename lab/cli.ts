/** `npm run lab:up | lab:down | lab:status | demo | demo:destroy`. */
import * as path from "node:path";
import { labDown, labStatus, labUp, ROOT } from "./lab";
import { labStack } from "./pulumi";

const DEMO_DIR = path.join(ROOT, "examples", "quickstart");

async function demo(): Promise<void> {
    const started = Date.now();
    const lab = await labUp();
    console.log(`lab ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const stack = await labStack(lab, DEMO_DIR, "demo");
    console.log(`pulumi up of examples/quickstart, stack "demo"\n`);
    await stack.up({ onOutput: (out) => process.stdout.write(out) });
    console.log(`The lab keeps running until \`npm run lab:down\`; \`npm run lab:status\` shows where and as whom.`);
    console.log(`Lab files: ${lab.dir}`);
    console.log(`Pulumi state: ${lab.pulumiBackendUrl} (project quickstart, stack demo)`);
    console.log(`Remove what the demo created: npm run demo:destroy`);
}

async function demoDestroy(): Promise<void> {
    const stack = await labStack(await labUp(), DEMO_DIR, "demo");
    await stack.destroy({ onOutput: (out) => process.stdout.write(out) });
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
        case "demo-destroy":
            await demoDestroy();
            return 0;
        default:
            console.error("usage: lab/cli.ts up | down | status | demo | demo-destroy");
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
