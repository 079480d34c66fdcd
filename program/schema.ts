/**
 * The JSON Schema of the root program's stack files (`Pulumi.<stack>.yaml`), generated from the spec's
 * TypeScript types and their TSDoc, so that editors complete and check the configuration with the same names,
 * types and descriptions. `npm run schema` writes it to `program/stack-config.schema.json`; a test checks that
 * the committed file is current.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { createGenerator } from "ts-json-schema-generator";
import { CONNECTIONS_KEY, NAMESPACE } from "../model/configKeys";

export const SCHEMA_FILE = path.join(__dirname, "stack-config.schema.json");

/** The project's config namespace: the root program's project is named after the package. */
const PROJECT = NAMESPACE;

/** A value a stack file may hold encrypted: the plain value, or `{secure: <ciphertext>}`. */
const SECURE = { type: "object", properties: { secure: { type: "string" } }, required: ["secure"] };

export function stackConfigSchema(): object {
    const spec = createGenerator({
        path: path.join(__dirname, "..", "sdk", "stack", "spec.ts"),
        tsconfig: path.join(__dirname, "..", "tsconfig.build.json"),
        type: "OpenStackOnVSphereSpec",
        skipTypeCheck: true,
    }).createSchema("OpenStackOnVSphereSpec");
    const definitions = spec.definitions as Record<string, { properties: Record<string, object> }>;
    const root = definitions.OpenStackOnVSphereSpec.properties;
    const connection = {
        type: "object",
        description: "A vCenter connection, named by a vCenter of vsphere-openstack:vcenters.",
        properties: {
            server: { type: "string", description: "The vCenter: a host, host:port or URL." },
            user: { type: "string", description: "The vCenter user, e.g. openstack@vsphere.local." },
            password: { anyOf: [{ type: "string" }, SECURE], description: "The user's password (set it --secret)." },
            hostPassword: {
                anyOf: [{ type: "string" }, SECURE],
                description: "The ESXi hosts' root password, to add them (set it --secret).",
            },
            caFile: { type: "string", description: "A PEM CA bundle that verifies the vCenter's certificate." },
            allowUnverifiedSsl: { type: "boolean", description: "Skip verifying the certificate. Defaults to false." },
        },
        required: ["server", "user", "password"],
        additionalProperties: false,
    };
    return {
        $schema: "http://json-schema.org/draft-07/schema#",
        title: "vsphere-openstack stack configuration (Pulumi.<stack>.yaml of the root program)",
        type: "object",
        properties: {
            secretsprovider: { type: "string" },
            encryptedkey: { type: "string" },
            encryptionsalt: { type: "string" },
            config: {
                type: "object",
                properties: {
                    [`${PROJECT}:name`]: {
                        type: "string",
                        description: "The component's name, the prefix of every resource name. Defaults to openstack.",
                    },
                    [`${PROJECT}:vcenters`]: root.vcenters,
                    [`${PROJECT}:network`]: root.network,
                    [`${PROJECT}:networks`]: root.networks,
                    [`${PROJECT}:flavors`]: root.flavors,
                    [`${PROJECT}:adopt`]: root.adopt,
                    [CONNECTIONS_KEY]: {
                        type: "object",
                        description: "The vCenter connections by name (pulumi config set --path).",
                        additionalProperties: connection,
                    },
                },
                required: [`${PROJECT}:vcenters`, `${PROJECT}:network`],
            },
        },
        definitions: Object.fromEntries(
            Object.entries(definitions).filter(([name]) => name !== "OpenStackOnVSphereSpec"),
        ),
    };
}

if (require.main === module) {
    fs.writeFileSync(SCHEMA_FILE, `${JSON.stringify(stackConfigSchema(), null, 2)}\n`);
    console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}
