package main

import (
	"bytes"
	"os"
	"testing"
)

// TestUpToDate fails when ../../wsdl_methods.go is not what the generator
// writes for the govmomi version in go.mod.
func TestUpToDate(t *testing.T) {
	want, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile("../../wsdl_methods.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, want) {
		t.Fatal("wsdl_methods.go is stale: run go generate in lab/vcsim")
	}
	if !bytes.Contains(want, []byte("methods.RetrievePropertiesExBody")) {
		t.Fatal("RetrievePropertiesEx is missing from the generated list")
	}
}
