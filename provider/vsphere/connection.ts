/**
 * The vCenter connection of a provider process: settings from the stack config (`vsphere:*`) or the
 * environment (`VSPHERE_*`), and one logged-in client per vCenter and user for the whole process.
 */
import * as fs from "node:fs";
import { booleanSetting, requiredSetting, setting, settingsKey } from "../config";
import { VimClient } from "./client/client";
import { SoapTransport } from "./client/transport";

export interface VSphereSettings {
    /** The SDK URL, derived from `vsphere:server` (a host, host:port or URL). */
    url: string;
    user: string;
    password: string;
    allowUnverifiedSsl: boolean;
    /** PEM CA bundle read from `vsphere:caFile`. */
    ca?: string;
}

/** The SDK URL for a server given as host, host:port, or URL (a URL without a path gets `/sdk`). */
export function sdkUrl(server: string): string {
    const url = new URL(/^[a-z]+:\/\//i.test(server) ? server : `https://${server}`);
    if (url.pathname === "/" || url.pathname === "") {
        url.pathname = "/sdk";
    }
    return url.href;
}

export function vsphereSettings(): VSphereSettings {
    const caFile = setting("vsphere:caFile", "VSPHERE_CA_FILE");
    return {
        url: sdkUrl(requiredSetting("The vCenter server", "vsphere:server", "VSPHERE_SERVER")),
        user: requiredSetting("The vCenter user", "vsphere:user", "VSPHERE_USER"),
        password: requiredSetting("The vCenter password", "vsphere:password", "VSPHERE_PASSWORD"),
        allowUnverifiedSsl: booleanSetting("vsphere:allowUnverifiedSsl", "VSPHERE_ALLOW_UNVERIFIED_SSL") ?? false,
        ca: caFile ? fs.readFileSync(caFile, "utf8") : undefined,
    };
}

const clients = new Map<string, VimClient>();

/** The process-wide client for the configured settings: one vCenter session, shared by every resource. */
export function vsphereClient(): VimClient {
    const s = vsphereSettings();
    const key = settingsKey(s);
    let client = clients.get(key);
    if (!client) {
        client = new VimClient(new SoapTransport({ url: s.url, ca: s.ca, insecure: s.allowUnverifiedSsl }), {
            userName: s.user,
            password: s.password,
        });
        clients.set(key, client);
    }
    return client;
}
