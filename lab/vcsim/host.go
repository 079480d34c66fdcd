package main

import (
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// Host fixes: EnterMaintenanceMode_Task, ExitMaintenanceMode_Task and
// ReconnectHost_Task. The simulator sets runtime.inMaintenanceMode and
// runtime.connectionState directly, so property collectors waiting on them
// (WaitForUpdatesEx) never hear of the change, and it accepts entering
// maintenance mode twice or leaving it when not in it.

// EnterMaintenanceModeTask models vCenter: a host already in maintenance
// mode fails with InvalidState; otherwise runtime.inMaintenanceMode (and
// summary.runtime) becomes true for every watcher. The lab's hosts run no
// powered-on VMs that would have to be moved first.
func (h *hostOverride) EnterMaintenanceModeTask(ctx *simulator.Context, req *types.EnterMaintenanceMode_Task) soap.HasFault {
	ref := h.setMaintenanceMode(ctx, "enterMaintenanceMode", true)
	return &methods.EnterMaintenanceMode_TaskBody{Res: &types.EnterMaintenanceMode_TaskResponse{Returnval: ref}}
}

// ExitMaintenanceModeTask models vCenter: a host not in maintenance mode
// fails with InvalidState; otherwise the flag becomes false for every watcher.
func (h *hostOverride) ExitMaintenanceModeTask(ctx *simulator.Context, req *types.ExitMaintenanceMode_Task) soap.HasFault {
	ref := h.setMaintenanceMode(ctx, "exitMaintenanceMode", false)
	return &methods.ExitMaintenanceMode_TaskBody{Res: &types.ExitMaintenanceMode_TaskResponse{Returnval: ref}}
}

func (h *hostOverride) setMaintenanceMode(ctx *simulator.Context, task string, on bool) types.ManagedObjectReference {
	host := h.HostSystem
	return runTask(ctx, host, task, func() types.BaseMethodFault {
		if host.Runtime.InMaintenanceMode == on {
			return &types.InvalidState{}
		}
		ctx.Update(host, []types.PropertyChange{
			change("runtime.inMaintenanceMode", on),
			change("summary.runtime.inMaintenanceMode", on),
		})
		return nil
	})
}

// ReconnectHostTask models vCenter: new connection settings (cnxSpec) are
// verified like AddHost_Task's — a sslThumbprint that is not the host's fails
// with SSLVerifyFault — and the host's connected state reaches every watcher.
func (h *hostOverride) ReconnectHostTask(ctx *simulator.Context, req *types.ReconnectHost_Task) soap.HasFault {
	host := h.HostSystem
	ref := runTask(ctx, host, "reconnectHost", func() types.BaseMethodFault {
		if req.CnxSpec != nil {
			if fault := verifyThumbprint(req.CnxSpec.SslThumbprint); fault != nil {
				return fault
			}
		}
		connected := types.HostSystemConnectionStateConnected
		ctx.Update(host, []types.PropertyChange{
			change("runtime.connectionState", connected),
			change("summary.runtime.connectionState", connected),
		})
		return nil
	})
	return &methods.ReconnectHost_TaskBody{Res: &types.ReconnectHost_TaskResponse{Returnval: ref}}
}
