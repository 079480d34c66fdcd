package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/uuid"
)

// aboutInstanceUUID is the about.instanceUuid a client reads from lab.
func aboutInstanceUUID(t *testing.T, lab *Lab) string {
	t.Helper()
	return dial(context.Background(), t, lab).ServiceContent.About.InstanceUuid
}

// TestInstanceUUIDDiffers: two simulators on one machine report different
// instance UUIDs, as two vCenters do.
func TestInstanceUUIDDiffers(t *testing.T) {
	a := aboutInstanceUUID(t, startLab(t))
	b := aboutInstanceUUID(t, startLab(t))
	for _, id := range []string{a, b} {
		if _, err := uuid.Parse(id); err != nil {
			t.Fatalf("instanceUuid %q: %v", id, err)
		}
	}
	if a == b {
		t.Fatalf("both simulators report instanceUuid %s", a)
	}
}

// TestInstanceUUIDFile: the UUID is written to -instance-uuid-file on the
// first start and reported again by the next start with that file; a file
// that holds no UUID stops the start.
func TestInstanceUUIDFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "instance-uuid")
	withFile := func(cfg *Config) { cfg.InstanceUUIDFile = file }

	id := aboutInstanceUUID(t, startLab(t, withFile))
	kept, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if string(kept) != id+"\n" {
		t.Fatalf("%s holds %q, the simulator reports %q", file, kept, id)
	}

	if again := aboutInstanceUUID(t, startLab(t, withFile)); again != id {
		t.Fatalf("the next start reports instanceUuid %s, want %s", again, id)
	}

	if err := os.WriteFile(file, []byte("not-a-uuid\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Start(Config{
		Listen: "127.0.0.1:0", TLSDir: t.TempDir(), Username: testUser, Password: testPass, InstanceUUIDFile: file,
	})
	if err == nil || !strings.HasPrefix(err.Error(), "instance UUID: "+file+": ") {
		t.Fatalf("Start with a file holding no UUID: got %v", err)
	}
}
