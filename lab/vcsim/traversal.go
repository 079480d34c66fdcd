package main

import (
	"reflect"
	"strings"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

// Traversal as vCenter walks it
//
// vCenter follows a TraversalSpec only from an object of the spec's type (or
// of a type derived from it): rp_to_rp (ResourcePool.resourcePool) leads from
// a resource pool to its child pools, never from a VM to the pool it runs in.
// The simulator follows every spec of a selection set from every object that
// has a field of the spec's path, and without remembering where it has been.
// oslo.vmware's recursive traversal (nova-compute and cinder-volume list their
// objects with it) holds rp_to_vm and rp_to_rp in one selection set, so with a
// VM in a resource pool the simulator walks VM → pool → VM → … until its stack
// overflows and the process dies.
//
// For RetrieveProperties and RetrievePropertiesEx the lab walks each filter
// spec's traversal itself, by vCenter's rule, and hands the simulator the
// objects it reached as a plain object set; the simulator then collects their
// properties as before. A filter (CreateFilter) keeps the simulator's own walk,
// as it is evaluated anew on each change.

// expandTraversals replaces the traversals of the request's filter specs by
// the objects they reach.
func expandTraversals(ctx *simulator.Context, method *simulator.Method) {
	var specs []types.PropertyFilterSpec
	switch r := method.Body.(type) {
	case *types.RetrievePropertiesEx:
		specs = r.SpecSet
	case *types.RetrieveProperties:
		specs = r.SpecSet
	default:
		return
	}
	for i := range specs {
		if objects, ok := walk(ctx, specs[i].ObjectSet); ok {
			specs[i].ObjectSet = objects
		}
	}
}

// walk returns the objects an object set selects, each once, in the order a
// depth-first walk reaches them. It returns false, leaving the spec to the
// simulator, when a starting object does not exist (the simulator answers
// that as vCenter does) or when a selection names no traversal spec.
func walk(ctx *simulator.Context, set []types.ObjectSpec) ([]types.ObjectSpec, bool) {
	w := walker{ctx: ctx, named: map[string]*types.TraversalSpec{}, seen: map[types.ManagedObjectReference]bool{}, followed: map[followKey]bool{}}
	for _, o := range set {
		for _, s := range o.SelectSet {
			if ts, ok := s.(*types.TraversalSpec); ok && ts.Name != "" {
				w.named[ts.Name] = ts
			}
		}
	}
	for _, o := range set {
		obj := w.object(o.Obj)
		if obj == nil {
			return nil, false
		}
		if len(o.SelectSet) == 0 || o.Skip == nil || !*o.Skip {
			w.add(o.Obj)
		}
		if !w.follow(o.Obj, obj, o.SelectSet) {
			return nil, false
		}
	}
	return w.reached, true
}

type followKey struct {
	ref  types.ManagedObjectReference
	spec *types.TraversalSpec
}

type walker struct {
	ctx      *simulator.Context
	named    map[string]*types.TraversalSpec
	seen     map[types.ManagedObjectReference]bool
	followed map[followKey]bool
	reached  []types.ObjectSpec
}

func (w *walker) object(ref types.ManagedObjectReference) mo.Reference {
	if w.ctx.Session != nil {
		return w.ctx.Session.Get(ref)
	}
	return w.ctx.Map.Get(ref)
}

func (w *walker) add(ref types.ManagedObjectReference) {
	if !w.seen[ref] {
		w.seen[ref] = true
		w.reached = append(w.reached, types.ObjectSpec{Obj: ref})
	}
}

// follow takes each traversal of the selection set that applies to obj.
func (w *walker) follow(ref types.ManagedObjectReference, obj mo.Reference, selection []types.BaseSelectionSpec) bool {
	for _, s := range selection {
		ts, ok := s.(*types.TraversalSpec)
		if ok && ts.Name != "" {
			w.named[ts.Name] = ts
		}
	}
	for _, s := range selection {
		ts, ok := s.(*types.TraversalSpec)
		if !ok {
			if ts = w.named[s.GetSelectionSpec().Name]; ts == nil {
				return false
			}
		}
		key := followKey{ref, ts}
		if w.followed[key] || !isA(ref, obj, ts.Type) {
			continue
		}
		w.followed[key] = true
		for _, next := range pathRefs(obj, ts.Path) {
			nextObj := w.object(next)
			if nextObj == nil {
				continue
			}
			if ts.Skip == nil || !*ts.Skip {
				w.add(next)
			}
			if !w.follow(next, nextObj, ts.SelectSet) {
				return false
			}
		}
	}
	return true
}

// isA tells whether obj is of the managed object type typeName or of one
// derived from it (a ClusterComputeResource is a ComputeResource and a
// ManagedEntity): the simulator's types embed their vim25 type, which embeds
// its base type.
func isA(ref types.ManagedObjectReference, obj mo.Reference, typeName string) bool {
	if ref.Type == typeName {
		return true
	}
	t := reflect.TypeOf(obj)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Name() == typeName {
		return true
	}
	field, ok := t.FieldByName(typeName)
	return ok && field.Anonymous
}

// pathRefs are the object references at path (a property name, or names
// joined by dots) of obj.
func pathRefs(obj mo.Reference, path string) []types.ManagedObjectReference {
	v := reflect.ValueOf(obj)
	for _, name := range strings.Split(path, ".") {
		for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
			if v.IsNil() {
				return nil
			}
			v = v.Elem()
		}
		if v.Kind() != reflect.Struct || name == "" {
			return nil
		}
		v = v.FieldByName(strings.ToUpper(name[:1]) + name[1:])
		if !v.IsValid() {
			return nil
		}
	}
	switch refs := v.Interface().(type) {
	case types.ManagedObjectReference:
		return []types.ManagedObjectReference{refs}
	case *types.ManagedObjectReference:
		if refs != nil {
			return []types.ManagedObjectReference{*refs}
		}
	case []types.ManagedObjectReference:
		return refs
	}
	return nil
}
