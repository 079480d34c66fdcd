package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/session"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/types"
)

func control(t *testing.T, lab *Lab, method, path, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, lab.ControlURL()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(data)
}

func addFault(t *testing.T, lab *Lab, rule string) {
	t.Helper()
	if code, body := control(t, lab, "POST", "/faults", rule); code != http.StatusCreated {
		t.Fatalf("POST /faults %s: %d %s", rule, code, body)
	}
}

func listFaults(t *testing.T, lab *Lab) []faultRuleStatus {
	t.Helper()
	code, body := control(t, lab, "GET", "/faults", "")
	if code != http.StatusOK {
		t.Fatalf("GET /faults: %d %s", code, body)
	}
	var rules []faultRuleStatus
	if err := json.Unmarshal([]byte(body), &rules); err != nil {
		t.Fatal(err)
	}
	return rules
}

func TestControlHealthz(t *testing.T) {
	lab := startLab(t)
	if code, body := control(t, lab, "GET", "/healthz", ""); code != http.StatusOK || body != "ok" {
		t.Fatalf("healthz: %d %q", code, body)
	}
}

func TestControlLoopbackOnly(t *testing.T) {
	_, err := Start(Config{Listen: "127.0.0.1:0", TLSDir: t.TempDir(), Username: "u", Password: "p", Control: "0.0.0.0:0"})
	if err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Fatalf("control on 0.0.0.0: %v", err)
	}
}

func TestControlFaults(t *testing.T) {
	e := newEnv(t)
	lab := e.lab
	_, f1 := e.datacenter("dc1")
	_, f2 := e.datacenter("dc2")

	// A counted fault fires once, then the call works again.
	addFault(t, lab, `{"method":"CreateFolder","fault":"SystemError","count":1,"message":"boom"}`)
	_, err := f1.VmFolder.CreateFolder(e.ctx, "a")
	se, ok := vimFault(err).(*types.SystemError)
	if !ok || se.Reason != "boom" {
		t.Fatalf("first CreateFolder: got %s %+v, want SystemError with reason boom", faultName(err), vimFault(err))
	}
	if _, err := f1.VmFolder.CreateFolder(e.ctx, "a"); err != nil {
		t.Fatalf("second CreateFolder: %v", err)
	}
	rules := listFaults(t, lab)
	if len(rules) != 1 || rules[0].Method != "CreateFolder" || rules[0].Fault != "SystemError" || rules[0].Injected != 1 {
		t.Fatalf("GET /faults: %+v", rules)
	}

	// objectType/objectId pick one object; delayMs delays the answer.
	addFault(t, lab, `{"method":"CreateFolder","objectType":"Folder","objectId":"`+f1.NetworkFolder.Reference().Value+`","fault":"ManagedObjectNotFound"}`)
	addFault(t, lab, `{"method":"CreateFolder","objectId":"`+f2.NetworkFolder.Reference().Value+`","fault":"NotAuthenticated","delayMs":200}`)
	_, err = f1.NetworkFolder.CreateFolder(e.ctx, "n")
	if mf, ok := vimFault(err).(*types.ManagedObjectNotFound); !ok || mf.Obj != f1.NetworkFolder.Reference() {
		t.Fatalf("CreateFolder on the targeted folder: got %s %+v", faultName(err), vimFault(err))
	}
	start := time.Now()
	_, err = f2.NetworkFolder.CreateFolder(e.ctx, "n")
	if got := faultName(err); got != "NotAuthenticated" {
		t.Fatalf("CreateFolder on dc2 network: got %s, want NotAuthenticated", got)
	}
	if d := time.Since(start); d < 200*time.Millisecond {
		t.Fatalf("delayMs 200 answered after %v", d)
	}
	if _, err := f2.VmFolder.CreateFolder(e.ctx, "other"); err != nil {
		t.Fatalf("CreateFolder on an untargeted folder: %v", err)
	}

	// probability 0 never fires; task methods get the fault directly.
	addFault(t, lab, `{"method":"CreateDatacenter","fault":"SystemError","probability":0}`)
	if _, err := e.root().CreateDatacenter(e.ctx, "dc3"); err != nil {
		t.Fatalf("CreateDatacenter with a probability-0 rule: %v", err)
	}
	addFault(t, lab, `{"method":"CreateDVS_Task","fault":"TaskInProgress"}`)
	_, err = f1.NetworkFolder.CreateDVS(e.ctx, types.DVSCreateSpec{ConfigSpec: &types.DVSConfigSpec{Name: "dvs1"}})
	if got := faultName(err); got != "TaskInProgress" {
		t.Fatalf("CreateDVS_Task: got %s, want TaskInProgress", got)
	}
	if n := len(listFaults(t, lab)); n != 5 {
		t.Fatalf("%d rules listed, want 5", n)
	}

	// DELETE clears them.
	if code, body := control(t, lab, "DELETE", "/faults", ""); code != http.StatusNoContent {
		t.Fatalf("DELETE /faults: %d %s", code, body)
	}
	if rules := listFaults(t, lab); len(rules) != 0 {
		t.Fatalf("rules after DELETE: %+v", rules)
	}
	if _, err := f1.NetworkFolder.CreateFolder(e.ctx, "n"); err != nil {
		t.Fatalf("CreateFolder after clearing: %v", err)
	}
	e.mustTask(f1.NetworkFolder.CreateDVS(e.ctx, types.DVSCreateSpec{ConfigSpec: &types.DVSConfigSpec{Name: "dvs1"}}))
}

func TestControlFaultValidation(t *testing.T) {
	lab := startLab(t)
	for _, body := range []string{
		`{"method":"CreateFolder","fault":"NoSuchFault"}`,
		`{"method":"CreateFolder","fault":"CreateFolder"}`,
		`{"method":"NoSuchMethod","fault":"SystemError"}`,
		`{"fault":"SystemError"}`,
		`{"method":"CreateFolder"}`,
		`{"method":"CreateFolder","fault":"SystemError","probability":2}`,
		`{"method":"CreateFolder","fault":"SystemError","count":-1}`,
		`{"method":"CreateFolder","fault":"SystemError","unknownField":1}`,
		`not json`,
	} {
		if code, resp := control(t, lab, "POST", "/faults", body); code != http.StatusBadRequest {
			t.Fatalf("POST /faults %s: %d %s, want 400", body, code, resp)
		}
	}
	if rules := listFaults(t, lab); len(rules) != 0 {
		t.Fatalf("rules after invalid posts: %+v", rules)
	}
}

func TestSessionExpiry(t *testing.T) {
	e := newEnv(t)
	lab := e.lab
	other := dial(e.ctx, t, lab)
	if err := session.NewManager(other).Login(e.ctx, url.UserPassword(testUser, testPass)); err != nil {
		t.Fatal(err)
	}

	code, body := control(t, lab, "POST", "/sessions/expire", "")
	if code != http.StatusOK || strings.TrimSpace(body) != `{"expired":2}` {
		t.Fatalf("POST /sessions/expire: %d %s", code, body)
	}

	// The next call with the old session cookie is not authenticated.
	_, err := e.root().CreateFolder(e.ctx, "f")
	if got := faultName(err); got != "NotAuthenticated" {
		t.Fatalf("CreateFolder after expiry: got %s, want NotAuthenticated", got)
	}
	// Property reads answer with a NotAuthenticated per property (missingSet).
	res, err := methods.RetrievePropertiesEx(e.ctx, other, &types.RetrievePropertiesEx{
		This: other.ServiceContent.PropertyCollector,
		SpecSet: []types.PropertyFilterSpec{{
			PropSet:   []types.PropertySpec{{Type: "Folder", PathSet: []string{"name"}}},
			ObjectSet: []types.ObjectSpec{{Obj: other.ServiceContent.RootFolder}},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Returnval == nil || len(res.Returnval.Objects) != 1 || len(res.Returnval.Objects[0].MissingSet) != 1 ||
		faultTypeName(res.Returnval.Objects[0].MissingSet[0].Fault.Fault) != "NotAuthenticated" {
		t.Fatalf("RetrievePropertiesEx after expiry: %+v", res.Returnval)
	}

	// Logging in again works.
	if err := session.NewManager(e.c).Login(e.ctx, url.UserPassword(testUser, testPass)); err != nil {
		t.Fatalf("login after expiry: %v", err)
	}
	if _, err := object.NewRootFolder(e.c).CreateFolder(e.ctx, "f"); err != nil {
		t.Fatalf("CreateFolder after new login: %v", err)
	}
	if code, body := control(t, lab, "POST", "/sessions/expire", ""); code != http.StatusOK || strings.TrimSpace(body) != `{"expired":1}` {
		t.Fatalf("second expire: %d %s", code, body)
	}
}

// TestControlCalls: the control endpoint counts the SOAP calls received, by method.
func TestControlCalls(t *testing.T) {
	e := newEnv(t)
	var before map[string]int
	_, body := control(t, e.lab, "GET", "/calls", "")
	if err := json.Unmarshal([]byte(body), &before); err != nil {
		t.Fatal(err)
	}
	e.datacenter("dc1")
	e.datacenter("dc2")
	var after map[string]int
	_, body = control(t, e.lab, "GET", "/calls", "")
	if err := json.Unmarshal([]byte(body), &after); err != nil {
		t.Fatal(err)
	}
	if got := after["CreateDatacenter"] - before["CreateDatacenter"]; got != 2 {
		t.Fatalf("CreateDatacenter counted %d times, want 2 (%v)", got, after)
	}
	if after["Login"] < 1 {
		t.Fatalf("Login not counted: %v", after)
	}
}
