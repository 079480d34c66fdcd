/**
 * vsphere-openstack: OpenStack on VMware vSphere as one typed Pulumi stack.
 *
 * - `vsphere`: vSphere inventory (datacenters, …) as dynamic resources over the vim25 SOAP API;
 * - `openstack`: OpenStack objects (flavors, …) as dynamic resources over the Keystone, Nova and Neutron APIs.
 *
 * `validateSpec` checks an `OpenStackOnVSphereSpec` — both sides together — before anything is created.
 *
 * Credentials come from the stack configuration (`vsphere:*`, `openstack:*`) or the environment, never from
 * resource inputs.
 */
export * as openstack from "./openstack";
export * as vsphere from "./vsphere";
export * from "./stack/spec";
export { SpecFailure, validateSpec } from "./stack/validate";
