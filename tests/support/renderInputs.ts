/** Inputs of `renderConfig` shared by the tests that read its files in different ways. */
import type { RenderInput, RenderVCenter } from "../../sdk/stack/render";

/** A vCenter on another port, without a CA file, that skips certificate checks. */
export function eastVCenter(): RenderVCenter {
    return {
        name: "vc2",
        access: {
            host: "10.0.0.12",
            port: 8989,
            username: "openstack@vsphere.local",
            password: "other",
            insecure: true,
        },
        datacenter: "dc-east",
        clusters: [{ name: "east", id: "domain-c7", hosts: ["esx-11.lab"] }],
        imageStore: { datastore: "images-east", folder: "glance/images" },
        volumes: { folder: "volumes-east", datastoreRegex: "^east-", lazyCreate: true },
        switchName: "dvs-east",
        switchMtu: 1500,
        portGroup: { name: "br-int", id: "dvportgroup-31" },
    };
}

/** A whole input around `vcenters`: physnet1, VLANs 100-2000 and two networks. */
export function renderInput(vcenters: RenderVCenter[]): RenderInput {
    return {
        vcenters,
        physicalNetwork: "physnet1",
        vlanRange: { min: 100, max: 2000 },
        networks: [
            { name: "tenant-a", id: "0b7e6a52-5d0c-4d1e-9a35-5a1f1c3f0101", vlan: 101 },
            { name: "tenant-b", id: "0b7e6a52-5d0c-4d1e-9a35-5a1f1c3f0102", vlan: 102 },
        ],
    };
}
