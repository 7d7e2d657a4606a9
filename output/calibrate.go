package output

import (
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"clinicsim/sim"
)

type fitRow struct {
	Key     string `csv:"parameter"`
	Initial string `csv:"initial"`
	Fitted  string `csv:"fitted"`
	Lower   string `csv:"lower"`
	Upper   string `csv:"upper"`
	AtBound string `csv:"at_bound"`
}

type residualRow struct {
	Indicator string `csv:"indicator"`
	Year      int    `csv:"year"`
	Observed  string `csv:"observed"`
	Initial   string `csv:"initial_model"`
	Fitted    string `csv:"fitted_model"`
	Residual  string `csv:"residual"`
}

// WriteFits writes the fitted parameters.
func WriteFits(w io.Writer, res *sim.CalibrateResult) error {
	rows := make([]fitRow, len(res.Fits))
	for i, f := range res.Fits {
		rows[i] = fitRow{f.Key, formatValue(f.Initial), formatValue(f.Value), formatValue(f.Lower), formatValue(f.Upper), map[bool]string{true: "yes", false: "no"}[f.AtBound]}
	}
	return marshalCSV(w, rows)
}

// WriteResiduals writes each observation with the model's value before and
// after fitting.
func WriteResiduals(w io.Writer, res *sim.CalibrateResult) error {
	rows := make([]residualRow, len(res.Residuals))
	for i, r := range res.Residuals {
		rows[i] = residualRow{r.Indicator, r.Year, formatValue(r.Observed), formatValue(r.Initial), formatValue(r.Fitted), formatValue(r.Fitted - r.Observed)}
	}
	return marshalCSV(w, rows)
}

// FitPlot draws an indicator's observed history with the model before
// (dashed grey) and after (blue) calibration.
func FitPlot(look Look, ind sim.Indicator, years []int, initial, fitted []float64, observed []sim.Observation, rmse0, rmse1 float64) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = look.Tf("fit title", look.Name(ind), rmse0, rmse1)
	p.Title.TextStyle.Font.Size = vg.Points(14)
	p.Y.Label.Text = look.Unit(ind)
	p.X.Label.Text = look.Tf("fit x", ind.ID)
	p.X.Label.TextStyle.Font.Size = vg.Points(8)
	p.X.Tick.Marker = yearTicks{}
	p.Y.Tick.Marker = niceTicks{}
	grid := plotter.NewGrid()
	grid.Vertical.Color, grid.Horizontal.Color = colGrid, colGrid
	p.Add(grid)
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.TextStyle.Font.Size = vg.Points(9)
	p.Legend.Padding = vg.Points(5)
	for _, s := range []struct {
		label  string
		values []float64
		dashed bool
	}{{look.T("fit before"), initial, true}, {look.T("fit after"), fitted, false}} {
		var pts xys
		for i, y := range years {
			pts.add(float64(y), s.values[i])
		}
		if pts.Len() == 0 {
			continue
		}
		l, err := plotter.NewLine(pts)
		if err != nil {
			return nil, err
		}
		l.Width = vg.Points(2.5)
		l.Color = colProjection
		if s.dashed {
			l.Color = colCovered
			l.Dashes = []vg.Length{vg.Points(6), vg.Points(4)}
		}
		p.Add(l)
		p.Legend.Add(s.label, l)
	}
	var obs xys
	for _, o := range observed {
		obs.add(float64(o.Year), o.Value)
	}
	if obs.Len() > 0 {
		sc, err := plotter.NewScatter(obs)
		if err != nil {
			return nil, err
		}
		sc.Shape, sc.Color, sc.Radius = draw.BoxGlyph{}, colObserved, vg.Points(4.5)
		p.Add(sc)
		p.Legend.Add(look.T("observed plain"), sc)
	}
	p.X.Min, p.X.Max = float64(years[0])-0.3, float64(years[len(years)-1])+0.3
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, vs := range [][]float64{initial, fitted, obs.y} {
		for _, v := range vs {
			if !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if !math.IsInf(lo, 0) {
		pad := math.Max((hi-lo)*0.15, 0.5)
		p.Y.Min, p.Y.Max = lo-pad, hi+pad*2
	}
	look.apply(p)
	return p, nil
}
