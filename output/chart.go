package output

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"clinicsim/sim"
)

// Okabe-Ito colours: distinguishable with the common colour-vision
// deficiencies.
var (
	colProjection = color.RGBA{0x00, 0x72, 0xB2, 0xFF} // blue
	colTarget     = color.RGBA{0xD5, 0x5E, 0x00, 0xFF} // vermillion
	colObserved   = color.RGBA{0x00, 0x00, 0x00, 0xFF}
	colGrid       = color.RGBA{0xDD, 0xDD, 0xDD, 0xFF}
)

// Chart sizes: 16:9, 1600x900 pixels in PNG.
const (
	chartW   = 8 * vg.Inch
	chartH   = 4.5 * vg.Inch
	chartDPI = 200
)

// ChartData is what one indicator's chart shows: its projected series, its
// observations and the targets on it. It is built from a run by
// ChartDataFor, and is what tests check instead of pixels.
type ChartData struct {
	Indicator  sim.Indicator
	Region     string
	Years      []int
	Projected  []float64 // NaN where there is no value
	Status     sim.Status
	Basis      string
	Observed   []sim.Observation
	Targets    []sim.Target
	Scenario   string // scenario title for the caption
	ScenarioZH string // Chinese title
	SourceNote string // where the observed values come from
}

// ChartDataFor collects the chart of an indicator in a region.
func ChartDataFor(s *sim.Scenario, tr *sim.Trajectory, indicator, region string) (ChartData, error) {
	ind, ok := tr.Catalog.Lookup(indicator)
	if !ok {
		return ChartData{}, fmt.Errorf("output: unknown indicator %q", indicator)
	}
	series, ok := tr.Series(indicator, region)
	if !ok {
		return ChartData{}, fmt.Errorf("output: unknown region %q", region)
	}
	st, basis := tr.Status(indicator, region)
	cd := ChartData{Indicator: ind, Region: region, Years: tr.Years(), Projected: series, Status: st, Basis: basis, Scenario: s.TitleEN, ScenarioZH: s.TitleZH}
	if cd.Scenario == "" {
		cd.Scenario = s.Name
	}
	if cd.ScenarioZH == "" {
		cd.ScenarioZH = cd.Scenario
	}
	for _, o := range s.Observed {
		if o.Indicator == indicator && o.Region == region {
			cd.Observed = append(cd.Observed, o)
			if cd.SourceNote == "" {
				cd.SourceNote = o.Source
			}
		}
	}
	for _, t := range s.Targets {
		if t.Indicator == indicator && t.Region == region {
			cd.Targets = append(cd.Targets, t)
		}
	}
	return cd, nil
}

// xys is a year series for gonum/plot, skipping missing values.
type xys struct {
	x, y []float64
}

func (s xys) Len() int                { return len(s.x) }
func (s xys) XY(i int) (x, y float64) { return s.x[i], s.y[i] }

func (s *xys) add(x, y float64) {
	if !math.IsNaN(y) {
		s.x = append(s.x, x)
		s.y = append(s.y, y)
	}
}

// Plot builds the chart of cd.
func (cd ChartData) Plot(look Look) (*plot.Plot, error) { return cd.plotOver(look) }

// plotOver builds the chart of cd drawn over the given plotters (bands).
func (cd ChartData) plotOver(look Look, under ...plot.Plotter) (*plot.Plot, error) {
	p := plot.New()
	ind := cd.Indicator
	p.Title.Text = look.Name(ind) + "\n" + cd.verdictLine(look)
	p.Title.TextStyle.Font.Size = vg.Points(14)
	p.Y.Label.Text = look.Unit(ind)
	status := look.T("status " + cd.Status.String())
	scenario := cd.Scenario
	if look.zh() {
		scenario = cd.ScenarioZH
	} else if cd.Basis != "" {
		status += ": " + cd.Basis
	}
	p.X.Label.Text = look.T("year") + "\n" + look.Tf("caption", ind.ID, status, scenario)
	p.X.Label.TextStyle.Font.Size = vg.Points(8)
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Tick.Label.Font.Size = vg.Points(10)
	}
	p.X.Tick.Marker = yearTicks{}
	p.Y.Tick.Marker = niceTicks{}
	grid := plotter.NewGrid()
	grid.Vertical.Color, grid.Horizontal.Color = colGrid, colGrid
	p.Add(grid)
	p.Add(under...)
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.TextStyle.Font.Size = vg.Points(9)
	p.Legend.Padding = vg.Points(5)

	var proj xys
	for i, y := range cd.Years {
		proj.add(float64(y), cd.Projected[i])
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	note := func(v float64) { lo, hi = math.Min(lo, v), math.Max(hi, v) }
	for _, v := range proj.y {
		note(v)
	}
	if proj.Len() > 0 {
		line, points, err := plotter.NewLinePoints(proj)
		if err != nil {
			return nil, err
		}
		line.Color = colProjection
		line.Width = vg.Points(2.5)
		points.Color = colProjection
		points.Shape = draw.CircleGlyph{}
		points.Radius = vg.Points(3)
		label := look.T("projection")
		if cd.Status == sim.Scheduled {
			line.Dashes = []vg.Length{vg.Points(6), vg.Points(4)}
			label = look.T("carried")
		}
		p.Add(line, points)
		p.Legend.Add(label, line, points)
	}
	if len(cd.Observed) > 0 {
		var obs xys
		for _, o := range cd.Observed {
			obs.add(float64(o.Year), o.Value)
			note(o.Value)
		}
		sc, err := plotter.NewScatter(obs)
		if err != nil {
			return nil, err
		}
		sc.Shape = draw.BoxGlyph{}
		sc.Color = colObserved
		sc.Radius = vg.Points(4.5)
		p.Add(sc)
		p.Legend.Add(look.T("observed"), sc)
	}
	for _, t := range cd.Targets {
		note(t.Value)
		ref := xys{x: []float64{float64(cd.Years[0]), float64(cd.Years[len(cd.Years)-1])}, y: []float64{t.Value, t.Value}}
		l, err := plotter.NewLine(ref)
		if err != nil {
			return nil, err
		}
		l.Color = colTarget
		l.Width = vg.Points(1.2)
		l.Dashes = []vg.Length{vg.Points(3), vg.Points(3)}
		mk, err := plotter.NewScatter(xys{x: []float64{float64(t.Year)}, y: []float64{t.Value}})
		if err != nil {
			return nil, err
		}
		mk.Shape = draw.PyramidGlyph{}
		mk.Color = colTarget
		mk.Radius = vg.Points(7)
		p.Add(l, mk)
		p.Legend.Add(look.Tf("target", t.Year, look.Cmp(t.Comparison), formatValue(t.Value)), l, mk)
	}
	if proj.Len() == 0 {
		msg := look.T("no data note")
		y := 0.0
		if len(cd.Targets) > 0 {
			y = cd.Targets[0].Value
		}
		lbl, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{{X: float64(cd.Years[0]), Y: y}}, Labels: []string{msg}})
		if err != nil {
			return nil, err
		}
		look.style(&lbl.TextStyle[0])
		lbl.TextStyle[0].Font.Size = vg.Points(12)
		lbl.TextStyle[0].Color = colObserved
		lbl.Offset = vg.Point{X: vg.Points(10), Y: vg.Points(12)}
		p.Add(lbl)
	}
	if !math.IsInf(lo, 0) {
		pad := (hi - lo) * 0.15
		if pad == 0 {
			pad = math.Max(math.Abs(hi)*0.1, 1)
		}
		p.Y.Min, p.Y.Max = lo-pad, hi+pad*2.6 // room for the legend above the highest line
		if lo >= 0 && p.Y.Min < 0 {
			p.Y.Min = 0
		}
	}
	p.X.Min, p.X.Max = float64(cd.Years[0])-0.3, float64(cd.Years[len(cd.Years)-1])+0.3
	look.apply(p)
	return p, nil
}

// verdictLine says how each target fares, e.g. "2025 >= 4: projected 3.60, missed".
func (cd ChartData) verdictLine(look Look) string {
	var parts []string
	for _, t := range cd.Targets {
		k := t.Year - cd.Years[0]
		if k < 0 || k >= len(cd.Projected) || math.IsNaN(cd.Projected[k]) {
			parts = append(parts, look.Tf("verdict no data", t.Year, look.Cmp(t.Comparison), formatValue(t.Value)))
			continue
		}
		v := cd.Projected[k]
		word := look.T("missed")
		if t.Comparison.Holds(sim.Round(v, cd.Indicator.Decimals), t.Value) {
			word = look.T("met")
		}
		if cd.Status == sim.Scheduled {
			word += look.T("carried suffix")
		}
		parts = append(parts, look.Tf("verdict", t.Year, look.Cmp(t.Comparison), formatValue(t.Value), fmt.Sprintf("%.*f", cd.Indicator.Decimals, v), word))
	}
	return strings.Join(parts, ";  ")
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// yearTicks marks every year (every other one on long horizons).
type yearTicks struct{}

func (yearTicks) Ticks(min, max float64) []plot.Tick {
	step := 1
	if max-min > 16 {
		step = 2
	}
	var ts []plot.Tick
	for y := int(math.Ceil(min)); float64(y) <= max; y += step {
		ts = append(ts, plot.Tick{Value: float64(y), Label: strconv.Itoa(y)})
	}
	return ts
}

// niceTicks labels about six evenly spaced values at steps of 1, 2, 2.5 or
// 5 times a power of ten, so every gridline on a projected chart has a
// number.
type niceTicks struct{}

func (niceTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) {
		return []plot.Tick{{Value: lo, Label: strconv.FormatFloat(lo, 'g', 6, 64)}}
	}
	raw := (hi - lo) / 6
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	dec := max(0, int(-math.Floor(math.Log10(step)+1e-9)))
	if step/math.Pow(10, math.Floor(math.Log10(step))) == 2.5 {
		dec++
	}
	var ts []plot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi+step*1e-9; v += step {
		ts = append(ts, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', dec, 64)})
	}
	return ts
}

// WritePNG draws the plot as a 1600x900 PNG.
func WritePNG(w io.Writer, p *plot.Plot) error {
	c := vgimg.NewWith(vgimg.UseWH(chartW, chartH), vgimg.UseDPI(chartDPI))
	p.Draw(draw.New(c))
	_, err := vgimg.PngCanvas{Canvas: c}.WriteTo(w)
	return err
}

// WriteSVG draws the plot as SVG.
func WriteSVG(w io.Writer, p *plot.Plot) error {
	c := vgsvg.New(chartW, chartH)
	p.Draw(draw.New(c))
	_, err := c.WriteTo(w)
	return err
}
