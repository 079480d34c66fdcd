/**
 * vsphere-openstack: OpenStack on VMware vSphere as one typed Pulumi stack.
 *
 * - `vsphere`: vSphere inventory (datacenters, …) as dynamic resources over the vim25 SOAP API;
 * - `openstack`: OpenStack objects (flavors, …) as dynamic resources over the Keystone, Nova and Neutron APIs.
 *
 * - `OpenStackOnVSphere`: both sides as one component from an `OpenStackOnVSphereSpec`, validated as a whole
 *   (`validateSpec`) before anything is created, with the nova-compute, Cinder, Glance and ML2 configuration
 *   rendered from what was created (`renderConfig`).
 *
 * The providers' credentials come from the stack configuration (`vsphere:*`, `vsphere-openstack:connections`,
 * `openstack:*`) or the environment, never from resource inputs; the one password that is an input is an ESXi host's
 * (`vsphere.Host`'s `password`, a secret).
 *
 * @packageDocumentation
 */
import { requireSupportedNode } from "./nodeVersion";

// First, so that an older Node.js gets this message rather than an error of a module that needs a newer one.
requireSupportedNode(process.versions.node);

import { warnRenamedConfig } from "./renamedConfig";

warnRenamedConfig();

export * as openstack from "./openstack";
export * as vsphere from "./vsphere";
export * from "./stack/spec";
export { ConnectionEntry } from "../model/connection";
export { SpecFailure, ValidateOptions, validateSpec } from "./stack/validate";
export { InvalidSpecError, OpenStackOnVSphere, StackIds, StackOutputs, VCenterResources } from "./stack/component";
export { CheckOptions, CheckReport, CheckTarget, checkDeployment } from "./check/index";
export { CheckedOutputs, deploymentOfOutputs, deploymentOfSpec } from "./check/deployment";
export { Area, AREAS, CheckedObject, Finding, findings, Severity, Snapshots } from "./check/findings";
export * from "./check/snapshot";
export {
    novaComputeHost,
    renderConfig,
    RenderedConfig,
    RenderInput,
    RenderVCenter,
    VCenterAccess,
} from "./stack/render";
