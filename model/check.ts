/**
 * Input validation for `check`, run at preview before any API call. Each failure names the field and what is
 * allowed. Values not known yet during preview are skipped; they are checked again at update time.
 */
import type * as pulumi from "@pulumi/pulumi";
import { UNKNOWN } from "./diff";

/** True when an input is present and known (an input not known yet during preview is skipped by the checks). */
export function isKnown(value: unknown): boolean {
    return value !== undefined && value !== null && value !== UNKNOWN;
}

function hasControlCharacter(text: string): boolean {
    return [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
}

export class InputChecker {
    readonly failures: pulumi.dynamic.CheckFailure[] = [];

    fail(property: string, reason: string): void {
        this.failures.push({ property, reason });
    }

    /** A name: a non-empty string of at most `maxLength` characters without control characters. */
    name(property: string, value: unknown, maxLength: number, required = true): void {
        if (!isKnown(value)) {
            if (required && value !== UNKNOWN) {
                this.fail(property, `${property} is required: a non-empty string of at most ${maxLength} characters`);
            }
            return;
        }
        if (
            typeof value !== "string" ||
            value.trim() === "" ||
            value.length > maxLength ||
            hasControlCharacter(value)
        ) {
            this.fail(
                property,
                `${property} must be a non-empty string of at most ${maxLength} characters without control characters, not ${JSON.stringify(value)}`,
            );
        }
    }

    /** An optional string. */
    string(property: string, value: unknown, maxLength = 65535): void {
        if (isKnown(value) && (typeof value !== "string" || value.length > maxLength)) {
            this.fail(
                property,
                `${property} must be a string of at most ${maxLength} characters, not ${JSON.stringify(value)}`,
            );
        }
    }

    /** An integer in [min, max]. */
    integer(property: string, value: unknown, min: number, max: number, required: boolean): void {
        if (!isKnown(value)) {
            if (required && value !== UNKNOWN) {
                this.fail(property, `${property} is required: an integer from ${min} to ${max}`);
            }
            return;
        }
        if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
            this.fail(property, `${property} must be an integer from ${min} to ${max}, not ${JSON.stringify(value)}`);
        }
    }

    /** A number in [min, max]. */
    number(property: string, value: unknown, min: number, max: number): void {
        if (isKnown(value) && (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max)) {
            this.fail(property, `${property} must be a number from ${min} to ${max}, not ${JSON.stringify(value)}`);
        }
    }

    boolean(property: string, value: unknown): void {
        if (isKnown(value) && typeof value !== "boolean") {
            this.fail(property, `${property} must be true or false, not ${JSON.stringify(value)}`);
        }
    }

    /** A map of string keys to string values. */
    stringMap(property: string, value: unknown): value is Record<string, unknown> {
        if (!isKnown(value)) {
            return false;
        }
        if (typeof value !== "object" || Array.isArray(value)) {
            this.fail(property, `${property} must be a map of strings to strings, not ${JSON.stringify(value)}`);
            return false;
        }
        for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
            if (v !== UNKNOWN && typeof v !== "string") {
                this.fail(`${property}.${key}`, `${property}["${key}"] must be a string, not ${JSON.stringify(v)}`);
            }
        }
        return true;
    }

    /** A list of non-empty strings; true when it is present and a list. */
    stringList(property: string, value: unknown): value is string[] {
        if (!isKnown(value)) {
            return false;
        }
        if (!Array.isArray(value)) {
            this.fail(property, `${property} must be a list of strings, not ${JSON.stringify(value)}`);
            return false;
        }
        value.forEach((item, i) => {
            if (item !== UNKNOWN && (typeof item !== "string" || item === "")) {
                this.fail(
                    `${property}[${i}]`,
                    `${property}[${i}] must be a non-empty string, not ${JSON.stringify(item)}`,
                );
            }
        });
        return true;
    }

    /** An optional value that must be one of `allowed`. */
    oneOf(property: string, value: unknown, allowed: readonly string[]): void {
        if (isKnown(value) && !allowed.includes(value as string)) {
            const choices = allowed.map((a) => JSON.stringify(a)).join(", ");
            this.fail(property, `${property} must be one of ${choices}, not ${JSON.stringify(value)}`);
        }
    }

    /**
     * An optional object of the fields in `checks`: runs each field's check, and fails on a field it does not
     * have. Returns the object when it is one, else undefined.
     */
    settings(
        field: string,
        value: unknown,
        checks: Record<string, (property: string, v: unknown) => void>,
    ): Record<string, unknown> | undefined {
        if (!isKnown(value)) {
            return undefined;
        }
        const fields = Object.keys(checks);
        if (typeof value !== "object" || Array.isArray(value)) {
            this.fail(field, `${field} must be an object with ${fields.join(", ")}, not ${JSON.stringify(value)}`);
            return undefined;
        }
        const settings = value as Record<string, unknown>;
        for (const key of Object.keys(settings)) {
            const check = checks[key];
            if (check) {
                check(`${field}.${key}`, settings[key]);
            } else {
                this.fail(`${field}.${key}`, `${field} has an unknown field "${key}": it takes ${fields.join(", ")}`);
            }
        }
        return settings;
    }

    /** The check result: the inputs to use, or the failures. */
    result<T>(inputs: T): pulumi.dynamic.CheckResult<T> {
        return this.failures.length ? { inputs, failures: this.failures } : { inputs };
    }
}
