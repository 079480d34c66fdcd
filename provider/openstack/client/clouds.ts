/**
 * clouds.yaml: the OpenStack client configuration file. Looked up where the OpenStack SDK looks: the file named
 * by `OS_CLIENT_CONFIG_FILE`, then `./clouds.yaml`, `~/.config/openstack/clouds.yaml`,
 * `/etc/openstack/clouds.yaml`.
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

export function cloudsYamlCandidates(): string[] {
    const explicit = process.env.OS_CLIENT_CONFIG_FILE;
    return [
        ...(explicit ? [explicit] : []),
        path.resolve("clouds.yaml"),
        path.join(os.homedir(), ".config", "openstack", "clouds.yaml"),
        "/etc/openstack/clouds.yaml",
    ];
}

/** The named cloud from the first clouds.yaml found; fails naming the files searched or the clouds offered. */
export function loadCloud(name: string): CloudEntry {
    const candidates = cloudsYamlCandidates();
    const file = candidates.find((f) => fs.existsSync(f));
    if (!file) {
        throw new Error(
            `OpenStack cloud "${name}" requested but no clouds.yaml found (looked in ${candidates.join(", ")})`,
        );
    }
    const doc = parse(fs.readFileSync(file, "utf8")) as { clouds?: Record<string, CloudEntry> } | null;
    const cloud = doc?.clouds?.[name];
    if (!cloud) {
        const offered = Object.keys(doc?.clouds ?? {}).join(", ") || "none";
        throw new Error(`OpenStack cloud "${name}" is not in ${file} (clouds there: ${offered})`);
    }
    return cloud;
}
