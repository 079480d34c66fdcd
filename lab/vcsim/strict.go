package main

import (
	"bytes"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/xml"
)

// Strict request decoding, as vCenter does it
//
// The simulator decodes a request with Go's XML decoder, which skips elements
// it does not know and takes the fields in any order. vCenter does not: it
// deserializes each data object with a forward cursor over the type's property
// list, in the API release the client announces, and refuses the request as
// InvalidRequest on the first element that does not fit. Before the simulator
// sees a request, the lab checks the body against the generated schema
// (wsdl.go) the same way and answers vCenter's fault when it does not fit, so
// that a client the lab accepts is held to the real wire contract.
//
// What vCenter's faults say (faultcode ServerFaultCode, detail
// InvalidRequestFault; the faultstring is a chain of messages separated by
// blank lines, innermost first, positions 1-based lines and 0-based columns of
// the element's "<"):
//
//	Unexpected element tag "vvtdEnabled" seen
//
//	while parsing serialized DataObject of type vim.vm.FlagInfo
//	at line 2, column 469
//
//	while parsing property "flags" of static type VirtualMachineFlagInfo
//
//	while parsing serialized DataObject of type vim.vm.ConfigSpec
//	at line 2, column 144
//
//	while parsing call information for method ReconfigVM_Task
//	at line 2, column 66
//
//	while parsing SOAP body
//	at line 2, column 60
//
//	while parsing SOAP envelope
//	at line 2, column 0
//
//	while parsing HTTP request for method reconfigure
//	on object of type vim.VirtualMachine
//	at line 1, column 0
//
// (a vSphere 6.5 vCenter refusing a 6.7 field from govmomi:
// vmware/terraform-provider-vsphere#1422; the same chain for a field of a
// nested backing object in vmware-archive/rbvmomi#132, where array
// properties have the static type ArrayOfX; out-of-order properties give
// the same "Unexpected element tag", vmware/govmomi#4124). Other first
// messages seen from vCenter:
//
//	Required property identity is missing from data object of type CustomizationSpec
//	    (a required property absent when the object ends; chef/knife-vsphere#39)
//	Single property sharing provided multiple times
//	    (a property that is not an array repeated; vmware-archive/rbvmomi#130)
//	Got <dataStorePath> tag when expecting <_this> tag
//	    (a method parameter where a required one is due; bhoriuchi/vsphere-connect#12)
//
// The lab writes the same chain, with two differences: data objects are named
// by their WSDL names (VirtualMachineConfigSpec, not vim.vm.ConfigSpec), as
// govmomi's types know no VMODL names; and the last part ("while parsing HTTP
// request for method reconfigure on object of type vim.VirtualMachine") is left
// out, as it needs VMODL names of methods and managed objects.
//
// The rules, per element of the SOAP body's first child (the Header is not
// checked, nor is text content):
//
//   - The method element selects its request type (XRequestType); a method
//     the schema does not know is left to the simulator.
//   - A child of a data object (or of the method element) must be a property
//     of its type: the properties of the base types first, then the type's own
//     (complexContent extension), in that order. Properties may be left out
//     when optional; only arrays (maxOccurs unbounded) repeat. An element that
//     is no property, or that comes back to one already passed, is an
//     "Unexpected element tag"; a property repeated right away is "Single
//     property X provided multiple times". A data object that ends without a
//     required property is "Required property X is missing from data object of
//     type T". For method parameters vCenter's wording is known only for a
//     parameter where a required one is due ("Got <X> tag when expecting <Y>
//     tag"); a required parameter missing at the end is left to the
//     simulator.
//   - xsi:type must name a known type (a vim25 type, or an XML Schema type the
//     schema uses), resolving its prefix through the namespaces in scope;
//     govmomi writes "xsd:string" without declaring the prefix, and vCenter
//     takes it, so an undeclared "xsd" means XML Schema. The type must be the
//     property's type or derive from it; an anyType property takes any type.
//     vCenter's words for these two were not found: the lab says `Unknown type
//     "X" seen` and `Type "X" is not a subtype of static type Y`.
//   - A ManagedObjectReference needs its type attribute: `Required property
//     type is missing from data object of type ManagedObjectReference` (the
//     lab's wording, after vCenter's for properties).
//   - Enums, primitives and managed object references have text content:
//     an element inside them is an "Unexpected element tag".
//
// API version: vCenter serves each request in the release the client
// announces in SOAPAction ("urn:vim25/8.0.3.0", the soapAction of the WSDL's
// operations, which oslo.vmware's suds sends quoted) and knows nothing newer
// (a client announcing 6.5 gets 6.5's ServiceContent, yavijava/yavijava#324;
// a 6.5 vCenter refuses 6.7's vvtdEnabled as an unknown element, above). So a
// property added after the announced release (govmomi's vim struct tags) is
// an unknown element, and a type added after it (govmomi's
// minAPIVersionForType) an unknown type. A client announcing a release newer
// than the lab's (govmomi v0.56.0 sends urn:vim25/9.1.0.0) is served in the
// lab's own (8.0.3.0), as vCenter 8 serves govmomi. What vCenter makes of a
// request without a release (no SOAPAction, plain "urn:vim25") was not found
// stated; the lab takes the namespace's first release: vim25 was versioned by
// its namespace alone until the SOAPAction release came with 4.0 (VI 3.5
// ignored the header, doublecloud.org "vSphere SDK Compatibility"), and
// vimServiceVersions.xml lists 2.5 as its oldest. govmomi tags nothing older
// than 7.0, so the lab then accepts only properties and types without a
// release tag. An empty SOAPAction is read the same way (vSphere 7 refuses
// that header outright as bad HTTP, yavijava/yavijava#278; the lab does not).

// vimVersion is an API release as a number that orders like the release:
// 8.0.3.0 is 0x08000300. baseAPI is the release before every tagged one.
type vimVersion uint32

const baseAPI vimVersion = 0

// parseVersion reads a release of up to four dot-separated numbers (0–255).
func parseVersion(s string) (vimVersion, bool) {
	parts := strings.Split(s, ".")
	if len(parts) > 4 {
		return 0, false
	}
	var v vimVersion
	for i := range 4 {
		n := 0
		if i < len(parts) {
			var err error
			if n, err = strconv.Atoi(parts[i]); err != nil || n < 0 || n > 255 {
				return 0, false
			}
		}
		v = v<<8 | vimVersion(n)
	}
	return v, true
}

// announcedVersion is the release a client announces in SOAPAction
// ("urn:vim25/8.0.3.0", quoted by suds), baseAPI without one.
func announcedVersion(action string) vimVersion {
	rel, ok := strings.CutPrefix(strings.Trim(strings.TrimSpace(action), `"`), vimNS+"/")
	if !ok {
		return baseAPI
	}
	v, ok := parseVersion(rel)
	if !ok {
		return baseAPI
	}
	return v
}

// checkType is a vim25 type prepared for checking.
type checkType struct {
	name   string
	base   *checkType
	fields []checkField   // the base types' fields first
	index  map[string]int // field name → its first position in fields
	text   bool           // simple content: enum, ManagedObjectReference
	moRef  bool           // needs the type attribute
	since  vimVersion     // release that added the type
	ready  bool           // fields filled in
}

// checkField is a property (element) of a checkType.
type checkField struct {
	name     string
	typ      *checkType // nil for an XML Schema type
	xsd      string     // the XML Schema type ("xsd:int") when typ is nil
	optional bool
	many     bool
	since    vimVersion
	static   string // the type as vCenter names it: VirtualDevice, ArrayOfVirtualDeviceConfigSpec, xsd:string
}

func (t *checkType) derivesFrom(d *checkType) bool {
	for ; t != nil; t = t.base {
		if t == d {
			return true
		}
	}
	return false
}

// xsdTypes are the XML Schema types the vim25 schema uses; only these are
// known as xsi:type.
var xsdTypes = map[string]bool{
	"xsd:boolean": true, "xsd:byte": true, "xsd:short": true, "xsd:int": true, "xsd:long": true,
	"xsd:float": true, "xsd:double": true, "xsd:string": true, "xsd:dateTime": true,
	"xsd:base64Binary": true, "xsd:anyType": true,
}

// requestChecker checks SOAP requests against the schema. It is built once;
// check is safe for concurrent use.
type requestChecker struct {
	types    map[string]*checkType
	requests map[string]*checkType // method element → request type
	server   vimVersion            // the lab's release: nothing newer is known
}

func newRequestChecker(s *vimSchema, server string) (*requestChecker, error) {
	c := &requestChecker{types: map[string]*checkType{}, requests: map[string]*checkType{}}
	var ok bool
	if c.server, ok = parseVersion(server); !ok {
		return nil, fmt.Errorf("release %q", server)
	}
	for name, t := range s.types {
		ct := &checkType{name: name, text: t.text || t.kind != reflect.Struct, moRef: name == "ManagedObjectReference"}
		if rel := s.since[name]; rel != "" {
			if ct.since, ok = parseVersion(rel); !ok {
				return nil, fmt.Errorf("type %s: release %q", name, rel)
			}
		}
		c.types[name] = ct
	}
	for name := range s.types {
		if err := c.prepare(s, c.types[name]); err != nil {
			return nil, err
		}
	}
	for elem, typ := range s.requests {
		if t := c.types[typ]; t != nil {
			c.requests[elem] = t
		}
	}
	return c, nil
}

// prepare fills in t's fields, its bases' first.
func (c *requestChecker) prepare(s *vimSchema, t *checkType) error {
	if t.ready {
		return nil
	}
	t.ready = true
	st := s.types[t.name]
	if st.base != "" {
		t.base = c.types[strings.TrimPrefix(st.base, "vim25:")]
		if t.base == nil {
			return fmt.Errorf("type %s: base %s unknown", t.name, st.base)
		}
		if err := c.prepare(s, t.base); err != nil {
			return err
		}
		t.fields = append(t.fields, t.base.fields...)
	}
	for _, e := range st.elems {
		f := checkField{name: e.name, optional: e.optional, many: e.many}
		if name, ok := strings.CutPrefix(e.typ, "vim25:"); ok {
			if f.typ = c.types[name]; f.typ == nil {
				return fmt.Errorf("type %s, field %s: type %s unknown", t.name, e.name, e.typ)
			}
		} else {
			f.xsd = e.typ
		}
		if e.since != "" {
			var ok bool
			if f.since, ok = parseVersion(e.since); !ok {
				return fmt.Errorf("type %s, field %s: release %q", t.name, e.name, e.since)
			}
		}
		f.static = strings.TrimPrefix(e.typ, "vim25:")
		if f.many {
			local := f.static[strings.LastIndex(f.static, ":")+1:]
			f.static = "ArrayOf" + strings.ToUpper(local[:1]) + local[1:]
		}
		t.fields = append(t.fields, f)
	}
	t.index = make(map[string]int, len(t.fields))
	for i, f := range t.fields {
		if _, dup := t.index[f.name]; !dup {
			t.index[f.name] = i
		}
	}
	return nil
}

// frameKind is what an open element is to the checker.
type frameKind uint8

const (
	envelopeFrame frameKind = iota
	bodyFrame
	methodFrame
	objectFrame // a data object: its children are its properties
	textFrame   // simple content: no children
	skipFrame   // not checked (Header, anyType without xsi:type, later Body children)
)

// frame is an open element.
type frame struct {
	kind    frameKind
	name    xml.Name    // as written: Space is the prefix
	at      int64       // offset of its "<"
	typ     *checkType  // objectFrame, methodFrame: the (xsi:type) type
	field   *checkField // the parent's property this element is, if any
	cursor  int         // first field a child may still be
	last    int         // field of the previous child, -1
	missing int         // first required field passed over, -1
	scope   int         // namespace declarations in scope before this element
}

// nsDecl is a namespace declaration in scope ("" is the default namespace).
type nsDecl struct{ prefix, uri string }

// strictCheck is the state of one check.
type strictCheck struct {
	c       *requestChecker
	body    []byte
	version vimVersion
	frames  []frame
	scope   []nsDecl
}

// check returns vCenter's faultstring for a request it would refuse, or "".
// A body that is no SOAP envelope, or not well-formed, is left to the
// simulator.
func (c *requestChecker) check(body []byte, announced vimVersion) string {
	k := strictCheck{c: c, body: body, version: min(announced, c.server), frames: make([]frame, 0, 16)}
	d := xml.NewDecoder(bytes.NewReader(body))
	bodySeen := false
	for {
		at := d.InputOffset()
		tok, err := d.RawToken()
		if err != nil {
			return "" // io.EOF, or a syntax error the simulator reports
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			scope := len(k.scope)
			for _, a := range tok.Attr {
				switch {
				case a.Name.Space == "xmlns":
					k.scope = append(k.scope, nsDecl{a.Name.Local, a.Value})
				case a.Name.Space == "" && a.Name.Local == "xmlns":
					k.scope = append(k.scope, nsDecl{"", a.Value})
				}
			}
			f := frame{name: tok.Name, at: at, last: -1, missing: -1, scope: scope}
			if len(k.frames) == 0 {
				if f.name.Local != "Envelope" {
					return ""
				}
				f.kind = envelopeFrame
			} else {
				parent := &k.frames[len(k.frames)-1]
				switch parent.kind {
				case envelopeFrame:
					f.kind = skipFrame
					if f.name.Local == "Body" {
						f.kind = bodyFrame
					}
				case bodyFrame:
					f.kind = skipFrame
					if !bodySeen {
						bodySeen = true
						if f.typ = k.c.requests[f.name.Local]; f.typ == nil {
							return "" // not a method of the schema: the simulator answers
						}
						f.kind = methodFrame
					}
				case skipFrame:
					f.kind = skipFrame
				case textFrame:
					return k.fault(fmt.Sprintf("Unexpected element tag %q seen", f.name.Local), nil)
				default:
					if msg := k.child(parent, &f, tok); msg != "" {
						return msg
					}
				}
			}
			k.frames = append(k.frames, f)
		case xml.EndElement:
			if len(k.frames) == 0 {
				return ""
			}
			f := &k.frames[len(k.frames)-1]
			if tok.Name != f.name {
				return "" // not well-formed: the simulator reports it
			}
			if f.kind == objectFrame {
				if msg := k.ended(f); msg != "" {
					return msg
				}
			}
			k.scope = k.scope[:f.scope]
			k.frames = k.frames[:len(k.frames)-1]
			if len(k.frames) == 0 {
				return ""
			}
		}
	}
}

// child places element f, opened inside parent (a method or data object),
// as one of parent's properties and finds its type.
func (k *strictCheck) child(parent *frame, f *frame, el xml.StartElement) string {
	fields := parent.typ.fields
	idx, known := parent.typ.index[f.name.Local]
	known = known && fields[idx].since <= k.version
	if !known || idx < parent.cursor {
		if known && idx == parent.last && !fields[idx].many {
			return k.fault(fmt.Sprintf("Single property %s provided multiple times", f.name.Local), nil)
		}
		if parent.kind == methodFrame {
			for i := parent.cursor; i < len(fields); i++ {
				if !fields[i].optional {
					return k.fault(fmt.Sprintf("Got <%s> tag when expecting <%s> tag", f.name.Local, fields[i].name), nil)
				}
			}
		}
		return k.fault(fmt.Sprintf("Unexpected element tag %q seen", f.name.Local), nil)
	}
	for i := parent.cursor; i < idx; i++ {
		if fields[i].optional {
			continue
		}
		if parent.kind == methodFrame {
			return k.fault(fmt.Sprintf("Got <%s> tag when expecting <%s> tag", f.name.Local, fields[i].name), nil)
		}
		if parent.missing < 0 {
			parent.missing = i
		}
		break
	}
	parent.last = idx
	parent.cursor = idx + 1
	if fields[idx].many {
		parent.cursor = idx
	}
	f.field = &fields[idx]

	// The element's type: its xsi:type, else the property's. Until it is
	// known to be a data object, a fault names it by its property only.
	f.kind = textFrame
	typ, xsd := f.field.typ, f.field.xsd
	if value, ok := k.xsiType(el); ok {
		t, x, known := k.resolveType(value)
		if !known {
			return k.fault(fmt.Sprintf("Unknown type %q seen", value), f)
		}
		switch {
		case f.field.xsd == "xsd:anyType":
		case t != nil && f.field.typ != nil && t.derivesFrom(f.field.typ):
		case t == nil && x == f.field.xsd:
		default:
			name := x
			if t != nil {
				name = t.name
			}
			return k.fault(fmt.Sprintf("Type %q is not a subtype of static type %s", name, f.field.static), f)
		}
		typ, xsd = t, x
	}
	switch {
	case typ == nil && xsd == "xsd:anyType":
		f.kind = skipFrame
	case typ == nil || typ.text:
		if typ != nil && typ.moRef && !hasAttr(el, "type") {
			return k.fault("Required property type is missing from data object of type ManagedObjectReference", f)
		}
	default:
		f.kind, f.typ = objectFrame, typ
	}
	return ""
}

// ended checks that data object f, now closed, has its required properties.
func (k *strictCheck) ended(f *frame) string {
	missing := f.missing
	for i := f.cursor; missing < 0 && i < len(f.typ.fields); i++ {
		if !f.typ.fields[i].optional {
			missing = i
		}
	}
	if missing < 0 {
		return ""
	}
	return k.fault(fmt.Sprintf("Required property %s is missing from data object of type %s", f.typ.fields[missing].name, f.typ.name), nil)
}

// xsiType returns el's xsi:type attribute (an undeclared prefix xsi taken
// as XML Schema instance, like xsd).
func (k *strictCheck) xsiType(el xml.StartElement) (string, bool) {
	for _, a := range el.Attr {
		if a.Name.Local != "type" || a.Name.Space == "" || a.Name.Space == "xmlns" {
			continue
		}
		ns := k.namespace(a.Name.Space)
		if ns == xsiNS || (ns == "" && a.Name.Space == "xsi") {
			return a.Value, true
		}
	}
	return "", false
}

// resolveType finds the type an xsi:type value names: a vim25 type known in
// the release served, or an XML Schema type of xsdTypes.
func (k *strictCheck) resolveType(value string) (*checkType, string, bool) {
	prefix, local, found := strings.Cut(value, ":")
	if !found {
		prefix, local = "", value
	}
	ns := k.namespace(prefix)
	if ns == "" && prefix == "xsd" {
		ns = xsdNamespace // govmomi's undeclared prefix
	}
	switch {
	case ns == xsdNamespace:
		x := "xsd:" + local
		return nil, x, xsdTypes[x]
	case ns == vimNS || (ns == "" && prefix == ""):
		t := k.c.types[local]
		return t, "", t != nil && t.since <= k.version
	}
	return nil, "", false
}

// namespace is the URI of prefix in scope, "" when undeclared.
func (k *strictCheck) namespace(prefix string) string {
	for i := len(k.scope) - 1; i >= 0; i-- {
		if k.scope[i].prefix == prefix {
			return k.scope[i].uri
		}
	}
	return ""
}

func hasAttr(el xml.StartElement, name string) bool {
	for _, a := range el.Attr {
		if a.Name.Space == "" && a.Name.Local == name {
			return true
		}
	}
	return false
}

// fault writes vCenter's faultstring: first, then where the decoder was,
// innermost first. extra is the element being placed when the problem is its
// own (a bad xsi:type, no MoRef type), not yet on the stack.
func (k *strictCheck) fault(first string, extra *frame) string {
	frames := k.frames
	if extra != nil {
		frames = append(frames[:len(frames):len(frames)], *extra)
	}
	parts := []string{first}
	for i := len(frames) - 1; i >= 0; i-- {
		f := &frames[i]
		switch f.kind {
		case envelopeFrame:
			parts = append(parts, "while parsing SOAP envelope\n"+k.position(f.at))
		case bodyFrame:
			parts = append(parts, "while parsing SOAP body\n"+k.position(f.at))
		case methodFrame:
			parts = append(parts, "while parsing call information for method "+f.name.Local+"\n"+k.position(f.at))
		case objectFrame:
			parts = append(parts, "while parsing serialized DataObject of type "+f.typ.name+"\n"+k.position(f.at))
		}
		if f.field != nil && i > 0 && frames[i-1].kind == objectFrame {
			parts = append(parts, fmt.Sprintf("while parsing property %q of static type %s", f.name.Local, f.field.static))
		}
	}
	return strings.Join(parts, "\n\n")
}

// position is "at line L, column C" of offset at: lines from 1, columns (in
// characters) from 0.
func (k *strictCheck) position(at int64) string {
	before := k.body[:at]
	line := 1 + bytes.Count(before, []byte{'\n'})
	col := utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:])
	return fmt.Sprintf("at line %d, column %d", line, col)
}

// writeSOAPFault answers f the way the simulator answers its own faults
// (HTTP 500; envelope prefixes soapenv, with soapenc, xsd and xsi declared;
// the detail element XFault of xsi:type X in urn:vim25), which is how vCenter
// writes them.
func writeSOAPFault(w http.ResponseWriter, f *soap.Fault) {
	el := func(name string, attrs ...string) xml.StartElement {
		start := xml.StartElement{Name: xml.Name{Local: name}}
		for i := 0; i+1 < len(attrs); i += 2 {
			start.Attr = append(start.Attr, xml.Attr{Name: xml.Name{Local: attrs[i]}, Value: attrs[i+1]})
		}
		return start
	}
	kind := reflect.TypeOf(f.Detail.Fault).Elem().Name()
	envelope := el("soapenv:Envelope",
		"xmlns:soapenc", "http://schemas.xmlsoap.org/soap/encoding/",
		"xmlns:soapenv", "http://schemas.xmlsoap.org/soap/envelope/",
		"xmlns:xsd", xsdNamespace, "xmlns:xsi", xsiNS)
	body, fault, detail := el("soapenv:Body"), el("soapenv:Fault"), el("detail")

	var out bytes.Buffer
	out.WriteString(xml.Header)
	e := xml.NewEncoder(&out)
	for _, step := range []func() error{
		func() error { return e.EncodeToken(envelope) },
		func() error { return e.EncodeToken(body) },
		func() error { return e.EncodeToken(fault) },
		func() error { return e.EncodeElement(f.Code, el("faultcode")) },
		func() error { return e.EncodeElement(f.String, el("faultstring")) },
		func() error { return e.EncodeToken(detail) },
		func() error {
			return e.EncodeElement(f.Detail.Fault, el(kind+"Fault", "xmlns", vimNS, "xsi:type", kind))
		},
		func() error { return e.EncodeToken(detail.End()) },
		func() error { return e.EncodeToken(fault.End()) },
		func() error { return e.EncodeToken(body.End()) },
		func() error { return e.EncodeToken(envelope.End()) },
		e.Flush,
	} {
		if err := step(); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
	}
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	_, _ = w.Write(out.Bytes())
}
