package main

import (
	"slices"
	"strconv"
	"strings"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// The product version of VMware distributed switches (summary.productInfo,
// config.productInfo) and its upgrade, PerformDvsProductSpecOperation_Task,
// which the simulator does not have (MethodNotFound). The simulator keeps the
// create spec's productInfo as it comes (empty when a client sends one without
// a version, as govc does) and never fills in config.productInfo.

// dvsVersions are the switch versions vCenter 8.0 U3 creates and upgrades to
// (QueryAvailableDvsSpec); switches of 6.x are not supported by vCenter 8.
var dvsVersions = []string{"7.0.0", "7.0.2", "7.0.3", "8.0.0", "8.0.3"}

// newestDVSVersion is what vCenter creates when the spec names no version.
const newestDVSVersion = "8.0.3"

// dvsProduct returns the product spec vCenter records for a switch of the
// given version ("" for the newest), or nil when vCenter does not support it.
func dvsProduct(ctx *simulator.Context, version string) *types.DistributedVirtualSwitchProductSpec {
	if version == "" {
		version = newestDVSVersion
	}
	if !slices.Contains(dvsVersions, version) {
		return nil
	}
	return &types.DistributedVirtualSwitchProductSpec{
		Name:            "DVS",
		Vendor:          "VMware, Inc.",
		Version:         version,
		Build:           about(ctx).Build,
		ForwardingClass: "etherswitch",
	}
}

// about is the server's AboutInfo.
func about(ctx *simulator.Context) types.AboutInfo {
	return ctx.Map.Get(vim25.ServiceInstance).(*simulator.ServiceInstance).Content.About
}

// compareVersions compares dot-separated numeric versions like "7.0.3".
func compareVersions(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < max(len(pa), len(pb)); i++ {
		var x, y int
		if i < len(pa) {
			x, _ = strconv.Atoi(pa[i])
		}
		if i < len(pb) {
			y, _ = strconv.Atoi(pb[i])
		}
		if x != y {
			return x - y
		}
	}
	return 0
}

// setProduct records the switch's product spec in cfg (config.productInfo) and
// returns the change of summary.productInfo.
func setProduct(cfg *types.VMwareDVSConfigInfo, product *types.DistributedVirtualSwitchProductSpec) types.PropertyChange {
	summaryProduct := *product
	cfg.ProductInfo = *product
	return change("summary.productInfo", &summaryProduct)
}

// PerformDvsProductSpecOperationTask models vCenter upgrading a VMware
// distributed switch in place: only the "upgrade" operation is valid for a
// VMware switch (others: NotSupported); productSpec.version must be one
// vCenter offers and not lower than the switch's (a switch cannot be
// downgraded): InvalidArgument on productSpec.version otherwise. The new
// version shows in summary.productInfo and config.productInfo, and
// configVersion goes up. Upgrading to the version the switch has changes
// nothing.
func (s *dvsOverride) PerformDvsProductSpecOperationTask(ctx *simulator.Context, req *types.PerformDvsProductSpecOperation_Task) soap.HasFault {
	dvs := s.DistributedVirtualSwitch
	ref := runTask(ctx, dvs, "performDvsProductSpecOperation", func() types.BaseMethodFault {
		if req.Operation != string(types.DistributedVirtualSwitchProductSpecOperationTypeUpgrade) {
			return &types.NotSupported{}
		}
		if req.ProductSpec == nil {
			return invalidArgument("productSpec")
		}
		product := dvsProduct(ctx, req.ProductSpec.Version)
		old := vmwareConfig(dvs)
		if product == nil || req.ProductSpec.Version == "" || compareVersions(product.Version, old.ProductInfo.Version) < 0 {
			return invalidArgument("productSpec.version")
		}
		if product.Version == old.ProductInfo.Version {
			return nil
		}
		cfg := *old
		productChange := setProduct(&cfg, product)
		cfg.ConfigVersion = nextVersion(old.ConfigVersion)
		ctx.Update(dvs, []types.PropertyChange{change("config", &cfg), productChange})
		return nil
	})
	return &methods.PerformDvsProductSpecOperation_TaskBody{
		Res: &types.PerformDvsProductSpecOperation_TaskResponse{Returnval: ref},
	}
}
