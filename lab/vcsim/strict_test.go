package main

import (
	"bytes"
	"encoding/xml"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// soapRequest wraps a method element the way govmomi writes a request.
func soapRequest(method string) string {
	return xml.Header + `<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body>` + method + `</Body></Envelope>`
}

// positions replaces each @{text} in want with "at line L, column C" of the
// first occurrence of text in req.
func positions(t *testing.T, req, want string) string {
	t.Helper()
	k := strictCheck{body: []byte(req)}
	return regexp.MustCompile(`@\{([^}]*)\}`).ReplaceAllStringFunc(want, func(m string) string {
		text := m[2 : len(m)-1]
		at := strings.Index(req, text)
		if at < 0 {
			t.Fatalf("%q not in the request", text)
		}
		return k.position(int64(at))
	})
}

// callChain is the end of every fault: the method, body and envelope.
func callChain(method string) string {
	return "while parsing call information for method " + method + "\n@{<" + method + "}\n\n" +
		"while parsing SOAP body\n@{<Body>}\n\nwhile parsing SOAP envelope\n@{<Envelope}"
}

const (
	nasThis = `<_this type="HostDatastoreSystem">datastoreSystem-1</_this>`
	nasSpec = `<remoteHost>nfs.lab.invalid</remoteHost><remotePath>/export/a</remotePath><localPath>nfs1</localPath><accessMode>readWrite</accessMode>`
	xsiDecl = ` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`
)

func createNas(spec string) string {
	return soapRequest(`<CreateNasDatastore xmlns="urn:vim25">` + nasThis + `<spec>` + spec + `</spec></CreateNasDatastore>`)
}

func reconfigureDvs(spec string) string {
	return soapRequest(`<ReconfigureDvs_Task xmlns="urn:vim25"` + xsiDecl + `><_this type="VmwareDistributedVirtualSwitch">dvs-1</_this>` + spec + `</ReconfigureDvs_Task>`)
}

func reconfigVM(device string) string {
	return soapRequest(`<ReconfigVM_Task xmlns="urn:vim25"` + xsiDecl + `><_this type="VirtualMachine">vm-1</_this><spec><deviceChange><operation>add</operation>` +
		device + `</deviceChange></spec></ReconfigVM_Task>`)
}

func updateOptions(value string) string {
	return soapRequest(`<UpdateOptions xmlns="urn:vim25"` + xsiDecl + `><_this type="OptionManager">VpxSettings</_this><changedValue><key>config.x</key>` +
		value + `</changedValue></UpdateOptions>`)
}

// TestStrictAccepts: what real clients send passes the checker. (The whole
// suite runs govmomi, govc and oslo.vmware through it as well.)
func TestStrictAccepts(t *testing.T) {
	d, err := wsdlDocs()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, action, req string }{
		{"govmomi nested devices with xsi:type, announcing 9.1.0.0", "urn:vim25/9.1.0.0", soapRequest(`<CreateVM_Task xmlns="urn:vim25"><_this type="Folder">group-2</_this>` +
			`<config><name>vm1</name><guestId>otherGuest64</guestId><files><vmPathName>[002]</vmPathName></files><numCPUs>1</numCPUs><memoryMB>64</memoryMB>` +
			`<deviceChange xmlns:_XMLSchema-instance="http://www.w3.org/2001/XMLSchema-instance" _XMLSchema-instance:type="VirtualDeviceConfigSpec"><operation>add</operation>` +
			`<device _XMLSchema-instance:type="VirtualVmxnet3"><key>-1</key><backing _XMLSchema-instance:type="VirtualEthernetCardDistributedVirtualPortBackingInfo">` +
			`<port><switchUuid>f182de56-721c-5cd1-aa03-4c013dd1cc0c</switchUuid><portgroupKey>dvportgroup-25</portgroupKey></port></backing></device></deviceChange></config>` +
			`<pool type="ResourcePool">resgroup-8</pool><host type="HostSystem">host-18</host></CreateVM_Task>`)},
		{"suds prefixes, SOAP header, quoted SOAPAction", `"urn:vim25/8.0.3.0"`, xml.Header[:len(xml.Header)-1] +
			`<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ns0="urn:vim25" xmlns:ns1="http://schemas.xmlsoap.org/soap/envelope/">` +
			`<SOAP-ENV:Header><operationID>oslo.vmware-1</operationID></SOAP-ENV:Header><ns1:Body><ns0:RetrievePropertiesEx><ns0:_this type="PropertyCollector">propertyCollector</ns0:_this>` +
			`<ns0:specSet><ns0:propSet><ns0:type>Datastore</ns0:type><ns0:all>false</ns0:all><ns0:pathSet>name</ns0:pathSet><ns0:pathSet>summary</ns0:pathSet></ns0:propSet>` +
			`<ns0:objectSet><ns0:obj type="Folder">group-d1</ns0:obj><ns0:skip>false</ns0:skip><ns0:selectSet xsi:type="ns0:TraversalSpec"><ns0:name>visitFolders</ns0:name>` +
			`<ns0:type>Folder</ns0:type><ns0:path>childEntity</ns0:path><ns0:skip>false</ns0:skip><ns0:selectSet><ns0:name>visitFolders</ns0:name></ns0:selectSet></ns0:selectSet>` +
			`</ns0:objectSet></ns0:specSet><ns0:options><ns0:maxObjects>1</ns0:maxObjects></ns0:options></ns0:RetrievePropertiesEx></ns1:Body></SOAP-ENV:Envelope>`},
		{"optional properties left out, an array repeated", "urn:vim25/8.0.3.0", createNas(`<remoteHost>a</remoteHost><remotePath>/e</remotePath><localPath>n</localPath>` +
			`<accessMode>readWrite</accessMode><type>NFS41</type><remoteHostNames>a</remoteHostNames><remoteHostNames>b</remoteHostNames>`)},
		{"a property of the announced release", "urn:vim25/8.0.3.0", createNas(nasSpec + `<connections>4</connections>`)},
		{"a property of an older release", "urn:vim25/8.0.1.0", createNas(nasSpec + `<connections>4</connections>`)},
		{"a subtype of the parameter's type", "urn:vim25/8.0.3.0", reconfigureDvs(`<spec xsi:type="VMwareDVSConfigSpec"><configVersion>1</configVersion><maxMtu>9000</maxMtu></spec>`)},
		{"govmomi's undeclared xsd prefix on anyType", "urn:vim25/9.1.0.0", soapRequest(`<UpdateOptions xmlns="urn:vim25"><_this type="OptionManager">VpxSettings</_this>` +
			`<changedValue><key>config.x</key><value xmlns:_XMLSchema-instance="http://www.w3.org/2001/XMLSchema-instance" _XMLSchema-instance:type="xsd:string">y</value></changedValue></UpdateOptions>`)},
		{"an array type on anyType", "urn:vim25/8.0.3.0", updateOptions(`<value xsi:type="ArrayOfString"><string>a</string><string>b</string></value>`)},
		{"a method the schema does not know: the simulator answers", "urn:vim25/8.0.3.0", soapRequest(`<NoSuchMethod xmlns="urn:vim25"><x/></NoSuchMethod>`)},
		{"not well-formed: the simulator answers", "urn:vim25/8.0.3.0", soapRequest(`<CreateNasDatastore xmlns="urn:vim25"><_this type="HostDatastoreSystem">datastoreSystem-1</spec>`)},
	} {
		if msg := d.checker.check([]byte(c.req), announcedVersion(c.action)); msg != "" {
			t.Errorf("%s: refused:\n%s", c.name, msg)
		}
	}
}

// TestStrictRefuses: each refusal with vCenter's faultstring.
func TestStrictRefuses(t *testing.T) {
	d, err := wsdlDocs()
	if err != nil {
		t.Fatal(err)
	}
	const nas = "while parsing serialized DataObject of type HostNasVolumeSpec\n@{<spec>}\n\n"
	for _, c := range []struct{ name, action, req, want string }{
		{"unknown element", "urn:vim25/8.0.3.0", createNas(nasSpec + `<mountOptions>ro</mountOptions>`),
			"Unexpected element tag \"mountOptions\" seen\n\n" + nas + callChain("CreateNasDatastore")},
		{"out-of-order element", "urn:vim25/8.0.3.0", createNas(`<remoteHost>a</remoteHost><localPath>n</localPath><remotePath>/e</remotePath><accessMode>readWrite</accessMode>`),
			"Unexpected element tag \"remotePath\" seen\n\n" + nas + callChain("CreateNasDatastore")},
		{"single property repeated", "urn:vim25/8.0.3.0", createNas(`<remoteHost>a</remoteHost><remoteHost>b</remoteHost>`),
			"Single property remoteHost provided multiple times\n\n" + nas + callChain("CreateNasDatastore")},
		{"required property missing", "urn:vim25/8.0.3.0", createNas(`<remoteHost>a</remoteHost><remotePath>/e</remotePath><localPath>n</localPath>`),
			"Required property accessMode is missing from data object of type HostNasVolumeSpec\n\n" + nas + callChain("CreateNasDatastore")},
		{"element inside a string", "urn:vim25/8.0.3.0", createNas(`<remoteHost>a</remoteHost><remotePath>/e</remotePath><localPath><x/></localPath>`),
			"Unexpected element tag \"x\" seen\n\nwhile parsing property \"localPath\" of static type xsd:string\n\n" + nas + callChain("CreateNasDatastore")},
		{"required parameter due", "urn:vim25/8.0.3.0", soapRequest(`<CreateNasDatastore xmlns="urn:vim25"><spec>` + nasSpec + `</spec></CreateNasDatastore>`),
			"Got <spec> tag when expecting <_this> tag\n\n" + callChain("CreateNasDatastore")},
		{"unknown parameter", "urn:vim25/8.0.3.0", soapRequest(`<CreateNasDatastore xmlns="urn:vim25">` + nasThis + `<spec>` + nasSpec + `</spec><force>true</force></CreateNasDatastore>`),
			"Unexpected element tag \"force\" seen\n\n" + callChain("CreateNasDatastore")},
		{"managed object reference without type", "urn:vim25/8.0.3.0", soapRequest(`<CreateNasDatastore xmlns="urn:vim25"><_this>datastoreSystem-1</_this><spec>` + nasSpec + `</spec></CreateNasDatastore>`),
			"Required property type is missing from data object of type ManagedObjectReference\n\n" + callChain("CreateNasDatastore")},
		{"xsi:type not derived from the parameter's type", "urn:vim25/8.0.3.0", reconfigureDvs(`<spec xsi:type="ClusterConfigSpecEx"></spec>`),
			"Type \"ClusterConfigSpecEx\" is not a subtype of static type DVSConfigSpec\n\n" + callChain("ReconfigureDvs_Task")},
		{"xsi:type not derived from the property's type", "urn:vim25/8.0.3.0", reconfigVM(`<device xsi:type="HostNasVolumeSpec"></device>`),
			"Type \"HostNasVolumeSpec\" is not a subtype of static type VirtualDevice\n\n" +
				"while parsing property \"device\" of static type VirtualDevice\n\n" +
				"while parsing serialized DataObject of type VirtualDeviceConfigSpec\n@{<deviceChange>}\n\n" +
				"while parsing property \"deviceChange\" of static type ArrayOfVirtualDeviceConfigSpec\n\n" +
				"while parsing serialized DataObject of type VirtualMachineConfigSpec\n@{<spec>}\n\n" + callChain("ReconfigVM_Task")},
		{"xsi:type of another XML Schema type", "urn:vim25/8.0.3.0", createNas(`<remoteHost xsi:type="xsd:int"` + xsiDecl + `>1</remoteHost>`),
			"Type \"xsd:int\" is not a subtype of static type xsd:string\n\nwhile parsing property \"remoteHost\" of static type xsd:string\n\n" + nas + callChain("CreateNasDatastore")},
		{"unknown xsi:type", "urn:vim25/8.0.3.0", reconfigureDvs(`<spec xsi:type="VMwareDVSConfigSpecEx"></spec>`),
			"Unknown type \"VMwareDVSConfigSpecEx\" seen\n\n" + callChain("ReconfigureDvs_Task")},
		{"xsi:type with an undeclared prefix", "urn:vim25/8.0.3.0", reconfigureDvs(`<spec xsi:type="vim:VMwareDVSConfigSpec"></spec>`),
			"Unknown type \"vim:VMwareDVSConfigSpec\" seen\n\n" + callChain("ReconfigureDvs_Task")},
		{"xsi:type of an XML Schema type vim25 does not use", "urn:vim25/8.0.3.0", updateOptions(`<value xsi:type="xsd:integer">1</value>`),
			"Unknown type \"xsd:integer\" seen\n\nwhile parsing property \"value\" of static type xsd:anyType\n\n" +
				"while parsing serialized DataObject of type OptionValue\n@{<changedValue>}\n\n" + callChain("UpdateOptions")},
		{"a property newer than the announced release", "urn:vim25/8.0.0.1", createNas(nasSpec + `<connections>4</connections>`),
			"Unexpected element tag \"connections\" seen\n\n" + nas + callChain("CreateNasDatastore")},
		{"a property newer than the lab (9.1.0.0 announced, 8.0.3.0 served)", "urn:vim25/9.1.0.0", soapRequest(`<AddDVPortgroup_Task xmlns="urn:vim25"><_this type="VmwareDistributedVirtualSwitch">dvs-1</_this>` +
			`<spec><name>pg1</name><type>earlyBinding</type><subnetId>s1</subnetId></spec></AddDVPortgroup_Task>`),
			"Unexpected element tag \"subnetId\" seen\n\nwhile parsing serialized DataObject of type DVPortgroupConfigSpec\n@{<spec>}\n\n" + callChain("AddDVPortgroup_Task")},
		{"a versioned property without SOAPAction", "", createNas(nasSpec + `<connections>4</connections>`),
			"Unexpected element tag \"connections\" seen\n\n" + nas + callChain("CreateNasDatastore")},
		{"a versioned property with plain urn:vim25", "urn:vim25", createNas(nasSpec + `<vmknicToBind>vmk1</vmknicToBind>`),
			"Unexpected element tag \"vmknicToBind\" seen\n\n" + nas + callChain("CreateNasDatastore")},
		{"a type newer than the announced release", "urn:vim25/7.0.3.0", updateOptions(`<value xsi:type="ClusterPreemptibleVmPairSpec"></value>`),
			"Unknown type \"ClusterPreemptibleVmPairSpec\" seen\n\nwhile parsing property \"value\" of static type xsd:anyType\n\n" +
				"while parsing serialized DataObject of type OptionValue\n@{<changedValue>}\n\n" + callChain("UpdateOptions")},
		{"nested data object error names the nested type", "urn:vim25/8.0.3.0", reconfigVM(`<device xsi:type="VirtualVmxnet3"><key>-1</key>` +
			`<backing xsi:type="VirtualEthernetCardDistributedVirtualPortBackingInfo"><port><switchUuid>u</switchUuid><portgroupKey>dvportgroup-25</portgroupKey><vlanId>5</vlanId></port></backing></device>`),
			"Unexpected element tag \"vlanId\" seen\n\n" +
				"while parsing serialized DataObject of type DistributedVirtualSwitchPortConnection\n@{<port>}\n\n" +
				"while parsing property \"port\" of static type DistributedVirtualSwitchPortConnection\n\n" +
				"while parsing serialized DataObject of type VirtualEthernetCardDistributedVirtualPortBackingInfo\n@{<backing}\n\n" +
				"while parsing property \"backing\" of static type VirtualDeviceBackingInfo\n\n" +
				"while parsing serialized DataObject of type VirtualVmxnet3\n@{<device xsi}\n\n" +
				"while parsing property \"device\" of static type VirtualDevice\n\n" +
				"while parsing serialized DataObject of type VirtualDeviceConfigSpec\n@{<deviceChange>}\n\n" +
				"while parsing property \"deviceChange\" of static type ArrayOfVirtualDeviceConfigSpec\n\n" +
				"while parsing serialized DataObject of type VirtualMachineConfigSpec\n@{<spec>}\n\n" + callChain("ReconfigVM_Task")},
	} {
		want := positions(t, c.req, c.want)
		if got := d.checker.check([]byte(c.req), announcedVersion(c.action)); got != want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, want)
		}
	}
}

// TestAnnouncedVersion: the release read from SOAPAction.
func TestAnnouncedVersion(t *testing.T) {
	for _, c := range []struct {
		action string
		want   vimVersion
	}{
		{"urn:vim25/8.0.3.0", 0x08000300},
		{`"urn:vim25/8.0.3.0"`, 0x08000300}, // suds
		{"urn:vim25/9.1.0.0", 0x09010000},   // govmomi v0.56.0
		{"urn:vim25/6.5", 0x06050000},
		{"urn:vim25", baseAPI},
		{"", baseAPI},
		{"urn:vim25/", baseAPI},
		{"urn:vim25/8.0.x", baseAPI},
		{"urn:pbm/8.0.3.0", baseAPI},
	} {
		if got := announcedVersion(c.action); got != c.want {
			t.Errorf("announcedVersion(%q) = %#x, want %#x", c.action, got, c.want)
		}
	}
}

// TestStrictOverHTTP: govmomi's own calls, refused as vCenter refuses them
// (a property newer than the announced release, or than the lab's), get the
// InvalidRequest fault before the simulator sees them; the fault is written
// like the simulator's own.
func TestStrictOverHTTP(t *testing.T) {
	e := newEnv(t)
	_, folders := e.datacenter("dc1")
	h := e.addHost(e.cluster(folders, "c1"), "esx-01.lab")
	dss := e.datastoreSystem(h)

	// govmomi announcing 8.0.0.1, which has no HostNasVolumeSpec.connections.
	old := dialURL(e.ctx, t, e.lab.URL(), e.lab.CAFile())
	old.Version = "8.0.0.1"
	old.Jar = e.c.Jar
	spec := nfsSpec("nfs1", "/export/a")
	spec.Connections = 4
	_, err := methods.CreateNasDatastore(e.ctx, old, &types.CreateNasDatastore{This: dss.Reference(), Spec: spec})
	if !soap.IsSoapFault(err) {
		t.Fatalf("connections announcing 8.0.0.1: %v, want a SOAP fault", err)
	}
	f := soap.ToSoapFault(err)
	if _, ok := asFault(f.VimFault()).(*types.InvalidRequest); !ok || f.Code != "ServerFaultCode" ||
		!strings.HasPrefix(f.String, "Unexpected element tag \"connections\" seen\n\nwhile parsing serialized DataObject of type HostNasVolumeSpec\nat line 2, column ") {
		t.Fatalf("fault %s %T %q", f.Code, f.VimFault(), f.String)
	}
	if n := e.lab.calls.snapshot()["CreateNasDatastore"]; n != 0 {
		t.Fatalf("the simulator saw %d refused CreateNasDatastore", n)
	}
	// The same announcing the lab's release (govmomi's 9.1.0.0 is served as 8.0.3.0).
	if _, err := dss.CreateNasDatastore(e.ctx, spec); err != nil {
		t.Fatalf("connections announcing %s: %v", e.c.Version, err)
	}

	// A 9.0 property is unknown to the lab whatever govmomi announces.
	dvs := e.createDVS(folders, &types.VMwareDVSConfigSpec{DVSConfigSpec: types.DVSConfigSpec{Name: "dvs1"}})
	_, err = e.task(dvs.AddPortgroup(e.ctx, []types.DVPortgroupConfigSpec{{Name: "pg1", Type: "earlyBinding", SubnetId: "s1"}}))
	if !soap.IsSoapFault(err) || !strings.HasPrefix(soap.ToSoapFault(err).String, "Unexpected element tag \"subnetId\" seen\n\nwhile parsing serialized DataObject of type DVPortgroupConfigSpec\n") {
		t.Fatalf("subnetId: %v", err)
	}

	// govmomi's xsd:string on anyType (undeclared prefix) passes the checker.
	opts := object.NewOptionManager(e.c, *e.c.ServiceContent.Setting)
	if err := opts.Update(e.ctx, []types.BaseOptionValue{&types.OptionValue{Key: "config.lab.strict", Value: "on"}}); err != nil {
		t.Fatalf("UpdateOptions with a string value: %v", err)
	}

	// The refusal is the simulator's fault envelope with another faultstring.
	post := func(body string) string {
		t.Helper()
		req, err := http.NewRequestWithContext(e.ctx, http.MethodPost, e.lab.URL(), strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("SOAPAction", "urn:vim25/8.0.3.0")
		res, err := httpsClient(t, e.lab).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusInternalServerError || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/xml") {
			t.Fatalf("%d %s %s", res.StatusCode, res.Header.Get("Content-Type"), b)
		}
		return regexp.MustCompile(`<faultstring>[^<]*</faultstring>`).ReplaceAllString(string(b), "<faultstring/>")
	}
	simulators := post(soapRequest(`<NoSuchMethod xmlns="urn:vim25"></NoSuchMethod>`))
	labs := post(createNas(nasSpec + `<mountOptions>ro</mountOptions>`))
	if !bytes.Contains([]byte(simulators), []byte(`<InvalidRequestFault xmlns="urn:vim25" xsi:type="InvalidRequest">`)) || labs != simulators {
		t.Fatalf("the lab's fault:\n%s\nthe simulator's:\n%s", labs, simulators)
	}
}

// BenchmarkStrictCheck: the checker's cost per request, for a govmomi
// CreateVM_Task with two nested devices (1.4 KB) and oslo.vmware's
// RetrievePropertiesEx with its traversal specs (2.9 KB).
func BenchmarkStrictCheck(b *testing.B) {
	d, err := wsdlDocs()
	if err != nil {
		b.Fatal(err)
	}
	createVM := []byte(soapRequest(`<CreateVM_Task xmlns="urn:vim25"><_this type="Folder">group-2</_this>` +
		`<config><name>vm1</name><guestId>otherGuest64</guestId><files><vmPathName>[002]</vmPathName></files><numCPUs>1</numCPUs><memoryMB>64</memoryMB>` +
		strings.Repeat(`<deviceChange xmlns:_XMLSchema-instance="http://www.w3.org/2001/XMLSchema-instance" _XMLSchema-instance:type="VirtualDeviceConfigSpec"><operation>add</operation>`+
			`<device _XMLSchema-instance:type="VirtualVmxnet3"><key>-1</key><backing _XMLSchema-instance:type="VirtualEthernetCardDistributedVirtualPortBackingInfo">`+
			`<port><switchUuid>f182de56-721c-5cd1-aa03-4c013dd1cc0c</switchUuid><portgroupKey>dvportgroup-25</portgroupKey></port></backing></device></deviceChange>`, 2) +
		`</config><pool type="ResourcePool">resgroup-8</pool><host type="HostSystem">host-18</host></CreateVM_Task>`))
	traversal := ""
	for _, name := range []string{"visitFolders", "dc_to_hf", "dc_to_vmf", "dc_to_netf", "dc_to_df", "cr_to_h", "cr_to_ds", "ccr_to_h", "rp_to_rp"} {
		traversal += `<ns0:selectSet xsi:type="ns0:TraversalSpec"><ns0:name>` + name + `</ns0:name><ns0:type>Folder</ns0:type><ns0:path>childEntity</ns0:path>` +
			`<ns0:skip>false</ns0:skip><ns0:selectSet><ns0:name>visitFolders</ns0:name></ns0:selectSet></ns0:selectSet>`
	}
	retrieve := []byte(xml.Header + `<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ns0="urn:vim25" xmlns:ns1="http://schemas.xmlsoap.org/soap/envelope/">` +
		`<SOAP-ENV:Header><operationID>oslo.vmware-1</operationID></SOAP-ENV:Header><ns1:Body><ns0:RetrievePropertiesEx><ns0:_this type="PropertyCollector">propertyCollector</ns0:_this>` +
		`<ns0:specSet><ns0:propSet><ns0:type>Datastore</ns0:type><ns0:all>false</ns0:all><ns0:pathSet>name</ns0:pathSet></ns0:propSet>` +
		`<ns0:objectSet><ns0:obj type="Folder">group-d1</ns0:obj><ns0:skip>false</ns0:skip>` + traversal + `</ns0:objectSet></ns0:specSet>` +
		`<ns0:options><ns0:maxObjects>1</ns0:maxObjects></ns0:options></ns0:RetrievePropertiesEx></ns1:Body></SOAP-ENV:Envelope>`)
	for _, c := range []struct {
		name string
		body []byte
	}{{"CreateVM_Task", createVM}, {"RetrievePropertiesEx", retrieve}} {
		b.Run(c.name, func(b *testing.B) {
			if msg := d.checker.check(c.body, 0x08000300); msg != "" {
				b.Fatal(msg)
			}
			b.SetBytes(int64(len(c.body)))
			b.ReportAllocs()
			for b.Loop() {
				d.checker.check(c.body, 0x08000300)
			}
		})
	}
}
