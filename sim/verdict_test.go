package sim

import (
	"math"
	"testing"
)

func TestTrendAndVerdicts(t *testing.T) {
	s := tiny(2022, 2027, 1000, nil)
	s.Observed = []Observation{
		{Indicator: "fd_coverage_all", Year: 2020, Value: 6},
		{Indicator: "fd_coverage_all", Year: 2022, Value: 10},
		{Indicator: "satisfaction_public_health", Year: 2022, Value: 80.52},
		{Indicator: "grade_a_centre_share", Year: 2022, Value: 90},
	}
	s.Params = []Param{
		{Key: "trend.grade_a_centre_share", Tier: AnyTier, Cadre: AnyCadre, Value: 4},
	}
	s.Targets = []Target{
		{Indicator: "fd_coverage_all", Year: 2025, Comparison: AtLeast, Value: 16},            // 10 + 3*2 = 16: met
		{Indicator: "fd_coverage_all", Year: 2027, Comparison: AtLeast, Value: 40},            // 20: missed
		{Indicator: "satisfaction_public_health", Year: 2025, Comparison: AtLeast, Value: 85}, // held at 80.52
		{Indicator: "grade_a_centre_share", Year: 2025, Comparison: AtLeast, Value: 100},      // 94, 98, 100 (capped)
		{Indicator: "tertiary_hospitals", Year: 2025, Comparison: AtLeast, Value: 2},          // no data
		{Indicator: "population", Year: 2022, Comparison: AtMost, Value: 999},                 // modelled 1000
	}
	res, err := Run(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		projected float64
		met       bool
		first     int
		status    Status
	}{
		{16, true, 2025, Scheduled},
		{20, false, 0, Scheduled},
		{80.52, false, 0, Scheduled},
		{100, true, 2025, Scheduled},
		{math.NaN(), false, 0, NoData},
		{1000, false, 0, Modelled},
	}
	for i, v := range res.Verdicts {
		w := want[i]
		if math.IsNaN(w.projected) != math.IsNaN(v.Projected) || (!math.IsNaN(w.projected) && math.Abs(v.Projected-w.projected) > 1e-9) {
			t.Errorf("verdict %d (%s) projected = %v, want %v", i, v.Target.Indicator, v.Projected, w.projected)
		}
		if v.Met != w.met || v.FirstYearMet != w.first || v.Status != w.status {
			t.Errorf("verdict %d (%s) = met %v first %d status %v, want %v %d %v", i, v.Target.Indicator, v.Met, v.FirstYearMet, v.Status, w.met, w.first, w.status)
		}
	}
	if m := res.Verdicts[1].Margin; math.Abs(m-(-20)) > 1e-9 {
		t.Errorf("margin = %v, want -20", m)
	}
}

func TestVerdictRoundsToStatedPrecision(t *testing.T) {
	// 3.996 per 10,000 is reported as 4.00 and meets ">= 4".
	s := tiny(2022, 2022, 100000, []Stock{{Region: "d", Tier: CHSCentre, Cadre: GP, Headcount: 39.96}})
	s.Targets = []Target{
		{Indicator: "gps_per_10000", Year: 2022, Comparison: AtLeast, Value: 4},
		{Indicator: "gps_per_10000", Year: 2022, Comparison: Above, Value: 4},
	}
	res, err := Run(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Verdicts[0].Met || res.Verdicts[1].Met {
		t.Errorf("met = %v, %v; want true, false", res.Verdicts[0].Met, res.Verdicts[1].Met)
	}
}

func TestOverridePrecedence(t *testing.T) {
	s := tiny(2022, 2026, 1000, nil,
		p("pop.growth", 0.01),
		Param{Key: "pop.growth", Region: "d", Tier: AnyTier, Cadre: AnyCadre, Year: 2025, Value: 0.03},
	)
	cases := []struct {
		name      string
		overrides []Param
		want      []float64 // growth rates applied in 2023..2026
	}{
		{"scenario only: region row from 2025 beats the all-regions row", nil, []float64{0.01, 0.01, 0.03, 0.03}},
		{"override from 2024 wins over every scenario row", []Param{{Key: "pop.growth", Tier: AnyTier, Cadre: AnyCadre, Year: 2024, Value: 0}}, []float64{0.01, 0, 0, 0}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pop := series(t, mustRun(t, s, &Settings{Overrides: c.overrides}), "population")
			want := 1000.0
			for k, g := range c.want {
				want *= 1 + g
				near(t, "population", pop[k+1], want, 1e-12)
			}
		})
	}
}

func TestRunRejectsBadScenarios(t *testing.T) {
	cases := map[string]*Scenario{
		"no regions":     {Name: "x", BaseYear: 2022, Horizon: 2025},
		"horizon first":  tiny(2025, 2022, 1, nil),
		"unknown region": tiny(2022, 2025, 1, []Stock{{Region: "nowhere", Headcount: 1}}),
		"negative stock": tiny(2022, 2025, 1, []Stock{{Region: "d", Headcount: -1}}),
		"bad band":       tiny(2022, 2025, 1, []Stock{{Region: "d", Band: 3, Headcount: 1}}),
		"unknown key":    tiny(2022, 2025, 1, nil, p("nonsense", 1)),
		"target too late": func() *Scenario {
			s := tiny(2022, 2025, 1, nil)
			s.Targets = []Target{{Indicator: "population", Year: 2030}}
			return s
		}(),
	}
	for name, s := range cases {
		if _, err := Run(s, nil); err == nil {
			t.Errorf("%s: Run succeeded, want an error", name)
		}
	}
	bad := &Settings{Overrides: []Param{{Key: "hires", Region: "elsewhere", Tier: AnyTier, Cadre: AnyCadre}}}
	if _, err := Run(tiny(2022, 2025, 1, nil), bad); err == nil {
		t.Errorf("override naming an unknown region: Run succeeded, want an error")
	}
}
