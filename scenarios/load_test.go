package scenarios

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// templateWith returns the template scenario with some files replaced
// (an empty string deletes the file).
func templateWith(t *testing.T, files map[string]string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(Template(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(Template(), p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		if text == "" {
			delete(m, name)
			continue
		}
		m[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return m
}

func TestTemplateLoads(t *testing.T) {
	if _, err := Load(Template()); err != nil {
		t.Fatalf("Load(template) = %v", err)
	}
}

const (
	regionsHeader   = "id,parent,kind,name_zh,name_en,population,share_65plus\n"
	workforceHeader = "region,tier,cadre,headcount\n"
	paramsHeader    = "key,region,tier,cadre,year,value\n"
	targetsHeader   = "indicator,region,year,comparison,value\n"
	observedHeader  = "indicator,region,year,value\n"
	goodRegions     = regionsHeader + "d,,district,区,D,,15%\na,d,town,甲镇,A,1000,\n"
)

// TestMalformedInput checks that each kind of mistake is reported at the
// right file, line and column, with a message that says what would be right.
func TestMalformedInput(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		where string // FILE:LINE:COL (or FILE:LINE, FILE) the error must start with
		say   string // a part of the message
	}{
		{"missing required file", map[string]string{"workforce.csv": ""}, "workforce.csv: file is missing", "base-year headcounts"},
		{"empty file", map[string]string{"regions.csv": "\n\n"}, "regions.csv: file is empty", "id,parent,kind"},
		{"unknown column", map[string]string{"regions.csv": "id,parent,kind,populaton,share_65plus\n"}, "regions.csv:1:4:", `did you mean "population"`},
		{"missing required column", map[string]string{"workforce.csv": "region,tier,headcount\na,township_centre,3\n"}, "workforce.csv:1:", `required column "cadre" is missing`},
		{"duplicate column", map[string]string{"targets.csv": "indicator,year,year,comparison,value\n"}, "targets.csv:1:3:", "appears twice"},
		{"not a number", map[string]string{"regions.csv": regionsHeader + "d,,district,区,D,,15%\na,d,town,甲镇,A,12k,\n"}, "regions.csv:3:6:", `"12k" is not a number`},
		{"unknown tier", map[string]string{"workforce.csv": workforceHeader + "town-a,township_center,gp,3\n"}, "workforce.csv:2:2:", `did you mean "township_centre"`},
		{"unknown cadre", map[string]string{"workforce.csv": workforceHeader + "town-a,township_centre,nurses,3\n"}, "workforce.csv:2:3:", `did you mean "nurse"`},
		{"unknown region", map[string]string{"workforce.csv": workforceHeader + "town-x,township_centre,gp,3\n"}, "workforce.csv:2:1:", "not defined in regions.csv"},
		{"negative headcount", map[string]string{"workforce.csv": workforceHeader + "town-a,township_centre,gp,-3\n"}, "workforce.csv:2:4:", "from 0 to"},
		{"unknown parameter key", map[string]string{"parameters.csv": paramsHeader + "attrition,,,,,5%\nattriton,,,,,5%\n"}, "parameters.csv:3:1:", `did you mean "attrition"`},
		{"parameter out of range", map[string]string{"parameters.csv": paramsHeader + "attrition,,,,,150%\n"}, "parameters.csv:2:6:", "out of range; use a value from 0 to 1"},
		{"tier on a key without one", map[string]string{"parameters.csv": paramsHeader + "pop.growth,,chs_centre,,,1%\n"}, "parameters.csv:2:3:", "takes no tier"},
		{"parameter year outside", map[string]string{"parameters.csv": paramsHeader + "hires,,chs_centre,gp,2090,3\n"}, "parameters.csv:2:5:", "outside"},
		{"not a year", map[string]string{"parameters.csv": paramsHeader + "hires,,chs_centre,gp,next,3\n"}, "parameters.csv:2:5:", "not a year"},
		{"target after horizon", map[string]string{"targets.csv": targetsHeader + "gps_per_10000,,2035,>=,3\n"}, "targets.csv:2:3:", "outside the projection"},
		{"unknown comparison", map[string]string{"targets.csv": targetsHeader + "gps_per_10000,,2027,=>,3\n"}, "targets.csv:2:4:", "use >=, <=, > or <"},
		{"unknown indicator", map[string]string{"targets.csv": targetsHeader + "gp_per_10000,,2027,>=,3\n"}, "targets.csv:2:1:", `did you mean "gps_per_10000"`},
		{"observation after the horizon", map[string]string{"observed.csv": observedHeader + "fd_coverage_all,,2031,40\n"}, "observed.csv:2:3:", "after the horizon"},
		{"duplicate region", map[string]string{"regions.csv": goodRegions + "a,d,town,乙镇,B,500,\n"}, "regions.csv:4:1:", "already defined on line 3"},
		{"undefined parent", map[string]string{"regions.csv": goodRegions + "b,x,town,乙镇,B,500,\n"}, "regions.csv:4:2:", `parent "x" is not a region id`},
		{"two districts", map[string]string{"regions.csv": goodRegions + "e,,district,区,E,,15%\n"}, "regions.csv:4:2:", "is already the district"},
		{"parent population disagrees", map[string]string{"regions.csv": regionsHeader + "d,,district,区,D,5000,15%\na,d,town,甲镇,A,1000,\n"}, "regions.csv:2:6:", "differs from the sum of its child regions, 1000"},
		{"leaf without population", map[string]string{"regions.csv": regionsHeader + "d,,district,区,D,,15%\na,d,town,甲镇,A,,\n"}, "regions.csv:3:6:", "population is empty"},
		{"share 65+ above one", map[string]string{"regions.csv": regionsHeader + "d,,district,区,D,,1.5\na,d,town,甲镇,A,10,\n"}, "regions.csv:2:7:", "outside 0-1"},
		{"unknown region kind", map[string]string{"regions.csv": regionsHeader + "d,,district,区,D,,15%\na,d,twon,甲镇,A,10,\n"}, "regions.csv:3:3:", `did you mean "town"`},
		{"broken quotes", map[string]string{"targets.csv": targetsHeader + "gps_per_10000,,2027,>=,\"3\n"}, "targets.csv:2:", "check the quotes"},
		{"cell without header", map[string]string{"targets.csv": targetsHeader + "gps_per_10000,,2027,>=,3,extra\n"}, "targets.csv:2:6:", "has no column header"},
		{"age band malformed", map[string]string{"workforce.csv": "region,tier,cadre,age_band,headcount\ntown-a,township_centre,gp,young,3\n"}, "workforce.csv:2:4:", "LOW-HIGH"},
		{"age bands with a gap", map[string]string{"workforce.csv": "region,tier,cadre,age_band,headcount\ntown-a,township_centre,gp,25-34,3\ntown-a,township_centre,gp,40-59,3\n"}, "workforce.csv:3:4:", "must be contiguous"},
		{"age band missing on one row", map[string]string{"workforce.csv": "region,tier,cadre,age_band,headcount\ntown-a,township_centre,gp,25-34,3\ntown-a,township_centre,nurse,,3\n"}, "workforce.csv:3:4:", "give every row a band or none"},
		{"horizon before base", map[string]string{"scenario.csv": "name,base_year,horizon\nx,2024,2020\n"}, "scenario.csv:2:3:", "must be from the base year"},
		{"two scenario rows", map[string]string{"scenario.csv": "name,base_year,horizon\nx,2024,2030\ny,2024,2030\n"}, "scenario.csv: has 2 data rows", "exactly one"},
		{"duplicate workforce row", map[string]string{"workforce.csv": workforceHeader + "town-a,township_centre,gp,3\ntown-a,township_centre,gp,4\n"}, "workforce.csv:3:", "same region, tier, cadre and age band as line 2"},
		{"unknown facility type", map[string]string{"facilities.csv": "id,region,type\nf1,town-a,clinic\n"}, "facilities.csv:2:3:", "unknown facility type"},
		{"unknown grade", map[string]string{"facilities.csv": "id,region,type,grade\nf1,town-a,chs_centre,C\n"}, "facilities.csv:2:4:", "recommended (A, 甲级)"},
		{"facility in an unknown region", map[string]string{"facilities.csv": "id,region,type\nf1,town-z,chs_centre\n"}, "facilities.csv:2:2:", "not defined in regions.csv"},
		{"planned facility opening in the past", map[string]string{"facilities.csv": "id,region,type,opens\nf1,town-a,chs_centre,2020\n"}, "facilities.csv:2:4:", "must be after the base year"},
		{"public not yes or no", map[string]string{"facilities.csv": "id,region,type,public\nf1,town-a,chs_centre,maybe\n"}, "facilities.csv:2:4:", "write yes or no"},
		{"unknown rule basis", map[string]string{"rules.csv": "id,types,applies_to,basis\nr1,chs_centre,town,per_populaton\n"}, "rules.csv:2:4:", `did you mean "per_population"`},
		{"per_population without high", map[string]string{"rules.csv": "id,types,applies_to,basis,low\nr1,chs_centre,town,per_population,30000\n"}, "rules.csv:2:", "0 < low <= high"},
		{"rule on a kind with no regions", map[string]string{"rules.csv": "id,types,applies_to,basis\nr1,chs_centre,village,per_unit\n"}, "rules.csv:2:3:", `no region in regions.csv is of kind "village"`},
		{"distance rule without coordinates", map[string]string{"rules.csv": "id,types,applies_to,basis,km\nr1,chs_centre,town,max_distance,3\n"}, "rules.csv:2:3:", "not every town in regions.csv has lat and lon"},
		{"rule filling a modelled indicator", map[string]string{"rules.csv": "id,types,applies_to,basis,indicator\nr1,chs_centre,town,per_unit,gps_per_10000\n"}, "rules.csv:2:", "not a scheduled indicator"},
		{"bad rule id", map[string]string{"rules.csv": "id,types,applies_to,basis\nr 1,chs_centre,town,per_unit\n"}, "rules.csv:2:1:", "must be letters, digits"},
		{"unknown distribution", map[string]string{"uncertainty.csv": "key,distribution,a,b\nattrition,unifrom,0.03,0.07\n"}, "uncertainty.csv:2:2:", `did you mean "uniform"`},
		{"uniform with min above max", map[string]string{"uncertainty.csv": "key,distribution,a,b\nattrition,uniform,0.07,0.03\n"}, "uncertainty.csv:2:3:", "needs min < max"},
		{"pert with mode outside", map[string]string{"uncertainty.csv": "key,distribution,a,b,c\nattrition,pert,0.03,0.09,0.07\n"}, "uncertainty.csv:2:3:", "min <= mode <= max"},
		{"distribution beyond the key's range", map[string]string{"uncertainty.csv": "key,distribution,a,b\nattrition,uniform,0.5,1.5\n"}, "uncertainty.csv:2:3:", "outside the key's range 0 to 1"},
		{"argument after an empty one", map[string]string{"uncertainty.csv": "key,distribution,a,b,c,d\nattrition,normal,0.05,0.01,,0.1\n"}, "uncertainty.csv:2:6:", "an earlier one is empty"},
		{"uncertain unknown key", map[string]string{"uncertainty.csv": "key,distribution,a,b\nattriton,uniform,0.03,0.07\n"}, "uncertainty.csv:2:1:", `did you mean "attrition"`},
		{"indicator without English name", map[string]string{"indicators.csv": "id,name_zh,name_en\nnew_thing,新指标,\n"}, "indicators.csv:2:3:", "Chinese and an English name"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(templateWith(t, c.files))
			var el ErrorList
			if !errors.As(err, &el) {
				t.Fatalf("Load = %v, want an ErrorList", err)
			}
			for _, e := range el {
				if strings.HasPrefix(e.Error(), c.where) && strings.Contains(e.Error(), c.say) {
					return
				}
			}
			t.Errorf("Load errors =\n%v\nwant one starting %q and containing %q", el, c.where, c.say)
		})
	}
}

func TestAllErrorsOfAFileAreReported(t *testing.T) {
	bad := workforceHeader +
		"town-a,township_center,gp,3\n" + // line 2: tier
		"town-a,township_centre,doctor,3\n" + // line 3: cadre
		"town-a,township_centre,nurse,many\n" + // line 4: headcount
		"nowhere,township_centre,nurse,1\n" // line 5: region
	_, err := Load(templateWith(t, map[string]string{"workforce.csv": bad}))
	var el ErrorList
	if !errors.As(err, &el) {
		t.Fatalf("Load = %v, want an ErrorList", err)
	}
	want := []string{"workforce.csv:2:2:", "workforce.csv:3:3:", "workforce.csv:4:4:", "workforce.csv:5:1:"}
	if len(el) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%v", len(el), len(want), el)
	}
	for i, w := range want {
		if !strings.HasPrefix(el[i].Error(), w) {
			t.Errorf("error %d = %q, want prefix %q", i, el[i], w)
		}
	}
}

func TestExcelConventions(t *testing.T) {
	// Thousands separators, percent signs, Chinese year suffix, "all",
	// blank trailing rows, comment lines and quoted cells.
	m := templateWith(t, map[string]string{
		"regions.csv":    "# made in Excel\n" + regionsHeader + "d,,district,\"某区, 新\",D,,15.5%\na,d,town,甲镇,A,\"1,000\",\n,,,,,,\n",
		"parameters.csv": paramsHeader + "attrition,all,all,all,2025年,5%\n",
		"workforce.csv":  workforceHeader + "a,township_centre,gp,3\n",
		"observed.csv":   observedHeader,
		"targets.csv":    targetsHeader,
	})
	s, err := Load(m)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Regions[1].Population; got != 1000 {
		t.Errorf("population = %v, want 1000", got)
	}
	if got := s.Regions[0].Share65; got != 0.155 {
		t.Errorf("share65 = %v, want 0.155", got)
	}
	if got := s.Regions[0].NameZH; got != "某区, 新" {
		t.Errorf("name_zh = %q", got)
	}
	if p := s.Params[0]; p.Value != 0.05 || p.Year != 2025 || p.Region != "" {
		t.Errorf("param = %+v, want attrition 0.05 from 2025 in all regions", p)
	}
}
