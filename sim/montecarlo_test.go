package sim

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

// growthCase: a district of 100,000 whose growth is uniform on 0-2% a
// year; the target (>= 1% a year for three years) is met exactly when the
// drawn growth is at least 1%.
func growthCase(t *testing.T) *Scenario {
	t.Helper()
	s := tiny(2022, 2025, 100000, nil, p("pop.growth", 0.01))
	d, err := NewDistribution("uniform", []float64{0, 0.02})
	if err != nil {
		t.Fatal(err)
	}
	s.Uncertain = []Uncertain{{Param: Param{Key: "pop.growth", Tier: AnyTier, Cadre: AnyCadre}, Dist: d}}
	s.Targets = []Target{{Indicator: "population", Year: 2025, Comparison: AtLeast, Value: 100000 * math.Pow(1.01, 3)}}
	s.Seed = 7
	return s
}

func TestMonteCarloKnownProbability(t *testing.T) {
	s := growthCase(t)
	const n = 4000
	res, err := MonteCarlo(s, MCSettings{Draws: n})
	if err != nil {
		t.Fatal(err)
	}
	// Work out each draw's verdict by hand from its drawn growth: met when
	// the 2025 population, rounded to whole residents as verdicts are,
	// reaches the target; first met in the first year it does.
	hits := 0
	wantFirst := make([]int, 5)
	for i := range n {
		g := DrawOverrides(s.Uncertain, s.Seed, i)[0].Value
		first := 4
		for k := 3; k >= 0; k-- {
			if math.Round(100000*math.Pow(1+g, float64(k))) >= s.Targets[0].Value {
				first = k
			}
		}
		wantFirst[first]++
		if math.Round(100000*math.Pow(1+g, 3)) >= s.Targets[0].Value {
			hits++
		}
	}
	got := res.Targets[0].Probability
	if got != float64(hits)/n {
		t.Errorf("probability = %v, want %v (the share of draws with growth >= 1%%)", got, float64(hits)/n)
	}
	if sd := math.Sqrt(0.25 / n); math.Abs(got-0.5) > 4*sd {
		t.Errorf("probability = %v, want 0.5 within sampling error", got)
	}
	// Growth above about 1.5% reaches the target a year early.
	if fy := res.Targets[0].FirstYear; fmt.Sprint(fy) != fmt.Sprint(wantFirst) || fy[2] == 0 || fy[3] == 0 {
		t.Errorf("first years = %v, want %v (some in 2024, some in 2025)", fy, wantFirst)
	}
}

func TestMonteCarloQuantilesAndDeterminism(t *testing.T) {
	s := growthCase(t)
	const n = 3000
	one, err := MonteCarlo(s, MCSettings{Draws: n, Workers: 1, KeepSamples: true})
	if err != nil {
		t.Fatal(err)
	}
	two, err := MonteCarlo(s, MCSettings{Draws: n, Workers: 2, KeepSamples: true})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(one.Series, one.Targets, one.Values) != fmt.Sprint(two.Series, two.Targets, two.Values) {
		t.Error("results differ between 1 and 2 workers")
	}
	// Quantiles from the histograms against the exact order statistics of
	// the kept 2025 populations: within one bin of the range.
	pop := make([]float64, n)
	for i, v := range one.Values {
		pop[i] = v[0]
	}
	slices.Sort(pop)
	ser, _ := one.SeriesFor("population", "d")
	lo, hi := pop[0], pop[n-1]
	tol := (hi - lo) * 1.2 / float64(mcBins) * 2
	for qi, q := range Quantiles {
		exact := pop[int(q*float64(n-1))]
		if got := ser.Q[qi][3]; math.Abs(got-exact) > tol {
			t.Errorf("P%.0f of 2025 population = %v, exact %v (tolerance %v)", 100*q, got, exact, tol)
		}
	}
	var mean float64
	for _, v := range pop {
		mean += v / n
	}
	if math.Abs(ser.Mean[3]-mean) > 1e-6*mean {
		t.Errorf("mean = %v, want %v", ser.Mean[3], mean)
	}
	// The base year is certain.
	if ser.Q[0][0] != 100000 || ser.Q[4][0] != 100000 {
		t.Errorf("base-year quantiles = %v, %v; want 100000", ser.Q[0][0], ser.Q[4][0])
	}
}
