/** The provider of `openstack.ProviderNetwork`. */
import type * as pulumi from "@pulumi/pulumi";
import {
    checkInputs,
    ProviderNetworkArgs,
    ProviderNetworkState,
    rules,
    UPDATED_IN_PLACE,
} from "../../model/openstack/providerNetwork";
import { configureProviders } from "../config";
import { carriesOwner, markedDescription, splitDescription } from "../../model/openstack/neutronDescription";
import { OwnedInputs, refusalReason } from "../../model/owner";
import { diffByRules, sameValue } from "../../model/diff";
import { hasStatus, OpenStackError } from "./client/errors";
import * as neutron from "./client/neutron";
import { ServiceClient } from "./client/service";
import { openstackSession } from "./connection";

type Inputs = pulumi.Unwrap<ProviderNetworkArgs> & OwnedInputs;

/** What the inputs declare, defaults applied; fields Neutron fills in when omitted stay undefined. */
type Wanted = Omit<ProviderNetworkState, "segmentationId" | "mtu"> & { segmentationId?: number; mtu?: number };

/** The fields that update in place, each with the Neutron attribute it is sent as. */
const UPDATABLE = {
    name: "name",
    shared: "shared",
    external: "router:external",
    mtu: "mtu",
    adminStateUp: "admin_state_up",
    portSecurityEnabled: "port_security_enabled",
    description: "description",
} as const satisfies Record<(typeof UPDATED_IN_PLACE)[number], keyof neutron.NetworkUpdate>;

function network(): ServiceClient {
    return neutron.neutronClient(openstackSession());
}

/** The inputs with their defaults, as Neutron will report them. */
function withDefaults(inputs: Inputs): Wanted {
    const { adopt, owner, ...declared } = inputs;
    return {
        ...declared,
        networkType: inputs.networkType ?? "vlan",
        shared: inputs.shared ?? false,
        external: inputs.external ?? false,
        adminStateUp: inputs.adminStateUp ?? true,
        portSecurityEnabled: inputs.portSecurityEnabled ?? true,
        description: inputs.description ?? "",
    };
}

export function toState(n: neutron.NeutronNetwork): ProviderNetworkState {
    return {
        name: n.name,
        networkType: n["provider:network_type"] as ProviderNetworkState["networkType"],
        physicalNetwork: n["provider:physical_network"] ?? "",
        segmentationId: n["provider:segmentation_id"],
        shared: n.shared,
        external: n["router:external"],
        mtu: n.mtu,
        adminStateUp: n.admin_state_up,
        portSecurityEnabled: n.port_security_enabled,
        description: splitDescription(n.description).text,
    };
}

/**
 * The networks on the segment `want` declares, which Neutron lets only one network hold: the VLAN of a physical
 * network, or its untagged traffic (flat). Undefined when Neutron is to pick the VLAN.
 */
async function onSegment(client: ServiceClient, want: Wanted): Promise<neutron.NeutronNetwork[] | undefined> {
    if (want.networkType === "vlan" && want.segmentationId === undefined) {
        return undefined;
    }
    return neutron.listNetworks(client, {
        "provider:network_type": want.networkType,
        "provider:physical_network": want.physicalNetwork,
        "provider:segmentation_id": want.segmentationId,
    });
}

/**
 * The error for a segment held by `holders`; when one of them has the declared name, it says whose it is and
 * that `adopt` takes it over.
 */
function segmentTaken(want: Wanted, holders: neutron.NeutronNetwork[], cause: unknown): Error {
    const names = holders.map((h) => `"${h.name}" (${h.id})`).join(", ");
    const named = holders.find((h) => h.name === want.name);
    const instead = want.networkType === "vlan" ? "another VLAN" : "another physical network";
    const hint = named ? `: ${refusalReason(splitDescription(named.description).owner, "network", instead)}` : "";
    return new Error(
        (want.networkType === "vlan"
            ? `VLAN ${want.segmentationId} on physical network ${want.physicalNetwork} is already used by network ${names}`
            : `physical network ${want.physicalNetwork} already has a flat network: ${names}`) + hint,
        { cause },
    );
}

/** Of `networks`, the one that carries the resource's own marker `owner`: created by an interrupted `up`. */
function ownNetwork(networks: neutron.NeutronNetwork[], owner: string | undefined) {
    return networks.find((n) => carriesOwner(n.description, owner));
}

/** The ids of the networks named `name` on the declared physical network and type. */
async function namedOnNetwork(client: ServiceClient, want: Wanted): Promise<neutron.NeutronNetwork[]> {
    return neutron.listNetworks(client, {
        name: want.name,
        "provider:network_type": want.networkType,
        "provider:physical_network": want.physicalNetwork,
    });
}

/**
 * Creates the network. A network that carries the resource's marker `owner` is taken over instead, brought to
 * the declared settings (an interrupted `up` created it): the holder of the declared segment, or with a VLAN left
 * to Neutron, one of the declared name on the physical network (listed beforehand, at the cost of one list
 * call). A 409 for a segment in use by any other network becomes an error naming the network that holds it.
 * When the answer is lost, Neutron may have created the network: on a declared segment it is the one holding it
 * under the declared name; with a VLAN left to Neutron it is the one network of that name that was not there
 * before the create.
 */
async function createNetwork(
    client: ServiceClient,
    want: Wanted,
    owner: string | undefined,
): Promise<neutron.NeutronNetwork> {
    const body: neutron.NetworkCreate = {
        name: want.name,
        description: markedDescription(want.description, owner),
        admin_state_up: want.adminStateUp,
        shared: want.shared,
        "router:external": want.external,
        mtu: want.mtu,
        port_security_enabled: want.portSecurityEnabled,
        "provider:network_type": want.networkType,
        "provider:physical_network": want.physicalNetwork,
        "provider:segmentation_id": want.segmentationId,
    };
    const autoVlan = want.networkType === "vlan" && want.segmentationId === undefined;
    const named = autoVlan ? await namedOnNetwork(client, want) : undefined;
    const own = named && ownNetwork(named, owner);
    if (own) {
        return bringTo(client, own, want, owner);
    }
    const before = named && new Set(named.map((n) => n.id));
    try {
        return await neutron.createNetwork(client, body);
    } catch (err) {
        const lost = err instanceof OpenStackError && err.responseLost;
        if (lost && before) {
            const appeared = (await namedOnNetwork(client, want)).filter((n) => !before.has(n.id));
            if (appeared.length === 1) {
                return appeared[0];
            }
            if (appeared.length === 0) {
                return neutron.createNetwork(client, body); // the lost create did not happen
            }
            throw err;
        }
        const inUse = hasStatus(err, 409) && ["VlanIdInUse", "FlatNetworkInUse"].includes(err.errorType ?? "");
        const holders = lost || inUse ? await onSegment(client, want) : undefined;
        const created = lost ? holders?.find((h) => h.name === want.name) : undefined;
        if (created) {
            return created;
        }
        const ours = holders && ownNetwork(holders, owner);
        if (ours) {
            return bringTo(client, ours, want, owner);
        }
        if (holders?.length) {
            throw segmentTaken(want, holders, err);
        }
        if (lost && holders) {
            // The segment is free: the lost create did not happen.
            return neutron.createNetwork(client, body);
        }
        throw err;
    }
}

/**
 * The fields the PUT must send to bring `current` to `want`: the description followed by the marker `owner`, also
 * when only the marker is missing (`marked` false).
 */
function updateBody(
    current: ProviderNetworkState,
    want: Wanted,
    owner: string | undefined,
    marked = true,
): neutron.NetworkUpdate {
    const changed = rules.update.filter(
        (f) => want[f] !== undefined && (!sameValue(current[f], want[f]) || (f === "description" && !marked)),
    );
    return Object.fromEntries(
        changed.map((f) => [
            UPDATABLE[f as keyof typeof UPDATABLE],
            f === "description" ? markedDescription(want.description, owner) : want[f],
        ]),
    );
}

/**
 * Takes over the one network named like `want`: its provider attributes must match; the rest is updated, and its
 * description gets the marker `owner`.
 */
async function adoptNetwork(
    client: ServiceClient,
    want: Wanted,
    owner: string | undefined,
): Promise<neutron.NeutronNetwork | undefined> {
    const named = await neutron.listNetworks(client, { name: want.name });
    if (named.length > 1) {
        throw new Error(
            `cannot adopt network "${want.name}": Neutron has ${named.length} networks of that name ` +
                `(${named.map((n) => n.id).join(", ")}); rename or delete the others first`,
        );
    }
    if (named.length === 0) {
        return undefined;
    }
    const current = toState(named[0]);
    const fixed = rules.replace.filter((f) => want[f] !== undefined && !sameValue(current[f], want[f]));
    if (fixed.length) {
        const detail = fixed.map((f) => `${f} ${JSON.stringify(current[f])} (declared ${JSON.stringify(want[f])})`);
        throw new Error(
            `network "${want.name}" (${named[0].id}) exists with ${detail.join(", ")}; these cannot change in place, ` +
                `so declare its values or delete the network first`,
        );
    }
    return bringTo(client, named[0], want, owner);
}

/**
 * Brings network `n` to the fields `want` declares that change in place and marks it as created by `owner`: one
 * PUT, none when they are equal and it carries the marker.
 */
async function bringTo(
    client: ServiceClient,
    n: neutron.NeutronNetwork,
    want: Wanted,
    owner: string | undefined,
): Promise<neutron.NeutronNetwork> {
    const marked = owner === undefined || carriesOwner(n.description, owner);
    const body = updateBody(toState(n), want, owner, marked);
    return Object.keys(body).length ? neutron.updateNetwork(client, n.id, body) : n;
}

class ProviderNetworkProvider implements pulumi.dynamic.ResourceProvider<Inputs, ProviderNetworkState> {
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        configureProviders(req.config);
    }

    async check(_olds: Inputs, news: Inputs): Promise<pulumi.dynamic.CheckResult<Inputs>> {
        return checkInputs(news);
    }

    async diff(_id: string, olds: ProviderNetworkState, news: Inputs): Promise<pulumi.dynamic.DiffResult> {
        return diffByRules(rules, olds, withDefaults(news));
    }

    async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<ProviderNetworkState>> {
        const client = network();
        const want = withDefaults(inputs);
        const adopted = inputs.adopt ? await adoptNetwork(client, want, inputs.owner) : undefined;
        const created = adopted ?? (await createNetwork(client, want, inputs.owner));
        return { id: created.id, outs: toState(created) };
    }

    async read(id: string): Promise<pulumi.dynamic.ReadResult<ProviderNetworkState>> {
        const found = await neutron.unlessGone(neutron.getNetwork(network(), id));
        return found ? { id, props: toState(found) } : {};
    }

    async update(
        id: string,
        olds: ProviderNetworkState,
        news: Inputs,
    ): Promise<pulumi.dynamic.UpdateResult<ProviderNetworkState>> {
        const updated = await neutron.updateNetwork(network(), id, updateBody(olds, withDefaults(news), news.owner));
        return { outs: toState(updated) };
    }

    async delete(id: string): Promise<void> {
        await neutron.unlessGone(neutron.deleteNetwork(network(), id));
    }
}

export const provider = new ProviderNetworkProvider();
