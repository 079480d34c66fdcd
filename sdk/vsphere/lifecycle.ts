import * as pulumi from "@pulumi/pulumi";

/** The lifecycle settings every vSphere resource takes. */
export interface LifecycleArgs {
    /**
     * Take over an object that already exists at this resource's inventory path instead of failing, and bring
     * it to the declared settings. Has an effect only when the resource is created (`pulumi import` does not
     * work for dynamic resources). Defaults to false.
     */
    adopt?: pulumi.Input<boolean>;
    /**
     * Destroy the object even when it still holds objects this stack does not manage (VMs, hosts, port groups,
     * files, …), which are then destroyed with it. Without it such a destroy fails and lists them. Updated in
     * place. Defaults to false. To leave the object in vCenter instead, use the `retainOnDelete` resource option.
     */
    forceDestroy?: pulumi.Input<boolean>;
}
