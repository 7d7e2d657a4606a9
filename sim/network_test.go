package sim

import (
	"math"
	"testing"
)

// judgeOne runs a one-year scenario and returns the base-year verdict of
// its single rule on the unit with the given id.
func judgeOne(t *testing.T, s *Scenario, unit string) UnitResult {
	t.Helper()
	res, err := Run(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range res.Compliance {
		if u.Region == unit && u.Year == s.BaseYear {
			return u
		}
	}
	t.Fatalf("no verdict on %s in %v", unit, res.Compliance)
	return UnitResult{}
}

func district(regions ...Region) *Scenario {
	return &Scenario{Name: "net", BaseYear: 2022, Horizon: 2022,
		Regions: append([]Region{{ID: "d", Kind: "district", Share65: 0.1}}, regions...)}
}

func town(id, parent string, pop float64) Region {
	return Region{ID: id, Parent: parent, Kind: "town", Population: pop, Share65: math.NaN()}
}

func TestRuleRequirements(t *testing.T) {
	perPop := Rule{ID: "chs", Types: []FacilityType{FCHSCentre}, AppliesTo: "town", Basis: PerPopulation, Low: 30000, High: 100000}
	cases := []struct {
		name          string
		pop           float64
		rule          Rule
		facilities    int
		min, max      float64
		complies, cir bool
	}{
		{"exactly 100,000: one centre is enough", 100000, perPop, 1, 1, 3, true, false},
		{"100,001 needs two", 100001, perPop, 1, 2, 3, false, false},
		{"exactly 30,000: one, and no more", 30000, perPop, 1, 1, 1, true, false},
		{"below 30,000 still one", 12000, perPop, 0, 1, 1, false, false},
		{"300,000: three to ten", 300000, perPop, 4, 3, 10, true, false},
		{"per unit", 5000, Rule{ID: "u", Types: []FacilityType{FTownshipCentre}, AppliesTo: "town", Basis: PerUnit, Count: 1}, 0, 1, math.Inf(1), false, false},
		{"at least two", 5000, Rule{ID: "k", Types: []FacilityType{FCommunityHospital}, AppliesTo: "town", Basis: MinCount, Count: 2}, 1, 2, math.Inf(1), false, false},
		{"exactly 800 residents need a clinic", 800, Rule{ID: "v", Types: []FacilityType{FVillageClinic}, AppliesTo: "town", Basis: MinPopulation, Threshold: 800}, 0, 1, math.Inf(1), false, false},
		{"799 residents: circuit visits", 799, Rule{ID: "v", Types: []FacilityType{FVillageClinic}, AppliesTo: "town", Basis: MinPopulation, Threshold: 800}, 0, 0, math.Inf(1), true, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := district(town("a", "d", c.pop))
			s.Rules = []Rule{c.rule}
			for i := range c.facilities {
				s.Facilities = append(s.Facilities, Facility{ID: string(rune('p' + i)), Region: "a", Type: c.rule.Types[0]})
			}
			u := judgeOne(t, s, "a")
			if u.Min != c.min || u.Max != c.max || u.Complies != c.complies || u.Circuit != c.cir || u.Actual != float64(c.facilities) {
				t.Errorf("got min %v max %v actual %v complies %v circuit %v; want %v %v %v %v %v",
					u.Min, u.Max, u.Actual, u.Complies, u.Circuit, c.min, c.max, c.facilities, c.complies, c.cir)
			}
			if want := math.Max(c.min-float64(c.facilities), 0); u.Gap != want {
				t.Errorf("gap = %v, want %v", u.Gap, want)
			}
		})
	}
}

func TestStationsOutsideTheHostCommunity(t *testing.T) {
	comm := func(id string, pop float64) Region {
		return Region{ID: id, Parent: "s", Kind: "community", Population: pop, Share65: math.NaN()}
	}
	s := district(Region{ID: "s", Parent: "d", Kind: "subdistrict", Share65: math.NaN()}, comm("c1", 12000), comm("c2", 20000), comm("c3", 18000))
	s.Facilities = []Facility{{ID: "centre", Region: "c1", Type: FCHSCentre}, {ID: "st", Region: "c2", Type: FCHSStation}}
	s.Rules = []Rule{{ID: "st", Types: []FacilityType{FCHSStation}, AppliesTo: "subdistrict", Basis: PerPopulation, Low: 8000, High: 20000, ExcludeHost: []FacilityType{FCHSCentre}}}
	u := judgeOne(t, s, "s")
	// 50,000 residents less the 12,000 of c1, which hosts the centre:
	// 38,000 need ceil(38000/20000) = 2 to floor(38000/8000) = 4 stations.
	if u.Population != 38000 || u.Min != 2 || u.Max != 4 || u.Actual != 1 || u.Gap != 1 || u.Complies {
		t.Errorf("got %+v; want population 38000, 2-4 required, 1 actual, gap 1", u)
	}
}

func TestCatchmentRule(t *testing.T) {
	s := district(town("a", "d", 100000))
	for i := range 7 {
		s.Facilities = append(s.Facilities, Facility{ID: string(rune('p' + i)), Region: "a", Type: FTownshipCentre})
	}
	s.Facilities = append(s.Facilities, Facility{ID: "sub", Region: "a", Type: FSubCentre})
	s.Rules = []Rule{{ID: "sub", Types: []FacilityType{FSubCentre}, AppliesTo: "town", Basis: Catchment, Low: 2, High: 4, OfTypes: []FacilityType{FTownshipCentre}}}
	u := judgeOne(t, s, "a")
	// 7 township centres, each sub-centre supporting 2-4: 2 to 3 needed.
	if u.Min != 2 || u.Max != 3 || u.Actual != 1 || u.Complies {
		t.Errorf("got %+v; want 2-3 required, 1 actual", u)
	}
}

func TestMaxDistanceIsInclusive(t *testing.T) {
	a := Region{ID: "a", Parent: "d", Kind: "village", Population: 900, Share65: math.NaN(), Lat: 29.40, Lon: 106.40, Located: true}
	f := Facility{ID: "clinic", Region: "d", Type: FVillageClinic, Lat: 29.43, Lon: 106.42, Located: true}
	exact := DistanceKm(a.Lat, a.Lon, f.Lat, f.Lon)
	if math.Abs(exact-3.8) > 0.2 {
		t.Fatalf("DistanceKm = %v km, want about 3.8 (3.34 km north, 1.94 km east)", exact)
	}
	for _, c := range []struct {
		km   float64
		want bool
	}{{exact, true}, {math.Nextafter(exact, 0), false}, {exact + 1, true}} {
		s := district(a)
		s.Facilities = []Facility{f}
		s.Rules = []Rule{{ID: "near", Types: []FacilityType{FVillageClinic}, AppliesTo: "village", Basis: MaxDistance, Km: c.km}}
		if u := judgeOne(t, s, "a"); u.Complies != c.want || u.NearestKm != exact {
			t.Errorf("within %v km: complies %v (nearest %v), want %v", c.km, u.Complies, u.NearestKm, c.want)
		}
	}
}

func TestDistanceKnownValue(t *testing.T) {
	// One degree of latitude along a meridian is R*pi/180 km.
	if got, want := DistanceKm(0, 0, 1, 0), EarthRadiusKm*math.Pi/180; math.Abs(got-want) > 1e-9 {
		t.Errorf("DistanceKm over one degree = %v, want %v", got, want)
	}
}

func TestBuildPipelineCapacity(t *testing.T) {
	s := district(town("a", "d", 100000))
	s.Horizon = 2027
	s.Rules = []Rule{{ID: "st", Types: []FacilityType{FCHSStation}, AppliesTo: "town", Basis: PerPopulation, Low: 8000, High: 20000, Build: true}}
	s.Params = []Param{p("build.per_year.chs_station", 2), p("build.lead_years.chs_station", 1), p("build.cost.chs_station", 150)}
	tr := mustRun(t, s, nil)
	// Five stations are needed; two can start a year and open a year later.
	want := []float64{0, 0, 2, 4, 5, 5}
	wantCost := []float64{math.NaN(), 300, 300, 150, 0, 0}
	got := series(t, tr, "chs_stations")
	cost := series(t, tr, "capital_cost")
	for k := range want {
		if got[k] != want[k] {
			t.Errorf("stations in %d = %v, want %v", 2022+k, got[k], want[k])
		}
		if k > 0 && cost[k] != wantCost[k] {
			t.Errorf("capital cost in %d = %v, want %v", 2022+k, cost[k], wantCost[k])
		}
	}
	if !math.IsNaN(cost[0]) {
		t.Errorf("capital cost in the base year = %v, want none", cost[0])
	}
	if c := series(t, tr, "rule_st")[5]; c != 100 {
		t.Errorf("compliance in 2027 = %v%%, want 100", c)
	}
}

func TestUpgradesWaitForStaff(t *testing.T) {
	s := district(town("a", "d", 50000), town("b", "d", 50000))
	s.Horizon = 2026
	s.Stocks = []Stock{{Region: "a", Tier: CHSCentre, Cadre: GP, Headcount: 2}, {Region: "b", Tier: CHSCentre, Cadre: GP, Headcount: 6}}
	s.Facilities = []Facility{{ID: "ca", Region: "a", Type: FCHSCentre}, {ID: "cb", Region: "b", Type: FCHSCentre, Grade: Basic}}
	s.Params = []Param{
		p("upgrade.per_year", 1),
		p("upgrade.min_gps.basic", 3), p("upgrade.min_gps.recommended", 5),
		{Key: "hires", Region: "a", Tier: CHSCentre, Cadre: GP, Value: 1},
	}
	cases := []struct {
		name         string
		first        float64
		wantA, wantB []float64
	}{
		// Lowest grade first: a (3 GPs in 2023) reaches basic in 2023; in
		// 2024 a (4 GPs) cannot go further, so b (6) takes the slot to
		// grade A; a reaches grade A in 2025 with 5 GPs.
		{"lowest first", 0, []float64{0, 0, 50, 100, 100}, []float64{50, 100, 100, 100, 100}},
		// Highest first: b goes to grade A in 2023, the single upgrade of
		// that year; a reaches basic in 2024 and grade A in 2025.
		{"highest first", 1, []float64{0, 50, 50, 100, 100}, []float64{50, 50, 100, 100, 100}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s.Params = append(s.Params[:4:4], p("upgrade.recommended_first", c.first))
			tr := mustRun(t, s, nil)
			a, b := series(t, tr, "grade_a_centre_share"), series(t, tr, "grade_b_centre_share")
			for k := range c.wantA {
				if a[k] != c.wantA[k] || b[k] != c.wantB[k] {
					t.Errorf("%d: grade A %v%% (want %v), B or better %v%% (want %v)", 2022+k, a[k], c.wantA[k], b[k], c.wantB[k])
				}
			}
			if n := series(t, tr, "grade_a_chs_centres"); n[4] != 2 {
				t.Errorf("grade-A CHS centres in 2026 = %v, want 2", n[4])
			}
		})
	}
	// Without the hires centre a never qualifies for basic.
	s.Params = s.Params[:3]
	if b := series(t, mustRun(t, s, nil), "grade_b_centre_share"); b[4] != 50 {
		t.Errorf("grade B or better in 2026 without GP hires = %v%%, want 50", b[4])
	}
}

func TestNestedStaffPoolsShareStaff(t *testing.T) {
	// 12 township-centre staff work in area "towns"; its two centres need
	// 5 each, leaving 2 for a sub-centre (same tier) at district level,
	// which needs 5: it is understaffed.
	s := district(Region{ID: "towns", Parent: "d", Kind: "area", Share65: math.NaN()}, town("a", "towns", 1000), town("b", "towns", 1000))
	s.Stocks = []Stock{{Region: "towns", Tier: TownshipCentre, Cadre: Nurse, Headcount: 12}}
	s.Facilities = []Facility{{ID: "ca", Region: "a", Type: FTownshipCentre}, {ID: "cb", Region: "b", Type: FTownshipCentre}, {ID: "sub", Region: "d", Type: FSubCentre}}
	s.Params = []Param{p("build.min_staff.township_centre", 5), p("build.min_staff.sub_centre", 5)}
	if got := series(t, mustRun(t, s, nil), "facilities_understaffed")[0]; got != 1 {
		t.Errorf("understaffed = %v, want 1", got)
	}
}

func TestUnderstaffedFacilities(t *testing.T) {
	s := district(town("a", "d", 50000))
	s.Stocks = []Stock{{Region: "a", Tier: CHSStation, Cadre: Nurse, Headcount: 15}}
	s.Facilities = []Facility{{ID: "s1", Region: "a", Type: FCHSStation}, {ID: "s2", Region: "a", Type: FCHSStation}}
	s.Params = []Param{p("build.min_staff.chs_station", 10)}
	if got := series(t, mustRun(t, s, nil), "facilities_understaffed")[0]; got != 1 {
		t.Errorf("understaffed = %v, want 1 (15 staff cover one station of 10)", got)
	}
}
