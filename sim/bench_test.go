package sim

import (
	"fmt"
	"math"
	"testing"
)

// synthetic returns a district with n towns, each with a township centre,
// a CHS centre and village clinics, and the usual flows switched on.
func synthetic(n int) *Scenario {
	s := &Scenario{Name: fmt.Sprintf("synthetic-%d", n), BaseYear: 2022, Horizon: 2030,
		Regions: []Region{{ID: "d", Kind: "district", Share65: 0.17}}}
	for i := range n {
		id := fmt.Sprintf("t%d", i)
		s.Regions = append(s.Regions, Region{ID: id, Parent: "d", Kind: "town", Population: 30000 + float64(i%7)*5000, Share65: math.NaN()})
		for _, st := range []struct {
			t Tier
			c Cadre
			h float64
		}{{TownshipCentre, Physician, 30}, {TownshipCentre, GP, 8}, {TownshipCentre, Nurse, 35}, {CHSCentre, Physician, 20},
			{CHSCentre, GP, 6}, {CHSCentre, Nurse, 25}, {VillageClinic, VDUnlicensed, 12}, {VillageClinic, VDAssistant, 6}} {
			s.Stocks = append(s.Stocks, Stock{Region: id, Tier: st.t, Cadre: st.c, Headcount: st.h})
		}
	}
	s.Stocks = append(s.Stocks, Stock{Region: "d", Tier: Hospital, Cadre: Physician, Headcount: 40 * float64(n)})
	s.Params = []Param{
		p("pop.growth", 0.005), p("pop.ageing", 0.004), p("attrition", 0.05), p("retirement", 0.025), p("replacement", 1),
		pt("hires", CHSCentre, GP, 0, float64(n)), pt("hires", Hospital, Physician, 0, 3*float64(n)),
		pt("gp_transfer.intake", TownshipCentre, AnyCadre, 0, float64(n)/2), pt("quota.per_mille", TownshipCentre, AnyCadre, 0, 1.7),
		p("vd_exam.sitting", 0.3), p("vd_exam.pass_rate", 0.2), p("secondment.share", 0.8),
	}
	s.Targets = []Target{{Indicator: "gps_per_10000", Year: 2025, Comparison: AtLeast, Value: 4}}
	return s
}

func BenchmarkRun(b *testing.B) {
	for _, size := range []struct {
		name string
		n    int
	}{{"district", 8}, {"city", 60}, {"province", 400}} {
		s := synthetic(size.n)
		b.Run(size.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Run(s, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
