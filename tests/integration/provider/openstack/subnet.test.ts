import * as assert from "node:assert/strict";
import type { Lab } from "../../../../lab/lab";
import { ownerMarker } from "../../../../model/owner";
import { openstackSession } from "../../../../provider/openstack/connection";
import { provider as networks } from "../../../../provider/openstack/providerNetwork";
import { provider } from "../../../../provider/openstack/subnet";
import type { SubnetState } from "../../../../sdk/openstack/subnet";
import {
    configureProvidersForLab,
    neutronIdsNamed,
    openstackCalls,
    openstackCliQuiet,
    sharedLab,
    showSubnet,
    trackedCreate,
    uniqueName,
    withLossyEndpoint,
} from "../../../support/lab";

describe("openstack.Subnet provider against the lab's Neutron", () => {
    let lab: Lab;
    let neutron: string;
    let networkId: string;
    const { create, deleteAll } = trackedCreate(provider);

    before(async () => {
        lab = await sharedLab();
        configureProvidersForLab(lab);
        neutron = `127.0.0.1:${lab.openstack.ports.neutron}`;
        await openstackSession().projectId(); // authenticated before any call is counted
        networkId = (await networks.create({ name: uniqueName("it-subnets"), physicalNetwork: "physnet1" })).id;
    });

    after(async () => {
        await deleteAll();
        await networks.delete(networkId);
    });

    it("creates a subnet with every field set in one request, and reads it back the same in one", async () => {
        const inputs = {
            networkId,
            name: uniqueName("it-subnet"),
            cidr: "10.10.0.0/24",
            ipVersion: 4 as const,
            gatewayIp: "10.10.0.254",
            allocationPools: [
                { start: "10.10.0.100", end: "10.10.0.199" },
                { start: "10.10.0.10", end: "10.10.0.49" },
            ],
            dnsNameservers: ["10.10.0.54", "10.10.0.53"],
            hostRoutes: [
                { destination: "198.51.100.0/24", nextHop: "10.10.0.2" },
                { destination: "192.0.2.0/24", nextHop: "10.10.0.1" },
            ],
            enableDhcp: false,
            description: "every field",
        };
        const { value: result, calls } = await openstackCalls(() => create(inputs));
        assert.deepEqual(calls, { [`POST ${neutron}`]: 1 });
        const { id, outs } = result;
        assert.match(id, /^[0-9a-f-]{36}$/);
        assert.deepEqual(outs, {
            ...inputs,
            noGateway: false,
            allocationPools: [inputs.allocationPools[1], inputs.allocationPools[0]],
            hostRoutes: [inputs.hostRoutes[1], inputs.hostRoutes[0]],
        });
        const live = await showSubnet(lab, id);
        assert.deepEqual(
            {
                name: live.name,
                network: live.network_id,
                cidr: live.cidr,
                version: live.ip_version,
                gateway: live.gateway_ip,
                dns: live.dns_nameservers,
                dhcp: live.enable_dhcp,
                description: live.description,
            },
            {
                name: inputs.name,
                network: networkId,
                cidr: "10.10.0.0/24",
                version: 4,
                gateway: "10.10.0.254",
                dns: ["10.10.0.54", "10.10.0.53"],
                dhcp: false,
                description: "every field",
            },
        );
        assert.deepEqual(
            new Set(live.allocation_pools.map((p) => `${p.start}-${p.end}`)),
            new Set(["10.10.0.10-10.10.0.49", "10.10.0.100-10.10.0.199"]),
        );
        assert.deepEqual(
            new Set(live.host_routes.map((r) => `${r.destination} via ${r.nexthop}`)),
            new Set(["198.51.100.0/24 via 10.10.0.2", "192.0.2.0/24 via 10.10.0.1"]),
        );
        const read = await openstackCalls(() => provider.read(id));
        assert.deepEqual(read, { value: { id, props: outs }, calls: { [`GET ${neutron}`]: 1 } });
        assert.deepEqual(await provider.diff(id, outs, inputs), {
            changes: false,
            replaces: [],
            deleteBeforeReplace: true,
        });
    });

    it("gets the gateway, pools and IP version Neutron picks, equal to the ones worked out, without a diff", async () => {
        const cases: [object, Partial<SubnetState>][] = [
            [
                { cidr: "10.11.0.0/24" },
                { ipVersion: 4, gatewayIp: "10.11.0.1", allocationPools: [{ start: "10.11.0.2", end: "10.11.0.254" }] },
            ],
            [
                { cidr: "10.12.0.0/24", gatewayIp: "10.12.0.129" },
                {
                    ipVersion: 4,
                    gatewayIp: "10.12.0.129",
                    allocationPools: [
                        { start: "10.12.0.1", end: "10.12.0.128" },
                        { start: "10.12.0.130", end: "10.12.0.254" },
                    ],
                },
            ],
            [
                { cidr: "10.13.0.0/24", noGateway: true },
                { ipVersion: 4, gatewayIp: null, allocationPools: [{ start: "10.13.0.1", end: "10.13.0.254" }] },
            ],
            [
                { cidr: "2001:db8:13::/64" },
                {
                    ipVersion: 6,
                    gatewayIp: "2001:db8:13::",
                    allocationPools: [{ start: "2001:db8:13::1", end: "2001:db8:13:0:ffff:ffff:ffff:ffff" }],
                },
            ],
        ];
        for (const [layout, expected] of cases) {
            const inputs = { networkId, name: uniqueName("it-subnet"), ...layout } as Parameters<typeof create>[0];
            const { id, outs } = await create(inputs);
            assert.deepEqual(
                outs,
                {
                    networkId,
                    name: inputs.name,
                    cidr: inputs.cidr,
                    noGateway: expected.gatewayIp === null,
                    dnsNameservers: [],
                    hostRoutes: [],
                    enableDhcp: true,
                    description: "",
                    ...expected,
                },
                JSON.stringify(layout),
            );
            assert.deepEqual(await provider.read(id), { id, props: outs });
            assert.equal((await provider.diff(id, outs, inputs)).changes, false, JSON.stringify(layout));
        }
    });

    it("writes IPv6 addresses canonically, so that other spellings show no diff", async () => {
        const inputs = {
            networkId,
            name: uniqueName("it-subnet"),
            cidr: "2001:DB8:14:0::/64",
            gatewayIp: "2001:db8:14:0:0:0:0:FFFE",
            allocationPools: [{ start: "2001:db8:14::0010", end: "2001:db8:14::00ff" }],
            dnsNameservers: ["2001:DB8::53"],
            hostRoutes: [{ destination: "2001:DB8:99::/48", nextHop: "2001:db8:14::0:1" }],
        };
        const { id, outs } = await create(inputs);
        assert.deepEqual(outs, {
            networkId,
            name: inputs.name,
            cidr: "2001:db8:14::/64",
            ipVersion: 6,
            gatewayIp: "2001:db8:14::fffe",
            noGateway: false,
            allocationPools: [{ start: "2001:db8:14::10", end: "2001:db8:14::ff" }],
            dnsNameservers: ["2001:db8::53"],
            hostRoutes: [{ destination: "2001:db8:99::/48", nextHop: "2001:db8:14::1" }],
            enableDhcp: true,
            description: "",
        });
        assert.deepEqual(await provider.read(id), { id, props: outs });
        assert.equal((await provider.diff(id, outs, inputs)).changes, false);
    });

    it("updates every in-place field in one request, keeping the id", async () => {
        const inputs = { networkId, name: uniqueName("it-subnet"), cidr: "10.15.0.0/24" };
        const { id, outs } = await create(inputs);
        const news = {
            ...inputs,
            name: `${inputs.name}-renamed`,
            gatewayIp: "10.15.0.254",
            allocationPools: [{ start: "10.15.0.20", end: "10.15.0.30" }],
            dnsNameservers: ["10.15.0.53", "10.15.0.52"],
            hostRoutes: [{ destination: "198.51.100.0/24", nextHop: "10.15.0.2" }],
            enableDhcp: false,
            description: "changed in place",
        };
        assert.deepEqual(await provider.diff(id, outs, news), {
            changes: true,
            replaces: [],
            deleteBeforeReplace: true,
        });
        const { value: update, calls: updateCalls } = await openstackCalls(() => provider.update(id, outs, news));
        assert.deepEqual(updateCalls, { [`PUT ${neutron}`]: 1 });
        const updated = update.outs!;
        assert.deepEqual(updated, { ...news, ipVersion: 4, noGateway: false });
        const live = await showSubnet(lab, id);
        assert.equal(live.id, id);
        assert.deepEqual(
            [
                live.name,
                live.gateway_ip,
                live.allocation_pools,
                live.dns_nameservers,
                live.enable_dhcp,
                live.description,
            ],
            [news.name, "10.15.0.254", news.allocationPools, news.dnsNameservers, false, "changed in place"],
        );
        assert.deepEqual(live.host_routes, [{ destination: "198.51.100.0/24", nexthop: "10.15.0.2" }]);
        assert.deepEqual(await provider.read(id), { id, props: updated });

        const { outs: reordered } = await provider.update(id, updated, {
            ...news,
            dnsNameservers: ["10.15.0.52", "10.15.0.53"],
        });
        assert.deepEqual(reordered!.dnsNameservers, ["10.15.0.52", "10.15.0.53"]);
        assert.deepEqual((await showSubnet(lab, id)).dns_nameservers, ["10.15.0.52", "10.15.0.53"]);
    });

    it("takes the gateway away and gives it back, with the pools Neutron would make", async () => {
        const inputs = { networkId, name: uniqueName("it-subnet"), cidr: "10.16.0.0/24" };
        const { id, outs } = await create(inputs);
        const { outs: without } = await provider.update(id, outs, { ...inputs, noGateway: true });
        assert.deepEqual(
            [without!.gatewayIp, without!.noGateway, without!.allocationPools],
            [null, true, [{ start: "10.16.0.1", end: "10.16.0.254" }]],
        );
        assert.equal((await showSubnet(lab, id)).gateway_ip, null);
        assert.equal((await provider.diff(id, without!, { ...inputs, noGateway: true })).changes, false);

        assert.equal((await provider.diff(id, without!, inputs)).changes, true);
        const { outs: back } = await provider.update(id, without!, inputs);
        assert.deepEqual(back, outs);
        assert.equal((await provider.diff(id, back!, inputs)).changes, false);
    });

    it("declares a change of network, CIDR or IP version a replacement", async () => {
        const inputs = { networkId, name: uniqueName("it-subnet"), cidr: "10.17.0.0/24" };
        const { id, outs } = await create(inputs);
        const replaces = async (change: object) => (await provider.diff(id, outs, { ...inputs, ...change })).replaces;
        assert.deepEqual(await replaces({ cidr: "10.17.0.0/23" }), ["cidr"]);
        assert.deepEqual(await replaces({ networkId: "e0b0a0c0-0000-4000-8000-000000000000" }), ["networkId"]);
        assert.deepEqual(await replaces({ cidr: "2001:db8:17::/64" }), ["cidr", "ipVersion"]);
    });

    it("passes on Neutron's refusal of a CIDR overlapping another subnet of the network", async () => {
        await create({ networkId, name: uniqueName("it-subnet"), cidr: "10.18.0.0/24" });
        await assert.rejects(provider.create({ networkId, name: uniqueName("it-subnet"), cidr: "10.18.0.0/25" }), {
            message: new RegExp(
                `HTTP 400 \\(expected 201\\) InvalidInput: Invalid input for operation: Requested subnet with cidr: ` +
                    `10\\.18\\.0\\.0/25 for network: ${networkId} overlaps with another subnet\\.$`,
            ),
        });
    });

    it("takes the subnet a lost create answer made instead of making a second one", async () => {
        const inputs = { networkId, name: uniqueName("it-subnet"), cidr: "10.19.0.0/24" };
        await withLossyEndpoint(
            lab,
            "network",
            lab.openstack.ports.neutron,
            "",
            (method, path) => method === "POST" && path === "/v2.0/subnets",
            async (proxy) => {
                const { id, outs } = await create(inputs);
                assert.equal(proxy.dropped(), 1);
                assert.deepEqual(await neutronIdsNamed(lab, "subnet", inputs.name), [id]);
                assert.equal(outs.cidr, "10.19.0.0/24");
            },
        );
    });

    it("deletes a subnet that is already gone, and reads it as gone", async () => {
        const name = uniqueName("it-subnet");
        const { id } = await create({ networkId, name, cidr: "10.20.0.0/24" });
        await provider.delete(id);
        assert.deepEqual(await neutronIdsNamed(lab, "subnet", name), []);
        assert.deepEqual(await provider.read(id), {});
        await provider.delete(id);
    });

    it("marks what it creates in its description, takes it over after a lost create, and refuses others' without adopt", async () => {
        const name = uniqueName("it-subnet-own");
        const owner = ownerMarker("it-owner", "dev", "openstack:Subnet", name);
        const inputs = { networkId, name, cidr: "10.30.0.0/24", owner };
        const { value: first, calls } = await openstackCalls(() => create(inputs));
        // The marker is part of the create: no second call.
        assert.deepEqual(calls, { [`POST ${neutron}`]: 1 });
        assert.equal((await showSubnet(lab, first.id)).description, owner);
        assert.equal(first.outs.description, "");
        assert.deepEqual(await provider.read(first.id), { id: first.id, props: first.outs });
        assert.equal((await provider.diff(first.id, first.outs, inputs)).changes, false);

        // The state lost the create: Neutron refuses the overlapping CIDR, and the subnet is taken over.
        const again = await openstackCalls(() => provider.create({ ...inputs, dnsNameservers: ["10.30.0.53"] }));
        assert.equal(again.value.id, first.id);
        assert.deepEqual(again.value.outs!.dnsNameservers, ["10.30.0.53"]);
        assert.deepEqual(await neutronIdsNamed(lab, "subnet", name), [first.id]);
        // The refused create, the list of the network's subnets of that CIDR, the update.
        assert.deepEqual(again.calls, { [`POST ${neutron}`]: 1, [`GET ${neutron}`]: 1, [`PUT ${neutron}`]: 1 });
        assert.equal((await showSubnet(lab, first.id)).description, owner);

        // An update of the description keeps the marker.
        const described = { ...inputs, dnsNameservers: ["10.30.0.53"], description: "site A" };
        const updated = await provider.update(first.id, again.value.outs!, described);
        assert.equal(updated.outs!.description, "site A");
        assert.equal((await showSubnet(lab, first.id)).description, `site A ${owner}`);

        const taken = (whose: string) =>
            `CIDR 10.30.0.0/24 of network ${networkId} is already subnet "${name}" (${first.id}): ${whose}; ` +
            `set adopt: true to take it over as this subnet, or choose another CIDR`;
        await openstackCliQuiet(lab, "subnet", "set", "--description", "site A", first.id);
        await assert.rejects(provider.create(inputs), { message: taken("it carries no owner marker of this library") });
        const theirs = ownerMarker("it-owner", "prod", "openstack:Subnet", name);
        await openstackCliQuiet(lab, "subnet", "set", "--description", theirs, first.id);
        await assert.rejects(provider.create(inputs), {
            message: taken(`resource openstack:Subnet "${name}" of stack prod in project it-owner created it`),
        });

        // Adopting it renames it and marks it as this resource's.
        const adopted = await provider.create({ ...described, name: `${name}-adopted`, adopt: true });
        assert.equal(adopted.id, first.id);
        assert.equal(adopted.outs!.name, `${name}-adopted`);
        assert.equal(adopted.outs!.description, "site A");
        assert.equal((await showSubnet(lab, first.id)).description, `site A ${owner}`);
        assert.deepEqual(await neutronIdsNamed(lab, "subnet", `${name}-adopted`), [first.id]);
    });

    it("takes over the subnet whose create went through though its answer was lost, with the same id", async () => {
        const name = uniqueName("it-subnet-own");
        const owner = ownerMarker("it-owner", "dev", "openstack:Subnet", name);
        const inputs = { networkId, name, cidr: "10.31.0.0/24", description: "lost answer", owner };
        const first = await create(inputs);
        assert.equal((await showSubnet(lab, first.id)).description, `lost answer ${owner}`);

        // What the state never recorded is created again: Neutron refuses the CIDR, held by this subnet.
        const again = await openstackCalls(() => provider.create(inputs));
        assert.deepEqual(again.value, { id: first.id, outs: first.outs });
        // The refused create and the list of the network's subnets of that CIDR; no update is needed.
        assert.deepEqual(again.calls, { [`POST ${neutron}`]: 1, [`GET ${neutron}`]: 1 });
        assert.deepEqual(await neutronIdsNamed(lab, "subnet", name), [first.id]);
    });
});
