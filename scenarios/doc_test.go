package scenarios

import (
	"os"
	"strings"
	"testing"

	"clinicsim/sim"
)

// TestREADMEDocumentsTheFormat keeps the README's format tour in step with
// the loader: every file, every column and every parameter key must appear.
func TestREADMEDocumentsTheFormat(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	for _, f := range files {
		if !strings.Contains(readme, "### "+f.Name) {
			t.Errorf("README has no section for %s", f.Name)
		}
		for _, c := range f.Columns {
			if !strings.Contains(readme, "`"+c.Name+"`") {
				t.Errorf("README does not document column %s of %s", c.Name, f.Name)
			}
		}
	}
	for _, p := range sim.ParamSpecs() {
		if !strings.Contains(readme, "`"+p.Key+"`") {
			t.Errorf("README does not document parameter %s", p.Key)
		}
	}
	for _, code := range append(sim.TierCodes(), sim.CadreCodes()...) {
		if !strings.Contains(readme, "`"+code+"`") {
			t.Errorf("README does not document tier or cadre %s", code)
		}
	}
}
