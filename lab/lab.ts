/**
 * The local lab: two independent vCenter simulators (lab/vcsim), as two vCenters would be, each on port 443 of a
 * loopback address of its own (127.0.0.2, 127.0.0.3), and OpenStack's control plane from Debian's packages
 * (lab/openstack) on 127.0.0.1. `labUp` is idempotent and safe to call
 * from several processes: whoever comes first starts what is missing, the others wait for it and reuse it.
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
    /** host:port, as `vsphere:vsphereServer` takes it. */
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
    ports: {
        rabbitmq: number;
        keystone: number;
        placement: number;
        nova: number;
        neutron: number;
        cinder: number;
        glance: number;
    };
    admin: OpenStackUser;
    demo: OpenStackUser;
    cloudsYaml: string;
}

export interface Lab {
    dir: string;
    /** The first vCenter simulator. */
    vsphere: VSphereEndpoint;
    /** The second vCenter simulator: its own process, inventory, password, CA and instance UUID. */
    vsphereB: VSphereEndpoint;
    openstack: OpenStackEndpoint;
    /** The Pulumi backend the demo and the tests use: a file backend inside the lab directory. */
    pulumiBackendUrl: string;
}

/** One vCenter simulator of the lab: its own process, address, ports and state directory. */
interface VcsimInstance {
    /** How the lab's status and errors name it. */
    label: string;
    /** The loopback address it listens on, its own as a vCenter's would be. */
    address: string;
    /** Its HTTPS port: 443, as a vCenter's, so the services (Glance's store dials 443 only) reach it as one. */
    port: number;
    /** The environment variable that sets `port`. */
    portVariable: string;
    controlPort: number;
    /** Its files, all in its own directory of the lab. */
    dir: string;
    passwordFile: string;
    tlsDir: string;
    instanceUuidFile: string;
    pidFile: string;
    /** Which build of the simulator runs (lab/toolchain.sh keys builds by the hash of lab/vcsim). */
    buildFile: string;
    logFile: string;
}

/**
 * The simulator kept in `<lab>/<dirName>`, on `<envPrefix>_ADDRESS` (else `address`) port `<envPrefix>_PORT`
 * (else 443), with its control endpoint on 127.0.0.1 port `<envPrefix>_CONTROL_PORT` (else `controlPort`).
 */
function vcsimInstance(
    label: string,
    dirName: string,
    envPrefix: string,
    address: string,
    controlPort: number,
): VcsimInstance {
    const dir = path.join(LAB_DIR, dirName);
    const portVariable = `${envPrefix}_PORT`;
    return {
        label,
        address: process.env[`${envPrefix}_ADDRESS`] ?? address,
        port: Number(process.env[portVariable] ?? 443),
        portVariable,
        controlPort: Number(process.env[`${envPrefix}_CONTROL_PORT`] ?? controlPort),
        dir,
        passwordFile: path.join(dir, "password"),
        tlsDir: path.join(dir, "tls"),
        instanceUuidFile: path.join(dir, "instance-uuid"),
        pidFile: path.join(dir, "vcsim.pid"),
        buildFile: path.join(dir, "vcsim.build"),
        logFile: path.join(dir, "vcsim.log"),
    };
}

const VCSIM_A = vcsimInstance("vCenter simulator", "vcsim", "VSO_VCSIM", "127.0.0.2", 8990);
const VCSIM_B = vcsimInstance("vCenter simulator B", "vcsim-b", "VSO_VCSIM_B", "127.0.0.3", 8992);
const VCSIM_USER = "administrator@vsphere.local";
const OPENSTACK_LAB = path.join(ROOT, "lab", "openstack", "lab.sh");

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

/** True when something accepts TCP connections on host:port. */
function listening(host: string, port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const socket = net.connect({ host, port });
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

function vsphereEndpoint(vcsim: VcsimInstance): VSphereEndpoint {
    const server = vcsim.port === 443 ? vcsim.address : `${vcsim.address}:${vcsim.port}`;
    return {
        server,
        url: `https://${server}/sdk`,
        user: VCSIM_USER,
        password: labSecret(vcsim.passwordFile),
        caFile: path.join(vcsim.tlsDir, "ca.pem"),
        controlUrl: `http://127.0.0.1:${vcsim.controlPort}`,
    };
}

async function vcsimRunning(vcsim: VcsimInstance): Promise<boolean> {
    return pidAlive(vcsim.pidFile) && (await listening(vcsim.address, vcsim.port));
}

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

async function vcsimDown(vcsim: VcsimInstance): Promise<void> {
    if (pidAlive(vcsim.pidFile)) {
        process.kill(Number(fs.readFileSync(vcsim.pidFile, "utf8")), "SIGTERM");
        for (let i = 0; i < 100 && pidAlive(vcsim.pidFile); i++) {
            await sleep(50);
        }
    }
    fs.rmSync(vcsim.pidFile, { force: true });
}

async function vcsimUp(vcsim: VcsimInstance): Promise<VSphereEndpoint> {
    const endpoint = vsphereEndpoint(vcsim);
    const binary = vcsimBinary();
    if (
        (await vcsimRunning(vcsim)) &&
        fs.existsSync(vcsim.buildFile) &&
        fs.readFileSync(vcsim.buildFile, "utf8") === binary
    ) {
        return endpoint;
    }
    // What runs from this directory is another build, or listens elsewhere: its inventory goes with it.
    await vcsimDown(vcsim);
    if (await listening(vcsim.address, vcsim.port)) {
        throw new Error(
            `${vcsim.address}:${vcsim.port} is taken by another program; set ${vcsim.portVariable} to a free port`,
        );
    }
    fs.mkdirSync(vcsim.dir, { recursive: true });
    const log = fs.openSync(vcsim.logFile, "a");
    const child = spawn(
        binary,
        [
            "-listen",
            `${vcsim.address}:${vcsim.port}`,
            "-tls-dir",
            vcsim.tlsDir,
            "-username",
            endpoint.user,
            "-password-file",
            vcsim.passwordFile,
            "-instance-uuid-file",
            vcsim.instanceUuidFile,
            "-control",
            `127.0.0.1:${vcsim.controlPort}`,
            "-hosts-file",
            path.join(vcsim.dir, "hosts"),
        ],
        { detached: true, stdio: ["ignore", log, log] },
    );
    fs.closeSync(log);
    child.unref();
    fs.writeFileSync(vcsim.pidFile, String(child.pid));
    fs.writeFileSync(vcsim.buildFile, binary);
    for (let i = 0; i < 200; i++) {
        if (await listening(vcsim.address, vcsim.port)) {
            return endpoint;
        }
        if (child.exitCode !== null || !pidAlive(vcsim.pidFile)) {
            break;
        }
        await sleep(50);
    }
    throw new Error(`the ${vcsim.label} did not start; see ${vcsim.logFile}`);
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
        const [vsphere, vsphereB] = await Promise.all([
            vcsimUp(VCSIM_A),
            vcsimUp(VCSIM_B),
            openstackLab("install").then(() => openstackLab("up")),
        ]);
        fs.mkdirSync(path.join(LAB_DIR, "pulumi-state"), { recursive: true });
        return {
            dir: LAB_DIR,
            vsphere,
            vsphereB,
            openstack: readOpenStackEndpoint(),
            pulumiBackendUrl: labStateUrl(),
        };
    });
}

/**
 * The lab's file backend. `metadata=skip` keeps the CLI from writing a `.attrs` side file beside each state
 * file: that file is rewritten in place, and a CLI killed while writing it leaves a stack no command can load.
 */
function labStateUrl(): string {
    return `file://${path.join(LAB_DIR, "pulumi-state")}?metadata=skip`;
}

const POSTGRES_LAB = path.join(ROOT, "lab", "postgres", "lab.sh");

/** The lab's PostgreSQL, for Pulumi's PostgreSQL state backend. */
export interface PostgresEndpoint {
    host: string;
    port: number;
    database: string;
    user: string;
    password: string;
    /** What `pulumi login` takes: `postgres://user:password@host:port/database?sslmode=disable`. */
    backendUrl: string;
}

/** Starts the lab's PostgreSQL (lab/postgres/lab.sh) when it is not running and returns how to reach it. */
export async function labPostgres(): Promise<PostgresEndpoint> {
    return withLock("postgres", async () => {
        const env = { ...process.env, VSO_LAB_DIR: LAB_DIR };
        await run(POSTGRES_LAB, ["install"], { env, maxBuffer: 16 << 20 });
        await run(POSTGRES_LAB, ["up"], { env });
        const port = Number(process.env.VSO_POSTGRES_PORT ?? 5440);
        const password = fs.readFileSync(path.join(LAB_DIR, "postgres", "password"), "utf8").trim();
        const endpoint = { host: "127.0.0.1", port, database: "pulumi", user: "pulumi", password };
        const backendUrl = `postgres://${endpoint.user}:${password}@127.0.0.1:${port}/pulumi?sslmode=disable`;
        return { ...endpoint, backendUrl };
    });
}

/**
 * OpenStack's services that work on the vCenters, each run from a configuration file a stack rendered (on top of
 * the lab's own file for that service): nova-compute once per rendered cluster file, cinder-volume and glance-api
 * with the rendered store.
 */
export const dataPlane = {
    /** Starts a nova-compute named `name` with the rendered file `file`; its host is mapped into the cell. */
    startCompute: (name: string, file: string) => openstackLab("compute", "start", name, file),
    stopCompute: (name: string) => openstackLab("compute", "stop", name),
    /** Starts cinder-volume with the rendered cinder.conf `file`. */
    startVolume: (file: string) => openstackLab("volume", "start", file),
    stopVolume: () => openstackLab("volume", "stop"),
    /**
     * Restarts glance-api with the rendered glance-api.conf `files[0]` (the glance-api of the catalog), and starts
     * one more on its own port for each further file (`glance2`, … up to 4, on the same database); resolves to
     * their URLs, in the files' order, once each answers.
     */
    startImage: async (files: string[]) => (await openstackLab("image", "start", ...files)).trim().split("\n"),
    /** Stops the further glance-apis and restarts glance-api with the lab's own file store. */
    stopImage: () => openstackLab("image", "stop"),
    /** The log file of a data-plane process: `compute-<name>`, `cinder-volume`, `glance` or `glance2` … */
    logFile: (process: string) => path.join(LAB_DIR, "openstack", "log", `${process}.log`),
};

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
        await Promise.all([vcsimDown(VCSIM_A), vcsimDown(VCSIM_B)]);
        await openstackLab("down");
    });
}

/** Whether one simulator runs, and its lines of the lab's status. */
async function vcsimStatus(vcsim: VcsimInstance): Promise<{ running: boolean; text: string }> {
    const v = vsphereEndpoint(vcsim);
    const running = await vcsimRunning(vcsim);
    const text = [
        `${vcsim.label}: ${running ? "running" : "stopped"}`,
        `  url:      ${v.url}`,
        `  user:     ${v.user} (password in ${vcsim.passwordFile})`,
        `  CA:       ${v.caFile}`,
        `  control:  ${v.controlUrl}`,
    ].join("\n");
    return { running, text };
}

/** What runs where, with which user names (never passwords). Exit status 0 when everything runs. */
export async function labStatus(): Promise<{ running: boolean; text: string }> {
    const vcsims = await Promise.all([VCSIM_A, VCSIM_B].map(vcsimStatus));
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
        ...vcsims.map((v) => v.text),
        `OpenStack:`,
        openstackText.trimEnd().replace(/^/gm, "  "),
        `Pulumi state: ${labStateUrl()}`,
    ].join("\n");
    return { running: vcsims.every((v) => v.running) && openstackRunning, text };
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

/** The names of the lab's two vCenters as connections of the stack config `vsphere-openstack:connections`. */
export const LAB_CONNECTIONS = { a: "lab", b: "lab-b" } as const;

/** The root password the lab's simulated ESXi hosts are added with (the simulator accepts any). */
export const LAB_HOST_PASSWORD = "esx-root-password";

/**
 * The lab's two vCenters as named connections, in the form `pulumi config set --path` gives them: one key per
 * field (`vsphere-openstack:connections.lab.server`, …), passwords as secrets. Set with `path: true`.
 */
export function labConnectionsConfig(lab: Lab): Record<string, { value: string; secret?: boolean }> {
    const entries = [
        [LAB_CONNECTIONS.a, lab.vsphere],
        [LAB_CONNECTIONS.b, lab.vsphereB],
    ] as const;
    return Object.fromEntries(
        entries.flatMap(([name, v]) =>
            Object.entries({
                server: { value: v.server },
                user: { value: v.user },
                password: { value: v.password, secret: true },
                hostPassword: { value: LAB_HOST_PASSWORD, secret: true },
                caFile: { value: v.caFile },
            }).map(([field, value]) => [`vsphere-openstack:connections.${name}.${field}`, value]),
        ),
    );
}

/** Stack configuration that points a program's providers at the lab as admin; passwords are secrets. */
export function labStackConfig(lab: Lab): Record<string, { value: string; secret?: boolean }> {
    const admin = lab.openstack.admin;
    return {
        "vsphere:vsphereServer": { value: lab.vsphere.server },
        "vsphere:user": { value: lab.vsphere.user },
        "vsphere:password": { value: lab.vsphere.password, secret: true },
        "vsphere-openstack:vsphereCaFile": { value: lab.vsphere.caFile },
        "openstack:authUrl": { value: lab.openstack.authUrl },
        "openstack:userName": { value: admin.userName },
        "openstack:password": { value: admin.password, secret: true },
        "openstack:tenantName": { value: admin.projectName },
        "openstack:userDomainName": { value: admin.userDomainName },
        "openstack:projectDomainName": { value: admin.projectDomainName },
        "openstack:region": { value: lab.openstack.region },
    };
}
