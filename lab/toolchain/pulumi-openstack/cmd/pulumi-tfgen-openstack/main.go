// pulumi-tfgen-openstack writes the Pulumi schema of the lab's openstack provider (`schema --out DIR`), which the
// provider binary embeds.
package main

import (
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfgen"

	bridge "vsphere-openstack.lab/pulumi-openstack"
)

func main() { tfgen.Main("openstack", bridge.Version, bridge.Info()) }
