package main

import (
	"strings"
	"testing"

	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

func TestMaintenanceModeReachesWatchers(t *testing.T) {
	e := newEnv(t)
	_, folders := e.datacenter("dc1")
	host := e.addHost(e.cluster(folders, "c1"), "esx-01.lab")
	is := func(want bool) func(any) bool { return func(v any) bool { b, ok := v.(bool); return ok && b == want } }

	if _, err := e.task(host.ExitMaintenanceMode(e.ctx, 0)); faultName(err) != "InvalidState" {
		t.Fatalf("exit when not in maintenance mode: got %s", faultName(err))
	}

	seen := e.watch(host.Reference(), "runtime.inMaintenanceMode", is(true))
	e.mustTask(host.EnterMaintenanceMode(e.ctx, 0, false, nil))
	seen()
	var hs mo.HostSystem
	e.props(host.Reference(), &hs, "summary.runtime")
	if hs.Summary.Runtime == nil || !hs.Summary.Runtime.InMaintenanceMode {
		t.Fatal("summary.runtime.inMaintenanceMode is not true")
	}
	if _, err := e.task(host.EnterMaintenanceMode(e.ctx, 0, false, nil)); faultName(err) != "InvalidState" {
		t.Fatalf("enter when in maintenance mode: got %s", faultName(err))
	}

	seen = e.watch(host.Reference(), "runtime.inMaintenanceMode", is(false))
	e.mustTask(host.ExitMaintenanceMode(e.ctx, 0))
	seen()
}

func TestReconnectHost(t *testing.T) {
	e := newEnv(t)
	_, folders := e.datacenter("dc1")
	host := e.addHost(e.cluster(folders, "c1"), "esx-01.lab")
	e.mustTask(host.Disconnect(e.ctx))

	spec := hostSpec("esx-01.lab")
	spec.SslThumbprint = strings.Repeat("00:", 19) + "00"
	_, err := e.task(host.Reconnect(e.ctx, &spec, nil))
	if f, ok := vimFault(err).(*types.SSLVerifyFault); !ok || f.Thumbprint != hostThumbprint() {
		t.Fatalf("reconnect with a wrong thumbprint: got %s (%v)", faultName(err), err)
	}

	seen := e.watch(host.Reference(), "runtime.connectionState", func(v any) bool {
		return v == types.HostSystemConnectionStateConnected
	})
	spec.SslThumbprint = hostThumbprint()
	e.mustTask(host.Reconnect(e.ctx, &spec, nil))
	seen()
}
