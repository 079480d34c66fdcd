/**
 * `checkDeployment`: a read-only check of an OpenStack-on-vSphere deployment. It reads both sides live through
 * the connections the stack uses and reports what differs. The reading is loaded only when a check runs, so a
 * program that only declares resources loads no API client.
 */
import type { OpenStackOnVSphereSpec } from "../stack/spec";
import { CheckedOutputs, deploymentOfOutputs, deploymentOfSpec } from "./deployment";
import { Finding, findings, Snapshots } from "./findings";
import { reportText } from "./report";
import type { CheckCalls, Deployment } from "./snapshot";

/** What to check: a component's spec, or the outputs of a stack of `OpenStackOnVSphere`. */
export type CheckTarget =
    | {
          /** A component's spec: its objects are found by name. */
          spec: OpenStackOnVSphereSpec;
      }
    | {
          /** A stack's outputs: its objects are found by id. */
          outputs: CheckedOutputs;
      };

/** How a check connects. */
export interface CheckOptions {
    /**
     * The stack configuration the providers read, by key, values in clear text: `vsphere:connections` (as JSON,
     * the form `pulumi config --json` gives a structured value), the `openstack:*` keys. A key that is not set
     * falls back to the environment as for the providers (`OS_*`, `OS_CLOUD`). Defaults to none.
     */
    config?: Record<string, string | undefined>;
}

/** What a check found. */
export interface CheckReport {
    /** Whether there is no error-level finding. */
    ok: boolean;
    /** Every finding, by area. */
    findings: Finding[];
    /** The deployment as declared, which was checked. */
    deployment: Deployment;
    /** Both sides as read. */
    read: Snapshots;
    /** The calls the check made. */
    calls: CheckCalls;
    /** For people: a Markdown table per area and the stack's Mermaid picture with the findings marked. */
    text: string;
}

/**
 * Checks a deployment: reads both sides live — one property-collector retrieval per object type per vCenter, one
 * list per OpenStack collection — and returns the findings, each with its severity, the objects on both sides,
 * what differs and its likely cause. Read-only.
 *
 * @example
 * ```ts
 * const report = await checkDeployment({ outputs: await stack.outputs() }, { config });
 * if (!report.ok) console.log(report.text);
 * ```
 */
export async function checkDeployment(target: CheckTarget, options: CheckOptions = {}): Promise<CheckReport> {
    const deployment = "spec" in target ? deploymentOfSpec(target.spec) : deploymentOfOutputs(target.outputs);
    const config = options.config ?? {};
    const { readSnapshots } = require("../../provider/check/read") as typeof import("../../provider/check/read");
    const { snapshots, calls } = await readSnapshots(deployment, { get: (key: string) => config[key] });
    const found = findings(deployment, snapshots);
    return {
        ok: !found.some((f) => f.severity === "error"),
        findings: found,
        deployment,
        read: snapshots,
        calls,
        text: reportText(deployment, snapshots, found),
    };
}
