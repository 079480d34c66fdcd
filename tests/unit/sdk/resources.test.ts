import * as assert from "node:assert/strict";
import { recordRegistrations, Registered, registrationsSettled } from "../../support/mocks";

/** Each resource class with the inputs it is given here; the type token is `pulumi-nodejs:dynamic/<key>`. */
const DECLARED: Record<string, Record<string, unknown>> = {
    "vsphere:Datacenter": { name: "dc1" },
    "openstack:Flavor": {
        name: "m1",
        vcpus: 2,
        ramMb: 2048,
        diskGb: 20,
        extraSpecs: { "vmware:hw_version": "vmx-13" },
    },
    "openstack:ProviderNetwork": { name: "net1", physicalNetwork: "physnet1", segmentationId: 101 },
    "openstack:Subnet": { networkId: "net1-id", name: "net1-v4", cidr: "10.20.0.0/24" },
    "vsphere:NasDatastore": {
        name: "images",
        hostIds: ["host-21", "host-22"],
        remoteHosts: ["nfs.example.com"],
        remotePath: "/export/images",
    },
    "vsphere:VmfsDatastore": { hostId: "host-21", disk: "naa.6000c29a1b2c3d4e5f60718293a4b5c6", name: "local" },
    "vsphere:DatastoreFolder": { datastoreId: "datastore-31", path: "openstack_glance" },
};

/** The name each resource is declared with below. */
const NAMES: Record<string, string> = {
    "vsphere:Datacenter": "dc",
    "openstack:Flavor": "flavor",
    "openstack:ProviderNetwork": "network",
    "openstack:Subnet": "subnet",
    "vsphere:NasDatastore": "nfs",
    "vsphere:VmfsDatastore": "vmfs",
    "vsphere:DatastoreFolder": "glance",
};

describe("sdk resources under mocks", () => {
    let registered: Registered[];

    before(async () => {
        registered = await recordRegistrations("project");
        const sdk = await import("../../../sdk");
        const d = (key: string) => DECLARED[key] as never;
        new sdk.vsphere.Datacenter(NAMES["vsphere:Datacenter"], d("vsphere:Datacenter"));
        new sdk.openstack.Flavor(NAMES["openstack:Flavor"], d("openstack:Flavor"));
        new sdk.openstack.ProviderNetwork(NAMES["openstack:ProviderNetwork"], d("openstack:ProviderNetwork"));
        new sdk.openstack.Subnet(NAMES["openstack:Subnet"], d("openstack:Subnet"));
        new sdk.vsphere.NasDatastore(NAMES["vsphere:NasDatastore"], d("vsphere:NasDatastore"));
        new sdk.vsphere.VmfsDatastore(NAMES["vsphere:VmfsDatastore"], d("vsphere:VmfsDatastore"));
        new sdk.vsphere.DatastoreFolder(NAMES["vsphere:DatastoreFolder"], d("vsphere:DatastoreFolder"));
        await registrationsSettled();
    });

    it("registers each resource under its own dynamic type with exactly the declared inputs", () => {
        const found = Object.fromEntries(
            registered.map(({ type, inputs: { __provider, ...inputs } }) => [
                type.replace("pulumi-nodejs:dynamic/", ""),
                { inputs, provider: typeof __provider },
            ]),
        );
        const owned = (key: string, inputs: Record<string, unknown>) => ({
            ...inputs,
            owner: `vsphere-openstack:project/stack/${key}/${NAMES[key]}`,
        });
        assert.deepEqual(
            found,
            Object.fromEntries(
                Object.entries(DECLARED).map(([key, inputs]) => [
                    key,
                    { inputs: owned(key, inputs), provider: "string" },
                ]),
            ),
        );
    });

    it("serializes each provider as a small forwarder that loads the implementation from the package", () => {
        for (const r of registered) {
            const text = r.inputs.__provider as string;
            assert.ok(text.length < 3000, `${r.type}: __provider is ${text.length} bytes`);
            assert.match(text, /vsphere-openstack\/dist\/provider\/(vsphere|openstack)\/[A-Za-z]+/);
            assert.doesNotMatch(text, /password|VimClient|KeystoneSession/i);
        }
    });
});
