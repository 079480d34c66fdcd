package main

import (
	"strconv"
	"time"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

// Small helpers over the simulator's registry, shared by the overrides.

// runTask starts a simulator task named like the simulator's own (for example
// "reconfigureDvs") on obj. fn runs in the task's goroutine with the lock of
// obj held; its fault, if any, becomes the task's info.error, as vCenter
// reports most method failures through the task.
func runTask(ctx *simulator.Context, obj mo.Reference, name string, fn func() types.BaseMethodFault) types.ManagedObjectReference {
	task := simulator.CreateTask(obj, name, func(*simulator.Task) (types.AnyType, types.BaseMethodFault) {
		return nil, fn()
	})
	return task.Run(ctx)
}

// failTask returns a task that fails with fault.
func failTask(ctx *simulator.Context, obj mo.Reference, name string, fault types.BaseMethodFault) types.ManagedObjectReference {
	return runTask(ctx, obj, name, func() types.BaseMethodFault { return fault })
}

// waitTask waits for a task started by the simulator and returns its final
// info. (simulator.Task.Wait polls every 10 ms; this polls faster.)
func waitTask(ctx *simulator.Context, ref types.ManagedObjectReference) types.TaskInfo {
	task := ctx.Map.Get(ref).(*simulator.Task)
	for {
		var info types.TaskInfo
		// A fresh locking context: the task's goroutine shares ctx's locks.
		ctx.Map.WithLock(&simulator.Context{}, task, func() { info = task.Info })
		switch info.State {
		case types.TaskInfoStateSuccess, types.TaskInfoStateError:
			return info
		}
		time.Sleep(200 * time.Microsecond)
	}
}

// taskFault is the fault of a finished task, or nil.
func taskFault(info types.TaskInfo) types.BaseMethodFault {
	if info.Error == nil {
		return nil
	}
	return info.Error.Fault
}

// update applies property changes to obj with obj's lock held, so property
// collectors (WaitForUpdatesEx) see them.
func update(ctx *simulator.Context, obj mo.Reference, changes ...types.PropertyChange) {
	ctx.Map.AtomicUpdate(ctx, obj, changes)
}

func change(name string, val types.AnyType) types.PropertyChange {
	return types.PropertyChange{Name: name, Val: val}
}

// without returns a new slice of refs without ref; the old slice may still be
// held by readers, so it is not modified.
func without(refs []types.ManagedObjectReference, ref types.ManagedObjectReference) []types.ManagedObjectReference {
	out := make([]types.ManagedObjectReference, 0, len(refs))
	for _, r := range refs {
		if r != ref {
			out = append(out, r)
		}
	}
	return out
}

func contains(refs []types.ManagedObjectReference, ref types.ManagedObjectReference) bool {
	return simulator.FindReference(refs, ref) != nil
}

// removeRef removes ref from the reference list prop of obj; list points at
// that field of obj.
func removeRef(ctx *simulator.Context, obj mo.Reference, prop string, list *[]types.ManagedObjectReference, ref types.ManagedObjectReference) {
	ctx.WithLock(obj, func() {
		if contains(*list, ref) {
			ctx.Update(obj, []types.PropertyChange{change(prop, without(*list, ref))})
		}
	})
}

// unlinkEntity removes e from its parent folder's childEntity and, for
// networks, from the datacenter's network list, then drops it (and the given
// extra objects it owns) from the inventory.
func unlinkEntity(ctx *simulator.Context, e mo.Entity, owned ...types.ManagedObjectReference) {
	ref := e.Reference()
	if parent := e.Entity().Parent; parent != nil {
		if f, ok := ctx.Map.Get(*parent).(*simulator.Folder); ok {
			removeRef(ctx, f, "childEntity", &f.ChildEntity, ref)
		}
	}
	switch ref.Type {
	case "DistributedVirtualSwitch", "VmwareDistributedVirtualSwitch", "DistributedVirtualPortgroup", "Network", "OpaqueNetwork":
		if dc := datacenterOf(ctx, e); dc != nil {
			removeRef(ctx, dc, "network", &dc.Network, ref)
		}
	}
	for _, o := range owned {
		if ctx.Map.Get(o) != nil {
			ctx.Map.Remove(ctx, o)
		}
	}
	ctx.Map.Remove(ctx, ref)
}

// datacenterOf walks up the parents of e to its datacenter.
func datacenterOf(ctx *simulator.Context, e mo.Entity) *simulator.Datacenter {
	for p := e.Entity().Parent; p != nil; {
		obj := ctx.Map.Get(*p)
		if dc, ok := obj.(*simulator.Datacenter); ok {
			return dc
		}
		parent, ok := obj.(mo.Entity)
		if !ok {
			return nil
		}
		p = parent.Entity().Parent
	}
	return nil
}

// nextVersion returns the configVersion after v. vCenter documents
// configVersion as an opaque string; the lab uses a counter from "0".
func nextVersion(v string) string {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return "1"
	}
	return strconv.FormatInt(n+1, 10)
}

// checkVersion models the configVersion guard of ReconfigureDvs_Task and
// ReconfigureDVPortgroup_Task: a spec whose configVersion differs from the
// current one fails with ConcurrentAccess (VMware's own DVS API tests expect
// exactly this fault for an invalid config version). An empty configVersion
// is accepted unless strict is set.
func checkVersion(given, current string, strict bool) types.BaseMethodFault {
	if given == "" && !strict {
		return nil
	}
	if given != current {
		return &types.ConcurrentAccess{}
	}
	return nil
}

// setIfGiven applies a field of a reconfigure spec: vCenter leaves a setting unchanged when the spec omits it
// (its zero value), and takes the given value otherwise.
func setIfGiven[T comparable](dst *T, given T) {
	var omitted T
	if given != omitted {
		*dst = given
	}
}

// setListIfGiven is setIfGiven for list settings, which a spec omits as nil.
func setListIfGiven[T any](dst *[]T, given []T) {
	if given != nil {
		*dst = given
	}
}
