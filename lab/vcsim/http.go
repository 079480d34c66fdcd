package main

import (
	"bytes"
	"io"
	"net/http"

	"github.com/vmware/govmomi/simulator"
)

// The lab's HTTP endpoints, next to the simulator's
//
// The simulator registers its handlers ("/sdk", "/folder/", ...) on
// Service.ServeMux when the server starts. The lab registers its own on the
// same mux beforehand, with patterns more specific than the simulator's, so
// that Go's ServeMux sends the requests to the lab's first, and no pattern
// conflicts:
//
//	GET /sdk/vimService.wsdl, vim.wsdl, vim-messagetypes.xsd, vim-types.xsd
//	                       the generated vim25 WSDL (wsdl.go)
//	POST /sdk, POST /sdk/vimService
//	                       dateTimes without offset read as UTC (datetime.go),
//	                       then the simulator's SOAP handler
func (l *Lab) registerHandlers(svc *simulator.Service) {
	mux := http.NewServeMux()
	svc.ServeMux = mux
	for _, doc := range []string{serviceWSDL, vimWSDL, messagesXSD, typesXSD} {
		mux.HandleFunc("GET /sdk/"+doc, serveWSDL)
	}
	for _, path := range []string{"/sdk", "/sdk/vimService"} {
		mux.HandleFunc("POST "+path, func(w http.ResponseWriter, r *http.Request) { serveSOAP(svc, w, r) })
	}
}

// serveSOAP hands the request to the simulator with its dateTimes zoned.
func serveSOAP(svc *simulator.Service, w http.ResponseWriter, r *http.Request) {
	d, err := wsdlDocs()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	body, err := io.ReadAll(r.Body)
	_ = r.Body.Close()
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	body = d.schema.zoneDateTimes(body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	svc.ServeSDK(w, r)
}
