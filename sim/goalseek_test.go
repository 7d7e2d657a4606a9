package sim

import (
	"math"
	"testing"
)

// gpCase: 100,000 residents, 20 GPs, no leavers; the target is 4 GPs per
// 10,000 in 2025, i.e. 40 GPs after three years of hires.
func gpCase() *Scenario {
	s := tiny(2022, 2025, 100000, []Stock{{Region: "d", Tier: CHSCentre, Cadre: GP, Headcount: 20}})
	s.Targets = []Target{{Indicator: "gps_per_10000", Year: 2025, Comparison: AtLeast, Value: 4}}
	return s
}

func TestGoalSeekByHand(t *testing.T) {
	res, err := GoalSeek(gpCase(), GoalSeekRequest{Target: 0, Lever: pt("hires", CHSCentre, GP, 0, 0), Min: 0, Max: 20})
	if err != nil {
		t.Fatal(err)
	}
	// (20 + 3h)/10 reported to 2 decimals reaches 4.00 once it is 3.995:
	// h = 6.65.
	if !res.Reachable || !res.Increasing || math.Abs(res.Value-6.65) > 0.002 {
		t.Errorf("goal seek = %+v, want reachable, increasing, 6.65", res)
	}
	// Out of reach within the range: honest.
	res, err = GoalSeek(gpCase(), GoalSeekRequest{Target: 0, Lever: pt("hires", CHSCentre, GP, 0, 0), Min: 0, Max: 5})
	if err != nil {
		t.Fatal(err)
	}
	if res.Reachable {
		t.Errorf("goal seek within 0-5 = %+v, want not reachable", res)
	}
	// A lever that hurts: attrition. The largest rate that still meets 4.0
	// with 10 hires a year: 20(1-a)^3 + 10((1-a)^2 + (1-a) + 1) >= 39.95.
	s := gpCase()
	s.Params = []Param{pt("hires", CHSCentre, GP, 0, 10)}
	res, err = GoalSeek(s, GoalSeekRequest{Target: 0, Lever: pt("attrition", CHSCentre, GP, 0, 0), Min: 0, Max: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	a := res.Value
	r := 1 - a
	if res.Increasing || math.Abs(20*r*r*r+10*(r*r+r+1)-39.95) > 0.01 {
		t.Errorf("goal seek on attrition = %+v; 20r^3+10(r^2+r+1) = %v, want 39.95", res, 20*r*r*r+10*(r*r+r+1))
	}
}

func TestGoalSeekWithProbability(t *testing.T) {
	s := gpCase()
	d, _ := NewDistribution("uniform", []float64{0, 0.1})
	s.Uncertain = []Uncertain{{Param: pt("attrition", CHSCentre, GP, 0, 0), Dist: d}}
	s.Seed = 3
	lever := pt("hires", CHSCentre, GP, 0, 0)
	res, err := GoalSeek(s, GoalSeekRequest{Target: 0, Lever: lever, Min: 0, Max: 30, Prob: 0.8, Draws: 400})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Reachable || res.Probability < 0.8 {
		t.Fatalf("goal seek = %+v, want reachable with P >= 0.8", res)
	}
	// Common random numbers: just below the answer the same draws fall short.
	at := func(v float64) float64 {
		l := lever
		l.Value = v
		mc, err := MonteCarlo(s, MCSettings{Draws: 400, Overrides: []Param{l}})
		if err != nil {
			t.Fatal(err)
		}
		return mc.Targets[0].Probability
	}
	if p := at(res.Value); p < 0.8 {
		t.Errorf("P at %v = %v, want >= 0.8", res.Value, p)
	}
	if p := at(res.Value - 0.01); p >= 0.8 {
		t.Errorf("P just below the answer = %v, want < 0.8", p)
	}
}

func TestTornadoRanksTheDominantParameter(t *testing.T) {
	s := gpCase()
	hires, _ := NewDistribution("uniform", []float64{0, 10})
	growth, _ := NewDistribution("uniform", []float64{0, 0.001})
	s.Uncertain = []Uncertain{
		{Param: Param{Key: "pop.growth", Tier: AnyTier, Cadre: AnyCadre}, Dist: growth},
		{Param: pt("hires", CHSCentre, GP, 0, 0), Dist: hires},
	}
	res, err := Sensitivity(s, 300, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	sw := res.Targets[0].Swings
	if sw[0].Param.Key != "hires" || sw[0].Swing < 10*sw[1].Swing {
		t.Errorf("swings = %+v, want hires first and far ahead", sw)
	}
	// Hires at P10 (1) and P90 (9): (20 + 3)/10 and (20 + 27)/10.
	near(t, "at low", sw[0].AtLow, 2.3, 1e-9)
	near(t, "at high", sw[0].AtHigh, 4.7, 1e-9)
	if sw[0].RankCorr < 0.95 || math.Abs(sw[1].RankCorr) > 0.3 {
		t.Errorf("rank correlations = %v, %v; want hires near 1 and growth small", sw[0].RankCorr, sw[1].RankCorr)
	}
}
