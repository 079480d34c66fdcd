package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/x509"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/session"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

// TestRun starts the program as main does (run with -listen 127.0.0.1:0),
// reads the ready line, uses the server and stops it.
func TestRun(t *testing.T) {
	orig, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chdir(orig) })

	base := t.TempDir()
	// A relative -tls-dir is taken relative to the current directory.
	if err := os.Chdir(base); err != nil {
		t.Fatal(err)
	}
	cfg, err := parseFlags([]string{
		"-listen", "127.0.0.1:0", "-tls-dir", "tls", "-username", testUser, "-password-file", writePasswordFile(t, testPass),
		"-control", "127.0.0.1:0",
	}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	runCtx, stop := context.WithCancel(ctx)
	out, w := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- run(runCtx, cfg, w); w.Close() }()

	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`^vcsim-lab listening on (https://127\.0\.0\.1:(\d+)/sdk)\n$`).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("unexpected ready line %q", line)
	}
	if m[2] == "0" {
		t.Fatalf("ready line shows port 0: %q", line)
	}
	for _, f := range []string{caCertFile, serverCertFile, serverKeyFile} {
		if _, err := os.Stat(filepath.Join(base, "tls", f)); err != nil {
			t.Fatalf("tls file: %v", err)
		}
	}

	lab := &Lab{cfg: Config{TLSDir: filepath.Join(base, "tls")}}
	c := dialURL(ctx, t, m[1], lab.CAFile())
	if err := session.NewManager(c).Login(ctx, url.UserPassword(testUser, testPass)); err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, ctx: ctx, c: c}
	_, folders := e.datacenter("dc1")
	host := e.addHost(e.cluster(folders, "c1"), "esx-01.lab")
	dss, err := host.ConfigManager().DatastoreSystem(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := dss.CreateNasDatastore(ctx, types.HostNasVolumeSpec{
		RemoteHost: "nfs.lab", RemotePath: "/export/a", LocalPath: "nfs-a", AccessMode: "readWrite", Type: "NFS",
	})
	if err != nil {
		t.Fatalf("CreateNasDatastore: %v", err)
	}
	var dsMo mo.Datastore
	e.props(ds.Reference(), &dsMo, "name")
	if dsMo.Name != "nfs-a" {
		t.Fatalf("datastore name %q, want nfs-a", dsMo.Name)
	}

	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return after cancel")
	}
	if _, err := net.DialTimeout("tcp", "127.0.0.1:"+m[2], time.Second); err == nil {
		t.Fatal("server still listening after stop")
	}
}

func TestParseFlagsRequiresCredentials(t *testing.T) {
	if _, err := parseFlags([]string{"-tls-dir", "x", "-username", "u"}, io.Discard); err == nil {
		t.Fatal("missing -password-file accepted")
	}
	empty := writePasswordFile(t, "\n")
	if _, err := parseFlags([]string{"-tls-dir", "x", "-username", "u", "-password-file", empty}, io.Discard); err == nil {
		t.Fatal("empty password file accepted")
	}
}

// writePasswordFile writes password to a file in a temporary directory.
func writePasswordFile(t *testing.T, password string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "password")
	if err := os.WriteFile(path, []byte(password), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// certsIn returns a check of the server certificate kept in dir for a name,
// against the CA kept beside it.
func certsIn(t *testing.T, dir string) func(name string) error {
	t.Helper()
	ca, err := readCert(filepath.Join(dir, caCertFile))
	if err != nil {
		t.Fatal(err)
	}
	server, err := readCert(filepath.Join(dir, serverCertFile))
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AddCert(ca)
	return func(name string) error {
		_, err := server.Verify(x509.VerifyOptions{Roots: roots, DNSName: name})
		return err
	}
}

// TestTLSFilesCoverTheListenAddress checks that a lab vCenter on a loopback
// address of its own gets a certificate naming it: one made for another address
// is issued again by the same CA, which clients keep trusting.
func TestTLSFilesCoverTheListenAddress(t *testing.T) {
	dir := t.TempDir()
	if _, err := ensureCerts(dir, "127.0.0.1"); err != nil {
		t.Fatal(err)
	}
	caBefore, _ := os.ReadFile(filepath.Join(dir, caCertFile))
	if _, err := ensureCerts(dir, "127.0.0.2"); err != nil {
		t.Fatal(err)
	}
	caAfter, _ := os.ReadFile(filepath.Join(dir, caCertFile))
	if !bytes.Equal(caBefore, caAfter) {
		t.Fatal("the CA changed")
	}
	verify := certsIn(t, dir)
	for _, name := range []string{"127.0.0.2", "127.0.0.1", "localhost"} {
		if err := verify(name); err != nil {
			t.Fatalf("server certificate for %s: %v", name, err)
		}
	}
	if verify("127.0.0.3") == nil {
		t.Fatal("the certificate names 127.0.0.3, which the simulator does not listen on")
	}
}

// TestTLSFiles checks the generated CA and server certificate and that a
// restart reuses them.
func TestTLSFiles(t *testing.T) {
	dir := t.TempDir()
	if _, err := ensureCerts(dir, "127.0.0.1"); err != nil {
		t.Fatal(err)
	}
	ca, err := readCert(filepath.Join(dir, caCertFile))
	if err != nil {
		t.Fatal(err)
	}
	server, err := readCert(filepath.Join(dir, serverCertFile))
	if err != nil {
		t.Fatal(err)
	}
	if !ca.IsCA || ca.PublicKeyAlgorithm != x509.ECDSA {
		t.Fatalf("CA: IsCA=%v alg=%v", ca.IsCA, ca.PublicKeyAlgorithm)
	}
	if years := ca.NotAfter.Sub(ca.NotBefore).Hours() / 24 / 365; years < 9.9 {
		t.Fatalf("CA valid for %.1f years", years)
	}
	roots := x509.NewCertPool()
	roots.AddCert(ca)
	for _, name := range []string{"localhost", "127.0.0.1", "::1"} {
		if _, err := server.Verify(x509.VerifyOptions{Roots: roots, DNSName: name}); err != nil {
			t.Fatalf("server certificate for %s: %v", name, err)
		}
	}
	if info, err := os.Stat(filepath.Join(dir, serverKeyFile)); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("server key mode: %v %v", info.Mode(), err)
	}

	before, _ := os.ReadFile(filepath.Join(dir, serverCertFile))
	if _, err := ensureCerts(dir, "127.0.0.1"); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, serverCertFile))
	if !bytes.Equal(before, after) {
		t.Fatal("server certificate was regenerated although present")
	}

	// Without the server files, a new server certificate comes from the same CA.
	if err := os.Remove(filepath.Join(dir, serverCertFile)); err != nil {
		t.Fatal(err)
	}
	if _, err := ensureCerts(dir, "127.0.0.1"); err != nil {
		t.Fatal(err)
	}
	reissued, err := readCert(filepath.Join(dir, serverCertFile))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := reissued.Verify(x509.VerifyOptions{Roots: roots, DNSName: "localhost"}); err != nil {
		t.Fatalf("reissued certificate not from the same CA: %v", err)
	}
}

// TestLogin: only the configured credentials log in; a wrong password gets
// InvalidLogin; calls without a session get NotAuthenticated.
func TestLogin(t *testing.T) {
	lab := startLab(t)
	ctx := context.Background()

	for _, creds := range []*url.Userinfo{
		url.UserPassword(testUser, "wrong"),
		url.UserPassword("someone-else", testPass),
		url.UserPassword("user", "pass"), // the simulator's default login
	} {
		c := dial(ctx, t, lab)
		err := session.NewManager(c).Login(ctx, creds)
		if got := faultName(err); got != "InvalidLogin" {
			t.Fatalf("login as %s: got %s, want InvalidLogin", creds.Username(), got)
		}
	}

	c := dial(ctx, t, lab)
	_, err := object.NewRootFolder(c).CreateFolder(ctx, "f")
	if got := faultName(err); got != "NotAuthenticated" {
		t.Fatalf("CreateFolder without login: got %s, want NotAuthenticated", got)
	}

	if err := session.NewManager(c).Login(ctx, url.UserPassword(testUser, testPass)); err != nil {
		t.Fatalf("login with the right password: %v", err)
	}
	if _, err := object.NewRootFolder(c).CreateFolder(ctx, "f"); err != nil {
		t.Fatalf("CreateFolder after login: %v", err)
	}
}

// TestListenBusy: a taken port is an error, not a panic.
func TestListenBusy(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	_, err = Start(Config{Listen: l.Addr().String(), TLSDir: t.TempDir(), Username: "u", Password: "p"})
	if err == nil {
		t.Fatal("Start on a busy port succeeded")
	}
}
