package main

import (
	"bytes"
	"io"
	"net/http"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
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
//	                       the body checked as strictly as vCenter decodes it
//	                       (strict.go), dateTimes without offset read as UTC
//	                       (datetime.go), then the simulator's SOAP handler
//	/folder/{$}, /folder/{name}, /folder/{name}/{rest...}
//	                       together exactly what "/folder/" matches: a valid
//	                       session cookie is required, then the simulator's
//	                       datastore file handler; with dcPath=ha-datacenter
//	                       an ESXi host's, with a ticket (esxhost.go)
func (l *Lab) registerHandlers(svc *simulator.Service) {
	mux := http.NewServeMux()
	svc.ServeMux = mux
	for _, doc := range []string{serviceWSDL, vimWSDL, messagesXSD, typesXSD} {
		mux.HandleFunc("GET /sdk/"+doc, serveWSDL)
	}
	for _, path := range []string{"/sdk", "/sdk/vimService"} {
		mux.HandleFunc("POST "+path, func(w http.ResponseWriter, r *http.Request) { serveSOAP(svc, w, r) })
	}
	for _, pattern := range []string{"/folder/{$}", "/folder/{name}", "/folder/{name}/{rest...}"} {
		mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) { l.serveDatastore(svc, w, r) })
	}
}

// serveSOAP refuses a request vCenter would not decode, with vCenter's
// InvalidRequest fault, and hands the others to the simulator with their
// dateTimes zoned.
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
	if msg := d.checker.check(body, announcedVersion(r.Header.Get("SOAPAction"))); msg != "" {
		writeSOAPFault(w, simulator.Fault(msg, new(types.InvalidRequest)))
		return
	}
	body = d.schema.zoneDateTimes(body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	svc.ServeSDK(w, r)
}

// serveDatastore is vCenter's /folder access: it needs the cookie of a live
// SOAP session (what govc and oslo.vmware's rw_handles send) or the
// credentials as HTTP basic authentication (what a browser sends after the
// prompt). Otherwise it answers 401 Unauthorized, which glance_store's
// vsphere store reads as an expired session.
func (l *Lab) serveDatastore(svc *simulator.Service, w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("dcPath") == esxDatacenter {
		l.serveHostDatastore(svc, w, r)
		return
	}
	if !l.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Basic realm="VMware HTTP server"`)
		http.Error(w, "Unauthorized", http.StatusUnauthorized)
		return
	}
	svc.ServeDatastore(w, r)
}

func (l *Lab) authorized(r *http.Request) bool {
	if cookie, err := r.Cookie(soap.SessionCookieName); err == nil && l.sessionActive(cookie.Value) {
		return true
	}
	user, pass, ok := r.BasicAuth()
	return ok && user == l.cfg.Username && pass == l.cfg.Password
}
