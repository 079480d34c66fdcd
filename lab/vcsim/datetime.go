package main

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"strings"
)

// xsd:dateTime without a time-zone offset
//
// vCenter accepts an xsd:dateTime without offset ("2026-12-03T08:53:22.053337",
// what oslo.vmware's register_extension sends as lastHeartbeatTime) and reads
// it as UTC. The simulator decodes with time.Time's RFC 3339 parser and answers
// InvalidRequest. Before the simulator sees a SOAP request, the lab appends "Z"
// to the text of every element whose schema type is xsd:dateTime (the
// generated schema, wsdl.go, gives the types; xsi:type is honoured) when it
// has no offset. Strings that merely look like a date are left alone.

// localDateTime matches the xsd:dateTime lexical form without a zone.
var localDateTime = regexp.MustCompile(`^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?$`)

const xsiNS = "http://www.w3.org/2001/XMLSchema-instance"

// zoneDateTimes returns the request with "Z" after every dateTime without a
// zone, or the request unchanged when it has none or does not parse (the
// simulator then reports the error).
func (s *vimSchema) zoneDateTimes(body []byte) []byte {
	d := xml.NewDecoder(bytes.NewReader(body))
	var (
		stack   []string // schema type of each open element, "" when unknown
		inserts []int64  // offsets where "Z" goes
		start   int64    // offset of the current token
	)
	for {
		start = d.InputOffset()
		tok, err := d.Token()
		if err != nil {
			break // io.EOF, or a syntax error the simulator will report
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, s.childType(stack, tok))
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 && stack[len(stack)-1] == "xsd:dateTime" && localDateTime.Match(bytes.TrimSpace(tok)) {
				// The raw text is body[start:end]; the value ends before trailing space.
				raw := body[start:d.InputOffset()]
				inserts = append(inserts, start+int64(len(bytes.TrimRight(raw, " \t\r\n"))))
			}
		}
	}
	if len(inserts) == 0 {
		return body
	}
	out := make([]byte, 0, len(body)+len(inserts))
	prev := int64(0)
	for _, at := range inserts {
		out = append(out, body[prev:at]...)
		out = append(out, 'Z')
		prev = at
	}
	return append(out, body[prev:]...)
}

// childType is the schema type of element el opened inside the elements on
// stack: Envelope and Body are SOAP's, the Body's child a method's request
// element, below it the type's elements; xsi:type overrides.
func (s *vimSchema) childType(stack []string, el xml.StartElement) string {
	for _, a := range el.Attr {
		if a.Name.Space == xsiNS && a.Name.Local == "type" {
			// vim25 declares no type dateTime: that is XML Schema's.
			local := a.Value[strings.LastIndex(a.Value, ":")+1:]
			if local == "dateTime" {
				return "xsd:dateTime"
			}
			return local
		}
	}
	switch len(stack) {
	case 0, 1: // Envelope, Header or Body
		return ""
	case 2:
		return s.requests[el.Name.Local]
	}
	parent := stack[len(stack)-1]
	if parent == "" {
		return ""
	}
	e, ok := s.lookup(parent, el.Name.Local)
	if !ok {
		return ""
	}
	return strings.TrimPrefix(e.typ, "vim25:")
}
