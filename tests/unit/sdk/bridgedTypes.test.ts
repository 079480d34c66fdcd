import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "../../..");
const FIXTURE = path.join(ROOT, "tests/fixtures/types/bridgedInputs.ts");

describe("the outputs as inputs of the bridged @pulumi/openstack", () => {
    it(`compile without a cast against @pulumi/openstack ${require("@pulumi/openstack/package.json").version}`, () => {
        const { config } = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile);
        const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
        const program = ts.createProgram([FIXTURE], { ...options, noEmit: true });
        const messages = ts
            .getPreEmitDiagnostics(program)
            .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
        assert.deepEqual(messages, []);
        const checker = program.getTypeChecker();
        const source = program.getSourceFile(FIXTURE)!;
        const used: string[] = [];
        const visit = (node: ts.Node) => {
            if (
                ts.isPropertyAccessExpression(node) &&
                ["gatewayIp", "segmentationId", "description"].includes(node.name.text)
            ) {
                used.push(`${node.getText(source)}: ${checker.typeToString(checker.getTypeAtLocation(node))}`);
            }
            ts.forEachChild(node, visit);
        };
        visit(source);
        assert.deepEqual(used, [
            "subnet.gatewayIp: Output<string>",
            "subnet.gatewayIp: Output<string>",
            "network.segmentationId: OutputInstance<number>",
            "flavor.description: Output<string>",
        ]);
    });
});
