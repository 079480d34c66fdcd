/**
 * The Node.js the package runs on. npm only warns (EBADENGINE) when package.json's `engines.node` is not met, so
 * the package's main entry checks the running Node.js first, before it loads anything else.
 */

/** The oldest Node.js major version the package runs on; package.json's `engines.node` is `>=` it. */
export const MINIMUM_NODE_MAJOR = 22;

/**
 * Throws when `version`, a Node.js version as `process.versions.node` gives it (e.g. `20.20.2`), is older than
 * {@link MINIMUM_NODE_MAJOR}: the message names the package, the version it needs, the one running and what to do.
 */
export function requireSupportedNode(version: string): void {
    if (Number.parseInt(version, 10) < MINIMUM_NODE_MAJOR) {
        throw new Error(
            `vsphere-openstack needs Node.js ${MINIMUM_NODE_MAJOR} or newer, but runs on Node.js ${version}: ` +
                `install Node.js ${MINIMUM_NODE_MAJOR} or newer and put it first on PATH (the Pulumi CLI runs ` +
                "the program with the first node on PATH)",
        );
    }
}
