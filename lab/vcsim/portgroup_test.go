package main

import (
	"reflect"
	"slices"
	"testing"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

func readPortgroup(e *env, pg *object.DistributedVirtualPortgroup) mo.DistributedVirtualPortgroup {
	e.t.Helper()
	var p mo.DistributedVirtualPortgroup
	e.props(pg.Reference(), &p, "name", "config", "portKeys", "summary")
	return p
}

func portSetting(t *testing.T, cfg types.DVPortgroupConfigInfo) *types.VMwareDVSPortSetting {
	t.Helper()
	s, ok := cfg.DefaultPortConfig.(*types.VMwareDVSPortSetting)
	if !ok {
		t.Fatalf("defaultPortConfig is %T", cfg.DefaultPortConfig)
	}
	return s
}

func boolPolicy(v bool) *types.BoolPolicy { return &types.BoolPolicy{Value: types.NewBool(v)} }

func vlanSetting(vlan types.BaseVmwareDistributedVirtualSwitchVlanSpec) *types.VMwareDVSPortSetting {
	return &types.VMwareDVSPortSetting{Vlan: vlan}
}

func vlanIDSpec(id int32) *types.VmwareDistributedVirtualSwitchVlanIdSpec {
	return &types.VmwareDistributedVirtualSwitchVlanIdSpec{VlanId: id}
}

func trunkSpec(ranges ...types.NumericRange) *types.VmwareDistributedVirtualSwitchTrunkVlanSpec {
	return &types.VmwareDistributedVirtualSwitchTrunkVlanSpec{VlanId: ranges}
}

func TestReconfigureDVPortgroupMerges(t *testing.T) {
	e := newEnv(t)
	_, folders := e.datacenter("dc1")
	dvs := e.createDVS(folders, &types.VMwareDVSConfigSpec{DVSConfigSpec: types.DVSConfigSpec{Name: "dvs1"}})
	other := e.addPortgroup(dvs, types.DVPortgroupConfigSpec{Name: "other", Type: "earlyBinding", NumPorts: 1})
	pg := e.addPortgroup(dvs, types.DVPortgroupConfigSpec{
		Name:        "br-int",
		Type:        "earlyBinding",
		NumPorts:    8,
		Description: "integration bridge",
		AutoExpand:  types.NewBool(true),
		DefaultPortConfig: &types.VMwareDVSPortSetting{
			Vlan: vlanIDSpec(101),
			SecurityPolicy: &types.DVSSecurityPolicy{
				AllowPromiscuous: boolPolicy(false),
				MacChanges:       boolPolicy(true),
				ForgedTransmits:  boolPolicy(false),
			},
		},
	})
	reconfigure := func(spec types.DVPortgroupConfigSpec) error {
		_, err := e.task(pg.Reconfigure(e.ctx, spec))
		return err
	}

	p := readPortgroup(e, pg)
	if p.Config.ConfigVersion != "0" || p.Config.Type != "earlyBinding" || p.Config.NumPorts != 8 {
		t.Fatalf("new port group: configVersion %q type %q numPorts %d", p.Config.ConfigVersion, p.Config.Type, p.Config.NumPorts)
	}

	// Rename and a new VLAN; everything else stays.
	if err := reconfigure(types.DVPortgroupConfigSpec{
		ConfigVersion:     "0",
		Name:              "br-int-renamed",
		DefaultPortConfig: vlanSetting(vlanIDSpec(202)),
	}); err != nil {
		t.Fatal(err)
	}
	p = readPortgroup(e, pg)
	if p.Name != "br-int-renamed" || p.Config.Name != "br-int-renamed" || p.Summary.GetNetworkSummary().Name != "br-int-renamed" {
		t.Fatalf("name %q config.name %q summary.name %q", p.Name, p.Config.Name, p.Summary.GetNetworkSummary().Name)
	}
	if got := vlanID(t, p.Config.DefaultPortConfig); got != 202 {
		t.Fatalf("VLAN %d, want 202", got)
	}
	sp := portSetting(t, p.Config).SecurityPolicy
	if sp == nil || !*sp.MacChanges.Value || *sp.AllowPromiscuous.Value {
		t.Fatalf("security policy lost or changed: %+v", sp)
	}
	if p.Config.Description != "integration bridge" || p.Config.NumPorts != 8 || p.Config.Type != "earlyBinding" ||
		p.Config.AutoExpand == nil || !*p.Config.AutoExpand {
		t.Fatalf("omitted fields changed: %+v", p.Config)
	}
	if p.Config.ConfigVersion != "1" {
		t.Fatalf("configVersion %q, want 1", p.Config.ConfigVersion)
	}
	var s mo.DistributedVirtualSwitch
	e.props(dvs.Reference(), &s, "summary.portgroupName")
	names := s.Summary.PortgroupName
	if !slices.Contains(names, "br-int-renamed") || slices.Contains(names, "br-int") {
		t.Fatalf("switch summary.portgroupName %v", names)
	}
	found, err := object.NewSearchIndex(e.c).FindByInventoryPath(e.ctx, "/dc1/network/br-int-renamed")
	if err != nil || found == nil || found.Reference() != pg.Reference() {
		t.Fatalf("inventory path of the renamed port group: %v %v", found, err)
	}

	// One security policy: the others and the VLAN stay.
	if err := reconfigure(types.DVPortgroupConfigSpec{
		ConfigVersion: "1",
		DefaultPortConfig: &types.VMwareDVSPortSetting{
			SecurityPolicy: &types.DVSSecurityPolicy{ForgedTransmits: boolPolicy(true)},
		},
	}); err != nil {
		t.Fatal(err)
	}
	p = readPortgroup(e, pg)
	sp = portSetting(t, p.Config).SecurityPolicy
	if !*sp.ForgedTransmits.Value || !*sp.MacChanges.Value || *sp.AllowPromiscuous.Value {
		t.Fatalf("security policy after a forgedTransmits change: %+v %+v %+v", sp.ForgedTransmits, sp.MacChanges, sp.AllowPromiscuous)
	}
	if got := vlanID(t, p.Config.DefaultPortConfig); got != 202 {
		t.Fatalf("VLAN %d after a security change, want 202", got)
	}

	// numPorts, type, policy, description.
	if err := reconfigure(types.DVPortgroupConfigSpec{
		ConfigVersion: "2",
		NumPorts:      16,
		Type:          "ephemeral",
		Description:   "now ephemeral",
		Policy: &types.VMwareDVSPortgroupPolicy{
			DVPortgroupPolicy:   types.DVPortgroupPolicy{BlockOverrideAllowed: true},
			VlanOverrideAllowed: true,
		},
	}); err != nil {
		t.Fatal(err)
	}
	p = readPortgroup(e, pg)
	policy, ok := p.Config.Policy.(*types.VMwareDVSPortgroupPolicy)
	if p.Config.NumPorts != 16 || len(p.PortKeys) != 16 || p.Config.Type != "ephemeral" || p.Config.Description != "now ephemeral" ||
		!ok || !policy.VlanOverrideAllowed {
		t.Fatalf("numPorts %d portKeys %d type %q description %q policy %+v",
			p.Config.NumPorts, len(p.PortKeys), p.Config.Type, p.Config.Description, p.Config.Policy)
	}
	if p.Config.ConfigVersion != "3" {
		t.Fatalf("configVersion %q, want 3", p.Config.ConfigVersion)
	}

	// VLAN id to trunk.
	if err := reconfigure(types.DVPortgroupConfigSpec{
		ConfigVersion:     "3",
		DefaultPortConfig: vlanSetting(trunkSpec(types.NumericRange{Start: 100, End: 200}, types.NumericRange{Start: 300, End: 310})),
	}); err != nil {
		t.Fatal(err)
	}
	p = readPortgroup(e, pg)
	trunk, ok := portSetting(t, p.Config).Vlan.(*types.VmwareDistributedVirtualSwitchTrunkVlanSpec)
	if !ok || !reflect.DeepEqual(trunk.VlanId, []types.NumericRange{{Start: 100, End: 200}, {Start: 300, End: 310}}) {
		t.Fatalf("trunk %+v", portSetting(t, p.Config).Vlan)
	}

	// Failures change nothing.
	for _, tc := range []struct {
		name  string
		spec  types.DVPortgroupConfigSpec
		fault string
		prop  string
	}{
		{"stale configVersion", types.DVPortgroupConfigSpec{ConfigVersion: "3", Description: "x"}, "ConcurrentAccess", ""},
		{"VLAN 4095", types.DVPortgroupConfigSpec{DefaultPortConfig: vlanSetting(vlanIDSpec(4095))}, "InvalidArgument", "spec.defaultPortConfig.vlan.vlanId"},
		{"VLAN -1", types.DVPortgroupConfigSpec{DefaultPortConfig: vlanSetting(vlanIDSpec(-1))}, "InvalidArgument", "spec.defaultPortConfig.vlan.vlanId"},
		{"trunk start > end", types.DVPortgroupConfigSpec{DefaultPortConfig: vlanSetting(trunkSpec(types.NumericRange{Start: 20, End: 10}))}, "InvalidArgument", "spec.defaultPortConfig.vlan.vlanId"},
		{"trunk end 4095", types.DVPortgroupConfigSpec{DefaultPortConfig: vlanSetting(trunkSpec(types.NumericRange{Start: 0, End: 4095}))}, "InvalidArgument", "spec.defaultPortConfig.vlan.vlanId"},
		{"lateBinding", types.DVPortgroupConfigSpec{Type: "lateBinding"}, "InvalidArgument", "spec.type"},
		{"negative numPorts", types.DVPortgroupConfigSpec{NumPorts: -1}, "InvalidArgument", "spec.numPorts"},
		{"duplicate name", types.DVPortgroupConfigSpec{Name: "other"}, "DuplicateName", ""},
	} {
		err := reconfigure(tc.spec)
		if got := faultName(err); got != tc.fault {
			t.Fatalf("%s: got %s, want %s", tc.name, got, tc.fault)
		}
		switch f := vimFault(err).(type) {
		case *types.InvalidArgument:
			if f.InvalidProperty != tc.prop {
				t.Fatalf("%s: invalidProperty %q, want %q", tc.name, f.InvalidProperty, tc.prop)
			}
		case *types.DuplicateName:
			if f.Name != "other" || f.Object != other.Reference() {
				t.Fatalf("%s: %+v", tc.name, f)
			}
		}
		if q := readPortgroup(e, pg); q.Config.ConfigVersion != "4" || q.Config.Description != "now ephemeral" || q.Name != "br-int-renamed" {
			t.Fatalf("%s changed the port group: %+v", tc.name, q.Config)
		}
	}
}

func TestAddDVPortgroupValidation(t *testing.T) {
	e := newEnv(t)
	_, folders := e.datacenter("dc1")
	dvs := e.createDVS(folders, &types.VMwareDVSConfigSpec{DVSConfigSpec: types.DVSConfigSpec{Name: "dvs1"}})

	for _, tc := range []struct {
		name string
		spec types.DVPortgroupConfigSpec
		prop string
	}{
		{"VLAN 4095", types.DVPortgroupConfigSpec{Name: "a", DefaultPortConfig: vlanSetting(vlanIDSpec(4095))}, "spec[0].defaultPortConfig.vlan.vlanId"},
		{"VLAN 5000", types.DVPortgroupConfigSpec{Name: "a", DefaultPortConfig: vlanSetting(vlanIDSpec(5000))}, "spec[0].defaultPortConfig.vlan.vlanId"},
		{"trunk start > end", types.DVPortgroupConfigSpec{Name: "a", DefaultPortConfig: vlanSetting(trunkSpec(types.NumericRange{Start: 200, End: 100}))}, "spec[0].defaultPortConfig.vlan.vlanId"},
		{"trunk negative", types.DVPortgroupConfigSpec{Name: "a", DefaultPortConfig: vlanSetting(trunkSpec(types.NumericRange{Start: -1, End: 100}))}, "spec[0].defaultPortConfig.vlan.vlanId"},
		{"unknown type", types.DVPortgroupConfigSpec{Name: "a", Type: "myBinding"}, "spec[0].type"},
		{"negative numPorts", types.DVPortgroupConfigSpec{Name: "a", NumPorts: -15}, "spec[0].numPorts"},
		{"no name", types.DVPortgroupConfigSpec{Type: "earlyBinding"}, "spec[0].name"},
	} {
		_, err := e.task(dvs.AddPortgroup(e.ctx, []types.DVPortgroupConfigSpec{tc.spec}))
		f, ok := vimFault(err).(*types.InvalidArgument)
		if !ok || f.InvalidProperty != tc.prop {
			t.Fatalf("%s: got %s %+v, want InvalidArgument on %s", tc.name, faultName(err), vimFault(err), tc.prop)
		}
	}
	var s mo.DistributedVirtualSwitch
	e.props(dvs.Reference(), &s, "portgroup")
	if len(s.Portgroup) != 1 {
		t.Fatalf("port groups %v after failed adds, want only the uplink port group", s.Portgroup)
	}

	// The limits themselves are fine; no type means earlyBinding.
	for i, vlan := range []types.BaseVmwareDistributedVirtualSwitchVlanSpec{
		vlanIDSpec(0), vlanIDSpec(4094), trunkSpec(types.NumericRange{Start: 0, End: 4094}),
	} {
		pg := e.addPortgroup(dvs, types.DVPortgroupConfigSpec{Name: "ok-" + string(rune('a'+i)), DefaultPortConfig: vlanSetting(vlan)})
		if p := readPortgroup(e, pg); p.Config.Type != "earlyBinding" || p.Config.ConfigVersion != "0" {
			t.Fatalf("type %q configVersion %q", p.Config.Type, p.Config.ConfigVersion)
		}
	}
}

func TestMergePortSetting(t *testing.T) {
	old := &types.VMwareDVSPortSetting{
		Vlan:           vlanIDSpec(7),
		SecurityPolicy: &types.DVSSecurityPolicy{AllowPromiscuous: boolPolicy(false), MacChanges: boolPolicy(false)},
		DVPortSetting:  types.DVPortSetting{Blocked: boolPolicy(false)},
	}
	spec := &types.VMwareDVSPortSetting{
		SecurityPolicy: &types.DVSSecurityPolicy{MacChanges: boolPolicy(true)},
		DVPortSetting:  types.DVPortSetting{Blocked: boolPolicy(true)},
	}
	merged := mergePortSetting(old, spec).(*types.VMwareDVSPortSetting)
	if merged.Vlan.(*types.VmwareDistributedVirtualSwitchVlanIdSpec).VlanId != 7 ||
		*merged.SecurityPolicy.AllowPromiscuous.Value || !*merged.SecurityPolicy.MacChanges.Value || !*merged.Blocked.Value {
		t.Fatalf("merged %+v", merged)
	}
	// The inputs are not modified.
	if *old.SecurityPolicy.MacChanges.Value || *old.Blocked.Value || spec.Vlan != nil {
		t.Fatal("merge modified its inputs")
	}
	// A setting of another type replaces the old one.
	base := &types.DVPortSetting{Blocked: boolPolicy(true)}
	if got := mergePortSetting(old, base); got != types.BaseDVPortSetting(base) {
		t.Fatalf("base setting over a VMware setting: %+v", got)
	}
}

func TestDestroyDVPortgroupLeavesNoReferences(t *testing.T) {
	n := newNetworkEnv(t)
	e, dvs := n.env, n.dvs
	pg := e.addPortgroup(dvs, types.DVPortgroupConfigSpec{Name: "pg-a", Type: "earlyBinding", NumPorts: 8})
	keep := e.addPortgroup(dvs, types.DVPortgroupConfigSpec{Name: "pg-b", Type: "earlyBinding"})
	ref := pg.Reference()

	e.mustTask(pg.Destroy(e.ctx))

	if e.exists(ref) {
		t.Fatalf("%v still exists", ref)
	}
	var s mo.DistributedVirtualSwitch
	e.props(dvs.Reference(), &s, "portgroup", "summary.portgroupName")
	if refsContain(s.Portgroup, ref) || slices.Contains(s.Summary.PortgroupName, "pg-a") ||
		!refsContain(s.Portgroup, keep.Reference()) || !slices.Contains(s.Summary.PortgroupName, "pg-b") {
		t.Fatalf("switch portgroup %v summary.portgroupName %v", s.Portgroup, s.Summary.PortgroupName)
	}
	for what, list := range n.lists() {
		if refsContain(list, ref) || !refsContain(list, keep.Reference()) {
			t.Fatalf("%s lists %v, want %v and not %v", what, list, keep.Reference(), ref)
		}
	}
}
