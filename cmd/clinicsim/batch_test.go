package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"clinicsim/scenarios"
	"clinicsim/sim"
)

// TestBatchOfOneEqualsRun: a batch whose only variant is the status quo
// gives the verdicts and trajectories of clinicsim run.
func TestBatchOfOneEqualsRun(t *testing.T) {
	dir := t.TempDir()
	vfile := filepath.Join(dir, "one.csv")
	if err := os.WriteFile(vfile, []byte("variant,description\nbaseline,as is\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := clinicsim(t, "run", "--out", filepath.Join(dir, "run"), "-q", "--lang", "en"); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := clinicsim(t, "batch", "--variants", vfile, "--all-regions", "--out", filepath.Join(dir, "batch"), "-q", "--lang", "en"); code != 0 {
		t.Fatal(stderr)
	}
	for _, f := range []string{"verdicts.csv", "trajectories.csv"} {
		a, _ := os.ReadFile(filepath.Join(dir, "run", f))
		b, _ := os.ReadFile(filepath.Join(dir, "batch", f))
		if string(a) != string(b) {
			t.Errorf("%s of a one-variant batch differs from clinicsim run", f)
		}
	}
}

func TestShippedBatch(t *testing.T) {
	out := filepath.Join(t.TempDir(), "b")
	code, stdout, stderr := clinicsim(t, "batch", "--out", out)
	if code != 0 {
		t.Fatalf("batch = exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "full plan") || !strings.Contains(stdout, "现状 status quo") {
		t.Errorf("terminal table lacks the variants:\n%s", stdout)
	}
	f, err := os.Open(filepath.Join(out, "comparison.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	met := map[string]string{}
	for _, r := range rows[1:] {
		met[r[0]] = r[3]
	}
	// The full plan includes GP hiring, which meets the GP target the
	// status quo misses: it meets more targets.
	if !(met["full plan"] > met["现状 status quo"]) {
		t.Errorf("targets met: full plan %s, status quo %s", met["full plan"], met["现状 status quo"])
	}
	for _, c := range []string{"grid.png", "cost.png", "variants-gps_per_10000.png"} {
		if _, err := os.Stat(filepath.Join(out, "charts", c)); err != nil {
			t.Error(err)
		}
	}
}

func TestInterruptedBatchWritesNothing(t *testing.T) {
	s, _, err := scenarios.Open("dadukou-2022")
	if err != nil {
		t.Fatal(err)
	}
	vs, err := scenarios.OpenVariants("", "dadukou-2022", s)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := sim.Batch(ctx, s, vs, sim.BatchSettings{}); err == nil {
		t.Error("a cancelled batch returned results")
	}
}

func TestSweepCommand(t *testing.T) {
	dir := t.TempDir()
	grid := filepath.Join(dir, "grid.csv")
	code, stdout, stderr := clinicsim(t, "sweep", "--grid", "hires:chs_centre:gp=4,8,12", "--grid", "fd.speed=0.1,0.3", "--out", grid)
	if code != 0 || !strings.Contains(stdout, "6 variants") {
		t.Fatalf("sweep grid = exit %d %s %s", code, stdout, stderr)
	}
	lhs := filepath.Join(dir, "lhs.csv")
	if code, _, stderr := clinicsim(t, "sweep", "--lhs", "5", "--range", "hires:chs_centre:gp=2:20", "--out", lhs); code != 0 {
		t.Fatalf("sweep lhs: %s", stderr)
	}
	if code, _, _ := clinicsim(t, "sweep", "--lhs", "5", "--range", "hires:chs_centre:gp=2:20", "--out", lhs); code != 1 {
		t.Errorf("sweep over an existing file without --force = exit %d, want 1", code)
	}
	if code, _, _ := clinicsim(t, "sweep", "--grid", "hirse=1,2", "--out", filepath.Join(dir, "bad.csv")); code != 1 {
		t.Errorf("sweep of an unknown key = exit %d, want 1", code)
	}
	if code, _, stderr := clinicsim(t, "batch", "--variants", grid, "--out", filepath.Join(dir, "b"), "-q"); code != 0 {
		t.Errorf("batch of the grid: %s", stderr)
	}
}

// TestShardsMergeToTheUnshardedBatch: shards 1..N of the shipped batch,
// merged, give the same files byte for byte, for N smaller and larger
// than the number of variants.
func TestShardsMergeToTheUnshardedBatch(t *testing.T) {
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole")
	if code, _, stderr := clinicsim(t, "batch", "--out", whole, "-q"); code != 0 {
		t.Fatal(stderr)
	}
	for _, n := range []int{3, 13} {
		var shards []string
		for k := 1; k <= n; k++ {
			sd := filepath.Join(dir, fmt.Sprintf("n%d-k%d", n, k))
			if code, _, stderr := clinicsim(t, "batch", "--shard", fmt.Sprintf("%d/%d", k, n), "--out", sd, "-q"); code != 0 {
				t.Fatalf("shard %d/%d: %s", k, n, stderr)
			}
			shards = append(shards, sd)
		}
		merged := filepath.Join(dir, fmt.Sprintf("merged-%d", n))
		if code, _, stderr := clinicsim(t, append([]string{"merge", "--out", merged}, shards...)...); code != 0 {
			t.Fatalf("merge of %d: %s", n, stderr)
		}
		files, _ := filepath.Glob(filepath.Join(whole, "*"))
		charts, _ := filepath.Glob(filepath.Join(whole, "charts", "*"))
		for _, f := range append(files, charts...) {
			if st, _ := os.Stat(f); st.IsDir() {
				continue
			}
			rel, _ := filepath.Rel(whole, f)
			a, _ := os.ReadFile(f)
			b, err := os.ReadFile(filepath.Join(merged, rel))
			if err != nil || !bytes.Equal(a, b) {
				t.Errorf("N=%d: %s differs from the unsharded batch (%v)", n, rel, err)
			}
		}
		// A missing shard is refused.
		if code, _, stderr := clinicsim(t, append([]string{"merge", "--out", merged + "-x"}, shards[1:]...)...); code != 1 || !strings.Contains(stderr, "missing") {
			t.Errorf("merge without shard 1 = exit %d %q", code, stderr)
		}
	}
	t.Setenv("SLURM_ARRAY_TASK_ID", "2")
	if k, n, err := parseShard("slurm/4"); err != nil || k != 2 || n != 4 {
		t.Errorf("parseShard(slurm/4) = %d, %d, %v", k, n, err)
	}
	t.Setenv("JOB_COMPLETION_INDEX", "0")
	if k, _, err := parseShard("k8s/4"); err != nil || k != 1 {
		t.Errorf("parseShard(k8s/4) = %d, %v", k, err)
	}
	for _, bad := range []string{"0/3", "4/3", "x/3", "1/0", "3"} {
		if _, _, err := parseShard(bad); err == nil {
			t.Errorf("parseShard(%q) succeeded", bad)
		}
	}
}
