/**
 * Where providers read their connection settings: the stack configuration handed to `configure` by the Pulumi
 * engine, falling back to the conventional environment variables. Credentials never travel as resource inputs,
 * so they are neither serialized with the provider nor stored in the stack's state.
 */
import type * as pulumi from "@pulumi/pulumi";

/** The part of the dynamic-provider `Config` this library reads. */
export type ConfigSource = Pick<pulumi.dynamic.Config, "get">;

let stackConfig: ConfigSource | undefined;

/** Called from every provider's `configure`: remembers the stack configuration for this process. */
export function configureProviders(config: ConfigSource): void {
    stackConfig = config;
}

/** A setting from the stack config key (e.g. `vsphere:server`), else from the first set environment variable. */
export function setting(key: string, ...envNames: string[]): string | undefined {
    const fromConfig = stackConfig?.get(key);
    if (fromConfig !== undefined && fromConfig !== "") {
        return fromConfig;
    }
    for (const name of envNames) {
        const value = process.env[name];
        if (value !== undefined && value !== "") {
            return value;
        }
    }
    return undefined;
}

/** Like {@link setting}, but fails with a message saying where the value may be set. */
export function requiredSetting(what: string, key: string, ...envNames: string[]): string {
    const value = setting(key, ...envNames);
    if (value === undefined) {
        const env = envNames.length ? ` or the environment variable ${envNames.join(" / ")}` : "";
        throw new Error(`${what} is not configured: set the stack config "${key}"${env}`);
    }
    return value;
}

/** A boolean setting: "true"/"1"/"yes" are true, "false"/"0"/"no" false; anything else is an error. */
export function booleanSetting(key: string, ...envNames: string[]): boolean | undefined {
    const value = setting(key, ...envNames);
    if (value === undefined) {
        return undefined;
    }
    const lower = value.toLowerCase();
    if (["true", "1", "yes"].includes(lower)) {
        return true;
    }
    if (["false", "0", "no"].includes(lower)) {
        return false;
    }
    throw new Error(`"${key}" must be true or false, not "${value}"`);
}
