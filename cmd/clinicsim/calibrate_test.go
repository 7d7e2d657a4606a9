package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestCalibrate makes a history with a known drift of the primary share,
// then asks calibrate to find it from a scenario that assumes none.
func TestCalibrate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cal")
	if code, _, stderr := clinicsim(t, "init", dir); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	params := filepath.Join(dir, "parameters.csv")
	base, err := os.ReadFile(params)
	if err != nil {
		t.Fatal(err)
	}
	flow := "visits.per_capita,,,,,5,test\nflow.primary_share0,,,,,50,test\nflow.adjust_speed,,,,,0.5,test\n"
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("parameters.csv", string(base)+flow+"flow.drift,,,,,1.2,test\n")
	truth := filepath.Join(t.TempDir(), "truth")
	if code, _, stderr := clinicsim(t, "run", "--scenario", dir, "--out", truth, "-q"); code != 0 {
		t.Fatalf("run: %s", stderr)
	}
	f, err := os.Open(filepath.Join(truth, "trajectories.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	obs := "indicator,region,year,value,source\n"
	for _, r := range rows {
		if r[2] == "district" && r[3] == "primary_visit_share" && r[4] > "2024" {
			obs += "primary_visit_share,," + r[4] + "," + r[5] + ",history\n"
		}
	}
	write("observed.csv", obs)
	write("parameters.csv", string(base)+flow)
	out := filepath.Join(t.TempDir(), "fit")
	code, stdout, stderr := clinicsim(t, "calibrate", "--scenario", dir, "--param", "flow.drift", "--out", out)
	if code != 0 {
		t.Fatalf("calibrate = exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "calibration.csv"))
	if err != nil {
		t.Fatal(err)
	}
	fields := strings.Split(strings.Split(string(b), "\n")[1], ",")
	if got, _ := strconv.ParseFloat(fields[2], 64); fields[0] != "flow.drift" || got < 1.199 || got > 1.201 {
		t.Errorf("calibration.csv =\n%s\nwant flow.drift fitted to 1.2\n%s", b, stdout)
	}
	if _, err := os.Stat(filepath.Join(out, "fit-primary_visit_share.png")); err != nil {
		t.Error(err)
	}
	if code, _, _ := clinicsim(t, "calibrate", "--scenario", dir); code != 2 {
		t.Errorf("calibrate without --param = exit %d, want 2", code)
	}
}
