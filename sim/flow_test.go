package sim

import (
	"math"
	"testing"
)

// flowCase is a district of 100,000 (20% aged 65+) with 50 primary
// physicians: 80,000 x 5 + 20,000 x 10 = 600,000 visits a year, half of them
// in primary care in the base year.
func flowCase(params ...Param) *Scenario {
	s := tiny(2022, 2025, 100000, []Stock{
		{Region: "d", Tier: CHSCentre, Cadre: Physician, Headcount: 40},
		{Region: "d", Tier: CHSCentre, Cadre: GP, Headcount: 10},
		{Region: "d", Tier: Hospital, Cadre: Physician, Headcount: 200},
	}, append([]Param{p("visits.per_capita", 5), p("flow.primary_share0", 50), p("flow.adjust_speed", 0.5)}, params...)...)
	s.Regions[0].Share65 = 0.2
	return s
}

func pyear(key string, year int, v float64) Param {
	return Param{Key: key, Tier: AnyTier, Cadre: AnyCadre, Year: year, Value: v}
}

func TestFlowConservationAndLever(t *testing.T) {
	tr := mustRun(t, flowCase(pyear("lever.continuous_deductible", 2023, 4)), nil)
	total, prim, hosp := series(t, tr, "visits_total"), series(t, tr, "visits_primary"), series(t, tr, "visits_hospital")
	share := series(t, tr, "primary_visit_share")
	// The lever lifts the equilibrium from 50% to 54%; half the gap closes
	// each year: 50, 52, 53, 53.5.
	want := []float64{50, 52, 53, 53.5}
	for k := range want {
		near(t, "visits_total", total[k], 600000, 1e-12)
		near(t, "primary + hospital", prim[k]+hosp[k], total[k], 1e-12)
		near(t, "primary_visit_share", share[k], want[k], 1e-12)
	}
	// Without the lever nothing moves: the status quo holds.
	flat := series(t, mustRun(t, flowCase(), nil), "primary_visit_share")
	for k := range flat {
		near(t, "status quo share", flat[k], 50, 1e-12)
	}
}

func TestFlowCapacityIsNeverExceeded(t *testing.T) {
	// 50 primary physicians x 6,000 visits = 300,000 a year: the 312,000
	// visits wanted in 2023 (52%) exceed it by 12,000, which go to hospital.
	tr := mustRun(t, flowCase(pyear("lever.continuous_deductible", 2023, 4), p("workload.visits_per_clinician", 6000)), nil)
	prim, capa, over, hosp := series(t, tr, "visits_primary"), series(t, tr, "primary_capacity"), series(t, tr, "visits_overflow"), series(t, tr, "visits_hospital")
	for k := range prim {
		if prim[k] > capa[k]+1e-9 {
			t.Errorf("%d: primary visits %v exceed capacity %v", 2022+k, prim[k], capa[k])
		}
	}
	near(t, "overflow 2023", over[1], 12000, 1e-12)
	near(t, "hospital 2023", hosp[1], 300000, 1e-12)
	near(t, "share 2023", series(t, tr, "primary_visit_share")[1], 50, 1e-12)
	// Secondees add capacity: 0.8 of 10 hospital physician hires a year
	// work one year at primary level, 8 x 6,000 = 48,000 more visits.
	tr = mustRun(t, flowCase(pyear("lever.continuous_deductible", 2023, 4), p("workload.visits_per_clinician", 6000),
		pt("hires", Hospital, Physician, 0, 10), p("secondment.share", 0.8)), nil)
	near(t, "capacity with secondees 2023", series(t, tr, "primary_capacity")[1], 348000, 1e-9)
	near(t, "overflow with secondees 2023", series(t, tr, "visits_overflow")[1], 0, 1e-9)
}

func TestReferralsAndLevers(t *testing.T) {
	tr := mustRun(t, flowCase(p("referral.up_rate", 0.02), p("referral.down_rate", 0.01), pyear("lever.down_referral", 2024, 0.001)), nil)
	down, growth := series(t, tr, "referrals_down"), series(t, tr, "downward_referral_growth")
	// The observed 50% counts visits after referrals: the first-contact
	// share s solves 0.5 = s(1 - 0.02 - 0.01) + 0.01.
	s0 := 0.49 / 0.97
	firstP, firstH := s0*600000, (1-s0)*600000
	near(t, "down 2023", down[1], 0.01*firstH, 1e-12)
	near(t, "down 2024", down[2], 0.011*firstH, 1e-12)
	near(t, "down growth 2024", growth[2], 10, 1e-9)
	near(t, "down growth 2023", growth[1], 0, 1e-9)
	near(t, "up 2023", series(t, tr, "referrals_up")[1], 0.02*firstP, 1e-12)
	// Referrals move visits between tiers: the base-year share after them
	// is the observed 50%, and primary + hospital is still all visits.
	share, prim, hosp := series(t, tr, "primary_visit_share"), series(t, tr, "visits_primary"), series(t, tr, "visits_hospital")
	near(t, "share 2022", share[0], 50, 1e-12)
	near(t, "primary 2024", prim[2], firstP-0.02*firstP+0.011*firstH, 1e-9)
	near(t, "primary + hospital 2024", prim[2]+hosp[2], 600000, 1e-9)
	var tiers float64
	for _, tier := range []string{"visits_township_centre", "visits_chs_centre", "visits_chs_station", "visits_village_clinic"} {
		tiers += series(t, tr, tier)[2]
	}
	near(t, "visits by tier add up to primary visits", tiers, prim[2], 1e-9)
	if !math.IsNaN(growth[0]) {
		t.Errorf("growth in the base year = %v, want none", growth[0])
	}
}

func TestLongPrescriptionsCutRefills(t *testing.T) {
	// 10,000 chronic patients with 12 refills a year: 120,000 visits, of
	// which a long prescription for half of them saves two thirds: 40,000.
	base := flowCase(p("prev.hypertension", 0.1), p("visits.chronic_refill", 12))
	with := flowCase(p("prev.hypertension", 0.1), p("visits.chronic_refill", 12), p("long_rx.share", 0.5), p("long_rx.saving", 2.0/3))
	a := series(t, mustRun(t, base, nil), "visits_total")[1]
	b := series(t, mustRun(t, with, nil), "visits_total")[1]
	near(t, "visits saved", a-b, 40000, 1e-9)
}

func TestWISNByHand(t *testing.T) {
	// 300,000 primary visits x 10 minutes = 50,000 hours; available time
	// (250-11-5-5-5) x 8 = 1,792 hours; with a 10% category allowance:
	// 50,000/1,792 x 1.1 = 30.69 physicians needed, against 50 in post.
	// The norm of 0.6 per 1,000 asks for 60.
	tr := mustRun(t, flowCase(p("norm.primary_physicians_per_1000", 0.6)), nil)
	req := 50000.0 / 1792 * 1.1
	near(t, "wisn_required_physicians", series(t, tr, "wisn_required_physicians")[0], req, 1e-12)
	near(t, "wisn_ratio", series(t, tr, "wisn_ratio")[0], 50/req, 1e-12)
	near(t, "norm_gap", series(t, tr, "norm_gap")[0], 10, 1e-12)
}

func TestFamilyDoctorsWithinPanels(t *testing.T) {
	// 10 GPs lead 10 teams of 2,000: 20,000 contracts at most. Key
	// populations (65+: 20,000) are served first.
	s := flowCase(p("fd.speed", 1), p("fd.key_max", 0.9), p("fd.all_max", 0.5))
	s.Observed = []Observation{{Indicator: "fd_coverage_all", Year: 2022, Value: 10}, {Indicator: "fd_coverage_key", Year: 2022, Value: 40}}
	tr := mustRun(t, s, nil)
	all, key := series(t, tr, "fd_coverage_all"), series(t, tr, "fd_coverage_key")
	near(t, "base coverage", all[0], 10, 1e-12)
	near(t, "base key coverage", key[0], 40, 1e-12)
	// 2023: key contracts want 18,000 and get them; the rest want 32,000
	// but only 2,000 places remain: 20,000 in all = 20%.
	near(t, "key coverage 2023", key[1], 90, 1e-12)
	near(t, "coverage 2023", all[1], 20, 1e-12)
	if st, _ := tr.Status("fd_coverage_all", ""); st != Modelled {
		t.Errorf("fd_coverage_all status = %v, want modelled", st)
	}
}

// TestEachLeverMovesTheShare switches each lever on from 2023 in a small
// case and checks the 2023 primary share: with adjust speed 0.5 a lever
// worth E points moves the share by E/2 in its first year.
func TestEachLeverMovesTheShare(t *testing.T) {
	cases := []struct {
		name  string
		extra []Param
		want  float64
	}{
		{"continuous deductible +4", []Param{pyear("lever.continuous_deductible", 2023, 4)}, 52},
		{"four departments +2", []Param{pyear("lever.four_departments", 2023, 2)}, 51},
		{"remote consultation +1", []Param{pyear("lever.remote_consult", 2023, 1)}, 50.5},
		{"senior duty +3 at 3 days", []Param{pyear("lever.senior_duty", 2023, 3), pyear("senior_duty_days", 2023, 3)}, 51.5},
		{"senior duty +3 at 1.5 days counts half", []Param{pyear("lever.senior_duty", 2023, 3), pyear("senior_duty_days", 2023, 1.5)}, 50.75},
		{"a negative drift of 2 points a year", []Param{p("flow.drift", -2)}, 49},
		{"no lever", nil, 50},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := series(t, mustRun(t, flowCase(c.extra...), nil), "primary_visit_share")[1]
			near(t, "share 2023", got, c.want, 1e-12)
		})
	}
	// Mutual recognition of tests removes 10% of all visits.
	got := series(t, mustRun(t, flowCase(pyear("lever.test_recognition", 2023, 0.1)), nil), "visits_total")
	near(t, "visits with test recognition", got[1], 540000, 1e-9)
	near(t, "visits before", got[0], 600000, 1e-9)
}
