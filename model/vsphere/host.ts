/**
 * The contract of `vsphere.Host`, without I/O: its inputs and stored state with their defaults, which fields
 * replace it and which change in place, and the checks run at preview (the password never in a message).
 */
import type * as pulumi from "@pulumi/pulumi";
import { InputChecker, isKnown } from "../check";
import { FieldRules, UNKNOWN } from "../diff";
import { isHostName, MAX_HOST_NAME_LENGTH } from "../net/hostName";
import { checkLifecycle, LifecycleArgs, MAX_NAME_LENGTH } from "./lifecycle";

/** The inputs of a `vsphere.Host`. */
export interface HostArgs extends Omit<LifecycleArgs, "forceDestroy"> {
    /**
     * MOID of the compute cluster the host joins (`vsphere.ComputeCluster`'s id, e.g. `domain-c8`). Changing this
     * forces replacement: the host is removed from the old cluster first, then added to the new one.
     */
    clusterId: pulumi.Input<string>;
    /**
     * The DNS name or IP address vCenter connects to, e.g. `esx-01.example.com`; it becomes the host's name in the
     * inventory (`<cluster path>/<hostname>`). Changing this forces replacement.
     */
    hostname: pulumi.Input<string>;
    /**
     * The ESXi account vCenter logs in with to take the host over (it then manages the host through its own
     * `vpxuser` account). Defaults to `root`. Changing it reconnects the host with the new credentials
     * (`ReconnectHost_Task`), which verifies them; VMs keep running.
     */
    username?: pulumi.Input<string>;
    /**
     * The password of `username`. A secret: the resource keeps it encrypted in the stack's state (the class marks
     * it secret whether or not the value passed in is). Changing it reconnects the host with the new credentials.
     */
    password: pulumi.Input<string>;
    /**
     * The SHA-1 thumbprint of the host's TLS certificate, as 20 colon-separated hex bytes (`AB:12:…`), which
     * vCenter then requires the host to present. When omitted, vCenter verifies the certificate against the CAs
     * it trusts (VMCA-signed host certificates pass); a self-signed one then fails, and the error names the
     * thumbprint the host presented. Changing it reconnects the host.
     */
    sslThumbprint?: pulumi.Input<string>;
    /**
     * Whether the host is in maintenance mode (it then runs no VMs; DRS moves them off first, or they must be
     * powered off). Entered and left in place (`EnterMaintenanceMode_Task` / `ExitMaintenanceMode_Task`), waiting
     * up to 30 minutes for the host to get there. Defaults to false.
     */
    maintenanceMode?: pulumi.Input<boolean>;
}

/** What the provider stores for a host: its settings, and what vCenter reports about it. */
export interface HostState {
    /** MOID of the compute cluster the host is in. */
    clusterId: string;
    /** The DNS name or IP address vCenter connects to, which is also the host's name in the inventory. */
    hostname: string;
    /** The ESXi account vCenter logs in with to take the host over; `root` unless declared. */
    username: string;
    /** Kept encrypted in the state (a secret output). */
    password: string;
    /** The declared thumbprint, upper case; undefined when none is declared. */
    sslThumbprint?: string;
    /** Whether the host is in maintenance mode. */
    maintenanceMode: boolean;
    /** `connected`, `disconnected` or `notResponding` (`runtime.connectionState`) when last read. */
    connectionState: string;
    /** MOID of the host's datastore system (`configManager.datastoreSystem`), where datastores are mounted. */
    datastoreSystemId: string;
    /** MOID of the host's network system (`configManager.networkSystem`). */
    networkSystemId: string;
    /** The ESXi version, e.g. `8.0.2` (`summary.config.product.version`). */
    version: string;
    /** The ESXi build number, e.g. `21997540`. */
    build: string;
}

export const DEFAULT_USERNAME = "root";
/** A SHA-1 thumbprint as vCenter writes it: 20 hex bytes separated by colons. */
const THUMBPRINT = /^([0-9A-Fa-f]{2}:){19}[0-9A-Fa-f]{2}$/;

export const rules: FieldRules<HostState> = {
    replace: ["clusterId", "hostname"],
    update: ["username", "password", "sslThumbprint", "maintenanceMode"],
    // A host can be connected to a vCenter once: it must leave the old cluster before it joins another.
    deleteBeforeReplace: true,
};

/** The settings the inputs declare, defaults applied. */
export type HostWanted = Pick<
    HostState,
    "clusterId" | "hostname" | "username" | "password" | "sslThumbprint" | "maintenanceMode"
>;

/** The settings the inputs declare, the user defaulted and the thumbprint in upper case. */
export function wanted(inputs: pulumi.Unwrap<HostArgs>): HostWanted {
    const thumbprint = inputs.sslThumbprint;
    return {
        clusterId: inputs.clusterId,
        hostname: inputs.hostname,
        username: inputs.username ?? DEFAULT_USERNAME,
        password: inputs.password,
        sslThumbprint: typeof thumbprint === "string" && thumbprint !== UNKNOWN ? thumbprint.toUpperCase() : thumbprint,
        maintenanceMode: inputs.maintenanceMode ?? false,
    };
}

/** The preview checks of the inputs, before any API call; pure, so that a whole stack spec can use them. */
export function checkInputs(news: pulumi.Unwrap<HostArgs>): pulumi.dynamic.CheckResult<pulumi.Unwrap<HostArgs>> {
    const c = new InputChecker();
    c.name("clusterId", news.clusterId, MAX_NAME_LENGTH);
    c.name("hostname", news.hostname, MAX_HOST_NAME_LENGTH);
    if (typeof news.hostname === "string" && news.hostname !== UNKNOWN && !isHostName(news.hostname)) {
        c.fail(
            "hostname",
            `hostname must be a DNS name or IP address such as esx-01.example.com, not ${JSON.stringify(news.hostname)}`,
        );
    }
    c.name("username", news.username, 255, false);
    // The password never appears in a message.
    if (!isKnown(news.password) && news.password !== UNKNOWN) {
        c.fail("password", `password is required: the password of ${news.username ?? DEFAULT_USERNAME} on the host`);
    } else if (isKnown(news.password) && (typeof news.password !== "string" || news.password === "")) {
        c.fail("password", "password must be a non-empty string");
    }
    if (isKnown(news.sslThumbprint) && !THUMBPRINT.test(String(news.sslThumbprint))) {
        c.fail(
            "sslThumbprint",
            "sslThumbprint must be the SHA-1 thumbprint of the host's certificate, 20 hex bytes separated by colons " +
                `(AB:12:…), not ${JSON.stringify(news.sslThumbprint)}`,
        );
    }
    c.boolean("maintenanceMode", news.maintenanceMode);
    checkLifecycle(c, news);
    const want = wanted(news);
    const thumbprint = want.sslThumbprint === undefined ? {} : { sslThumbprint: want.sslThumbprint };
    return c.result({ ...news, username: want.username, ...thumbprint, maintenanceMode: want.maintenanceMode });
}
