import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";
import type { HostArgs } from "../../model/vsphere/host";

export type { HostArgs, HostState } from "../../model/vsphere/host";

const provider = packageProvider("vsphere/host");

/**
 * An ESXi host in a compute cluster. Its id is the host's MOID (e.g. `host-21`). Creating it adds the host to the
 * cluster (`AddHost_Task`) and waits until it is connected. Destroying it puts it into maintenance mode, removes
 * it from vCenter (`Destroy_Task`) and waits for that; it fails while VMs are registered on the host, listing
 * them (vCenter would take them out of its inventory with the host, and no destroy of this library removes a VM),
 * so a host takes no `forceDestroy`. With `adopt: true` the host already at
 * `<cluster path>/<hostname>` is taken over as it is connected, and brought to the declared maintenance mode.
 *
 * @example
 * ```ts
 * const config = new pulumi.Config();
 * const esx1 = new vsphere.Host("esx-01", {
 *     clusterId: cluster.id,
 *     hostname: "esx-01.example.com",
 *     password: config.requireSecret("esxRootPassword"),
 *     sslThumbprint: "AB:12:…",
 * });
 * ```
 */
export class Host extends pulumi.dynamic.Resource {
    /** MOID of the compute cluster the host is in. */
    declare readonly clusterId: pulumi.Output<string>;
    /** The DNS name or IP address vCenter connects to, which is also the host's name in the inventory. */
    declare readonly hostname: pulumi.Output<string>;
    /** The ESXi account vCenter logs in with to take the host over; `root` unless declared. */
    declare readonly username: pulumi.Output<string>;
    /** The password of `username`; a secret output, encrypted in the state. */
    declare readonly password: pulumi.Output<string>;
    /** The declared thumbprint of the host's certificate, upper case; undefined when none is declared. */
    declare readonly sslThumbprint: pulumi.Output<string | undefined>;
    /** Whether the host is in maintenance mode. */
    declare readonly maintenanceMode: pulumi.Output<boolean>;
    /** `connected`, `disconnected` or `notResponding` (`runtime.connectionState`) when last read. */
    declare readonly connectionState: pulumi.Output<string>;
    /** MOID of the host's datastore system (`configManager.datastoreSystem`), where datastores are mounted. */
    declare readonly datastoreSystemId: pulumi.Output<string>;
    /** MOID of the host's network system (`configManager.networkSystem`). */
    declare readonly networkSystemId: pulumi.Output<string>;
    /** The ESXi version, e.g. `8.0.2` (`summary.config.product.version`). */
    declare readonly version: pulumi.Output<string>;
    /** The ESXi build number, e.g. `21997540`. */
    declare readonly build: pulumi.Output<string>;

    constructor(name: string, args: HostArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = {
            connectionState: undefined,
            datastoreSystemId: undefined,
            networkSystemId: undefined,
            version: undefined,
            build: undefined,
        };
        const defaulted = {
            username: undefined,
            sslThumbprint: undefined,
            maintenanceMode: undefined,
        };
        // The password is a secret in the inputs and in the outputs, whatever the caller passed.
        const secretOpts = { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "password"] };
        const inputs = { ...outputs, ...defaulted, ...args, password: pulumi.secret(args.password) };
        super(provider, name, inputs, secretOpts, "vsphere", "Host");
    }
}
