/** Clusters and hosts for tests, made with govc independently of the providers under test. */
import * as crypto from "node:crypto";
import type { Lab } from "../../lab/lab";
import { govcMoid } from "./inventory";
import { govc, govcCollect, uniqueName } from "./lab";

/** A host name no other test uses, e.g. `esx-1a2b3c4d.lab.invalid` (the simulator contacts no host). */
export function uniqueHostname(): string {
    return `${uniqueName("esx")}.lab.invalid`;
}

/** Adds a host to the cluster at inventory path `cluster` with govc (as root) and returns its MOID. */
export async function govcAddHost(lab: Lab, cluster: string, hostname: string): Promise<string> {
    const dc = cluster.split("/")[1];
    await govc(
        lab,
        "cluster.add",
        "-dc",
        dc,
        "-cluster",
        cluster,
        "-noverify",
        "-hostname",
        hostname,
        "-username",
        "root",
        "-password",
        "lab",
    );
    return govcMoid(lab, `${cluster}/${hostname}`);
}

/** The SHA-1 thumbprint (`AB:12:…`) of the certificate of the host `hostId`, from its `config.certificate`. */
export async function govcHostThumbprint(lab: Lab, hostId: string): Promise<string> {
    const p = await govcCollect(lab, `HostSystem:${hostId}`, "config.certificate");
    const pem = Buffer.from((p["config.certificate"] as { _value: string })._value, "base64").toString("utf8");
    return new crypto.X509Certificate(pem).fingerprint;
}
