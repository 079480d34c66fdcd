package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

func TestDatastoreDirectories(t *testing.T) {
	e := newEnv(t)
	dc, folders := e.datacenter("dc1")
	h := e.addHost(e.cluster(folders, "c1"), "esx-01.lab")
	ds, err := e.datastoreSystem(h).CreateNasDatastore(e.ctx, nfsSpec("nfs1", "/export/a"))
	if err != nil {
		t.Fatal(err)
	}
	fm := object.NewFileManager(e.c)

	// Nested directories with createParentDirectories.
	if err := fm.MakeDirectory(e.ctx, "[nfs1] a/b", dc, true); err != nil {
		t.Fatalf("MakeDirectory: %v (%s)", err, faultName(err))
	}
	var d mo.Datastore
	e.props(ds.Reference(), &d, "summary")
	if fi, err := os.Stat(filepath.Join(d.Summary.Url, "a", "b")); err != nil || !fi.IsDir() {
		t.Fatalf("a/b on the volume: %v", err)
	}

	// An existing path is FileAlreadyExists, with or without parents.
	for _, parents := range []bool{true, false} {
		err := fm.MakeDirectory(e.ctx, "[nfs1] a/b", dc, parents)
		if f, ok := vimFault(err).(*types.FileAlreadyExists); !ok || f.File != "[nfs1] a/b" {
			t.Fatalf("MakeDirectory of an existing path (parents %v): %v (%s)", parents, err, faultName(err))
		}
	}

	// The browser finds it; deleting it takes its contents along.
	browser := object.NewHostDatastoreBrowser(e.c, mustBrowser(e, ds.Reference()))
	search := func(path string) (*types.HostDatastoreBrowserSearchResults, error) {
		res, err := e.task(browser.SearchDatastore(e.ctx, path, &types.HostDatastoreBrowserSearchSpec{MatchPattern: []string{"*"}}))
		if err != nil {
			return nil, err
		}
		r := res.(types.HostDatastoreBrowserSearchResults)
		return &r, nil
	}
	if err := os.WriteFile(filepath.Join(d.Summary.Url, "a", "b", "image"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := search("[nfs1] a")
	if err != nil || len(res.File) != 1 || res.File[0].GetFileInfo().Path != "b" {
		t.Fatalf("search [nfs1] a: %+v, %v", res, err)
	}
	e.mustTask(fm.DeleteDatastoreFile(e.ctx, "[nfs1] a/b", dc))
	if _, err := search("[nfs1] a/b"); faultName(err) != "FileNotFound" {
		t.Fatalf("search after delete: %v (%s)", err, faultName(err))
	}

	// Deleting what is not there names the datastore path; the root is not a file.
	_, err = e.task(fm.DeleteDatastoreFile(e.ctx, "[nfs1] a/b", dc))
	if f, ok := vimFault(err).(*types.FileNotFound); !ok || f.File != "[nfs1] a/b" {
		t.Fatalf("deleting a missing file: %v (%s)", err, faultName(err))
	}
	if _, err := e.task(fm.DeleteDatastoreFile(e.ctx, "[nfs1]", dc)); faultName(err) != "InvalidDatastorePath" {
		t.Fatalf("deleting the root: %v (%s)", err, faultName(err))
	}
	if fi, err := os.Stat(d.Summary.Url); err != nil || !fi.IsDir() {
		t.Fatalf("the volume directory: %v", err)
	}
}

func TestCopyDatastoreFileMakesParents(t *testing.T) {
	e := newEnv(t)
	dc, d := e.nfsOnHost()
	if err := os.MkdirAll(filepath.Join(d.Summary.Url, "images"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(d.Summary.Url, "images", "i1"), []byte("image"), 0o600); err != nil {
		t.Fatal(err)
	}
	fm := object.NewFileManager(e.c)
	e.mustTask(fm.CopyDatastoreFile(e.ctx, "[nfs1] images/i1", dc, "[nfs1] tmp/u1/i1/i1.iso", dc, false))
	if data, err := os.ReadFile(filepath.Join(d.Summary.Url, "tmp", "u1", "i1", "i1.iso")); err != nil || string(data) != "image" {
		t.Fatalf("the copy: %q, %v", data, err)
	}
	// A missing source is still FileNotFound, and makes no folder.
	_, err := e.task(fm.CopyDatastoreFile(e.ctx, "[nfs1] images/i2", dc, "[nfs1] tmp/u2/i2.iso", dc, false))
	if faultName(err) != "FileNotFound" {
		t.Fatalf("copying a missing file: %v (%s)", err, faultName(err))
	}
	if _, err := os.Stat(filepath.Join(d.Summary.Url, "tmp", "u2")); !os.IsNotExist(err) {
		t.Fatalf("tmp/u2 after a failed copy: %v", err)
	}
}

func mustBrowser(e *env, ds types.ManagedObjectReference) types.ManagedObjectReference {
	var d mo.Datastore
	e.props(ds, &d, "browser")
	return d.Browser
}
