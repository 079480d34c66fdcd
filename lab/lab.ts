/**
 * The local lab: govmomi's vCenter simulator (lab/vcsim) and Keystone, Nova API and Neutron from Debian's
 * packages (lab/openstack), all on 127.0.0.1. `labUp` is idempotent and safe to call from several processes:
 * whoever comes first starts what is missing, the others wait for it and reuse it.
 *
 * Run through lab/run.sh (npm scripts do), which puts the built simulator, govc and the Pulumi CLI on PATH.
 */
import { execFile, spawn } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export const ROOT = path.resolve(__dirname, "..");
export const LAB_DIR =
    process.env.VSO_LAB_DIR ?? path.join(process.env.HOME ?? "/root", ".local/state/vsphere-openstack/lab");

export interface VSphereEndpoint {
    /** host:port, as `vsphere:server` takes it. */
    server: string;
    url: string;
    user: string;
    password: string;
    /** The lab CA that signed the simulator's certificate. */
    caFile: string;
    /** The simulator's control endpoint (fault injection, session expiry). */
    controlUrl: string;
}

export interface OpenStackUser {
    userName: string;
    password: string;
    projectName: string;
    userDomainName: string;
    projectDomainName: string;
}

export interface OpenStackEndpoint {
    authUrl: string;
    region: string;
    ports: { keystone: number; nova: number; neutron: number };
    admin: OpenStackUser;
    demo: OpenStackUser;
    cloudsYaml: string;
}

export interface Lab {
    dir: string;
    vsphere: VSphereEndpoint;
    openstack: OpenStackEndpoint;
    /** The Pulumi backend the demo and the tests use: a file backend inside the lab directory. */
    pulumiBackendUrl: string;
}

const VCSIM_DIR = path.join(LAB_DIR, "vcsim");
const VCSIM_PORT = Number(process.env.VSO_VCSIM_PORT ?? 8989);
const VCSIM_CONTROL_PORT = Number(process.env.VSO_VCSIM_CONTROL_PORT ?? 8990);
const VCSIM_USER = "administrator@vsphere.local";
const OPENSTACK_LAB = path.join(ROOT, "lab", "openstack", "lab.sh");

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const socket = net.connect({ host: "127.0.0.1", port });
        socket.once("connect", () => {
            socket.destroy();
            resolve(true);
        });
        socket.once("error", () => resolve(false));
    });
}

function pidAlive(pidFile: string): boolean {
    try {
        process.kill(Number(fs.readFileSync(pidFile, "utf8")), 0);
        return true;
    } catch {
        return false;
    }
}

/** A secret generated once per lab directory and kept there with mode 0600. */
function labSecret(file: string): string {
    if (!fs.existsSync(file)) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, crypto.randomBytes(18).toString("base64url"), { mode: 0o600, flag: "wx" });
    }
    return fs.readFileSync(file, "utf8").trim();
}

/** Runs `fn` holding an exclusive lock (a lock directory; a holder that died is detected by its pid). */
async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const lock = path.join(LAB_DIR, `${name}.lock`);
    fs.mkdirSync(LAB_DIR, { recursive: true });
    for (;;) {
        try {
            fs.mkdirSync(lock);
            fs.writeFileSync(path.join(lock, "pid"), String(process.pid));
            break;
        } catch {
            if (!pidAlive(path.join(lock, "pid")) && fs.existsSync(lock)) {
                await sleep(200); // the holder may be between mkdir and writing its pid
                if (!pidAlive(path.join(lock, "pid"))) {
                    fs.rmSync(lock, { recursive: true, force: true });
                    continue;
                }
            }
            await sleep(100);
        }
    }
    try {
        return await fn();
    } finally {
        fs.rmSync(lock, { recursive: true, force: true });
    }
}

function vsphereEndpoint(): VSphereEndpoint {
    const password = labSecret(path.join(VCSIM_DIR, "password"));
    return {
        server: `127.0.0.1:${VCSIM_PORT}`,
        url: `https://127.0.0.1:${VCSIM_PORT}/sdk`,
        user: VCSIM_USER,
        password,
        caFile: path.join(VCSIM_DIR, "tls", "ca.pem"),
        controlUrl: `http://127.0.0.1:${VCSIM_CONTROL_PORT}`,
    };
}

const VCSIM_PID = path.join(VCSIM_DIR, "vcsim.pid");
/** Which build of the simulator runs (lab/toolchain.sh keys builds by the hash of lab/vcsim). */
const VCSIM_BUILD = path.join(VCSIM_DIR, "vcsim.build");

/** The simulator binary on PATH (put there by lab/toolchain.sh), resolved to its build directory. */
function vcsimBinary(): string {
    for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
        const candidate = path.join(dir, "vcsim-lab");
        if (fs.existsSync(candidate)) {
            return fs.realpathSync(candidate);
        }
    }
    throw new Error("vcsim-lab is not on PATH: run this through lab/run.sh (the npm scripts do)");
}

async function vcsimDown(): Promise<void> {
    if (pidAlive(VCSIM_PID)) {
        process.kill(Number(fs.readFileSync(VCSIM_PID, "utf8")), "SIGTERM");
        for (let i = 0; i < 100 && pidAlive(VCSIM_PID); i++) {
            await sleep(50);
        }
    }
    fs.rmSync(VCSIM_PID, { force: true });
}

async function vcsimUp(): Promise<VSphereEndpoint> {
    const endpoint = vsphereEndpoint();
    const binary = vcsimBinary();
    if (pidAlive(VCSIM_PID) && (await listening(VCSIM_PORT))) {
        if (fs.existsSync(VCSIM_BUILD) && fs.readFileSync(VCSIM_BUILD, "utf8") === binary) {
            return endpoint;
        }
        await vcsimDown(); // an older build of the simulator: its inventory goes with it
    }
    if (await listening(VCSIM_PORT)) {
        throw new Error(`port ${VCSIM_PORT} is taken by another program; set VSO_VCSIM_PORT to a free port`);
    }
    fs.mkdirSync(VCSIM_DIR, { recursive: true });
    const log = fs.openSync(path.join(VCSIM_DIR, "vcsim.log"), "a");
    const child = spawn(
        binary,
        [
            "-listen",
            endpoint.server,
            "-tls-dir",
            path.join(VCSIM_DIR, "tls"),
            "-username",
            endpoint.user,
            "-password-file",
            path.join(VCSIM_DIR, "password"),
            "-control",
            `127.0.0.1:${VCSIM_CONTROL_PORT}`,
        ],
        { detached: true, stdio: ["ignore", log, log] },
    );
    fs.closeSync(log);
    child.unref();
    fs.writeFileSync(VCSIM_PID, String(child.pid));
    fs.writeFileSync(VCSIM_BUILD, binary);
    for (let i = 0; i < 200; i++) {
        if (await listening(VCSIM_PORT)) {
            return endpoint;
        }
        if (child.exitCode !== null || !pidAlive(VCSIM_PID)) {
            break;
        }
        await sleep(50);
    }
    throw new Error(`the vCenter simulator did not start; see ${path.join(VCSIM_DIR, "vcsim.log")}`);
}

async function openstackLab(...args: string[]): Promise<string> {
    const { stdout } = await run(OPENSTACK_LAB, args, {
        maxBuffer: 16 << 20,
        env: { ...process.env, VSO_LAB_DIR: LAB_DIR },
    });
    return stdout;
}

function readOpenStackEndpoint(): OpenStackEndpoint {
    return JSON.parse(fs.readFileSync(path.join(LAB_DIR, "openstack", "endpoints.json"), "utf8")) as OpenStackEndpoint;
}

/** Starts whatever part of the lab is not running and returns how to reach it. */
export async function labUp(): Promise<Lab> {
    return withLock("up", async () => {
        const [vsphere] = await Promise.all([vcsimUp(), openstackLab("install").then(() => openstackLab("up"))]);
        const state = path.join(LAB_DIR, "pulumi-state");
        fs.mkdirSync(state, { recursive: true });
        return { dir: LAB_DIR, vsphere, openstack: readOpenStackEndpoint(), pulumiBackendUrl: `file://${state}` };
    });
}

/** Stops one OpenStack service of the running lab (to test how clients ride out an outage). */
export async function stopOpenStackService(service: "keystone" | "nova" | "neutron"): Promise<void> {
    await openstackLab("stop", service);
}

/** Starts a service stopped with {@link stopOpenStackService} again; it answers once it has loaded. */
export async function startOpenStackService(service: "keystone" | "nova" | "neutron"): Promise<void> {
    await openstackLab("start", service);
}

/** Stops the lab's services. State and credentials stay for the next start. */
export async function labDown(): Promise<void> {
    await withLock("up", async () => {
        await vcsimDown();
        await openstackLab("down");
    });
}

/** What runs where, with which user names (never passwords). Exit status 0 when everything runs. */
export async function labStatus(): Promise<{ running: boolean; text: string }> {
    const v = vsphereEndpoint();
    const vcsimRunning = pidAlive(VCSIM_PID) && (await listening(VCSIM_PORT));
    let openstackText: string;
    let openstackRunning = true;
    try {
        openstackText = await openstackLab("status");
    } catch (err) {
        openstackRunning = false;
        openstackText = (err as { stdout?: string }).stdout ?? String(err);
    }
    const text = [
        `lab directory: ${LAB_DIR}`,
        `vCenter simulator: ${vcsimRunning ? "running" : "stopped"}`,
        `  url:      ${v.url}`,
        `  user:     ${v.user} (password in ${path.join(VCSIM_DIR, "password")})`,
        `  CA:       ${v.caFile}`,
        `  control:  ${v.controlUrl}`,
        `OpenStack:`,
        openstackText.trimEnd().replace(/^/gm, "  "),
        `Pulumi state: file://${path.join(LAB_DIR, "pulumi-state")}`,
    ].join("\n");
    return { running: vcsimRunning && openstackRunning, text };
}

/** The environment that points the providers, govc and the openstack CLI at the lab, as an admin. */
export function labEnvironment(lab: Lab): Record<string, string> {
    const admin = lab.openstack.admin;
    return {
        VSPHERE_SERVER: lab.vsphere.server,
        VSPHERE_USER: lab.vsphere.user,
        VSPHERE_PASSWORD: lab.vsphere.password,
        VSPHERE_CA_FILE: lab.vsphere.caFile,
        GOVC_URL: lab.vsphere.url,
        GOVC_USERNAME: lab.vsphere.user,
        GOVC_PASSWORD: lab.vsphere.password,
        GOVC_TLS_CA_CERTS: lab.vsphere.caFile,
        OS_AUTH_URL: lab.openstack.authUrl,
        OS_USERNAME: admin.userName,
        OS_PASSWORD: admin.password,
        OS_PROJECT_NAME: admin.projectName,
        OS_USER_DOMAIN_NAME: admin.userDomainName,
        OS_PROJECT_DOMAIN_NAME: admin.projectDomainName,
        OS_REGION_NAME: lab.openstack.region,
        OS_IDENTITY_API_VERSION: "3",
    };
}

/** Stack configuration that points a program's providers at the lab as admin; passwords are secrets. */
export function labStackConfig(lab: Lab): Record<string, { value: string; secret?: boolean }> {
    const admin = lab.openstack.admin;
    return {
        "vsphere:server": { value: lab.vsphere.server },
        "vsphere:user": { value: lab.vsphere.user },
        "vsphere:password": { value: lab.vsphere.password, secret: true },
        "vsphere:caFile": { value: lab.vsphere.caFile },
        "openstack:authUrl": { value: lab.openstack.authUrl },
        "openstack:userName": { value: admin.userName },
        "openstack:password": { value: admin.password, secret: true },
        "openstack:projectName": { value: admin.projectName },
        "openstack:userDomainName": { value: admin.userDomainName },
        "openstack:projectDomainName": { value: admin.projectDomainName },
        "openstack:region": { value: lab.openstack.region },
    };
}
