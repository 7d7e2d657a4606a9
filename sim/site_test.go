package sim

import (
	"fmt"
	"math"
	"testing"
)

// line is villages half a degree (55.6 km) apart along the equator, where
// the distance between neighbours is the same to the last bit.
func line(pops []float64) *Scenario {
	s := &Scenario{Name: "line", BaseYear: 2022, Horizon: 2022, Regions: []Region{{ID: "d", Kind: "district", Share65: 0.1}}}
	for i, p := range pops {
		s.Regions = append(s.Regions, Region{ID: fmt.Sprintf("v%d", i), Parent: "d", Kind: "village", Population: p, Share65: math.NaN(),
			Lat: 0, Lon: 0.5 * float64(i), Located: true})
	}
	return s
}

func picks(t *testing.T, plan *SitePlan) []string {
	t.Helper()
	var out []string
	for _, p := range plan.Picks {
		out = append(out, fmt.Sprintf("%s:%g", p.Candidate.ID, p.NewlyCovered))
	}
	return out
}

func TestSiteGreedyOnALine(t *testing.T) {
	pops := []float64{100, 200, 300, 5000, 150, 120, 110, 130, 3000, 140}
	step := DistanceKm(0, 0, 0, 0.5) // neighbours are exactly this far apart
	cases := []struct {
		name     string
		km       float64
		existing []Facility
		want     []string
	}{
		// Within one step a site covers itself and both neighbours: v2
		// covers 200+300+5000, then v8 130+3000+140, then v5 150+120+110,
		// then v0 and v1 tie at 100 and the earlier wins.
		{"radius exactly one step (inclusive)", step, nil, []string{"v2:5500", "v8:3270", "v5:380", "v0:100"}},
		// Just short of a step a site covers only itself.
		{"radius just under one step", math.Nextafter(step, 0), nil, []string{"v3:5000", "v8:3000", "v2:300", "v1:200"}},
		// A clinic at v9 already covers v8 and v9, so after v2 and v5 the
		// best is v6 (130, tied with v7 and v8; the earliest wins).
		{"existing clinic", step, []Facility{{ID: "c", Region: "v9", Type: FVillageClinic}}, []string{"v2:5500", "v5:380", "v6:130"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := line(pops)
			s.Facilities = c.existing
			count := 4
			if c.existing != nil {
				count = 3
			}
			plan, err := Site(s, SiteRequest{Types: []FacilityType{FVillageClinic}, Count: count, Km: c.km})
			if err != nil {
				t.Fatal(err)
			}
			if got := picks(t, plan); fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("picks = %v, want %v", got, c.want)
			}
		})
	}
}

func TestSiteStopsWhenNothingIsLeft(t *testing.T) {
	plan, err := Site(line([]float64{10, 10, 10}), SiteRequest{Types: []FacilityType{FVillageClinic}, Count: 5, Km: 120})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Picks) != 1 || plan.Picks[0].CumulativeShare != 100 {
		t.Errorf("picks = %+v; want one site covering everyone", plan.Picks)
	}
	if _, err := Site(line([]float64{10}), SiteRequest{Count: 0, Km: 1}); err == nil {
		t.Error("Site with count 0 succeeded")
	}
}
