/**
 * The OpenStack lab's control plane (lab/openstack/lab.sh): in a state directory and on ports of its own, not the
 * shared lab's, `up` starts RabbitMQ, Keystone, placement, Nova API/conductor/scheduler, Neutron, Cinder
 * API/scheduler and glance-api; a second `up` changes nothing; `down` leaves no process of that state directory.
 */
import { adminToken } from "../../../lab/services";
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { ROOT, type OpenStackEndpoint } from "../../../lab/lab";

const run = promisify(execFile);
const LAB_SH = path.join(ROOT, "lab", "openstack", "lab.sh");
const PORTS = ["keystone", "nova", "neutron", "placement", "cinder", "glance", "glance2", "rabbitmq", "epmd"] as const;

/** Whether something on 127.0.0.1 holds `port`. */
function taken(port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const server = net.createServer();
        server.once("error", () => resolve(true));
        server.listen(port, "127.0.0.1", () => server.close(() => resolve(false)));
    });
}

/**
 * A free port for each service, none of them the standard one. RabbitMQ's distribution port is its AMQP port
 * + 20000, so the ports come from 20000-44999 and that one must be free too.
 */
async function freePorts(): Promise<Record<(typeof PORTS)[number], number>> {
    const chosen = new Set<number>();
    const ports: Partial<Record<(typeof PORTS)[number], number>> = {};
    for (const name of PORTS) {
        for (;;) {
            const port = 20000 + Math.floor(Math.random() * 25000);
            const also = name === "rabbitmq" ? [port + 20000] : [];
            const candidates = [port, ...also];
            if (candidates.some((p) => chosen.has(p))) {
                continue;
            }
            if (!(await Promise.all(candidates.map(taken))).some(Boolean)) {
                candidates.forEach((p) => chosen.add(p));
                ports[name] = port;
                break;
            }
        }
    }
    return ports as Record<(typeof PORTS)[number], number>;
}

/** The pids of the processes (zombies aside) whose command line names `dir`. */
function processesOf(dir: string): number[] {
    return fs
        .readdirSync("/proc")
        .filter((entry) => /^\d+$/.test(entry))
        .filter((pid) => {
            try {
                const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
                return (
                    stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z" &&
                    fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(dir)
                );
            } catch {
                return false; // exited meanwhile
            }
        })
        .map(Number);
}

interface Service {
    binary: string;
    state: string;
}

describe("lab: the OpenStack control plane", function () {
    this.timeout(600_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-services-"));
    const state = path.join(dir, "openstack");
    let env: NodeJS.ProcessEnv;
    let ports: Record<(typeof PORTS)[number], number>;
    let endpoint: OpenStackEndpoint;
    let token: string;
    let projectId: string;
    let catalog: { type: string }[];

    async function lab(...args: string[]): Promise<{ stdout: string; stderr: string }> {
        return run(LAB_SH, args, { env, maxBuffer: 16 << 20 });
    }

    /** The pid of each process of the lab's state directory, by its pid file. */
    function pids(): Record<string, string> {
        const runDir = path.join(state, "run");
        return Object.fromEntries(
            fs
                .readdirSync(runDir)
                .filter((f) => f.endsWith(".pid"))
                .map((f) => [f.slice(0, -4), fs.readFileSync(path.join(runDir, f), "utf8").trim()]),
        );
    }

    async function get(service: keyof OpenStackEndpoint["ports"], urlPath: string): Promise<Response> {
        return fetch(`http://127.0.0.1:${endpoint.ports[service]}${urlPath}`, { headers: { "X-Auth-Token": token } });
    }

    before(async () => {
        ports = await freePorts();
        env = { ...process.env, VSO_LAB_DIR: dir };
        for (const [name, port] of Object.entries(ports)) {
            env[`VSO_${name.toUpperCase()}_PORT`] = String(port);
        }
        await lab("install");
        const started = Date.now();
        const { stderr } = await lab("up");
        console.log(
            `      lab.sh up: ${((Date.now() - started) / 1000).toFixed(1)} s; ${stderr.trim().split("\n").pop()}`,
        );
        endpoint = JSON.parse(fs.readFileSync(path.join(state, "endpoints.json"), "utf8")) as OpenStackEndpoint;
        ({ token, projectId, catalog } = await adminToken(endpoint));
    });

    after(async () => {
        await lab("down");
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("lists every service in the Keystone catalog", () => {
        const types = catalog.map((s) => s.type);
        for (const type of ["identity", "compute", "network", "placement", "volumev3", "image"]) {
            assert.ok(types.includes(type), `${type} in ${types.join(", ")}`);
        }
    });

    it("has nova-conductor and nova-scheduler up", async () => {
        const response = await get("nova", "/v2.1/os-services");
        assert.equal(response.status, 200);
        const { services } = (await response.json()) as { services: Service[] };
        for (const binary of ["nova-conductor", "nova-scheduler"]) {
            assert.deepEqual(
                services.filter((s) => s.binary === binary).map((s) => s.state),
                ["up"],
            );
        }
    });

    it("has cinder-scheduler up", async () => {
        const response = await get("cinder", `/v3/${projectId}/os-services`);
        assert.equal(response.status, 200);
        const { services } = (await response.json()) as { services: Service[] };
        assert.deepEqual(
            services.filter((s) => s.binary === "cinder-scheduler").map((s) => s.state),
            ["up"],
        );
    });

    it("answers placement and glance requests", async () => {
        const providers = await get("placement", "/resource_providers");
        assert.equal(providers.status, 200);
        assert.deepEqual(await providers.json(), { resource_providers: [] });
        const images = await get("glance", "/v2/images");
        assert.equal(images.status, 200);
        assert.deepEqual(((await images.json()) as { images: unknown[] }).images, []);
    });

    it("keeps every process on a second up", async () => {
        const before = pids();
        assert.equal(Object.keys(before).length, 10);
        const { stderr } = await lab("up");
        assert.match(stderr, /already running/);
        assert.deepEqual(pids(), before);
    });

    it("runs glance-api with a caller's store file on top of its own, a second one with a second file, and glance alone again", async () => {
        const stores = ["images", "images2"].map((name) => path.join(dir, name));
        const files = stores.map((store, k) => {
            fs.mkdirSync(store);
            const file = path.join(dir, `glance-api-${k + 1}.conf`);
            fs.writeFileSync(
                file,
                `[glance_store]\nstores = file\ndefault_store = file\nfilesystem_store_datadir = ${store}\n`,
            );
            return file;
        });
        const { stdout } = await lab("image", "start", ...files);
        const urls = [`http://127.0.0.1:${ports.glance}`, `http://127.0.0.1:${ports.glance2}`];
        assert.deepEqual(stdout.trim().split("\n"), urls);
        assert.match(
            (await lab("status")).stdout,
            new RegExp(`^glance2 +running .* 127\\.0\\.0\\.1:${ports.glance2}$`, "m"),
        );
        const ids: string[] = [];
        for (const [k, url] of urls.entries()) {
            const created = await fetch(`${url}/v2/images`, {
                method: "POST",
                headers: { "X-Auth-Token": token, "Content-Type": "application/json" },
                body: JSON.stringify({ name: `lab-image-${k + 1}`, disk_format: "raw", container_format: "bare" }),
            });
            assert.equal(created.status, 201);
            const { id } = (await created.json()) as { id: string };
            const upload = await fetch(`${url}/v2/images/${id}/file`, {
                method: "PUT",
                headers: { "X-Auth-Token": token, "Content-Type": "application/octet-stream" },
                body: `image data ${k + 1}`,
            });
            assert.equal(upload.status, 204);
            ids.push(id);
        }
        // Each file store holds the image stored through its own glance-api; both list both (one database).
        assert.deepEqual(
            stores.map((store) => fs.readdirSync(store)),
            ids.map((id) => [id]),
        );
        assert.equal(fs.readFileSync(path.join(stores[1], ids[1]), "utf8"), "image data 2");
        for (const url of urls) {
            const listed = await fetch(`${url}/v2/images`, { headers: { "X-Auth-Token": token } });
            const { images } = (await listed.json()) as { images: { id: string }[] };
            assert.deepEqual(images.map((i) => i.id).sort(), [...ids].sort());
        }
        await lab("image", "stop");
        assert.deepEqual(fs.readdirSync(path.join(state, "etc", "data")), []);
        assert.equal(Object.keys(pids()).includes("glance2"), false);
        assert.equal(await taken(ports.glance2), false, "glance2 still listens");
        assert.equal((await get("glance", "/v2/images")).status, 200);
    });

    it("stops every process of its state directory on down", async () => {
        assert.notDeepEqual(processesOf(state), []);
        await lab("down");
        assert.deepEqual(processesOf(state), []);
        await assert.rejects(lab("status"), (err: { code?: number }) => err.code === 3);
    });
});
