package sim

import "testing"

// TestCostsByHand prices a small district: 10 CHS-centre GPs paid 100,000
// a year with the 300-yuan monthly GP allowance, 2 more hired a year; 4
// unlicensed village doctors on the 600-yuan subsidy; 3 GP transfer
// trainees at 20,000 each starting in 2023 only; a station built in 2023
// for 800,000.
func TestCostsByHand(t *testing.T) {
	s := tiny(2022, 2024, 10000, []Stock{
		{Region: "d", Tier: CHSCentre, Cadre: GP, Headcount: 10},
		{Region: "d", Tier: CHSCentre, Cadre: Physician, Headcount: 5},
		{Region: "d", Tier: VillageClinic, Cadre: VDUnlicensed, Headcount: 4},
	},
		pt("hires", CHSCentre, GP, 0, 2),
		pt("cost.salary", CHSCentre, GP, 0, 100000),
		p("cost.gp_allowance", 300),
		pt("cost.vd_subsidy", VillageClinic, VDUnlicensed, 0, 600),
		pt("gp_transfer.intake", CHSCentre, AnyCadre, 2023, 3),
		pt("gp_transfer.intake", CHSCentre, AnyCadre, 2024, 0),
		p("gp_transfer.years", 5),
		p("cost.gp_transfer", 20000),
		p("build.cost.chs_station", 80),
	)
	s.Facilities = []Facility{{ID: "st", Region: "d", Type: FCHSStation, Opens: 2023}}
	tr := mustRun(t, s, nil)
	// 2023: 12 GPs x (100,000 + 3,600) + 4 x 7,200 = 1,272,000 yuan
	// = 127.2 (10,000 yuan); training 60,000 = 6; capital 80.
	near(t, "workforce 2023", series(t, tr, "cost_workforce")[1], 127.2, 1e-12)
	near(t, "training 2023", series(t, tr, "cost_training")[1], 6, 1e-12)
	near(t, "total 2023", series(t, tr, "cost_total")[1], 127.2+6+80, 1e-12)
	// 2024: 14 GPs: 14 x 103,600 + 28,800 = 1,479,200 = 147.92; no
	// training, no capital. Cumulative 213.2 + 147.92.
	near(t, "total 2024", series(t, tr, "cost_total")[2], 147.92, 1e-12)
	near(t, "cumulative 2024", series(t, tr, "cost_cumulative")[2], 213.2+147.92, 1e-12)
	near(t, "cumulative 2022", series(t, tr, "cost_cumulative")[0], 0, 1e-12)
}
