import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { faultFromSoap, faultFromMethodFault, VimFault } from "../../../../../provider/vsphere/client/faults";
import {
    children,
    decode,
    encodeRequest,
    list,
    ManagedObjectReference,
    obj,
    parseBody,
} from "../../../../../provider/vsphere/client/xml";

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "../../../../fixtures/vsphere", name), "utf8");

describe("vim25 XML", () => {
    it("encodes a method call exactly as the recorded CreateDatacenter request", () => {
        const xml = encodeRequest("CreateDatacenter", {
            _this: new ManagedObjectReference("Folder", "group-d1"),
            name: "dc1",
        });
        assert.equal(xml, fixture("04-CreateDatacenter.req.xml"));
    });

    it("encodes a call of another endpoint's namespace, such as PBM's", () => {
        const xml = encodeRequest(
            "PbmRetrieveServiceContent",
            {
                _this: new ManagedObjectReference("PbmServiceInstance", "ServiceInstance"),
            },
            "urn:pbm",
        );
        assert.match(
            xml,
            /<soapenv:Body><PbmRetrieveServiceContent xmlns="urn:pbm"><_this type="PbmServiceInstance">ServiceInstance<\/_this><\/PbmRetrieveServiceContent><\/soapenv:Body>/,
        );
    });

    it("escapes text and writes xsi:type, arrays and nested objects in order", () => {
        const xml = encodeRequest("ReconfigureDvs_Task", {
            _this: new ManagedObjectReference("VmwareDistributedVirtualSwitch", "dvs-1"),
            spec: {
                $type: "VMwareDVSConfigSpec",
                configVersion: "3",
                name: "a<b&c",
                maxMtu: 9000,
                uplinks: ["u1", "u2"],
                skip: undefined,
            },
        });
        assert.match(
            xml,
            /<ReconfigureDvs_Task xmlns="urn:vim25"><_this type="VmwareDistributedVirtualSwitch">dvs-1<\/_this><spec xsi:type="VMwareDVSConfigSpec"><configVersion>3<\/configVersion><name>a&lt;b&amp;c<\/name><maxMtu>9000<\/maxMtu><uplinks>u1<\/uplinks><uplinks>u2<\/uplinks><\/spec><\/ReconfigureDvs_Task>/,
        );
    });

    it("decodes property values whatever prefix binds the XML Schema instance namespace", () => {
        const body = parseBody(fixture("05-RetrievePropertiesEx-Datacenter-folders.res.xml"));
        const result = obj(decode(body), "response");
        const objects = obj(obj(result.returnval, "returnval").objects, "objects");
        assert.deepEqual(objects.obj, new ManagedObjectReference("Datacenter", "datacenter-2"));
        const props = Object.fromEntries(list(objects.propSet).map((p) => [obj(p, "p").name, obj(p, "p").val]));
        assert.deepEqual(props, {
            name: "dc1",
            hostFolder: new ManagedObjectReference("Folder", "folder-4"),
            networkFolder: new ManagedObjectReference("Folder", "folder-6"),
            datastoreFolder: new ManagedObjectReference("Folder", "folder-5"),
            vmFolder: new ManagedObjectReference("Folder", "folder-3"),
        });
    });

    it("decodes a WaitForUpdatesEx change set with typed values and an empty assignment", () => {
        const update = obj(
            obj(decode(parseBody(fixture("29-WaitForUpdatesEx-task.res.xml"))), "r").returnval,
            "UpdateSet",
        );
        assert.equal(update.version, "-");
        const objectSet = obj(obj(update.filterSet, "filterSet").objectSet, "objectSet");
        assert.deepEqual(objectSet.changeSet, [
            { name: "info.state", op: "assign", val: "success" },
            {
                name: "info.result",
                op: "assign",
                val: new ManagedObjectReference("DistributedVirtualSwitch", "dvs-36"),
            },
            { name: "info.error", op: "assign" },
        ]);
    });

    it("finds no returnval in an empty response (a WaitForUpdatesEx that timed out)", () => {
        const body = parseBody(fixture("30-WaitForUpdatesEx-timeout-no-change.res.xml"));
        assert.equal(body.localName, "WaitForUpdatesExResponse");
        assert.deepEqual(children(body, "returnval"), []);
    });

    it("rejects a body that is not XML", () => {
        assert.throws(() => parseBody("<html>"), /malformed SOAP response/);
    });
});

describe("vim25 faults", () => {
    it("types a SOAP fault by its xsi:type and keeps its detail", () => {
        const fault = faultFromSoap("CreateFolder", parseBody(fixture("08-Fault-DuplicateName-CreateFolder.res.xml")));
        assert.ok(fault instanceof VimFault);
        assert.equal(fault.faultType, "DuplicateName");
        assert.equal(fault.detail.name, "f1");
        assert.deepEqual(fault.detail.object, new ManagedObjectReference("Folder", "group-d1"));
        assert.equal(fault.message, "CreateFolder: DuplicateName (name=f1, object=Folder:group-d1)");
    });

    it("recognises NotAuthenticated", () => {
        const fault = faultFromSoap(
            "CreateDatacenter",
            parseBody(fixture("02-Fault-NotAuthenticated-CreateDatacenter.res.xml")),
        );
        assert.equal(fault.faultType, "NotAuthenticated");
        assert.equal(fault.detail.privilegeId, "System.View");
    });

    it("types a failed task's error from info.error", () => {
        const response = obj(decode(parseBody(fixture("38-CreateDVS_Task-duplicate-taskinfo.res.xml"))), "r");
        const objects = obj(obj(response.returnval, "returnval").objects, "objects");
        const info = obj(obj(objects.propSet, "propSet").val, "TaskInfo");
        assert.equal(info.state, "error");
        const fault = faultFromMethodFault("CreateDVS_Task", obj(info.error, "error"));
        assert.equal(fault.faultType, "InvalidArgument");
        assert.equal(fault.detail.invalidProperty, "name");
        assert.equal(fault.message, "CreateDVS_Task: InvalidArgument (invalidProperty=name): *types.InvalidArgument");
    });
});
