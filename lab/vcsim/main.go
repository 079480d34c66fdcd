// Command vcsim-lab runs govmomi's vCenter simulator (package simulator) as a
// library for the project's tests:
//
//   - an empty inventory (no datacenter, like `vcsim -dc 0`), SOAP at
//     https://HOST:PORT/sdk with TLS from a lab CA (tlscerts.go);
//   - the given username/password enforced at Login;
//   - its own about.instanceUuid, kept in -instance-uuid-file across restarts
//     (instanceuuid.go);
//   - fixes that make some methods behave like a real vCenter 8
//     (dispatch.go lists them);
//   - the vim25 WSDL at /sdk/vimService.wsdl, generated from govmomi's types
//     (wsdl.go), so that WSDL clients such as oslo.vmware work; dateTimes
//     without offset read as UTC (datetime.go); /folder needing a session
//     (http.go);
//   - a local plain-HTTP control endpoint for fault injection and session
//     expiry (control.go).
//
// Usage:
//
//	vcsim-lab -listen 127.0.0.1:8989 -tls-dir DIR -username USER -password-file FILE \
//	    -instance-uuid-file FILE -control 127.0.0.1:8990
//
// When ready it prints one line to stdout:
//
//	vcsim-lab listening on https://127.0.0.1:8989/sdk
//
// and runs until SIGTERM or SIGINT.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// Config holds the command-line settings.
type Config struct {
	Listen   string // SOAP listen address; port 0 picks a free port
	TLSDir   string // holds ca.pem, ca-key.pem, server.pem, server-key.pem
	Username string
	Password string
	Control  string // control endpoint address (loopback only); "" disables it

	// InstanceUUIDFile keeps about.instanceUuid across restarts (created when
	// missing); "" gives each start a new random UUID.
	InstanceUUIDFile string

	// StrictConfigVersion makes ReconfigureDvs_Task and
	// ReconfigureDVPortgroup_Task fail with ConcurrentAccess when the spec has
	// no configVersion (the API reference calls it required on reconfigure).
	// By default an empty configVersion is accepted and only a stale one fails.
	StrictConfigVersion bool

	// HostsFile is the lab's name table for the simulated ESXi hosts: a ticket
	// for a host's URL adds "<listen address> <host name>" (esxhost.go); ""
	// writes none.
	HostsFile string
}

func parseFlags(args []string, stderr io.Writer) (Config, error) {
	var cfg Config
	fs := flag.NewFlagSet("vcsim-lab", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.Listen, "listen", "127.0.0.1:8989", "SOAP listen address (port 0 picks a free port)")
	fs.StringVar(&cfg.TLSDir, "tls-dir", "", "directory for the lab CA and server certificate (created if missing)")
	fs.StringVar(&cfg.Username, "username", "", "the only username Login accepts")
	passwordFile := fs.String("password-file", "", "file holding the only password Login accepts (kept off the command line)")
	fs.StringVar(&cfg.InstanceUUIDFile, "instance-uuid-file", "", "file keeping the vCenter's about.instanceUuid (a random UUID is written when missing; empty: a new one each start)")
	fs.StringVar(&cfg.Control, "control", "127.0.0.1:8990", "control endpoint address, loopback only (empty disables it)")
	fs.StringVar(&cfg.HostsFile, "hosts-file", "", "file the names of hosts that tickets are issued for are written to, with this simulator's address")
	fs.BoolVar(&cfg.StrictConfigVersion, "strict-config-version", false, "reject reconfigure specs without configVersion")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if cfg.TLSDir == "" || cfg.Username == "" || *passwordFile == "" {
		return cfg, errors.New("-tls-dir, -username and -password-file are required")
	}
	password, err := os.ReadFile(*passwordFile)
	if err != nil {
		return cfg, err
	}
	if cfg.Password = strings.TrimSpace(string(password)); cfg.Password == "" {
		return cfg, fmt.Errorf("%s holds no password", *passwordFile)
	}
	return cfg, nil
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("vcsim-lab: ")

	cfg, err := parseFlags(os.Args[1:], os.Stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		log.Fatal(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	if err := run(ctx, cfg, os.Stdout); err != nil {
		log.Fatal(err)
	}
}

// run starts the lab, prints the ready line and serves until ctx is done.
func run(ctx context.Context, cfg Config, stdout io.Writer) error {
	lab, err := Start(cfg)
	if err != nil {
		return err
	}
	defer lab.Close()

	if lab.ControlURL() != "" {
		log.Printf("control endpoint on %s", lab.ControlURL())
	}
	if _, err := fmt.Fprintf(stdout, "vcsim-lab listening on %s\n", lab.URL()); err != nil {
		return err
	}

	<-ctx.Done()
	return nil
}
