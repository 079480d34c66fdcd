/**
 * Warnings for the stack config keys of earlier releases (see `RENAMED_KEYS`): the providers still read them for
 * a release, and the program warns once for each one set, naming its replacement, when it loads the package.
 */
import * as pulumi from "@pulumi/pulumi";
import { RENAMED_KEYS, renamedKeyWarning } from "../model/configKeys";

let warned = false;

/** Warns once per process for each renamed key the stack config sets. */
export function warnRenamedConfig(): void {
    if (warned) {
        return;
    }
    warned = true;
    for (const key of Object.keys(RENAMED_KEYS).filter((k) => pulumi.runtime.getConfig(k) !== undefined)) {
        void pulumi.log.warn(renamedKeyWarning(key));
    }
}
