package output

import (
	"bytes"
	"math"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestWorkbook(t *testing.T) {
	s, res := smallRun(t)
	s.Params[0].Source = `=HYPERLINK("http://x","y")`
	var b bytes.Buffer
	if err := WriteXLSX(&b, s, res, nil, English); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatalf("the workbook does not reopen: %v", err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 4 || got[0] != "Verdicts" || got[1] != "Trajectories" {
		t.Errorf("sheets = %v", got)
	}
	// The 2025 verdict: projected 5 GPs per 10,000, met.
	if v, _ := f.GetCellValue("Verdicts", "H3"); v != "5" {
		t.Errorf("Verdicts!H3 (projected 2025) = %q, want 5", v)
	}
	if v, _ := f.GetCellValue("Verdicts", "I3"); v != "yes" {
		t.Errorf("Verdicts!I3 = %q, want yes", v)
	}
	// Trajectories wide: find the GP row and read 2022-2025.
	rows, err := f.GetRows("Trajectories")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		if r[0] == "gps_per_10000" {
			found = true
			for k, want := range []float64{2, 3, 4, 5} {
				if got, _ := strconv.ParseFloat(r[4+k], 64); math.Abs(got-want) > 1e-9 {
					t.Errorf("gps_per_10000 in %d = %v, want %v", 2022+k, r[4+k], want)
				}
			}
		}
	}
	if !found {
		t.Error("no gps_per_10000 row in Trajectories")
	}
	// User text stays text: no formula in the parameter source.
	if fm, _ := f.GetCellFormula("Parameters", "G2"); fm != "" {
		t.Errorf("Parameters!G2 holds a formula %q", fm)
	}
	if v, _ := f.GetCellValue("Parameters", "G2"); v != `=HYPERLINK("http://x","y")` {
		t.Errorf("Parameters!G2 = %q", v)
	}
	if panes, err := f.GetPanes("Verdicts"); err != nil || !panes.Freeze {
		t.Errorf("Verdicts header not frozen: %+v %v", panes, err)
	}
}
