import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Lab } from "../../../../lab/lab";
import { configureProviders } from "../../../../provider/config";
import { openstackAuthOptions, openstackSession } from "../../../../provider/openstack/connection";
import { clearEnvironment } from "../../../support/environment";
import { configureProvidersForLab, sharedLab } from "../../../support/lab";

const OS_VARIABLES = [
    "OS_CLOUD",
    "OS_CLIENT_CONFIG_FILE",
    "OS_AUTH_URL",
    "OS_USERNAME",
    "OS_PASSWORD",
    "OS_PROJECT_NAME",
    "OS_REGION_NAME",
];

describe("OpenStack connection settings", () => {
    let lab: Lab;
    let restore: () => void;

    before(async () => {
        lab = await sharedLab();
    });

    beforeEach(() => {
        restore = clearEnvironment(OS_VARIABLES);
    });

    afterEach(() => {
        restore();
        configureProvidersForLab(lab);
    });

    function useConfig(values: Record<string, string>): void {
        configureProviders({ get: (key: string) => values[key] });
    }

    it("reads a clouds.yaml cloud named in the stack config", async () => {
        process.env.OS_CLIENT_CONFIG_FILE = lab.openstack.cloudsYaml;
        useConfig({ "openstack:cloud": "vso-demo" });
        const options = openstackAuthOptions();
        assert.equal(options.authUrl, lab.openstack.authUrl);
        assert.equal(options.userName, lab.openstack.demo.userName);
        assert.equal(options.projectName, lab.openstack.demo.projectName);
        assert.equal(options.password, lab.openstack.demo.password);
        assert.equal(await openstackSession().endpoint("network"), `http://127.0.0.1:${lab.openstack.ports.neutron}`);
    });

    it("lets the stack config override the cloud, and the cloud override OS_* variables", () => {
        process.env.OS_CLIENT_CONFIG_FILE = lab.openstack.cloudsYaml;
        process.env.OS_CLOUD = "vso-admin";
        process.env.OS_REGION_NAME = "FromEnvironment";
        process.env.OS_USERNAME = "from-environment";
        useConfig({ "openstack:region": "FromConfig" });
        const options = openstackAuthOptions();
        assert.equal(options.region, "FromConfig");
        assert.equal(options.userName, lab.openstack.admin.userName);
    });

    it("reads OS_* variables when no cloud is named", () => {
        Object.assign(process.env, {
            OS_AUTH_URL: lab.openstack.authUrl,
            OS_USERNAME: "someone",
            OS_PASSWORD: "secret-value",
            OS_PROJECT_NAME: "someproject",
        });
        useConfig({});
        const options = openstackAuthOptions();
        assert.deepEqual(
            [options.authUrl, options.userName, options.password, options.projectName, options.interface],
            [lab.openstack.authUrl, "someone", "secret-value", "someproject", "public"],
        );
    });

    it("says where a missing value may be set", () => {
        useConfig({});
        assert.throws(() => openstackAuthOptions(), {
            message:
                'The Keystone URL is not configured: set the stack config "openstack:authUrl" or a clouds.yaml cloud (openstack:cloud / OS_CLOUD) or OS_AUTH_URL',
        });
    });

    it("names the cloud that is missing and the clouds offered", () => {
        process.env.OS_CLIENT_CONFIG_FILE = lab.openstack.cloudsYaml;
        useConfig({ "openstack:cloud": "nope" });
        assert.throws(() => openstackAuthOptions(), {
            message: `OpenStack cloud "nope" is not in ${lab.openstack.cloudsYaml} (clouds there: vso-admin, vso-demo)`,
        });
    });

    it("lays the cloud's secrets from secure.yaml over clouds.yaml", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-clouds-"));
        try {
            fs.writeFileSync(
                path.join(dir, "clouds.yaml"),
                `clouds:\n  split:\n    auth:\n      auth_url: ${lab.openstack.authUrl}\n      username: admin\n      project_name: admin\n    region_name: RegionOne\n`,
            );
            fs.writeFileSync(
                path.join(dir, "secure.yaml"),
                "clouds:\n  split:\n    auth:\n      password: from-secure-yaml\n",
            );
            process.env.OS_CLIENT_CONFIG_FILE = path.join(dir, "clouds.yaml");
            process.env.OS_CLIENT_SECURE_FILE = path.join(dir, "secure.yaml");
            useConfig({ "openstack:cloud": "split" });
            const options = openstackAuthOptions();
            assert.deepEqual(
                [options.authUrl, options.userName, options.password, options.region],
                [lab.openstack.authUrl, "admin", "from-secure-yaml", "RegionOne"],
            );
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("takes an application credential instead of a password", () => {
        useConfig({
            "openstack:authUrl": lab.openstack.authUrl,
            "openstack:applicationCredentialId": "0123abcd",
            "openstack:applicationCredentialSecret": "s3cret",
        });
        const options = openstackAuthOptions();
        assert.deepEqual(
            [options.applicationCredentialId, options.applicationCredentialSecret, options.password],
            ["0123abcd", "s3cret", undefined],
        );
    });

    it("says that a password or an application credential is needed", () => {
        useConfig({ "openstack:authUrl": lab.openstack.authUrl, "openstack:userName": "admin" });
        assert.throws(() => openstackAuthOptions(), {
            message:
                'The OpenStack password (or an application credential secret) is not configured: set the stack config "openstack:password" or openstack:applicationCredentialSecret or a clouds.yaml cloud (openstack:cloud / OS_CLOUD) or OS_PASSWORD / OS_APPLICATION_CREDENTIAL_SECRET',
        });
    });

    it("says, when no project is configured, that the token is unscoped and which key sets the project", async () => {
        const admin = lab.openstack.admin;
        useConfig({
            "openstack:authUrl": lab.openstack.authUrl,
            "openstack:userName": admin.userName,
            "openstack:password": admin.password,
            "openstack:userDomainName": admin.userDomainName,
        });
        await assert.rejects(openstackSession().endpoint("network"), {
            message:
                `the Keystone token of user "${admin.userName}" is unscoped (no project was configured), so its ` +
                'catalog has no "network" endpoint: set the project with "openstack:tenantName" (with ' +
                '"openstack:projectDomainName") or "openstack:tenantId", project_name or project_id of the ' +
                "clouds.yaml cloud, or OS_PROJECT_NAME / OS_PROJECT_ID",
        });
    });

    it("reads the project and endpoint type from the keys of @pulumi/openstack, and those of 0.1 still", () => {
        const base = { "openstack:authUrl": lab.openstack.authUrl, "openstack:password": "p" };
        const read = (config: Record<string, string>) => {
            useConfig({ ...base, ...config });
            const options = openstackAuthOptions();
            return [options.projectName, options.interface];
        };
        assert.deepEqual(read({ "openstack:tenantName": "t", "openstack:endpointType": "internalURL" }), [
            "t",
            "internal",
        ]);
        assert.deepEqual(read({ "openstack:projectName": "p", "openstack:interface": "admin" }), ["p", "admin"]);
        assert.throws(() => read({ "openstack:endpointType": "private" }), {
            message:
                '"openstack:endpointType" must be one of public, internal, admin (or publicURL, internalURL, adminURL), not "private"',
        });
    });
});
