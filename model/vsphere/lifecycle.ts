/**
 * What every vSphere resource takes besides its own settings (its vCenter connection, `adopt`, `forceDestroy`),
 * with their checks, and the limits vCenter sets on every inventory object.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { InputChecker } from "../check";
import { UNKNOWN } from "../diff";

/** vCenter limits inventory object names to 80 characters. */
export const MAX_NAME_LENGTH = 80;

/**
 * The name of an inventory object (datacenter, cluster, datastore, switch, port group): at most 80 characters,
 * without control characters, and without "/", "\" or "%", which vCenter keeps escaped in the name (`%2f`,
 * `%5c`, `%25`, ManagedEntity.name), so that the name read back would not be the name declared.
 */
export function checkInventoryName(c: InputChecker, property: string, value: unknown): void {
    c.name(property, value, MAX_NAME_LENGTH);
    if (typeof value === "string" && value !== UNKNOWN && /[/\\%]/.test(value)) {
        c.fail(
            property,
            `${property} must not contain "/", "\\" or "%" (vCenter keeps them escaped as %2f, %5c and %25), not ${JSON.stringify(value)}`,
        );
    }
}

/** The connection and lifecycle settings every vSphere resource takes. */
export interface LifecycleArgs {
    /**
     * The vCenter this object lives in: the name of a connection in the stack config `vsphere-openstack:connections`
     * (a map of names to `{server, user, password, caFile, allowUnverifiedSsl}`, the password a secret), so that
     * one stack can manage several vCenters. An unknown name fails at preview. Defaults to the connection of
     * `vsphere:vsphereServer`/`vsphere:user`/`vsphere:password` (or `VSPHERE_*`). Changing this forces replacement.
     */
    connection?: pulumi.Input<string>;
    /**
     * Take over an object that already exists at this resource's inventory path instead of failing, and bring
     * it to the declared settings. Without it, only an object this resource itself created (its custom attribute
     * `vsphere-openstack.owner` holds the resource's owner marker) is taken over. Has an effect only when the
     * resource is created (`pulumi import` does not work for dynamic resources). Defaults to false.
     */
    adopt?: pulumi.Input<boolean>;
    /**
     * Destroy the object even when it still holds objects this stack does not manage (hosts, port groups,
     * files, …), which are then destroyed with it. Without it such a destroy fails and lists them. VMs are never
     * destroyed, unregistered or disconnected: an object that holds a VM, or that a VM is connected to, is not
     * destroyed either way, and the error names the VMs. Updated in place. Defaults to false. To leave the object
     * in vCenter instead, use the `retainOnDelete` resource option.
     */
    forceDestroy?: pulumi.Input<boolean>;
}

/** The lifecycle inputs as a provider receives them. */
export interface LifecycleInputs {
    adopt?: boolean;
    forceDestroy?: boolean;
}

export function checkLifecycle(c: InputChecker, inputs: LifecycleInputs): void {
    c.boolean("adopt", inputs.adopt);
    c.boolean("forceDestroy", inputs.forceDestroy);
}
