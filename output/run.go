package output

import (
	"io"

	"clinicsim/sim"
)

// WriteRun writes everything a run produces into d: trajectories.csv,
// verdicts.csv, report.md and under charts/ a PNG and an SVG for each
// targeted indicator and region. It does not commit d.
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
	done := map[string]bool{}
	for _, v := range res.Verdicts {
		name := ChartFile(v.Target.Indicator, v.Target.Region, district)
		if done[name] {
			continue
		}
		done[name] = true
		cd, err := ChartDataFor(s, res.Trajectory, v.Target.Indicator, v.Target.Region)
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
		if err := d.Write("charts/"+name+".svg", func(w io.Writer) error { return WriteSVG(w, p) }); err != nil {
			return err
		}
	}
	return d.Write("report.md", func(w io.Writer) error { return WriteReport(w, s, res) })
}
