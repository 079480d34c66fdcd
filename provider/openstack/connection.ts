/**
 * The OpenStack connection of a provider process: settings from the stack config (`openstack:*`), a
 * clouds.yaml cloud (`openstack:cloud` / `OS_CLOUD`), or the `OS_*` environment; one Keystone session per
 * process, shared by every resource.
 */
import * as fs from "node:fs";
import { parseBoolean } from "../../model/connection";
import { configValue, envValue, missingSetting, setting, settingsKey } from "../config";
import { CloudEntry, loadCloud } from "./client/clouds";
import { AuthOptions, EndpointInterface, KeystoneSession } from "./client/keystone";

const INTERFACES: EndpointInterface[] = ["public", "internal", "admin"];

/**
 * Builds the authentication options. Each value comes from the stack config (`openstack:<key>`), else the
 * clouds.yaml cloud named by `openstack:cloud` / `OS_CLOUD`, else the `OS_*` environment.
 */
export function openstackAuthOptions(): AuthOptions {
    const cloudName = setting("openstack:cloud", "OS_CLOUD");
    const cloud: CloudEntry = cloudName ? loadCloud(cloudName) : {};
    const auth = cloud.auth ?? {};
    const pick = (key: string, cloudValue: string | undefined, ...env: string[]) =>
        configValue(`openstack:${key}`) ?? cloudValue ?? envValue(...env);
    const need = (what: string, key: string, cloudValue: string | undefined, ...env: string[]) => {
        const value = pick(key, cloudValue, ...env);
        if (value === undefined) {
            throw missingSetting(
                what,
                `openstack:${key}`,
                "a clouds.yaml cloud (openstack:cloud / OS_CLOUD)",
                env.join(" / "),
            );
        }
        return value;
    };

    const iface = pick("interface", cloud.interface, "OS_INTERFACE") ?? "public";
    if (!INTERFACES.includes(iface as EndpointInterface)) {
        throw new Error(`openstack:interface must be one of ${INTERFACES.join(", ")}, not "${iface}"`);
    }
    const authUrl = need("The Keystone URL", "authUrl", auth.auth_url, "OS_AUTH_URL");
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
            "a clouds.yaml cloud (openstack:cloud / OS_CLOUD)",
            "OS_PASSWORD / OS_APPLICATION_CREDENTIAL_SECRET",
        );
    }
    const caFile = pick("caFile", cloud.cacert, "OS_CACERT");
    const verify = cloud.verify === undefined ? undefined : String(!cloud.verify);
    return {
        authUrl,
        userName: pick("userName", auth.username, "OS_USERNAME"),
        userId: pick("userId", auth.user_id, "OS_USER_ID"),
        password,
        userDomainName: pick("userDomainName", auth.user_domain_name, "OS_USER_DOMAIN_NAME"),
        userDomainId: pick("userDomainId", auth.user_domain_id, "OS_USER_DOMAIN_ID"),
        applicationCredentialId: pick(
            "applicationCredentialId",
            auth.application_credential_id,
            "OS_APPLICATION_CREDENTIAL_ID",
        ),
        applicationCredentialName: pick(
            "applicationCredentialName",
            auth.application_credential_name,
            "OS_APPLICATION_CREDENTIAL_NAME",
        ),
        applicationCredentialSecret: appSecret,
        projectName: pick("projectName", auth.project_name, "OS_PROJECT_NAME"),
        projectId: pick("projectId", auth.project_id, "OS_PROJECT_ID"),
        projectDomainName: pick("projectDomainName", auth.project_domain_name, "OS_PROJECT_DOMAIN_NAME"),
        projectDomainId: pick("projectDomainId", auth.project_domain_id, "OS_PROJECT_DOMAIN_ID"),
        domainName: pick("domainName", auth.domain_name, "OS_DOMAIN_NAME"),
        domainId: pick("domainId", auth.domain_id, "OS_DOMAIN_ID"),
        region: pick("region", cloud.region_name, "OS_REGION_NAME"),
        interface: iface as EndpointInterface,
        ca: caFile ? fs.readFileSync(caFile, "utf8") : undefined,
        insecure: parseBoolean("openstack:insecure", pick("insecure", verify, "OS_INSECURE")) ?? false,
    };
}

const sessions = new Map<string, KeystoneSession>();

/** The process-wide Keystone session for the configured settings: one token for every resource. */
export function openstackSession(): KeystoneSession {
    const options = openstackAuthOptions();
    const key = settingsKey(options);
    let session = sessions.get(key);
    if (!session) {
        session = new KeystoneSession(options);
        sessions.set(key, session);
    }
    return session;
}
