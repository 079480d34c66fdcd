package main

import (
	"fmt"
	"reflect"
	"sync"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

// FaultRule is one fault injection rule of the control endpoint, as JSON:
//
//	{
//	  "method":      "CreateDVS_Task",   // SOAP method name, "*" for any (required)
//	  "objectType":  "Folder",           // type of the _this MoRef; omitted: any
//	  "objectId":    "group-n7",         // value of the _this MoRef; omitted: any
//	  "probability": 1,                  // 0..1, default 1
//	  "count":       1,                  // inject at most this many times; 0/omitted: always
//	  "delayMs":     0,                  // wait this long before answering with the fault
//	  "fault":       "NotAuthenticated", // vim25 fault type name (required)
//	  "message":     "..."               // faultstring; omitted: a default
//	}
//
// The fault is any vim25 fault type name: NotAuthenticated,
// ManagedObjectNotFound, SystemError, NoPermission, MethodNotFound,
// InvalidArgument, InvalidState, ResourceInUse, TaskInProgress,
// HostConnectFault, ... It comes back as a SOAP fault (HTTP 500) with the
// typed detail, before the method runs, so nothing changes in the inventory.
// Rules are checked in the order they were added; the first match wins. It
// uses the simulator's FaultInjector.
type FaultRule struct {
	Method      string   `json:"method"`
	ObjectType  string   `json:"objectType,omitempty"`
	ObjectID    string   `json:"objectId,omitempty"`
	Probability *float64 `json:"probability,omitempty"`
	Count       int      `json:"count,omitempty"`
	DelayMs     int      `json:"delayMs,omitempty"`
	Fault       string   `json:"fault"`
	Message     string   `json:"message,omitempty"`
}

// faultRuleStatus is a rule as GET /faults lists it.
type faultRuleStatus struct {
	FaultRule
	Injected int64 `json:"injected"` // how many times it has fired
}

// faultRules keeps the rules given to the simulator's fault injector, in the
// same order, so that they can be listed.
type faultRules struct {
	svc   *simulator.Service
	mu    sync.Mutex
	rules []FaultRule
}

func (f *faultRules) add(r FaultRule) error {
	rule, err := r.toSimulator()
	if err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.svc.AddFaultRule(rule)
	f.rules = append(f.rules, r)
	return nil
}

func (f *faultRules) list() []faultRuleStatus {
	f.mu.Lock()
	defer f.mu.Unlock()
	stats := f.svc.GetFaultStats()
	out := make([]faultRuleStatus, 0, len(f.rules))
	for i, r := range f.rules {
		n, _ := stats[fmt.Sprintf("rule_%d_count", i)].(int64)
		out = append(out, faultRuleStatus{FaultRule: r, Injected: n})
	}
	return out
}

func (f *faultRules) clear() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.svc.ClearFaultRules()
	f.rules = nil
}

var vimTypes = types.TypeFunc()

// toSimulator validates r and converts it to a simulator rule.
func (r FaultRule) toSimulator() (*simulator.FaultInjectionRule, error) {
	if r.Method == "" {
		return nil, fmt.Errorf(`"method" is required ("*" for any)`)
	}
	if r.Method != "*" {
		if _, ok := vimTypes(r.Method); !ok {
			return nil, fmt.Errorf("unknown method %q", r.Method)
		}
	}
	probability := 1.0
	if r.Probability != nil {
		probability = *r.Probability
	}
	if probability < 0 || probability > 1 {
		return nil, fmt.Errorf(`"probability" must be within 0..1`)
	}
	if r.Count < 0 || r.DelayMs < 0 {
		return nil, fmt.Errorf(`"count" and "delayMs" must not be negative`)
	}

	rule := &simulator.FaultInjectionRule{
		MethodName:  r.Method,
		ObjectType:  "*",
		ObjectName:  "*",
		Probability: probability,
		Message:     r.Message,
		Delay:       r.DelayMs,
		MaxCount:    r.Count,
		Enabled:     true,
	}
	setIfGiven(&rule.ObjectType, r.ObjectType)
	if id := r.ObjectID; id != "" {
		rule.InclusionPropertyFilter = func(obj mo.Reference) bool {
			return obj.Reference().Value == id
		}
	}

	switch r.Fault {
	case "":
		return nil, fmt.Errorf(`"fault" is required`)
	case "NotAuthenticated":
		// The simulator fills in object (the _this MoRef) and privilegeId.
		rule.FaultType = simulator.FaultTypeNotAuthenticated
		if rule.Message == "" {
			rule.Message = "The session is not authenticated."
		}
	case "NoPermission":
		rule.FaultType = simulator.FaultTypeNoPermission
	case "ManagedObjectNotFound":
		rule.FaultType = simulator.FaultTypeManagedObjectNotFound
	case "MethodNotFound":
		rule.FaultType = simulator.FaultTypeMethodNotFound
	default:
		t, ok := vimTypes(r.Fault)
		if !ok || t.Kind() != reflect.Struct {
			return nil, fmt.Errorf("unknown fault type %q", r.Fault)
		}
		fault, ok := reflect.New(t).Interface().(types.BaseMethodFault)
		if !ok {
			return nil, fmt.Errorf("%q is not a fault type", r.Fault)
		}
		if se, ok := fault.(*types.SystemError); ok {
			se.Reason = r.Message
			if se.Reason == "" {
				se.Reason = "fault injected by vcsim-lab"
			}
		}
		rule.FaultType = simulator.FaultTypeCustom
		rule.Fault = fault
	}
	return rule, nil
}
