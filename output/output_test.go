package output

import (
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"clinicsim/sim"
)

// smallRun is a district of 10,000 with 2 GPs hiring one a year: 2, 3, 4,
// 5 GPs per 10,000 from 2022 to 2025.
func smallRun(t *testing.T) (*sim.Scenario, *sim.Result) {
	t.Helper()
	s := &sim.Scenario{
		Name: "small", TitleEN: "Small district", BaseYear: 2022, Horizon: 2025,
		Regions:  []sim.Region{{ID: "d", Kind: "district", Population: 10000, Share65: 0.2}},
		Stocks:   []sim.Stock{{Region: "d", Tier: sim.CHSCentre, Cadre: sim.GP, Headcount: 2}},
		Params:   []sim.Param{{Key: "hires", Tier: sim.CHSCentre, Cadre: sim.GP, Value: 1}},
		Observed: []sim.Observation{{Indicator: "gps_per_10000", Year: 2022, Value: 2, Source: "table"}},
		Targets: []sim.Target{
			{Indicator: "gps_per_10000", Year: 2024, Comparison: sim.AtLeast, Value: 5, Source: "plan"},
			{Indicator: "gps_per_10000", Year: 2025, Comparison: sim.AtLeast, Value: 5, Source: "plan"},
		},
	}
	res, err := sim.Run(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s, res
}

func TestChartDataFor(t *testing.T) {
	s, res := smallRun(t)
	cd, err := ChartDataFor(s, res.Trajectory, "gps_per_10000", "")
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{2, 3, 4, 5}
	for i, w := range want {
		if math.Abs(cd.Projected[i]-w) > 1e-12 {
			t.Errorf("Projected[%d] = %v, want %v", i, cd.Projected[i], w)
		}
	}
	if len(cd.Observed) != 1 || len(cd.Targets) != 2 || cd.Status != sim.Modelled {
		t.Errorf("chart data = %d observations, %d targets, %v; want 1, 2, modelled", len(cd.Observed), len(cd.Targets), cd.Status)
	}
	if got, want := cd.verdictLine(English), "target 2024 >= 5: projected 4.00, missed;  target 2025 >= 5: projected 5.00, met"; got != want {
		t.Errorf("verdictLine() = %q, want %q", got, want)
	}
	p, err := cd.Plot(English)
	if err != nil {
		t.Fatal(err)
	}
	var png, svg bytes.Buffer
	if err := WritePNG(&png, p); err != nil || !bytes.HasPrefix(png.Bytes(), []byte("\x89PNG")) {
		t.Errorf("WritePNG: %v, %d bytes", err, png.Len())
	}
	if err := WriteSVG(&svg, p); err != nil || !strings.Contains(svg.String(), "<svg") {
		t.Errorf("WriteSVG: %v", err)
	}
	if _, err := ChartDataFor(s, res.Trajectory, "nope", ""); err == nil {
		t.Error("ChartDataFor(unknown indicator) succeeded")
	}
}

func TestCSVOutputs(t *testing.T) {
	s, res := smallRun(t)
	var traj, verd bytes.Buffer
	if err := WriteTrajectories(&traj, "baseline", res.Trajectory); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(traj.String(), UTF8BOM+"scenario,variant,region,indicator,year,value,status\n") ||
		!strings.Contains(traj.String(), "small,baseline,d,gps_per_10000,2025,5,modelled\n") {
		t.Errorf("trajectories.csv lacks the header or the 2025 GP value:\n%.300s", traj.String())
	}
	if strings.Contains(traj.String(), "NaN") {
		t.Error("trajectories.csv contains NaN; missing values must be left out")
	}
	if err := WriteVerdicts(&verd, s.Name, "baseline", func(string) string { return "d" }, res.Verdicts); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(verd.String()), "\n")
	if len(lines) != 3 || !strings.Contains(lines[1], ",2024,>=,5,2,4,no,-1,2025,modelled,") || !strings.Contains(lines[2], ",2025,>=,5,2,5,yes,0,2025,modelled,") {
		t.Errorf("verdicts.csv =\n%s", verd.String())
	}
}

func TestFormatValue(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
	}{{math.NaN(), ""}, {2, "2"}, {1.0 / 3, "0.333333"}, {-1e-9, "0"}, {428000, "428000"}} {
		if got := formatValue(c.in); got != c.want {
			t.Errorf("formatValue(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestWriteTableAlignsChinese(t *testing.T) {
	var b bytes.Buffer
	if err := WriteTable(&b, [][]string{{"指标", "x"}, {"ab", "y"}}); err != nil {
		t.Fatal(err)
	}
	// "指标" is four columns wide, so "x" and "y" line up at column 6.
	if got, want := b.String(), "指标  x\nab    y\n"; got != want {
		t.Errorf("WriteTable = %q, want %q", got, want)
	}
}

func TestDirIsAtomic(t *testing.T) {
	parent := t.TempDir()
	final := filepath.Join(parent, "out")
	d, err := NewDir(final, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Write("a.txt", func(w io.Writer) error { _, err := io.WriteString(w, "a"); return err }); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	if err := d.Write("b.txt", func(io.Writer) error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("Write = %v, want boom", err)
	}
	d.Abort()
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Errorf("after Abort the parent holds %v", entries)
	}

	d, _ = NewDir(final, false)
	_ = d.Write("a.txt", func(w io.Writer) error { _, err := io.WriteString(w, "first"); return err })
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := NewDir(final, false); err == nil {
		t.Error("NewDir over a non-empty folder without force succeeded")
	}
	d, err = NewDir(final, true)
	if err != nil {
		t.Fatal(err)
	}
	_ = d.Write("a.txt", func(w io.Writer) error { _, err := io.WriteString(w, "second"); return err })
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(final, "a.txt")); string(b) != "second" {
		t.Errorf("a.txt = %q, want second", b)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("parent holds %d entries after a forced replace, want 1", len(entries))
	}
}

func TestNiceTicks(t *testing.T) {
	for _, c := range []struct {
		min, max float64
		want     string
	}{
		{45, 105, "50 60 70 80 90 100"},
		{2.5, 4.6, "2.5 3.0 3.5 4.0 4.5"},
		{0, 1.2, "0.0 0.2 0.4 0.6 0.8 1.0 1.2"},
		{0, 14, "0.0 2.5 5.0 7.5 10.0 12.5"},
	} {
		var got []string
		for _, tk := range (niceTicks{}).Ticks(c.min, c.max) {
			got = append(got, tk.Label)
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("Ticks(%v, %v) = %v, want %v", c.min, c.max, got, c.want)
		}
	}
}

func TestSafeCell(t *testing.T) {
	for in, want := range map[string]string{
		`=HYPERLINK("http://x","y")`: `'=HYPERLINK("http://x","y")`,
		"+cmd":                       "'+cmd", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "-12.74": "-12.74", "-": "'-",
		"大渡口区": "大渡口区", "": "", "3.5": "3.5",
	} {
		if got := SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSVIsInert(t *testing.T) {
	s, res := smallRun(t)
	res.Verdicts[0].Target.Source = `=HYPERLINK("http://x","y")`
	var b bytes.Buffer
	if err := WriteVerdicts(&b, s.Name, "baseline", func(string) string { return "=cmd|' /C calc'!A0" }, res.Verdicts); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, `,=HYPERLINK`) || strings.Contains(out, `,"=HYPERLINK`) || strings.Contains(out, ",=cmd") || !strings.Contains(out, `'=HYPERLINK`) {
		t.Errorf("verdicts.csv is not inert:\n%s", out)
	}
	if !strings.Contains(out, ",-1,") {
		t.Errorf("a negative margin lost its sign:\n%s", out)
	}
}
