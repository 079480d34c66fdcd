import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { configureProviders } from "../../../../provider/config";
import { listNetworks, neutronClient } from "../../../../provider/openstack/client/neutron";
import { openstackCertificateFailure, openstackSession } from "../../../../provider/openstack/connection";
import { makeCa, TestCa, tlsServer, TlsServer } from "../../../support/certificates";
import { clearEnvironment } from "../../../support/environment";
import { FakeCloud, fakeCloud } from "../../../support/fakeCloud";

const PASSWORD = "s3cret-Passw0rd";

const untrusted = { code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE", message: "unable to verify the first certificate" };

function useConfig(values: Record<string, string>): void {
    configureProviders({ get: (key: string) => values[key] });
}

/** The rejection of `promise`, without the password. */
async function failure(promise: Promise<unknown>): Promise<Error> {
    const err = await promise.then(
        () => assert.fail("the call succeeded"),
        (e: Error) => e,
    );
    assert.doesNotMatch(err.message, new RegExp(PASSWORD));
    return err;
}

describe("OpenStack connection errors", () => {
    let restore: () => void;

    before(() => {
        restore = clearEnvironment((name) => name.startsWith("OS_"));
    });

    after(() => {
        restore();
        configureProviders({ get: () => undefined });
    });

    describe("messages", () => {
        it("name Keystone and the CA file and insecure settings, with the clouds.yaml keys of the cloud in use", () => {
            const authUrl = "https://keystone.example.com:5000/v3";
            const tokens = `${authUrl}/auth/tokens`;
            assert.equal(
                openstackCertificateFailure(undefined, authUrl, tokens, untrusted),
                "the certificate of Keystone (https://keystone.example.com:5000/v3) is not signed by a CA this " +
                    'machine trusts (unable to verify the first certificate): set "openstack:cacertFile" / OS_CACERT to ' +
                    'a PEM file with the CA that signed it, or, insecurely, set "openstack:insecure" / OS_INSECURE ' +
                    "to true",
            );
            assert.equal(
                openstackCertificateFailure("mycloud", authUrl, tokens, untrusted),
                "the certificate of Keystone (https://keystone.example.com:5000/v3, clouds.yaml cloud " +
                    '"mycloud") is not signed by a CA this machine trusts (unable to verify the first certificate): ' +
                    'set "openstack:cacertFile" / cacert of the clouds.yaml cloud "mycloud" / OS_CACERT to a PEM file ' +
                    'with the CA that signed it, or, insecurely, set "openstack:insecure" / OS_INSECURE to true (or ' +
                    'verify: false in the clouds.yaml cloud "mycloud")',
            );
        });

        it("name a service endpoint of the catalog by its origin", () => {
            const mismatch = {
                code: "ERR_TLS_CERT_ALTNAME_INVALID",
                message:
                    "Hostname/IP does not match certificate's altnames: Host: neutron.example.com. is not in the cert's altnames: DNS:other",
            };
            assert.equal(
                openstackCertificateFailure(
                    undefined,
                    "https://keystone.example.com:5000/v3",
                    "https://neutron.example.com:9696/v2.0/networks",
                    mismatch,
                ),
                "the names in the certificate of the OpenStack endpoint https://neutron.example.com:9696 (from " +
                    `Keystone's catalog) do not include neutron.example.com (${mismatch.message}): set its URL in ` +
                    "the catalog to a name the certificate holds or reissue it for neutron.example.com, or, " +
                    'insecurely, set "openstack:insecure" / OS_INSECURE to true',
            );
        });
    });

    describe("against local servers", () => {
        let ca: TestCa;
        let server: TlsServer | undefined;
        let cloud: FakeCloud | undefined;
        let dir: string;

        before(() => {
            ca = makeCa();
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-clouds-"));
        });

        after(() => {
            ca.remove();
            fs.rmSync(dir, { recursive: true, force: true });
        });

        afterEach(async () => {
            await server?.close();
            await cloud?.close();
            server = cloud = undefined;
            delete process.env.OS_CLIENT_CONFIG_FILE;
        });

        const credentials = { "openstack:userName": "admin", "openstack:password": PASSWORD };

        it("names the CA file settings when Keystone's CA is not trusted", async () => {
            server = await tlsServer(ca.issue(["IP:127.0.0.1"]));
            useConfig({ ...credentials, "openstack:authUrl": `${server.url}/v3` });
            const err = await failure(openstackSession().endpoint("network"));
            assert.equal(
                err.message,
                `the certificate of Keystone (${server.url}/v3) is not signed by a CA this machine trusts (unable ` +
                    'to verify the first certificate): set "openstack:cacertFile" / OS_CACERT to a PEM file with the CA ' +
                    'that signed it, or, insecurely, set "openstack:insecure" / OS_INSECURE to true',
            );
            // The cause is Node's own message, which newer versions extend after "; ".
            assert.ok(
                `${(err.cause as Error).message};`.startsWith(
                    `POST ${server.url}/v3/auth/tokens: no answer (expected 201) UNABLE_TO_VERIFY_LEAF_SIGNATURE: ` +
                        "unable to verify the first certificate;",
                ),
                (err.cause as Error).message,
            );
        });

        it("says that the certificate's names do not include Keystone's host, naming the clouds.yaml keys", async () => {
            server = await tlsServer(ca.issue(["DNS:keystone.example.com", "IP:127.0.0.2"]));
            const cloudsYaml = path.join(dir, "clouds.yaml");
            fs.writeFileSync(
                cloudsYaml,
                `clouds:\n  vso-test:\n    auth:\n      auth_url: ${server.url}/v3\n      username: admin\n` +
                    `      password: ${PASSWORD}\n    cacert: ${ca.caFile}\n`,
            );
            process.env.OS_CLIENT_CONFIG_FILE = cloudsYaml;
            useConfig({ "openstack:cloud": "vso-test" });
            assert.equal(
                (await failure(openstackSession().endpoint("network"))).message,
                `the names in the certificate of Keystone (${server.url}/v3, clouds.yaml cloud "vso-test") do not ` +
                    "include 127.0.0.1 (Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in " +
                    'the cert\'s list: 127.0.0.2): set "openstack:authUrl" / auth.auth_url of the clouds.yaml cloud ' +
                    '"vso-test" / OS_AUTH_URL to a name the certificate holds or reissue it for 127.0.0.1, or, ' +
                    'insecurely, set "openstack:insecure" / OS_INSECURE to true (or verify: false in the clouds.yaml ' +
                    'cloud "vso-test")',
            );
        });

        it("names the endpoint of the catalog whose certificate has expired", async () => {
            server = await tlsServer(ca.issue(["IP:127.0.0.1"], { expired: true }));
            const neutron = server.url;
            cloud = await fakeCloud(
                () => ({ status: 500 }),
                () => neutron,
            );
            useConfig({ ...credentials, "openstack:authUrl": cloud.authUrl, "openstack:cacertFile": ca.caFile });
            assert.equal(
                (await failure(listNetworks(neutronClient(openstackSession())))).message,
                `the certificate of the OpenStack endpoint ${neutron} (from Keystone's catalog) is not valid now ` +
                    "(certificate has expired): renew it (or correct this machine's clock), or, insecurely, set " +
                    '"openstack:insecure" / OS_INSECURE to true',
            );
        });
    });
});
