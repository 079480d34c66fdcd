/**
 * The stack config keys the library reads, and the namespaces they live in. The bridged providers
 * (`@pulumi/openstack`, `@pulumi/vsphere`) refuse a stack with a key of their namespace they do not define, so
 * the library reads in `openstack:` and `vsphere:` only keys they define too, with the same meaning; its own
 * settings live in the package's namespace, `vsphere-openstack:`. Keys of earlier releases are still read, one
 * release long, each with a warning naming its replacement.
 */

/** The package's own stack config namespace, e.g. `vsphere-openstack:connections`. */
export const NAMESPACE = "vsphere-openstack";

/** The stack config key holding the named vCenter connections. */
export const CONNECTIONS_KEY = `${NAMESPACE}:connections`;

/** The stack config key of the default vCenter's CA file (the bridged vSphere provider has no such setting). */
export const VSPHERE_CA_FILE_KEY = `${NAMESPACE}:vsphereCaFile`;

/** Keys of earlier releases, read until the next release when their replacement is unset: old key → new key. */
export const RENAMED_KEYS: Readonly<Record<string, string>> = {
    "openstack:projectName": "openstack:tenantName",
    "openstack:projectId": "openstack:tenantId",
    "openstack:interface": "openstack:endpointType",
    "openstack:caFile": "openstack:cacertFile",
    "vsphere:server": "vsphere:vsphereServer",
    "vsphere:caFile": VSPHERE_CA_FILE_KEY,
    "vsphere:connections": CONNECTIONS_KEY,
};

/** The warning for a stack config that sets `oldKey`, which a later release no longer reads. */
export function renamedKeyWarning(oldKey: string): string {
    const newKey = RENAMED_KEYS[oldKey];
    const namespace = oldKey.slice(0, oldKey.indexOf(":"));
    return (
        `the stack config "${oldKey}" is deprecated and will no longer be read in the next release: set ` +
        `"${newKey}" instead (the bridged @pulumi/${namespace} provider refuses a stack with "${oldKey}")`
    );
}

/**
 * The value of stack config `key` from `get`, else that of the key it replaces (see {@link RENAMED_KEYS}); empty
 * counts as unset.
 */
export function renamedValue(get: (key: string) => string | undefined, key: string): string | undefined {
    const nonEmpty = (k: string) => {
        const value = get(k);
        return value === "" ? undefined : value;
    };
    const old = Object.keys(RENAMED_KEYS).find((k) => RENAMED_KEYS[k] === key);
    return nonEmpty(key) ?? (old === undefined ? undefined : nonEmpty(old));
}
