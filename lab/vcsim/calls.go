package main

import (
	"sync"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

// callCounter counts the SOAP calls the simulator receives, by method, so that
// tests can measure what a client really sent (GET /calls on the control
// endpoint).
type callCounter struct {
	mu     sync.Mutex
	counts map[string]int
}

func (c *callCounter) record(method string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.counts == nil {
		c.counts = map[string]int{}
	}
	c.counts[method]++
}

// snapshot returns a copy of the counts so far.
func (c *callCounter) snapshot() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]int, len(c.counts))
	for method, n := range c.counts {
		out[method] = n
	}
	return out
}

// countingDispatch counts every call, then hands it to the lab's overrides.
func (l *Lab) countingDispatch(ctx *simulator.Context, method *simulator.Method) (mo.Reference, types.BaseMethodFault) {
	l.calls.record(method.Name)
	return l.dispatch(ctx, method)
}
