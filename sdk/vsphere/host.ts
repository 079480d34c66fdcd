import * as pulumi from "@pulumi/pulumi";
import { packageProvider } from "../dynamic";
import { ownerInput } from "../owner";
import type { HostArgs, HostState } from "../../model/vsphere/host";
import type { Outputs } from "../outputs";

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
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the outputs, below
export class Host extends pulumi.dynamic.Resource {
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
        const inputs = {
            ...outputs,
            ...defaulted,
            ...args,
            ...ownerInput("vsphere", "Host", name),
            password: pulumi.secret(args.password),
        };
        super(provider, name, inputs, secretOpts, "vsphere", "Host");
    }
}

/** The outputs, each field of the state (documented there) as an output; Pulumi sets them. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface Host extends Outputs<HostState> {}
