package output

import (
	"image/color"
	"io"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"clinicsim/sim"
)

type siteRow struct {
	Rank            int    `csv:"rank"`
	Candidate       string `csv:"candidate"`
	NameZH          string `csv:"name_zh"`
	NameEN          string `csv:"name_en"`
	Lat             string `csv:"lat"`
	Lon             string `csv:"lon"`
	NewlyCovered    string `csv:"newly_covered"`
	Settlements     int    `csv:"settlements_added"`
	CumulativeCover string `csv:"cumulative_covered"`
	CumulativeShare string `csv:"cumulative_share_pct"`
}

// WriteSites writes a site plan's picks: rank, candidate, names,
// coordinates, residents newly covered, and cumulative coverage.
func WriteSites(w io.Writer, plan *sim.SitePlan) error {
	rows := []siteRow{{Rank: 0, Candidate: "(existing)", NameEN: "already covered", CumulativeCover: formatValue(plan.CoveredBefore),
		CumulativeShare: formatValue(100 * plan.CoveredBefore / plan.Population)}}
	for _, p := range plan.Picks {
		rows = append(rows, siteRow{p.Rank, p.Candidate.ID, p.Candidate.NameZH, p.Candidate.NameEN, formatValue(p.Candidate.Lat), formatValue(p.Candidate.Lon),
			formatValue(p.NewlyCovered), p.SettlementsAdded, formatValue(p.CumulativeCover), formatValue(p.CumulativeShare)})
	}
	return marshalCSV(w, rows)
}

type complianceRow struct {
	Rule       string `csv:"rule"`
	Region     string `csv:"region"`
	Year       int    `csv:"year"`
	Population string `csv:"population"`
	Min        string `csv:"required_min"`
	Max        string `csv:"required_max"`
	Actual     string `csv:"actual"`
	Gap        string `csv:"gap"`
	Complies   string `csv:"complies"`
	Circuit    string `csv:"circuit_visits"`
	NearestKm  string `csv:"nearest_km"`
}

// WriteCompliance writes every rule's verdict on every unit and year.
func WriteCompliance(w io.Writer, results []sim.UnitResult) error {
	rows := make([]complianceRow, 0, len(results))
	yn := map[bool]string{true: "yes", false: "no"}
	for _, u := range results {
		max := formatValue(u.Max)
		if math.IsInf(u.Max, 1) {
			max = ""
		}
		near := ""
		if !math.IsNaN(u.NearestKm) && !math.IsInf(u.NearestKm, 1) {
			near = formatValue(sim.Round(u.NearestKm, 3))
		}
		rows = append(rows, complianceRow{u.Rule, u.Region, u.Year, formatValue(u.Population), formatValue(u.Min), max,
			formatValue(u.Actual), formatValue(u.Gap), yn[u.Complies], yn[u.Circuit], near})
	}
	return marshalCSV(w, rows)
}

var (
	colCovered   = color.RGBA{0x99, 0x99, 0x99, 0xFF}
	colUncovered = color.RGBA{0xE6, 0x9F, 0x00, 0xFF} // orange
	colNew       = color.RGBA{0x00, 0x9E, 0x73, 0xFF} // green
)

// kmPerDegree converts degrees to kilometres near latitude lat0.
func kmPerDegree(lat0 float64) (x, y float64) {
	y = sim.EarthRadiusKm * math.Pi / 180
	return y * math.Cos(lat0*math.Pi/180), y
}

// MapPlot draws a site plan: settlements sized by residents and coloured
// by who covers them, existing facilities, proposed sites with their rank,
// and each site's coverage radius. Axes are kilometres east and north of
// the settlements' centre, at equal scale.
func MapPlot(look Look, plan *sim.SitePlan, title, source string) (*plot.Plot, error) {
	var lat0, lon0, maxPop float64
	for _, s := range plan.Settlements {
		lat0 += s.Lat / float64(len(plan.Settlements))
		lon0 += s.Lon / float64(len(plan.Settlements))
		maxPop = math.Max(maxPop, s.Population)
	}
	kx, ky := kmPerDegree(lat0)
	xy := func(lat, lon float64) plotter.XY { return plotter.XY{X: (lon - lon0) * kx, Y: (lat - lat0) * ky} }

	p := plot.New()
	newPop := 0.0
	for _, pk := range plan.Picks {
		newPop += pk.NewlyCovered
	}
	p.Title.Text = look.Tf("map title",
		title, len(plan.Picks), formatValue(plan.Request.Km), formatValue(math.Round(newPop)),
		100*plan.CoveredBefore/plan.Population, 100*(plan.CoveredBefore+newPop)/plan.Population, formatValue(math.Round(plan.Population)))
	p.Title.TextStyle.Font.Size = vg.Points(13)
	p.X.Label.Text = look.T("map x") + source
	p.X.Label.TextStyle.Font.Size = vg.Points(8)
	p.Y.Label.Text = look.T("map y")
	grid := plotter.NewGrid()
	grid.Vertical.Color, grid.Horizontal.Color = colGrid, colGrid
	p.Add(grid)
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.TextStyle.Font.Size = vg.Points(9)
	p.Legend.Padding = vg.Points(4)

	circle := func(c plotter.XY, km float64) plotter.XYs {
		pts := make(plotter.XYs, 65)
		for i := range pts {
			a := 2 * math.Pi * float64(i) / 64
			pts[i] = plotter.XY{X: c.X + km*math.Cos(a), Y: c.Y + km*math.Sin(a)}
		}
		return pts
	}
	addCircle := func(c plotter.XY, col color.Color, dashed bool) error {
		l, err := plotter.NewLine(circle(c, plan.Request.Km))
		if err != nil {
			return err
		}
		l.Color = col
		l.Width = vg.Points(1)
		if dashed {
			l.Dashes = []vg.Length{vg.Points(3), vg.Points(3)}
		}
		p.Add(l)
		return nil
	}
	var lo, hi plotter.XY = plotter.XY{X: math.Inf(1), Y: math.Inf(1)}, plotter.XY{X: math.Inf(-1), Y: math.Inf(-1)}
	extend := func(q plotter.XY, r float64) {
		lo.X, lo.Y = math.Min(lo.X, q.X-r), math.Min(lo.Y, q.Y-r)
		hi.X, hi.Y = math.Max(hi.X, q.X+r), math.Max(hi.Y, q.Y+r)
	}
	for _, f := range plan.Existing {
		if err := addCircle(xy(f.Lat, f.Lon), colCovered, true); err != nil {
			return nil, err
		}
	}
	for _, pk := range plan.Picks {
		c := xy(pk.Candidate.Lat, pk.Candidate.Lon)
		if err := addCircle(c, colNew, false); err != nil {
			return nil, err
		}
		extend(c, plan.Request.Km)
	}
	groups := []struct {
		label string
		col   color.Color
		keep  func(s sim.Settlement) bool
	}{
		{look.T("covered before"), colCovered, func(s sim.Settlement) bool { return s.CoveredBy == 0 }},
		{look.T("covered new"), colNew, func(s sim.Settlement) bool { return s.CoveredBy > 0 }},
		{look.T("uncovered"), colUncovered, func(s sim.Settlement) bool { return s.CoveredBy < 0 }},
	}
	for _, g := range groups {
		var pts plotter.XYs
		var pops []float64
		for _, s := range plan.Settlements {
			if g.keep(s) {
				q := xy(s.Lat, s.Lon)
				pts = append(pts, q)
				pops = append(pops, s.Population)
				extend(q, 0.3)
			}
		}
		if len(pts) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, err
		}
		col := g.col
		sc.GlyphStyle = draw.GlyphStyle{Color: col, Shape: draw.CircleGlyph{}, Radius: vg.Points(5)} // legend
		sc.GlyphStyleFunc = func(i int) draw.GlyphStyle {
			return draw.GlyphStyle{Color: col, Shape: draw.CircleGlyph{}, Radius: vg.Points(2.5 + 9*math.Sqrt(pops[i]/maxPop))}
		}
		p.Add(sc)
		p.Legend.Add(g.label, sc)
	}
	if len(plan.Existing) > 0 {
		var pts plotter.XYs
		for _, f := range plan.Existing {
			pts = append(pts, xy(f.Lat, f.Lon))
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, err
		}
		sc.Shape, sc.Color, sc.Radius = draw.BoxGlyph{}, colObserved, vg.Points(4)
		p.Add(sc)
		p.Legend.Add(look.Tf("existing", formatValue(plan.Request.Km)), sc)
	}
	if len(plan.Picks) > 0 {
		var pts plotter.XYs
		var labels []string
		for _, pk := range plan.Picks {
			pts = append(pts, xy(pk.Candidate.Lat, pk.Candidate.Lon))
			labels = append(labels, strconv.Itoa(pk.Rank)+" "+pk.Candidate.ID)
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, err
		}
		sc.Shape, sc.Color, sc.Radius = draw.PyramidGlyph{}, colTarget, vg.Points(7)
		p.Add(sc)
		p.Legend.Add(look.T("proposed"), sc)
		lbl, err := plotter.NewLabels(plotter.XYLabels{XYs: pts, Labels: labels})
		if err != nil {
			return nil, err
		}
		for i := range lbl.TextStyle {
			look.style(&lbl.TextStyle[i])
			lbl.TextStyle[i].Font.Size = vg.Points(9)
		}
		lbl.Offset = vg.Point{X: vg.Points(8), Y: vg.Points(-3)}
		p.Add(lbl)
	}
	// Equal scale: widen the shorter axis so a km is as long on both. The
	// data area of the 16:9 chart, less the two-line title and the axes,
	// is about 2.15 times as wide as it is high.
	lo.X -= 0.45 * (hi.X - lo.X) // room on the left for the legend
	w, h := hi.X-lo.X, hi.Y-lo.Y
	cx, cy := (lo.X+hi.X)/2, (lo.Y+hi.Y)/2
	const aspect = 2.15
	if w/h < aspect {
		w = h * aspect
	} else {
		h = w / aspect
	}
	w, h = w*1.1, h*1.1
	p.X.Min, p.X.Max = cx-w/2, cx+w/2
	p.Y.Min, p.Y.Max = cy-h/2, cy+h/2
	look.apply(p)
	return p, nil
}
