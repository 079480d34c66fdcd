// Command govc is a govc built from the govmomi module this lab already uses
// (the same version as the simulator), with the commands useful for checking
// the lab independently: about, ls, find, tree, object.collect, datacenter.*,
// cluster.*, host.*, dvs.*, datastore.*, folder.*, session.*, task.*, events,
// vm.* and device.* (VMs with adapters on port groups).
//
// The upstream govc main is a separate, untagged module
// (github.com/vmware/govmomi/govc) that the Go module proxy reachable here
// does not serve; its commands live in the main module under
// github.com/vmware/govmomi/cli, so this small main registers the ones needed.
//
//	cd lab/vcsim && go build -o /tmp/govc ./cmd/govc   (or: go tool govc ...)
//	GOVC_URL=https://USER:PASS@127.0.0.1:8989/sdk GOVC_TLS_CA_CERTS=TLSDIR/ca.pem /tmp/govc about
package main

import (
	"os"
	"runtime/debug"

	"github.com/vmware/govmomi/cli"
	_ "github.com/vmware/govmomi/cli/about"
	_ "github.com/vmware/govmomi/cli/cluster"
	_ "github.com/vmware/govmomi/cli/datacenter"
	_ "github.com/vmware/govmomi/cli/datastore"
	_ "github.com/vmware/govmomi/cli/device"
	_ "github.com/vmware/govmomi/cli/dvs"
	_ "github.com/vmware/govmomi/cli/dvs/portgroup"
	_ "github.com/vmware/govmomi/cli/events"
	"github.com/vmware/govmomi/cli/flags"
	_ "github.com/vmware/govmomi/cli/folder"
	_ "github.com/vmware/govmomi/cli/host"
	_ "github.com/vmware/govmomi/cli/host/maintenance"
	_ "github.com/vmware/govmomi/cli/object"
	_ "github.com/vmware/govmomi/cli/pool"
	_ "github.com/vmware/govmomi/cli/session"
	_ "github.com/vmware/govmomi/cli/task"
	_ "github.com/vmware/govmomi/cli/version"
	_ "github.com/vmware/govmomi/cli/vm"
)

func main() {
	// Report the govmomi version it is built from (govc version, User-Agent).
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == "github.com/vmware/govmomi" {
				flags.BuildVersion = dep.Version
			}
		}
	}
	os.Exit(cli.Run(os.Args[1:]))
}
