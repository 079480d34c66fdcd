import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import type * as http from "node:http";
import * as path from "node:path";
import { configureProviders } from "../../../../provider/config";
import { VSphereError } from "../../../../provider/vsphere/client/faults";
import { loginRefused, vcenterCertificateFailure, vsphereClient } from "../../../../provider/vsphere/connection";
import { provider as datacenterProvider } from "../../../../provider/vsphere/datacenter";
import { makeCa, TestCa, tlsServer, TlsServer } from "../../../support/certificates";
import { clearEnvironment, VSPHERE_VARIABLES } from "../../../support/environment";

const PASSWORD = "s3cret-Passw0rd";

function useConfig(values: Record<string, string>): void {
    configureProviders({ get: (key: string) => values[key] });
}

/** The default connection's stack config for `server`. */
const defaultConnection = (server: string, extra: Record<string, string> = {}) => ({
    "vsphere:vsphereServer": server,
    "vsphere:user": "administrator@vsphere.local",
    "vsphere:password": PASSWORD,
    ...extra,
});

/** The stack config with the one named connection `site-a` for `server`. */
const siteA = (server: string, extra: Record<string, unknown> = {}) => ({
    "vsphere-openstack:connections": JSON.stringify({
        "site-a": { server, user: "openstack@vsphere.local", password: PASSWORD, ...extra },
    }),
});

/** The rejection of `promise`, which must be a {@link VSphereError} without the password. */
async function failure(promise: Promise<unknown>): Promise<VSphereError> {
    const err = await promise.then(
        () => assert.fail("the call succeeded"),
        (e: unknown) => e,
    );
    assert.ok(err instanceof VSphereError, String(err));
    assert.doesNotMatch(err.message, new RegExp(PASSWORD));
    return err;
}

/** The first call of the default connection's client. */
const firstCall = () => vsphereClient().serviceContent();

/** A read of a datacenter on the connection `site-a`, which runs with that connection's client. */
const readOnSiteA = () => datacenterProvider.read("datacenter-2", { connection: "site-a" } as never);

describe("vCenter connection errors", () => {
    let restore: () => void;

    before(() => {
        restore = clearEnvironment(VSPHERE_VARIABLES);
    });

    after(() => {
        restore();
        configureProviders({ get: () => undefined });
    });

    describe("messages", () => {
        it("names the connection, its URL and user, and the settings to check for a refused login", () => {
            assert.equal(
                loginRefused(
                    "site-a",
                    "https://vc-a.example.com/sdk",
                    "openstack@vsphere.local",
                    "InvalidLogin: Login failure",
                ),
                'the vCenter connection "site-a" (https://vc-a.example.com/sdk) refused the login of user ' +
                    '"openstack@vsphere.local" (InvalidLogin: Login failure): check the user and password in ' +
                    '"vsphere-openstack:connections.site-a.user" and "vsphere-openstack:connections.site-a.password"',
            );
            assert.equal(
                loginRefused(undefined, "https://vc.example.com/sdk", "administrator@vsphere.local", "InvalidLogin"),
                'the default vCenter connection (https://vc.example.com/sdk, from "vsphere:vsphereServer" / VSPHERE_SERVER) ' +
                    'refused the login of user "administrator@vsphere.local" (InvalidLogin): check the user and ' +
                    'password in "vsphere:user" / VSPHERE_USER and "vsphere:password" / VSPHERE_PASSWORD',
            );
        });

        it("names the connection's CA file and allowUnverifiedSsl settings for a certificate it cannot verify", () => {
            const untrusted = {
                code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
                message: "unable to verify the first certificate",
            };
            assert.equal(
                vcenterCertificateFailure("site-a", "https://vc-a.example.com/sdk", untrusted),
                'the certificate of the vCenter connection "site-a" (https://vc-a.example.com/sdk) is not signed by ' +
                    "a CA this machine trusts (unable to verify the first certificate): set " +
                    '"vsphere-openstack:connections.site-a.caFile" to a PEM file with the CA that signed it, or, insecurely, ' +
                    'set "vsphere-openstack:connections.site-a.allowUnverifiedSsl" to true',
            );
            assert.equal(
                vcenterCertificateFailure(undefined, "https://vc.example.com/sdk", untrusted),
                "the certificate of the default vCenter connection (https://vc.example.com/sdk, from " +
                    '"vsphere:vsphereServer" / VSPHERE_SERVER) is not signed by a CA this machine trusts (unable to verify ' +
                    'the first certificate): set "vsphere-openstack:vsphereCaFile" / VSPHERE_CA_FILE to a PEM file with the CA that ' +
                    'signed it, or, insecurely, set "vsphere:allowUnverifiedSsl" / VSPHERE_ALLOW_UNVERIFIED_SSL to true',
            );
            assert.equal(
                vcenterCertificateFailure("site-a", "https://vc-a.example.com/sdk", {
                    code: "ECONNREFUSED",
                    message: "x",
                }),
                undefined,
            );
        });
    });

    describe("against local servers", () => {
        let ca: TestCa;
        let server: TlsServer | undefined;

        before(() => {
            ca = makeCa();
        });

        after(() => ca.remove());

        afterEach(async () => {
            await server?.close();
            server = undefined;
        });

        it("names the CA file settings when the vCenter's CA is not trusted", async () => {
            server = await tlsServer(ca.issue(["IP:127.0.0.1"]));
            const host = new URL(server.url).host;
            useConfig(defaultConnection(host));
            assert.equal(
                (await failure(firstCall())).message,
                `the certificate of the default vCenter connection (https://${host}/sdk, from "vsphere:vsphereServer" / ` +
                    "VSPHERE_SERVER) is not signed by a CA this machine trusts (unable to verify the first " +
                    'certificate): set "vsphere-openstack:vsphereCaFile" / VSPHERE_CA_FILE to a PEM file with the CA that signed it, ' +
                    'or, insecurely, set "vsphere:allowUnverifiedSsl" / VSPHERE_ALLOW_UNVERIFIED_SSL to true',
            );
            useConfig(siteA(host));
            const err = await failure(readOnSiteA());
            assert.equal(
                err.message,
                `the certificate of the vCenter connection "site-a" (https://${host}/sdk) is not signed by a CA ` +
                    "this machine trusts (unable to verify the first certificate): set " +
                    '"vsphere-openstack:connections.site-a.caFile" to a PEM file with the CA that signed it, or, insecurely, ' +
                    'set "vsphere-openstack:connections.site-a.allowUnverifiedSsl" to true',
            );
            // The cause is Node's own message, which newer versions extend after "; ".
            assert.ok(
                `${(err.cause as Error).message};`.startsWith(
                    `RetrieveServiceContent: https://${host}/sdk: unable to verify the first certificate;`,
                ),
                (err.cause as Error).message,
            );
        });

        it("says that the certificate's names do not include the server", async () => {
            server = await tlsServer(ca.issue(["DNS:vcenter.example.com", "IP:127.0.0.2"]));
            const host = new URL(server.url).host;
            useConfig(siteA(host, { caFile: ca.caFile }));
            assert.equal(
                (await failure(readOnSiteA())).message,
                `the names in the certificate of the vCenter connection "site-a" (https://${host}/sdk) do not ` +
                    "include 127.0.0.1 (Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in " +
                    `the cert's list: 127.0.0.2): set "vsphere-openstack:connections.site-a.server" to a ` +
                    "name the certificate holds or reissue it for 127.0.0.1, or, insecurely, set " +
                    '"vsphere-openstack:connections.site-a.allowUnverifiedSsl" to true',
            );
        });

        it("says that the certificate has expired", async () => {
            server = await tlsServer(ca.issue(["IP:127.0.0.1"], { expired: true }));
            const host = new URL(server.url).host;
            useConfig(defaultConnection(host, { "vsphere-openstack:vsphereCaFile": ca.caFile }));
            assert.equal(
                (await failure(firstCall())).message,
                `the certificate of the default vCenter connection (https://${host}/sdk, from "vsphere:vsphereServer" / ` +
                    "VSPHERE_SERVER) is not valid now (certificate has expired): renew it (or correct this " +
                    'machine\'s clock), or, insecurely, set "vsphere:allowUnverifiedSsl" / ' +
                    "VSPHERE_ALLOW_UNVERIFIED_SSL to true",
            );
        });

        it("names the connection, server and user of a refused login, never the password", async () => {
            const serviceContent = fs.readFileSync(
                path.join(__dirname, "../../../fixtures/vsphere/01-RetrieveServiceContent.res.xml"),
                "utf8",
            );
            const logins: string[] = [];
            const vcenter: http.RequestListener = (req, res) => {
                const chunks: Buffer[] = [];
                req.on("data", (c: Buffer) => chunks.push(c));
                req.on("end", () => {
                    const body = Buffer.concat(chunks).toString();
                    if (body.includes("<Login")) {
                        logins.push(body);
                        res.writeHead(500, { "Content-Type": "text/xml" }).end(INVALID_LOGIN);
                    } else {
                        res.writeHead(200, { "Content-Type": "text/xml" }).end(serviceContent);
                    }
                });
            };
            server = await tlsServer(ca.issue(["IP:127.0.0.1"]), vcenter);
            const host = new URL(server.url).host;
            useConfig(siteA(host, { caFile: ca.caFile }));
            const err = await failure(readOnSiteA());
            assert.equal(
                err.message,
                `the vCenter connection "site-a" (https://${host}/sdk) refused the login of user ` +
                    '"openstack@vsphere.local" (InvalidLogin: Login failure): check the user and password in ' +
                    '"vsphere-openstack:connections.site-a.user" and "vsphere-openstack:connections.site-a.password"',
            );
            assert.equal((err.cause as Error).message, "Login: InvalidLogin: Login failure");
            assert.equal(logins.length, 1);
            assert.match(logins[0], new RegExp(PASSWORD)); // it was sent, and is named nowhere in the error
            useConfig(defaultConnection(host, { "vsphere-openstack:vsphereCaFile": ca.caFile }));
            assert.equal(
                (await failure(vsphereClient().invoke("CurrentTime", {}))).message,
                `the default vCenter connection (https://${host}/sdk, from "vsphere:vsphereServer" / VSPHERE_SERVER) ` +
                    'refused the login of user "administrator@vsphere.local" (InvalidLogin: Login failure): check ' +
                    'the user and password in "vsphere:user" / VSPHERE_USER and "vsphere:password" / VSPHERE_PASSWORD',
            );
        });
    });
});

/** vCenter's answer to a Login with a wrong user or password. */
const INVALID_LOGIN =
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><soapenv:Fault><faultcode>ServerFaultCode' +
    '</faultcode><faultstring>Login failure</faultstring><detail><InvalidLoginFault xmlns="urn:vim25" ' +
    'xsi:type="InvalidLogin"></InvalidLoginFault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>';
