package output

import (
	"errors"
	"io"
	"runtime"
	"sync"

	"clinicsim/sim"
)

// WriteRun writes everything a run produces into d: trajectories.csv,
// verdicts.csv, compliance.csv (with a facility model), report.md and under
// charts/ a PNG and an SVG for each targeted indicator and region. It does
// not commit d.
func WriteRun(d *Dir, s *sim.Scenario, res *sim.Result) error {
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
			errs[i] = writeChart(d, s, res.Trajectory, j.name, j.indicator, j.region)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return d.Write("report.md", func(w io.Writer) error { return WriteReport(w, s, res) })
}

func writeChart(d *Dir, s *sim.Scenario, tr *sim.Trajectory, name, indicator, region string) error {
	cd, err := ChartDataFor(s, tr, indicator, region)
	if err != nil {
		return err
	}
	p, err := cd.Plot()
	if err != nil {
		return err
	}
	if err := d.Write("charts/"+name+".png", func(w io.Writer) error { return WritePNG(w, p) }); err != nil {
		return err
	}
	return d.Write("charts/"+name+".svg", func(w io.Writer) error { return WriteSVG(w, p) })
}
