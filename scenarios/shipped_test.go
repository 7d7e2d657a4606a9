package scenarios

import (
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
