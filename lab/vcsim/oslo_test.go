package main

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"
)

// python is Debian's interpreter, which has the python3-oslo.vmware package
// (python3 on PATH may be another one without it).
const python = "/usr/bin/python3"

// TestOsloVMware runs what nova-compute, cinder and glance_store do first
// through the real oslo.vmware (testdata/oslo_vmware_check.py): WSDL, login,
// inventory reads, RegisterExtension, WaitForUpdatesEx, /folder, a task.
func TestOsloVMware(t *testing.T) {
	if out, err := exec.Command(python, "-c", "import oslo_vmware, suds").CombinedOutput(); err != nil {
		t.Fatalf("%s cannot import oslo_vmware: install python3-oslo.vmware (the lab's python3-nova pulls it in): %v\n%s", python, err, out)
	}
	e := newEnv(t)
	_, folders := e.datacenter("dc1")
	h := e.addHost(e.cluster(folders, "c1"), "esx-01.lab")
	for _, name := range []string{"nfs1", "nfs2"} {
		if _, err := e.datastoreSystem(h).CreateNasDatastore(e.ctx, nfsSpec(name, "/export/"+name)); err != nil {
			t.Fatal(err)
		}
	}
	u, err := url.Parse(e.lab.URL())
	if err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, python, "testdata/oslo_vmware_check.py", u.Hostname(), u.Port(), e.lab.CAFile(), testUser)
	cmd.Stdin = strings.NewReader(testPass + "\n")
	// REQUESTS_CA_BUNDLE would replace the cacert oslo.vmware is given.
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "REQUESTS_CA_BUNDLE=") && !strings.HasPrefix(kv, "CURL_CA_BUNDLE=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err = cmd.Run()
	t.Logf("oslo.vmware check (%v):\n%s", time.Since(start).Round(time.Millisecond), stdout.String())
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	for _, step := range []string{
		`ok login VMware vCenter Server 8\.0\.3`, `ok SessionIsActive`, `ok rootFolder childEntity datacenter-`,
		`ok get_objects Datastore nfs1,nfs2`, `ok RegisterExtension org\.openstack\.compute \d{4}-.*\+00:00`,
		`ok CurrentTime`, `ok WaitForUpdatesEx`, `ok /folder write and read 1216`, `ok /folder without the cookie 401`,
		`ok DeleteDatastoreFile_Task task-`, `ok Logout`,
	} {
		if !regexp.MustCompile(`(?m)^` + step).MatchString(stdout.String()) {
			t.Errorf("step %q missing", step)
		}
	}
	// The lab saw the calls.
	calls := e.lab.calls.snapshot()
	for _, m := range []string{"RetrieveServiceContent", "Login", "SessionIsActive", "RetrievePropertiesEx",
		"ContinueRetrievePropertiesEx", "FindExtension", "RegisterExtension", "CurrentTime", "CreateFilter",
		"WaitForUpdatesEx", "DeleteDatastoreFile_Task", "Logout"} {
		if calls[m] == 0 {
			t.Errorf("no %s call reached the lab", m)
		}
	}
}
