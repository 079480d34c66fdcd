// Package bridge is the Pulumi provider `openstack` that the lab builds for its tests beside the bridged SDK
// @pulumi/openstack: terraform-provider-openstack bridged with pulumi-terraform-bridge, both from the Go module
// proxy (pulumi-openstack's own provider module is not served there). The resources a program of the tests uses
// carry the tokens of @pulumi/openstack; every other resource and data source gets the bridge's standard token
// in the module `index`.
package bridge

import (
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge/tokens"
	shimv2 "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfshim/sdk-v2"
	pulumitokens "github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/terraform-provider-openstack/terraform-provider-openstack/v3/openstack"
)

// Version is the version of @pulumi/openstack whose SDK the tests run against this provider (the repository's dev
// dependency); the plugin is installed under it.
const Version = "3.15.2"

// sdkTokens are the Terraform resources with the token @pulumi/openstack gives them.
var sdkTokens = map[string]string{
	"openstack_compute_flavor_access_v2":   "openstack:compute/flavorAccess:FlavorAccess",
	"openstack_networking_network_v2":      "openstack:networking/network:Network",
	"openstack_networking_port_v2":         "openstack:networking/port:Port",
	"openstack_networking_subnet_route_v2": "openstack:networking/subnetRoute:SubnetRoute",
	"openstack_networking_subnet_v2":       "openstack:networking/subnet:Subnet",
}

// Info is the provider, at the version of @pulumi/openstack it serves.
func Info() tfbridge.ProviderInfo {
	info := tfbridge.ProviderInfo{
		P:                       shimv2.NewProvider(openstack.Provider()),
		Name:                    "openstack",
		Version:                 Version,
		GitHubOrg:               "terraform-provider-openstack",
		TFProviderModuleVersion: "v3",
		MetadataInfo:            tfbridge.NewProviderMetadata(nil),
		Resources:               map[string]*tfbridge.ResourceInfo{},
	}
	for tf, token := range sdkTokens {
		info.Resources[tf] = &tfbridge.ResourceInfo{Tok: pulumitokens.Type(token)}
	}
	info.MustComputeTokens(tokens.SingleModule("openstack_", "index", tokens.MakeStandard("openstack")))
	return info
}
