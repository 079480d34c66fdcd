import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Lab, VSphereEndpoint } from "../../../lab/lab";
import { VimClient } from "../../../provider/vsphere/client/client";
import { ManagedObjectReference } from "../../../provider/vsphere/client/xml";
import { SoapTransport } from "../../../provider/vsphere/client/transport";
import { atVCenterB, govc, govcLs, sharedLab, uniqueName } from "../../support/lab";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What a lab simulator reports as `about`, but for its instance UUID. */
const ABOUT = {
    name: "VMware vCenter Server",
    fullName: "VMware vCenter Server 8.0.3 build-24022515",
    vendor: "VMware, Inc.",
    version: "8.0.3",
    build: "24022515",
    localeVersion: "INTL",
    localeBuild: "000",
    osType: "linux-x64",
    productLineId: "vpx",
    apiType: "VirtualCenter",
    apiVersion: "8.0.3.0",
    licenseProductName: "VMware VirtualCenter Server",
    licenseProductVersion: "8.0",
};

/** The clock of `vcenter`, read in a session logged in as its user with `password`. */
async function currentTime(vcenter: VSphereEndpoint, password: string): Promise<unknown> {
    const transport = new SoapTransport({ url: vcenter.url, ca: fs.readFileSync(vcenter.caFile, "utf8") });
    const client = new VimClient(transport, { userName: vcenter.user, password });
    return client.invoke("CurrentTime", { _this: new ManagedObjectReference("ServiceInstance", "ServiceInstance") });
}

async function about(lab: Lab): Promise<Record<string, string>> {
    return (JSON.parse(await govc(lab, "about", "-json")) as { about: Record<string, string> }).about;
}

describe("lab: two vCenter simulators", () => {
    let lab: Lab;
    let labB: Lab;
    const datacenter = uniqueName("it-dc-b");

    before(async () => {
        lab = await sharedLab();
        labB = atVCenterB(lab);
    });

    after(async () => {
        if ((await govcLs(labB, "/")).includes(`/${datacenter}`)) {
            await govc(labB, "object.destroy", `/${datacenter}`);
        }
    });

    it("gives the second simulator its own address on port 443, password and CA under vcsim-b", () => {
        const address = process.env.VSO_VCSIM_B_ADDRESS ?? "127.0.0.3";
        const server = process.env.VSO_VCSIM_B_PORT ? `${address}:${process.env.VSO_VCSIM_B_PORT}` : address;
        const dir = path.join(lab.dir, "vcsim-b");
        assert.deepEqual(lab.vsphereB, {
            server,
            url: `https://${server}/sdk`,
            user: "administrator@vsphere.local",
            password: fs.readFileSync(path.join(dir, "password"), "utf8"),
            caFile: path.join(dir, "tls", "ca.pem"),
            controlUrl: `http://127.0.0.1:${process.env.VSO_VCSIM_B_CONTROL_PORT ?? "8992"}`,
        });
        assert.equal(lab.vsphereB.user, lab.vsphere.user);
        assert.notEqual(lab.vsphereB.password, lab.vsphere.password);
        assert.notEqual(lab.vsphereB.server, lab.vsphere.server);
        assert.notEqual(fs.readFileSync(lab.vsphereB.caFile, "utf8"), fs.readFileSync(lab.vsphere.caFile, "utf8"));
    });

    it("answers on both simulators, each with its own credentials", async () => {
        for (const vcenter of [lab.vsphere, lab.vsphereB]) {
            assert.match(String(await currentTime(vcenter, vcenter.password)), /^\d{4}-\d\d-\d\dT/);
            const health = await fetch(`${vcenter.controlUrl}/healthz`);
            assert.deepEqual([health.status, await health.text()], [200, "ok"]);
        }
    });

    it("refuses the first simulator's password on the second and the second's on the first", async () => {
        const invalidLogin = { name: "VimFault", message: "Login: InvalidLogin: Login failure" };
        await assert.rejects(currentTime(lab.vsphereB, lab.vsphere.password), invalidLogin);
        await assert.rejects(currentTime(lab.vsphere, lab.vsphereB.password), invalidLogin);
    });

    it("reports a different instance UUID on each, the second's kept in vcsim-b/instance-uuid", async () => {
        const [a, b] = await Promise.all([about(lab), about(labB)]);
        const kept = fs.readFileSync(path.join(lab.dir, "vcsim-b", "instance-uuid"), "utf8");
        assert.deepEqual(b, { ...ABOUT, instanceUuid: kept.trim() });
        assert.deepEqual(a, { ...ABOUT, instanceUuid: a.instanceUuid });
        assert.match(a.instanceUuid, UUID);
        assert.match(b.instanceUuid, UUID);
        assert.notEqual(a.instanceUuid, b.instanceUuid);
    });

    it("keeps a datacenter created on the second simulator out of the first", async () => {
        await govc(labB, "datacenter.create", datacenter);
        assert.deepEqual((await govcLs(labB, `/${datacenter}`)).sort(), [
            `/${datacenter}/datastore`,
            `/${datacenter}/host`,
            `/${datacenter}/network`,
            `/${datacenter}/vm`,
        ]);
        assert.ok((await govcLs(labB, "/")).includes(`/${datacenter}`));
        assert.deepEqual(await govcLs(lab, `/${datacenter}`), []);
        assert.ok(!(await govcLs(lab, "/")).includes(`/${datacenter}`));

        await govc(labB, "object.destroy", `/${datacenter}`);
        assert.ok(!(await govcLs(labB, "/")).includes(`/${datacenter}`));
    });
});
