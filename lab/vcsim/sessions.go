package main

import (
	"context"
	"slices"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/types"
)

// expireSessions terminates every SOAP session, as a vCenter restart or an
// idle timeout would: the next call with an old session cookie gets
// NotAuthenticated and the client has to log in again. It returns how many
// sessions it ended.
func (l *Lab) expireSessions() int {
	reg := l.model.Map()
	sm := reg.SessionManager()

	// TerminateSession refuses to end the caller's own session: call it as a
	// session that is not in the list.
	ctx := &simulator.Context{
		Context: context.Background(),
		Map:     reg,
		Session: &simulator.Session{
			UserSession: types.UserSession{Key: "vcsim-lab-control"},
			Registry:    simulator.NewRegistry(),
			Map:         reg,
		},
	}
	n := 0
	for _, s := range l.sessions() {
		// One at a time: a session that ended meanwhile (logout, idle
		// timeout) must not stop the others.
		body := sm.TerminateSession(ctx, &types.TerminateSession{
			This:      sm.Self,
			SessionId: []string{s.Key},
		}).(*methods.TerminateSessionBody)
		if body.Fault() == nil {
			n++
		}
	}
	return n
}

// sessions lists the live SOAP sessions.
func (l *Lab) sessions() []types.UserSession {
	reg := l.model.Map()
	// Session.Get returns a view of the SessionManager whose sessionList holds
	// all sessions (the list itself is private to the simulator).
	view := &simulator.Session{Registry: simulator.NewRegistry(), Map: reg}
	list, ok := view.Get(reg.SessionManager().Reference()).(*simulator.SessionManager)
	if !ok {
		return nil
	}
	return list.SessionList
}

// sessionActive tells whether key (a vmware_soap_session cookie) is a live
// session.
func (l *Lab) sessionActive(key string) bool {
	return slices.ContainsFunc(l.sessions(), func(s types.UserSession) bool { return s.Key == key })
}
