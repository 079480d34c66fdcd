/**
 * The OpenStack connection of a provider process: settings from the stack config (`openstack:*`), a
 * clouds.yaml cloud (`openstack:cloud` / `OS_CLOUD`), or the `OS_*` environment; one Keystone session per
 * process, shared by every resource. A certificate that fails verification names the server and the settings that
 * fix it.
 */
import * as fs from "node:fs";
import { parseBoolean } from "../../model/connection";
import { configValue, envValue, missingSetting, setting, settingsKey } from "../config";
import { certificateFailure, ConnectionFailure } from "../tls";
import { CloudEntry, loadCloud } from "./client/clouds";
import { OpenStackError } from "./client/errors";
import { HttpResponse, RequestOptions } from "./client/http";
import { AuthOptions, EndpointInterface, KeystoneSession } from "./client/keystone";

const INTERFACES: EndpointInterface[] = ["public", "internal", "admin"];

/**
 * The identity settings taken as they are: the option, its stack config key (one `@pulumi/openstack` defines, with
 * the same meaning), its clouds.yaml `auth` key and its environment variables.
 */
const PLAIN_SETTINGS: [keyof AuthOptions & string, string, string, ...string[]][] = [
    ["userName", "userName", "username", "OS_USERNAME"],
    ["userId", "userId", "user_id", "OS_USER_ID"],
    ["userDomainName", "userDomainName", "user_domain_name", "OS_USER_DOMAIN_NAME"],
    ["userDomainId", "userDomainId", "user_domain_id", "OS_USER_DOMAIN_ID"],
    ["applicationCredentialId", "applicationCredentialId", "application_credential_id", "OS_APPLICATION_CREDENTIAL_ID"],
    [
        "applicationCredentialName",
        "applicationCredentialName",
        "application_credential_name",
        "OS_APPLICATION_CREDENTIAL_NAME",
    ],
    ["projectName", "tenantName", "project_name", "OS_PROJECT_NAME", "OS_TENANT_NAME"],
    ["projectId", "tenantId", "project_id", "OS_PROJECT_ID", "OS_TENANT_ID"],
    ["projectDomainName", "projectDomainName", "project_domain_name", "OS_PROJECT_DOMAIN_NAME"],
    ["projectDomainId", "projectDomainId", "project_domain_id", "OS_PROJECT_DOMAIN_ID"],
    ["domainName", "domainName", "domain_name", "OS_DOMAIN_NAME"],
    ["domainId", "domainId", "domain_id", "OS_DOMAIN_ID"],
];

/** Where a setting may come from, for messages. */
const CLOUD_SOURCE = "a clouds.yaml cloud (openstack:cloud / OS_CLOUD)";

/** Where the project of the token is set, for messages. */
const PROJECT_SETTING =
    '"openstack:tenantName" (with "openstack:projectDomainName") or "openstack:tenantId", project_name or ' +
    "project_id of the clouds.yaml cloud, or OS_PROJECT_NAME / OS_PROJECT_ID";

/**
 * The endpoint interface, which must be one Keystone's catalog has; `publicURL`, `internalURL` and `adminURL` are
 * taken too, as `@pulumi/openstack` takes them.
 */
function endpointInterface(value: string | undefined): EndpointInterface {
    const iface = (value ?? "public").replace(/URL$/, "");
    if (!INTERFACES.includes(iface as EndpointInterface)) {
        throw new Error(
            `"openstack:endpointType" must be one of ${INTERFACES.join(", ")} (or publicURL, internalURL, ` +
                `adminURL), not ${JSON.stringify(value)}`,
        );
    }
    return iface as EndpointInterface;
}

/** A CA bundle given as a file's path or, as `@pulumi/openstack` takes it too, as the PEM text itself. */
function caBundle(pathOrPem: string | undefined): string | undefined {
    if (pathOrPem === undefined) {
        return undefined;
    }
    return pathOrPem.trimStart().startsWith("-----BEGIN") ? pathOrPem : fs.readFileSync(pathOrPem, "utf8");
}

/**
 * Builds the authentication options. Each value comes from the stack config (`openstack:<key>`), else the
 * clouds.yaml cloud named by `openstack:cloud` / `OS_CLOUD`, else the `OS_*` environment.
 */
export function openstackAuthOptions(): AuthOptions {
    const cloudName = cloudInUse();
    const cloud: CloudEntry = cloudName ? loadCloud(cloudName) : {};
    const auth: Record<string, string | undefined> = cloud.auth ?? {};
    const pick = (key: string, cloudValue: string | undefined, ...env: string[]) =>
        configValue(`openstack:${key}`) ?? cloudValue ?? envValue(...env);

    const authUrl = pick("authUrl", auth.auth_url, "OS_AUTH_URL");
    if (authUrl === undefined) {
        throw missingSetting("The Keystone URL", "openstack:authUrl", CLOUD_SOURCE, "OS_AUTH_URL");
    }
    const password = pick("password", auth.password, "OS_PASSWORD");
    const appSecret = pick(
        "applicationCredentialSecret",
        auth.application_credential_secret,
        "OS_APPLICATION_CREDENTIAL_SECRET",
    );
    if (password === undefined && appSecret === undefined) {
        throw missingSetting(
            "The OpenStack password (or an application credential secret)",
            "openstack:password",
            "openstack:applicationCredentialSecret",
            CLOUD_SOURCE,
            "OS_PASSWORD / OS_APPLICATION_CREDENTIAL_SECRET",
        );
    }
    const verify = cloud.verify === undefined ? undefined : String(!cloud.verify);
    return {
        ...Object.fromEntries(
            PLAIN_SETTINGS.map(([option, key, cloudKey, ...env]) => [option, pick(key, auth[cloudKey], ...env)]),
        ),
        authUrl,
        password,
        applicationCredentialSecret: appSecret,
        region: pick("region", cloud.region_name, "OS_REGION_NAME"),
        interface: endpointInterface(pick("endpointType", cloud.interface, "OS_INTERFACE", "OS_ENDPOINT_TYPE")),
        ca: caBundle(pick("cacertFile", cloud.cacert, "OS_CACERT")),
        insecure: parseBoolean("openstack:insecure", pick("insecure", verify, "OS_INSECURE")) ?? false,
    };
}

/** The clouds.yaml cloud the settings are read from, if any. */
function cloudInUse(): string | undefined {
    return setting("openstack:cloud", "OS_CLOUD");
}

/**
 * Where an OpenStack setting is set, as messages name it: its stack config key, its key in the clouds.yaml cloud
 * in use, and its environment variable, in the order they are read.
 */
function settingName(key: string, cloudKey: string, env: string, cloud: string | undefined): string {
    return [`"openstack:${key}"`, ...(cloud ? [`${cloudKey} of the clouds.yaml cloud "${cloud}"`] : []), env].join(
        " / ",
    );
}

/**
 * The message for a certificate of Keystone at `authUrl`, or of a service endpoint of its catalog, that failed
 * verification when requesting `url`; undefined for any other failure. `cloud` is the clouds.yaml cloud in use.
 */
export function openstackCertificateFailure(
    cloud: string | undefined,
    authUrl: string,
    url: string,
    failure: ConnectionFailure,
): string | undefined {
    const target = new URL(url);
    const keystone = target.host === new URL(authUrl).host;
    const subject = keystone
        ? `Keystone (${authUrl}${cloud ? `, clouds.yaml cloud "${cloud}"` : ""})`
        : `the OpenStack endpoint ${target.origin} (from Keystone's catalog)`;
    return certificateFailure(subject, target, failure, {
        server: keystone ? settingName("authUrl", "auth.auth_url", "OS_AUTH_URL", cloud) : "its URL in the catalog",
        caFile: settingName("cacertFile", "cacert", "OS_CACERT", cloud),
        unverified:
            `"openstack:insecure" / OS_INSECURE to true` +
            (cloud ? ` (or verify: false in the clouds.yaml cloud "${cloud}")` : ""),
    });
}

/** The Keystone session of the settings: a certificate that fails verification names the settings that fix it. */
class ConnectionSession extends KeystoneSession {
    constructor(
        options: AuthOptions,
        private readonly cloud: string | undefined,
    ) {
        super(options);
    }

    /** The catalog URL of a service type; with an unscoped token, an error saying which setting scopes it. */
    override async endpoint(serviceType: string): Promise<string> {
        try {
            return await super.endpoint(serviceType);
        } catch (err) {
            if (err instanceof OpenStackError || (await this.scoped())) {
                throw err;
            }
            throw new Error(
                `the Keystone token of user "${this.options.userName ?? this.options.userId}" is unscoped (no ` +
                    `project was configured), so its catalog has no "${serviceType}" endpoint: set the project ` +
                    `with ${PROJECT_SETTING}`,
                { cause: err },
            );
        }
    }

    protected override async send(method: string, url: string, options: RequestOptions): Promise<HttpResponse> {
        try {
            return await super.send(method, url, options);
        } catch (err) {
            throw this.explained(url, err);
        }
    }

    private explained(url: string, err: unknown): unknown {
        if (!(err instanceof OpenStackError && err.status === 0)) {
            return err;
        }
        const failure = { code: err.errorType, message: err.serverMessage };
        const message = openstackCertificateFailure(this.cloud, this.options.authUrl, url, failure);
        return message ? new Error(message, { cause: err }) : err;
    }
}

const sessions = new Map<string, KeystoneSession>();

/** The process-wide Keystone session for the configured settings: one token for every resource. */
export function openstackSession(): KeystoneSession {
    const options = openstackAuthOptions();
    const cloud = cloudInUse();
    const key = settingsKey({ cloud, ...options });
    let session = sessions.get(key);
    if (!session) {
        session = new ConnectionSession(options, cloud);
        sessions.set(key, session);
    }
    return session;
}
