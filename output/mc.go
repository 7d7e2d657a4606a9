package output

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"clinicsim/sim"
)

type mcRow struct {
	Indicator string `csv:"indicator"`
	Region    string `csv:"region"`
	Year      int    `csv:"year"`
	Mean      string `csv:"mean"`
	P5        string `csv:"p5"`
	P10       string `csv:"p10"`
	P50       string `csv:"p50"`
	P90       string `csv:"p90"`
	P95       string `csv:"p95"`
}

// WriteMCSeries writes the mean and quantiles of every aggregated
// indicator, region and year.
func WriteMCSeries(w io.Writer, res *sim.MCResult) error {
	var rows []mcRow
	for _, s := range res.Series {
		for y, year := range res.Years {
			if math.IsNaN(s.Mean[y]) {
				continue
			}
			rows = append(rows, mcRow{s.Indicator, s.Region, year, formatValue(s.Mean[y]),
				formatValue(s.Q[0][y]), formatValue(s.Q[1][y]), formatValue(s.Q[2][y]), formatValue(s.Q[3][y]), formatValue(s.Q[4][y])})
		}
	}
	return marshalCSV(w, rows)
}

type oddsRow struct {
	Indicator   string `csv:"indicator"`
	NameZH      string `csv:"name_zh"`
	NameEN      string `csv:"name_en"`
	Region      string `csv:"region"`
	Year        int    `csv:"year"`
	Comparison  string `csv:"comparison"`
	Target      string `csv:"target"`
	Central     string `csv:"central_projection"`
	P10         string `csv:"p10"`
	P50         string `csv:"p50"`
	P90         string `csv:"p90"`
	Probability string `csv:"probability"`
	Draws       int    `csv:"draws"`
	MedianFirst string `csv:"median_first_year_met"`
	Status      string `csv:"status"`
}

// WriteOdds writes each target's probability of being met, with the
// central projection and the P10-P90 range of its target-year value.
func WriteOdds(w io.Writer, res *sim.MCResult, region func(string) string) error {
	var rows []oddsRow
	for i, o := range res.Targets {
		v := res.Baseline.Verdicts[i]
		row := oddsRow{Indicator: o.Indicator.ID, NameZH: o.Indicator.NameZH, NameEN: o.Indicator.NameEN, Region: region(o.Target.Region),
			Year: o.Target.Year, Comparison: o.Target.Comparison.String(), Target: formatValue(o.Target.Value), Central: formatValue(v.Projected),
			Probability: formatValue(o.Probability), Draws: res.Draws, MedianFirst: medianFirst(o, res.Years), Status: v.Status.String()}
		if s, ok := res.SeriesFor(o.Target.Indicator, region(o.Target.Region)); ok {
			k := o.Target.Year - res.Years[0]
			row.P10, row.P50, row.P90 = formatValue(s.Q[1][k]), formatValue(s.Q[2][k]), formatValue(s.Q[3][k])
		}
		if v.Status == sim.NoData {
			row.Probability = ""
		}
		rows = append(rows, row)
	}
	return marshalCSV(w, rows)
}

// medianFirst is the median first year a target is met, or "never" when
// it is not met in at least half the draws within the horizon.
func medianFirst(o sim.TargetOdds, years []int) string {
	total := 0
	for _, c := range o.FirstYear {
		total += c
	}
	cum := 0
	for k, c := range o.FirstYear[:len(years)] {
		cum += c
		if 2*cum >= total && total > 0 {
			return strconv.Itoa(years[k])
		}
	}
	return "never"
}

type firstRow struct {
	Indicator  string `csv:"indicator"`
	Region     string `csv:"region"`
	TargetYear int    `csv:"target_year"`
	FirstYear  string `csv:"first_year_met"`
	Draws      int    `csv:"draws"`
	Share      string `csv:"share"`
}

// WriteFirstYears writes, per target, the share of draws by the first year
// the target is met ("never" within the horizon).
func WriteFirstYears(w io.Writer, res *sim.MCResult, region func(string) string) error {
	var rows []firstRow
	for _, o := range res.Targets {
		for k, c := range o.FirstYear {
			year := "never"
			if k < len(res.Years) {
				year = strconv.Itoa(res.Years[k])
			}
			rows = append(rows, firstRow{o.Indicator.ID, region(o.Target.Region), o.Target.Year, year, c, formatValue(float64(c) / float64(res.Draws))})
		}
	}
	return marshalCSV(w, rows)
}

// FanPlot draws a targeted indicator's distribution: the P10-P90 and
// P5-P95 bands and the median of the draws under the central projection,
// the observed values and the targets, with each target's probability.
func FanPlot(look Look, cd ChartData, s sim.MCSeries, odds []sim.TargetOdds, draws int) (*plot.Plot, error) {
	band := func(lo, hi []float64, c color.Color) (*plotter.Polygon, error) {
		var pts plotter.XYs
		for i, y := range cd.Years {
			if !math.IsNaN(lo[i]) {
				pts = append(pts, plotter.XY{X: float64(y), Y: lo[i]})
			}
		}
		for i := len(cd.Years) - 1; i >= 0; i-- {
			if !math.IsNaN(hi[i]) {
				pts = append(pts, plotter.XY{X: float64(cd.Years[i]), Y: hi[i]})
			}
		}
		poly, err := plotter.NewPolygon(pts)
		if err != nil {
			return nil, err
		}
		poly.Color = c
		poly.LineStyle.Width = 0
		return poly, nil
	}
	outer, err := band(s.Q[0], s.Q[4], color.RGBA{0xA6, 0xCE, 0xE3, 0xFF})
	if err != nil {
		return nil, err
	}
	inner, err := band(s.Q[1], s.Q[3], color.RGBA{0x6B, 0xAE, 0xD6, 0xFF})
	if err != nil {
		return nil, err
	}
	var med xys
	for i, y := range cd.Years {
		med.add(float64(y), s.Q[2][i])
	}
	ml, err := plotter.NewLine(med)
	if err != nil {
		return nil, err
	}
	ml.Color = color.RGBA{0x08, 0x30, 0x6B, 0xFF}
	ml.Width = vg.Points(1.5)
	ml.Dashes = []vg.Length{vg.Points(2), vg.Points(2)}
	p, err := cd.plotOver(look, outer, inner, ml)
	if err != nil {
		return nil, err
	}
	p.Legend.Add(look.T("p95"), outer)
	p.Legend.Add(look.T("p90"), inner)
	p.Legend.Add(look.T("median"), ml)
	var lines []string
	for _, o := range odds {
		lines = append(lines, fmt.Sprintf("P(%d %s %s) = %.0f%%", o.Target.Year, look.Cmp(o.Target.Comparison), formatValue(o.Target.Value), 100*o.Probability))
	}
	p.Title.Text = look.Name(cd.Indicator) + "\n" + look.Tf("draws", draws) + joinSemi(lines)
	lo, hi := p.Y.Min, p.Y.Max
	for q := range s.Q {
		for _, v := range s.Q[q] {
			if !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if lo < p.Y.Min || hi > p.Y.Max {
		pad := (hi - lo) * 0.1
		p.Y.Min, p.Y.Max = math.Min(p.Y.Min, lo-pad), math.Max(p.Y.Max, hi+3*pad)
	}
	return p, nil
}

func joinSemi(parts []string) string {
	out := ""
	for i, s := range parts {
		if i > 0 {
			out += ";  "
		}
		out += s
	}
	return out
}

// ProbabilityPlot draws every target's probability of being met as a
// horizontal bar: the slide that answers the meeting's question.
func ProbabilityPlot(look Look, res *sim.MCResult, title string) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title + "\n" + look.Tf("probability title", res.Draws)
	p.Title.TextStyle.Font.Size = vg.Points(13)
	p.X.Label.Text = look.T("probability axis")
	p.X.Label.TextStyle.Font.Size = vg.Points(8)
	p.X.Min, p.X.Max = 0, 100
	p.X.Tick.Marker = niceTicks{}
	var names []string
	n := len(res.Targets)
	for i := n - 1; i >= 0; i-- {
		o := res.Targets[i]
		name := look.Name(o.Indicator)
		limit := 40
		if look.zh() {
			limit = 22
		}
		if r := []rune(name); len(r) > limit {
			name = string(r[:limit-1]) + "…"
		}
		switch res.Baseline.Verdicts[i].Status {
		case sim.Scheduled:
			name += look.T("scheduled tag")
		case sim.NoData:
			name += look.T("no data tag")
		}
		names = append(names, fmt.Sprintf("%s %d %s %s", name, o.Target.Year, look.Cmp(o.Target.Comparison), formatValue(o.Target.Value)))
	}
	p.NominalY(names...)
	p.Y.Tick.Label.Font.Size = vg.Points(7)
	for i := n - 1; i >= 0; i-- {
		o := res.Targets[i]
		v := 100 * o.Probability
		col := color.Color(colTarget)
		switch {
		case res.Baseline.Verdicts[i].Status != sim.Modelled:
			col = colCovered
		case v >= 80:
			col = colNew
		case v >= 50:
			col = colUncovered
		}
		bars, err := plotter.NewBarChart(plotter.Values{v}, vg.Points(9))
		if err != nil {
			return nil, err
		}
		bars.Horizontal = true
		bars.Color = col
		bars.LineStyle.Width = 0
		bars.Offset = 0
		bars.XMin = float64(n - 1 - i)
		p.Add(bars)
		lbl, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{{X: v, Y: float64(n - 1 - i)}}, Labels: []string{fmt.Sprintf("%.0f%%", v)}})
		if err != nil {
			return nil, err
		}
		look.style(&lbl.TextStyle[0])
		lbl.TextStyle[0].Font.Size = vg.Points(7)
		lbl.Offset = vg.Point{X: vg.Points(3), Y: vg.Points(-3)}
		p.Add(lbl)
	}
	look.apply(p)
	grid := plotter.NewGrid()
	grid.Horizontal.Color, grid.Vertical.Color = color.Transparent, colGrid
	p.Add(grid)
	return p, nil
}
