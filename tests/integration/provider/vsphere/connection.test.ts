import * as assert from "node:assert/strict";
import type { Lab } from "../../../../lab/lab";
import { configureProviders } from "../../../../provider/config";
import { ManagedObjectReference } from "../../../../provider/vsphere/client/xml";
import { vsphereClient, vsphereSettings } from "../../../../provider/vsphere/connection";
import { provider as datacenterProvider } from "../../../../provider/vsphere/datacenter";
import { clearEnvironment, VSPHERE_VARIABLES } from "../../../support/environment";
import { configureProvidersForLab, govcCollect, sharedLab, uniqueName } from "../../../support/lab";

describe("vCenter connection settings", () => {
    let lab: Lab;
    let restore: () => void;

    before(async () => {
        lab = await sharedLab();
        restore = clearEnvironment(VSPHERE_VARIABLES);
    });

    after(() => {
        restore();
        configureProvidersForLab(lab);
    });

    function useConfig(values: Record<string, string>): void {
        configureProviders({ get: (key: string) => values[key] });
    }

    it("says where a missing server may be set", () => {
        useConfig({});
        assert.throws(() => vsphereSettings(), {
            message:
                'The vCenter server is not configured: set the stack config "vsphere:vsphereServer" or the environment variable VSPHERE_SERVER',
        });
    });

    it("takes settings from the environment when the stack config has none", () => {
        useConfig({});
        Object.assign(process.env, { VSPHERE_SERVER: "vc.example.com", VSPHERE_USER: "u", VSPHERE_PASSWORD: "p" });
        try {
            assert.deepEqual(vsphereSettings(), {
                url: "https://vc.example.com/sdk",
                user: "u",
                password: "p",
                allowUnverifiedSsl: false,
                ca: undefined,
            });
        } finally {
            for (const name of ["VSPHERE_SERVER", "VSPHERE_USER", "VSPHERE_PASSWORD"]) {
                delete process.env[name];
            }
        }
    });

    it("refuses the simulator's certificate unless its CA is trusted or verification is off", async () => {
        const base = {
            "vsphere:vsphereServer": lab.vsphere.server,
            "vsphere:user": lab.vsphere.user,
            "vsphere:password": lab.vsphere.password,
        };
        useConfig(base);
        await assert.rejects(vsphereClient().serviceContent(), {
            message:
                `the certificate of the default vCenter connection (https://${lab.vsphere.server}/sdk, from ` +
                '"vsphere:vsphereServer" / VSPHERE_SERVER) is not signed by a CA this machine trusts (unable to verify the ' +
                'first certificate): set "vsphere-openstack:vsphereCaFile" / VSPHERE_CA_FILE to a PEM file with the CA that signed ' +
                'it, or, insecurely, set "vsphere:allowUnverifiedSsl" / VSPHERE_ALLOW_UNVERIFIED_SSL to true',
        });
        useConfig({ ...base, "vsphere:allowUnverifiedSsl": "true" });
        assert.equal((await vsphereClient().serviceContent()).rootFolder.type, "Folder");
        useConfig({ ...base, "vsphere:allowUnverifiedSsl": "maybe" });
        assert.throws(() => vsphereClient(), {
            message: '"vsphere:allowUnverifiedSsl" must be true or false, not "maybe"',
        });
    });

    it("names the connection, server and user of a refused login and the settings to check, not the password", async () => {
        useConfig({
            "vsphere:vsphereServer": lab.vsphere.server,
            "vsphere:user": lab.vsphere.user,
            "vsphere:password": "not-the-password",
            "vsphere-openstack:vsphereCaFile": lab.vsphere.caFile,
        });
        await assert.rejects(
            vsphereClient().invoke("CurrentTime", {
                _this: new ManagedObjectReference("ServiceInstance", "ServiceInstance"),
            }),
            {
                name: "VSphereError",
                message:
                    `the default vCenter connection (https://${lab.vsphere.server}/sdk, from "vsphere:vsphereServer" / ` +
                    `VSPHERE_SERVER) refused the login of user "${lab.vsphere.user}" (InvalidLogin: Login failure): ` +
                    'check the user and password in "vsphere:user" / VSPHERE_USER and "vsphere:password" / ' +
                    "VSPHERE_PASSWORD",
            },
        );
        const wrong = { server: lab.vsphere.server, user: lab.vsphere.user, password: "not-the-password" };
        useConfig({
            "vsphere-openstack:connections": JSON.stringify({ "site-a": { ...wrong, caFile: lab.vsphere.caFile } }),
        });
        await assert.rejects(datacenterProvider.read("datacenter-2", { connection: "site-a" } as never), {
            name: "VSphereError",
            message:
                `the vCenter connection "site-a" (https://${lab.vsphere.server}/sdk) refused the login of user ` +
                `"${lab.vsphere.user}" (InvalidLogin: Login failure): check the user and password in ` +
                '"vsphere-openstack:connections.site-a.user" and "vsphere-openstack:connections.site-a.password"',
        });
    });

    describe("named connections (vsphere-openstack:connections)", () => {
        const siteA = () => ({
            server: lab.vsphere.server,
            user: lab.vsphere.user,
            password: lab.vsphere.password,
            caFile: lab.vsphere.caFile,
        });

        it("reads a connection by name from the map, as the engine hands it: JSON text", () => {
            useConfig({
                "vsphere-openstack:connections": JSON.stringify({ "site-a": { ...siteA(), allowUnverifiedSsl: true } }),
            });
            const settings = vsphereSettings("site-a");
            assert.equal(settings.url, `https://${lab.vsphere.server}/sdk`);
            assert.equal(settings.user, lab.vsphere.user);
            assert.equal(settings.password, lab.vsphere.password);
            assert.equal(settings.allowUnverifiedSsl, true);
            assert.match(settings.ca!, /^-----BEGIN CERTIFICATE-----/);
        });

        it("names the connection and what is configured when a name is unknown or a field is missing", () => {
            useConfig({
                "vsphere-openstack:connections": JSON.stringify({ "site-a": siteA(), "site-b": { server: "vc-b" } }),
            });
            assert.throws(() => vsphereSettings("site-c"), {
                message:
                    'the vCenter connection "site-c" is not configured: add it to the stack config "vsphere-openstack:connections" ({server, user, password (secret), caFile, allowUnverifiedSsl}); configured connections: "site-a", "site-b"',
            });
            assert.throws(() => vsphereSettings("site-b"), {
                message:
                    'the vCenter connection "site-b" has no user: set "vsphere-openstack:connections.site-b.user"; ' +
                    'the vCenter connection "site-b" has no password: set "vsphere-openstack:connections.site-b.password"',
            });
            useConfig({ "vsphere-openstack:connections": "[not json" });
            assert.throws(() => vsphereSettings("site-a"), {
                message: 'the stack config "vsphere-openstack:connections" must be a map (JSON), not "[not json"',
            });
        });

        it("refuses an unknown connection at preview, before any call", async () => {
            useConfig({ "vsphere-openstack:connections": JSON.stringify({ "site-a": siteA() }) });
            const result = await datacenterProvider.check({} as never, { name: "dc", connection: "site-z" } as never);
            assert.deepEqual(result.failures, [
                {
                    property: "connection",
                    reason: 'the vCenter connection "site-z" is not configured: add it to the stack config "vsphere-openstack:connections" ({server, user, password (secret), caFile, allowUnverifiedSsl}); configured connections: "site-a"',
                },
            ]);
        });

        it("creates on the named vCenter, keeps the name in the state, and replaces on another name", async () => {
            // Only the named connection is configured: a call on the default one would fail.
            useConfig({ "vsphere-openstack:connections": JSON.stringify({ "site-a": siteA() }) });
            const name = uniqueName("it-conn");
            const inputs = (await datacenterProvider.check({} as never, { name, connection: "site-a" } as never))
                .inputs!;
            assert.deepEqual(inputs, { name, folder: "/", connection: "site-a" });
            const { id, outs } = await datacenterProvider.create(inputs);
            try {
                assert.equal(outs!.connection, "site-a");
                assert.equal((await govcCollect(lab, `Datacenter:${id}`, "name")).name, name);
                assert.deepEqual(await datacenterProvider.read(id, outs), { id, props: outs });
                assert.deepEqual(await datacenterProvider.diff(id, outs!, { ...inputs, connection: "site-b" }), {
                    changes: true,
                    replaces: ["connection"],
                    deleteBeforeReplace: false,
                });
                assert.deepEqual(await datacenterProvider.diff(id, outs!, inputs), {
                    changes: false,
                    replaces: [],
                    deleteBeforeReplace: false,
                });
            } finally {
                await datacenterProvider.delete(id, outs!);
            }
            assert.deepEqual(await datacenterProvider.read(id, outs), {});
        });
    });
});
