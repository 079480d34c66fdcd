/**
 * The contract of `openstack.ProviderNetwork`, without I/O: its inputs and stored state, which fields replace it
 * (Neutron keeps provider attributes of a network with ports) and which change in place, and the checks run at
 * preview.
 */
import type * as pulumi from "@pulumi/pulumi";
import { InputChecker } from "../check";
import { FieldRules } from "../diff";
import { MAX_DESCRIPTION_LENGTH } from "./neutronDescription";

/** The inputs of a `openstack.ProviderNetwork`. */
export interface ProviderNetworkArgs {
    /** The network's name, 1 to 255 characters; names need not be unique in Neutron. Updated in place. */
    name: pulumi.Input<string>;
    /**
     * How the network reaches the physical network: `"vlan"` (tagged with {@link segmentationId}) or `"flat"`
     * (untagged; one flat network per physical network). Defaults to `"vlan"`. Changing this forces replacement
     * (Neutron cannot change it on an existing network).
     */
    networkType?: pulumi.Input<"vlan" | "flat">;
    /**
     * The physical network as named in Neutron's ML2 configuration (`network_vlan_ranges`, `flat_networks`), e.g.
     * `physnet1`: on vSphere, the one the `br-int` port group carries. At most 64 characters. Changing this forces
     * replacement (Neutron cannot change it on an existing network).
     */
    physicalNetwork: pulumi.Input<string>;
    /**
     * The VLAN id, 1 to 4094; only with `networkType: "vlan"`. When omitted, Neutron assigns a free VLAN from the
     * physical network's `network_vlan_ranges` and the network keeps it: omitting the field later is no change.
     * A VLAN already used on the physical network fails with the name and id of the network holding it.
     * Changing this forces replacement: a new network on the new VLAN is the declared, predictable behaviour,
     * whatever Neutron's plugin would allow in place.
     */
    segmentationId?: pulumi.Input<number>;
    /** Whether every project may use the network (`shared`). Defaults to false. Updated in place. */
    shared?: pulumi.Input<boolean>;
    /** Whether the network is external, for routers' gateways (`router:external`). Defaults to false. Updated in place. */
    external?: pulumi.Input<boolean>;
    /**
     * The MTU in bytes, 68 to 9216, and at most what Neutron allows on the physical network (`global_physnet_mtu`,
     * `physical_network_mtus`; 1500 by default). When omitted, Neutron sets that maximum and the network keeps it.
     * Updated in place (extension `net-mtu-writable`).
     */
    mtu?: pulumi.Input<number>;
    /** The administrative state: false takes the network down. Defaults to true. Updated in place. */
    adminStateUp?: pulumi.Input<boolean>;
    /**
     * The default of port security for the network's new ports (extension `port-security`). Defaults to true.
     * Updated in place; existing ports keep their setting.
     */
    portSecurityEnabled?: pulumi.Input<boolean>;
    /**
     * Free text, at most 127 characters. Neutron holds it followed by a space and the resource's owner marker
     * (`vsphere-openstack:<project>/<stack>/openstack:ProviderNetwork/<name>`, shortened to at most 127 characters
     * by its hashed form), within Neutron's 255; the state leaves the marker out. Defaults to "". Updated in place.
     */
    description?: pulumi.Input<string>;
    /**
     * Take over the network that already exists with this name instead of creating one: its type, physical
     * network and (if declared) VLAN must be the declared ones; the other fields are set to the declared values,
     * and its description gets the resource's owner marker. Neutron names need not be unique, so several networks
     * of this name are an error. Without it, only a network this resource itself created (its description carries
     * the resource's owner marker) is taken over. Has an effect only when the resource is created. Defaults to
     * false.
     */
    adopt?: pulumi.Input<boolean>;
}

/** What the provider stores for a provider network: its inputs with defaults applied, as read back from Neutron. */
export interface ProviderNetworkState {
    /** The network's name. */
    name: string;
    /** How the network reaches the physical network: `vlan` or `flat`. */
    networkType: "vlan" | "flat";
    /** The physical network, as Neutron's ML2 configuration names it. */
    physicalNetwork: string;
    /** The VLAN id; null for a flat network. */
    segmentationId: number | null;
    /** Whether every project may use the network. */
    shared: boolean;
    /** Whether the network is external (`router:external`). */
    external: boolean;
    /** The MTU in bytes. */
    mtu: number;
    /** The administrative state: false when the network is down. */
    adminStateUp: boolean;
    /** The default of port security for the network's new ports. */
    portSecurityEnabled: boolean;
    /** Free text, `""` when there is none. */
    description: string;
}

/** The fields Neutron changes in place. */
export const UPDATED_IN_PLACE = [
    "name",
    "shared",
    "external",
    "mtu",
    "adminStateUp",
    "portSecurityEnabled",
    "description",
] as const;

/** Neutron does not change provider attributes of a network with ports: changing one replaces the network. */
export const rules: FieldRules<ProviderNetworkState> = {
    replace: ["networkType", "physicalNetwork", "segmentationId"],
    update: UPDATED_IN_PLACE,
    keepWhenOmitted: ["segmentationId", "mtu"],
};

export const NETWORK_TYPES = ["vlan", "flat"];

/** The preview checks of the inputs, before any API call; pure, so that a whole stack spec can use them. */
export function checkInputs(
    news: pulumi.Unwrap<ProviderNetworkArgs>,
): pulumi.dynamic.CheckResult<pulumi.Unwrap<ProviderNetworkArgs>> {
    const c = new InputChecker();
    c.name("name", news.name, 255);
    const type: unknown = news.networkType;
    c.oneOf("networkType", type, NETWORK_TYPES);
    c.name("physicalNetwork", news.physicalNetwork, 64);
    c.integer("segmentationId", news.segmentationId, 1, 4094, false);
    if (type === "flat" && news.segmentationId !== undefined && news.segmentationId !== null) {
        c.fail(
            "segmentationId",
            'segmentationId is only for VLAN networks: a flat network carries untagged traffic; remove it or set networkType: "vlan"',
        );
    }
    c.boolean("shared", news.shared);
    c.boolean("external", news.external);
    c.integer("mtu", news.mtu, 68, 9216, false);
    c.boolean("adminStateUp", news.adminStateUp);
    c.boolean("portSecurityEnabled", news.portSecurityEnabled);
    c.string("description", news.description, MAX_DESCRIPTION_LENGTH);
    c.boolean("adopt", news.adopt);
    return c.result(news);
}
