/**
 * The vCenter connections of a provider process. Without a connection name, settings come from the stack config
 * (`vsphere:vsphereServer`, `vsphere:user`, …, the keys `@pulumi/vsphere` reads too) or the environment
 * (`VSPHERE_*`). A resource with `connection` set uses the vCenter of that name in the stack config
 * `vsphere-openstack:connections`, so that one stack can manage several
 * vCenters. One logged-in client per vCenter and user serves the whole process. A login the vCenter refuses and a
 * certificate that fails verification name the connection, its server (and user) and the settings that fix them.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import * as fs from "node:fs";
import type * as pulumi from "@pulumi/pulumi";
import { InputChecker } from "../../model/check";
import { CONNECTIONS_KEY, VSPHERE_CA_FILE_KEY } from "../../model/configKeys";
import { connectionKey, readConnection, sdkUrl, unknownConnection } from "../../model/connection";
import { booleanSetting, configObject, providersConfigured, requiredSetting, setting, settingsKey } from "../config";
import { sameValue } from "../../model/diff";
import { certificateFailure, ConnectionFailure } from "../tls";
import { VimClient } from "./client/client";
import { isFault, VSphereError } from "./client/faults";
import { SoapTransport } from "./client/transport";
import { SoapObject } from "./client/xml";

export interface VSphereSettings {
    /** The SDK URL, derived from the server (a host, host:port or URL). */
    url: string;
    user: string;
    password: string;
    allowUnverifiedSsl: boolean;
    /** PEM CA bundle read from the CA file. */
    ca?: string;
}

/** The settings of a connection that messages name. */
type Setting = "server" | "user" | "password" | "caFile" | "allowUnverifiedSsl";

/** The default connection's settings: the stack config key and the environment variable of each. */
const DEFAULT_SETTINGS: Record<Setting, [key: string, env: string]> = {
    server: ["vsphere:vsphereServer", "VSPHERE_SERVER"],
    user: ["vsphere:user", "VSPHERE_USER"],
    password: ["vsphere:password", "VSPHERE_PASSWORD"],
    caFile: [VSPHERE_CA_FILE_KEY, "VSPHERE_CA_FILE"],
    allowUnverifiedSsl: ["vsphere:allowUnverifiedSsl", "VSPHERE_ALLOW_UNVERIFIED_SSL"],
};

/** The longest connection name accepted. */
const MAX_CONNECTION_NAME = 64;

/** The named connections of the stack config, by name; empty when none are configured. */
export function vsphereConnections(): Record<string, Record<string, unknown>> {
    const value = configObject(CONNECTIONS_KEY);
    if (value === undefined) {
        return {};
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new Error(`"${CONNECTIONS_KEY}" must be a map of connection names to {server, user, password, …}`);
    }
    return value as Record<string, Record<string, unknown>>;
}

function caFileContents(caFile: string | undefined): string | undefined {
    return caFile ? fs.readFileSync(caFile, "utf8") : undefined;
}

/** The settings of the named connection in `vsphere-openstack:connections`, read as the component and the render read it. */
function namedSettings(name: string): VSphereSettings {
    const connections = vsphereConnections();
    const entry = connections[name];
    if (entry === undefined) {
        throw new Error(unknownConnection(name, Object.keys(connections)));
    }
    const { connection, problems } = readConnection(name, entry);
    if (!connection) {
        throw new Error(problems.join("; "));
    }
    return {
        url: connection.url,
        user: connection.user,
        password: connection.password,
        allowUnverifiedSsl: connection.allowUnverifiedSsl,
        ca: caFileContents(connection.caFile),
    };
}

/** The settings of the named connection, or without a name those of `vsphere:*` and the environment. */
export function vsphereSettings(connection?: string): VSphereSettings {
    if (connection !== undefined) {
        return namedSettings(connection);
    }
    return {
        url: sdkUrl(requiredSetting("The vCenter server", ...DEFAULT_SETTINGS.server)),
        user: requiredSetting("The vCenter user", ...DEFAULT_SETTINGS.user),
        password: requiredSetting("The vCenter password", ...DEFAULT_SETTINGS.password),
        allowUnverifiedSsl: booleanSetting(...DEFAULT_SETTINGS.allowUnverifiedSsl) ?? false,
        ca: caFileContents(setting(...DEFAULT_SETTINGS.caFile)),
    };
}

/**
 * Where a setting of a connection is set, as messages name it: `"vsphere-openstack:connections.site-a.user"` for the
 * connection `site-a`, `"vsphere:user" / VSPHERE_USER` for the default connection (no name).
 */
function settingName(connection: string | undefined, field: Setting): string {
    if (connection !== undefined) {
        return `"${connectionKey(connection, field)}"`;
    }
    const [key, env] = DEFAULT_SETTINGS[field];
    return `"${key}" / ${env}`;
}

/** How messages name a connection: by its name in `vsphere-openstack:connections`, or as the default one; with its URL. */
function connectionSubject(connection: string | undefined, url: string): string {
    return connection === undefined
        ? `the default vCenter connection (${url}, from ${settingName(undefined, "server")})`
        : `the vCenter connection "${connection}" (${url})`;
}

/** The message for a login the vCenter refused: the connection, its URL and user, and the settings to check. */
export function loginRefused(connection: string | undefined, url: string, user: string, fault: string): string {
    return (
        `${connectionSubject(connection, url)} refused the login of user "${user}" (${fault}): check the user ` +
        `and password in ${settingName(connection, "user")} and ${settingName(connection, "password")}`
    );
}

/** The message for a vCenter certificate that failed verification; undefined for any other failure. */
export function vcenterCertificateFailure(
    connection: string | undefined,
    url: string,
    failure: ConnectionFailure,
): string | undefined {
    return certificateFailure(connectionSubject(connection, url), new URL(url), failure, {
        server: settingName(connection, "server"),
        caFile: settingName(connection, "caFile"),
        unverified: `${settingName(connection, "allowUnverifiedSsl")} to true`,
    });
}

const clients = new Map<string, VimClient>();

/** The connection the current provider call works on (set by {@link onConnection}). */
const currentConnection = new AsyncLocalStorage<string | undefined>();

/**
 * The SOAP transport of a client: a login the vCenter refuses and a certificate that fails verification are
 * errors naming the connection of the call (connections with the same settings share a client), its URL (and
 * user) and the settings that fix them.
 */
class ConnectionTransport extends SoapTransport {
    constructor(private readonly settings: Pick<VSphereSettings, "url" | "user" | "ca" | "allowUnverifiedSsl">) {
        super({ url: settings.url, ca: settings.ca, insecure: settings.allowUnverifiedSsl });
    }

    override async call(method: string, args: SoapObject) {
        try {
            return await super.call(method, args);
        } catch (err) {
            throw this.explained(method, err);
        }
    }

    private explained(method: string, err: unknown): unknown {
        const { url, user } = this.settings;
        const connection = currentConnection.getStore();
        if (method === "Login" && isFault(err, "InvalidLogin")) {
            const fault = [err.faultType, err.serverMessage].filter(Boolean).join(": ");
            return new VSphereError(loginRefused(connection, url, user, fault), { cause: err });
        }
        const cause = err instanceof VSphereError ? err.cause : undefined;
        const message = cause instanceof Error ? vcenterCertificateFailure(connection, url, cause) : undefined;
        return message ? new VSphereError(message, { cause: err }) : err;
    }
}

/**
 * The process-wide client of the current call's vCenter connection: one vCenter session per vCenter and user,
 * shared by every resource.
 */
export function vsphereClient(): VimClient {
    const s = vsphereSettings(currentConnection.getStore());
    const key = settingsKey(s);
    let client = clients.get(key);
    if (!client) {
        const { password, ...settings } = s;
        client = new VimClient(new ConnectionTransport(settings), { userName: s.user, password });
        clients.set(key, client);
    }
    return client;
}

/** The process-wide client of the named connection of `vsphere:connections` (see {@link vsphereClient}). */
export function connectionClient(connection: string): VimClient {
    return currentConnection.run(connection, vsphereClient);
}

/** What every vSphere resource takes and keeps to name its vCenter. */
export interface ConnectionInputs {
    connection?: string;
}

/** Checks a connection name; once the provider is configured, also that the stack config has it. */
function checkConnection(c: InputChecker, connection: unknown, configured: string[] | undefined): void {
    c.name("connection", connection, MAX_CONNECTION_NAME, false);
    if (typeof connection === "string" && configured !== undefined && !configured.includes(connection)) {
        c.fail("connection", unknownConnection(connection, configured));
    }
}

type Provider<I, O> = Required<pulumi.dynamic.ResourceProvider<I, O>>;

/**
 * A vSphere resource provider that works on the vCenter named by the resource's `connection`: every call
 * (check and diff included) runs with that connection's client, the name is kept in the state, and changing it replaces the resource (it names
 * another vCenter). Without `connection`, the default connection is used.
 */
export function onConnection<I extends object, O extends object>(
    p: Provider<I, O>,
): Provider<I & ConnectionInputs, O & ConnectionInputs> {
    const keep = <T extends object>(values: T, connection: string | undefined): T & ConnectionInputs =>
        connection === undefined ? values : { ...values, connection };
    return {
        configure: (req) => p.configure(req),
        async check(olds, news) {
            const result = await currentConnection.run(news.connection, () => p.check(olds, news));
            const c = new InputChecker();
            let configured: string[] | undefined;
            if (typeof news.connection === "string" && providersConfigured()) {
                configured = Object.keys(vsphereConnections());
            }
            checkConnection(c, news.connection, configured);
            const failures = [...(result.failures ?? []), ...c.failures];
            const inputs = keep(result.inputs ?? news, news.connection);
            return failures.length ? { inputs, failures } : { inputs };
        },
        async diff(id, olds, news) {
            const result = await currentConnection.run(news.connection, () => p.diff(id, olds, news));
            if (sameValue(olds.connection, news.connection)) {
                return result;
            }
            return { ...result, changes: true, replaces: [...(result.replaces ?? []), "connection"] };
        },
        async create(inputs) {
            const result = await currentConnection.run(inputs.connection, () => p.create(inputs));
            return { ...result, outs: keep(result.outs ?? {}, inputs.connection) as O };
        },
        async read(id, props) {
            const result = await currentConnection.run(props?.connection, () => p.read(id, props));
            return result.id ? { ...result, props: keep(result.props ?? {}, props?.connection) as O } : result;
        },
        async update(id, olds, news) {
            const result = await currentConnection.run(news.connection, () => p.update(id, olds, news));
            return { ...result, outs: keep(result.outs ?? {}, news.connection) as O };
        },
        delete: (id, props) => currentConnection.run(props.connection, () => p.delete(id, props)),
    };
}
