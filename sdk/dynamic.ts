/**
 * The provider handed to `pulumi.dynamic.Resource`: a forwarder that loads the real implementation from this
 * package at run time. Pulumi serializes the provider into every resource's state (`__provider`, in its inputs
 * and its outputs); this one carries no credentials, and its serialized form does not change with the version
 * of the package, so upgrading it replaces nothing.
 *
 * Each provider module has its forwarder module in `sdk/p/`, whose exports object is the forwarder. Pulumi's
 * closure serializer writes a module that the program loaded from `node_modules` as a `require` of its path
 * there, so where the package is installed, `__provider` is at most 300 bytes: one
 * `require("vsphere-openstack/dist/sdk/p/<file>.js")` in the serializer's wrapper. Elsewhere (a linked
 * checkout, a store whose paths hold the version, as pnpm's) the forwarder is serialized by value, to the text
 * 0.1.0 wrote for every resource (about 2.3 KB), which loads the implementation by the package's name too.
 *
 * No diff compares `__provider`: the engine's dynamic provider leaves the diff to `provider.diff`, whose rules
 * name the fields they compare. But the engine keeps a resource's outputs, with the `__provider` they were
 * written with, until the resource changes, and reads and deletes the resource with that provider. So what
 * each `__provider` ever written loads stays: the files of `sdk/p/`, and `provider` with its seven methods
 * exported by each `dist/provider/<module>` (which the by-value text loads).
 *
 * {@link ProviderModules} pairs each resource with its provider module for the compiler: a module name that is
 * not one, or a module whose `provider` does not serve the resource's inputs and state, does not compile. The
 * imports are of types only, so a program loads no provider code until the engine calls a provider.
 */
import { relative, sep } from "node:path";
import type * as pulumi from "@pulumi/pulumi";
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

/**
 * The file in `sdk/p/` of each provider module's forwarder. Its path is in the state of every resource, so a
 * name, once released, stays; names are short because the path is most of `__provider`.
 */
export const FORWARDERS: { readonly [M in keyof ProviderModules]: string } = {
    "openstack/flavor": "flavor",
    "openstack/providerNetwork": "network",
    "openstack/subnet": "subnet",
    "vsphere/computeCluster": "cluster",
    "vsphere/datacenter": "datacenter",
    "vsphere/datastoreFolder": "folder",
    "vsphere/distributedPortGroup": "portGroup",
    "vsphere/distributedSwitch": "switch",
    "vsphere/host": "host",
    "vsphere/nasDatastore": "nas",
    "vsphere/vmfsDatastore": "vmfs",
};

type Provider = Required<pulumi.dynamic.ResourceProvider>;

/** A provider module: it exports the provider of one resource. */
type ProviderModule = { provider: Provider };

/** The name of a module of {@link ProviderModules} that is a provider module. */
type ModuleName<M extends keyof ProviderModules> = M & (ProviderModules[M] extends ProviderModule ? M : never);

/**
 * A provider that forwards every call to `provider` exported by `dist/provider/<module>` of this package, loaded
 * by the package's name at the first call. The forwarder modules of `sdk/p/` export one each.
 */
export function forwarder<M extends keyof ProviderModules>(module: ModuleName<M>): Provider {
    const path = `${PACKAGE}/dist/provider/${module}`;
    const impl = (): Provider => require(path).provider;
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

/**
 * Whether the closure serializer writes the module loaded from `file` as `require("vsphere-openstack/…")`. It
 * names a module by its real path relative to the working directory, from after the first `node_modules` on
 * (from pnpm's store, `.pnpm/vsphere-openstack@<version>/…` with @pulumi/pulumi 3.163.0 and the versions of the
 * peer range up to the one that names pnpm's modules by package), and serializes a module outside node_modules
 * by value.
 */
function requiredByPackageName(file: string): boolean {
    const parts = relative(process.cwd(), file).split(sep);
    const at = parts.indexOf("node_modules");
    return at >= 0 && parts[at + 1] === PACKAGE;
}

/**
 * The provider of the resources of `module`: the exports object of its forwarder module, which the serializer
 * writes as a `require` of the module where the package is installed; elsewhere a copy of it, which the
 * serializer writes by value, so that no path that holds a version or a directory of the machine gets into the
 * state.
 */
export function packageProvider<M extends keyof ProviderModules>(
    module: ModuleName<M>,
): pulumi.dynamic.ResourceProvider {
    const file = require.resolve(`./p/${FORWARDERS[module]}`);
    const provider: Provider = require(file);
    return requiredByPackageName(file) ? provider : { ...provider };
}
