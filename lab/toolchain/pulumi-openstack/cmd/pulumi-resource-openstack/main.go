// pulumi-resource-openstack is the lab's openstack provider plugin; its schema.json is written by
// pulumi-tfgen-openstack when the lab builds it (lab/toolchain.sh), and is not kept in the repository.
package main

import (
	_ "embed"

	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"

	bridge "vsphere-openstack.lab/pulumi-openstack"
)

//go:embed schema.json
var schema []byte

func main() { tfbridge.Main("openstack", bridge.Version, bridge.Info(), schema) }
