package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestREADMERoundTrip runs the planner's round trip exactly as the README
// shows it, so the documented commands cannot drift from the real ones.
func TestREADMERoundTrip(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(b), "A planner's round trip:")
	if !ok {
		t.Fatal("README lacks the planner's round trip")
	}
	_, block, _ := strings.Cut(after, "```sh\n")
	block, _, _ = strings.Cut(block, "```")
	var cmds [][]string
	for _, line := range strings.Split(block, "\n") {
		line, _, _ = strings.Cut(line, "#")
		if f := strings.Fields(line); len(f) > 0 && f[0] == "clinicsim" {
			cmds = append(cmds, f[1:])
		}
	}
	if len(cmds) < 3 {
		t.Fatalf("found %d commands in the round trip, want init, validate and run", len(cmds))
	}
	t.Chdir(t.TempDir())
	for _, args := range cmds {
		if code, _, stderr := clinicsim(t, args...); code != 0 {
			t.Fatalf("clinicsim %s = exit %d: %s", strings.Join(args, " "), code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join("out", "my-district", "verdicts.csv")); err != nil {
		t.Errorf("the round trip wrote no verdicts: %v", err)
	}
}
