import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import type { Lab } from "../../../../lab/lab";
import { fitOwner, ownerMarker } from "../../../../model/owner";
import { openstackSession } from "../../../../provider/openstack/connection";
import { provider } from "../../../../provider/openstack/providerNetwork";
import {
    configureProvidersForLab,
    neutronIdsNamed,
    openstackCalls,
    openstackCli,
    openstackCliQuiet,
    sharedLab,
    showNetwork,
    trackedCreate,
    uniqueName,
    withLossyEndpoint,
} from "../../../support/lab";

/** The lab's `network_vlan_ranges` is physnet1:100:2000; tests choose VLANs above it, which admins may use. */
function freeVlan(): number {
    return 2001 + crypto.randomInt(2094);
}

/** What a network created with only a name, physnet1 and a VLAN has. */
const DEFAULTS = {
    networkType: "vlan",
    physicalNetwork: "physnet1",
    shared: false,
    external: false,
    mtu: 9000,
    adminStateUp: true,
    portSecurityEnabled: true,
    description: "",
} as const;

describe("openstack.ProviderNetwork provider against the lab's Neutron", () => {
    let lab: Lab;
    let neutron: string;
    const { create, deleteAll } = trackedCreate(provider);

    before(async () => {
        lab = await sharedLab();
        configureProvidersForLab(lab);
        neutron = `127.0.0.1:${lab.openstack.ports.neutron}`;
        await openstackSession().projectId(); // authenticated before any call is counted
    });

    after(async () => {
        await deleteAll();
    });

    it("creates a network with every field set in one request, and reads it back the same in one", async () => {
        const inputs = {
            name: uniqueName("it-net"),
            physicalNetwork: "physnet1",
            segmentationId: freeVlan(),
            shared: true,
            external: true,
            mtu: 1400,
            adminStateUp: false,
            portSecurityEnabled: false,
            description: "every field",
        };
        const { value: result, calls } = await openstackCalls(() => create(inputs));
        assert.deepEqual(calls, { [`POST ${neutron}`]: 1 });
        const { id, outs } = result;
        assert.match(id, /^[0-9a-f-]{36}$/);
        assert.deepEqual(outs, { ...inputs, networkType: "vlan" });
        const live = await showNetwork(lab, id);
        assert.deepEqual(
            {
                name: live.name,
                type: live["provider:network_type"],
                physnet: live["provider:physical_network"],
                vlan: live["provider:segmentation_id"],
                shared: live.shared,
                external: live["router:external"],
                mtu: live.mtu,
                up: live.admin_state_up,
                portSecurity: live.port_security_enabled,
                description: live.description,
            },
            {
                name: inputs.name,
                type: "vlan",
                physnet: "physnet1",
                vlan: inputs.segmentationId,
                shared: true,
                external: true,
                mtu: 1400,
                up: false,
                portSecurity: false,
                description: "every field",
            },
        );
        const read = await openstackCalls(() => provider.read(id));
        assert.deepEqual(read, { value: { id, props: outs }, calls: { [`GET ${neutron}`]: 1 } });
        assert.deepEqual(await provider.diff(id, outs, inputs), {
            changes: false,
            replaces: [],
            deleteBeforeReplace: false,
        });
    });

    it("fills in Neutron's defaults, which read back the same and show no diff", async () => {
        const inputs = { name: uniqueName("it-net"), physicalNetwork: "physnet1", segmentationId: freeVlan() };
        const { id, outs } = await create(inputs);
        assert.deepEqual(outs, { ...DEFAULTS, name: inputs.name, segmentationId: inputs.segmentationId });
        assert.deepEqual(await provider.read(id), { id, props: outs });
        assert.equal((await provider.diff(id, outs, inputs)).changes, false);
    });

    it("keeps the VLAN Neutron assigns when none is declared, without a diff", async () => {
        const inputs = { name: uniqueName("it-net"), physicalNetwork: "physnet1" };
        const { id, outs } = await create(inputs);
        const vlan = outs.segmentationId!;
        assert.ok(Number.isInteger(vlan) && vlan >= 100 && vlan <= 2000, `assigned VLAN ${vlan} is in 100-2000`);
        assert.equal((await showNetwork(lab, id))["provider:segmentation_id"], vlan);
        assert.deepEqual(await provider.read(id), { id, props: outs });
        assert.deepEqual(await provider.diff(id, outs, inputs), {
            changes: false,
            replaces: [],
            deleteBeforeReplace: false,
        });
        assert.deepEqual((await provider.diff(id, outs, { ...inputs, segmentationId: vlan })).changes, false);
    });

    it("updates every in-place field in one request, keeping the id, and back to the defaults", async () => {
        const inputs = { name: uniqueName("it-net"), physicalNetwork: "physnet1", segmentationId: freeVlan() };
        const { id, outs } = await create(inputs);
        const news = {
            ...inputs,
            name: `${inputs.name}-renamed`,
            shared: true,
            external: true,
            mtu: 1450,
            adminStateUp: false,
            portSecurityEnabled: false,
            description: "changed in place",
        };
        assert.deepEqual(await provider.diff(id, outs, news), {
            changes: true,
            replaces: [],
            deleteBeforeReplace: false,
        });
        const { value: update, calls: updateCalls } = await openstackCalls(() => provider.update(id, outs, news));
        assert.deepEqual(updateCalls, { [`PUT ${neutron}`]: 1 });
        const updated = update.outs!;
        assert.deepEqual(updated, { ...news, networkType: "vlan" });
        const live = await showNetwork(lab, id);
        assert.equal(live.id, id);
        assert.deepEqual(
            [
                live.name,
                live.shared,
                live["router:external"],
                live.mtu,
                live.admin_state_up,
                live.port_security_enabled,
            ],
            [news.name, true, true, 1450, false, false],
        );
        assert.equal(live.description, "changed in place");
        assert.deepEqual(await provider.read(id), { id, props: updated });

        const { outs: restored } = await provider.update(id, updated, { ...inputs, mtu: DEFAULTS.mtu });
        assert.deepEqual(restored, { ...DEFAULTS, name: inputs.name, segmentationId: inputs.segmentationId });
    });

    it("declares a change of VLAN, type or physical network a replacement", async () => {
        const inputs = { name: uniqueName("it-net"), physicalNetwork: "physnet1", segmentationId: freeVlan() };
        const { id, outs } = await create(inputs);
        const replaces = async (change: object) => (await provider.diff(id, outs, { ...inputs, ...change })).replaces;
        assert.deepEqual(await replaces({ segmentationId: inputs.segmentationId + 1 }), ["segmentationId"]);
        assert.deepEqual(await replaces({ physicalNetwork: "physnet2" }), ["physicalNetwork"]);
        assert.deepEqual(await replaces({ networkType: "flat", segmentationId: undefined }), ["networkType"]);
    });

    it("fails on a VLAN already in use, naming the network that holds it", async () => {
        const vlan = freeVlan();
        const holder = await create({
            name: uniqueName("it-net-holder"),
            physicalNetwork: "physnet1",
            segmentationId: vlan,
        });
        const name = uniqueName("it-net");
        await assert.rejects(
            provider.create({ name, physicalNetwork: "physnet1", segmentationId: vlan }),
            (err: Error) => {
                assert.equal(
                    err.message,
                    `VLAN ${vlan} on physical network physnet1 is already used by network "${holder.outs.name}" (${holder.id})`,
                );
                assert.match(String((err.cause as Error).message), /HTTP 409 \(expected 201\) VlanIdInUse: /);
                return true;
            },
        );
        assert.deepEqual(await neutronIdsNamed(lab, "network", name), []);
    });

    it("passes on Neutron's refusals that preview cannot know: an unknown physical network, an MTU too big", async () => {
        await assert.rejects(
            provider.create({ name: uniqueName("it-net"), physicalNetwork: "physnet9", segmentationId: freeVlan() }),
            {
                message:
                    /^POST http:\/\/127\.0\.0\.1:\d+\/v2\.0\/networks: HTTP 400 \(expected 201\) InvalidInput: Invalid input for operation: physical_network 'physnet9' unknown for VLAN provider network\.$/,
            },
        );
        await assert.rejects(
            provider.create({
                name: uniqueName("it-net"),
                physicalNetwork: "physnet1",
                segmentationId: freeVlan(),
                mtu: 9216,
            }),
            {
                message:
                    /HTTP 400 \(expected 201\) InvalidInput: Invalid input for operation: Requested MTU is too big, maximum is 9000\.$/,
            },
        );
    });

    it("creates a flat network, and names the flat network that already holds the physical network", async () => {
        const inputs = { name: uniqueName("it-flat"), networkType: "flat" as const, physicalNetwork: "physnet1" };
        const { id, outs } = await create(inputs);
        assert.deepEqual(outs, { ...DEFAULTS, name: inputs.name, networkType: "flat", segmentationId: null });
        assert.deepEqual(await provider.read(id), { id, props: outs });
        assert.equal((await provider.diff(id, outs, inputs)).changes, false);
        await assert.rejects(provider.create({ ...inputs, name: uniqueName("it-flat") }), {
            message: `physical network physnet1 already has a flat network: "${inputs.name}" (${id})`,
        });
        await provider.delete(id);
    });

    /**
     * Creates the network while the answer to its POST is lost, and checks that exactly one network of that
     * name exists, the one the provider returned.
     */
    async function createWithLostAnswer(inputs: { name: string; physicalNetwork: string; segmentationId?: number }) {
        let created: Awaited<ReturnType<typeof create>> | undefined;
        const createsNetwork = (method: string, path: string) => method === "POST" && path === "/v2.0/networks";
        await withLossyEndpoint(lab, "network", lab.openstack.ports.neutron, "", createsNetwork, async (proxy) => {
            created = await create(inputs);
            assert.equal(proxy.dropped(), 1);
        });
        assert.deepEqual(await neutronIdsNamed(lab, "network", inputs.name), [created!.id]);
        return created!;
    }

    it("takes the network a lost create answer made instead of making a second one", async () => {
        const inputs = { name: uniqueName("it-net"), physicalNetwork: "physnet1", segmentationId: freeVlan() };
        const { outs } = await createWithLostAnswer(inputs);
        assert.deepEqual(outs, { ...DEFAULTS, ...inputs });
    });

    it("takes the one new network after a lost answer when Neutron picks the VLAN", async () => {
        const { id, outs } = await createWithLostAnswer({ name: uniqueName("it-net"), physicalNetwork: "physnet1" });
        assert.equal((await showNetwork(lab, id))["provider:segmentation_id"], outs.segmentationId);
    });

    /** A VLAN network on physnet1 made with the openstack CLI; Neutron picks the VLAN when none is given. */
    async function cliVlanNetwork(name: string, vlan?: number): Promise<{ id: string }> {
        const segment = vlan === undefined ? [] : ["--provider-segment", String(vlan)];
        const args = ["--provider-network-type", "vlan", "--provider-physical-network", "physnet1", ...segment];
        return (await openstackCli(lab, "network", "create", ...args, name)) as { id: string };
    }

    it("adopts a network made outside the stack and sets what may change", async () => {
        const name = uniqueName("it-net");
        const vlan = freeVlan();
        const made = await cliVlanNetwork(name, vlan);
        const { id, outs } = await create({
            name,
            physicalNetwork: "physnet1",
            segmentationId: vlan,
            shared: true,
            adopt: true,
        });
        assert.equal(id, made.id);
        assert.deepEqual(outs, { ...DEFAULTS, name, segmentationId: vlan, shared: true });
        assert.equal((await showNetwork(lab, id)).shared, true);
        await provider.delete(id);
    });

    it("refuses to adopt a network whose VLAN differs, or a name that several networks share", async () => {
        const name = uniqueName("it-net");
        const vlan = freeVlan();
        const first = await cliVlanNetwork(name, vlan);
        try {
            await assert.rejects(create({ name, physicalNetwork: "physnet1", segmentationId: vlan + 1, adopt: true }), {
                message:
                    `network "${name}" (${first.id}) exists with segmentationId ${vlan} (declared ${vlan + 1}); ` +
                    "these cannot change in place, so declare its values or delete the network first",
            });
            const second = await cliVlanNetwork(name);
            try {
                await assert.rejects(create({ name, physicalNetwork: "physnet1", adopt: true }), (err: Error) => {
                    assert.match(
                        err.message,
                        new RegExp(`^cannot adopt network "${name}": Neutron has 2 networks of that name \\(`),
                    );
                    assert.ok(err.message.includes(first.id) && err.message.includes(second.id));
                    return true;
                });
            } finally {
                await openstackCliQuiet(lab, "network", "delete", second.id);
            }
        } finally {
            await openstackCliQuiet(lab, "network", "delete", first.id);
        }
    });

    it("deletes a network that is already gone, and reads it as gone", async () => {
        const name = uniqueName("it-net");
        const { id } = await create({ name, physicalNetwork: "physnet1" });
        await provider.delete(id);
        assert.deepEqual(await neutronIdsNamed(lab, "network", name), []);
        assert.deepEqual(await provider.read(id), {});
        await provider.delete(id);
    });

    it("marks what it creates in its description, takes it over after a lost create, and refuses others' without adopt", async () => {
        const name = uniqueName("it-net-own");
        const owner = ownerMarker("it-owner", "dev", "openstack:ProviderNetwork", name);
        const inputs = { name, physicalNetwork: "physnet1", segmentationId: freeVlan(), description: "site A", owner };
        const { value: first, calls } = await openstackCalls(() => create(inputs));
        // The marker is part of the create: no second call.
        assert.deepEqual(calls, { [`POST ${neutron}`]: 1 });
        assert.equal((await showNetwork(lab, first.id)).description, `site A ${owner}`);
        assert.equal(first.outs.description, "site A");
        assert.deepEqual(await provider.read(first.id), { id: first.id, props: first.outs });
        assert.equal((await provider.diff(first.id, first.outs, inputs)).changes, false);

        // The state lost the create: the same create again takes the network over, with no duplicate.
        const again = await openstackCalls(() => provider.create({ ...inputs, description: "recovered" }));
        assert.equal(again.value.id, first.id);
        assert.equal(again.value.outs!.description, "recovered");
        assert.equal((await showNetwork(lab, first.id)).description, `recovered ${owner}`);
        assert.deepEqual(await neutronIdsNamed(lab, "network", name), [first.id]);
        // The refused create, the list of the segment's holders, the update of the description.
        assert.deepEqual(again.calls, { [`POST ${neutron}`]: 1, [`GET ${neutron}`]: 1, [`PUT ${neutron}`]: 1 });

        // An update of the description keeps the marker, alone when the description is emptied.
        const emptied = await provider.update(first.id, again.value.outs!, { ...inputs, description: "" });
        assert.equal(emptied.outs!.description, "");
        assert.equal((await showNetwork(lab, first.id)).description, owner);

        const taken = (whose: string) =>
            `VLAN ${inputs.segmentationId} on physical network physnet1 is already used by network "${name}" ` +
            `(${first.id}): ${whose}; set adopt: true to take it over as this network, or choose another VLAN`;
        await openstackCliQuiet(lab, "network", "set", "--description", "made by hand", first.id);
        await assert.rejects(provider.create(inputs), { message: taken("it carries no owner marker of this library") });
        const theirs = ownerMarker("it-owner", "prod", "openstack:ProviderNetwork", name);
        await openstackCliQuiet(lab, "network", "set", "--description", `site A ${theirs}`, first.id);
        await assert.rejects(provider.create(inputs), {
            message: taken(`resource openstack:ProviderNetwork "${name}" of stack prod in project it-owner created it`),
        });

        // Adopting it marks it as this resource's, whose declared description it already has.
        const adopted = await openstackCalls(() => provider.create({ ...inputs, adopt: true }));
        assert.equal(adopted.value.id, first.id);
        assert.equal(adopted.value.outs!.description, "site A");
        assert.equal((await showNetwork(lab, first.id)).description, `site A ${owner}`);
        assert.deepEqual(adopted.calls, { [`GET ${neutron}`]: 1, [`PUT ${neutron}`]: 1 });
        assert.deepEqual(await neutronIdsNamed(lab, "network", name), [first.id]);
    });

    it("takes over the network whose create went through though its answer was lost, with the same id", async () => {
        // A project name long enough that the marker is shortened to fit Neutron's description.
        const name = uniqueName("it-net-own");
        const owner = ownerMarker(`it-owner-${"p".repeat(100)}`, "dev", "openstack:ProviderNetwork", name);
        const marker = fitOwner(owner, 127);
        assert.equal(marker.length, 127);
        const inputs = {
            name,
            physicalNetwork: "physnet1",
            segmentationId: freeVlan(),
            description: "d".repeat(127),
            owner,
        };
        const first = await create(inputs);
        assert.equal((await showNetwork(lab, first.id)).description, `${"d".repeat(127)} ${marker}`);

        // What the state never recorded is created again: Neutron refuses the VLAN, held by this network.
        const again = await openstackCalls(() => provider.create(inputs));
        assert.deepEqual(again.value, { id: first.id, outs: first.outs });
        // The refused create and the list of the segment's holders; the network is as declared already.
        assert.deepEqual(again.calls, { [`POST ${neutron}`]: 1, [`GET ${neutron}`]: 1 });
        assert.deepEqual(await neutronIdsNamed(lab, "network", name), [first.id]);
    });

    it("takes over its own network on a VLAN Neutron chose, found among the networks of its name", async () => {
        const name = uniqueName("it-net-own");
        const owner = ownerMarker("it-owner", "dev", "openstack:ProviderNetwork", name);
        const first = await create({ name, physicalNetwork: "physnet1", owner });
        const again = await openstackCalls(() => provider.create({ name, physicalNetwork: "physnet1", owner }));
        assert.equal(again.value.id, first.id);
        assert.deepEqual(again.value.outs, first.outs);
        assert.deepEqual(again.calls, { [`GET ${neutron}`]: 1 });
        assert.deepEqual(await neutronIdsNamed(lab, "network", name), [first.id]);
    });
});
