package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMonteCarloOutputsDoNotDependOnWorkers runs 200 draws of the default
// scenario with one and with two workers: every file must be the same.
func TestMonteCarloOutputsDoNotDependOnWorkers(t *testing.T) {
	dir := t.TempDir()
	for _, j := range []string{"1", "2"} {
		if code, _, stderr := clinicsim(t, "run", "--draws", "200", "-j", j, "--out", filepath.Join(dir, j), "-q"); code != 0 {
			t.Fatalf("run -j %s: %s", j, stderr)
		}
	}
	for _, f := range []string{"mc_summary.csv", "probabilities.csv", "first_year.csv", "charts/probabilities.png", "charts/fan-gps_per_10000.png"} {
		a, err := os.ReadFile(filepath.Join(dir, "1", f))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(filepath.Join(dir, "2", f))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between -j 1 and -j 2", f)
		}
	}
	p, _ := os.ReadFile(filepath.Join(dir, "1", "probabilities.csv"))
	if !strings.Contains(string(p), "gps_per_10000,") {
		t.Errorf("probabilities.csv lacks the GP target:\n%s", p)
	}
}

func TestSensitivityAndGoalSeekCommands(t *testing.T) {
	out := filepath.Join(t.TempDir(), "sens")
	code, stdout, stderr := clinicsim(t, "sensitivity", "--draws", "50", "--out", out)
	if code != 0 || !strings.Contains(stdout, "gp_transfer.intake") {
		t.Fatalf("sensitivity = exit %d\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "tornado-gps_per_10000-2025.png")); err != nil {
		t.Error(err)
	}
	code, stdout, stderr = clinicsim(t, "goalseek", "--target", "gps_per_10000", "--lever", "hires", "--tier", "chs_centre", "--cadre", "gp", "--min", "0", "--max", "60")
	if code != 0 || !strings.Contains(stdout, "smallest value at which the target is met: 9.7") {
		t.Errorf("goalseek = exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, _ = clinicsim(t, "goalseek", "--target", "primary_workers_per_1000", "--lever", "hires", "--tier", "chs_centre", "--cadre", "nurse", "--max", "20")
	if code != 0 || !strings.Contains(stdout, "not reachable within [0, 20]") {
		t.Errorf("goalseek out of reach = exit %d\n%s", code, stdout)
	}
	for _, args := range [][]string{
		{"goalseek", "--lever", "hires", "--max", "5"},
		{"goalseek", "--target", "nothing", "--lever", "hires", "--max", "5"},
		{"goalseek", "--target", "gps_per_10000", "--lever", "hires", "--tier", "chs_centre", "--cadre", "gp", "--min", "5", "--max", "1"},
		{"run", "--draws", "-3"},
	} {
		if code, _, _ := clinicsim(t, args...); code != 2 {
			t.Errorf("%v = exit %d, want 2", args, code)
		}
	}
	// Draws without uncertainty.csv are refused: every draw would be alike.
	if code, _, stderr := clinicsim(t, "run", "--scenario", "suining-2024", "--draws", "10", "--out", filepath.Join(t.TempDir(), "x")); code != 1 || !strings.Contains(stderr, "uncertainty.csv") {
		t.Errorf("run --draws without uncertainty = exit %d %q", code, stderr)
	}
}
