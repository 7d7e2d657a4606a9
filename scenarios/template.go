package scenarios

import (
	"embed"
	"fmt"
	"io/fs"
	"math"

	"clinicsim/sim"
)

//go:embed template
var template embed.FS

// Template returns the files of a small example scenario for "clinicsim
// init" to copy.
func Template() fs.FS {
	sub, err := fs.Sub(template, "template")
	if err != nil {
		panic(err) // the embedded folder is part of the build
	}
	return sub
}

// Consistency compares the base-year observations of modelled indicators
// with what the scenario's populations, headcounts and facilities give, at the
// indicator's precision, and describes each disagreement.
func Consistency(s *sim.Scenario, tr *sim.Trajectory) []string {
	var out []string
	for _, o := range s.Observed {
		ind, ok := tr.Catalog.Lookup(o.Indicator)
		if st, _ := tr.Status(o.Indicator, o.Region); !ok || st != sim.Modelled || o.Year != s.BaseYear {
			continue
		}
		got, _ := tr.Value(o.Indicator, o.Region, o.Year)
		if math.IsNaN(got) || sim.Round(got, ind.Decimals) != sim.Round(o.Value, ind.Decimals) {
			out = append(out, fmt.Sprintf("observed.csv: %s in %d is %v (%s), but the scenario's populations, headcounts and facilities give %.*f; adjust workforce.csv, regions.csv or facilities.csv",
				o.Indicator, o.Year, o.Value, o.Source, ind.Decimals, got))
		}
	}
	return out
}
