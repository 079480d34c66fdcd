import * as assert from "node:assert/strict";
import { hostAndPort, parseBoolean, readConnection, sdkUrl } from "../../../model/connection";

describe("vCenter connections, read one way for providers, validation and render", () => {
    it("derives the SDK URL, host and port from a host, host:port or URL", () => {
        assert.equal(sdkUrl("vcenter.example.com"), "https://vcenter.example.com/sdk");
        assert.equal(sdkUrl("127.0.0.1:8989"), "https://127.0.0.1:8989/sdk");
        assert.equal(sdkUrl("https://vc.example.com:8443/"), "https://vc.example.com:8443/sdk");
        assert.equal(sdkUrl("https://vc.example.com/custom/sdk"), "https://vc.example.com/custom/sdk");
        assert.deepEqual(hostAndPort("vc.example.com"), { host: "vc.example.com", port: 443 });
        assert.deepEqual(hostAndPort("[fd00::10]:8443"), { host: "fd00::10", port: 8443 });
        assert.deepEqual(hostAndPort("https://vc.example.com:8443/sdk"), { host: "vc.example.com", port: 8443 });
    });

    it("reads booleans as pulumi config and the environment give them, and names the key of anything else", () => {
        for (const yes of [true, "true", "TRUE", "1", "yes", "Yes"]) {
            assert.equal(parseBoolean("k", yes), true, String(yes));
        }
        for (const no of [false, "false", "0", "no", "NO"]) {
            assert.equal(parseBoolean("k", no), false, String(no));
        }
        for (const unset of [undefined, null, ""]) {
            assert.equal(parseBoolean("k", unset), undefined);
        }
        assert.throws(() => parseBoolean("vsphere:allowUnverifiedSsl", "maybe"), {
            message: '"vsphere:allowUnverifiedSsl" must be true or false, not "maybe"',
        });
        assert.throws(() => parseBoolean("k", 2), { message: '"k" must be true or false, not 2' });
    });

    it("reads a whole connection, allowUnverifiedSsl as text too", () => {
        const entry = {
            server: "[fd00::10]:8443",
            user: "openstack@vsphere.local",
            password: "pw",
            hostPassword: "root-pw",
            caFile: "/etc/ssl/vc.pem",
            allowUnverifiedSsl: "yes",
        };
        assert.deepEqual(readConnection("site-a", entry, ["hostPassword"]), {
            connection: {
                url: "https://[fd00::10]:8443/sdk",
                host: "fd00::10",
                port: 8443,
                user: "openstack@vsphere.local",
                password: "pw",
                hostPassword: "root-pw",
                caFile: "/etc/ssl/vc.pem",
                allowUnverifiedSsl: true,
            },
            problems: [],
        });
        const plain = readConnection("b", { server: "vc", user: "u", password: "p" }).connection!;
        assert.deepEqual([plain.allowUnverifiedSsl, plain.caFile, plain.hostPassword], [false, undefined, undefined]);
    });

    it("names every problem of a connection by the key to set", () => {
        assert.deepEqual(
            readConnection("x", { server: 5, password: "", allowUnverifiedSsl: "maybe" }, ["hostPassword"]),
            {
                problems: [
                    '"vsphere-openstack:connections.x.server" must be a string, not 5',
                    'the vCenter connection "x" has no user: set "vsphere-openstack:connections.x.user"',
                    'the vCenter connection "x" has no password: set "vsphere-openstack:connections.x.password"',
                    'the vCenter connection "x" has no hostPassword: set "vsphere-openstack:connections.x.hostPassword"',
                    '"vsphere-openstack:connections.x.allowUnverifiedSsl" must be true or false, not "maybe"',
                ],
            },
        );
        assert.deepEqual(readConnection("y", { server: "https://", user: "u", password: "p" }).problems, [
            '"vsphere-openstack:connections.y.server" must be a host, host:port or URL, not "https://"',
        ]);
    });
});
