package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/google/uuid"
)

// instanceUUID returns the vCenter's about.instanceUuid. A real vCenter keeps
// its UUID for life and no two share one; the simulator derives it from the
// machine's network card, so every simulator on a machine would report the
// same. With file == "" each start gets a new random UUID; otherwise the UUID
// kept in file is used, and a new random one is written there when the file is
// missing, so that restarts keep it.
func instanceUUID(file string) (string, error) {
	if file == "" {
		return uuid.NewString(), nil
	}
	data, err := os.ReadFile(file)
	if errors.Is(err, os.ErrNotExist) {
		id := uuid.NewString()
		return id, os.WriteFile(file, []byte(id+"\n"), 0o644)
	}
	if err != nil {
		return "", err
	}
	id, err := uuid.Parse(strings.TrimSpace(string(data)))
	if err != nil {
		return "", fmt.Errorf("%s: %w", file, err)
	}
	return id.String(), nil
}
