package output

import (
	"fmt"
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"clinicsim/sim"
)

type sensRow struct {
	Indicator string `csv:"indicator"`
	Region    string `csv:"region"`
	Year      int    `csv:"year"`
	Central   string `csv:"central"`
	Rank      int    `csv:"rank"`
	Key       string `csv:"parameter"`
	PRegion   string `csv:"param_region"`
	Tier      string `csv:"param_tier"`
	Cadre     string `csv:"param_cadre"`
	Low       string `csv:"param_p10"`
	High      string `csv:"param_p90"`
	AtLow     string `csv:"value_at_p10"`
	AtHigh    string `csv:"value_at_p90"`
	Swing     string `csv:"swing"`
	RankCorr  string `csv:"rank_correlation"`
}

// ParamLabel names a parameter row for tables and charts.
func ParamLabel(p sim.Param) string {
	s := p.Key
	if p.Region != "" {
		s += " @" + p.Region
	}
	if p.Tier != sim.AnyTier {
		s += " " + p.Tier.Code()
	}
	if p.Cadre != sim.AnyCadre {
		s += "/" + p.Cadre.Code()
	}
	return s
}

// WriteSensitivity writes every target's parameters, largest swing first.
func WriteSensitivity(w io.Writer, res *sim.SensitivityResult, region func(string) string) error {
	var rows []sensRow
	for _, t := range res.Targets {
		for i, sw := range t.Swings {
			tier, cadre := "", ""
			if sw.Param.Tier != sim.AnyTier {
				tier = sw.Param.Tier.Code()
			}
			if sw.Param.Cadre != sim.AnyCadre {
				cadre = sw.Param.Cadre.Code()
			}
			rows = append(rows, sensRow{t.Target.Indicator, region(t.Target.Region), t.Target.Year, formatValue(t.Central), i + 1,
				sw.Param.Key, sw.Param.Region, tier, cadre, formatValue(sw.Low), formatValue(sw.High),
				formatValue(sw.AtLow), formatValue(sw.AtHigh), formatValue(sw.Swing), formatValue(sim.Round(sw.RankCorr, 4))})
		}
	}
	return marshalCSV(w, rows)
}

// TornadoPlot draws one target's one-at-a-time swings, largest on top: each
// bar runs from the value with the parameter at its P10 to the value at
// its P90, around the central projection, with the target marked.
func TornadoPlot(look Look, t sim.TargetSensitivity, draws int) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = look.Tf("tornado title", look.Name(t.Indicator), t.Target.Year, draws)
	p.Title.TextStyle.Font.Size = vg.Points(12)
	p.X.Label.Text = look.Tf("tornado x", look.Unit(t.Indicator), t.Target.Year, formatValue(sim.Round(t.Central, t.Indicator.Decimals)), look.Cmp(t.Target.Comparison), formatValue(t.Target.Value))
	p.X.Label.TextStyle.Font.Size = vg.Points(9)
	p.X.Tick.Marker = niceTicks{}
	const most = 12 // the rest move it less; sensitivity.csv has them all
	if len(t.Swings) > most {
		t.Swings = t.Swings[:most]
	}
	n := len(t.Swings)
	names := make([]string, n)
	lo, hi := math.Min(t.Central, t.Target.Value), math.Max(t.Central, t.Target.Value)
	for i, sw := range t.Swings {
		row := n - 1 - i
		names[row] = fmt.Sprintf("%s (ρ %+.2f)", ParamLabel(sw.Param), sw.RankCorr)
		a, b := math.Min(sw.AtLow, sw.AtHigh), math.Max(sw.AtLow, sw.AtHigh)
		lo, hi = math.Min(lo, a), math.Max(hi, b)
		poly, err := plotter.NewPolygon(plotter.XYs{{X: a, Y: float64(row) - 0.35}, {X: b, Y: float64(row) - 0.35}, {X: b, Y: float64(row) + 0.35}, {X: a, Y: float64(row) + 0.35}})
		if err != nil {
			return nil, err
		}
		poly.Color = colProjection
		if sw.AtHigh < sw.AtLow {
			poly.Color = colUncovered // raising the parameter lowers the value
		}
		poly.LineStyle.Width = 0
		p.Add(poly)
	}
	p.NominalY(names...)
	p.Y.Tick.Label.Font.Size = vg.Points(8)
	for _, v := range []struct {
		x   float64
		col color.Color
	}{{t.Central, colObserved}, {t.Target.Value, colTarget}} {
		l, err := plotter.NewLine(plotter.XYs{{X: v.x, Y: -0.6}, {X: v.x, Y: float64(n) - 0.4}})
		if err != nil {
			return nil, err
		}
		l.Color = v.col
		l.Width = vg.Points(1.5)
		l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		p.Add(l)
	}
	pad := math.Max((hi-lo)*0.08, 1e-9)
	p.X.Min, p.X.Max = lo-pad, hi+pad
	p.Y.Min, p.Y.Max = -0.7, float64(n)-0.3
	look.apply(p)
	return p, nil
}
