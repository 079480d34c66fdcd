package main

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/types"
)

// httpsClient trusts only the lab CA.
func httpsClient(t *testing.T, lab *Lab) *http.Client {
	t.Helper()
	pem, err := os.ReadFile(lab.CAFile())
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		t.Fatal("no CA certificate")
	}
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
}

// xsdNode is any element of a schema or WSDL document.
type xsdNode struct {
	XMLName  xml.Name
	Name     string    `xml:"name,attr"`
	Type     string    `xml:"type,attr"`
	Base     string    `xml:"base,attr"`
	Location string    `xml:"location,attr"`
	Schema   string    `xml:"schemaLocation,attr"`
	Value    string    `xml:"value,attr"`
	Children []xsdNode `xml:",any"`
}

// walk calls fn for n and every descendant.
func (n *xsdNode) walk(fn func(*xsdNode)) {
	fn(n)
	for i := range n.Children {
		n.Children[i].walk(fn)
	}
}

// find returns the first descendant named local (XML local name) with the
// given name attribute.
func (n *xsdNode) find(local, name string) *xsdNode {
	var found *xsdNode
	n.walk(func(c *xsdNode) {
		if found == nil && c.XMLName.Local == local && c.Name == name {
			found = c
		}
	})
	return found
}

// fetchDocs GETs vimService.wsdl and every document it imports or includes,
// checks each is well-formed XML and returns them parsed, by name.
func fetchDocs(t *testing.T, lab *Lab) map[string]*xsdNode {
	t.Helper()
	base := lab.URL() + "/"
	client := httpsClient(t, lab)
	docs := map[string]*xsdNode{}
	queue := []string{"vimService.wsdl"}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		if docs[name] != nil {
			continue
		}
		res, err := client.Get(base + name)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %v", name, res.StatusCode, err)
		}
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/xml") {
			t.Fatalf("GET %s: Content-Type %q", name, ct)
		}
		var doc xsdNode
		if err := xml.Unmarshal(body, &doc); err != nil {
			t.Fatalf("%s is not XML: %v", name, err)
		}
		docs[name] = &doc
		doc.walk(func(n *xsdNode) {
			switch {
			case n.XMLName.Local == "import" && n.Location != "":
				queue = append(queue, n.Location)
			case (n.XMLName.Local == "include" || n.XMLName.Local == "import") && n.Schema != "":
				queue = append(queue, n.Schema)
			}
		})
	}
	return docs
}

func TestWSDL(t *testing.T) {
	lab := startLab(t)
	docs := fetchDocs(t, lab)
	for _, name := range []string{"vimService.wsdl", "vim.wsdl", "vim-messagetypes.xsd", "vim-types.xsd"} {
		if docs[name] == nil {
			t.Fatalf("%s not reached from vimService.wsdl (have %v)", name, reflect.ValueOf(docs).MapKeys())
		}
	}

	// The service oslo.vmware's suds client takes by default, at the address
	// the client used.
	port := docs["vimService.wsdl"].find("port", "VimPort")
	if port == nil || port.Children[0].Location != lab.URL() {
		t.Fatalf("VimService/VimPort: %+v", port)
	}

	// Every registered name is declared: data types and enums in vim-types,
	// request and fault aliases as elements in vim-messagetypes.
	declared := map[string]string{}
	for _, doc := range []string{"vim-types.xsd", "vim-messagetypes.xsd"} {
		for _, n := range docs[doc].Children {
			declared[n.Name] += n.XMLName.Local + " "
		}
	}
	missing := 0
	for name, rt := range registeredTypes {
		if strings.HasPrefix(name, "Base") && rt.Name() == name[4:] {
			continue // govmomi's key for the interface of a type, not a wire name
		}
		if declared[name] == "" {
			missing++
			if missing < 10 {
				t.Errorf("registered type %s (%s) not declared", name, rt)
			}
		}
	}
	if missing > 0 || len(registeredTypes) < 7000 {
		t.Fatalf("%d of %d registered types missing", missing, len(registeredTypes))
	}
	for name, want := range map[string]string{
		"ObjectSpec": "complexType", "ManagedObjectReference": "complexType", "TaskInfoState": "simpleType",
		"RetrievePropertiesEx": "element", "NotAuthenticatedFault": "element", "ArrayOfManagedObjectReference": "complexType",
	} {
		if strings.TrimSpace(declared[name]) != want {
			t.Errorf("%s declared as %q, want %s", name, declared[name], want)
		}
	}

	// Every method of vim25/methods is an operation of the port type and of
	// the binding, with messages, request and response elements.
	wsdl := docs["vim.wsdl"]
	portType, binding := wsdl.find("portType", "VimPortType"), wsdl.find("binding", "VimBinding")
	if portType == nil || binding == nil {
		t.Fatal("VimPortType or VimBinding missing")
	}
	ops := func(n *xsdNode) map[string]bool {
		m := map[string]bool{}
		for _, c := range n.Children {
			if c.XMLName.Local == "operation" {
				m[c.Name] = true
			}
		}
		return m
	}
	portOps, bindOps := ops(portType), ops(binding)
	if len(portOps) != len(methodBodies) || len(bindOps) != len(methodBodies) {
		t.Fatalf("%d port type and %d binding operations, want %d", len(portOps), len(bindOps), len(methodBodies))
	}
	for _, body := range methodBodies {
		req, _ := body.FieldByName("Req")
		name := strings.Fields(strings.Split(req.Tag.Get("xml"), ",")[0])[1]
		if !portOps[name] || !bindOps[name] || !strings.Contains(declared[name], "element") || declared[name+"Response"] != "element " {
			t.Errorf("method %s: operation %v/%v, elements %q, %q", name, portOps[name], bindOps[name], declared[name], declared[name+"Response"])
		}
	}
	// What the lab's clients and oslo.vmware call, by govmomi's method bodies.
	for _, body := range []any{
		methods.RetrieveServiceContentBody{}, methods.LoginBody{}, methods.LogoutBody{}, methods.SessionIsActiveBody{},
		methods.RetrievePropertiesExBody{}, methods.ContinueRetrievePropertiesExBody{}, methods.CancelRetrievePropertiesExBody{},
		methods.CreateFilterBody{}, methods.WaitForUpdatesExBody{}, methods.DestroyPropertyFilterBody{},
		methods.FindExtensionBody{}, methods.RegisterExtensionBody{}, methods.CurrentTimeBody{},
		methods.CreateDatacenterBody{}, methods.CreateClusterExBody{}, methods.AddHost_TaskBody{},
		methods.CreateNasDatastoreBody{}, methods.DeleteDatastoreFile_TaskBody{}, methods.CreateVM_TaskBody{},
	} {
		name := strings.TrimSuffix(reflect.TypeOf(body).Name(), "Body")
		if !portOps[name] {
			t.Errorf("operation %s missing", name)
		}
	}

	// Element order is govmomi's struct field order, bases by extension.
	xsd := docs["vim-types.xsd"]
	for name, base := range map[string]string{
		"ObjectSpec": "vim25:DynamicData", "TraversalSpec": "vim25:SelectionSpec", "NotAuthenticated": "vim25:NoPermission",
		"PropertySpec": "vim25:DynamicData", "Extension": "vim25:DynamicData",
	} {
		ct := xsd.find("complexType", name)
		if ct == nil {
			t.Fatalf("complexType %s missing", name)
		}
		var ext *xsdNode
		ct.walk(func(n *xsdNode) {
			if n.XMLName.Local == "extension" {
				ext = n
			}
		})
		if ext == nil || ext.Base != base {
			t.Errorf("%s extends %+v, want %s", name, ext, base)
		}
		var got []string
		ct.walk(func(n *xsdNode) {
			if n.XMLName.Local == "element" {
				got = append(got, n.Name)
			}
		})
		if want := xmlFieldNames(t, name); !reflect.DeepEqual(got, want) {
			t.Errorf("%s elements %v, want govmomi's %v", name, got, want)
		}
	}
	if got := fmt.Sprint(elementNames(xsd.find("complexType", "ObjectSpec"))); got != "[obj skip selectSet]" {
		t.Errorf("ObjectSpec elements %s", got)
	}
	mor := xsd.find("complexType", "ManagedObjectReference")
	var attrs []string
	mor.walk(func(n *xsdNode) {
		if n.XMLName.Local == "attribute" {
			attrs = append(attrs, n.Name+":"+n.Type)
		}
	})
	if fmt.Sprint(attrs) != "[type:xsd:string serverGuid:xsd:string]" {
		t.Errorf("ManagedObjectReference attributes %v", attrs)
	}
	var states []string
	xsd.find("simpleType", "TaskInfoState").walk(func(n *xsdNode) {
		if n.XMLName.Local == "enumeration" {
			states = append(states, n.Value)
		}
	})
	if !reflect.DeepEqual(states, types.TaskInfoState("").Strings()) {
		t.Errorf("TaskInfoState values %v", states)
	}
	selectSet := xsd.find("complexType", "ObjectSpec").find("element", "selectSet")
	if selectSet.Type != "vim25:SelectionSpec" {
		t.Errorf("ObjectSpec.selectSet type %s", selectSet.Type)
	}
	if hb := xsd.find("complexType", "Extension").find("element", "lastHeartbeatTime"); hb.Type != "xsd:dateTime" {
		t.Errorf("Extension.lastHeartbeatTime type %s", hb.Type)
	}

	d, err := wsdlDocs()
	if err != nil {
		t.Fatal(err)
	}
	size := 0
	for _, b := range d.docs {
		size += len(b)
	}
	t.Logf("generated in %v: %d bytes, %d types, %d request, %d fault elements, %d methods",
		d.elapsed, size, len(d.schema.types), len(d.schema.requests), len(d.schema.faults), len(d.schema.methods))

	// Other documents under /sdk/ are not served.
	res, err := httpsClient(t, lab).Get(lab.URL() + "/vim25.wsdl")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("GET /sdk/vim25.wsdl: %d", res.StatusCode)
	}
}

func elementNames(n *xsdNode) []string {
	var names []string
	n.walk(func(c *xsdNode) {
		if c.XMLName.Local == "element" {
			names = append(names, c.Name)
		}
	})
	return names
}

// xmlFieldNames lists the XML element names of a registered type's own
// fields (not its base's), in struct order.
func xmlFieldNames(t *testing.T, name string) []string {
	rt, ok := types.TypeFunc()(name)
	if !ok {
		t.Fatalf("%s not registered", name)
	}
	var names []string
	for i := range rt.NumField() {
		f := rt.Field(i)
		if !f.Anonymous {
			names = append(names, strings.Split(f.Tag.Get("xml"), ",")[0])
		}
	}
	return names
}

// TestDateTimeWithoutOffset registers an extension with lastHeartbeatTime
// like oslo.vmware sends it (no offset) and reads it back as UTC.
func TestDateTimeWithoutOffset(t *testing.T) {
	e := newEnv(t)
	sc := e.c.ServiceContent
	const key = "org.openstack.compute"
	body := `<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:ns0="urn:vim25" xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/">
<SOAP-ENV:Body><ns0:RegisterExtension><ns0:_this type="ExtensionManager">` + sc.ExtensionManager.Value + `</ns0:_this>
<ns0:extension><ns0:description><ns0:label>OpenStack</ns0:label><ns0:summary>2026-12-03T08:53:22</ns0:summary></ns0:description>
<ns0:key>` + key + `</ns0:key><ns0:version>1.0</ns0:version>
<ns0:lastHeartbeatTime>2026-12-03T08:53:22.053337</ns0:lastHeartbeatTime></ns0:extension>
</ns0:RegisterExtension></SOAP-ENV:Body></SOAP-ENV:Envelope>`
	req, err := http.NewRequestWithContext(e.ctx, http.MethodPost, e.lab.URL(), strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	req.Header.Set("SOAPAction", soapAction)
	for _, c := range e.c.Jar.Cookies(e.c.URL()) {
		req.AddCookie(c)
	}
	res, err := httpsClient(t, e.lab).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	answer, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("RegisterExtension: %d %s", res.StatusCode, answer)
	}

	found, err := methods.FindExtension(e.ctx, e.c, &types.FindExtension{This: *sc.ExtensionManager, ExtensionKey: key})
	if err != nil || found.Returnval == nil {
		t.Fatalf("FindExtension: %+v, %v", found, err)
	}
	ext := found.Returnval
	want := time.Date(2026, 12, 3, 8, 53, 22, 53337000, time.UTC)
	if !ext.LastHeartbeatTime.Equal(want) {
		t.Errorf("lastHeartbeatTime %v, want %v", ext.LastHeartbeatTime, want)
	}
	// A string that looks like a date stays as sent.
	if s := ext.Description.GetDescription().Summary; s != "2026-12-03T08:53:22" {
		t.Errorf("summary %q changed", s)
	}
}

// TestZoneDateTimes checks the rewrite alone: only dateTime elements (by
// schema type, or xsi:type), only without offset.
func TestZoneDateTimes(t *testing.T) {
	d, err := wsdlDocs()
	if err != nil {
		t.Fatal(err)
	}
	env := func(body string) string {
		return `<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><e:Body>` + body + `</e:Body></e:Envelope>`
	}
	for in, want := range map[string]string{
		`<QueryEvents><filter><time><beginTime>2026-01-02T03:04:05</beginTime><endTime>2026-01-02T03:04:05+02:00</endTime></time></filter></QueryEvents>`: `<QueryEvents><filter><time><beginTime>2026-01-02T03:04:05Z</beginTime><endTime>2026-01-02T03:04:05+02:00</endTime></time></filter></QueryEvents>`,
		`<SetField><entity>vm-1</entity><value xsi:type="xsd:dateTime">2026-01-02T03:04:05.5 </value></SetField>`:                                         `<SetField><entity>vm-1</entity><value xsi:type="xsd:dateTime">2026-01-02T03:04:05.5Z </value></SetField>`,
		`<SetField><entity>vm-1</entity><value xsi:type="xsd:string">2026-01-02T03:04:05</value></SetField>`:                                              `<SetField><entity>vm-1</entity><value xsi:type="xsd:string">2026-01-02T03:04:05</value></SetField>`,
		`<Login><userName>2026-01-02T03:04:05</userName></Login>`:                                                                                         `<Login><userName>2026-01-02T03:04:05</userName></Login>`,
	} {
		if got := string(d.schema.zoneDateTimes([]byte(env(in)))); got != env(want) {
			t.Errorf("zoneDateTimes(%s)\n = %s\nwant %s", in, got, env(want))
		}
	}
	if got := d.schema.zoneDateTimes([]byte("<not xml")); string(got) != "<not xml" {
		t.Errorf("malformed input changed: %s", got)
	}
}
