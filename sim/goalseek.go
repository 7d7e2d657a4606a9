package sim

import (
	"fmt"
	"math"
)

// GoalSeekRequest asks for the lever value that meets a target.
type GoalSeekRequest struct {
	Target int   // index into the scenario's targets
	Lever  Param // key, region, tier, cadre and year of the lever; Value unused
	Min    float64
	Max    float64
	// Prob, if above 0, asks for the target to be met with at least this
	// probability over Draws Monte Carlo draws (common random numbers: the
	// same draws for every lever value); otherwise deterministically.
	Prob    float64
	Draws   int
	Seed    uint64
	Workers int
}

// GoalSeekResult answers a GoalSeekRequest.
type GoalSeekResult struct {
	Reachable bool
	// Value is the smallest lever value that meets the target when more of
	// the lever helps, or the largest when less helps.
	Value float64
	// Increasing reports whether raising the lever helps.
	Increasing bool
	// Projected is the target-year value at Value (the central projection),
	// and Probability the share of draws meeting it (1 or 0 without draws).
	Projected, Probability float64
	// AtMin and AtMax describe the ends of the range.
	AtMin, AtMax float64 // probability (or 1/0) at Min and Max
	Evaluations  int
}

// GoalSeek finds the lever value at which a target is met, by bisection
// between Min and Max. It assumes the outcome is monotone in the lever;
// when the target is met at neither end it reports that honestly, and
// when met at both it returns the end that uses less of the lever.
func GoalSeek(s *Scenario, req GoalSeekRequest) (*GoalSeekResult, error) {
	if req.Target < 0 || req.Target >= len(s.Targets) {
		return nil, fmt.Errorf("sim: goal seek: no target %d", req.Target)
	}
	if !(req.Max > req.Min) {
		return nil, fmt.Errorf("sim: goal seek: the range %v to %v is empty", req.Min, req.Max)
	}
	sp, err := LookupParam(req.Lever.Key, nil)
	if err != nil {
		return nil, fmt.Errorf("sim: goal seek: %w", err)
	}
	if req.Prob > 0 && req.Draws < 1 {
		return nil, fmt.Errorf("sim: goal seek: a probability needs draws")
	}
	// The lever is fixed: it is not drawn.
	sc := *s
	sc.Uncertain = nil
	for _, u := range s.Uncertain {
		p := u.Param
		if p.Key == req.Lever.Key && p.Region == req.Lever.Region && p.Tier == req.Lever.Tier && p.Cadre == req.Lever.Cadre {
			continue
		}
		sc.Uncertain = append(sc.Uncertain, u)
	}
	res := &GoalSeekResult{}
	eval := func(v float64) (score, projected float64, err error) {
		res.Evaluations++
		lever := req.Lever
		lever.Value = v
		if req.Prob > 0 {
			mc, err := MonteCarlo(&sc, MCSettings{Draws: req.Draws, Seed: req.Seed, Workers: req.Workers, Overrides: []Param{lever}})
			if err != nil {
				return 0, 0, err
			}
			return mc.Targets[req.Target].Probability, mc.Baseline.Verdicts[req.Target].Projected, nil
		}
		r, err := Run(&sc, &Settings{Overrides: []Param{lever}})
		if err != nil {
			return 0, 0, err
		}
		v0 := r.Verdicts[req.Target]
		if v0.Status == NoData {
			return 0, 0, fmt.Errorf("sim: goal seek: target %s has no data", v0.Target.Indicator)
		}
		if v0.Met {
			return 1, v0.Projected, nil
		}
		return 0, v0.Projected, nil
	}
	need := req.Prob
	if need <= 0 {
		need = 1
	}
	ok := func(score float64) bool { return score >= need-1e-12 }
	lo, hi := req.Min, req.Max
	sLo, pLo, err := eval(lo)
	if err != nil {
		return nil, err
	}
	sHi, pHi, err := eval(hi)
	if err != nil {
		return nil, err
	}
	res.AtMin, res.AtMax = sLo, sHi
	switch {
	case ok(sLo) && ok(sHi):
		res.Reachable, res.Increasing = true, pHi >= pLo
		res.Value, res.Projected, res.Probability = lo, pLo, sLo
		if !res.Increasing {
			res.Value, res.Projected, res.Probability = hi, pHi, sHi
		}
		return res, nil
	case !ok(sLo) && !ok(sHi):
		res.Increasing = pHi >= pLo
		return res, nil
	}
	res.Reachable, res.Increasing = true, ok(sHi)
	// Invariant: good is met, bad is not.
	good, bad := hi, lo
	sGood, pGood := sHi, pHi
	if !res.Increasing {
		good, bad, sGood, pGood = lo, hi, sLo, pLo
	}
	tol := 1e-4 * (req.Max - req.Min)
	for math.Abs(good-bad) > tol {
		mid := (good + bad) / 2
		if sp.Integer {
			mid = math.Round(mid)
			if mid == good || mid == bad {
				break
			}
		}
		sm, pm, err := eval(mid)
		if err != nil {
			return nil, err
		}
		if ok(sm) {
			good, sGood, pGood = mid, sm, pm
		} else {
			bad = mid
		}
	}
	res.Value, res.Probability, res.Projected = good, sGood, pGood
	return res, nil
}
