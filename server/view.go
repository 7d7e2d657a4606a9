package server

import (
	"fmt"
	"math"

	"clinicsim/output"
	"clinicsim/sim"
)

// runView is what the page draws after a run: a row of the dashboard per
// target and a chart per targeted indicator and region.
type runView struct {
	Tally    output.Counts `json:"tally"`
	Verdicts []verdictView `json:"verdicts"`
	Charts   []chartView   `json:"charts"`
	Draws    int           `json:"draws"`
}

type verdictView struct {
	Chart        int      `json:"chart"` // index into Charts
	Name         string   `json:"name"`
	Region       string   `json:"region"`
	Target       string   `json:"target"` // e.g. "≥ 4 (2025)"
	Base         *float64 `json:"base"`
	Projected    *float64 `json:"projected"`
	Decimals     int      `json:"decimals"`
	Status       string   `json:"status"` // met, missed, scheduled, nodata
	FirstYearMet int      `json:"first_year_met"`
	Probability  *float64 `json:"probability"`
}

type chartView struct {
	Name      string      `json:"name"`
	Unit      string      `json:"unit"`
	Region    string      `json:"region"`
	Years     []int       `json:"years"`
	Projected []*float64  `json:"projected"`
	P5        []*float64  `json:"p5,omitempty"`
	P95       []*float64  `json:"p95,omitempty"`
	Observed  [][]float64 `json:"observed"` // [year, value]
	Targets   [][]float64 `json:"targets"`  // [year, value]
	Modelled  bool        `json:"modelled"`
}

func view(s *sim.Scenario, vr sim.VariantResult, look output.Look) runView {
	res := vr.Result
	district := s.Regions[0].ID
	regionName := map[string]string{}
	for _, r := range s.Regions {
		n := r.NameEN
		if look.Lang == "zh" && r.NameZH != "" {
			n = r.NameZH
		}
		if n == "" {
			n = r.ID
		}
		regionName[r.ID] = n
	}
	out := runView{Tally: output.Tally(res.Verdicts)}
	if vr.MC != nil {
		out.Draws = vr.MC.Draws
	}
	charts := map[string]int{}
	for i, v := range res.Verdicts {
		region := v.Target.Region
		if region == "" {
			region = district
		}
		key := v.Target.Indicator + "\x00" + v.Target.Region
		ci, ok := charts[key]
		if !ok {
			ci = len(out.Charts)
			charts[key] = ci
			out.Charts = append(out.Charts, chartOf(s, vr, v, look, region, regionName[region]))
		}
		vv := verdictView{
			Chart: ci, Name: look.Name(v.Indicator), Region: regionName[region],
			Target: fmt.Sprintf("%s %s (%d)", look.Cmp(v.Target.Comparison), fmtNum(v.Target.Value), v.Target.Year),
			Base:   finite(v.Base), Projected: finite(v.Projected), Decimals: v.Indicator.Decimals,
			FirstYearMet: v.FirstYearMet,
		}
		switch {
		case v.Status == sim.NoData || math.IsNaN(v.Projected):
			vv.Status = "nodata"
		case v.Status == sim.Scheduled:
			vv.Status = "scheduled"
		case v.Met:
			vv.Status = "met"
		default:
			vv.Status = "missed"
		}
		if vr.MC != nil && i < len(vr.MC.Targets) && v.Status == sim.Modelled {
			vv.Probability = finite(vr.MC.Targets[i].Probability)
		}
		out.Verdicts = append(out.Verdicts, vv)
	}
	return out
}

func chartOf(s *sim.Scenario, vr sim.VariantResult, v sim.Verdict, look output.Look, regionID, region string) chartView {
	tr := vr.Result.Trajectory
	cv := chartView{Name: look.Name(v.Indicator), Unit: look.Unit(v.Indicator), Region: region, Years: tr.Years(), Modelled: v.Status == sim.Modelled,
		Observed: [][]float64{}, Targets: [][]float64{}}
	series, _ := tr.Series(v.Target.Indicator, v.Target.Region)
	cv.Projected = nanless(series)
	if vr.MC != nil {
		if ms, ok := vr.MC.SeriesFor(v.Target.Indicator, regionID); ok && len(ms.Q) == len(sim.Quantiles) {
			cv.P5, cv.P95 = nanless(ms.Q[0]), nanless(ms.Q[len(ms.Q)-1])
		}
	}
	for _, o := range s.Observed {
		if o.Indicator == v.Target.Indicator && o.Region == v.Target.Region && !math.IsNaN(o.Value) {
			cv.Observed = append(cv.Observed, []float64{float64(o.Year), o.Value})
		}
	}
	for _, t := range s.Targets {
		if t.Indicator == v.Target.Indicator && t.Region == v.Target.Region {
			cv.Targets = append(cv.Targets, []float64{float64(t.Year), t.Value})
		}
	}
	return cv
}
