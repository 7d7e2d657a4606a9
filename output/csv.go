package output

import (
	"bytes"
	"encoding/csv"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/gocarina/gocsv"

	"clinicsim/sim"
)

// formatValue writes a value with at most six decimals and no trailing
// zeros, the same way on every machine; NaN is an empty cell.
func formatValue(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	r := sim.Round(v, 6)
	if r == 0 {
		r = 0 // no "-0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

type trajectoryRow struct {
	Scenario  string `csv:"scenario"`
	Variant   string `csv:"variant"`
	Region    string `csv:"region"`
	Indicator string `csv:"indicator"`
	Year      int    `csv:"year"`
	Value     string `csv:"value"`
	Status    string `csv:"status"`
}

// WriteTrajectories writes every value of tr in long format: scenario,
// variant, region, indicator, year, value, and the status (modelled or
// scheduled) that says where the value comes from.
func WriteTrajectories(w io.Writer, variant string, tr *sim.Trajectory) error {
	var rows []trajectoryRow
	for p := range tr.Points {
		st, _ := tr.Status(p.Indicator, p.Region)
		rows = append(rows, trajectoryRow{tr.Scenario, variant, p.Region, p.Indicator, p.Year, formatValue(p.Value), st.String()})
	}
	return marshalCSV(w, rows)
}

type verdictRow struct {
	Scenario     string `csv:"scenario"`
	Variant      string `csv:"variant"`
	Indicator    string `csv:"indicator"`
	NameZH       string `csv:"name_zh"`
	NameEN       string `csv:"name_en"`
	Unit         string `csv:"unit"`
	Region       string `csv:"region"`
	Year         int    `csv:"year"`
	Comparison   string `csv:"comparison"`
	Target       string `csv:"target"`
	Base         string `csv:"base"`
	Projected    string `csv:"projected"`
	Met          string `csv:"met"`
	Margin       string `csv:"margin"`
	FirstYearMet string `csv:"first_year_met"`
	Status       string `csv:"status"`
	Basis        string `csv:"basis"`
	Source       string `csv:"source"`
}

// WriteVerdicts writes one row per target.
func WriteVerdicts(w io.Writer, scenario, variant string, region func(string) string, vs []sim.Verdict) error {
	return marshalCSV(w, verdictRows(scenario, variant, region, vs))
}

func verdictRows(scenario, variant string, region func(string) string, vs []sim.Verdict) []verdictRow {
	rows := make([]verdictRow, 0, len(vs))
	for _, v := range vs {
		met, first := metText(v, "yes", "no", ""), firstText(v, "")
		rows = append(rows, verdictRow{
			Scenario: scenario, Variant: variant,
			Indicator: v.Indicator.ID, NameZH: v.Indicator.NameZH, NameEN: v.Indicator.NameEN, Unit: v.Indicator.UnitEN,
			Region: region(v.Target.Region), Year: v.Target.Year, Comparison: v.Target.Comparison.String(),
			Target: formatValue(v.Target.Value), Base: formatValue(v.Base), Projected: formatValue(v.Projected),
			Met: met, Margin: formatValue(v.Margin), FirstYearMet: first,
			Status: v.Status.String(), Basis: v.Basis, Source: v.Target.Source,
		})
	}
	return rows
}

// UTF8BOM starts every CSV clinicsim writes, so that Excel and WPS on
// Chinese Windows read it as UTF-8 (without it they assume GBK and garble
// Chinese). clinicsim's own loader and most CSV readers skip it.
const UTF8BOM = "\uFEFF"

// marshalCSV writes rows as CSV with a UTF-8 BOM, making inert every text
// cell a spreadsheet would evaluate as a formula: one that starts with =,
// +, -, @, a tab or a carriage return and is not a number gets a leading
// apostrophe.
func marshalCSV(w io.Writer, rows any) error {
	var buf bytes.Buffer
	if err := gocsv.Marshal(rows, &buf); err != nil {
		return err
	}
	r := csv.NewReader(&buf)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return err
	}
	return writeRecords(w, recs)
}

// SafeCell returns text a spreadsheet will show rather than evaluate.
func SafeCell(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	return "'" + s
}

// writeRecords writes raw CSV records with the BOM and inert text cells.
func writeRecords(w io.Writer, recs [][]string) error {
	for _, rec := range recs {
		for i, c := range rec {
			rec[i] = SafeCell(c)
		}
	}
	if _, err := io.WriteString(w, UTF8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(recs); err != nil {
		return err
	}
	return cw.Error()
}
