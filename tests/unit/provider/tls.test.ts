import * as assert from "node:assert/strict";
import { certificateFailure } from "../../../provider/tls";

const settings = {
    server: '"example:server"',
    caFile: '"example:caFile"',
    unverified: '"example:insecure" to true',
};
const url = new URL("https://vc.example.com:8443/sdk");
const explain = (code: string, message: string) => certificateFailure("the server S", url, { code, message }, settings);

describe("certificate failures", () => {
    it("points an untrusted certificate at the CA file, and at turning verification off as the insecure way", () => {
        for (const [code, message] of [
            ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "unable to verify the first certificate"],
            ["DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate"],
            ["SELF_SIGNED_CERT_IN_CHAIN", "self-signed certificate in certificate chain"],
            ["UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "unable to get local issuer certificate"],
        ]) {
            assert.equal(
                explain(code, message),
                `the certificate of the server S is not signed by a CA this machine trusts (${message}): set ` +
                    '"example:caFile" to a PEM file with the CA that signed it, or, insecurely, set ' +
                    '"example:insecure" to true',
            );
        }
    });

    it("says that the certificate's names do not include the server's host", () => {
        const message =
            "Hostname/IP does not match certificate's altnames: Host: vc.example.com. is not in the cert's altnames: DNS:other";
        assert.equal(
            explain("ERR_TLS_CERT_ALTNAME_INVALID", message),
            `the names in the certificate of the server S do not include vc.example.com (${message}): set ` +
                '"example:server" to a name the certificate holds or reissue it for vc.example.com, or, ' +
                'insecurely, set "example:insecure" to true',
        );
    });

    it("says that a certificate out of its validity period is not valid now", () => {
        for (const [code, message] of [
            ["CERT_HAS_EXPIRED", "certificate has expired"],
            ["CERT_NOT_YET_VALID", "certificate is not yet valid"],
        ]) {
            assert.equal(
                explain(code, message),
                `the certificate of the server S is not valid now (${message}): renew it (or correct this ` +
                    'machine\'s clock), or, insecurely, set "example:insecure" to true',
            );
        }
    });

    it("names the CA file for any other certificate failure", () => {
        assert.equal(
            explain("CERT_REVOKED", "certificate revoked"),
            "the certificate of the server S failed verification (certificate revoked): replace it or check " +
                '"example:caFile", or, insecurely, set "example:insecure" to true',
        );
    });

    it("leaves failures that are not about a certificate alone", () => {
        assert.equal(explain("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:443"), undefined);
        assert.equal(certificateFailure("the server S", url, { message: "socket hang up" }, settings), undefined);
    });
});
