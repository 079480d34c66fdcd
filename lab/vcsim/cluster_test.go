package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/property"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

// watch waits, through a property collector of its own, until prop of ref
// takes a value for which ok holds. It returns once the collector has
// reported the current value, so a change made afterwards is seen only if it
// is announced to watchers; the returned function blocks until then and
// fails the test if that does not happen within a few seconds.
func (e *env) watch(ref types.ManagedObjectReference, prop string, ok func(any) bool) func() {
	e.t.Helper()
	ctx, cancel := context.WithCancel(e.ctx)
	e.t.Cleanup(cancel) // before the lab closes: a failed test leaves no wait hanging
	ready := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		first := true
		done <- property.Wait(ctx, property.DefaultCollector(e.c), ref, []string{prop}, func(changes []types.PropertyChange) bool {
			if first {
				first = false
				close(ready)
				return false
			}
			for _, c := range changes {
				if c.Name == prop && ok(c.Val) {
					return true
				}
			}
			return false
		})
	}()
	select {
	case <-ready:
	case err := <-done:
		e.t.Fatalf("watching %s of %v: %v", prop, ref, err)
	}
	return func() {
		e.t.Helper()
		select {
		case err := <-done:
			if err != nil {
				e.t.Fatalf("watching %s of %v: %v", prop, ref, err)
			}
		case <-time.After(5 * time.Second):
			e.t.Fatalf("no watcher of %s of %v heard of the change", prop, ref)
		}
	}
}

// clusterConfig reads a cluster's configurationEx.
func (e *env) clusterConfig(c *object.ClusterComputeResource) *types.ClusterConfigInfoEx {
	e.t.Helper()
	var cr mo.ClusterComputeResource
	e.props(c.Reference(), &cr, "configurationEx")
	return configEx(cr.ConfigurationEx)
}

func configEx(v any) *types.ClusterConfigInfoEx {
	switch c := v.(type) {
	case *types.ClusterConfigInfoEx:
		return c
	case types.ClusterConfigInfoEx:
		return &c
	}
	return nil
}

// clusterSettings is what the tests compare of a cluster configuration.
type clusterSettings struct {
	dasEnabled, admissionControl       bool
	hostMonitoring, vmMonitoring, vmcp string
	failoverLevel                      int32
	drsEnabled, vmOverrides            bool
	behavior                           types.DrsBehavior
	vmotionRate                        int32
	dpmEnabled                         bool
}

func settingsOf(cfg *types.ClusterConfigInfoEx) clusterSettings {
	b := func(v *bool) bool { return v != nil && *v }
	s := clusterSettings{
		dasEnabled: b(cfg.DasConfig.Enabled), admissionControl: b(cfg.DasConfig.AdmissionControlEnabled),
		hostMonitoring: cfg.DasConfig.HostMonitoring, vmMonitoring: cfg.DasConfig.VmMonitoring,
		vmcp: cfg.DasConfig.VmComponentProtecting, failoverLevel: cfg.DasConfig.FailoverLevel,
		drsEnabled: b(cfg.DrsConfig.Enabled), vmOverrides: b(cfg.DrsConfig.EnableVmBehaviorOverrides),
		behavior: cfg.DrsConfig.DefaultVmBehavior, vmotionRate: cfg.DrsConfig.VmotionRate,
	}
	if cfg.DpmConfigInfo != nil {
		s.dpmEnabled = b(cfg.DpmConfigInfo.Enabled)
	}
	return s
}

// expectSettings fails the test unless the cluster has the settings want.
func (e *env) expectSettings(c *object.ClusterComputeResource, want clusterSettings, when string) {
	e.t.Helper()
	if got := settingsOf(e.clusterConfig(c)); got != want {
		e.t.Fatalf("cluster settings %s\n got %+v\nwant %+v", when, got, want)
	}
}

// vCenter 8's configuration of a cluster created with an empty spec.
var vcenterDefaults = clusterSettings{
	dasEnabled: false, admissionControl: true, hostMonitoring: "enabled", vmMonitoring: "vmMonitoringDisabled",
	vmcp: "disabled", failoverLevel: 1,
	drsEnabled: false, vmOverrides: true, behavior: types.DrsBehaviorFullyAutomated, vmotionRate: 3,
}

func TestCreateClusterHasVCenterDefaults(t *testing.T) {
	e := newEnv(t)
	_, folders := e.datacenter("dc1")
	cluster := e.cluster(folders, "c1")
	cfg := e.clusterConfig(cluster)
	if got := settingsOf(cfg); got != vcenterDefaults {
		t.Fatalf("new cluster settings\n got %+v\nwant %+v", got, vcenterDefaults)
	}
	if cfg.VmSwapPlacement != "vmDirectory" || cfg.DasConfig.HBDatastoreCandidatePolicy != "allFeasibleDsWithUserPreference" {
		t.Fatalf("vmSwapPlacement %q, hBDatastoreCandidatePolicy %q", cfg.VmSwapPlacement, cfg.DasConfig.HBDatastoreCandidatePolicy)
	}
}

func TestCreateClusterAppliesSpec(t *testing.T) {
	e := newEnv(t)
	_, folders := e.datacenter("dc1")
	c, err := folders.HostFolder.CreateCluster(e.ctx, "c1", types.ClusterConfigSpecEx{
		DasConfig: &types.ClusterDasConfigInfo{
			Enabled: types.NewBool(true), HostMonitoring: "disabled", AdmissionControlEnabled: types.NewBool(false),
		},
		DrsConfig: &types.ClusterDrsConfigInfo{
			Enabled: types.NewBool(true), DefaultVmBehavior: types.DrsBehaviorPartiallyAutomated, VmotionRate: 2,
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := vcenterDefaults
	want.dasEnabled, want.hostMonitoring, want.admissionControl = true, "disabled", false
	want.drsEnabled, want.behavior, want.vmotionRate = true, types.DrsBehaviorPartiallyAutomated, 2
	e.expectSettings(c, want, "after create")
}

func TestCreateClusterRejectsInvalidSpecs(t *testing.T) {
	e := newEnv(t)
	_, folders := e.datacenter("dc1")
	existing := e.cluster(folders, "taken")
	for _, tc := range []struct {
		name, cluster, fault, property string
		spec                           types.ClusterConfigSpecEx
	}{
		{"vmotionRate", "c1", "InvalidArgument", "spec.drsConfig.vmotionRate",
			types.ClusterConfigSpecEx{DrsConfig: &types.ClusterDrsConfigInfo{VmotionRate: 6}}},
		{"behavior", "c1", "InvalidArgument", "spec.drsConfig.defaultVmBehavior",
			types.ClusterConfigSpecEx{DrsConfig: &types.ClusterDrsConfigInfo{DefaultVmBehavior: "automatic"}}},
		{"hostMonitoring", "c1", "InvalidArgument", "spec.dasConfig.hostMonitoring",
			types.ClusterConfigSpecEx{DasConfig: &types.ClusterDasConfigInfo{HostMonitoring: "on"}}},
		{"empty name", "", "InvalidName", "", types.ClusterConfigSpecEx{}},
		{"long name", strings.Repeat("n", 81), "InvalidName", "", types.ClusterConfigSpecEx{}},
		{"taken name", "taken", "DuplicateName", "", types.ClusterConfigSpecEx{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := folders.HostFolder.CreateCluster(e.ctx, tc.cluster, tc.spec)
			if got := faultName(err); got != tc.fault {
				t.Fatalf("got %s, want %s", got, tc.fault)
			}
			switch f := vimFault(err).(type) {
			case *types.InvalidArgument:
				if f.InvalidProperty != tc.property {
					t.Fatalf("invalidProperty %q, want %q", f.InvalidProperty, tc.property)
				}
			case *types.DuplicateName:
				if f.Object != existing.Reference() {
					t.Fatalf("DuplicateName.object %v, want %v", f.Object, existing.Reference())
				}
			}
		})
	}
	var hf mo.Folder
	e.props(folders.HostFolder.Reference(), &hf, "childEntity")
	if len(hf.ChildEntity) != 1 {
		t.Fatalf("host folder holds %v, want only the first cluster", hf.ChildEntity)
	}
}

func TestReconfigureClusterChangesOnlyWhatTheSpecSets(t *testing.T) {
	e := newEnv(t)
	_, folders := e.datacenter("dc1")
	cluster := e.cluster(folders, "c1")
	want := vcenterDefaults

	// A watcher hears of the change (the simulator changes the config in place, silently).
	seen := e.watch(cluster.Reference(), "configurationEx", func(v any) bool {
		cfg := configEx(v)
		return cfg != nil && cfg.DrsConfig.VmotionRate == 1
	})
	e.mustTask(cluster.Reconfigure(e.ctx, &types.ClusterConfigSpecEx{
		DrsConfig: &types.ClusterDrsConfigInfo{Enabled: types.NewBool(true), VmotionRate: 1},
	}, true))
	seen()
	want.drsEnabled, want.vmotionRate = true, 1
	e.expectSettings(cluster, want, "after the DRS change")

	e.mustTask(cluster.Reconfigure(e.ctx, &types.ClusterConfigSpecEx{
		DasConfig: &types.ClusterDasConfigInfo{AdmissionControlEnabled: types.NewBool(false), HostMonitoring: "disabled"},
		DrsConfig: &types.ClusterDrsConfigInfo{DefaultVmBehavior: types.DrsBehaviorManual},
	}, true))
	want.admissionControl, want.hostMonitoring, want.behavior = false, "disabled", types.DrsBehaviorManual
	e.expectSettings(cluster, want, "after the HA change")

	// An invalid setting fails the task and changes nothing, not even the valid settings beside it.
	_, err := e.task(cluster.Reconfigure(e.ctx, &types.ClusterConfigSpecEx{
		DasConfig: &types.ClusterDasConfigInfo{Enabled: types.NewBool(true)},
		DrsConfig: &types.ClusterDrsConfigInfo{VmotionRate: 9},
	}, true))
	if f, ok := vimFault(err).(*types.InvalidArgument); !ok || f.InvalidProperty != "spec.drsConfig.vmotionRate" {
		t.Fatalf("invalid vmotionRate: got %s (%v)", faultName(err), err)
	}
	e.expectSettings(cluster, want, "after the failed change")

	// modify=false starts again from vCenter's defaults.
	e.mustTask(cluster.Reconfigure(e.ctx, &types.ClusterConfigSpecEx{
		DasConfig: &types.ClusterDasConfigInfo{Enabled: types.NewBool(true)},
	}, false))
	want = vcenterDefaults
	want.dasEnabled = true
	e.expectSettings(cluster, want, "after modify=false")
}

func TestRenameCluster(t *testing.T) {
	e := newEnv(t)
	_, folders := e.datacenter("dc1")
	cluster := e.cluster(folders, "c1")
	other := e.cluster(folders, "c2")

	_, err := e.task(cluster.Rename(e.ctx, "c2"))
	if f, ok := vimFault(err).(*types.DuplicateName); !ok || f.Name != "c2" || f.Object != other.Reference() {
		t.Fatalf("rename to a taken name: got %s (%v)", faultName(err), err)
	}
	if _, err := e.task(cluster.Rename(e.ctx, "")); faultName(err) != "InvalidName" {
		t.Fatalf("rename to an empty name: got %s", faultName(err))
	}
	e.mustTask(cluster.Rename(e.ctx, "c1")) // its own name
	e.mustTask(cluster.Rename(e.ctx, "c3"))
	var cr mo.ClusterComputeResource
	e.props(cluster.Reference(), &cr, "name")
	if cr.Name != "c3" {
		t.Fatalf("name %q, want c3", cr.Name)
	}
}

func TestAddHostChecksNameAndThumbprint(t *testing.T) {
	e := newEnv(t)
	_, folders := e.datacenter("dc1")
	c1 := e.cluster(folders, "c1")
	c2 := e.cluster(folders, "c2")
	h1 := e.addHost(c1, "esx-01.lab")

	_, err := e.task(c1.AddHost(e.ctx, hostSpec("esx-01.lab"), true, nil, nil))
	if f, ok := vimFault(err).(*types.DuplicateName); !ok || f.Name != "esx-01.lab" || f.Object != h1.Reference() {
		t.Fatalf("the same host twice in a cluster: got %s (%v)", faultName(err), err)
	}
	_, err = e.task(c2.AddHost(e.ctx, hostSpec("esx-01.lab"), true, nil, nil))
	if f, ok := vimFault(err).(*types.AlreadyConnected); !ok || f.Name != "esx-01.lab" {
		t.Fatalf("the host in another cluster: got %s (%v)", faultName(err), err)
	}

	wrong := hostSpec("esx-02.lab")
	wrong.SslThumbprint = strings.Repeat("AB:", 19) + "AB"
	_, err = e.task(c1.AddHost(e.ctx, wrong, true, nil, nil))
	f, ok := vimFault(err).(*types.SSLVerifyFault)
	if !ok {
		t.Fatalf("a wrong thumbprint: got %s (%v)", faultName(err), err)
	}
	if len(f.Thumbprint) != 59 || f.Thumbprint == wrong.SslThumbprint {
		t.Fatalf("SSLVerifyFault.thumbprint %q is not the host's", f.Thumbprint)
	}

	right := hostSpec("esx-02.lab")
	right.SslThumbprint = strings.ToLower(f.Thumbprint)
	ref := e.mustTask(c1.AddHost(e.ctx, right, true, nil, nil)).(types.ManagedObjectReference)
	var hs mo.HostSystem
	e.props(ref, &hs, "summary.config.sslThumbprint")
	if hs.Summary.Config.SslThumbprint != f.Thumbprint {
		t.Fatalf("summary.config.sslThumbprint %q, want %q", hs.Summary.Config.SslThumbprint, f.Thumbprint)
	}
	var cr mo.ClusterComputeResource
	e.props(c1.Reference(), &cr, "host")
	if len(cr.Host) != 2 {
		t.Fatalf("cluster hosts %v, want two", cr.Host)
	}
}
