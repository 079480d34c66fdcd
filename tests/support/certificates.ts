/**
 * Certificates for tests, made with the openssl CLI in a temporary directory: a CA, and server certificates it
 * signs for the names given, valid for a day or already expired. Servers that present them let tests meet real
 * TLS failures: a CA the client does not trust, a name the certificate lacks, an expired certificate.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import type * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";

/** A PEM certificate and its key. */
export interface KeyPair {
    cert: string;
    key: string;
}

export interface TestCa {
    /** The CA certificate's file, as a `caFile` setting names it. */
    caFile: string;
    /**
     * A server certificate signed by the CA for `names` (`DNS:localhost`, `IP:127.0.0.1`), valid for a day, or
     * expired since yesterday.
     */
    issue(names: string[], options?: { expired?: boolean }): KeyPair;
    /** Removes the directory with the CA's files. */
    remove(): void;
}

/** An elliptic-curve key, quick to make. */
const NEW_KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];

function openssl(dir: string, ...args: string[]): void {
    execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
}

/** Makes a CA in a new temporary directory. */
export function makeCa(): TestCa {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-tls-"));
    openssl(
        dir,
        "req",
        "-x509",
        ...NEW_KEY,
        "-keyout",
        "ca-key.pem",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=test CA",
    );
    let serial = 0;
    return {
        caFile: path.join(dir, "ca.pem"),
        issue(names, options = {}) {
            const n = ++serial;
            fs.writeFileSync(path.join(dir, `${n}.ext`), `subjectAltName=${names.join(",")}\n`);
            const subject = `/CN=${names[0].replace(/^\w+:/, "")}`;
            openssl(dir, "req", "-new", ...NEW_KEY, "-keyout", `${n}-key.pem`, "-out", `${n}.csr`, "-subj", subject);
            openssl(
                dir,
                ...["x509", "-req", "-in", `${n}.csr`, "-CA", "ca.pem", "-CAkey", "ca-key.pem"],
                ...["-set_serial", String(n), "-days", options.expired ? "-1" : "1", "-extfile", `${n}.ext`],
                ...["-out", `${n}.pem`],
            );
            const read = (file: string) => fs.readFileSync(path.join(dir, file), "utf8");
            return { cert: read(`${n}.pem`), key: read(`${n}-key.pem`) };
        },
        remove: () => fs.rmSync(dir, { recursive: true, force: true }),
    };
}

export interface TlsServer {
    /** `https://127.0.0.1:<port>` */
    url: string;
    close(): Promise<void>;
}

/** An HTTPS server on 127.0.0.1 presenting `pair`, answering with `handler`. */
export async function tlsServer(
    pair: KeyPair,
    handler: http.RequestListener = (_req, res) => res.end(),
): Promise<TlsServer> {
    const server = https.createServer(pair, handler);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        url: `https://127.0.0.1:${port}`,
        close: () => {
            server.closeAllConnections();
            return new Promise<void>((resolve) => server.close(() => resolve()));
        },
    };
}
