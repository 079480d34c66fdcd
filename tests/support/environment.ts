/** Tests that read connection settings from the environment: the variables taken away, and put back afterwards. */

/** The environment variables of a vCenter connection (see provider/vsphere/connection.ts). */
export const VSPHERE_VARIABLES = [
    "VSPHERE_SERVER",
    "VSPHERE_USER",
    "VSPHERE_PASSWORD",
    "VSPHERE_CA_FILE",
    "VSPHERE_ALLOW_UNVERIFIED_SSL",
];

/**
 * Removes the environment variables `names` (or those whose name `matches`); returns what puts each back as it
 * was, set or unset.
 */
export function clearEnvironment(names: string[] | ((name: string) => boolean)): () => void {
    const chosen = typeof names === "function" ? Object.keys(process.env).filter(names) : names;
    const saved = new Map(chosen.map((name) => [name, process.env[name]]));
    chosen.forEach((name) => delete process.env[name]);
    return () => {
        for (const [name, value] of saved) {
            if (value === undefined) {
                delete process.env[name];
            } else {
                process.env[name] = value;
            }
        }
    };
}
