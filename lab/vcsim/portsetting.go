package main

import (
	"reflect"

	"github.com/vmware/govmomi/vim25/types"
)

// Port settings (DVPortSetting / VMwareDVSPortSetting): validation and the
// merge that vCenter applies when a reconfigure spec carries only some
// policies.

const maxVlanID = 4094 // 4095 is reserved (VGT on standard switches), not valid on a DVS

func invalidArgument(prop string) *types.InvalidArgument {
	return &types.InvalidArgument{InvalidProperty: prop}
}

// validatePortSetting checks the VLAN policy of a port setting: a VLAN id in
// 0-4094, trunk ranges with start <= end inside 0-4094, a private VLAN id in
// 1-4094. prop names the setting in the spec, e.g. "defaultPortConfig".
func validatePortSetting(setting types.BaseDVPortSetting, prop string) types.BaseMethodFault {
	s, ok := setting.(*types.VMwareDVSPortSetting)
	if !ok || s == nil || s.Vlan == nil {
		return nil
	}
	vlanProp := prop + ".vlan.vlanId"
	switch v := s.Vlan.(type) {
	case *types.VmwareDistributedVirtualSwitchVlanIdSpec:
		if v.VlanId < 0 || v.VlanId > maxVlanID {
			return invalidArgument(vlanProp)
		}
	case *types.VmwareDistributedVirtualSwitchTrunkVlanSpec:
		for _, r := range v.VlanId {
			if r.Start < 0 || r.End > maxVlanID || r.Start > r.End {
				return invalidArgument(vlanProp)
			}
		}
	case *types.VmwareDistributedVirtualSwitchPvlanSpec:
		if v.PvlanId < 1 || v.PvlanId > maxVlanID {
			return invalidArgument(prop + ".vlan.pvlanId")
		}
	}
	return nil
}

// mergePortSetting returns old with the policies set in spec applied, the
// way vCenter treats a partial DVPortSetting: a policy left out of the spec
// keeps its current value. The merge descends into nested policy objects
// (securityPolicy.allowPromiscuous, uplinkTeamingPolicy.policy, ...); a leaf
// policy (BoolPolicy, IntPolicy, StringPolicy, ...) given in the spec
// replaces the old one, as does a VLAN spec of a different kind (VLAN id vs
// trunk). Neither argument is modified.
func mergePortSetting(old, spec types.BaseDVPortSetting) types.BaseDVPortSetting {
	if spec == nil {
		return old
	}
	if old == nil || reflect.TypeOf(old) != reflect.TypeOf(spec) {
		return spec
	}
	merged := mergeValue(reflect.ValueOf(old), reflect.ValueOf(spec))
	return merged.Interface().(types.BaseDVPortSetting)
}

// leafPolicies are replaced as a whole when present in the spec.
var leafPolicies = map[reflect.Type]bool{
	reflect.TypeOf(types.BoolPolicy{}):   true,
	reflect.TypeOf(types.IntPolicy{}):    true,
	reflect.TypeOf(types.LongPolicy{}):   true,
	reflect.TypeOf(types.StringPolicy{}): true,
}

// mergeValue merges spec over old for pointers to structs and interfaces
// holding them; anything else in spec wins if it is set.
func mergeValue(old, spec reflect.Value) reflect.Value {
	switch spec.Kind() {
	case reflect.Interface:
		if spec.IsNil() {
			return old
		}
		if old.IsNil() || old.Elem().Type() != spec.Elem().Type() {
			return spec
		}
		merged := mergeValue(old.Elem(), spec.Elem())
		out := reflect.New(spec.Type()).Elem()
		out.Set(merged)
		return out
	case reflect.Pointer:
		if spec.IsNil() {
			return old
		}
		if old.IsNil() || spec.Elem().Kind() != reflect.Struct || leafPolicies[spec.Elem().Type()] {
			return spec
		}
		out := reflect.New(spec.Elem().Type())
		out.Elem().Set(old.Elem()) // shallow copy of old, then overlay spec's fields
		mergeStruct(out.Elem(), spec.Elem())
		return out
	case reflect.Slice, reflect.Map:
		if spec.IsNil() {
			return old
		}
		return spec
	default:
		return spec
	}
}

// mergeStruct overlays the set fields of spec onto dst (same struct type).
// Embedded structs (DVPortSetting inside VMwareDVSPortSetting, the
// InheritablePolicy base) are merged field by field; a plain scalar field of
// a struct that the spec carries is taken from the spec (for example
// "inherited" of a policy that is present).
func mergeStruct(dst, spec reflect.Value) {
	t := spec.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		d, s := dst.Field(i), spec.Field(i)
		switch {
		case f.Anonymous && s.Kind() == reflect.Struct:
			mergeStruct(d, s)
		case s.Kind() == reflect.Pointer || s.Kind() == reflect.Interface || s.Kind() == reflect.Slice || s.Kind() == reflect.Map:
			d.Set(mergeValue(d, s))
		default:
			d.Set(s)
		}
	}
}
