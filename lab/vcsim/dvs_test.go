package main

import (
	"reflect"
	"testing"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

func readDVS(e *env, dvs *object.DistributedVirtualSwitch) (mo.DistributedVirtualSwitch, *types.VMwareDVSConfigInfo) {
	e.t.Helper()
	var s mo.DistributedVirtualSwitch
	e.props(dvs.Reference(), &s, "name", "config", "summary", "portgroup")
	cfg, ok := s.Config.(*types.VMwareDVSConfigInfo)
	if !ok {
		e.t.Fatalf("config is %T, want *types.VMwareDVSConfigInfo", s.Config)
	}
	return s, cfg
}

func uplinkNames(cfg *types.VMwareDVSConfigInfo) []string {
	if p, ok := cfg.UplinkPortPolicy.(*types.DVSNameArrayUplinkPortPolicy); ok {
		return p.UplinkPortName
	}
	return nil
}

func vlanID(t *testing.T, setting types.BaseDVPortSetting) int32 {
	t.Helper()
	s, ok := setting.(*types.VMwareDVSPortSetting)
	if !ok {
		t.Fatalf("port setting is %T", setting)
	}
	v, ok := s.Vlan.(*types.VmwareDistributedVirtualSwitchVlanIdSpec)
	if !ok {
		t.Fatalf("vlan is %T, want a VLAN id spec", s.Vlan)
	}
	return v.VlanId
}

func TestCreateDVSAppliesSettings(t *testing.T) {
	e := newEnv(t)
	_, folders := e.datacenter("dc1")
	cluster := e.cluster(folders, "c1")
	h1 := e.addHost(cluster, "esx-01.lab")

	dvs := e.createDVS(folders, &types.VMwareDVSConfigSpec{
		DVSConfigSpec: types.DVSConfigSpec{
			Name:               "dvs1",
			Description:        "IaC test switch",
			NumStandalonePorts: 4,
			UplinkPortPolicy:   &types.DVSNameArrayUplinkPortPolicy{UplinkPortName: []string{"uplink1", "uplink2"}},
			Contact:            &types.DVSContactInfo{Name: "netops", Contact: "netops@lab.invalid"},
			DefaultPortConfig: &types.VMwareDVSPortSetting{
				Vlan: &types.VmwareDistributedVirtualSwitchVlanIdSpec{VlanId: 10},
			},
			Host: []types.DistributedVirtualSwitchHostMemberConfigSpec{{
				Operation: string(types.ConfigSpecOperationAdd),
				Host:      h1.Reference(),
				Backing: &types.DistributedVirtualSwitchHostMemberPnicBacking{
					PnicSpec: []types.DistributedVirtualSwitchHostMemberPnicSpec{{PnicDevice: "vmnic1"}},
				},
			}},
		},
		MaxMtu: 9000,
		LinkDiscoveryProtocolConfig: &types.LinkDiscoveryProtocolConfig{
			Protocol: "lldp", Operation: "both",
		},
	})

	s, cfg := readDVS(e, dvs)
	if s.Name != "dvs1" || cfg.Name != "dvs1" {
		t.Fatalf("name %q / config.name %q", s.Name, cfg.Name)
	}
	if cfg.MaxMtu != 9000 {
		t.Fatalf("maxMtu %d, want 9000", cfg.MaxMtu)
	}
	if cfg.Description != "IaC test switch" || cfg.NumStandalonePorts != 4 {
		t.Fatalf("description %q numStandalonePorts %d", cfg.Description, cfg.NumStandalonePorts)
	}
	if got := uplinkNames(cfg); !reflect.DeepEqual(got, []string{"uplink1", "uplink2"}) {
		t.Fatalf("uplink names %v", got)
	}
	if l := cfg.LinkDiscoveryProtocolConfig; l == nil || l.Protocol != "lldp" || l.Operation != "both" {
		t.Fatalf("linkDiscoveryProtocolConfig %+v", l)
	}
	if cfg.Contact.Name != "netops" || cfg.Contact.Contact != "netops@lab.invalid" {
		t.Fatalf("contact %+v", cfg.Contact)
	}
	if got := vlanID(t, cfg.DefaultPortConfig); got != 10 {
		t.Fatalf("default VLAN %d, want 10", got)
	}
	if cfg.ConfigVersion != "0" {
		t.Fatalf("configVersion %q, want 0", cfg.ConfigVersion)
	}
	if !reflect.DeepEqual(s.Summary.HostMember, []types.ManagedObjectReference{h1.Reference()}) {
		t.Fatalf("summary.hostMember %v, want [%v]", s.Summary.HostMember, h1.Reference())
	}
	if len(cfg.Host) != 1 || *cfg.Host[0].Config.Host != h1.Reference() {
		t.Fatalf("config.host %+v", cfg.Host)
	}
	backing, ok := cfg.Host[0].Config.Backing.(*types.DistributedVirtualSwitchHostMemberPnicBacking)
	if !ok || len(backing.PnicSpec) != 1 || backing.PnicSpec[0].PnicDevice != "vmnic1" {
		t.Fatalf("host backing %+v", cfg.Host[0].Config.Backing)
	}
	if len(cfg.UplinkPortgroup) != 1 || !refsContain(s.Portgroup, cfg.UplinkPortgroup[0]) {
		t.Fatalf("uplinkPortgroup %v, portgroups %v", cfg.UplinkPortgroup, s.Portgroup)
	}
	var uplink mo.DistributedVirtualPortgroup
	e.props(cfg.UplinkPortgroup[0], &uplink, "config")
	if uplink.Config.Uplink == nil || !*uplink.Config.Uplink {
		t.Fatal("uplink port group not marked uplink")
	}

	// What vCenter fills in when the spec leaves it out.
	dvs2 := e.createDVS(folders, &types.VMwareDVSConfigSpec{DVSConfigSpec: types.DVSConfigSpec{Name: "dvs2"}})
	_, cfg2 := readDVS(e, dvs2)
	if cfg2.MaxMtu != 1500 {
		t.Fatalf("default maxMtu %d, want 1500", cfg2.MaxMtu)
	}
	if l := cfg2.LinkDiscoveryProtocolConfig; l == nil || l.Protocol != "cdp" || l.Operation != "listen" {
		t.Fatalf("default linkDiscoveryProtocolConfig %+v", l)
	}
	if got := vlanID(t, cfg2.DefaultPortConfig); got != 0 {
		t.Fatalf("default VLAN %d, want 0", got)
	}
}

func TestCreateDVSDuplicateName(t *testing.T) {
	e := newEnv(t)
	_, folders := e.datacenter("dc1")
	dvs := e.createDVS(folders, &types.VMwareDVSConfigSpec{DVSConfigSpec: types.DVSConfigSpec{Name: "dvs1"}})

	_, err := e.task(folders.NetworkFolder.CreateDVS(e.ctx, types.DVSCreateSpec{
		ConfigSpec: &types.VMwareDVSConfigSpec{DVSConfigSpec: types.DVSConfigSpec{Name: "dvs1"}},
	}))
	f, ok := vimFault(err).(*types.DuplicateName)
	if !ok {
		t.Fatalf("duplicate switch: got %s, want DuplicateName", faultName(err))
	}
	if f.Name != "dvs1" || f.Object != dvs.Reference() {
		t.Fatalf("DuplicateName{%q, %v}, want dvs1 and %v", f.Name, f.Object, dvs.Reference())
	}
}

func TestCreateDVSInvalidVlan(t *testing.T) {
	e := newEnv(t)
	_, folders := e.datacenter("dc1")
	_, err := e.task(folders.NetworkFolder.CreateDVS(e.ctx, types.DVSCreateSpec{
		ConfigSpec: &types.VMwareDVSConfigSpec{DVSConfigSpec: types.DVSConfigSpec{
			Name: "dvs1",
			DefaultPortConfig: &types.VMwareDVSPortSetting{
				Vlan: &types.VmwareDistributedVirtualSwitchVlanIdSpec{VlanId: 4095},
			},
		}},
	}))
	f, ok := vimFault(err).(*types.InvalidArgument)
	if !ok || f.InvalidProperty != "spec.configSpec.defaultPortConfig.vlan.vlanId" {
		t.Fatalf("got %s %+v, want InvalidArgument on spec.configSpec.defaultPortConfig.vlan.vlanId", faultName(err), vimFault(err))
	}
	var nf mo.Folder
	e.props(folders.NetworkFolder.Reference(), &nf, "childEntity")
	for _, ref := range nf.ChildEntity {
		if ref.Type == "DistributedVirtualSwitch" {
			t.Fatalf("switch %v created despite the fault", ref)
		}
	}
}

func TestReconfigureDvs(t *testing.T) {
	e := newEnv(t)
	_, folders := e.datacenter("dc1")
	cluster := e.cluster(folders, "c1")
	h1 := e.addHost(cluster, "esx-01.lab")
	dvs := e.createDVS(folders, &types.VMwareDVSConfigSpec{
		DVSConfigSpec: types.DVSConfigSpec{
			Name:               "dvs1",
			NumStandalonePorts: 4,
			Contact:            &types.DVSContactInfo{Name: "netops"},
			UplinkPortPolicy:   &types.DVSNameArrayUplinkPortPolicy{UplinkPortName: []string{"uplink1"}},
		},
		MaxMtu: 9000,
	})
	e.createDVS(folders, &types.VMwareDVSConfigSpec{DVSConfigSpec: types.DVSConfigSpec{Name: "other"}})

	reconfigure := func(spec types.BaseDVSConfigSpec) error {
		_, err := e.task(dvs.Reconfigure(e.ctx, spec))
		return err
	}

	// Settings are applied, the rest is kept, configVersion goes up.
	if err := reconfigure(&types.VMwareDVSConfigSpec{
		DVSConfigSpec: types.DVSConfigSpec{
			ConfigVersion:    "0",
			Name:             "dvs1-renamed",
			Description:      "renamed switch",
			UplinkPortPolicy: &types.DVSNameArrayUplinkPortPolicy{UplinkPortName: []string{"u1", "u2", "u3", "u4"}},
		},
		MaxMtu:                      1600,
		LinkDiscoveryProtocolConfig: &types.LinkDiscoveryProtocolConfig{Protocol: "cdp", Operation: "advertise"},
	}); err != nil {
		t.Fatal(err)
	}
	s, cfg := readDVS(e, dvs)
	if s.Name != "dvs1-renamed" || cfg.Name != "dvs1-renamed" || s.Summary.Name != "dvs1-renamed" {
		t.Fatalf("name %q config.name %q summary.name %q", s.Name, cfg.Name, s.Summary.Name)
	}
	if found, err := object.NewSearchIndex(e.c).FindByInventoryPath(e.ctx, "/dc1/network/dvs1-renamed"); err != nil || found == nil || found.Reference() != dvs.Reference() {
		t.Fatalf("inventory path of the renamed switch: %v %v", found, err)
	}
	if cfg.MaxMtu != 1600 || cfg.Description != "renamed switch" || s.Summary.Description != "renamed switch" {
		t.Fatalf("maxMtu %d description %q summary.description %q", cfg.MaxMtu, cfg.Description, s.Summary.Description)
	}
	if got := uplinkNames(cfg); !reflect.DeepEqual(got, []string{"u1", "u2", "u3", "u4"}) {
		t.Fatalf("uplink names %v", got)
	}
	if l := cfg.LinkDiscoveryProtocolConfig; l.Protocol != "cdp" || l.Operation != "advertise" {
		t.Fatalf("linkDiscoveryProtocolConfig %+v", l)
	}
	if cfg.NumStandalonePorts != 4 || cfg.Contact.Name != "netops" {
		t.Fatalf("unchanged fields lost: numStandalonePorts %d contact %+v", cfg.NumStandalonePorts, cfg.Contact)
	}
	if cfg.ConfigVersion != "1" {
		t.Fatalf("configVersion %q, want 1", cfg.ConfigVersion)
	}

	// A stale configVersion fails as on vCenter and changes nothing.
	err := reconfigure(&types.VMwareDVSConfigSpec{DVSConfigSpec: types.DVSConfigSpec{ConfigVersion: "0"}, MaxMtu: 1500})
	if got := faultName(err); got != "ConcurrentAccess" {
		t.Fatalf("stale configVersion: got %s, want ConcurrentAccess", got)
	}
	if _, cfg = readDVS(e, dvs); cfg.MaxMtu != 1600 || cfg.ConfigVersion != "1" {
		t.Fatalf("after failed reconfigure: maxMtu %d configVersion %q", cfg.MaxMtu, cfg.ConfigVersion)
	}

	// Without configVersion the lab accepts the spec (see -strict-config-version).
	if err := reconfigure(&types.VMwareDVSConfigSpec{MaxMtu: 1700}); err != nil {
		t.Fatal(err)
	}
	if _, cfg = readDVS(e, dvs); cfg.MaxMtu != 1700 || cfg.ConfigVersion != "2" {
		t.Fatalf("maxMtu %d configVersion %q, want 1700 and 2", cfg.MaxMtu, cfg.ConfigVersion)
	}

	// Host membership keeps working, together with settings in the same spec.
	if err := reconfigure(&types.VMwareDVSConfigSpec{
		DVSConfigSpec: types.DVSConfigSpec{
			ConfigVersion: "2",
			Host: []types.DistributedVirtualSwitchHostMemberConfigSpec{{
				Operation: "add",
				Host:      h1.Reference(),
				Backing: &types.DistributedVirtualSwitchHostMemberPnicBacking{
					PnicSpec: []types.DistributedVirtualSwitchHostMemberPnicSpec{{PnicDevice: "vmnic2"}},
				},
			}},
		},
		MaxMtu: 9000,
	}); err != nil {
		t.Fatal(err)
	}
	s, cfg = readDVS(e, dvs)
	if !refsContain(s.Summary.HostMember, h1.Reference()) || len(cfg.Host) != 1 || *cfg.Host[0].Config.Host != h1.Reference() {
		t.Fatalf("host not added: summary.hostMember %v config.host %+v", s.Summary.HostMember, cfg.Host)
	}
	if cfg.MaxMtu != 9000 || cfg.ConfigVersion != "3" {
		t.Fatalf("maxMtu %d configVersion %q, want 9000 and 3", cfg.MaxMtu, cfg.ConfigVersion)
	}
	// Adding it again: the simulator's AlreadyExists.
	err = reconfigure(&types.DVSConfigSpec{Host: []types.DistributedVirtualSwitchHostMemberConfigSpec{{Operation: "add", Host: h1.Reference()}}})
	if got := faultName(err); got != "AlreadyExists" {
		t.Fatalf("adding a member again: got %s, want AlreadyExists", got)
	}
	// Not a host.
	err = reconfigure(&types.DVSConfigSpec{Host: []types.DistributedVirtualSwitchHostMemberConfigSpec{{Operation: "add", Host: cluster.Reference()}}})
	if f, ok := vimFault(err).(*types.InvalidArgument); !ok || f.InvalidProperty != "spec.host[0].host" {
		t.Fatalf("adding a cluster as host: got %s %+v", faultName(err), vimFault(err))
	}
	missing := types.ManagedObjectReference{Type: "HostSystem", Value: "host-9999"}
	err = reconfigure(&types.DVSConfigSpec{Host: []types.DistributedVirtualSwitchHostMemberConfigSpec{{Operation: "add", Host: missing}}})
	if got := faultName(err); got != "ManagedObjectNotFound" {
		t.Fatalf("adding a missing host: got %s, want ManagedObjectNotFound", got)
	}
	// Removing it.
	if err := reconfigure(&types.DVSConfigSpec{Host: []types.DistributedVirtualSwitchHostMemberConfigSpec{{Operation: "remove", Host: h1.Reference()}}}); err != nil {
		t.Fatal(err)
	}
	if s, cfg = readDVS(e, dvs); len(s.Summary.HostMember) != 0 || len(cfg.Host) != 0 || cfg.ConfigVersion != "4" {
		t.Fatalf("after remove: summary.hostMember %v config.host %v configVersion %q", s.Summary.HostMember, cfg.Host, cfg.ConfigVersion)
	}

	// Renaming onto another switch's name.
	err = reconfigure(&types.DVSConfigSpec{Name: "other"})
	if f, ok := vimFault(err).(*types.DuplicateName); !ok || f.Name != "other" {
		t.Fatalf("rename onto other: got %s", faultName(err))
	}

	// defaultPortConfig is merged per policy.
	if err := reconfigure(&types.DVSConfigSpec{DefaultPortConfig: &types.VMwareDVSPortSetting{
		Vlan: &types.VmwareDistributedVirtualSwitchVlanIdSpec{VlanId: 55},
	}}); err != nil {
		t.Fatal(err)
	}
	if err := reconfigure(&types.DVSConfigSpec{DefaultPortConfig: &types.VMwareDVSPortSetting{
		SecurityPolicy: &types.DVSSecurityPolicy{AllowPromiscuous: &types.BoolPolicy{Value: types.NewBool(true)}},
	}}); err != nil {
		t.Fatal(err)
	}
	_, cfg = readDVS(e, dvs)
	if got := vlanID(t, cfg.DefaultPortConfig); got != 55 {
		t.Fatalf("VLAN %d after a security-only change, want 55", got)
	}
	sp := cfg.DefaultPortConfig.(*types.VMwareDVSPortSetting).SecurityPolicy
	if !*sp.AllowPromiscuous.Value || *sp.ForgedTransmits.Value {
		t.Fatalf("security policy %+v: want promiscuous on, forged transmits still off", sp)
	}
}

func TestStrictConfigVersion(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.StrictConfigVersion = true })
	_, folders := e.datacenter("dc1")
	dvs := e.createDVS(folders, &types.VMwareDVSConfigSpec{DVSConfigSpec: types.DVSConfigSpec{Name: "dvs1"}})
	_, err := e.task(dvs.Reconfigure(e.ctx, &types.VMwareDVSConfigSpec{MaxMtu: 1600}))
	if got := faultName(err); got != "ConcurrentAccess" {
		t.Fatalf("strict, no configVersion: got %s, want ConcurrentAccess", got)
	}
	e.mustTask(dvs.Reconfigure(e.ctx, &types.VMwareDVSConfigSpec{DVSConfigSpec: types.DVSConfigSpec{ConfigVersion: "0"}, MaxMtu: 1600}))
}

func TestDestroyDVSRemovesPortgroups(t *testing.T) {
	n := newNetworkEnv(t)
	e, dvs := n.env, n.dvs
	a := e.addPortgroup(dvs, types.DVPortgroupConfigSpec{Name: "pg-a", Type: "earlyBinding", NumPorts: 8})
	b := e.addPortgroup(dvs, types.DVPortgroupConfigSpec{Name: "pg-b", Type: "ephemeral"})
	s, _ := readDVS(e, dvs)
	pgs := append([]types.ManagedObjectReference{}, s.Portgroup...) // uplink, pg-a, pg-b
	if len(pgs) != 3 {
		t.Fatalf("port groups %v, want uplink, pg-a and pg-b", pgs)
	}
	if hostNetworks := n.lists()["host network"]; !refsContain(hostNetworks, a.Reference()) || !refsContain(hostNetworks, b.Reference()) {
		t.Fatalf("host networks %v should list the port groups before the destroy", hostNetworks)
	}

	e.mustTask(dvs.Destroy(e.ctx))

	for _, ref := range append(pgs, dvs.Reference()) {
		if e.exists(ref) {
			t.Fatalf("%v still exists after destroying the switch", ref)
		}
	}
	lists := n.lists()
	for _, ref := range append(pgs, dvs.Reference()) {
		for what, list := range lists {
			if refsContain(list, ref) {
				t.Fatalf("%s still lists %v", what, ref)
			}
		}
	}
}

// networkEnv is a datacenter with a cluster of one host and a switch that the
// host is a member of.
type networkEnv struct {
	*env
	dc      *object.Datacenter
	folders *object.DatacenterFolders
	cluster *object.ClusterComputeResource
	host    *object.HostSystem
	dvs     *object.DistributedVirtualSwitch
}

func newNetworkEnv(t *testing.T) *networkEnv {
	e := newEnv(t)
	dc, folders := e.datacenter("dc1")
	cluster := e.cluster(folders, "c1")
	host := e.addHost(cluster, "esx-01.lab")
	dvs := e.createDVS(folders, &types.VMwareDVSConfigSpec{DVSConfigSpec: types.DVSConfigSpec{
		Name: "dvs1",
		Host: []types.DistributedVirtualSwitchHostMemberConfigSpec{{Operation: "add", Host: host.Reference()}},
	}})
	return &networkEnv{env: e, dc: dc, folders: folders, cluster: cluster, host: host, dvs: dvs}
}

// lists are the lists of networks that name switches and port groups: the
// network folder's children, the datacenter's, the host's and the cluster's
// networks.
func (n *networkEnv) lists() map[string][]types.ManagedObjectReference {
	var nf mo.Folder
	n.props(n.folders.NetworkFolder.Reference(), &nf, "childEntity")
	var d mo.Datacenter
	n.props(n.dc.Reference(), &d, "network")
	var host mo.HostSystem
	n.props(n.host.Reference(), &host, "network")
	var c mo.ClusterComputeResource
	n.props(n.cluster.Reference(), &c, "network")
	return map[string][]types.ManagedObjectReference{
		"network folder": nf.ChildEntity, "datacenter network": d.Network,
		"host network": host.Network, "cluster network": c.Network,
	}
}

func productVersions(e *env, dvs *object.DistributedVirtualSwitch) (summary, config, configVersion string) {
	e.t.Helper()
	s, cfg := readDVS(e, dvs)
	if s.Summary.ProductInfo == nil {
		e.t.Fatal("summary.productInfo is not set")
	}
	return s.Summary.ProductInfo.Version, cfg.ProductInfo.Version, cfg.ConfigVersion
}

// productSpecOperation calls PerformDvsProductSpecOperation_Task (govmomi's
// object package has no wrapper for it).
func productSpecOperation(e *env, dvs *object.DistributedVirtualSwitch, op, version string) (*object.Task, error) {
	res, err := methods.PerformDvsProductSpecOperation_Task(e.ctx, e.c, &types.PerformDvsProductSpecOperation_Task{
		This:        dvs.Reference(),
		Operation:   op,
		ProductSpec: &types.DistributedVirtualSwitchProductSpec{Version: version},
	})
	if err != nil {
		return nil, err
	}
	return object.NewTask(e.c, res.Returnval), nil
}

func TestDVSProductVersion(t *testing.T) {
	e := newEnv(t)
	_, folders := e.datacenter("dc1")

	// No version (or an empty productInfo, as govc sends): the newest, in summary and config.
	newest := e.createDVS(folders, &types.VMwareDVSConfigSpec{DVSConfigSpec: types.DVSConfigSpec{Name: "newest"}})
	if s, c, _ := productVersions(e, newest); s != "8.0.3" || c != "8.0.3" {
		t.Fatalf("default version: summary %q config %q, want 8.0.3", s, c)
	}
	_, cfg := readDVS(e, newest)
	if p := cfg.ProductInfo; p.Name != "DVS" || p.Vendor != "VMware, Inc." || p.ForwardingClass != "etherswitch" || p.Build == "" {
		t.Fatalf("config.productInfo %+v", p)
	}
	ref := e.mustTask(folders.NetworkFolder.CreateDVS(e.ctx, types.DVSCreateSpec{
		ConfigSpec:  &types.VMwareDVSConfigSpec{DVSConfigSpec: types.DVSConfigSpec{Name: "empty-product"}},
		ProductInfo: &types.DistributedVirtualSwitchProductSpec{},
	}))
	empty := object.NewDistributedVirtualSwitch(e.c, ref.(types.ManagedObjectReference))
	if s, c, _ := productVersions(e, empty); s != "8.0.3" || c != "8.0.3" {
		t.Fatalf("empty productInfo: summary %q config %q, want 8.0.3", s, c)
	}

	// A version vCenter 8 does not offer.
	for _, version := range []string{"6.6.0", "6.5.0", "9.9.9", "latest"} {
		_, err := e.task(folders.NetworkFolder.CreateDVS(e.ctx, types.DVSCreateSpec{
			ConfigSpec:  &types.VMwareDVSConfigSpec{DVSConfigSpec: types.DVSConfigSpec{Name: "v" + version}},
			ProductInfo: &types.DistributedVirtualSwitchProductSpec{Version: version},
		}))
		if f, ok := vimFault(err).(*types.InvalidArgument); !ok || f.InvalidProperty != "spec.productInfo.version" {
			t.Fatalf("version %s: got %s %+v, want InvalidArgument on spec.productInfo.version", version, faultName(err), vimFault(err))
		}
	}

	// An older version, upgraded in place step by step; configVersion goes up.
	ref = e.mustTask(folders.NetworkFolder.CreateDVS(e.ctx, types.DVSCreateSpec{
		ConfigSpec:  &types.VMwareDVSConfigSpec{DVSConfigSpec: types.DVSConfigSpec{Name: "old"}},
		ProductInfo: &types.DistributedVirtualSwitchProductSpec{Version: "7.0.3"},
	}))
	old := object.NewDistributedVirtualSwitch(e.c, ref.(types.ManagedObjectReference))
	if s, c, v := productVersions(e, old); s != "7.0.3" || c != "7.0.3" || v != "0" {
		t.Fatalf("created 7.0.3: summary %q config %q configVersion %q", s, c, v)
	}
	upgrade := func(version string) error {
		_, err := e.task(productSpecOperation(e, old, "upgrade", version))
		return err
	}
	if err := upgrade("8.0.0"); err != nil {
		t.Fatal(err)
	}
	if s, c, v := productVersions(e, old); s != "8.0.0" || c != "8.0.0" || v != "1" {
		t.Fatalf("upgraded to 8.0.0: summary %q config %q configVersion %q", s, c, v)
	}
	if err := upgrade("8.0.0"); err != nil { // the same version: nothing to do
		t.Fatal(err)
	}
	for _, version := range []string{"7.0.3", "6.6.0", "8.1.0", ""} {
		if f, ok := vimFault(upgrade(version)).(*types.InvalidArgument); !ok || f.InvalidProperty != "productSpec.version" {
			t.Fatalf("upgrade to %q: got %+v, want InvalidArgument on productSpec.version", version, f)
		}
	}
	_, err := e.task(productSpecOperation(e, old, "preInstall", "8.0.3"))
	if got := faultName(err); got != "NotSupported" {
		t.Fatalf("preInstall on a VMware switch: got %s, want NotSupported", got)
	}
	if s, c, v := productVersions(e, old); s != "8.0.0" || c != "8.0.0" || v != "1" {
		t.Fatalf("after refused operations: summary %q config %q configVersion %q", s, c, v)
	}
}

func TestDVSMaxMtuLimits(t *testing.T) {
	e := newEnv(t)
	_, folders := e.datacenter("dc1")
	for _, mtu := range []int32{1279, 9001, -1} {
		_, err := e.task(folders.NetworkFolder.CreateDVS(e.ctx, types.DVSCreateSpec{
			ConfigSpec: &types.VMwareDVSConfigSpec{DVSConfigSpec: types.DVSConfigSpec{Name: "dvs1"}, MaxMtu: mtu},
		}))
		if f, ok := vimFault(err).(*types.InvalidArgument); !ok || f.InvalidProperty != "spec.configSpec.maxMtu" {
			t.Fatalf("create with maxMtu %d: got %s %+v", mtu, faultName(err), vimFault(err))
		}
	}
	dvs := e.createDVS(folders, &types.VMwareDVSConfigSpec{DVSConfigSpec: types.DVSConfigSpec{Name: "dvs1"}, MaxMtu: 1280})
	for _, mtu := range []int32{1279, 9001} {
		_, err := e.task(dvs.Reconfigure(e.ctx, &types.VMwareDVSConfigSpec{MaxMtu: mtu}))
		if f, ok := vimFault(err).(*types.InvalidArgument); !ok || f.InvalidProperty != "spec.maxMtu" {
			t.Fatalf("reconfigure to maxMtu %d: got %s %+v", mtu, faultName(err), vimFault(err))
		}
	}
	e.mustTask(dvs.Reconfigure(e.ctx, &types.VMwareDVSConfigSpec{MaxMtu: 9000}))
	if _, cfg := readDVS(e, dvs); cfg.MaxMtu != 9000 || cfg.ConfigVersion != "1" {
		t.Fatalf("maxMtu %d configVersion %q, want 9000 and 1", cfg.MaxMtu, cfg.ConfigVersion)
	}
}
