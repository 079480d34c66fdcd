/**
 * Certificate failures explained: a server's certificate that fails verification names the server, Node's TLS
 * error and the connection's setting that fixes it. Each side names its own settings (vSphere connections,
 * OpenStack's stack config, clouds.yaml and environment).
 */

/** What is wrong with a certificate, by what fixes it. */
type CertificateProblem = "untrusted" | "name" | "validity" | "other";

/** Node's certificate verification errors, by their code, with what is wrong. */
const PROBLEMS: Record<string, CertificateProblem> = {
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: "untrusted",
    UNABLE_TO_GET_ISSUER_CERT: "untrusted",
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "untrusted",
    DEPTH_ZERO_SELF_SIGNED_CERT: "untrusted",
    SELF_SIGNED_CERT_IN_CHAIN: "untrusted",
    CERT_UNTRUSTED: "untrusted",
    ERR_TLS_CERT_ALTNAME_INVALID: "name",
    HOSTNAME_MISMATCH: "name",
    CERT_HAS_EXPIRED: "validity",
    CERT_NOT_YET_VALID: "validity",
    ERROR_IN_CERT_NOT_BEFORE_FIELD: "other",
    ERROR_IN_CERT_NOT_AFTER_FIELD: "other",
    CERT_SIGNATURE_FAILURE: "other",
    UNABLE_TO_DECRYPT_CERT_SIGNATURE: "other",
    UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY: "other",
    CERT_CHAIN_TOO_LONG: "other",
    PATH_LENGTH_EXCEEDED: "other",
    INVALID_CA: "other",
    INVALID_PURPOSE: "other",
    CERT_REVOKED: "other",
    CERT_REJECTED: "other",
};

/** The settings of one connection that decide how its server's certificate is verified, as messages name them. */
export interface TlsSettings {
    /** Where the server's address is set, e.g. `"vsphere:vsphereServer" / VSPHERE_SERVER`. */
    server: string;
    /** Where the CA file is set, e.g. `"vsphere-openstack:vsphereCaFile" / VSPHERE_CA_FILE`. */
    caFile: string;
    /** How verification is turned off, e.g. `"vsphere:allowUnverifiedSsl" / VSPHERE_ALLOW_UNVERIFIED_SSL to true`. */
    unverified: string;
}

/** A connection's failure as Node reports it: its code (e.g. `CERT_HAS_EXPIRED`) and its message. */
export interface ConnectionFailure {
    code?: unknown;
    message: string;
}

/**
 * The message for a certificate that failed verification when connecting to `subject` (e.g. `the vCenter
 * connection "site-a" (https://vc-a/sdk)`) at `url`, saying which of `settings` fixes it; undefined when `failure`
 * is not a certificate failure.
 */
export function certificateFailure(
    subject: string,
    url: URL,
    failure: ConnectionFailure,
    settings: TlsSettings,
): string | undefined {
    const problem = typeof failure.code === "string" ? PROBLEMS[failure.code] : undefined;
    // Node's wording of the failure, without the advice newer versions append after "; " (that of an untrusted
    // CA points at --use-system-ca): the settings named here are the advice.
    const reason = failure.message.split("; ")[0];
    const insecurely = `or, insecurely, set ${settings.unverified}`;
    const host = url.hostname;
    switch (problem) {
        case undefined:
            return undefined;
        case "untrusted":
            return (
                `the certificate of ${subject} is not signed by a CA this machine trusts (${reason}): ` +
                `set ${settings.caFile} to a PEM file with the CA that signed it, ${insecurely}`
            );
        case "name":
            return (
                `the names in the certificate of ${subject} do not include ${host} (${reason}): set ` +
                `${settings.server} to a name the certificate holds or reissue it for ${host}, ${insecurely}`
            );
        case "validity":
            return (
                `the certificate of ${subject} is not valid now (${reason}): renew it (or correct this ` +
                `machine's clock), ${insecurely}`
            );
        case "other":
            return (
                `the certificate of ${subject} failed verification (${reason}): replace it or check ` +
                `${settings.caFile}, ${insecurely}`
            );
    }
}
