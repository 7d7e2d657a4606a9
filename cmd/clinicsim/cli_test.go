package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// clinicsim runs the command in-process and returns its exit code, stdout
// and stderr.
func clinicsim(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestGoldenVerdicts runs the default scenario and compares its verdicts
// with testdata/dadukou-2022.verdicts.csv (go test -update rewrites it).
// The golden file was checked by hand against the closed-form growth of
// each modelled indicator; a change here is a change of the model.
func TestGoldenVerdicts(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := clinicsim(t, "run", "--out", out)
	if code != 0 {
		t.Fatalf("run exited %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "每万人口全科医生数") {
		t.Errorf("terminal table lacks the GP indicator:\n%s", stdout)
	}
	got := readFile(t, filepath.Join(out, "verdicts.csv"))
	golden := filepath.Join("testdata", "dadukou-2022.verdicts.csv")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := readFile(t, golden)
	if !bytes.Equal(got, want) {
		t.Errorf("verdicts.csv differs from %s (run go test -update after checking):\n%s", golden, lineDiff(string(got), string(want)))
	}
}

func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var b strings.Builder
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			b.WriteString("- " + wl + "\n+ " + gl + "\n")
		}
	}
	return b.String()
}

func TestEveryShippedScenarioRuns(t *testing.T) {
	for _, name := range []string{"dadukou-2022", "yuzhong-2023", "yubei-2023", "suining-2024"} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), name)
			code, stdout, stderr := clinicsim(t, "run", "--scenario", name, "--out", out)
			if code != 0 {
				t.Fatalf("run exited %d: %s", code, stderr)
			}
			for _, f := range []string{"trajectories.csv", "verdicts.csv", "report.md"} {
				if _, err := os.Stat(filepath.Join(out, f)); err != nil {
					t.Error(err)
				}
			}
			pngs, _ := filepath.Glob(filepath.Join(out, "charts", "*.png"))
			svgs, _ := filepath.Glob(filepath.Join(out, "charts", "*.svg"))
			if len(pngs) == 0 || len(pngs) != len(svgs) {
				t.Errorf("charts: %d PNG, %d SVG", len(pngs), len(svgs))
			}
			if !strings.Contains(stdout, "modelled targets:") {
				t.Errorf("no tally in output:\n%s", stdout)
			}
		})
	}
}

func TestRunIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, out := range []string{a, b} {
		if code, _, stderr := clinicsim(t, "run", "--out", out, "--quiet"); code != 0 {
			t.Fatalf("run: %s", stderr)
		}
	}
	files, _ := filepath.Glob(filepath.Join(a, "*"))
	charts, _ := filepath.Glob(filepath.Join(a, "charts", "*"))
	for _, f := range append(files, charts...) {
		if st, _ := os.Stat(f); st.IsDir() {
			continue
		}
		rel, _ := filepath.Rel(a, f)
		if !bytes.Equal(readFile(t, f), readFile(t, filepath.Join(b, rel))) {
			t.Errorf("%s differs between two identical runs", rel)
		}
	}
}

func TestExitCodesAndNoPartialOutput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad")
	if code, _, stderr := clinicsim(t, "init", bad); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	if err := os.WriteFile(filepath.Join(bad, "targets.csv"), []byte("indicator,year,comparison,value\ngps_per_10000,2027,=>,3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	cases := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{}, 2, ""},
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"run", "--no-such-flag"}, 2, "unknown flag"},
		{[]string{"run", "extra"}, 2, "unexpected argument"},
		{[]string{"validate"}, 2, "name one scenario"},
		{[]string{"run", "--scenario", "nowhere-2099", "--out", out}, 1, "neither a shipped scenario"},
		{[]string{"run", "--scenario", bad, "--out", out}, 1, "targets.csv:2:3: unknown comparison"},
		{[]string{"validate", bad}, 1, "targets.csv:2:3:"},
		{[]string{"run", "--help"}, 0, "--scenario"},
		{[]string{"help", "init"}, 0, "--from"},
	}
	for _, c := range cases {
		code, _, stderr := clinicsim(t, c.args...)
		if code != c.code || !strings.Contains(stderr, c.stderr) {
			t.Errorf("clinicsim %v = exit %d, stderr %q; want exit %d with %q", c.args, code, stderr, c.code, c.stderr)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed run left %s behind (stat: %v)", out, err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".out*")); len(left) > 0 {
		t.Errorf("a failed run left temporary folders: %v", left)
	}
}

func TestNoOverwriteWithoutForce(t *testing.T) {
	out := filepath.Join(t.TempDir(), "mine")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	precious := filepath.Join(out, "notes.txt")
	if err := os.WriteFile(precious, []byte("my notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := clinicsim(t, "run", "--out", out)
	if code != 1 || !strings.Contains(stderr, "--force") {
		t.Errorf("run into a non-empty folder = exit %d %q; want 1 mentioning --force", code, stderr)
	}
	if string(readFile(t, precious)) != "my notes" {
		t.Error("the user's file was changed")
	}
	if code, _, stderr := clinicsim(t, "run", "--out", out, "--force", "--quiet"); code != 0 {
		t.Fatalf("run --force: %s", stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "verdicts.csv")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(precious); !os.IsNotExist(err) {
		t.Error("--force should replace the folder as a whole")
	}
}

func TestInitValidateRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "copy")
	if code, _, stderr := clinicsim(t, "init", dir, "--from", "yubei-2023"); code != 0 {
		t.Fatalf("init --from: %s", stderr)
	}
	code, stdout, stderr := clinicsim(t, "validate", dir)
	if code != 0 || !strings.Contains(stdout, "valid") || strings.Contains(stdout, "warning") {
		t.Errorf("validate = %d %q %q", code, stdout, stderr)
	}
	if code, _, _ := clinicsim(t, "init", dir); code != 1 {
		t.Errorf("init into an existing folder = exit %d, want 1", code)
	}
	tpl := filepath.Join(t.TempDir(), "tpl")
	out := filepath.Join(t.TempDir(), "tpl-out")
	if code, _, stderr := clinicsim(t, "init", tpl); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	if code, _, stderr := clinicsim(t, "run", "--scenario", tpl, "--out", out, "-q"); code != 0 {
		t.Fatalf("run template: %s", stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "charts", "gps_per_10000@town-a.png")); err != nil {
		t.Errorf("no chart for the town's own target: %v", err)
	}
	for _, args := range [][]string{{"list"}, {"indicators"}} {
		if code, stdout, stderr := clinicsim(t, args...); code != 0 || stdout == "" {
			t.Errorf("%v = %d %q", args, code, stderr)
		}
	}
}
