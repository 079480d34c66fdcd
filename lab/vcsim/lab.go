package main

import (
	"crypto/tls"
	"fmt"
	"net"
	"net/url"
	"path/filepath"
	"sync"

	"github.com/vmware/govmomi/simulator"
)

// apiVersion is the vSphere API release the lab reports (about.apiVersion),
// announces in its WSDL (soapAction) and decodes requests by (strict.go).
const apiVersion = "8.0.3.0"

// Lab is a running simulator with the lab's overrides and control endpoint.
type Lab struct {
	cfg     Config
	model   *simulator.Model
	server  *simulator.Server
	control *controlServer
	faults  *faultRules
	calls   callCounter
	tickets tickets    // generic service tickets not used yet (esxhost.go)
	hostsMu sync.Mutex // serialises writes of the hosts file
}

// Start builds an empty vCenter inventory and serves it over TLS.
func Start(cfg Config) (*Lab, error) {
	if cfg.Username == "" || cfg.Password == "" {
		return nil, fmt.Errorf("username and password are required")
	}
	listenHost, _, err := net.SplitHostPort(cfg.Listen)
	if err != nil {
		return nil, fmt.Errorf("listen %q: %w", cfg.Listen, err)
	}
	cert, err := ensureCerts(cfg.TLSDir, listenHost)
	if err != nil {
		return nil, fmt.Errorf("tls: %w", err)
	}
	instance, err := instanceUUID(cfg.InstanceUUIDFile)
	if err != nil {
		return nil, fmt.Errorf("instance UUID: %w", err)
	}

	// simulator.VPX() is a vCenter; zero counts give an empty inventory
	// (what `vcsim -dc 0` does): only the root folder and the service
	// singletons exist.
	model := simulator.VPX()
	model.Datacenter = 0
	model.Host = 0
	model.Cluster = 0
	model.ClusterHost = 0
	model.Portgroup = 0
	model.Datastore = 0
	model.Machine = 0
	model.Autostart = false
	// Report a vCenter 8 (the simulator's default About says 6.5) with this
	// simulator's own instance UUID.
	about := &model.ServiceContent.About
	about.InstanceUuid = instance
	about.FullName = "VMware vCenter Server 8.0.3 build-24022515"
	about.Version = "8.0.3"
	about.Build = "24022515"
	about.ApiVersion = apiVersion
	about.LicenseProductVersion = "8.0"
	if err := model.Create(); err != nil {
		return nil, err
	}

	lab := &Lab{cfg: cfg, model: model}
	svc := model.Service
	// Hosts get local data disks for VMFS datastores (datastore_vmfs.go).
	svc.Context.Map.AddHandler(localDisks{})
	lab.faults = &faultRules{svc: svc}

	// Login succeeds only with these credentials (SessionManager.Authenticate
	// compares them with the listen URL's user info).
	svc.Listen = &url.URL{Host: cfg.Listen, User: url.UserPassword(cfg.Username, cfg.Password)}
	svc.TLS = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	svc.Context.Map.Handler = lab.countingDispatch
	// The WSDL is generated once per process, before the first client.
	if _, err := wsdlDocs(); err != nil {
		model.Remove()
		return nil, err
	}
	lab.registerHandlers(svc)

	lab.server, err = newServer(svc)
	if err != nil {
		model.Remove()
		return nil, err
	}

	if cfg.Control != "" {
		lab.control, err = startControl(cfg.Control, lab)
		if err != nil {
			lab.Close()
			return nil, err
		}
	}
	return lab, nil
}

// newServer wraps Service.NewServer, which panics when it cannot listen.
func newServer(svc *simulator.Service) (s *simulator.Server, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("listen %s: %v", svc.Listen.Host, r)
		}
	}()
	return svc.NewServer(), nil
}

// URL is the SOAP endpoint, e.g. https://127.0.0.1:8989/sdk (no user info).
func (l *Lab) URL() string {
	u := *l.server.URL
	u.User = nil
	return u.String()
}

// CAFile is the path of the CA certificate clients should trust.
func (l *Lab) CAFile() string {
	return filepath.Join(l.cfg.TLSDir, caCertFile)
}

// ControlURL is the base URL of the control endpoint, "" when disabled.
func (l *Lab) ControlURL() string {
	if l.control == nil {
		return ""
	}
	return "http://" + l.control.addr
}

// Close stops both endpoints and removes the simulator's temporary files.
func (l *Lab) Close() {
	if l.control != nil {
		l.control.close()
	}
	if l.server != nil {
		l.server.Close()
	}
	l.model.Remove()
}
