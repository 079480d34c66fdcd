package main

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/http"
	"reflect"
	"sort"
	"strings"
	"sync"
	"time"
)

// The WSDL documents, served under /sdk/ (see wsdl.go for what they hold).
const (
	serviceWSDL  = "vimService.wsdl"
	vimWSDL      = "vim.wsdl"
	messagesXSD  = "vim-messagetypes.xsd"
	typesXSD     = "vim-types.xsd"
	soapAction   = vimNS + "/" + apiVersion
	xsdNamespace = "http://www.w3.org/2001/XMLSchema"
)

// vimDocs holds the generated schema and documents.
type vimDocs struct {
	schema  *vimSchema
	checker *requestChecker   // strict request decoding (strict.go)
	docs    map[string][]byte // vim.wsdl and the two schemas
	elapsed time.Duration     // generation time
}

// wsdlDocs generates the documents once, on first use.
var wsdlDocs = sync.OnceValues(func() (*vimDocs, error) {
	start := time.Now()
	s, err := buildSchema(registeredTypes, typeVersions, methodBodies)
	if err != nil {
		return nil, fmt.Errorf("vim25 schema: %w", err)
	}
	checker, err := newRequestChecker(s, apiVersion)
	if err != nil {
		return nil, fmt.Errorf("request checker: %w", err)
	}
	d := &vimDocs{schema: s, checker: checker, docs: map[string][]byte{
		typesXSD:    s.typesXSD(),
		messagesXSD: s.messagesXSD(),
		vimWSDL:     s.vimWSDL(),
	}}
	d.elapsed = time.Since(start)
	return d, nil
})

// serveWSDL answers GET /sdk/<document>. The service document names the
// address the client used (https://HOST:PORT/sdk).
func serveWSDL(w http.ResponseWriter, r *http.Request) {
	d, err := wsdlDocs()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	name := strings.TrimPrefix(r.URL.Path, "/sdk/")
	body, ok := d.docs[name]
	if name == serviceWSDL {
		scheme := "https"
		if r.TLS == nil {
			scheme = "http"
		}
		body, ok = serviceDoc(scheme+"://"+r.Host+"/sdk"), true
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	_, _ = w.Write(body)
}

// xmlDoc is a document being written.
type xmlDoc struct{ bytes.Buffer }

func newDoc() *xmlDoc {
	d := &xmlDoc{}
	d.WriteString(xml.Header)
	return d
}

// line writes one line at the given depth; args are escaped.
func (d *xmlDoc) line(depth int, format string, args ...string) {
	escaped := make([]any, len(args))
	for i, a := range args {
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(a))
		escaped[i] = b.String()
	}
	d.WriteString(strings.Repeat(" ", depth))
	fmt.Fprintf(d, format, escaped...)
	d.WriteByte('\n')
}

const schemaStart = `<schema targetNamespace="%s" xmlns="%s" xmlns:vim25="%s" xmlns:xsd="%s" elementFormDefault="qualified">`

// elemLine writes an element declaration.
func (d *xmlDoc) elemLine(depth int, e xsdElem) {
	occurs := ""
	if e.optional {
		occurs += ` minOccurs="0"`
	}
	if e.many {
		occurs += ` maxOccurs="unbounded"`
	}
	d.line(depth, `<element name="%s" type="%s"`+occurs+`/>`, e.name, e.typ)
}

func (s *vimSchema) typesXSD() []byte {
	d := newDoc()
	d.line(0, schemaStart, vimNS, xsdNamespace, vimNS, xsdNamespace)
	for _, name := range sortedKeys(s.types) {
		t := s.types[name]
		switch {
		case t.kind == reflect.String:
			d.line(1, `<simpleType name="%s">`, name)
			d.line(2, `<restriction base="xsd:string">`)
			for _, v := range t.enum {
				d.line(3, `<enumeration value="%s"/>`, v)
			}
			d.line(2, `</restriction>`)
			d.line(1, `</simpleType>`)
		case t.text:
			d.line(1, `<complexType name="%s">`, name)
			d.line(2, `<simpleContent>`)
			d.line(3, `<extension base="xsd:string">`)
			for _, a := range t.attrs {
				use := "required"
				if a.optional {
					use = "optional"
				}
				d.line(4, `<attribute name="%s" type="%s" use="%s"/>`, a.name, a.typ, use)
			}
			d.line(3, `</extension>`)
			d.line(2, `</simpleContent>`)
			d.line(1, `</complexType>`)
		default:
			d.line(1, `<complexType name="%s">`, name)
			depth := 2
			if t.base != "" {
				d.line(2, `<complexContent>`)
				d.line(3, `<extension base="%s">`, t.base)
				depth = 4
			}
			d.line(depth, `<sequence>`)
			for _, e := range t.elems {
				d.elemLine(depth+1, e)
			}
			d.line(depth, `</sequence>`)
			if t.base != "" {
				d.line(3, `</extension>`)
				d.line(2, `</complexContent>`)
			}
			d.line(1, `</complexType>`)
		}
	}
	d.line(0, `</schema>`)
	return d.Bytes()
}

func (s *vimSchema) messagesXSD() []byte {
	d := newDoc()
	d.line(0, schemaStart, vimNS, xsdNamespace, vimNS, xsdNamespace)
	d.line(1, `<include schemaLocation="%s"/>`, typesXSD)
	for _, name := range sortedKeys(s.requests) {
		d.line(1, `<element name="%s" type="vim25:%s"/>`, name, s.requests[name])
	}
	for _, m := range s.methods {
		d.line(1, `<element name="%s">`, m.response)
		d.line(2, `<complexType>`)
		d.line(3, `<sequence>`)
		for _, e := range m.returns {
			d.elemLine(4, e)
		}
		d.line(3, `</sequence>`)
		d.line(2, `</complexType>`)
		d.line(1, `</element>`)
	}
	for _, name := range sortedKeys(s.faults) {
		d.line(1, `<element name="%s" type="vim25:%s"/>`, name, s.faults[name])
	}
	d.line(0, `</schema>`)
	return d.Bytes()
}

const (
	wsdlNS     = "http://schemas.xmlsoap.org/wsdl/"
	wsdlSoapNS = "http://schemas.xmlsoap.org/wsdl/soap/"
)

func (s *vimSchema) vimWSDL() []byte {
	d := newDoc()
	d.line(0, `<definitions targetNamespace="%s" xmlns="%s" xmlns:soap="%s" xmlns:vim25="%s" xmlns:xsd="%s">`,
		vimNS, wsdlNS, wsdlSoapNS, vimNS, xsdNamespace)
	d.line(1, `<types>`)
	d.line(2, `<schema targetNamespace="%s" xmlns="%s" elementFormDefault="qualified">`, vimNS, xsdNamespace)
	d.line(3, `<include schemaLocation="%s"/>`, messagesXSD)
	d.line(2, `</schema>`)
	d.line(1, `</types>`)
	for _, m := range s.methods {
		d.line(1, `<message name="%sRequestMsg">`, m.name)
		d.line(2, `<part name="parameters" element="vim25:%s"/>`, m.name)
		d.line(1, `</message>`)
		d.line(1, `<message name="%sResponseMsg">`, m.name)
		d.line(2, `<part name="parameters" element="vim25:%s"/>`, m.response)
		d.line(1, `</message>`)
	}
	d.line(1, `<portType name="VimPortType">`)
	for _, m := range s.methods {
		d.line(2, `<operation name="%s">`, m.name)
		d.line(3, `<input message="vim25:%sRequestMsg"/>`, m.name)
		d.line(3, `<output message="vim25:%sResponseMsg"/>`, m.name)
		d.line(2, `</operation>`)
	}
	d.line(1, `</portType>`)
	d.line(1, `<binding name="VimBinding" type="vim25:VimPortType">`)
	d.line(2, `<soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>`)
	for _, m := range s.methods {
		d.line(2, `<operation name="%s">`, m.name)
		d.line(3, `<soap:operation soapAction="%s" style="document"/>`, soapAction)
		d.line(3, `<input><soap:body use="literal"/></input>`)
		d.line(3, `<output><soap:body use="literal"/></output>`)
		d.line(2, `</operation>`)
	}
	d.line(1, `</binding>`)
	d.line(0, `</definitions>`)
	return d.Bytes()
}

// serviceDoc is vimService.wsdl with the given SOAP address.
func serviceDoc(address string) []byte {
	d := newDoc()
	d.line(0, `<definitions targetNamespace="%sService" xmlns="%s" xmlns:interface="%s" xmlns:soap="%s">`,
		vimNS, wsdlNS, vimNS, wsdlSoapNS)
	d.line(1, `<import location="%s" namespace="%s"/>`, vimWSDL, vimNS)
	d.line(1, `<service name="VimService">`)
	d.line(2, `<port binding="interface:VimBinding" name="VimPort">`)
	d.line(3, `<soap:address location="%s"/>`, address)
	d.line(2, `</port>`)
	d.line(1, `</service>`)
	d.line(0, `</definitions>`)
	return d.Bytes()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
