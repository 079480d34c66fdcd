/**
 * The provider handed to `pulumi.dynamic.Resource`: a thin forwarder that loads the real implementation from
 * this package at run time. Pulumi serializes the provider into every resource's state (`__provider`); this one
 * serializes to about 2.3 KB — a module path and the forwarding methods — carries no credentials, and
 * keeps its serialized form stable across versions of the package, so upgrading it replaces nothing.
 */
import * as pulumi from "@pulumi/pulumi";

/** The package's name, which the provider process resolves from the program's node_modules. */
const PACKAGE = "vsphere-openstack";

/** A provider that forwards every call to `provider` exported by `dist/provider/<module>` of this package. */
export function packageProvider(module: string): pulumi.dynamic.ResourceProvider {
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
