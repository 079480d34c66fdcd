/** The provider of `openstack.Subnet`. */
import type * as pulumi from "@pulumi/pulumi";
import { checkInputs, rules, SubnetArgs, SubnetState, UPDATED_IN_PLACE } from "../../model/openstack/subnet";
import { configureProviders } from "../config";
import { carriesOwner, markedDescription, splitDescription } from "../../model/openstack/neutronDescription";
import { OwnedInputs, refusalReason } from "../../model/owner";
import { changedFields, diffByRules } from "../../model/diff";
import { hasStatus, OpenStackError } from "./client/errors";
import * as neutron from "./client/neutron";
import { ServiceClient } from "./client/service";
import { openstackSession } from "./connection";
import {
    canonicalAddress,
    canonicalCidr,
    defaultGateway,
    defaultPools,
    formatAddress,
    parseAddress,
    parseCidr,
    sortByAddress,
} from "../../model/net/ip";

type Inputs = pulumi.Unwrap<SubnetArgs> & OwnedInputs;

/** What the inputs declare, defaults applied; what cannot be worked out yet (an unknown CIDR) stays undefined. */
type Wanted = Omit<SubnetState, "ipVersion" | "gatewayIp" | "allocationPools" | "hostRoutes"> &
    Partial<Pick<SubnetState, "ipVersion" | "gatewayIp" | "allocationPools" | "hostRoutes">>;

/** The fields that update in place, each with the Neutron attribute it is sent as. */
const UPDATABLE = {
    name: "name",
    gatewayIp: "gateway_ip",
    noGateway: "gateway_ip",
    allocationPools: "allocation_pools",
    dnsNameservers: "dns_nameservers",
    hostRoutes: "host_routes",
    enableDhcp: "enable_dhcp",
    description: "description",
} as const satisfies Record<(typeof UPDATED_IN_PLACE)[number], keyof neutron.SubnetUpdate>;

function network(): ServiceClient {
    return neutron.neutronClient(openstackSession());
}

/** Pools with canonical addresses, sorted by start address. */
function normalPools(pools: readonly { start: string; end: string }[]): SubnetState["allocationPools"] {
    return sortByAddress(
        pools.map((p) => ({ start: canonicalAddress(p.start), end: canonicalAddress(p.end) })),
        (p) => p.start,
    );
}

/** Routes with canonical addresses, sorted by destination. */
function normalRoutes(routes: readonly { destination: string; nextHop: string }[]): SubnetState["hostRoutes"] {
    return sortByAddress(
        routes.map((r) => ({ destination: canonicalCidr(r.destination), nextHop: canonicalAddress(r.nextHop) })),
        (r) => r.destination,
    );
}

/**
 * The inputs with their defaults, as Neutron will report them: the gateway and pools it picks when omitted; the
 * routes only when declared (others may manage them).
 */
export function withDefaults(inputs: Inputs): Wanted {
    const cidr = parseCidr(inputs.cidr);
    const noGateway = inputs.noGateway ?? false;
    let gatewayIp: string | null | undefined = noGateway
        ? null
        : inputs.gatewayIp && canonicalAddress(inputs.gatewayIp);
    if (gatewayIp === undefined && cidr) {
        gatewayIp = formatAddress({ version: cidr.version, value: defaultGateway(cidr) });
    }
    const gateway = gatewayIp ? parseAddress(gatewayIp) : undefined;
    const pools =
        cidr && (gatewayIp === null || gateway)
            ? defaultPools(cidr, gateway?.value ?? null).map((r) => ({
                  start: formatAddress({ version: cidr.version, value: r.start }),
                  end: formatAddress({ version: cidr.version, value: r.end }),
              }))
            : undefined;
    return {
        networkId: inputs.networkId,
        name: inputs.name,
        cidr: canonicalCidr(inputs.cidr),
        ipVersion: inputs.ipVersion ?? cidr?.version,
        gatewayIp,
        noGateway,
        allocationPools: inputs.allocationPools ? normalPools(inputs.allocationPools) : pools,
        dnsNameservers: (inputs.dnsNameservers ?? []).map(canonicalAddress),
        hostRoutes: inputs.hostRoutes && normalRoutes(inputs.hostRoutes),
        enableDhcp: inputs.enableDhcp ?? true,
        description: inputs.description ?? "",
    };
}

export function toState(s: neutron.NeutronSubnet): SubnetState {
    return {
        networkId: s.network_id,
        name: s.name,
        cidr: canonicalCidr(s.cidr),
        ipVersion: s.ip_version,
        gatewayIp: s.gateway_ip === null ? null : canonicalAddress(s.gateway_ip),
        noGateway: s.gateway_ip === null,
        allocationPools: normalPools(s.allocation_pools),
        dnsNameservers: s.dns_nameservers.map(canonicalAddress),
        hostRoutes: normalRoutes(s.host_routes.map((r) => ({ destination: r.destination, nextHop: r.nexthop }))),
        enableDhcp: s.enable_dhcp,
        description: splitDescription(s.description).text,
    };
}

/**
 * The Neutron attributes of the wanted state (what Neutron defaults is left out unless declared), the description
 * followed by the resource's marker.
 */
function toNeutron(want: Wanted, inputs: Inputs): neutron.SubnetUpdate {
    return {
        name: want.name,
        description: markedDescription(want.description, inputs.owner),
        gateway_ip: inputs.gatewayIp === undefined && !want.noGateway ? undefined : want.gatewayIp,
        allocation_pools: inputs.allocationPools ? want.allocationPools : undefined,
        dns_nameservers: want.dnsNameservers,
        host_routes: want.hostRoutes?.map((r) => ({ destination: r.destination, nexthop: r.nextHop })),
        enable_dhcp: want.enableDhcp,
    };
}

/**
 * The attributes the PUT must send to bring a subnet from `current` to `want`: the description also when only
 * the marker is missing (`marked` false).
 */
function updateBody(current: SubnetState, want: Wanted, inputs: Inputs, marked = true): neutron.SubnetUpdate {
    const all = { ...toNeutron(want, inputs), gateway_ip: want.gatewayIp, allocation_pools: want.allocationPools };
    const changed = changedFields(rules.update, current, want, rules.keepWhenOmitted);
    if (!marked && !changed.includes("description")) {
        changed.push("description");
    }
    return Object.fromEntries(changed.map((f) => UPDATABLE[f as keyof typeof UPDATABLE]).map((a) => [a, all[a]]));
}

/**
 * Brings subnet `s` to the declared fields that change in place and marks it as created by the resource: one
 * PUT, none when they are equal and it carries the marker.
 */
async function bringTo(
    client: ServiceClient,
    s: neutron.NeutronSubnet,
    want: Wanted,
    inputs: Inputs,
): Promise<neutron.NeutronSubnet> {
    const marked = inputs.owner === undefined || carriesOwner(s.description, inputs.owner);
    const body = updateBody(toState(s), want, inputs, marked);
    return Object.keys(body).length ? neutron.updateSubnet(client, s.id, body) : s;
}

/** The subnets of the declared network with the declared CIDR: at most one, since Neutron refuses overlaps. */
function withCidr(client: ServiceClient, want: Wanted): Promise<neutron.NeutronSubnet[]> {
    return neutron.listSubnets(client, { network_id: want.networkId, cidr: want.cidr });
}

/**
 * Creates the subnet. When Neutron refuses it for overlapping a subnet of the same CIDR, that subnet is taken
 * over if it carries the resource's marker (an interrupted `up` created it), and named with its owner
 * otherwise. When the answer is lost, Neutron may have created the subnet: CIDRs of one network do not overlap,
 * so a subnet of the network with the declared CIDR and name is the one created.
 */
async function createSubnet(client: ServiceClient, want: Wanted, inputs: Inputs): Promise<neutron.NeutronSubnet> {
    const body: neutron.SubnetCreate = {
        ...toNeutron(want, inputs),
        name: want.name,
        network_id: want.networkId,
        cidr: want.cidr,
        ip_version: want.ipVersion ?? 4,
    };
    try {
        return await neutron.createSubnet(client, body);
    } catch (err) {
        const lost = err instanceof OpenStackError && err.responseLost;
        const overlaps = hasStatus(err, 400) && err.serverMessage.includes("overlaps with another subnet");
        if (!lost && !overlaps) {
            throw err;
        }
        const same = await withCidr(client, want);
        const ours = same.find((s) => carriesOwner(s.description, inputs.owner));
        if (ours) {
            return bringTo(client, ours, want, inputs);
        }
        if (lost) {
            return same.find((s) => s.name === want.name) ?? (await neutron.createSubnet(client, body));
        }
        if (same.length) {
            const reason = refusalReason(splitDescription(same[0].description).owner, "subnet", "another CIDR");
            throw new Error(
                `CIDR ${want.cidr} of network ${want.networkId} is already subnet "${same[0].name}" (${same[0].id}): ${reason}`,
                { cause: err },
            );
        }
        throw err;
    }
}

class SubnetProvider implements pulumi.dynamic.ResourceProvider<Inputs, SubnetState> {
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        configureProviders(req.config);
    }

    async check(_olds: Inputs, news: Inputs): Promise<pulumi.dynamic.CheckResult<Inputs>> {
        return checkInputs(news);
    }

    async diff(_id: string, olds: SubnetState, news: Inputs): Promise<pulumi.dynamic.DiffResult> {
        return diffByRules(rules, olds, withDefaults(news));
    }

    async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<SubnetState>> {
        const client = network();
        const want = withDefaults(inputs);
        const existing = inputs.adopt ? (await withCidr(client, want))[0] : undefined;
        const subnet = existing
            ? await bringTo(client, existing, want, inputs)
            : await createSubnet(client, want, inputs);
        return { id: subnet.id, outs: toState(subnet) };
    }

    async read(id: string): Promise<pulumi.dynamic.ReadResult<SubnetState>> {
        const found = await neutron.unlessGone(neutron.getSubnet(network(), id));
        return found ? { id, props: toState(found) } : {};
    }

    async update(id: string, olds: SubnetState, news: Inputs): Promise<pulumi.dynamic.UpdateResult<SubnetState>> {
        return { outs: toState(await neutron.updateSubnet(network(), id, updateBody(olds, withDefaults(news), news))) };
    }

    async delete(id: string): Promise<void> {
        await neutron.unlessGone(neutron.deleteSubnet(network(), id));
    }
}

export const provider = new SubnetProvider();
