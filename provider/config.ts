/**
 * Where providers read their connection settings: the stack configuration handed to `configure` by the Pulumi
 * engine, falling back to the conventional environment variables. Credentials never travel as resource inputs,
 * so they are neither serialized with the provider nor stored in the stack's state.
 */
import * as crypto from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { renamedValue } from "../model/configKeys";
import { parseBoolean } from "../model/connection";

/** The part of the dynamic-provider `Config` this library reads. */
export type ConfigSource = Pick<pulumi.dynamic.Config, "get">;

let stackConfig: ConfigSource | undefined;

/** Called from every provider's `configure`: remembers the stack configuration for this process. */
export function configureProviders(config: ConfigSource): void {
    stackConfig = config;
}

/** True once `configure` has handed the stack configuration to this process's providers. */
export function providersConfigured(): boolean {
    return stackConfig !== undefined;
}

/**
 * A structured value of the stack configuration (a map or list, e.g. set with `pulumi config set --path`). The
 * engine hands it to providers as JSON text, with the secrets inside it decrypted.
 */
export function configObject(key: string): unknown {
    const value = configValue(key);
    if (value === undefined) {
        return undefined;
    }
    try {
        return JSON.parse(value);
    } catch {
        throw new Error(`the stack config "${key}" must be a map (JSON), not ${JSON.stringify(value.slice(0, 40))}`);
    }
}

/**
 * A value of the stack configuration (e.g. `vsphere:vsphereServer`), else that of the key of an earlier release
 * it replaces; empty counts as unset.
 */
export function configValue(key: string): string | undefined {
    return renamedValue((k) => stackConfig?.get(k), key);
}

/** The value of the first of the environment variables that is set and not empty. */
export function envValue(...names: string[]): string | undefined {
    return names.map((name) => process.env[name]).find((value) => value !== undefined && value !== "");
}

/** A setting from the stack config key (e.g. `vsphere:vsphereServer`), else from the first set environment variable. */
export function setting(key: string, ...envNames: string[]): string | undefined {
    return configValue(key) ?? envValue(...envNames);
}

/** The error for a setting that has no value: it says where the value may be set. */
export function missingSetting(what: string, key: string, ...sources: string[]): Error {
    return new Error(
        `${what} is not configured: set the stack config "${key}"${sources.map((s) => ` or ${s}`).join("")}`,
    );
}

/** Like {@link setting}, but fails with a message saying where the value may be set. */
export function requiredSetting(what: string, key: string, ...envNames: string[]): string {
    const value = setting(key, ...envNames);
    if (value === undefined) {
        throw missingSetting(
            what,
            key,
            ...(envNames.length ? [`the environment variable ${envNames.join(" / ")}`] : []),
        );
    }
    return value;
}

/** A boolean setting from the stack config key, else the environment. */
export function booleanSetting(key: string, ...envNames: string[]): boolean | undefined {
    return parseBoolean(key, setting(key, ...envNames));
}

/**
 * A key for caching a client by all of its settings (credentials and TLS included), so that changed settings
 * get a new client; a digest, so that the cache holds no copy of the secrets.
 */
export function settingsKey(settings: object): string {
    return crypto.createHash("sha256").update(JSON.stringify(settings)).digest("hex");
}
