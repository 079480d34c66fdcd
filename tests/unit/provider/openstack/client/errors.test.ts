import * as assert from "node:assert/strict";
import { OpenStackError, parseErrorBody } from "../../../../../provider/openstack/client/errors";

// Bodies as recorded from Nova, Neutron and Keystone (shared/docs/openstack-api-capture.md).
describe("OpenStack error bodies", () => {
    it("reads Nova's fault key and message", () => {
        assert.deepEqual(
            parseErrorBody('{"conflictingRequest":{"code":409,"message":"Flavor with name m1.test already exists."}}'),
            { type: "conflictingRequest", message: "Flavor with name m1.test already exists." },
        );
    });

    it("reads Neutron's error type", () => {
        const body =
            '{"NeutronError":{"type":"VlanIdInUse","message":"Unable to create the network. The VLAN 101 on physical network physnet1 is in use.","detail":""}}';
        assert.deepEqual(parseErrorBody(body), {
            type: "VlanIdInUse",
            message: "Unable to create the network. The VLAN 101 on physical network physnet1 is in use.",
        });
    });

    it("reads Keystone's error title", () => {
        assert.deepEqual(
            parseErrorBody(
                '{"error":{"code":401,"title":"Unauthorized","message":"The request you have made requires authentication."}}',
            ),
            { type: "Unauthorized", message: "The request you have made requires authentication." },
        );
    });

    it("keeps a non-JSON body as text", () => {
        assert.deepEqual(parseErrorBody("<html>502 Bad Gateway</html>\n"), { message: "<html>502 Bad Gateway</html>" });
    });

    it("says method, URL, expected and actual status, type and message", () => {
        const err = new OpenStackError(
            "POST",
            "http://127.0.0.1:8774/v2.1/flavors",
            [200],
            409,
            "Flavor with name m1 already exists.",
            "conflictingRequest",
        );
        assert.equal(
            err.message,
            "POST http://127.0.0.1:8774/v2.1/flavors: HTTP 409 (expected 200) conflictingRequest: Flavor with name m1 already exists.",
        );
    });
});
