package main

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/google/uuid"
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// Transfers through an ESXi host, as vCenter hands them out
//
// nova-compute uploads an image to a datastore through one of the hosts that
// mount it, not through vCenter: it asks vCenter for a ticket
// (SessionManager.AcquireGenericServiceTicket with an HttpServiceRequestSpec
// for https://<host name>/folder/<path>?dcPath=ha-datacenter&dsName=<name>),
// then sends the request to the host with the cookie
// vmware_cgi_ticket=<ticket>. The simulator issues a ticket that nothing
// accepts, and its hosts have names nothing resolves.
//
// The lab's simulated hosts are served by the simulator itself: a ticket is
// one-time and good for its method and URL only; a /folder request with
// dcPath=ha-datacenter is a host's (the Host header names it), needs such a
// ticket, and reaches the datastore of that name the host mounts. So that
// clients find the host, each ticket for a host's URL writes the host's name
// with this simulator's address into the hosts file (-hosts-file), the lab's
// name table for hosts that exist only in a simulator.

// esxDatacenter is the dcPath of a transfer through a host: an ESXi host's
// only datacenter.
const esxDatacenter = "ha-datacenter"

// cgiTicketCookie is the cookie that carries a generic service ticket.
const cgiTicketCookie = "vmware_cgi_ticket"

// ticket is what a generic service ticket allows: one request.
type ticket struct {
	method string
	host   string // the URL's host name
	path   string
}

// tickets are the issued tickets not used yet.
type tickets struct {
	mu     sync.Mutex
	issued map[string]ticket
}

func (t *tickets) issue(tk ticket) string {
	id := uuid.New().String()
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.issued == nil {
		t.issued = map[string]ticket{}
	}
	t.issued[id] = tk
	return id
}

// use spends the ticket id on a request; false when it was never issued, is
// spent or was issued for another request.
func (t *tickets) use(id string, r *http.Request) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	tk, ok := t.issued[id]
	if !ok || tk.method != r.Method || !strings.EqualFold(tk.host, requestHost(r)) || tk.path != r.URL.Path {
		return false
	}
	delete(t.issued, id)
	return true
}

func requestHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.Host)
	if err != nil {
		host = r.Host
	}
	return host
}

type sessionManagerOverride struct {
	*simulator.SessionManager
	lab *Lab
}

// AcquireGenericServiceTicket issues a one-time ticket for the spec's method
// and URL. A URL of one of the inventory's hosts makes the host's name
// resolvable in the lab (the hosts file).
func (s *sessionManagerOverride) AcquireGenericServiceTicket(ctx *simulator.Context, req *types.AcquireGenericServiceTicket) soap.HasFault {
	body := &methods.AcquireGenericServiceTicketBody{}
	spec, ok := req.Spec.(*types.SessionManagerHttpServiceRequestSpec)
	if !ok {
		body.Fault_ = argumentFault("spec", "only an HttpServiceRequestSpec is supported")
		return body
	}
	u, err := url.Parse(spec.Url)
	if err != nil || u.Hostname() == "" {
		body.Fault_ = argumentFault("spec.url", "not an absolute URL: "+spec.Url)
		return body
	}
	// The enum's values (httpPut) or the HTTP method (PUT, what oslo.vmware sends).
	method := strings.TrimPrefix(strings.ToUpper(spec.Method), "HTTP")
	if hostNamed(ctx, u.Hostname()) != nil {
		if err := s.lab.publishHost(u.Hostname()); err != nil {
			body.Fault_ = simulator.Fault("hosts file: "+err.Error(), new(types.SystemError))
			return body
		}
	}
	id := s.lab.tickets.issue(ticket{method: method, host: u.Hostname(), path: u.Path})
	body.Res = &types.AcquireGenericServiceTicketResponse{
		Returnval: types.SessionManagerGenericServiceTicket{Id: id, HostName: u.Hostname()},
	}
	return body
}

// publishHost adds "<address> <name>" to the hosts file, once per name.
func (l *Lab) publishHost(name string) error {
	if l.cfg.HostsFile == "" {
		return nil
	}
	l.hostsMu.Lock()
	defer l.hostsMu.Unlock()
	addr, _, err := net.SplitHostPort(l.cfg.Listen)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(l.cfg.HostsFile)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	entry := addr + " " + name
	if slices.Contains(lines, entry) {
		return nil
	}
	lines = append(slices.DeleteFunc(lines, func(s string) bool { return s == "" }), entry)
	tmp := l.cfg.HostsFile + ".tmp"
	if err := os.WriteFile(tmp, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, l.cfg.HostsFile)
}

// serveHostDatastore is an ESXi host's /folder: the ticket of the request,
// then the datastore of that name the host (the Host header) mounts.
func (l *Lab) serveHostDatastore(svc *simulator.Service, w http.ResponseWriter, r *http.Request) {
	cookie, err := r.Cookie(cgiTicketCookie)
	if err != nil || !l.tickets.use(cookie.Value, r) {
		http.Error(w, "Unauthorized", http.StatusUnauthorized)
		return
	}
	ctx := &simulator.Context{Context: context.Background(), Map: l.model.Map()}
	host, ok := hostNamed(ctx, requestHost(r)).(*simulator.HostSystem)
	if !ok {
		http.Error(w, "Not Found", http.StatusNotFound)
		return
	}
	query := r.URL.Query()
	for _, ref := range host.Datastore {
		ds, ok := ctx.Map.Get(ref).(*simulator.Datastore)
		if !ok || ds.Name != query.Get("dsName") {
			continue
		}
		dc := datacenterOf(ctx, ds)
		if dc == nil {
			break
		}
		query.Set("dcPath", inventoryPath(ctx, dc))
		r.URL.RawQuery = query.Encode()
		svc.ServeDatastore(w, r)
		return
	}
	http.Error(w, "Not Found", http.StatusNotFound)
}

// inventoryPath is the path of e from the root folder, e.g. "/dcs/dc1".
func inventoryPath(ctx *simulator.Context, e mo.Entity) string {
	var names []string
	for cur := e; cur != nil && cur.Entity().Parent != nil; {
		names = append([]string{cur.Entity().Name}, names...)
		parent, _ := ctx.Map.Get(*cur.Entity().Parent).(mo.Entity)
		cur = parent
	}
	return "/" + strings.Join(names, "/")
}
