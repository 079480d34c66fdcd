/**
 * The contract of `openstack.Subnet`, without I/O: its inputs and stored state, which fields replace it and
 * which change in place, and the checks run at preview (the addressing rules are in `subnetLayout.ts`).
 */
import type * as pulumi from "@pulumi/pulumi";
import { InputChecker } from "../check";
import { FieldRules } from "../diff";
import { MAX_DESCRIPTION_LENGTH } from "./neutronDescription";
import { subnetLayoutFailures } from "./subnetLayout";

/** An inclusive range of addresses Neutron hands out to ports. */
export interface AllocationPool {
    /** The first address of the range. */
    start: pulumi.Input<string>;
    /** The last address of the range, not before `start`. */
    end: pulumi.Input<string>;
}

/** A static route Neutron's DHCP hands to the subnet's hosts. */
export interface HostRoute {
    /** The destination network in CIDR notation, e.g. `198.51.100.0/24`. */
    destination: pulumi.Input<string>;
    /** The address of the router to send it to, an address of the subnet's family. */
    nextHop: pulumi.Input<string>;
}

/** The inputs of a `openstack.Subnet`. */
export interface SubnetArgs {
    /** The id of the network the subnet belongs to, e.g. a `ProviderNetwork`'s id. Changing this forces replacement. */
    networkId: pulumi.Input<string>;
    /** The subnet's name, 1 to 255 characters. Updated in place. */
    name: pulumi.Input<string>;
    /**
     * The subnet's addresses in CIDR notation with all host bits zero, e.g. `192.0.2.0/24` or `2001:db8::/64`, with
     * room for a gateway and a pool: a prefix of at most /30 (IPv4) or /126 (IPv6). It must not overlap another
     * subnet of the network. Changing this forces replacement.
     */
    cidr: pulumi.Input<string>;
    /** 4 or 6, the family of {@link cidr}. Defaults to the CIDR's family. Changing this forces replacement. */
    ipVersion?: pulumi.Input<4 | 6>;
    /**
     * The gateway's address: inside the CIDR (for IPv4 neither its network nor its broadcast address; for IPv6 the
     * network address, the subnet-router anycast address, is allowed) and outside the allocation pools. Defaults
     * to what Neutron picks: for IPv4 the first address after the network address (`192.0.2.1`), for IPv6 the
     * network address (`2001:db8::`). Excludes {@link noGateway}. Updated in place.
     */
    gatewayIp?: pulumi.Input<string>;
    /** True for a subnet without a gateway. Defaults to false. Excludes {@link gatewayIp}. Updated in place. */
    noGateway?: pulumi.Input<boolean>;
    /**
     * The ranges Neutron hands addresses out of: inside the CIDR (not its network address, nor the IPv4 broadcast
     * address), apart from each other and from the gateway. Defaults to every such address but the gateway's, as
     * Neutron makes them; a changed gateway moves the default pools with it. Kept sorted by start address, as
     * Neutron returns them. Updated in place.
     */
    allocationPools?: pulumi.Input<pulumi.Input<AllocationPool>[]>;
    /**
     * DNS servers DHCP hands out, addresses of the subnet's family, each once; the order counts. At most what
     * Neutron allows (`max_dns_nameservers`, 5 by default). Defaults to none. Updated in place.
     */
    dnsNameservers?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Static routes DHCP hands out, kept sorted by destination. When set, the list is managed as a whole: routes
     * added otherwise (e.g. by `@pulumi/openstack`'s `networking.SubnetRoute`) are removed, so don't set both on
     * one subnet. When unset, the subnet's routes are left as others make them; `[]` removes every route. A new
     * subnet has none unless set. Updated in place.
     */
    hostRoutes?: pulumi.Input<pulumi.Input<HostRoute>[]>;
    /** Whether Neutron's DHCP serves the subnet. Defaults to true. Updated in place. */
    enableDhcp?: pulumi.Input<boolean>;
    /**
     * Free text, at most 127 characters. Neutron holds it followed by a space and the resource's owner marker
     * (`vsphere-openstack:<project>/<stack>/openstack:Subnet/<name>`, shortened to at most 127 characters
     * by its hashed form), within Neutron's 255; the state leaves the marker out. Defaults to "". Updated in place.
     */
    description?: pulumi.Input<string>;
    /**
     * Take over the subnet that already exists on the network with this CIDR instead of failing (Neutron refuses
     * a second subnet whose CIDR overlaps it): the other fields are set to the declared values, and its
     * description gets the resource's owner marker. Without it, only a subnet this resource itself created (its
     * description carries the resource's owner marker) is taken over. Has an effect only when the resource is
     * created. Defaults to false.
     */
    adopt?: pulumi.Input<boolean>;
}

/** What the provider stores for a subnet: its inputs with defaults applied, as read back from Neutron. */
export interface SubnetState {
    /** The id of the network the subnet belongs to. */
    networkId: string;
    /** The subnet's name. */
    name: string;
    /** The CIDR in canonical form (IPv6 in RFC 5952 form). */
    cidr: string;
    /** 4 or 6, the family of the CIDR. */
    ipVersion: 4 | 6;
    /** The gateway's address; null without a gateway. */
    gatewayIp: string | null;
    /** True for a subnet without a gateway. */
    noGateway: boolean;
    /** The ranges Neutron hands addresses out of, sorted by start address. */
    allocationPools: {
        /** The first address of the range. */
        start: string;
        /** The last address of the range. */
        end: string;
    }[];
    /** DNS servers DHCP hands out, in order. */
    dnsNameservers: string[];
    /** Static routes DHCP hands out, sorted by destination. */
    hostRoutes: {
        /** The destination network in CIDR notation. */
        destination: string;
        /** The address of the router to send it to. */
        nextHop: string;
    }[];
    /** Whether Neutron's DHCP serves the subnet. */
    enableDhcp: boolean;
    /** Free text, `""` when there is none. */
    description: string;
}

/** The fields Neutron changes in place (`noGateway` is sent as `gateway_ip: null`). */
export const UPDATED_IN_PLACE = [
    "name",
    "gatewayIp",
    "noGateway",
    "allocationPools",
    "dnsNameservers",
    "hostRoutes",
    "enableDhcp",
    "description",
] as const;

/** Neutron refuses overlapping CIDRs on one network: a replacement deletes the old subnet first. */
export const rules: FieldRules<SubnetState> = {
    replace: ["networkId", "cidr", "ipVersion"],
    update: UPDATED_IN_PLACE,
    keepWhenOmitted: ["hostRoutes"],
    deleteBeforeReplace: true,
};

/** The preview checks of the inputs, before any API call; pure, so that a whole stack spec can use them. */
export function checkInputs(news: pulumi.Unwrap<SubnetArgs>): pulumi.dynamic.CheckResult<pulumi.Unwrap<SubnetArgs>> {
    const c = new InputChecker();
    c.name("networkId", news.networkId, 255);
    c.name("name", news.name, 255);
    c.boolean("enableDhcp", news.enableDhcp);
    c.string("description", news.description, MAX_DESCRIPTION_LENGTH);
    c.boolean("adopt", news.adopt);
    c.failures.push(...subnetLayoutFailures(news));
    return c.result(news);
}
