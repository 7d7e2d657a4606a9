package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSite sites village clinics on a small district: three villages on a
// line 1.1 km apart and a far one, with a clinic at the first village.
func TestSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "geo")
	if code, _, stderr := clinicsim(t, "init", dir); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("regions.csv", `id,parent,kind,name_zh,name_en,population,share_65plus,lat,lon
district,,district,某区,District,,15%,29.40,106.40
town-a,district,town,甲镇,Town A,,,29.40,106.40
v1,town-a,village,一村,Village 1,900,,29.40,106.40
v2,town-a,village,二村,Village 2,700,,29.41,106.40
v3,town-a,village,三村,Village 3,1200,,29.42,106.40
v4,town-a,village,四村,Village 4,500,,29.60,106.40
subdistrict-b,district,subdistrict,乙街道,Subdistrict B,140000,,29.50,106.50
`)
	write("facilities.csv", "id,region,type\nc1,v1,village_clinic\n")
	write("rules.csv", "id,types,applies_to,basis,km\nnear,village_clinic,village,max_distance,1.2\n")
	write("targets.csv", "indicator,region,year,comparison,value\nrule_near,,2027,>=,100\n")
	out := filepath.Join(t.TempDir(), "site")
	code, stdout, stderr := clinicsim(t, "site", "--scenario", dir, "--type", "village_clinic", "--count", "3", "--out", out)
	if code != 0 {
		t.Fatalf("site = exit %d: %s", code, stderr)
	}
	// v1's clinic covers v1 and v2 (1.11 km). v3's 1,200 residents are
	// covered as well from v2 as from v3 itself; the earlier candidate, v2,
	// wins the tie. Then v4 (500); nothing is left for a third site.
	b, err := os.ReadFile(filepath.Join(out, "sites.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[2], "1,v2,") || !strings.HasPrefix(lines[3], "2,v4,") || !strings.HasSuffix(lines[3], ",3300,100") {
		t.Errorf("sites.csv =\n%s", b)
	}
	if !strings.Contains(stdout, "Only 2 sites add coverage") {
		t.Errorf("stdout does not say that only two sites help:\n%s", stdout)
	}
	if _, err := os.Stat(filepath.Join(out, "map.png")); err != nil {
		t.Error(err)
	}
	// The distance rule's radius is the default.
	if code, _, stderr := clinicsim(t, "site", "--scenario", dir, "--type", "village_clinic", "--count", "1", "--out", out+"2"); code != 0 {
		t.Errorf("site without --max-km = exit %d: %s", code, stderr)
	}
	for _, args := range [][]string{
		{"site", "--count", "2"},
		{"site", "--type", "clinic", "--count", "2"},
		{"site", "--type", "chs_station"},
	} {
		if code, _, _ := clinicsim(t, args...); code != 2 {
			t.Errorf("%v = exit %d, want 2", args, code)
		}
	}
	// The run reports the rule's compliance as a modelled indicator.
	code, stdout, stderr = clinicsim(t, "run", "--scenario", dir, "--out", filepath.Join(t.TempDir(), "run"))
	if code != 0 || !strings.Contains(stdout, "modelled targets: 0 met, 1 missed") {
		t.Errorf("run = exit %d\n%s%s", code, stdout, stderr)
	}
}
