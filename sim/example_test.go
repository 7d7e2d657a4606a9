package sim_test

import (
	"fmt"

	"clinicsim/sim"
)

// A district of 100,000 residents with 20 GPs hires 6 GPs a year and loses
// 5% a year: will it reach 3 GPs per 10,000 by 2025?
func ExampleRun() {
	s := &sim.Scenario{
		Name: "example", BaseYear: 2022, Horizon: 2026,
		Regions: []sim.Region{{ID: "d", Kind: "district", Population: 100000, Share65: 0.15}},
		Stocks:  []sim.Stock{{Region: "d", Tier: sim.CHSCentre, Cadre: sim.GP, Headcount: 20}},
		Params: []sim.Param{
			{Key: "attrition", Tier: sim.AnyTier, Cadre: sim.AnyCadre, Value: 0.05},
			{Key: "hires", Tier: sim.CHSCentre, Cadre: sim.GP, Value: 6},
		},
		Targets: []sim.Target{{Indicator: "gps_per_10000", Year: 2025, Comparison: sim.AtLeast, Value: 3}},
	}
	res, err := sim.Run(s, nil)
	if err != nil {
		panic(err)
	}
	v := res.Verdicts[0]
	fmt.Printf("%s %d: projected %.2f, met %v, first met %d\n", v.Indicator.ID, v.Target.Year, v.Projected, v.Met, v.FirstYearMet)
	// Output: gps_per_10000 2025: projected 3.43, met true, first met 2025
}
