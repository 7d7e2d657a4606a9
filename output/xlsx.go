package output

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"clinicsim/sim"
)

// xlsxWords are the workbook's sheet names and headers.
var xlsxWords = map[string][2]string{
	"verdicts":     {"Verdicts", "目标判定"},
	"trajectories": {"Trajectories", "指标轨迹"},
	"parameters":   {"Parameters", "参数与来源"},
	"charts":       {"Charts", "图表"},
	"id":           {"Indicator id", "指标代码"},
	"name":         {"Indicator", "指标"},
	"unit":         {"Unit", "单位"},
	"status":       {"Status", "状态"},
	"region":       {"Region", "地区"},
	"year":         {"Year", "年份"},
	"comparison":   {"Comparison", "比较"},
	"target":       {"Target", "目标值"},
	"base":         {"Base year", "基年值"},
	"projected":    {"Projected", "预测值"},
	"met":          {"Met", "是否达成"},
	"margin":       {"Margin", "差距"},
	"first":        {"First year met", "首次达成年份"},
	"probability":  {"Probability", "达成概率"},
	"source":       {"Source", "来源"},
	"key":          {"Parameter", "参数"},
	"tier":         {"Tier", "层级"},
	"cadre":        {"Cadre", "人员类别"},
	"from":         {"From year", "起始年份"},
	"value":        {"Value", "取值"},
	"yes":          {"yes", "达成"},
	"no":           {"no", "未达成"},
	"no data":      {"no data", "无数据"},
}

// WriteXLSX writes results.xlsx: the verdicts with conditional formatting,
// the district's trajectories laid out wide (indicator by year), the
// parameters with their sources, and a native Excel line chart per
// targeted indicator; headers frozen, names in the look's language. Text
// is stored as text, so nothing a user wrote is ever evaluated.
func WriteXLSX(w io.Writer, s *sim.Scenario, res *sim.Result, mc *sim.MCResult, look Look) (err error) {
	word := func(k string) string {
		if look.zh() {
			return xlsxWords[k][1]
		}
		return xlsxWords[k][0]
	}
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	// Fixed document dates keep the workbook byte-identical run to run.
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "clinicsim", Title: cmpOr(s.TitleZH, s.TitleEN, s.Name),
		Created: "2000-01-01T00:00:00Z", Modified: "2000-01-01T00:00:00Z"}); err != nil {
		return err
	}
	vs, ts, ps, cs := word("verdicts"), word("trajectories"), word("parameters"), word("charts")
	if err := f.SetSheetName("Sheet1", vs); err != nil {
		return err
	}
	for _, name := range []string{ts, ps, cs} {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}}})
	if err != nil {
		return err
	}
	setRow := func(sheet string, row int, vals []any) error {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		return f.SetSheetRow(sheet, cell, &vals)
	}
	num := func(x float64) any {
		if math.IsNaN(x) {
			return ""
		}
		return x
	}

	// Verdicts.
	head := []any{word("id"), word("name"), word("region"), word("year"), word("comparison"), word("target"), word("base"), word("projected"), word("met"), word("margin"), word("first"), word("status")}
	if mc != nil {
		head = append(head, word("probability"))
	}
	head = append(head, word("source"))
	if err := setRow(vs, 1, head); err != nil {
		return err
	}
	district := s.Regions[0].ID
	for i, v := range res.Verdicts {
		met := word("no")
		switch {
		case v.Status == sim.NoData:
			met = word("no data")
		case v.Met:
			met = word("yes")
		}
		first := any("")
		if v.FirstYearMet != 0 {
			first = v.FirstYearMet
		}
		row := []any{v.Indicator.ID, look.Name(v.Indicator), cmpOr(v.Target.Region, district), v.Target.Year, v.Target.Comparison.String(),
			v.Target.Value, num(v.Base), num(v.Projected), met, num(v.Margin), first, look.T("status " + v.Status.String())}
		if mc != nil {
			p := any("")
			if v.Status == sim.Modelled {
				p = mc.Targets[i].Probability
			}
			row = append(row, p)
		}
		row = append(row, v.Target.Source)
		if err := setRow(vs, i+2, row); err != nil {
			return err
		}
	}
	last := len(res.Verdicts) + 1
	green, err := f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: "006100"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"C6EFCE"}}})
	if err != nil {
		return err
	}
	red, err := f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: "9C0006"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}})
	if err != nil {
		return err
	}
	metRange := fmt.Sprintf("I2:I%d", last)
	if err := f.SetConditionalFormat(vs, metRange, []excelize.ConditionalFormatOptions{
		{Type: "cell", Criteria: "==", Format: &green, Value: fmt.Sprintf("%q", word("yes"))},
		{Type: "cell", Criteria: "==", Format: &red, Value: fmt.Sprintf("%q", word("no"))},
	}); err != nil {
		return fmt.Errorf("conditional format: %w", err)
	}
	if mc != nil {
		if err := f.SetConditionalFormat(vs, fmt.Sprintf("M2:M%d", last), []excelize.ConditionalFormatOptions{
			{Type: "cell", Criteria: ">=", Format: &green, Value: "0.8"},
			{Type: "cell", Criteria: "<", Format: &red, Value: "0.5"},
		}); err != nil {
			return fmt.Errorf("probability format: %w", err)
		}
	}

	// Trajectories, wide: one row per indicator in the district.
	tr := res.Trajectory
	years := tr.Years()
	th := []any{word("id"), word("name"), word("unit"), word("status")}
	for _, y := range years {
		th = append(th, y)
	}
	if err := setRow(ts, 1, th); err != nil {
		return err
	}
	rowOf := map[string]int{}
	r := 2
	for _, ind := range tr.Catalog.All() {
		series, _ := tr.Series(ind.ID, "")
		st, _ := tr.Status(ind.ID, "")
		if st == sim.NoData {
			continue
		}
		row := []any{ind.ID, look.Name(ind), look.Unit(ind), look.T("status " + st.String())}
		for _, v := range series {
			row = append(row, num(v))
		}
		if err := setRow(ts, r, row); err != nil {
			return err
		}
		rowOf[ind.ID] = r
		r++
	}

	// Parameters.
	if err := setRow(ps, 1, []any{word("key"), word("region"), word("tier"), word("cadre"), word("from"), word("value"), word("source")}); err != nil {
		return err
	}
	for i, p := range s.Params {
		pr := paramRow(p, "", p.Source)
		if err := setRow(ps, i+2, []any{pr.Key, pr.Region, pr.Tier, pr.Cadre, pr.Year, p.Value, pr.Source}); err != nil {
			return err
		}
	}

	// A native line chart per targeted indicator of the district.
	lastCol, _ := excelize.ColumnNumberToName(4 + len(years))
	seen := map[string]bool{}
	at := 1
	for _, v := range res.Verdicts {
		rr, ok := rowOf[v.Indicator.ID]
		if !ok || v.Target.Region != "" || seen[v.Indicator.ID] {
			continue
		}
		seen[v.Indicator.ID] = true
		chart := &excelize.Chart{
			Type: excelize.Line,
			Series: []excelize.ChartSeries{{
				Name:       fmt.Sprintf("'%s'!$B$%d", ts, rr),
				Categories: fmt.Sprintf("'%s'!$E$1:$%s$1", ts, lastCol),
				Values:     fmt.Sprintf("'%s'!$E$%d:$%s$%d", ts, rr, lastCol, rr),
			}},
			Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: fmt.Sprintf("%s (%s %s %s, %d)", look.Name(v.Indicator), word("target"), look.Cmp(v.Target.Comparison), formatValue(v.Target.Value), v.Target.Year)}}},
			Legend:    excelize.ChartLegend{Position: "none"},
			Dimension: excelize.ChartDimension{Width: 640, Height: 320},
		}
		if err := f.AddChart(cs, fmt.Sprintf("A%d", at), chart); err != nil {
			return fmt.Errorf("chart of %s: %w", v.Indicator.ID, err)
		}
		at += 17
	}

	for _, sh := range []struct {
		name  string
		cols  int
		width float64
	}{{vs, len(head), 14}, {ts, len(th), 12}, {ps, 7, 14}} {
		end, _ := excelize.ColumnNumberToName(sh.cols)
		if err := f.SetCellStyle(sh.name, "A1", end+"1", header); err != nil {
			return err
		}
		if err := f.SetColWidth(sh.name, "A", end, sh.width); err != nil {
			return err
		}
		if err := f.SetPanes(sh.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return fmt.Errorf("freezing %s: %w", sh.name, err)
		}
	}
	if err := f.SetColWidth(vs, "B", "B", 40); err != nil {
		return err
	}
	if err := f.SetColWidth(ts, "B", "B", 40); err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return err
	}
	out, err := canonicalZip(buf.Bytes())
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

var defaultType = regexp.MustCompile(`<Default [^>]*></Default>`)

// canonicalZip rewrites a workbook so that the same content gives the same
// bytes: excelize lists content types and zip entries in map order. Entries
// are sorted (content types first), dated 2000-01-01, and the Default
// content types sorted.
func canonicalZip(b []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	files := append([]*zip.File(nil), zr.File...)
	sort.SliceStable(files, func(i, j int) bool {
		a, c := files[i].Name, files[j].Name
		if (a == "[Content_Types].xml") != (c == "[Content_Types].xml") {
			return a == "[Content_Types].xml"
		}
		return a < c
	})
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	when := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, zf := range files {
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		if zf.Name == "[Content_Types].xml" {
			defs := defaultType.FindAllString(string(data), -1)
			sorted := append([]string(nil), defs...)
			sort.Strings(sorted)
			text := defaultType.ReplaceAllString(string(data), "\x00")
			for _, d := range sorted {
				text = strings.Replace(text, "\x00", d, 1)
			}
			data = []byte(text)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Deflate, Modified: when})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
