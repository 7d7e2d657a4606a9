package sim

import (
	"math"
	"testing"
)

// tiny returns a one-region scenario with the given stocks and parameters.
func tiny(base, horizon int, pop float64, stocks []Stock, params ...Param) *Scenario {
	return &Scenario{
		Name: "tiny", BaseYear: base, Horizon: horizon,
		Regions: []Region{{ID: "d", Kind: "district", Population: pop, Share65: 0.1}},
		Stocks:  stocks,
		Params:  params,
	}
}

func p(key string, v float64) Param { return Param{Key: key, Tier: AnyTier, Cadre: AnyCadre, Value: v} }

func pt(key string, t Tier, c Cadre, year int, v float64) Param {
	return Param{Key: key, Tier: t, Cadre: c, Year: year, Value: v}
}

func mustRun(t *testing.T, s *Scenario, set *Settings) *Trajectory {
	t.Helper()
	res, err := Run(s, set)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return res.Trajectory
}

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(got) || math.Abs(got-want) > tol*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %.10g, want %.10g", what, got, want)
	}
}

func series(t *testing.T, tr *Trajectory, ind string) []float64 {
	t.Helper()
	s, ok := tr.Series(ind, "")
	if !ok {
		t.Fatalf("no series %s", ind)
	}
	return s
}

func TestClosedForms(t *testing.T) {
	const S0, r, g, P0 = 1000.0, 0.07, 0.013, 400000.0
	cases := []struct {
		name   string
		s      *Scenario
		ind    string
		closed func(k int) float64
	}{
		{"pure attrition S0(1-r)^t",
			tiny(2022, 2032, P0, []Stock{{Region: "d", Tier: TownshipCentre, Cadre: Nurse, Headcount: S0}}, p("attrition", r)),
			"staff_nurse", func(k int) float64 { return S0 * math.Pow(1-r, float64(k)) }},
		{"attrition and retirement compound (1-r)(1-q)",
			tiny(2022, 2032, P0, []Stock{{Region: "d", Tier: Hospital, Cadre: Physician, Headcount: S0}}, p("attrition", r), p("retirement", 0.02)),
			"staff_physician", func(k int) float64 { return S0 * math.Pow((1-r)*(1-0.02), float64(k)) }},
		{"pure growth P0(1+g)^t",
			tiny(2022, 2032, P0, nil, p("pop.growth", g)),
			"population", func(k int) float64 { return P0 * math.Pow(1+g, float64(k)) }},
		{"constant hires with attrition: steady state H/r approached geometrically",
			tiny(2022, 2040, P0, []Stock{{Region: "d", Tier: CHSCentre, Cadre: GP, Headcount: 0}}, p("attrition", r), pt("hires", CHSCentre, GP, 0, 35)),
			"staff_gp", func(k int) float64 {
				// S_k = (1-r) S_{k-1} + H  =>  S_k = H (1 - (1-r)^k) / r
				return 35 * (1 - math.Pow(1-r, float64(k))) / r
			}},
		{"ageing: share 65+ rises linearly",
			tiny(2022, 2030, P0, nil, p("pop.ageing", 0.004)),
			"share_65plus", func(k int) float64 { return 100 * (0.1 + 0.004*float64(k)) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := series(t, mustRun(t, c.s, nil), c.ind)
			for k, v := range got {
				near(t, c.ind, v, c.closed(k), 1e-12)
			}
		})
	}
}

func TestAgeBandsRetireOldest(t *testing.T) {
	s := tiny(2022, 2024, 1e5, []Stock{
		{Region: "d", Tier: Hospital, Cadre: Nurse, Band: 0, Headcount: 100},
		{Region: "d", Tier: Hospital, Cadre: Nurse, Band: 1, Headcount: 250},
	})
	s.Bands = []AgeBand{{25, 34}, {35, 59}}
	got := series(t, mustRun(t, s, nil), "staff_nurse")
	// Year 1: 250/25 = 10 retire, 100/10 = 10 move up: 90 + 250 = 340.
	// Year 2: 250/25 = 10 retire, 90/10 = 9 move up: 81 + 249 = 330.
	want := []float64{350, 340, 330}
	for k := range want {
		near(t, "staff_nurse", got[k], want[k], 1e-12)
	}
}

func TestPipelineDelays(t *testing.T) {
	s := tiny(2022, 2026, 1e5, []Stock{{Region: "d", Tier: TownshipCentre, Cadre: Physician, Headcount: 20}},
		// 4 physicians start one-year GP transfer training in 2023 only.
		pt("gp_transfer.intake", TownshipCentre, AnyCadre, 2023, 4),
		pt("gp_transfer.intake", TownshipCentre, AnyCadre, 2024, 0),
		// 10 targeted students enrolled in 2022 only, three-year course.
		pt("targeted.intake", TownshipCentre, GP, 2022, 10),
		pt("targeted.intake", TownshipCentre, GP, 2023, 0),
		pt("targeted.years", TownshipCentre, GP, 0, 3),
	)
	tr := mustRun(t, s, nil)
	gp := series(t, tr, "staff_gp")
	phys := series(t, tr, "staff_physician")
	wantGP := []float64{0, 0, 4, 4, 4}
	wantGP[3] += 10 // 2022 + 3 = 2025
	wantGP[4] += 10
	wantPhys := []float64{20, 20, 16, 16, 16}
	for k := range wantGP {
		near(t, "staff_gp", gp[k], wantGP[k], 1e-12)
		near(t, "staff_physician", phys[k], wantPhys[k], 1e-12)
	}
}

// TestHandComputedThreeYears checks a small district against a calculation
// done by hand, step by step in the engine's documented order.
func TestHandComputedThreeYears(t *testing.T) {
	s := tiny(2022, 2025, 100000, []Stock{
		{Region: "d", Tier: TownshipCentre, Cadre: Physician, Headcount: 100},
		{Region: "d", Tier: TownshipCentre, Cadre: Nurse, Headcount: 50},
		{Region: "d", Tier: Hospital, Cadre: Physician, Headcount: 200},
		{Region: "d", Tier: VillageClinic, Cadre: VDUnlicensed, Headcount: 40},
		{Region: "d", Tier: VillageClinic, Cadre: VDAssistant, Headcount: 10},
	},
		p("pop.growth", 0.01),
		pt("attrition", TownshipCentre, AnyCadre, 0, 0.10),
		pt("hires", TownshipCentre, Physician, 0, 20),
		pt("hires", TownshipCentre, Nurse, 0, 10),
		pt("quota.per_mille", TownshipCentre, AnyCadre, 0, 1.7),
		pt("hires", Hospital, Physician, 0, 30),
		p("secondment.share", 0.8),
		p("secondment.base_cumulative", 5),
		p("vd_exam.sitting", 0.5),
		p("vd_exam.pass_rate", 0.25),
	)
	tr := mustRun(t, s, nil)
	// Population: 100000, 101000, 102010, 103030.1.
	// Township centre, year 2023: after 10% attrition 90 + 45 = 135; quota
	// 1.7/1000 * 101000 = 171.7 posts, so 36.7 of the 30 wanted hires fit:
	// all 30 hired -> 110 + 55 = 165.
	// 2024: 0.9*165 = 148.5; quota 173.417; room 24.917 < 30, so hires are
	// scaled by 24.917/30: physicians 0.9*110 + 20*0.830567 = 115.611333,
	// nurses 0.9*55 + 10*0.830567 = 57.805667; blocked 5.083.
	// 2025: 0.9*173.417 = 156.0753; quota 175.15117; room 19.07587.
	wantPrimary := []float64{150 + 50, 165 + 50, 173.417 + 50, 175.15117 + 50}
	// Village doctors: each year 0.5*0.25 = 12.5% of unlicensed pass:
	// 40 -> 35 -> 30.625 -> 26.796875; licensed 10 + passers.
	wantVDShare := []float64{20, 30, 38.75, 46.40625}
	// Secondees: 0.8 * 30 = 24 a year, one year each; cumulative 5 + 24k.
	wantActive := []float64{0, 24, 24, 24}
	wantCum := []float64{5, 29, 53, 77}
	wantBlocked := []float64{math.NaN(), 0, 30 - 24.917, 30 - 19.07587}
	// Technical hires into primary tiers: the township centre's, after the
	// quota; none in the base year, which has no flows.
	wantTech := []float64{math.NaN(), 30, 24.917, 19.07587}
	for k := range 4 {
		near(t, "primary_staff_total", series(t, tr, "primary_staff_total")[k], wantPrimary[k], 1e-6)
		near(t, "vd_licensed_share", series(t, tr, "vd_licensed_share")[k], wantVDShare[k], 1e-12)
		near(t, "seconded_active", series(t, tr, "seconded_active")[k], wantActive[k], 1e-12)
		near(t, "seconded_cumulative", series(t, tr, "seconded_cumulative")[k], wantCum[k], 1e-12)
		if k == 0 {
			if b, h := series(t, tr, "hires_blocked_by_quota")[0], series(t, tr, "primary_tech_hires")[0]; !math.IsNaN(b) || !math.IsNaN(h) {
				t.Errorf("flows in the base year = %v, %v; want NaN", b, h)
			}
			continue
		}
		near(t, "hires_blocked_by_quota", series(t, tr, "hires_blocked_by_quota")[k], wantBlocked[k], 1e-6)
		near(t, "primary_tech_hires", series(t, tr, "primary_tech_hires")[k], wantTech[k], 1e-6)
	}
	near(t, "population 2025", series(t, tr, "population")[3], 103030.1, 1e-9)
	// Physicians per 1,000 in 2023: township 110, hospital 200 + 30 hires,
	// licensed village doctors 10 + 5 passers, over 101000 residents.
	got, _ := tr.Value("physicians_per_1000", "", 2023)
	near(t, "physicians_per_1000 2023", got, (110+230+15.0)/101000*1000, 1e-12)
}

func TestAmountsAreSharedByHeadcount(t *testing.T) {
	s := &Scenario{
		Name: "two towns", BaseYear: 2022, Horizon: 2023,
		Regions: []Region{
			{ID: "d", Kind: "district", Share65: 0.1},
			{ID: "a", Parent: "d", Kind: "town", Population: 1000, Share65: math.NaN()},
			{ID: "b", Parent: "d", Kind: "town", Population: 1000, Share65: math.NaN()},
		},
		Stocks: []Stock{
			{Region: "a", Tier: CHSCentre, Cadre: Nurse, Headcount: 30},
			{Region: "b", Tier: CHSCentre, Cadre: Nurse, Headcount: 10},
		},
		// 8 GP hires a year across the district; town b's own row replaces
		// its share.
		Params: []Param{pt("hires", CHSCentre, GP, 0, 8)},
	}
	tr := mustRun(t, s, nil)
	for _, c := range []struct {
		region string
		want   float64
	}{{"a", 6}, {"b", 2}, {"d", 8}} {
		got, _ := tr.Value("staff_gp", c.region, 2023)
		near(t, "staff_gp in "+c.region, got, c.want, 1e-12)
	}
	s.Params = append(s.Params, Param{Key: "hires", Region: "b", Tier: CHSCentre, Cadre: GP, Value: 5})
	got, _ := mustRun(t, s, nil).Value("staff_gp", "d", 2023)
	near(t, "staff_gp with b's own row", got, 6+5, 1e-12)
}
