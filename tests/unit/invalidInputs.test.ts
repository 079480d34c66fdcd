/**
 * Every invalid input of the tables in `tests/support/invalidInputs.ts` and `specs.ts`, each failing at preview
 * with exactly its path and message: specs through `validateSpec` and the component under mocks (which then
 * registers nothing), resource inputs through each provider's own `check` (which makes no network request: the
 * connections point at a listener that counts every connection), stack configs through the root program's
 * schema check.
 */
import * as assert from "node:assert/strict";
import * as net from "node:net";
import * as pulumi from "@pulumi/pulumi";
import { readStackConfig } from "../../program/stackConfig";
import { configureProviders } from "../../provider/config";
import { provider as flavor } from "../../provider/openstack/flavor";
import { provider as providerNetwork } from "../../provider/openstack/providerNetwork";
import { provider as subnet } from "../../provider/openstack/subnet";
import { provider as computeCluster } from "../../provider/vsphere/computeCluster";
import { provider as datacenter } from "../../provider/vsphere/datacenter";
import { provider as datastoreFolder } from "../../provider/vsphere/datastoreFolder";
import { provider as distributedPortGroup } from "../../provider/vsphere/distributedPortGroup";
import { provider as distributedSwitch } from "../../provider/vsphere/distributedSwitch";
import { provider as host } from "../../provider/vsphere/host";
import { provider as nasDatastore } from "../../provider/vsphere/nasDatastore";
import { provider as vmfsDatastore } from "../../provider/vsphere/vmfsDatastore";
import { InvalidSpecError, OpenStackOnVSphere } from "../../sdk/stack/component";
import type { OpenStackOnVSphereSpec } from "../../sdk/stack/spec";
import { validateSpec } from "../../sdk/stack/validate";
import { CONFIG_CASES, RESOURCE_BASE, RESOURCE_CASES, SPEC_CASES } from "../support/invalidInputs";
import { recordRegistrations, Registered } from "../support/mocks";
import { exampleStackFile } from "../support/rootStack";
import * as specs from "../support/specs";

const PROVIDERS: Record<keyof typeof RESOURCE_BASE, Pick<pulumi.dynamic.ResourceProvider, "check" | "read">> = {
    Datacenter: datacenter,
    ComputeCluster: computeCluster,
    Host: host,
    NasDatastore: nasDatastore,
    VmfsDatastore: vmfsDatastore,
    DatastoreFolder: datastoreFolder,
    DistributedSwitch: distributedSwitch,
    DistributedPortGroup: distributedPortGroup,
    ProviderNetwork: providerNetwork,
    Subnet: subnet,
    Flavor: flavor,
};

describe("invalid inputs, each named by its path at preview", () => {
    it(`holds 100 or more: ${specs.INVALID.length + SPEC_CASES.length} specs, ${RESOURCE_CASES.length} resource inputs, ${CONFIG_CASES.length} stack configs`, () => {
        assert.ok(specs.INVALID.length + SPEC_CASES.length + RESOURCE_CASES.length + CONFIG_CASES.length >= 100);
    });

    describe("specs of the component", () => {
        let registered: Registered[];

        before(async () => {
            pulumi.runtime.setAllConfig({ "vsphere-openstack:connections": JSON.stringify(specs.CONNECTIONS) }, [
                "vsphere-openstack:connections",
            ]);
            registered = await recordRegistrations("vsphere-openstack");
        });

        for (const [i, [title, change, expected]] of SPEC_CASES.entries()) {
            it(`names ${title}, and the component registers nothing`, () => {
                const spec = specs.valid() as unknown as Record<string, unknown>;
                change(spec);
                assert.deepEqual(validateSpec(spec as unknown as OpenStackOnVSphereSpec), expected);
                assert.throws(
                    () => new OpenStackOnVSphere(`invalid-${i}`, spec as unknown as OpenStackOnVSphereSpec),
                    (err: unknown) => {
                        assert.ok(err instanceof InvalidSpecError);
                        assert.deepEqual(err.failures, expected);
                        return true;
                    },
                );
                assert.deepEqual(registered, []);
            });
        }
    });

    describe("inputs of the resources, by each provider's own check", () => {
        let server: net.Server;
        let connections = 0;

        before(async () => {
            // Where every vCenter and OpenStack call would go: a listener that counts and drops connections.
            server = net.createServer((socket) => {
                connections++;
                socket.destroy();
            });
            await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
            const { port } = server.address() as net.AddressInfo;
            const config: Record<string, string> = {
                "vsphere-openstack:connections": JSON.stringify({
                    lab: { server: `127.0.0.1:${port}`, user: "u", password: "p", allowUnverifiedSsl: true },
                }),
                "vsphere:vsphereServer": `127.0.0.1:${port}`,
                "vsphere:user": "u",
                "vsphere:password": "p",
                "vsphere:allowUnverifiedSsl": "true",
                "openstack:authUrl": `http://127.0.0.1:${port}/v3`,
                "openstack:userName": "u",
                "openstack:password": "p",
                "openstack:tenantName": "p",
            };
            configureProviders({ get: (key: string) => config[key] });
        });

        after(() => server.close());

        for (const [title, kind, change, expected] of RESOURCE_CASES) {
            it(`names ${title}`, async () => {
                const result = await PROVIDERS[kind].check!({}, { ...RESOURCE_BASE[kind], ...change });
                assert.deepEqual(result.failures, expected);
            });
        }

        it("made no connection: every check ran without a network request", () => {
            assert.equal(connections, 0);
        });

        it("counts a connection a provider does make (a read), so that a check's would have been seen", async () => {
            await assert.rejects(datacenter.read("datacenter-2", { name: "dc-1" } as never));
            assert.ok(connections > 0, `connections: ${connections}`);
        });
    });

    describe("stack configs of the root program, by its JSON Schema", () => {
        for (const [title, change, expected] of CONFIG_CASES) {
            it(`names ${title}`, () => {
                const config = exampleStackFile().config;
                change(config);
                // As the engine hands config to a program: structured values as JSON text.
                const text = (key: string) => {
                    const value = config[key];
                    return value === undefined || typeof value === "string" ? value : JSON.stringify(value);
                };
                assert.deepEqual(readStackConfig(text).failures, expected);
            });
        }
    });
});
