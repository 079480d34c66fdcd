package main

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vmware/govmomi/vim25/soap"
)

// TestFolderNeedsSession: /folder answers 401 without a live session, and
// serves files with the session cookie (as govc's datastore.upload sends it)
// or the credentials as basic authentication.
func TestFolderNeedsSession(t *testing.T) {
	e := newEnv(t)
	_, d := e.nfsOnHost()
	client := httpsClient(t, e.lab)
	u := strings.TrimSuffix(e.lab.URL(), "/sdk") + "/folder/images/a.img?" + url.Values{"dcPath": {"dc1"}, "dsName": {"nfs1"}}.Encode()
	cookie := e.c.Jar.Cookies(e.c.URL())
	if len(cookie) != 1 || cookie[0].Name != soap.SessionCookieName {
		t.Fatalf("session cookies %v", cookie)
	}

	do := func(method, target string, body []byte, auth func(*http.Request)) (int, []byte) {
		t.Helper()
		req, err := http.NewRequestWithContext(e.ctx, method, target, bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if auth != nil {
			auth(req)
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode == http.StatusUnauthorized && res.Header.Get("WWW-Authenticate") == "" {
			t.Errorf("%s %s: 401 without WWW-Authenticate", method, target)
		}
		return res.StatusCode, b
	}
	withCookie := func(r *http.Request) { r.AddCookie(cookie[0]) }
	staleCookie := func(r *http.Request) {
		r.AddCookie(&http.Cookie{Name: soap.SessionCookieName, Value: "00000000-0000-0000-0000-000000000000"})
	}
	basic := func(user, pass string) func(*http.Request) {
		return func(r *http.Request) { r.SetBasicAuth(user, pass) }
	}
	local := filepath.Join(d.Summary.Url, "images", "a.img")

	// Refused, whatever the method or path, and nothing written.
	root := strings.TrimSuffix(e.lab.URL(), "/sdk") + "/folder"
	for _, c := range []struct {
		method, target string
		auth           func(*http.Request)
	}{
		{http.MethodPut, u, nil}, {http.MethodPut, u, staleCookie}, {http.MethodPut, u, basic(testUser, "wrong")},
		{http.MethodGet, u, nil}, {http.MethodHead, u, nil}, {"OPTIONS", u, nil}, {"PROPFIND", u, nil},
		{http.MethodGet, root + "?dcPath=dc1&dsName=nfs1", nil}, {http.MethodGet, root + "/images/?dcPath=dc1&dsName=nfs1", nil},
	} {
		if code, _ := do(c.method, c.target, []byte("image"), c.auth); code != http.StatusUnauthorized {
			t.Errorf("%s %s without a session: %d, want 401", c.method, c.target, code)
		}
	}
	if _, err := os.Stat(local); !os.IsNotExist(err) {
		t.Fatalf("refused PUT wrote the file: %v", err)
	}

	// With the session cookie: written, read back.
	if code, b := do(http.MethodPut, u, []byte("image"), withCookie); code != http.StatusOK {
		t.Fatalf("PUT with the session: %d %s", code, b)
	}
	if b, err := os.ReadFile(local); err != nil || string(b) != "image" {
		t.Fatalf("on the volume: %q, %v", b, err)
	}
	if code, b := do(http.MethodGet, u, nil, withCookie); code != http.StatusOK || string(b) != "image" {
		t.Fatalf("GET with the session: %d %q", code, b)
	}
	if code, b := do(http.MethodGet, u, nil, basic(testUser, testPass)); code != http.StatusOK || string(b) != "image" {
		t.Fatalf("GET with basic authentication: %d %q", code, b)
	}

	// govmomi's client (govc datastore.upload/download) sends the cookie.
	p := soap.DefaultUpload
	p.ContentLength = 3
	pu, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.c.Upload(e.ctx, strings.NewReader("abc"), pu, &p); err != nil {
		t.Fatalf("soap.Client.Upload: %v", err)
	}
	rd, _, err := e.c.Download(e.ctx, pu, &soap.DefaultDownload)
	if err != nil {
		t.Fatalf("soap.Client.Download: %v", err)
	}
	b, _ := io.ReadAll(rd)
	rd.Close()
	if string(b) != "abc" {
		t.Fatalf("downloaded %q", b)
	}

	// The session ends: refused again.
	if n := e.lab.expireSessions(); n == 0 {
		t.Fatal("no session expired")
	}
	if code, _ := do(http.MethodGet, u, nil, withCookie); code != http.StatusUnauthorized {
		t.Fatalf("GET with an expired session: %d, want 401", code)
	}
}
