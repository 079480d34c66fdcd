/**
 * Interrupted ups and destroys converge: a 30-resource stack of the root program, brought up and destroyed
 * through the real Pulumi CLI while the CLI is killed, the dynamic-provider process is killed, or every vCenter
 * session expires, at points drawn afresh on every run (printed with their seed). After the README's recovery
 * the stack holds exactly what vCenter and OpenStack hold: no orphan, no duplicate, no change left to make.
 *
 * `npm test` runs one point of each kind for `up` and one for `destroy`; `npm run crash` runs the full sweep
 * (VSO_CRASH_POINTS per kind, 10 by default). VSO_CRASH_SEED repeats a run.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import * as YAML from "yaml";
import { Lab, LAB_DIR, ROOT } from "../../lab/lab";
import { exportStoredState, labStack } from "../../lab/pulumi";
import {
    cli,
    CRASH_KINDS,
    CrashPoint,
    describePoint,
    drawCrashPoints,
    Interrupted,
    LiveObject,
    openstackObjects,
    recover,
    removeLeftovers,
    runInterrupted,
    seededRandom,
    tally,
    vsphereObjects,
} from "../support/crash";
import { sharedLab, uniqueName } from "../support/lab";
import { vlanRangeForRun } from "../support/stack";

/** The stack's resources below the component: 1 datacenter, 2 clusters, 4 hosts, 2 NFS datastores, the image
 * folder, a switch, br-int, 5 networks with a subnet each and 6 flavors. */
const RESOURCES = 28;

const seed = Number(process.env.VSO_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const perKind = Number(process.env.VSO_CRASH_POINTS ?? 1);
const random = seededRandom(seed);
const upPoints = drawCrashPoints(random, "up", perKind, RESOURCES);
const destroyPoints = drawCrashPoints(random, "destroy", perKind, RESOURCES);

/** The root program's config of the stack: names after `prefix`, VLANs from `vlans`. */
function stackConfig(prefix: string, vlans: { min: number; max: number }): Record<string, unknown> {
    const hosts = (c: number) => [1, 2].map((h) => ({ hostname: `${prefix}-esx-${c}${h}.lab` }));
    return {
        "vsphere-openstack:name": prefix,
        "vsphere-openstack:vcenters": [
            {
                name: "lab",
                datacenter: `${prefix}-dc`,
                clusters: [1, 2].map((c) => ({ name: `${prefix}-c${c}`, hosts: hosts(c) })),
                datastores: [1, 2].map((d) => ({
                    name: `${prefix}-nfs${d}`,
                    nfs: { remoteHosts: ["nfs.lab"], remotePath: `/export/${prefix}-${d}` },
                })),
                imageStore: { datastore: `${prefix}-nfs1` },
                volumes: { datastoreRegex: `^${prefix}-nfs` },
                switch: { name: `${prefix}-dvs` },
            },
        ],
        "vsphere-openstack:network": { vlanRange: vlans },
        "vsphere-openstack:networks": [0, 1, 2, 3, 4].map((i) => ({
            name: `${prefix}-net${i}`,
            vlan: vlans.min + i,
            subnets: [{ cidr: `10.${60 + i}.0.0/24` }],
        })),
        "vsphere-openstack:flavors": [1, 2, 3, 4, 5, 6].map((i) => ({
            name: `${prefix}.f${i}`,
            vcpus: i,
            ramMb: 1024 * i,
            diskGb: 10,
        })),
    };
}

describe(`interrupted ups and destroys converge (seed ${seed}, ${perKind} point(s) of each kind)`, function () {
    this.timeout(0);
    let lab: Lab;
    const tallies: string[] = [];

    before(async () => {
        lab = await sharedLab();
    });

    after(() => {
        console.log(`      crash points (VSO_CRASH_SEED=${seed}):\n${tallies.map((t) => `        ${t}`).join("\n")}`);
    });

    /** The ids of the resources the stack's state holds. */
    async function stateIds(stack: Stack): Promise<Set<string>> {
        const state = JSON.parse(await exportStoredState(lab, stack)) as {
            deployment: { resources?: { type: string; id?: string }[] };
        };
        return new Set(
            (state.deployment.resources ?? [])
                .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"))
                .map((r) => r.id as string),
        );
    }

    /**
     * Runs the operation of `point` with its fault, then recovers as the README says. After an expired session
     * there is nothing to recover: a new login renews every session-bound object and the operation succeeds.
     */
    async function interruptAndRecover(prefix: string, point: CrashPoint): Promise<Interrupted> {
        const run = await runInterrupted(lab, ROOT, prefix, point);
        if (point.kind === "session") {
            assert.equal(run.exitCode, 0, run.output);
        } else {
            await recover(lab, ROOT, prefix, point.operation);
        }
        return run;
    }

    /** The side files the file backend keeps beside the stack's state: none, so a kill cannot leave one empty. */
    function stateSideFiles(prefix: string): string[] {
        const stacks = path.join(LAB_DIR, "pulumi-state", ".pulumi", "stacks", "vsphere-openstack");
        return fs.readdirSync(stacks).filter((f) => f.startsWith(`${prefix}.`) && f.endsWith(".attrs"));
    }

    async function live(prefix: string): Promise<LiveObject[]> {
        return [...(await vsphereObjects(lab, prefix)), ...(await openstackObjects(lab, prefix))];
    }

    CRASH_KINDS.forEach((kind, k) => {
        const points: CrashPoint[][] = Array.from({ length: perKind }, (_, i) => [
            upPoints[k * perKind + i],
            destroyPoints[k * perKind + i],
        ]);
        points.forEach(([up, destroy]) => {
            it(`${describePoint(up)} then ${describePoint(destroy)}: no orphan, no duplicate`, async () => {
                const prefix = uniqueName("crash");
                const stackFile = path.join(ROOT, `Pulumi.${prefix}.yaml`);
                const stack = await labStack(lab, ROOT, prefix);
                try {
                    const file = YAML.parse(fs.readFileSync(stackFile, "utf8")) as { config: object };
                    file.config = { ...file.config, ...stackConfig(prefix, vlanRangeForRun(10)) };
                    fs.writeFileSync(stackFile, YAML.stringify(file));

                    const upRun = await interruptAndRecover(prefix, up);
                    const ids = await stateIds(stack);
                    assert.equal(ids.size, RESOURCES, "every resource is in the state");
                    const afterUp = tally(await live(prefix), ids);
                    await cli(lab, ROOT, "preview", "--expect-no-changes", "--stack", prefix);

                    const destroyRun = await interruptAndRecover(prefix, destroy);
                    const left = await live(prefix);
                    tallies.push(
                        `${describePoint(up)} (fired: ${upRun.fired}, stragglers: ${upRun.stragglers}) → ` +
                            `${afterUp.orphans.length} orphans, ${afterUp.duplicates.length} duplicates; ` +
                            `${describePoint(destroy)} (fired: ${destroyRun.fired}) → ${left.length} left`,
                    );
                    assert.deepEqual(afterUp, { orphans: [], duplicates: [] });
                    assert.deepEqual(left, [], "destroy leaves nothing");
                    assert.equal((await stateIds(stack)).size, 0);
                    assert.deepEqual(stateSideFiles(prefix), []);
                } finally {
                    await removeLeftovers(lab, prefix);
                    await stack.workspace.removeStack(prefix, { force: true }).catch(() => undefined);
                    fs.rmSync(stackFile, { force: true });
                }
            });
        });
    });
});
