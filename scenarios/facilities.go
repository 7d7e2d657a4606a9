package scenarios

import (
	"fmt"
	"io/fs"
	"maps"
	"math"
	"regexp"
	"slices"
	"strings"

	"clinicsim/sim"
)

// yesNo reads a yes/no cell; def is the value of an empty cell.
func yesNo(s string, def bool) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return def, nil
	case "yes", "y", "true", "1", "是":
		return true, nil
	case "no", "n", "false", "0", "否":
		return false, nil
	}
	return false, fmt.Errorf("%q is not yes or no", s)
}

// facilityTypes reads a |-separated list of facility types.
func facilityTypes(s string) ([]sim.FacilityType, error) {
	var out []sim.FacilityType
	for _, part := range strings.Split(s, "|") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		t, err := sim.ParseFacilityType(part)
		if err != nil {
			return nil, fmt.Errorf("%v%s; use %s, separated by |", err, suggest(part, sim.FacilityTypeCodes()), strings.Join(sim.FacilityTypeCodes(), ", "))
		}
		out = append(out, t)
	}
	return out, nil
}

func (l *loader) readFacilities(fsys fs.FS, s *sim.Scenario) {
	f := facilitiesSpec.Name
	rows, pos, ok := readTable[facilityRow](fsys, &facilitiesSpec, l.errs)
	if !ok {
		return
	}
	seen := map[string]int{}
	for i, r := range rows {
		p := pos[i]
		good := true
		if r.ID == "" {
			l.errs.add(f, p.line, p.col("id"), "id is empty; give every facility an identifier")
			good = false
		} else if prev, dup := seen[r.ID]; dup {
			l.errs.add(f, p.line, p.col("id"), "facility %q is already defined on line %d", r.ID, prev)
			good = false
		}
		seen[r.ID] = p.line
		if r.Region == "" {
			l.errs.add(f, p.line, p.col("region"), "region is empty; name the region the facility stands in")
			good = false
		} else if _, okR := l.region(f, p, r.Region, false); !okR {
			good = false
		}
		typ, err := sim.ParseFacilityType(r.Type)
		if err != nil {
			l.errs.add(f, p.line, p.col("type"), "%v%s; use one of %s", err, suggest(r.Type, sim.FacilityTypeCodes()), strings.Join(sim.FacilityTypeCodes(), ", "))
			good = false
		}
		grade, err := sim.ParseGrade(r.Grade)
		if err != nil {
			l.errs.add(f, p.line, p.col("grade"), "%v; use none, basic (B, 乙级) or recommended (A, 甲级)", err)
			good = false
		}
		public, err := yesNo(r.Public, true)
		if err != nil {
			l.errs.add(f, p.line, p.col("public"), "%v; write yes or no", err)
			good = false
		}
		if r.Beds.Set && r.Beds.V < 0 {
			l.errs.add(f, p.line, p.col("beds"), "beds %v must not be negative", r.Beds.V)
			good = false
		}
		if r.Lat.Set != r.Lon.Set {
			l.errs.add(f, p.line, p.col("lon"), "give both lat and lon, or neither")
			good = false
		} else if r.Lat.Set && (math.Abs(r.Lat.V) > 90 || math.Abs(r.Lon.V) > 180) {
			l.errs.add(f, p.line, p.col("lat"), "lat %v, lon %v are not degrees (lat -90 to 90, lon -180 to 180)", r.Lat.V, r.Lon.V)
			good = false
		}
		if r.Opens.Set && l.base != 0 && (r.Opens.Y <= l.base || r.Opens.Y > l.horizon) {
			l.errs.add(f, p.line, p.col("opens"), "opening year %d must be after the base year %d and not after the horizon %d; leave it empty for a facility that exists", r.Opens.Y, l.base, l.horizon)
			good = false
		}
		if r.Cost.Set && r.Cost.V < 0 {
			l.errs.add(f, p.line, p.col("cost"), "cost %v must not be negative", r.Cost.V)
			good = false
		}
		if !good {
			continue
		}
		s.Facilities = append(s.Facilities, sim.Facility{ID: r.ID, NameZH: r.NameZH, NameEN: r.NameEN, Region: r.Region, Type: typ, Grade: grade,
			Public: public, Beds: r.Beds.V, Lat: r.Lat.V, Lon: r.Lon.V, Located: r.Lat.Set, Opens: r.Opens.Y, Cost: r.Cost.V})
	}
}

var ruleID = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

func (l *loader) readRules(fsys fs.FS, s *sim.Scenario) {
	f := rulesSpec.Name
	rows, pos, ok := readTable[ruleRow](fsys, &rulesSpec, l.errs)
	if !ok {
		return
	}
	kinds := map[string]bool{}
	located := map[string]bool{} // kind -> every region of it has coordinates
	for _, r := range s.Regions {
		if !kinds[r.Kind] {
			located[r.Kind] = true
		}
		kinds[r.Kind] = true
		located[r.Kind] = located[r.Kind] && r.Located
	}
	seen := map[string]int{}
	for i, r := range rows {
		p := pos[i]
		good := true
		bad := func(col, format string, args ...any) {
			l.errs.add(f, p.line, p.col(col), format, args...)
			good = false
		}
		switch {
		case !ruleID.MatchString(r.ID):
			bad("id", "id %q must be letters, digits, _ or -, e.g. chs_per_pop", r.ID)
		case seen[r.ID] != 0:
			bad("id", "rule %q is already defined on line %d", r.ID, seen[r.ID])
		}
		seen[r.ID] = p.line
		types, err := facilityTypes(r.Types)
		if err != nil {
			bad("types", "%v", err)
		} else if len(types) == 0 {
			bad("types", "types is empty; name the facility types the rule counts, e.g. chs_centre|community_hospital")
		}
		public, err := yesNo(r.Public, false)
		if err != nil {
			bad("public", "%v; write yes or no", err)
		}
		build, err := yesNo(r.Build, false)
		if err != nil {
			bad("build", "%v; write yes or no", err)
		}
		if s.Regions != nil && !kinds[r.AppliesTo] {
			bad("applies_to", "no region in regions.csv is of kind %q%s; the rule would judge nothing", r.AppliesTo, suggest(r.AppliesTo, slices.Sorted(maps.Keys(kinds))))
		}
		basis, err := sim.ParseBasis(r.Basis)
		if err != nil {
			bad("basis", "%v%s; use one of %s", err, suggest(r.Basis, sim.BasisCodes()), strings.Join(sim.BasisCodes(), ", "))
		}
		rule := sim.Rule{ID: r.ID, NameZH: r.NameZH, NameEN: r.NameEN, Types: types, Public: public, AppliesTo: r.AppliesTo,
			Basis: basis, Low: r.Low.V, High: r.High.V, Count: r.Count.V, Threshold: r.Threshold.V, Km: r.Km.V, Build: build, Indicator: r.Indicator}
		if err == nil {
			switch basis {
			case sim.PerPopulation, sim.Catchment:
				if !r.Low.Set || !r.High.Set || r.Low.V <= 0 || r.High.V < r.Low.V {
					bad("low", "%s needs low and high with 0 < low <= high, e.g. 30000 and 100000 residents", basis)
				}
				if basis == sim.Catchment {
					if rule.OfTypes, err = facilityTypes(r.OfTypes); err != nil || len(rule.OfTypes) == 0 {
						bad("of_types", "catchment needs of_types, the facility types each one supports, e.g. township_centre")
					}
				}
			case sim.PerUnit:
				if !r.Count.Set {
					rule.Count = 1
				} else if r.Count.V <= 0 {
					bad("count", "count %v must be at least 1", r.Count.V)
				}
			case sim.MinCount:
				if !r.Count.Set || r.Count.V <= 0 {
					bad("count", "at_least needs count, the minimum number of facilities, e.g. 2")
				}
			case sim.MinPopulation:
				if !r.Threshold.Set || r.Threshold.V <= 0 {
					bad("threshold", "min_population needs threshold, the residents from which a unit needs a facility, e.g. 800")
				}
			case sim.MaxDistance:
				if !r.Km.Set || r.Km.V <= 0 {
					bad("km", "max_distance needs km, the greatest distance in kilometres, e.g. 3")
				} else if s.Regions != nil && kinds[r.AppliesTo] && !located[r.AppliesTo] {
					bad("applies_to", "max_distance measures from each %s, but not every %s in regions.csv has lat and lon", r.AppliesTo, r.AppliesTo)
				}
			}
		}
		if r.ExcludeHost != "" {
			if rule.ExcludeHost, err = facilityTypes(r.ExcludeHost); err != nil {
				bad("exclude_host", "%v", err)
			} else if basis != sim.PerPopulation {
				bad("exclude_host", "exclude_host applies to per_population rules only; leave it empty")
			}
		}
		if r.Indicator != "" {
			if ind, found := l.cat.Lookup(r.Indicator); !found || ind.Modelled {
				bad("indicator", "%q is not a scheduled indicator of the catalog; name one such as towns_with_public_institution_share, or leave it empty", r.Indicator)
			}
		}
		if good {
			s.Rules = append(s.Rules, rule)
		}
	}
}
