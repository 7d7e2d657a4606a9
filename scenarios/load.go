package scenarios

import (
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"clinicsim/sim"
)

// LoadDir reads and checks the scenario in a folder on disk.
func LoadDir(dir string) (*sim.Scenario, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("scenarios: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("scenarios: %s is not a folder; a scenario is a folder of CSV files", dir)
	}
	return Load(os.DirFS(dir))
}

// Load reads and checks the scenario whose files are at the root of fsys.
// On any problem it returns an ErrorList holding every problem found.
func Load(fsys fs.FS) (*sim.Scenario, error) {
	var errs ErrorList
	l := &loader{errs: &errs, cat: sim.NewCatalog()}
	s := l.load(fsys)
	if len(errs) > 0 {
		errs.sort(fileNames())
		return nil, errs
	}
	return s, nil
}

func fileNames() []string {
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = f.Name
	}
	return out
}

type loader struct {
	errs    *ErrorList
	cat     *sim.Catalog
	regions map[string]bool
	base    int
	horizon int
}

func (l *loader) load(fsys fs.FS) *sim.Scenario {
	s := &sim.Scenario{}
	l.readScenario(fsys, s)
	l.readRegions(fsys, s)
	l.readIndicators(fsys, s) // before the files that name indicators
	l.readWorkforce(fsys, s)
	l.readParameters(fsys, s)
	l.readFacilities(fsys, s)
	l.readRules(fsys, s)
	if cat, err := l.cat.WithRules(s.Rules); err == nil {
		l.cat = cat // rule indicators can be observed and targeted
	} else {
		l.errs.add(rulesSpec.Name, 0, 0, "%v", err)
	}
	l.readObserved(fsys, s)
	l.readTargets(fsys, s)
	l.readUncertainty(fsys, s)
	return s
}

func (l *loader) readScenario(fsys fs.FS, s *sim.Scenario) {
	f := scenarioSpec.Name
	rows, pos, ok := readTable[scenarioRow](fsys, &scenarioSpec, l.errs)
	if !ok {
		return
	}
	if len(rows) != 1 {
		l.errs.add(f, 0, 0, "has %d data rows; it needs exactly one, under the header", len(rows))
		if len(rows) == 0 {
			return
		}
	}
	r, p := rows[0], pos[0]
	if r.Name == "" {
		l.errs.add(f, p.line, p.col("name"), "name is empty; give the scenario a short name such as dadukou-2022")
	}
	if p.missing("base_year") {
		l.errs.add(f, p.line, p.col("base_year"), "base_year is empty; write the year of the base-year figures, e.g. 2022")
	}
	if p.missing("horizon") {
		l.errs.add(f, p.line, p.col("horizon"), "horizon is empty; write the last year to project, e.g. 2030")
	} else if r.BaseYear.Set && (r.Horizon.Y < r.BaseYear.Y || r.Horizon.Y > r.BaseYear.Y+sim.MaxYears) {
		l.errs.add(f, p.line, p.col("horizon"), "horizon %d must be from the base year %d to %d", r.Horizon.Y, r.BaseYear.Y, r.BaseYear.Y+sim.MaxYears)
	}
	seed := uint64(1)
	if r.Seed.Set {
		if r.Seed.V < 0 || r.Seed.V != math.Trunc(r.Seed.V) || r.Seed.V > 1<<53 {
			l.errs.add(f, p.line, p.col("seed"), "seed %v must be a whole number from 0 to 2^53", r.Seed.V)
		} else {
			seed = uint64(r.Seed.V)
		}
	}
	*s = sim.Scenario{Name: r.Name, TitleZH: r.TitleZH, TitleEN: r.TitleEN, BaseYear: r.BaseYear.Y, Horizon: r.Horizon.Y, Seed: seed}
	l.base, l.horizon = r.BaseYear.Y, r.Horizon.Y
}

func (l *loader) readRegions(fsys fs.FS, s *sim.Scenario) {
	f := regionsSpec.Name
	rows, pos, ok := readTable[regionRow](fsys, &regionsSpec, l.errs)
	if !ok {
		return
	}
	l.regions = map[string]bool{}
	line := map[string]int{}
	root := -1
	for i, r := range rows {
		p := pos[i]
		switch {
		case r.ID == "":
			l.errs.add(f, p.line, p.col("id"), "id is empty; give every region an identifier")
			continue
		case l.regions[r.ID]:
			l.errs.add(f, p.line, p.col("id"), "region %q is already defined on line %d; ids must be unique", r.ID, line[r.ID])
			continue
		case strings.EqualFold(r.ID, "all"):
			l.errs.add(f, p.line, p.col("id"), "\"all\" is reserved for \"every region\"; choose another id")
		}
		l.regions[r.ID] = true
		line[r.ID] = p.line
		if r.Parent == "" {
			if root >= 0 {
				l.errs.add(f, p.line, p.col("parent"), "parent is empty but %q on line %d is already the district; give this region its parent's id", rows[root].ID, pos[root].line)
			}
			root = i
		}
		if !slices.Contains(regionKinds, r.Kind) {
			l.errs.add(f, p.line, p.col("kind"), "unknown kind %q%s; use one of %s", r.Kind, suggest(r.Kind, regionKinds), strings.Join(regionKinds, ", "))
		}
		if r.Share65.Set && (r.Share65.fraction() < 0 || r.Share65.fraction() > 1) {
			l.errs.add(f, p.line, p.col("share_65plus"), "share_65plus %v is outside 0-1; write a fraction such as 0.1775 or a percentage such as 17.75%%", r.Share65.V)
		}
		if r.Population.Set && (r.Population.V < 0 || r.Population.V > 2e9) {
			l.errs.add(f, p.line, p.col("population"), "population %v must be from 0 to 2,000,000,000 residents", r.Population.V)
		}
		if r.Lat.Set != r.Lon.Set {
			l.errs.add(f, p.line, p.col("lon"), "give both lat and lon, or neither")
		}
		for _, c := range []struct {
			name   string
			v      number
			lo, hi float64
		}{{"lat", r.Lat, -90, 90}, {"lon", r.Lon, -180, 180}} {
			if c.v.Set && (c.v.V < c.lo || c.v.V > c.hi) {
				l.errs.add(f, p.line, p.col(c.name), "%s %v must be from %v to %v degrees", c.name, c.v.V, c.lo, c.hi)
			}
		}
	}
	if root < 0 {
		l.errs.add(f, 0, 0, "no region has an empty parent; the district's row must leave parent empty")
		return
	}
	// Order parents before children and check the tree.
	children := map[string][]int{}
	for i, r := range rows {
		if r.Parent != "" && line[r.ID] == pos[i].line { // skip rows already reported as duplicates
			if !l.regions[r.Parent] {
				l.errs.add(f, pos[i].line, pos[i].col("parent"), "parent %q is not a region id in this file%s", r.Parent, suggest(r.Parent, slices.Sorted(maps.Keys(l.regions))))
				continue
			}
			children[r.Parent] = append(children[r.Parent], i)
		}
	}
	order := []int{root}
	inOrder := map[int]bool{root: true}
	for k := 0; k < len(order); k++ {
		for _, c := range children[rows[order[k]].ID] {
			if !inOrder[c] {
				inOrder[c] = true
				order = append(order, c)
			}
		}
	}
	if len(order) < len(rows) {
		for i := range rows {
			if !inOrder[i] && line[rows[i].ID] == pos[i].line && l.regions[rows[i].Parent] {
				l.errs.add(f, pos[i].line, pos[i].col("parent"), "region %q is in a loop of parents; every chain of parents must end at the district", rows[i].ID)
			}
		}
	}
	// Populations: required for leaves; for parents, the sum of children.
	sum := map[string]float64{}
	for k := len(order) - 1; k >= 0; k-- {
		i := order[k]
		r, p := rows[i], pos[i]
		if len(children[r.ID]) == 0 {
			if p.missing("population") {
				l.errs.add(f, p.line, p.col("population"), "population is empty; region %q has no child regions, so give its residents", r.ID)
			}
			sum[r.ID] = r.Population.V
		} else if r.Population.Set && math.Abs(r.Population.V-sum[r.ID]) > 0.005*sum[r.ID]+1 {
			l.errs.add(f, p.line, p.col("population"), "population %v differs from the sum of its child regions, %v; leave it empty or correct it", r.Population.V, sum[r.ID])
		}
		if r.Parent != "" {
			sum[r.Parent] += sum[r.ID]
		}
	}
	if !rows[root].Share65.Set {
		l.errs.add(f, pos[root].line, pos[root].col("share_65plus"), "share_65plus is empty for the district; give the share of residents aged 65+, e.g. 0.15")
	}
	for _, i := range order {
		r := rows[i]
		sh := math.NaN()
		if r.Share65.Set {
			sh = r.Share65.fraction()
		}
		s.Regions = append(s.Regions, sim.Region{ID: r.ID, Parent: r.Parent, Kind: r.Kind, NameZH: r.NameZH, NameEN: r.NameEN,
			Population: r.Population.V, Share65: sh, Lat: r.Lat.V, Lon: r.Lon.V, Located: r.Lat.Set && r.Lon.Set})
	}
}

// region checks a region cell; empty (and "all" when allowAll) mean "".
func (l *loader) region(f string, p cellPos, v string, allowAll bool) (string, bool) {
	if v == "" || (allowAll && strings.EqualFold(v, "all")) {
		return "", true
	}
	if l.regions == nil { // regions.csv failed; it has its own errors
		return v, false
	}
	if !l.regions[v] {
		l.errs.add(f, p.line, p.col("region"), "region %q is not defined in regions.csv%s", v, suggest(v, slices.Sorted(maps.Keys(l.regions))))
		return v, false
	}
	return v, true
}

func (l *loader) readWorkforce(fsys fs.FS, s *sim.Scenario) {
	f := workforceSpec.Name
	rows, pos, ok := readTable[workforceRow](fsys, &workforceSpec, l.errs)
	if !ok {
		return
	}
	// Age bands: all rows or none.
	var bands []sim.AgeBand
	bandLine := map[sim.AgeBand]int{}
	withBand := 0
	for i, r := range rows {
		if r.AgeBand == "" {
			continue
		}
		withBand++
		b, err := parseBand(r.AgeBand)
		if err != nil {
			l.errs.add(f, pos[i].line, pos[i].col("age_band"), "%v", err)
			continue
		}
		if _, seen := bandLine[b]; !seen {
			bandLine[b] = pos[i].line
			bands = append(bands, b)
		}
	}
	slices.SortFunc(bands, func(a, b sim.AgeBand) int { return a.Lo - b.Lo })
	for k := 1; k < len(bands); k++ {
		if bands[k].Lo != bands[k-1].Hi+1 {
			l.errs.add(f, bandLine[bands[k]], pos[0].col("age_band"), "age band %v does not start where band %v ends; bands must be contiguous, e.g. 25-34, 35-44", bands[k], bands[k-1])
		}
	}
	s.Bands = bands
	type key struct {
		region      string
		tier, cadre string
		band        string
	}
	seen := map[key]int{}
	for i, r := range rows {
		p := pos[i]
		if withBand > 0 && r.AgeBand == "" {
			l.errs.add(f, p.line, p.col("age_band"), "age_band is empty while other rows give bands; give every row a band or none")
		}
		reg, okR := l.region(f, p, r.Region, false)
		if r.Region == "" {
			l.errs.add(f, p.line, p.col("region"), "region is empty; name the region id where these staff work")
			okR = false
		}
		tier, errT := sim.ParseTier(r.Tier)
		if errT != nil {
			l.errs.add(f, p.line, p.col("tier"), "unknown tier %q%s; use one of %s", r.Tier, suggest(r.Tier, sim.TierCodes()), strings.Join(sim.TierCodes(), ", "))
		}
		cadre, errC := sim.ParseCadre(r.Cadre)
		if errC != nil {
			l.errs.add(f, p.line, p.col("cadre"), "unknown cadre %q%s; use one of %s", r.Cadre, suggest(r.Cadre, sim.CadreCodes()), strings.Join(sim.CadreCodes(), ", "))
		}
		if p.missing("headcount") {
			l.errs.add(f, p.line, p.col("headcount"), "headcount is empty; write the number of staff (0 if none)")
		} else if r.Headcount.V < 0 || r.Headcount.V > 1e7 {
			l.errs.add(f, p.line, p.col("headcount"), "headcount %v must be from 0 to 10,000,000", r.Headcount.V)
		}
		k := key{r.Region, r.Tier, r.Cadre, r.AgeBand}
		if prev, dup := seen[k]; dup {
			l.errs.add(f, p.line, 0, "same region, tier, cadre and age band as line %d; merge the two rows", prev)
			continue
		}
		seen[k] = p.line
		if !okR || errT != nil || errC != nil {
			continue
		}
		band := 0
		if r.AgeBand != "" {
			if b, err := parseBand(r.AgeBand); err == nil {
				band = slices.Index(bands, b)
			}
		}
		s.Stocks = append(s.Stocks, sim.Stock{Region: reg, Tier: tier, Cadre: cadre, Band: band, Headcount: r.Headcount.V})
	}
}

func parseBand(s string) (sim.AgeBand, error) {
	lo, hi, ok := strings.Cut(strings.NewReplacer("–", "-", "—", "-", "~", "-", "～", "-").Replace(s), "-")
	a, errA := strconv.Atoi(strings.TrimSpace(lo))
	b, errB := strconv.Atoi(strings.TrimSpace(hi))
	if !ok || errA != nil || errB != nil || a < 14 || b > 90 || b < a {
		return sim.AgeBand{}, fmt.Errorf("age band %q is not LOW-HIGH in years from 14 to 90, e.g. 35-44", s)
	}
	return sim.AgeBand{Lo: a, Hi: b}, nil
}

func (l *loader) readParameters(fsys fs.FS, s *sim.Scenario) {
	f := parametersSpec.Name
	rows, pos, ok := readTable[parameterRow](fsys, &parametersSpec, l.errs)
	if !ok {
		return
	}
	seen := map[string]int{}
	for i, r := range rows {
		p := pos[i]
		prm, sp, good := l.paramCells(f, p, r.Key, r.Region, r.Tier, r.Cadre, r.Year)
		if !good {
			continue
		}
		prm.Source = r.Source
		if !r.Value.Set {
			if p.missing("value") {
				l.errs.add(f, p.line, p.col("value"), "value is empty; write a number in %s", sp.Unit)
			}
			continue
		}
		prm.Value = r.Value.fraction()
		if err := sim.CheckParam(prm, l.cat); err != nil {
			l.errs.add(f, p.line, p.col("value"), "%v", err)
			continue
		}
		k := fmt.Sprintf("%s|%s|%d|%d|%d", prm.Key, prm.Region, prm.Tier, prm.Cadre, prm.Year)
		if prev, dup := seen[k]; dup {
			l.errs.add(f, p.line, 0, "same key, region, tier, cadre and year as line %d; keep one row", prev)
			continue
		}
		seen[k] = p.line
		s.Params = append(s.Params, prm)
	}
}

// paramCells checks the key, region, tier, cadre and year cells that
// parameters.csv and uncertainty.csv share.
func (l *loader) paramCells(f string, p cellPos, key, region, tier, cadre string, yr year) (sim.Param, sim.ParamSpec, bool) {
	prm := sim.Param{Key: key, Tier: sim.AnyTier, Cadre: sim.AnyCadre}
	if key == "" {
		l.errs.add(f, p.line, p.col("key"), "key is empty; name the parameter, e.g. attrition")
		return prm, sim.ParamSpec{}, false
	}
	sp, err := sim.LookupParam(key, l.cat)
	if err != nil {
		var known []string
		for _, sp := range sim.ParamSpecs() {
			known = append(known, sp.Key)
		}
		l.errs.add(f, p.line, p.col("key"), "%v%s; 'clinicsim parameters' lists the keys", err, suggest(key, known))
		return prm, sp, false
	}
	var good bool
	prm.Region, good = l.region(f, p, region, true)
	if region != "" && !strings.EqualFold(region, "all") && sim.DistrictOnly(key) {
		l.errs.add(f, p.line, p.col("region"), "%s applies to the whole district; leave the region empty", key)
		good = false
	}
	if tier != "" && !strings.EqualFold(tier, "all") {
		t, err := sim.ParseTier(tier)
		if err != nil {
			l.errs.add(f, p.line, p.col("tier"), "unknown tier %q%s; use one of %s, or leave it empty for all", tier, suggest(tier, sim.TierCodes()), strings.Join(sim.TierCodes(), ", "))
			good = false
		} else if sp.Dims != sim.ByTier && sp.Dims != sim.ByTierCadre {
			l.errs.add(f, p.line, p.col("tier"), "%s takes no tier; leave the tier empty", key)
			good = false
		}
		prm.Tier = t
	}
	if cadre != "" && !strings.EqualFold(cadre, "all") {
		c, err := sim.ParseCadre(cadre)
		if err != nil {
			l.errs.add(f, p.line, p.col("cadre"), "unknown cadre %q%s; use one of %s, or leave it empty for all", cadre, suggest(cadre, sim.CadreCodes()), strings.Join(sim.CadreCodes(), ", "))
			good = false
		} else if sp.Dims != sim.ByTierCadre {
			l.errs.add(f, p.line, p.col("cadre"), "%s takes no cadre; leave the cadre empty", key)
			good = false
		}
		prm.Cadre = c
	}
	if yr.Set {
		if l.base != 0 && (yr.Y < l.base-sim.MaxDelay || yr.Y > l.horizon) {
			l.errs.add(f, p.line, p.col("year"), "year %d is outside %d-%d (the horizon, or %d years before the base year for pipeline intakes)", yr.Y, l.base-sim.MaxDelay, l.horizon, sim.MaxDelay)
			good = false
		}
		prm.Year = yr.Y
	}
	return prm, sp, good
}

func (l *loader) readUncertainty(fsys fs.FS, s *sim.Scenario) {
	f := uncertaintySpec.Name
	rows, pos, ok := readTable[uncertaintyRow](fsys, &uncertaintySpec, l.errs)
	if !ok {
		return
	}
	seen := map[string]int{}
	for i, r := range rows {
		p := pos[i]
		prm, sp, good := l.paramCells(f, p, r.Key, r.Region, r.Tier, r.Cadre, r.Year)
		var args []float64
		for idx, c := range []struct {
			name string
			v    number
		}{{"a", r.A}, {"b", r.B}, {"c", r.C}, {"d", r.D}} {
			if c.v.Set {
				if idx != len(args) {
					l.errs.add(f, p.line, p.col(c.name), "argument %s is given but an earlier one is empty; fill the arguments from a on", c.name)
					good = false
				}
				args = append(args, c.v.fraction())
			}
		}
		d, err := sim.NewDistribution(strings.ToLower(r.Distribution), args)
		if err != nil {
			col := p.col("a")
			if !containsKind(r.Distribution) {
				col = p.col("distribution")
			}
			l.errs.add(f, p.line, col, "%v%s", err, suggestKind(r.Distribution))
			continue
		}
		if !good {
			continue
		}
		// The extremes of the distribution must be valid values of the key.
		for _, u := range []float64{0, 0.5, 1} {
			x := prm
			x.Value = d.Quantile(u)
			if math.IsInf(x.Value, 0) {
				continue
			}
			if err := sim.CheckParam(x, l.cat); err != nil {
				l.errs.add(f, p.line, p.col("a"), "the distribution reaches %v, outside the key's range %v to %v (%s); narrow it or truncate it", x.Value, sp.Min, sp.Max, sp.Unit)
				good = false
				break
			}
		}
		k := fmt.Sprintf("%s|%s|%d|%d|%d", prm.Key, prm.Region, prm.Tier, prm.Cadre, prm.Year)
		if prev, dup := seen[k]; dup {
			l.errs.add(f, p.line, 0, "same key, region, tier, cadre and year as line %d; keep one row", prev)
			continue
		}
		seen[k] = p.line
		if good {
			s.Uncertain = append(s.Uncertain, sim.Uncertain{Param: prm, Dist: d, Source: r.Source})
		}
	}
}

func containsKind(s string) bool {
	return slices.Contains(sim.DistributionKinds(), strings.ToLower(s))
}

func suggestKind(s string) string {
	if containsKind(s) {
		return ""
	}
	return suggest(s, sim.DistributionKinds()) + "; use " + strings.Join(sim.DistributionKinds(), ", ")
}

// place checks the indicator, region, year and value cells that
// observed.csv and targets.csv share; yearHint and valueHint say what to
// write in an empty cell.
func (l *loader) place(f string, p cellPos, indicator, region string, y year, v number, yearHint, valueHint string) (string, bool) {
	_, okI := l.indicator(f, p, indicator)
	reg, okR := l.region(f, p, region, false)
	good := okI && okR
	if !y.Set {
		if p.missing("year") {
			l.errs.add(f, p.line, p.col("year"), "year is empty; write %s", yearHint)
		}
		good = false
	}
	if !v.Set {
		if p.missing("value") {
			l.errs.add(f, p.line, p.col("value"), "value is empty; write %s", valueHint)
		}
		good = false
	}
	return reg, good
}

func (l *loader) readObserved(fsys fs.FS, s *sim.Scenario) {
	f := observedSpec.Name
	rows, pos, ok := readTable[observedRow](fsys, &observedSpec, l.errs)
	if !ok {
		return
	}
	seen := map[string]int{}
	for i, r := range rows {
		p := pos[i]
		reg, good := l.place(f, p, r.Indicator, r.Region, r.Year, r.Value, "the year of the measurement", "the measured value or delete the row")
		if r.Year.Set && l.base != 0 && r.Year.Y > l.horizon {
			l.errs.add(f, p.line, p.col("year"), "year %d is after the horizon %d; observations describe the past (after the base year they are history for calibration), targets go in targets.csv", r.Year.Y, l.horizon)
			good = false
		}
		k := fmt.Sprintf("%s|%s|%d", r.Indicator, reg, r.Year.Y)
		if prev, dup := seen[k]; dup {
			l.errs.add(f, p.line, 0, "same indicator, region and year as line %d; keep one row", prev)
			continue
		}
		seen[k] = p.line
		if good {
			s.Observed = append(s.Observed, sim.Observation{Indicator: r.Indicator, Region: reg, Year: r.Year.Y, Value: r.Value.V, Source: r.Source})
		}
	}
}

func (l *loader) readTargets(fsys fs.FS, s *sim.Scenario) {
	f := targetsSpec.Name
	rows, pos, ok := readTable[targetRow](fsys, &targetsSpec, l.errs)
	if !ok {
		return
	}
	for i, r := range rows {
		p := pos[i]
		reg, good := l.place(f, p, r.Indicator, r.Region, r.Year, r.Value, "the target year, e.g. 2025", "the target value")
		if r.Year.Set && l.base != 0 && (r.Year.Y < l.base || r.Year.Y > l.horizon) {
			l.errs.add(f, p.line, p.col("year"), "target year %d is outside the projection %d-%d; change the year or the horizon in scenario.csv", r.Year.Y, l.base, l.horizon)
			good = false
		}
		cmp, err := sim.ParseComparison(r.Comparison)
		if err != nil {
			l.errs.add(f, p.line, p.col("comparison"), "%v; use >=, <=, > or <", err)
			good = false
		}
		if good {
			s.Targets = append(s.Targets, sim.Target{Indicator: r.Indicator, Region: reg, Year: r.Year.Y, Comparison: cmp, Value: r.Value.V, Source: r.Source})
		}
	}
}

func (l *loader) readIndicators(fsys fs.FS, s *sim.Scenario) {
	f := indicatorsSpec.Name
	rows, pos, ok := readTable[indicatorRow](fsys, &indicatorsSpec, l.errs)
	if !ok {
		return
	}
	for i, r := range rows {
		p := pos[i]
		if r.ID == "" || r.NameZH == "" || r.NameEN == "" {
			col := p.col("id")
			if r.ID != "" {
				col = p.col("name_zh")
				if r.NameZH != "" {
					col = p.col("name_en")
				}
			}
			l.errs.add(f, p.line, col, "id, name_zh and name_en are all required; every indicator has a Chinese and an English name")
			continue
		}
		dec := 1
		if r.Decimals.Set {
			if r.Decimals.V < 0 || r.Decimals.V > 6 || r.Decimals.V != math.Trunc(r.Decimals.V) {
				l.errs.add(f, p.line, p.col("decimals"), "decimals %v must be a whole number from 0 to 6", r.Decimals.V)
				continue
			}
			dec = int(r.Decimals.V)
		}
		ind := sim.Indicator{ID: r.ID, NameZH: r.NameZH, NameEN: r.NameEN, UnitZH: r.UnitZH, UnitEN: r.UnitEN, Decimals: dec, Min: math.Inf(-1), Max: math.Inf(1)}
		if r.UnitEN == "%" {
			ind.Min, ind.Max = 0, 100
		}
		cat, err := l.cat.With([]sim.Indicator{ind})
		if err != nil {
			l.errs.add(f, p.line, p.col("id"), "%v; choose a new id", err)
			continue
		}
		l.cat = cat
		s.Indicators = append(s.Indicators, ind)
	}
}

// indicator checks an indicator cell.
func (l *loader) indicator(f string, p cellPos, id string) (sim.Indicator, bool) {
	ind, ok := l.cat.Lookup(id)
	if !ok {
		ids := []string{}
		for _, in := range l.cat.All() {
			ids = append(ids, in.ID)
		}
		l.errs.add(f, p.line, p.col("indicator"), "unknown indicator %q%s; 'clinicsim indicators' lists them, and indicators.csv can add one", id, suggest(id, ids))
	}
	return ind, ok
}
