import type * as pulumi from "@pulumi/pulumi";

/** A resource's outputs: each field of what its provider stores, as a Pulumi output of that field's type. */
export type Outputs<State> = { readonly [K in keyof State]-?: pulumi.Output<State[K]> };
