package main

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/types"
)

// TestHostTransferByTicket: a ticket for a host's URL (what nova-compute asks
// for before it uploads an image) names the host in the hosts file and lets
// exactly one request of that method and path through the host's /folder;
// the file lands on the datastore the host mounts.
func TestHostTransferByTicket(t *testing.T) {
	hosts := filepath.Join(t.TempDir(), "hosts")
	e := newEnv(t, func(c *Config) { c.HostsFile = hosts })
	_, d := e.nfsOnHost()

	const path = "/folder/vmware_temp/x/image.iso"
	query := "?dcPath=ha-datacenter&dsName=nfs1"
	acquire := func(method, url string) string {
		t.Helper()
		res, err := methods.AcquireGenericServiceTicket(e.ctx, e.c, &types.AcquireGenericServiceTicket{
			This: *e.c.ServiceContent.SessionManager,
			Spec: &types.SessionManagerHttpServiceRequestSpec{Method: method, Url: url},
		})
		if err != nil {
			t.Fatalf("AcquireGenericServiceTicket %s %s: %v", method, url, err)
		}
		return res.Returnval.Id
	}
	client := httpsClient(t, e.lab)
	base := strings.TrimSuffix(e.lab.URL(), "/sdk")
	put := func(target, ticket string) int {
		t.Helper()
		req, err := http.NewRequestWithContext(e.ctx, http.MethodPut, base+target, bytes.NewReader([]byte("iso")))
		if err != nil {
			t.Fatal(err)
		}
		req.Host = "esx-01.lab"
		if ticket != "" {
			// oslo.vmware sends the ticket quoted.
			req.Header.Set("Cookie", cgiTicketCookie+`="`+ticket+`"`)
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = res.Body.Close()
		return res.StatusCode
	}

	if _, err := os.Stat(hosts); !os.IsNotExist(err) {
		t.Fatalf("hosts file before any ticket: %v", err)
	}
	ticket := acquire("PUT", "https://esx-01.lab"+path+query)
	if got, _ := os.ReadFile(hosts); string(got) != "127.0.0.1 esx-01.lab\n" {
		t.Fatalf("hosts file: %q", got)
	}
	if code := put(path+query, ""); code != http.StatusUnauthorized {
		t.Fatalf("PUT without a ticket: %d", code)
	}
	if code := put("/folder/elsewhere.iso"+query, ticket); code != http.StatusUnauthorized {
		t.Fatalf("PUT of another path with the ticket: %d", code)
	}
	if code := put(path+query, ticket); code != http.StatusOK {
		t.Fatalf("PUT with the ticket: %d", code)
	}
	if got, err := os.ReadFile(filepath.Join(d.Summary.Url, "vmware_temp", "x", "image.iso")); err != nil || string(got) != "iso" {
		t.Fatalf("the file on the datastore: %q, %v", got, err)
	}
	if code := put(path+query, ticket); code != http.StatusUnauthorized {
		t.Fatalf("PUT with a spent ticket: %d", code)
	}

	// The enum's form of the method; a datastore the host does not mount.
	other := acquire("httpPut", "https://esx-01.lab"+path+"?dcPath=ha-datacenter&dsName=none")
	if code := put(path+"?dcPath=ha-datacenter&dsName=none", other); code != http.StatusNotFound {
		t.Fatalf("PUT to a datastore the host does not mount: %d", code)
	}

	// A URL of no host of the inventory adds nothing to the hosts file; a
	// second ticket for the same host adds no second line.
	acquire("PUT", "https://nowhere.lab"+path+query)
	acquire("PUT", "https://esx-01.lab"+path+query)
	if got, _ := os.ReadFile(hosts); string(got) != "127.0.0.1 esx-01.lab\n" {
		t.Fatalf("hosts file after more tickets: %q", got)
	}
}
