package sim

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"gonum.org/v1/gonum/stat"
)

// Swing is how one uncertain parameter moves one target's value.
type Swing struct {
	Param     Param   // the parameter (Value unused)
	Low, High float64 // the parameter at its P10 and P90
	AtLow     float64 // the target-year value with the parameter at Low
	AtHigh    float64 // ... and at High, all others at their scenario values
	Swing     float64 // |AtHigh - AtLow|
	RankCorr  float64 // Spearman rank correlation over the Monte Carlo sample
}

// TargetSensitivity ranks the uncertain parameters for one target.
type TargetSensitivity struct {
	Target    Target
	Indicator Indicator
	Central   float64 // the deterministic target-year value
	Swings    []Swing // largest swing first
}

// SensitivityResult is the outcome of Sensitivity.
type SensitivityResult struct {
	Draws   int
	Targets []TargetSensitivity // modelled targets only
}

// Sensitivity measures, for each modelled target, how much each uncertain
// parameter moves its target-year value: one at a time, the parameter at
// its 10th and 90th percentiles with every other parameter at the
// scenario's value (a tornado); and globally, the Spearman rank
// correlation between the parameter and the value over a Monte Carlo
// sample of the given size.
func Sensitivity(s *Scenario, draws int, seed uint64, workers int) (*SensitivityResult, error) {
	if len(s.Uncertain) == 0 {
		return nil, fmt.Errorf("sim: sensitivity: the scenario has no uncertain parameters")
	}
	base, err := Run(s, nil)
	if err != nil {
		return nil, err
	}
	mc, err := MonteCarlo(s, MCSettings{Draws: draws, Seed: seed, Workers: workers, KeepSamples: true})
	if err != nil {
		return nil, err
	}
	res := &SensitivityResult{Draws: draws}
	type swingRun struct{ low, high *Result }
	runs := make([]swingRun, len(s.Uncertain))
	for j, u := range s.Uncertain {
		for _, q := range []float64{0.1, 0.9} {
			p := u.Param
			p.Value = u.Dist.Quantile(q)
			r, err := Run(s, &Settings{Overrides: []Param{p}})
			if err != nil {
				return nil, err
			}
			if q < 0.5 {
				runs[j].low = r
			} else {
				runs[j].high = r
			}
		}
	}
	for t, v := range base.Verdicts {
		if v.Status != Modelled {
			continue
		}
		ts := TargetSensitivity{Target: v.Target, Indicator: v.Indicator, Central: v.Projected}
		ys := make([]float64, len(mc.Values))
		for i := range mc.Values {
			ys[i] = mc.Values[i][t]
		}
		yr := ranks(ys)
		for j, u := range s.Uncertain {
			xs := make([]float64, len(mc.Params))
			for i := range mc.Params {
				xs[i] = mc.Params[i][j]
			}
			sw := Swing{Param: u.Param, Low: u.Dist.Quantile(0.1), High: u.Dist.Quantile(0.9),
				AtLow: runs[j].low.Verdicts[t].Projected, AtHigh: runs[j].high.Verdicts[t].Projected}
			sw.Swing = math.Abs(sw.AtHigh - sw.AtLow)
			sw.RankCorr = stat.Correlation(ranks(xs), yr, nil)
			if math.IsNaN(sw.RankCorr) {
				sw.RankCorr = 0 // a constant value: no association
			}
			ts.Swings = append(ts.Swings, sw)
		}
		slices.SortStableFunc(ts.Swings, func(a, b Swing) int {
			switch {
			case a.Swing > b.Swing:
				return -1
			case a.Swing < b.Swing:
				return 1
			}
			return 0
		})
		res.Targets = append(res.Targets, ts)
	}
	return res, nil
}

// ranks returns the ranks of xs (1-based), ties sharing their mean rank.
func ranks(xs []float64) []float64 {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return xs[idx[a]] < xs[idx[b]] })
	r := make([]float64, len(xs))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && xs[idx[j+1]] == xs[idx[i]] {
			j++
		}
		mean := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			r[idx[k]] = mean
		}
		i = j + 1
	}
	return r
}
