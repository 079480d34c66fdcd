/**
 * vsphere-openstack: OpenStack on VMware vSphere as one typed Pulumi stack.
 *
 * - `vsphere`: vSphere inventory (datacenters, …) as dynamic resources over the vim25 SOAP API;
 * - `openstack`: OpenStack objects (flavors, …) as dynamic resources over the Keystone, Nova and Neutron APIs.
 *
 * Credentials come from the stack configuration (`vsphere:*`, `openstack:*`) or the environment, never from
 * resource inputs.
 */
export * as openstack from "./openstack";
export * as vsphere from "./vsphere";
