package output

import (
	"bytes"
	"errors"
	"io"

	"gonum.org/v1/plot"
	"runtime"
	"sync"

	"clinicsim/sim"
)

// WriteAll writes everything a run produces into d: the CSV files, charts
// and report.md of the run, the Monte Carlo files and charts when mc is not
// nil, results.xlsx, and report.html, which holds every chart inline. It
// does not commit d.
func WriteAll(d *Dir, s *sim.Scenario, res *sim.Result, mc *sim.MCResult, look Look) error {
	g := &gallery{svg: map[string]string{}}
	if err := writeRun(d, s, res, look, g); err != nil {
		return err
	}
	if mc != nil {
		if err := writeMC(d, s, mc, look, g); err != nil {
			return err
		}
	}
	if err := d.Write("results.xlsx", func(w io.Writer) error { return WriteXLSX(w, s, res, mc, look) }); err != nil {
		return err
	}
	return d.Write("report.html", func(w io.Writer) error { return WriteHTML(w, s, res, mc, look, g) })
}

// gallery keeps the SVG of every chart drawn, for report.html.
type gallery struct {
	mu  sync.Mutex
	svg map[string]string // chart name -> SVG
}

func (g *gallery) add(name, svg string) {
	if g == nil {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.svg[name] = svg
}

func (g *gallery) get(name string) (string, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	s, ok := g.svg[name]
	return s, ok
}

// writeRun writes everything a deterministic run produces into d: trajectories.csv,
// verdicts.csv, compliance.csv (with a facility model), report.md and under
// charts/ a PNG and an SVG for each targeted indicator and region. It does
// not commit d.
func writeRun(d *Dir, s *sim.Scenario, res *sim.Result, look Look, g *gallery) error {
	const variant = "baseline"
	district := s.Regions[0].ID
	regionID := func(r string) string {
		if r == "" {
			return district
		}
		return r
	}
	if err := d.Write("trajectories.csv", func(w io.Writer) error { return WriteTrajectories(w, variant, res.Trajectory) }); err != nil {
		return err
	}
	if err := d.Write("verdicts.csv", func(w io.Writer) error { return WriteVerdicts(w, s.Name, variant, regionID, res.Verdicts) }); err != nil {
		return err
	}
	if len(res.Compliance) > 0 {
		if err := d.Write("compliance.csv", func(w io.Writer) error { return WriteCompliance(w, res.Compliance) }); err != nil {
			return err
		}
	}
	// Charts are independent files: draw them on every core.
	type job struct{ name, indicator, region string }
	var jobs []job
	done := map[string]bool{}
	for _, v := range res.Verdicts {
		name := ChartFile(v.Target.Indicator, v.Target.Region, district)
		if !done[name] {
			done[name] = true
			jobs = append(jobs, job{name, v.Target.Indicator, v.Target.Region})
		}
	}
	errs := make([]error, len(jobs))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			errs[i] = writeChart(d, s, res.Trajectory, j.name, j.indicator, j.region, look, g)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return d.Write("report.md", func(w io.Writer) error { return WriteReport(w, s, res) })
}

func writeChart(d *Dir, s *sim.Scenario, tr *sim.Trajectory, name, indicator, region string, look Look, g *gallery) error {
	cd, err := ChartDataFor(s, tr, indicator, region)
	if err != nil {
		return err
	}
	p, err := cd.Plot(look)
	if err != nil {
		return err
	}
	return writePlot(d, "charts/"+name, p, look, g)
}

// writePlot writes a plot as NAME.png and NAME.svg, keeping the SVG in g.
func writePlot(d *Dir, name string, p *plot.Plot, look Look, g *gallery) error {
	if d.discard {
		var buf bytes.Buffer
		if err := look.writeSVG(&buf, p); err != nil {
			return err
		}
		g.add(name, buf.String())
		return nil
	}
	if err := d.Write(name+".png", func(w io.Writer) error { return WritePNG(w, p) }); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := look.writeSVG(&buf, p); err != nil {
		return err
	}
	g.add(name, buf.String())
	return d.Write(name+".svg", func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err })
}

// writeMC writes a Monte Carlo run into d: mc_summary.csv, probabilities.csv,
// first_year.csv, a fan chart per targeted indicator (charts/fan-ID) and
// the probability chart (charts/probabilities).
func writeMC(d *Dir, s *sim.Scenario, mc *sim.MCResult, look Look, g *gallery) error {
	district := s.Regions[0].ID
	regionID := func(r string) string {
		if r == "" {
			return district
		}
		return r
	}
	files := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"mc_summary.csv", func(w io.Writer) error { return WriteMCSeries(w, mc) }},
		{"probabilities.csv", func(w io.Writer) error { return WriteOdds(w, mc, regionID) }},
		{"first_year.csv", func(w io.Writer) error { return WriteFirstYears(w, mc, regionID) }},
	}
	for _, f := range files {
		if err := d.Write(f.name, f.write); err != nil {
			return err
		}
	}
	title := s.TitleEN
	if look.zh() && s.TitleZH != "" {
		title = s.TitleZH
	}
	if title == "" {
		title = s.Name
	}
	pp, err := ProbabilityPlot(look, mc, title)
	if err != nil {
		return err
	}
	if err := writePlot(d, "charts/probabilities", pp, look, g); err != nil {
		return err
	}
	done := map[string]bool{}
	for _, o := range mc.Targets {
		name := ChartFile(o.Target.Indicator, o.Target.Region, district)
		if done[name] {
			continue
		}
		done[name] = true
		series, ok := mc.SeriesFor(o.Target.Indicator, regionID(o.Target.Region))
		if !ok {
			continue
		}
		if st, _ := mc.Baseline.Trajectory.Status(o.Target.Indicator, o.Target.Region); st == sim.NoData {
			continue
		}
		cd, err := ChartDataFor(s, mc.Baseline.Trajectory, o.Target.Indicator, o.Target.Region)
		if err != nil {
			return err
		}
		var odds []sim.TargetOdds
		for _, x := range mc.Targets {
			if x.Target.Indicator == o.Target.Indicator && x.Target.Region == o.Target.Region {
				odds = append(odds, x)
			}
		}
		p, err := FanPlot(look, cd, series, odds, mc.Draws)
		if err != nil {
			return err
		}
		if err := writePlot(d, "charts/fan-"+name, p, look, g); err != nil {
			return err
		}
	}
	return nil
}

// WriteHTMLReport writes report.html alone, as WriteAll would, drawing the
// charts it holds in memory: for serving a report without an output folder.
func WriteHTMLReport(w io.Writer, s *sim.Scenario, res *sim.Result, mc *sim.MCResult, look Look) error {
	g := &gallery{svg: map[string]string{}}
	d := discardDir()
	if err := writeRun(d, s, res, look, g); err != nil {
		return err
	}
	if mc != nil {
		if err := writeMC(d, s, mc, look, g); err != nil {
			return err
		}
	}
	return WriteHTML(w, s, res, mc, look, g)
}
