package output

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"sort"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"clinicsim/sim"
)

// Comparison is one variant's row of comparison.csv.
type Comparison struct {
	Variant, Description string
	// Met is the number of modelled targets met (deterministic), or the
	// expected number (the sum of probabilities) with draws.
	Met float64
	// Values are each target's projected value, or probability with draws.
	Values []float64
	// Cost is the cumulative spending from the base year to the last
	// target year, in 10,000 yuan.
	Cost float64
	// CostPerTarget is Cost / Met; CostPerPoint is the extra cost over the
	// first variant per percentage point of primary share gained over it.
	CostPerTarget, CostPerPoint float64
	Rank                        int
}

// Compare builds the comparison rows: the first variant is the reference
// (the status quo) for the cost per point of primary-visit share.
func Compare(s *sim.Scenario, rs []sim.VariantResult) []Comparison {
	last := 0
	for _, t := range s.Targets {
		last = max(last, t.Year)
	}
	shareAt := func(r sim.VariantResult) float64 {
		v, _ := r.Result.Trajectory.Value("primary_visit_share", "", last)
		return v
	}
	costAt := func(r sim.VariantResult) float64 {
		v, _ := r.Result.Trajectory.Value("cost_cumulative", "", last)
		return v
	}
	out := make([]Comparison, len(rs))
	for i, r := range rs {
		c := Comparison{Variant: r.Variant.Name, Description: r.Variant.Description, Cost: costAt(r)}
		for t, v := range r.Result.Verdicts {
			switch {
			case r.MC != nil:
				p := math.NaN()
				if v.Status == sim.Modelled {
					p = r.MC.Targets[t].Probability
					c.Met += p
				}
				c.Values = append(c.Values, p)
			default:
				c.Values = append(c.Values, v.Projected)
				if v.Status == sim.Modelled && v.Met {
					c.Met++
				}
			}
		}
		c.CostPerTarget = math.NaN()
		if c.Met > 0 {
			c.CostPerTarget = c.Cost / c.Met
		}
		c.CostPerPoint = math.NaN()
		if i > 0 {
			if gain := shareAt(r) - shareAt(rs[0]); gain > 1e-9 {
				c.CostPerPoint = (c.Cost - costAt(rs[0])) / gain
			}
		}
		out[i] = c
	}
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		x, y := out[idx[a]], out[idx[b]]
		if x.Met != y.Met {
			return x.Met > y.Met
		}
		return x.Cost < y.Cost
	})
	for rank, i := range idx {
		out[i].Rank = rank + 1
	}
	return out
}

// WriteComparison writes comparison.csv: a row per variant.
func WriteComparison(w io.Writer, s *sim.Scenario, cs []Comparison, withDraws bool) error {
	head := []string{"variant", "description", "rank", "targets_met", "cumulative_cost_10k_yuan", "cost_per_target_met", "cost_per_point_of_primary_share"}
	if withDraws {
		head[3] = "expected_targets_met"
	}
	for _, t := range s.Targets {
		col := fmt.Sprintf("%s_%d", t.Indicator, t.Year)
		if t.Region != "" {
			col = fmt.Sprintf("%s@%s_%d", t.Indicator, t.Region, t.Year)
		}
		if withDraws {
			col = "p_" + col
		}
		head = append(head, col)
	}
	rows := [][]string{head}
	for _, c := range cs {
		row := []string{c.Variant, c.Description, strconv.Itoa(c.Rank), formatValue(c.Met), formatValue(c.Cost), formatValue(c.CostPerTarget), formatValue(c.CostPerPoint)}
		for _, v := range c.Values {
			row = append(row, formatValue(v))
		}
		rows = append(rows, row)
	}
	return writeRecords(w, rows)
}

// GridPlot draws the variants × targets grid: each cell coloured by the
// probability of meeting the target (with draws) or met / missed.
func GridPlot(look Look, s *sim.Scenario, rs []sim.VariantResult, title string) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = vg.Points(13)
	nv, nt := len(rs), len(s.Targets)
	var vnames, tnames []string
	for i := nv - 1; i >= 0; i-- {
		vnames = append(vnames, rs[i].Variant.Name)
	}
	for t, tg := range s.Targets {
		ind := rs[0].Result.Verdicts[t].Indicator
		name := look.Name(ind)
		if r := []rune(name); len(r) > 14 {
			name = string(r[:13]) + "…"
		}
		tnames = append(tnames, fmt.Sprintf("%s %d", name, tg.Year))
	}
	p.NominalX(tnames...)
	p.NominalY(vnames...)
	p.X.Tick.Label.Rotation = math.Pi / 4
	p.X.Tick.Label.XAlign = draw.XRight
	p.X.Tick.Label.Font.Size = vg.Points(7)
	p.Y.Tick.Label.Font.Size = vg.Points(8)
	for i, r := range rs {
		row := float64(nv - 1 - i)
		for t, v := range r.Result.Verdicts {
			score, label := math.NaN(), "–"
			switch {
			case v.Status != sim.Modelled:
			case r.MC != nil:
				score = r.MC.Targets[t].Probability
				label = fmt.Sprintf("%.0f%%", 100*score)
			case v.Met:
				score, label = 1, "✓"
			default:
				score, label = 0, "×"
			}
			col := color.Color(colCovered)
			switch {
			case math.IsNaN(score):
			case score >= 0.8:
				col = colNew
			case score >= 0.5:
				col = colUncovered
			default:
				col = colTarget
			}
			x := float64(t)
			poly, err := plotter.NewPolygon(plotter.XYs{{X: x - 0.45, Y: row - 0.45}, {X: x + 0.45, Y: row - 0.45}, {X: x + 0.45, Y: row + 0.45}, {X: x - 0.45, Y: row + 0.45}})
			if err != nil {
				return nil, err
			}
			poly.Color = col
			poly.LineStyle.Width = 0
			p.Add(poly)
			lbl, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{{X: x, Y: row}}, Labels: []string{label}})
			if err != nil {
				return nil, err
			}
			look.style(&lbl.TextStyle[0])
			lbl.TextStyle[0].Font.Size = vg.Points(7)
			lbl.TextStyle[0].Color = color.White
			lbl.TextStyle[0].XAlign, lbl.TextStyle[0].YAlign = draw.XCenter, draw.YCenter
			p.Add(lbl)
		}
	}
	p.X.Min, p.X.Max = -0.6, float64(nt)-0.4
	p.Y.Min, p.Y.Max = -0.6, float64(nv)-0.4
	look.apply(p)
	return p, nil
}

// CostPlot draws each variant's cumulative cost against the targets it
// meets, so the efficient options (more targets for less) stand out.
func CostPlot(look Look, cs []Comparison, title, costLabel, metLabel string) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = vg.Points(13)
	p.X.Label.Text = costLabel
	p.Y.Label.Text = metLabel
	p.Y.Tick.Marker = niceTicks{}
	p.X.Tick.Marker = niceTicks{}
	var pts plotter.XYs
	var labels []string
	for _, c := range cs {
		pts = append(pts, plotter.XY{X: c.Cost, Y: c.Met})
		labels = append(labels, fmt.Sprintf("%d %s", c.Rank, c.Variant))
	}
	sc, err := plotter.NewScatter(pts)
	if err != nil {
		return nil, err
	}
	sc.Shape, sc.Color, sc.Radius = draw.CircleGlyph{}, colProjection, vg.Points(5)
	p.Add(sc)
	lbl, err := plotter.NewLabels(plotter.XYLabels{XYs: pts, Labels: labels})
	if err != nil {
		return nil, err
	}
	for i := range lbl.TextStyle {
		look.style(&lbl.TextStyle[i])
		lbl.TextStyle[i].Font.Size = vg.Points(8)
	}
	lbl.Offset = vg.Point{X: vg.Points(6), Y: vg.Points(2)}
	p.Add(lbl)
	grid := plotter.NewGrid()
	grid.Vertical.Color, grid.Horizontal.Color = colGrid, colGrid
	p.Add(grid)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, q := range pts {
		lo, hi = math.Min(lo, q.X), math.Max(hi, q.X)
	}
	pad := math.Max((hi-lo)*0.25, 1)
	p.X.Min, p.X.Max = lo-pad/4, hi+pad
	look.apply(p)
	return p, nil
}

// palette cycles Okabe-Ito colours for variant lines.
var palette = []color.Color{
	color.RGBA{0x00, 0x72, 0xB2, 0xFF}, color.RGBA{0xE6, 0x9F, 0x00, 0xFF}, color.RGBA{0x00, 0x9E, 0x73, 0xFF},
	color.RGBA{0xCC, 0x79, 0xA7, 0xFF}, color.RGBA{0x56, 0xB4, 0xE9, 0xFF}, color.RGBA{0xD5, 0x5E, 0x00, 0xFF},
	color.RGBA{0xF0, 0xE4, 0x42, 0xFF}, color.RGBA{0x00, 0x00, 0x00, 0xFF},
}

// VariantLinesPlot draws one targeted indicator with a line per variant
// (the median with draws) and its targets.
func VariantLinesPlot(look Look, s *sim.Scenario, rs []sim.VariantResult, indicator, region string) (*plot.Plot, error) {
	cd, err := ChartDataFor(s, rs[0].Result.Trajectory, indicator, region)
	if err != nil {
		return nil, err
	}
	cd.Projected = make([]float64, len(cd.Projected))
	for i := range cd.Projected {
		cd.Projected[i] = math.NaN() // the variants' lines replace the single projection
	}
	var lines []plot.Plotter
	type entry struct {
		name string
		l    *plotter.Line
	}
	var legend []entry
	for i, r := range rs {
		series, _ := r.Result.Trajectory.Series(indicator, region)
		if r.MC != nil {
			reg := region
			if reg == "" {
				reg = s.Regions[0].ID
			}
			if ms, ok := r.MC.SeriesFor(indicator, reg); ok {
				series = ms.Q[2]
			}
		}
		var pts xys
		for k, y := range cd.Years {
			pts.add(float64(y), series[k])
		}
		if pts.Len() == 0 {
			continue
		}
		l, err := plotter.NewLine(pts)
		if err != nil {
			return nil, err
		}
		l.Color = palette[i%len(palette)]
		l.Width = vg.Points(2)
		if i >= len(palette) {
			l.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
		}
		lines = append(lines, l)
		legend = append(legend, entry{r.Variant.Name, l})
	}
	p, err := cd.plotOver(look, lines...)
	if err != nil {
		return nil, err
	}
	for _, e := range legend {
		p.Legend.Add(e.name, e.l)
	}
	p.Title.Text = look.Name(cd.Indicator)
	lo, hi := p.Y.Min, p.Y.Max
	for _, pl := range lines {
		l := pl.(*plotter.Line)
		for _, q := range l.XYs {
			lo, hi = math.Min(lo, q.Y), math.Max(hi, q.Y)
		}
	}
	if !math.IsInf(lo, 0) && !math.IsInf(hi, 0) {
		pad := math.Max((hi-lo)*0.1, 0.5)
		p.Y.Min, p.Y.Max = math.Min(p.Y.Min, lo-pad), math.Max(p.Y.Max, hi+3*pad)
	}
	look.apply(p)
	return p, nil
}

// batchPhrases are the batch outputs' words.
var batchPhrases = map[string][2]string{
	"grid title": {"%s\nwhich option meets which target", "%s\n各方案的目标达成情况"},
	"cost title": {"Cost against targets met: the efficient options are top left", "投入与目标达成：越靠左上越经济"},
	"cost x":     {"cumulative spending to the last target year (10,000 yuan)", "至最后目标年份的累计投入（万元）"},
	"met y":      {"modelled targets met", "达成的模型目标数"},
	"met y mc":   {"expected modelled targets met (sum of probabilities)", "预期达成的模型目标数（概率之和）"},
}

func (l Look) bp(key string) string {
	if l.zh() {
		return batchPhrases[key][1]
	}
	return batchPhrases[key][0]
}

// WriteBatch writes a batch into d: comparison.csv, the variants'
// trajectories.csv (the district and targeted regions, or every region with
// allRegions) and verdicts.csv in long format (a variant column),
// and charts: the variants × targets grid, cost against targets met, and
// per targeted indicator one line per variant.
func WriteBatch(d *Dir, s *sim.Scenario, rs []sim.VariantResult, look Look, allRegions bool) error {
	cs := Compare(s, rs)
	withDraws := rs[0].MC != nil
	district := s.Regions[0].ID
	regionID := func(r string) string { return cmpOr(r, district) }
	if err := d.Write("comparison.csv", func(w io.Writer) error { return WriteComparison(w, s, cs, withDraws) }); err != nil {
		return err
	}
	// Trajectories of the district and the targeted regions: a batch of
	// many variants would otherwise write every region of every one
	// (clinicsim run of a variant gives them all).
	keep := map[string]bool{district: true}
	for _, t := range s.Targets {
		keep[regionID(t.Region)] = true
	}
	if err := d.Write("trajectories.csv", func(w io.Writer) error {
		var rows []trajectoryRow
		for _, r := range rs {
			tr := r.Result.Trajectory
			for p := range tr.Points {
				if !allRegions && !keep[p.Region] {
					continue
				}
				st, _ := tr.Status(p.Indicator, p.Region)
				rows = append(rows, trajectoryRow{tr.Scenario, r.Variant.Name, p.Region, p.Indicator, p.Year, formatValue(p.Value), st.String()})
			}
		}
		return marshalCSV(w, rows)
	}); err != nil {
		return err
	}
	if err := d.Write("trajectories.parquet", func(w io.Writer) error {
		return WriteParquet(w, rs, func(r string) bool { return allRegions || keep[r] })
	}); err != nil {
		return err
	}
	if err := d.Write("verdicts.csv", func(w io.Writer) error {
		var all []verdictRow
		for _, r := range rs {
			all = append(all, verdictRows(s.Name, r.Variant.Name, regionID, r.Result.Verdicts)...)
		}
		return marshalCSV(w, all)
	}); err != nil {
		return err
	}
	title := cmpOr(s.TitleEN, s.Name)
	if look.zh() {
		title = cmpOr(s.TitleZH, title)
	}
	g := &gallery{svg: map[string]string{}}
	grid, err := GridPlot(look, s, rs, fmt.Sprintf(look.bp("grid title"), title))
	if err != nil {
		return err
	}
	if err := writePlot(d, "charts/grid", grid, look, g); err != nil {
		return err
	}
	metLabel := look.bp("met y")
	if withDraws {
		metLabel = look.bp("met y mc")
	}
	cp, err := CostPlot(look, cs, look.bp("cost title"), look.bp("cost x"), metLabel)
	if err != nil {
		return err
	}
	if err := writePlot(d, "charts/cost", cp, look, g); err != nil {
		return err
	}
	done := map[string]bool{}
	for _, t := range s.Targets {
		name := ChartFile(t.Indicator, t.Region, district)
		if done[name] {
			continue
		}
		done[name] = true
		if st, _ := rs[0].Result.Trajectory.Status(t.Indicator, t.Region); st == sim.NoData {
			continue
		}
		p, err := VariantLinesPlot(look, s, rs, t.Indicator, t.Region)
		if err != nil {
			return err
		}
		if err := writePlot(d, "charts/variants-"+name, p, look, g); err != nil {
			return err
		}
	}
	return nil
}
