/**
 * The root program's example stack file (`Pulumi.example.yaml`), read as its stack config, for tests that run
 * the root program from configuration alone.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { ROOT } from "../../lab/lab";

export const EXAMPLE_STACK_FILE = path.join(ROOT, "Pulumi.example.yaml");

/** The example stack file as a whole (as YAML parses it). */
export function exampleStackFile(): { config: Record<string, unknown> } {
    return YAML.parse(fs.readFileSync(EXAMPLE_STACK_FILE, "utf8")) as { config: Record<string, unknown> };
}
