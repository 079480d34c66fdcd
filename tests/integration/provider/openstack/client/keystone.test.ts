import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Lab } from "../../../../../lab/lab";
import { KeystoneSession } from "../../../../../provider/openstack/client/keystone";
import { novaClient } from "../../../../../provider/openstack/client/nova";
import { openstackCli, openstackCliQuiet, sharedLab, uniqueName, withProxiedRegion } from "../../../../support/lab";
import { startProxy } from "../../../../support/proxy";

/** One authenticated Nova call: GET /flavors → 200. */
function listFlavorsForTest(session: KeystoneSession): Promise<unknown> {
    return novaClient(session).call("GET", "/flavors", { expect: [200] });
}

describe("Keystone session against the lab", () => {
    let lab: Lab;

    before(async () => {
        lab = await sharedLab();
    });

    function session(overrides: Partial<ConstructorParameters<typeof KeystoneSession>[0]> = {}): KeystoneSession {
        const admin = lab.openstack.admin;
        return new KeystoneSession({
            authUrl: lab.openstack.authUrl,
            userName: admin.userName,
            password: admin.password,
            userDomainName: admin.userDomainName,
            projectName: admin.projectName,
            projectDomainName: admin.projectDomainName,
            region: lab.openstack.region,
            interface: "public",
            ...overrides,
        });
    }

    it("authenticates once for many calls and finds endpoints in the catalog", async () => {
        const s = session();
        assert.equal(await s.endpoint("compute"), `http://127.0.0.1:${lab.openstack.ports.nova}/v2.1`);
        await Promise.all([listFlavorsForTest(s), listFlavorsForTest(s), listFlavorsForTest(s)]);
        assert.equal(s.stats.get(`POST 127.0.0.1:${lab.openstack.ports.keystone}`), 1);
    });

    it("renews the token before it expires", async () => {
        // With a renewal window 2 s shorter than the tokens' lifetime, a new token is due after 2 s.
        const issued = (await openstackCli(lab, "token", "issue")) as { expires: string };
        const lifetimeMs = Math.round((Date.parse(issued.expires) - Date.now()) / 60_000) * 60_000;
        const s = session({ renewBeforeMs: lifetimeMs - 2000 });
        await listFlavorsForTest(s);
        await listFlavorsForTest(s);
        assert.equal(s.stats.get(`POST 127.0.0.1:${lab.openstack.ports.keystone}`), 1);
        await new Promise((resolve) => setTimeout(resolve, 2500));
        await listFlavorsForTest(s);
        assert.equal(s.stats.get(`POST 127.0.0.1:${lab.openstack.ports.keystone}`), 2);
    });

    it("authenticates with user and project ids instead of names", async () => {
        const user = (await openstackCli(lab, "user", "show", lab.openstack.admin.userName)) as { id: string };
        const project = (await openstackCli(lab, "project", "show", lab.openstack.admin.projectName)) as { id: string };
        const s = session({ userName: undefined, userId: user.id, projectName: undefined, projectId: project.id });
        await listFlavorsForTest(s);
        assert.equal(await s.projectId(), project.id);
    });

    it("authenticates with an application credential, by id and by name with its user", async () => {
        const name = uniqueName("it-appcred");
        const secret = uniqueName("secret");
        const cred = (await openstackCli(lab, "application", "credential", "create", "--secret", secret, name)) as {
            id: string;
            project_id: string;
        };
        try {
            const byId = session({
                password: undefined,
                projectName: undefined,
                applicationCredentialId: cred.id,
                applicationCredentialSecret: secret,
            });
            await listFlavorsForTest(byId);
            assert.equal(await byId.projectId(), cred.project_id);
            const byName = session({
                password: undefined,
                projectName: undefined,
                applicationCredentialName: name,
                applicationCredentialSecret: secret,
            });
            await listFlavorsForTest(byName);
            assert.equal(await byName.projectId(), cred.project_id);
            const wrong = session({
                password: undefined,
                applicationCredentialId: cred.id,
                applicationCredentialSecret: "wrong",
            });
            await assert.rejects(wrong.endpoint("compute"), /HTTP 401 \(expected 201\) Unauthorized/);
        } finally {
            await openstackCliQuiet(lab, "application", "credential", "delete", name);
        }
    });

    it("scopes a token to a domain when no project is given", async () => {
        await openstackCliQuiet(
            lab,
            "role",
            "add",
            "--user",
            lab.openstack.admin.userName,
            "--domain",
            "Default",
            "admin",
        );
        const s = session({ projectName: undefined, projectDomainName: undefined, domainName: "Default" });
        assert.equal(await s.endpoint("compute"), `http://127.0.0.1:${lab.openstack.ports.nova}/v2.1`);
        assert.equal(await s.projectId(), undefined);
    });

    it("refuses options that cannot authenticate", () => {
        assert.throws(() => session({ password: undefined }), {
            message: "OpenStack authentication needs a user name or id and a password, or an application credential",
        });
        assert.throws(
            () => session({ userName: undefined, applicationCredentialName: "x", applicationCredentialSecret: "s" }),
            {
                message: "an application credential needs its id, or its name and its user's name or id",
            },
        );
    });

    it("trusts a TLS identity endpoint through the CA given, or with verification off", async () => {
        const tls = path.dirname(lab.vsphere.caFile); // the lab CA and a server certificate it signed
        const proxy = await startProxy(`http://127.0.0.1:${lab.openstack.ports.keystone}`, {
            tls: {
                cert: fs.readFileSync(path.join(tls, "server.pem"), "utf8"),
                key: fs.readFileSync(path.join(tls, "server-key.pem"), "utf8"),
            },
        });
        try {
            const authUrl = `${proxy.url}/v3`;
            await assert.rejects(
                session({ authUrl }).endpoint("compute"),
                /auth\/tokens: no answer .*unable to verify the first certificate/,
            );
            const trusted = session({ authUrl, ca: fs.readFileSync(lab.vsphere.caFile, "utf8") });
            assert.equal(await trusted.endpoint("compute"), `http://127.0.0.1:${lab.openstack.ports.nova}/v2.1`);
            const unverified = session({ authUrl, insecure: true });
            assert.equal(await unverified.endpoint("compute"), `http://127.0.0.1:${lab.openstack.ports.nova}/v2.1`);
        } finally {
            await proxy.close();
        }
    });

    it("waits as long as Retry-After says when a service throttles, then sends the request again", async () => {
        const listing = (method: string, path: string) => method === "GET" && path === "/v2.1/flavors";
        const refuse = { matches: listing, times: 1, status: 429, retryAfter: "2" };
        await withProxiedRegion(
            lab,
            "compute",
            lab.openstack.ports.nova,
            "/v2.1",
            { refuse },
            async (proxy, region) => {
                const s = session({ region });
                await s.endpoint("compute"); // authenticated before the clock starts
                const started = Date.now();
                await listFlavorsForTest(s);
                assert.equal(proxy.refused(), 1);
                assert.ok(Date.now() - started >= 2000, `retried after ${Date.now() - started} ms`);
                assert.equal(s.stats.get(`GET ${new URL(proxy.url).host}`), 2);
            },
        );
    });

    it("retries a service that is unavailable, and never a request the service refused as invalid", async () => {
        const listing = (method: string, path: string) => method === "GET" && path === "/v2.1/flavors";
        for (const [status, requests] of [
            [503, 3],
            [400, 1],
        ]) {
            const refuse = { matches: listing, times: 2, status };
            await withProxiedRegion(
                lab,
                "compute",
                lab.openstack.ports.nova,
                "/v2.1",
                { refuse },
                async (proxy, region) => {
                    const s = session({ region });
                    const outcome = await listFlavorsForTest(s).then(
                        () => "listed",
                        (err: Error) => err.message,
                    );
                    const host = new URL(proxy.url).host;
                    assert.equal(s.stats.get(`GET ${host}`), requests, `HTTP ${status}`);
                    assert.equal(
                        outcome,
                        status === 503
                            ? "listed"
                            : `GET ${proxy.url}/v2.1/flavors: HTTP 400 (expected 200) error: answered by the test proxy`,
                    );
                },
            );
        }
    });

    it("fails with Keystone's message on a wrong password, without the password", async () => {
        const s = session({ password: "wrong-password-123" });
        await assert.rejects(s.endpoint("compute"), (err: Error) => {
            assert.match(
                err.message,
                /auth\/tokens: HTTP 401 \(expected 201\) Unauthorized: The request you have made requires authentication\./,
            );
            assert.doesNotMatch(err.message, /wrong-password-123/);
            return true;
        });
    });

    it("looks endpoints up by region", async () => {
        await assert.rejects(
            session({ region: "Elsewhere" }).endpoint("compute"),
            /the Keystone catalog has no public "compute" endpoint in region Elsewhere/,
        );
    });

    it("names the catalog's services when one is missing", async () => {
        await assert.rejects(
            session().endpoint("object-store"),
            /the Keystone catalog has no public "object-store" endpoint in region RegionOne \(it offers: .*compute.*\)/,
        );
    });

    it("authenticates again when a service rejects a revoked token", async () => {
        const user = uniqueName("it-user");
        const password = uniqueName("pw");
        await openstackCli(lab, "user", "create", "--domain", "Default", "--password", password, user);
        await openstackCliQuiet(
            lab,
            "role",
            "add",
            "--user",
            user,
            "--project",
            lab.openstack.admin.projectName,
            "admin",
        );
        try {
            const s = session({ userName: user, password });
            await s.endpoint("compute"); // authenticated; Nova has not seen (and cached) the token yet
            // Disabling a user revokes its tokens; enabled again, it may authenticate anew.
            await openstackCliQuiet(lab, "user", "set", "--disable", user);
            await openstackCliQuiet(lab, "user", "set", "--enable", user);
            await listFlavorsForTest(s);
            assert.equal(s.stats.get(`POST 127.0.0.1:${lab.openstack.ports.keystone}`), 2);
        } finally {
            await openstackCliQuiet(lab, "user", "delete", user);
        }
    });
});
