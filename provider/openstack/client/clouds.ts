/**
 * clouds.yaml: the OpenStack client configuration file, and secure.yaml beside it for the secrets. Looked up
 * where the OpenStack SDK looks: the file named by `OS_CLIENT_CONFIG_FILE` (`OS_CLIENT_SECURE_FILE`), then
 * `./clouds.yaml`, `~/.config/openstack/clouds.yaml`, `/etc/openstack/clouds.yaml` (likewise secure.yaml).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";

export interface CloudEntry {
    auth?: Record<string, string | undefined>;
    region_name?: string;
    interface?: string;
    cacert?: string;
    verify?: boolean;
    identity_api_version?: string | number;
}

function candidates(fileName: string, envName: string): string[] {
    const explicit = process.env[envName];
    return [
        ...(explicit ? [explicit] : []),
        path.resolve(fileName),
        path.join(os.homedir(), ".config", "openstack", fileName),
        path.join("/etc/openstack", fileName),
    ];
}

function readClouds(file: string): Record<string, CloudEntry> {
    const doc = parse(fs.readFileSync(file, "utf8")) as { clouds?: Record<string, CloudEntry> } | null;
    return doc?.clouds ?? {};
}

/** `secure` laid over `base`, key by key, objects merged (as the OpenStack SDK merges secure.yaml). */
function overlay<T extends object>(base: T, secure: object): T {
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [key, value] of Object.entries(secure)) {
        const current = out[key];
        out[key] =
            value && typeof value === "object" && current && typeof current === "object"
                ? overlay(current, value)
                : value;
    }
    return out as T;
}

/**
 * The named cloud from the first clouds.yaml found, with the same cloud of the first secure.yaml found laid
 * over it; fails naming the files searched or the clouds offered.
 */
export function loadCloud(name: string): CloudEntry {
    const searched = candidates("clouds.yaml", "OS_CLIENT_CONFIG_FILE");
    const file = searched.find((f) => fs.existsSync(f));
    if (!file) {
        throw new Error(
            `OpenStack cloud "${name}" requested but no clouds.yaml found (looked in ${searched.join(", ")})`,
        );
    }
    const clouds = readClouds(file);
    const cloud = clouds[name];
    if (!cloud) {
        const offered = Object.keys(clouds).join(", ") || "none";
        throw new Error(`OpenStack cloud "${name}" is not in ${file} (clouds there: ${offered})`);
    }
    const secureFile = candidates("secure.yaml", "OS_CLIENT_SECURE_FILE").find((f) => fs.existsSync(f));
    const secure = secureFile ? readClouds(secureFile)[name] : undefined;
    return secure ? overlay(cloud, secure) : cloud;
}
