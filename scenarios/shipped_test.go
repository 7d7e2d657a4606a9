package scenarios

import (
	"math"
	"testing"

	"clinicsim/sim"
)

func TestShippedLoadAndRun(t *testing.T) {
	for _, name := range Shipped() {
		t.Run(name, func(t *testing.T) {
			s, _, err := Open(name)
			if err != nil {
				t.Fatalf("Open(%s): %v", name, err)
			}
			if _, err := sim.Run(s, nil); err != nil {
				t.Fatalf("Run(%s): %v", name, err)
			}
		})
	}
}

// TestShippedReproduceBaseYear checks that every base-year figure of the
// source documents, as written in each shipped scenario's observed.csv, is
// what the run gives in the base year at the document's precision; for
// modelled indicators this checks the headcounts and populations behind
// them.
func TestShippedReproduceBaseYear(t *testing.T) {
	for _, name := range Shipped() {
		t.Run(name, func(t *testing.T) {
			s, _, err := Open(name)
			if err != nil {
				t.Fatal(err)
			}
			res, err := sim.Run(s, nil)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, o := range s.Observed {
				if o.Year != s.BaseYear {
					continue
				}
				n++
				got, _ := res.Trajectory.Value(o.Indicator, o.Region, o.Year)
				ind, _ := res.Trajectory.Catalog.Lookup(o.Indicator)
				if sim.Round(got, ind.Decimals) != sim.Round(o.Value, ind.Decimals) {
					t.Errorf("%s %s in %d = %.*f, want %v (%s)", name, o.Indicator, o.Year, ind.Decimals, got, o.Value, o.Source)
				}
			}
			if n == 0 {
				t.Errorf("%s has no base-year observations", name)
			}
		})
	}
}

// TestDadukouByHand checks the default scenario's modelled 2025 values
// against calculations done outside the engine from its inputs.
func TestDadukouByHand(t *testing.T) {
	s, _, err := Open("dadukou-2022")
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	pop2025 := 428000 * math.Pow(1.007, 3)
	// Leavers are replaced one for one, so GPs grow by new posts only:
	// towns 30 + 3*(2 hires + 2*0.9 targeted graduates), CHS centres
	// 70 + 3*(4 hires + 6 transfer trainees), stations 16.
	gps := 30 + 3*(2+1.8) + 70 + 3*(4+6) + 16.0
	// Village doctors: 4% attrition then 6% retirement (x0.9024), 6% of the
	// remaining unlicensed pass the exam, half of the leavers replaced.
	u, l := 20.0, 18.0
	for range 3 {
		u2, l2 := u*0.9024, l*0.9024
		pass := u2 * 0.3 * 0.2
		u, l = u2-pass+0.5*(u-u2), l2+pass+0.5*(l-l2)
	}
	for _, c := range []struct {
		ind  string
		want float64
	}{
		{"population", pop2025},
		{"gps_per_10000", gps / pop2025 * 10000},
		{"vd_licensed_share", 100 * l / (u + l)},
	} {
		got, _ := res.Trajectory.Value(c.ind, "", 2025)
		if math.Abs(got-c.want) > 1e-9*math.Abs(c.want) {
			t.Errorf("%s in 2025 = %.10g, want %.10g", c.ind, got, c.want)
		}
	}
}

// TestYuzhongFacilities checks the base-year facility counts of seeds/001:
// 11 CHS centres of which 8 government-run, 16 stations, 1 community
// hospital, 3 grade-A centres.
func TestYuzhongFacilities(t *testing.T) {
	s, _, err := Open("yuzhong-2023")
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		ind  string
		want float64
	}{{"chs_centres", 11}, {"chs_stations", 16}, {"community_hospitals", 1}, {"grade_a_chs_centres", 3}} {
		got, _ := res.Trajectory.Value(c.ind, "", 2023)
		if st, _ := res.Trajectory.Status(c.ind, ""); got != c.want || st != sim.Modelled {
			t.Errorf("%s in 2023 = %v (%v), want %v, modelled", c.ind, got, st, c.want)
		}
	}
	public := 0
	for _, f := range s.Facilities {
		if f.Type == sim.FCHSCentre && f.Public && f.Opens == 0 {
			public++
		}
	}
	if public != 8 {
		t.Errorf("government-run CHS centres = %d, want 8", public)
	}
}
