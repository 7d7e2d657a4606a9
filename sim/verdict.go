package sim

import (
	"fmt"
	"math"
)

// Verdict judges one target against a trajectory.
type Verdict struct {
	Target    Target
	Indicator Indicator
	// Base is the indicator's value in the base year (NaN if none).
	Base float64
	// Projected is the value in the target year (NaN if none).
	Projected float64
	// Met reports whether Projected, rounded to the indicator's precision,
	// satisfies the target.
	Met bool
	// Margin is how far Projected is on the good side of the target.
	Margin float64
	// FirstYearMet is the first year from the base year on in which the
	// target holds; 0 if it never does within the horizon.
	FirstYearMet int
	Status       Status
	Basis        string
}

// Judge returns a verdict for each target, in order.
func Judge(tr *Trajectory, targets []Target) ([]Verdict, error) {
	out := make([]Verdict, 0, len(targets))
	for _, tg := range targets {
		series, ok := tr.Series(tg.Indicator, tg.Region)
		if !ok {
			return nil, fmt.Errorf("target on %s in %q: unknown indicator or region", tg.Indicator, tg.Region)
		}
		if tg.Year < tr.BaseYear || tg.Year > tr.Horizon {
			return nil, fmt.Errorf("target on %s in %d is outside %d-%d", tg.Indicator, tg.Year, tr.BaseYear, tr.Horizon)
		}
		ind, _ := tr.Catalog.Lookup(tg.Indicator)
		st, basis := tr.Status(tg.Indicator, tg.Region)
		v := Verdict{Target: tg, Indicator: ind, Base: series[0], Projected: series[tg.Year-tr.BaseYear], Status: st, Basis: basis}
		if !math.IsNaN(v.Projected) {
			v.Margin = tg.Comparison.Margin(v.Projected, tg.Value)
			v.Met = tg.Comparison.Holds(Round(v.Projected, ind.Decimals), tg.Value)
		} else {
			v.Margin = math.NaN()
		}
		for k, x := range series {
			if !math.IsNaN(x) && tg.Comparison.Holds(Round(x, ind.Decimals), tg.Value) {
				v.FirstYearMet = tr.BaseYear + k
				break
			}
		}
		out = append(out, v)
	}
	return out, nil
}

// Round rounds x to the given number of decimals, halves away from zero.
func Round(x float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(x*p) / p
}
