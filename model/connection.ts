/**
 * The named vCenter connections of the stack config `vsphere-openstack:connections`, read one way for everyone:
 * the providers that log in with them, the component's validation at preview and the rendered service
 * configuration. One parser, so that what the providers do (verify a certificate or not) is what the rendered
 * files say.
 */
import { CONNECTIONS_KEY } from "./configKeys";

/** A connection as the stack config `vsphere-openstack:connections` holds it: any JSON values, checked where they are read. */
export type ConnectionEntry = Record<string, unknown>;

/** A connection's settings, read and checked. */
export interface VCenterConnection {
    /** The SDK URL, derived from the server (a host, host:port or URL). */
    url: string;
    /** The vCenter's host name or address (an IPv6 address without brackets, as the services take it). */
    host: string;
    /** The vCenter's HTTPS port: 443 unless the server names another. */
    port: number;
    user: string;
    password: string;
    /** The ESXi hosts' root password, for adding hosts. */
    hostPassword?: string;
    /** The path of a PEM CA bundle that verifies the vCenter's certificate. */
    caFile?: string;
    /** Skip verifying the vCenter's certificate. */
    allowUnverifiedSsl: boolean;
}

/** The settings a connection must have; `hostPassword` only where hosts are added. */
export type RequiredSetting = "server" | "user" | "password" | "hostPassword";

/** The stack config key of a connection's setting, e.g. `vsphere-openstack:connections.site-a.caFile`. */
export function connectionKey(name: string, field: string): string {
    return `${CONNECTIONS_KEY}.${name}.${field}`;
}

/** The SDK URL for a server given as host, host:port, or URL (a URL without a path gets `/sdk`). */
export function sdkUrl(server: string): string {
    const url = new URL(/^[a-z]+:\/\//i.test(server) ? server : `https://${server}`);
    if (url.pathname === "/" || url.pathname === "") {
        url.pathname = "/sdk";
    }
    return url.href;
}

/** Host and port of a server given as host, host:port or URL. */
export function hostAndPort(server: string): { host: string; port: number } {
    const url = new URL(sdkUrl(server));
    return { host: url.hostname.replace(/^\[(.*)\]$/, "$1"), port: url.port ? Number(url.port) : 443 };
}

/**
 * A boolean setting: true or false, or the text "true"/"1"/"yes" or "false"/"0"/"no" (any case), as
 * `pulumi config set` and environment variables give them; undefined when unset. Anything else is an error
 * naming `key`.
 */
export function parseBoolean(key: string, value: unknown): boolean | undefined {
    if (value === undefined || value === null || value === "") {
        return undefined;
    }
    if (typeof value === "boolean") {
        return value;
    }
    const lower = String(value).toLowerCase();
    if (["true", "1", "yes"].includes(lower)) {
        return true;
    }
    if (["false", "0", "no"].includes(lower)) {
        return false;
    }
    throw new Error(`"${key}" must be true or false, not ${JSON.stringify(value)}`);
}

/**
 * Reads the connection `name` from its stack config entry: its settings, or every problem found, each naming the
 * key to set. `required` lists the settings the caller needs besides `server`, `user` and `password`.
 */
export function readConnection(
    name: string,
    entry: ConnectionEntry,
    required: readonly RequiredSetting[] = [],
): { connection?: VCenterConnection; problems: string[] } {
    const problems: string[] = [];
    const key = (field: string) => connectionKey(name, field);
    const text = (field: string): string | undefined => {
        const value = entry[field];
        if (value === undefined || value === null || value === "") {
            return undefined;
        }
        if (typeof value !== "string") {
            problems.push(`"${key(field)}" must be a string, not ${JSON.stringify(value)}`);
            return undefined;
        }
        return value;
    };
    const settings = Object.fromEntries(
        (["server", "user", "password", "hostPassword", "caFile"] as const).map((f) => [f, text(f)]),
    );
    for (const field of new Set<RequiredSetting>(["server", "user", "password", ...required])) {
        if (settings[field] === undefined && !problems.some((p) => p.startsWith(`"${key(field)}"`))) {
            problems.push(`the vCenter connection "${name}" has no ${field}: set "${key(field)}"`);
        }
    }
    let allowUnverifiedSsl = false;
    try {
        allowUnverifiedSsl = parseBoolean(key("allowUnverifiedSsl"), entry.allowUnverifiedSsl) ?? false;
    } catch (err) {
        problems.push((err as Error).message);
    }
    if (problems.length) {
        return { problems };
    }
    const server = settings.server!;
    let url: string;
    try {
        url = sdkUrl(server);
    } catch {
        return { problems: [`"${key("server")}" must be a host, host:port or URL, not ${JSON.stringify(server)}`] };
    }
    return {
        connection: {
            url,
            ...hostAndPort(server),
            user: settings.user!,
            password: settings.password!,
            hostPassword: settings.hostPassword,
            caFile: settings.caFile,
            allowUnverifiedSsl,
        },
        problems,
    };
}

/** The message for a connection name the stack config does not have, listing those it has. */
export function unknownConnection(name: string, configured: string[]): string {
    return (
        `the vCenter connection "${name}" is not configured: add it to the stack config "${CONNECTIONS_KEY}" ` +
        `({server, user, password (secret), caFile, allowUnverifiedSsl}); configured connections: ` +
        (configured.length ? configured.map((n) => `"${n}"`).join(", ") : "none")
    );
}
