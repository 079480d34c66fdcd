/**
 * The root program's stack config, read and checked against its JSON Schema (`stack-config.schema.json`) before
 * anything is built: a value of the wrong type (`hosts: esx-1` where a list belongs), a misspelt or missing key,
 * a value outside its enumeration fails naming the config path (`vsphere-openstack:vcenters[0].clusters[0].hosts`)
 * and what the schema expects there. What the types cannot say (VLANs in range, names vSphere can hold, …) the
 * component checks next. No message repeats a value of `vsphere-openstack:connections`, which holds passwords.
 */
import * as fs from "node:fs";
import Ajv, { ErrorObject } from "ajv";
import { CONNECTIONS_KEY } from "../model/configKeys";
import { SCHEMA_FILE } from "./schema";

/** One problem of the stack config: its config path, and what the schema expects there. */
export interface ConfigFailure {
    path: string;
    reason: string;
}

interface PropertySchema {
    type?: string;
}

const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8")) as {
    properties: { config: { properties: Record<string, PropertySchema> } };
};
const validate = new Ajv({ allErrors: true, verbose: true }).compile(schema);

/** The config keys the schema types: the program's and the vCenter connections. */
export const CONFIG_KEYS = Object.keys(schema.properties.config.properties);

/** Where a value of the connections' map is: its values are never shown. */
const SECRET_KEY = CONNECTIONS_KEY;

const TYPE_NAMES: Record<string, string> = {
    array: "a list",
    object: "a map of fields",
    string: "a string",
    number: "a number",
    integer: "an integer",
    boolean: "true or false",
};

function typeOf(value: unknown): string {
    if (Array.isArray(value)) {
        return "a list";
    }
    if (value === null) {
        return "null";
    }
    return TYPE_NAMES[typeof value] ?? typeof value;
}

/** `/config/vsphere-openstack:vcenters/0/clusters/0/hosts` as `vsphere-openstack:vcenters[0].clusters[0].hosts`. */
function configPath(instancePath: string): string {
    const [, , key, ...rest] = instancePath.split("/");
    const unescape = (s: string) => s.replace(/~1/g, "/").replace(/~0/g, "~");
    return unescape(key ?? "") + rest.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${unescape(p)}`)).join("");
}

/** An error of the schema as a failure; undefined for one that another error of the same value says better. */
function asFailure(e: ErrorObject): ConfigFailure | undefined {
    const path = configPath(e.instancePath);
    const shown = !path.startsWith(SECRET_KEY);
    switch (e.keyword) {
        case "type": {
            const expected = String(e.params.type)
                .split(",")
                .map((t) => TYPE_NAMES[t] ?? t)
                .join(" or ");
            const item = (e.parentSchema as { items?: { $ref?: string; type?: string } }).items;
            const of = item?.$ref
                ? ` of ${item.$ref.slice(item.$ref.lastIndexOf("/") + 1)}`
                : item?.type
                  ? ` of ${item.type}s`
                  : "";
            const given = shown ? `${typeOf(e.data)} ${JSON.stringify(e.data)}` : typeOf(e.data);
            return { path, reason: `must be ${expected}${of}, not ${given}` };
        }
        case "required":
            return {
                path: path ? `${path}.${e.params.missingProperty}` : e.params.missingProperty,
                reason: "is required",
            };
        case "additionalProperties": {
            const fields = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
            return {
                path: path ? `${path}.${e.params.additionalProperty}` : e.params.additionalProperty,
                reason: `is not a field here: it takes ${fields.join(", ")}`,
            };
        }
        case "enum": {
            const allowed = (e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ");
            return { path, reason: `must be one of ${allowed}${shown ? `, not ${JSON.stringify(e.data)}` : ""}` };
        }
        case "anyOf":
            // A secret's branches (a string, or {secure}): each branch's own error says the same.
            return undefined;
        default:
            return { path, reason: e.message ?? e.keyword };
    }
}

/**
 * The stack config's values of the keys the schema types, each as the program reads it (JSON text parsed, a
 * string key's text as it is), and every way they do not match the schema.
 */
export function readStackConfig(get: (key: string) => string | undefined): {
    config: Record<string, unknown>;
    failures: ConfigFailure[];
} {
    const config: Record<string, unknown> = {};
    for (const key of CONFIG_KEYS) {
        const raw = get(key);
        if (raw !== undefined) {
            config[key] = schema.properties.config.properties[key].type === "string" ? raw : parsed(raw);
        }
    }
    validate({ config });
    const failures = (validate.errors ?? []).flatMap((e) => asFailure(e) ?? []);
    // A secret whose branches both failed is one problem: the string branch says it.
    const unique = failures.filter((f, i) => failures.findIndex((g) => g.path === f.path) === i);
    return { config, failures: unique };
}

/** A structured value's JSON text parsed; text that is no JSON (a bare YAML scalar) as the string it is. */
function parsed(raw: string): unknown {
    try {
        return JSON.parse(raw);
    } catch {
        return raw;
    }
}
