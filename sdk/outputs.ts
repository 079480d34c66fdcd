import type * as pulumi from "@pulumi/pulumi";

/**
 * A resource's outputs: each field of what its provider stores, as a Pulumi output of that field's type. A field
 * the state holds as `null` when unset (a subnet's gateway, a flat network's segmentation id, a flavor's
 * description) is an output of the value's type, as the bridged providers (`@pulumi/openstack`, …) type their
 * optional outputs: so it is an input of their resources without a cast, and resolves to `null` when unset, which
 * they take as unset.
 */
export type Outputs<State> = { readonly [K in keyof State]-?: pulumi.Output<NonNullable<State[K]>> };
