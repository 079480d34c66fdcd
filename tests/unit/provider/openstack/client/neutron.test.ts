import * as assert from "node:assert/strict";
import { OpenStackError } from "../../../../../provider/openstack/client/errors";
import { KeystoneSession } from "../../../../../provider/openstack/client/keystone";
import {
    createNetwork,
    createSubnet,
    neutronClient,
    overQuotaMessage,
} from "../../../../../provider/openstack/client/neutron";
import { FakeCloud, fakeCloud, NeutronReply, PROJECT } from "../../../../support/fakeCloud";

/** Neutron's answer to a create beyond the project's quota of `resource`. */
const overQuota = (resource: string) => ({
    status: 409,
    body: {
        NeutronError: { type: "OverQuota", message: `Quota exceeded for resources: ['${resource}'].`, detail: "" },
    },
});

const QUOTA_PATH = `/v2.0/quotas/${PROJECT.id}/details`;

/** Quota details as Neutron reports them: networks and subnets with their limit, use and reservations. */
const details = {
    status: 200,
    body: {
        quota: {
            network: { limit: 10, used: 10, reserved: 0 },
            subnet: { limit: 20, used: 19, reserved: 1 },
            port: { limit: 50, used: 3, reserved: 0 },
        },
    },
};

describe("Neutron quota refusals", () => {
    it("name the quota, the project, its limit and use, and the command that raises it enough", () => {
        assert.equal(
            overQuotaMessage("network", "provider-100", PROJECT, { limit: 10, used: 10, reserved: 0 }, "Quota …"),
            `Neutron refused to create network "provider-100": project "demo" (${PROJECT.id}) has used 10 of its ` +
                "network quota of 10, and this stack needs at least one more network: raise it with " +
                `"openstack quota set --networks 11 ${PROJECT.id}"`,
        );
        assert.equal(
            overQuotaMessage("subnet", "provider-100-v4", PROJECT, { limit: 20, used: 19, reserved: 1 }, "Quota …"),
            `Neutron refused to create subnet "provider-100-v4": project "demo" (${PROJECT.id}) has used 19 (and ` +
                "reserved 1) of its subnet quota of 20, and this stack needs at least one more subnet: raise it " +
                `with "openstack quota set --subnets 21 ${PROJECT.id}"`,
        );
    });

    it("say how to read the limit when the quota could not be read", () => {
        assert.equal(
            overQuotaMessage(
                "network",
                "provider-100",
                PROJECT,
                undefined,
                "Quota exceeded for resources: ['network'].",
            ),
            `Neutron refused to create network "provider-100": project "demo" (${PROJECT.id}) has used up its ` +
                "network quota (Quota exceeded for resources: ['network'].), and this stack needs at least one more " +
                `network: see its limit with "openstack quota show ${PROJECT.id}" and raise it with ` +
                `"openstack quota set --networks <limit + 1> ${PROJECT.id}"`,
        );
    });

    describe("against a fake Neutron", () => {
        let cloud: FakeCloud | undefined;

        afterEach(async () => {
            await cloud?.close();
            cloud = undefined;
        });

        async function client(neutron: NeutronReply) {
            cloud = await fakeCloud(neutron);
            return neutronClient(
                new KeystoneSession({ authUrl: cloud.authUrl, userName: "u", password: "p", interface: "public" }),
            );
        }

        /** The rejection of `promise`. */
        async function failure(promise: Promise<unknown>): Promise<Error> {
            return promise.then(
                () => assert.fail("the create succeeded"),
                (e: Error) => e,
            );
        }

        it("reads the project's quota once, only when a create is over it", async () => {
            const neutron = await client((method, path) =>
                method === "POST" ? overQuota(path === "/v2.0/networks" ? "network" : "subnet") : details,
            );
            const err = await failure(createNetwork(neutron, { name: "provider-100" }));
            assert.equal(
                err.message,
                `Neutron refused to create network "provider-100": project "demo" (${PROJECT.id}) has used 10 of ` +
                    "its network quota of 10, and this stack needs at least one more network: raise it with " +
                    `"openstack quota set --networks 11 ${PROJECT.id}"`,
            );
            assert.ok(err.cause instanceof OpenStackError && err.cause.errorType === "OverQuota");
            const subnet = { network_id: "n1", name: "provider-100-v4", cidr: "10.0.0.0/24", ip_version: 4 as const };
            assert.match((await failure(createSubnet(neutron, subnet))).message, /--subnets 21 /);
            assert.deepEqual(cloud!.requests, [
                "POST /v3/auth/tokens",
                "POST /v2.0/networks",
                `GET ${QUOTA_PATH}`,
                "POST /v2.0/subnets",
                `GET ${QUOTA_PATH}`,
            ]);
        });

        it("still names the quota and the project when the quota cannot be read", async () => {
            const neutron = await client((method) =>
                method === "POST" ? overQuota("network") : { status: 403, body: { NeutronError: {} } },
            );
            assert.equal(
                (await failure(createNetwork(neutron, { name: "provider-100" }))).message,
                `Neutron refused to create network "provider-100": project "demo" (${PROJECT.id}) has used up its ` +
                    "network quota (Quota exceeded for resources: ['network'].), and this stack needs at least one " +
                    `more network: see its limit with "openstack quota show ${PROJECT.id}" and raise it with ` +
                    `"openstack quota set --networks <limit + 1> ${PROJECT.id}"`,
            );
            assert.deepEqual(cloud!.requests.slice(1), ["POST /v2.0/networks", `GET ${QUOTA_PATH}`]);
        });

        it("leaves other refusals as Neutron gave them, without reading the quota", async () => {
            const inUse = { NeutronError: { type: "VlanIdInUse", message: "The VLAN 100 is in use." } };
            const neutron = await client(() => ({ status: 409, body: inUse }));
            const err = await failure(createNetwork(neutron, { name: "provider-100" }));
            assert.ok(err instanceof OpenStackError && err.errorType === "VlanIdInUse", String(err));
            assert.deepEqual(cloud!.requests.slice(1), ["POST /v2.0/networks"]);
        });
    });
});
