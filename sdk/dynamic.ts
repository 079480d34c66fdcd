/**
 * The provider handed to `pulumi.dynamic.Resource`: a thin forwarder that loads the real implementation from
 * this package at run time. Pulumi serializes the provider into every resource's state (`__provider`); this one
 * serializes to about 2.3 KB — a module path and the forwarding methods — carries no credentials, and
 * keeps its serialized form stable across versions of the package, so upgrading it replaces nothing.
 *
 * {@link ProviderModules} pairs each resource with its provider module for the compiler: a module name that is
 * not one, or a module whose `provider` does not serve the resource's inputs and state, does not compile. The
 * imports are of types only, so a program loads no provider code until the engine calls a provider.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as flavor from "../provider/openstack/flavor";
import type * as providerNetwork from "../provider/openstack/providerNetwork";
import type * as subnet from "../provider/openstack/subnet";
import type * as computeCluster from "../provider/vsphere/computeCluster";
import type * as datacenter from "../provider/vsphere/datacenter";
import type * as datastoreFolder from "../provider/vsphere/datastoreFolder";
import type * as distributedPortGroup from "../provider/vsphere/distributedPortGroup";
import type * as distributedSwitch from "../provider/vsphere/distributedSwitch";
import type * as host from "../provider/vsphere/host";
import type * as nasDatastore from "../provider/vsphere/nasDatastore";
import type * as vmfsDatastore from "../provider/vsphere/vmfsDatastore";

/** The package's name, which the provider process resolves from the program's node_modules. */
const PACKAGE = "vsphere-openstack";

/** Each provider module of the package, by its path below `dist/provider`. */
export interface ProviderModules {
    "openstack/flavor": typeof flavor;
    "openstack/providerNetwork": typeof providerNetwork;
    "openstack/subnet": typeof subnet;
    "vsphere/computeCluster": typeof computeCluster;
    "vsphere/datacenter": typeof datacenter;
    "vsphere/datastoreFolder": typeof datastoreFolder;
    "vsphere/distributedPortGroup": typeof distributedPortGroup;
    "vsphere/distributedSwitch": typeof distributedSwitch;
    "vsphere/host": typeof host;
    "vsphere/nasDatastore": typeof nasDatastore;
    "vsphere/vmfsDatastore": typeof vmfsDatastore;
}

/** A provider module: it exports the provider of one resource. */
type ProviderModule = { provider: Required<pulumi.dynamic.ResourceProvider> };

/** A provider that forwards every call to `provider` exported by `dist/provider/<module>` of this package. */
export function packageProvider<M extends keyof ProviderModules>(
    module: M & (ProviderModules[M] extends ProviderModule ? M : never),
): pulumi.dynamic.ResourceProvider {
    const path = `${PACKAGE}/dist/provider/${module}`;
    const impl = (): Required<pulumi.dynamic.ResourceProvider> => require(path).provider;
    return {
        configure: (req) => impl().configure(req),
        check: (olds, news) => impl().check(olds, news),
        diff: (id, olds, news) => impl().diff(id, olds, news),
        create: (inputs) => impl().create(inputs),
        read: (id, props) => impl().read(id, props),
        update: (id, olds, news) => impl().update(id, olds, news),
        delete: (id, props) => impl().delete(id, props),
    };
}
