package sim

import (
	"fmt"
	"math"
	"slices"
)

// site is a facility during a run.
type site struct {
	Facility
	region       int
	lat, lon     float64
	located      bool
	opens        int // year it opens (the base year for existing ones)
	understaffed bool
}

// UnitResult is one rule's verdict on one unit in one year.
type UnitResult struct {
	Rule       string
	Region     string
	Year       int
	Population float64
	// Min and Max are the facilities required; Max is +Inf when the rule
	// sets no upper bound.
	Min, Max float64
	Actual   float64
	Gap      float64 // Min - Actual when positive
	Complies bool
	// Circuit marks a unit below a MinPopulation rule's threshold, served
	// by circuit visits instead of a facility.
	Circuit bool
	// NearestKm is the distance to the nearest counted facility
	// (MaxDistance rules; +Inf when there is none).
	NearestKm float64
}

// network is the facility model of a run.
type network struct {
	e        *engine
	sites    []site
	rules    []Rule
	units    [][]int // regions each rule judges
	results  []UnitResult
	capital  []float64 // capital spending by region, this year
	dist     map[[2]int]float64
	subTier  [][NumTiers]float64 // headcount by region (and below) and tier, during evaluate
	subValid bool
	// baseDist holds the distances to the listed facilities, shared by
	// every run of a scenario (read only).
	baseDist [][]float64
	// tallyBuf is reused year after year; a tally is read before the
	// next is made.
	tallyBuf tally
}

func newNetwork(e *engine, idx map[string]int) (*network, error) {
	s := e.s
	n := &network{e: e, rules: s.Rules, capital: make([]float64, e.nR)}
	for _, f := range s.Facilities {
		r, ok := idx[f.Region]
		if !ok {
			return nil, fmt.Errorf("facility %q names unknown region %q", f.ID, f.Region)
		}
		st := site{Facility: f, region: r, opens: s.BaseYear}
		if f.Opens > s.BaseYear {
			st.opens = f.Opens
		}
		st.lat, st.lon, st.located = e.where(r, f)
		n.sites = append(n.sites, st)
	}
	for _, rule := range s.Rules {
		if len(rule.Types) == 0 {
			return nil, fmt.Errorf("rule %q counts no facility type", rule.ID)
		}
		var us []int
		for i, r := range s.Regions {
			if r.Kind == rule.AppliesTo {
				us = append(us, i)
			}
		}
		if rule.Basis == MaxDistance {
			for _, u := range us {
				if !s.Regions[u].Located {
					return nil, fmt.Errorf("rule %q measures distances, but region %q has no coordinates", rule.ID, s.Regions[u].ID)
				}
			}
		}
		n.units = append(n.units, us)
	}
	return n, nil
}

// where returns a facility's coordinates: its own, else those of its region
// or the nearest ancestor that has them.
func (e *engine) where(r int, f Facility) (lat, lon float64, ok bool) {
	return locate(e.s.Regions, e.parent, r, f)
}

// locate is where for a region tree given by parent indexes.
func locate(regions []Region, parent []int, r int, f Facility) (lat, lon float64, ok bool) {
	if f.Located {
		return f.Lat, f.Lon, true
	}
	for ; r >= 0; r = parent[r] {
		if reg := regions[r]; reg.Located {
			return reg.Lat, reg.Lon, true
		}
	}
	return 0, 0, false
}

// param resolves a district-level key of the facility model.
func (n *network) param(key string, year int) float64 { return n.e.district(key, year) }

// district resolves a key for the district (the first region) in a year,
// caching its table.
func (e *engine) district(key string, year int) float64 {
	t, ok := e.tables[key]
	if !ok {
		sp, err := LookupParam(key, nil)
		if err != nil {
			panic(err) // the models' own keys
		}
		t = e.rs.table(sp, e.s.BaseYear)
		e.tables[key] = t
	}
	return t.at(0, 0, 0, year)
}

func (n *network) open(st *site, year int) bool { return st.opens <= year }

// step moves the network to year y: planned facilities open, centres are
// upgraded where their preconditions hold and capacity allows, and
// construction starts where rules marked build have gaps.
func (n *network) step(y int, sub []float64) {
	for i := range n.capital {
		n.capital[i] = 0
	}
	for i := range n.sites {
		st := &n.sites[i]
		if st.opens == y && i < len(n.e.s.Facilities) {
			cost := st.Cost
			if cost == 0 {
				cost = n.param("build.cost."+st.Type.Code(), y)
			}
			n.capital[st.region] += cost
		}
	}
	n.upgrade(y)
	n.build(y, sub)
}

// upgrade raises up to upgrade.per_year open centres one grade each, if
// their preconditions for the next grade hold this year: the lowest-graded
// centres first (bringing all to the basic standard first), or the
// highest-graded first when upgrade.recommended_first is 1; then in file
// order.
func (n *network) upgrade(y int) {
	capacity := int(n.param("upgrade.per_year", y))
	order := make([]int, 0, len(n.sites))
	for i := range n.sites {
		if st := &n.sites[i]; st.Type.Centre() && n.open(st, y) && st.Grade < Recommended {
			order = append(order, i)
		}
	}
	sign := 1
	if n.param("upgrade.recommended_first", y) >= 1 {
		sign = -1
	}
	slices.SortStableFunc(order, func(a, b int) int { return sign * (int(n.sites[a].Grade) - int(n.sites[b].Grade)) })
	for _, i := range order {
		if capacity <= 0 {
			return
		}
		st := &n.sites[i]
		next := st.Grade + 1
		if !n.qualifies(st, next, y) {
			continue
		}
		st.Grade = next
		capacity--
		n.capital[st.region] += n.param("upgrade.cost."+next.Code(), y)
	}
}

// qualifies checks a centre's preconditions for grade g in year y.
func (n *network) qualifies(st *site, g Grade, y int) bool {
	gps, phys := n.perFacility(st, y)
	senior := n.e.rs.cell("senior_duty_days", st.region, 0, 0, y, 0, false)
	return gps >= n.param("upgrade.min_gps."+g.Code(), y) &&
		phys >= n.param("upgrade.min_physicians."+g.Code(), y) &&
		st.Beds >= n.param("upgrade.min_beds."+g.Code(), y) &&
		senior >= n.param("upgrade.min_senior_days."+g.Code(), y)
}

// pool is the region whose staff run a facility: the nearest region at or
// above it whose subtree has staff in the facility's tier.
func (n *network) pool(r int, t Tier) int {
	for q := r; q >= 0; q = n.e.parent[q] {
		if n.e.rs.weight[q][t] > 0 || n.tierStaff(q, t) > 0 {
			return q
		}
	}
	return 0
}

// tierStaff is a tier's headcount in region q and below: from the table
// evaluate fills once a year, or counted when there is none.
func (n *network) tierStaff(q int, t Tier) float64 {
	if n.subValid {
		return n.subTier[q][t]
	}
	return n.e.subtreeTier(q, t)
}

// fillTierStaff counts every region's headcount by tier, itself and below.
func (n *network) fillTierStaff() {
	e := n.e
	if n.subTier == nil {
		n.subTier = make([][NumTiers]float64, e.nR)
	}
	for r := range e.nR {
		for t := range NumTiers {
			var sum float64
			for c := range NumCadres {
				sum += e.total(r, Tier(t), Cadre(c))
			}
			n.subTier[r][t] = sum
		}
	}
	for r := e.nR - 1; r > 0; r-- {
		p := e.parent[r]
		for t := range NumTiers {
			n.subTier[p][t] += n.subTier[r][t]
		}
	}
	n.subValid = true
}

// perFacility returns the GPs and licensed physicians per open facility of
// the same tier in the facility's staff pool.
func (n *network) perFacility(st *site, y int) (gps, phys float64) {
	t := st.Type.Tier()
	p := n.pool(st.region, t)
	count := 0
	for i := range n.sites {
		o := &n.sites[i]
		if o.Type.Tier() == t && n.open(o, y) && n.e.inSubtree(o.region, p) {
			count++
		}
	}
	if count == 0 {
		return 0, 0
	}
	for _, q := range n.e.desc[p] {
		for c := range NumCadres {
			x := n.e.total(q, t, Cadre(c))
			if Cadre(c) == GP {
				gps += x
			}
			if Cadre(c).Licensed() {
				phys += x
			}
		}
	}
	return gps / float64(count), phys / float64(count)
}

// build starts construction for the gaps of rules marked build, up to each
// type's yearly capacity, largest gaps first, one facility per unit per
// round. Facilities under construction count towards the rules here, so a
// gap is not filled twice.
func (n *network) build(y int, sub []float64) {
	started := map[FacilityType]int{}
	for ri, rule := range n.rules {
		if !rule.Build {
			continue
		}
		t := rule.Types[0]
		capacity := int(n.param("build.per_year."+t.Code(), y)) - started[t]
		if capacity <= 0 {
			continue
		}
		type gap struct{ unit, need int }
		var gaps []gap
		tl := n.tally(y, true)
		for _, u := range n.units[ri] {
			res := n.judge(ri, u, y, sub, tl, true)
			if res.Gap > 0 && !res.Circuit {
				gaps = append(gaps, gap{u, int(math.Ceil(res.Gap - 1e-9))})
			}
		}
		slices.SortStableFunc(gaps, func(a, b gap) int { return b.need - a.need })
		lead := int(n.param("build.lead_years."+t.Code(), y))
		for capacity > 0 && len(gaps) > 0 {
			for k := 0; k < len(gaps) && capacity > 0; k++ {
				g := &gaps[k]
				reg := n.e.s.Regions[g.unit]
				f := Facility{ID: fmt.Sprintf("new-%s-%s-%d-%d", t.Code(), reg.ID, y, g.need), NameZH: reg.NameZH + t.NameZH() + "（新建）",
					NameEN: "new " + t.NameEN() + " in " + reg.ID, Region: reg.ID, Type: t, Public: true}
				st := site{Facility: f, region: g.unit, opens: y + lead}
				st.lat, st.lon, st.located = n.e.where(g.unit, f)
				n.sites = append(n.sites, st)
				n.capital[g.unit] += n.param("build.cost."+t.Code(), y)
				capacity--
				started[t]++
				g.need--
			}
			gaps = slices.DeleteFunc(gaps, func(g gap) bool { return g.need <= 0 })
		}
	}
}

// tally counts live facilities by type in each region and everything below
// it: [region][type][0] all, [1] publicly run.
type tally [][NumFacilityTypes][2]float64

// tally counts the facilities open in year y (with planned, also those
// under construction).
func (n *network) tally(y int, planned bool) tally {
	e := n.e
	if n.tallyBuf == nil {
		n.tallyBuf = make(tally, e.nR)
	}
	t := n.tallyBuf
	clear(t)
	for i := range n.sites {
		st := &n.sites[i]
		if !planned && !n.open(st, y) {
			continue
		}
		for r := st.region; r >= 0; r = e.parent[r] {
			t[r][st.Type][0]++
			if st.Public {
				t[r][st.Type][1]++
			}
		}
	}
	return t
}

func (t tally) count(r int, types []FacilityType, public bool) float64 {
	var c float64
	k := 0
	if public {
		k = 1
	}
	for _, ty := range types {
		c += t[r][ty][k]
	}
	return c
}

// counts reports whether a facility counts for a rule.
func (rule *Rule) counts(st *site) bool {
	return slices.Contains(rule.Types, st.Type) && (!rule.Public || st.Public)
}

// judge evaluates rule ri on unit u in year y, with the facilities counted
// in tl (with planned, those under construction count as if open).
func (n *network) judge(ri, u, y int, sub []float64, tl tally, planned bool) UnitResult {
	rule := &n.rules[ri]
	e := n.e
	res := UnitResult{Rule: rule.ID, Region: e.s.Regions[u].ID, Year: y, Population: sub[u], Max: math.Inf(1), NearestKm: math.NaN()}
	live := func(st *site) bool { return planned || n.open(st, y) }
	countIn := func(types []FacilityType, public bool) float64 { return tl.count(u, types, public) }
	switch rule.Basis {
	case PerPopulation:
		pop := sub[u]
		if len(rule.ExcludeHost) > 0 {
			for _, c := range e.children[u] {
				if tl.count(c, rule.ExcludeHost, false) > 0 {
					pop -= sub[c]
				}
			}
		}
		res.Population = pop
		res.Min = math.Ceil(pop/rule.High - 1e-9)
		res.Max = math.Max(res.Min, math.Floor(pop/rule.Low+1e-9))
	case PerUnit:
		res.Min = rule.Count
	case MinCount:
		res.Min = rule.Count
	case MinPopulation:
		if sub[u] >= rule.Threshold {
			res.Min = 1
		} else {
			res.Circuit = true
		}
	case Catchment:
		k := countIn(rule.OfTypes, false)
		res.Min = math.Ceil(k/rule.High - 1e-9)
		res.Max = math.Max(res.Min, math.Floor(k/rule.Low+1e-9))
	case MaxDistance:
		reg := e.s.Regions[u]
		res.Min = 1
		res.NearestKm = math.Inf(1)
		for i := range n.sites {
			st := &n.sites[i]
			if !live(st) || !rule.counts(st) || !st.located {
				continue
			}
			d := n.distance(u, i, reg)
			res.NearestKm = math.Min(res.NearestKm, d)
			if d <= rule.Km {
				res.Actual++
			}
		}
	}
	if rule.Basis != MaxDistance {
		res.Actual = countIn(rule.Types, rule.Public)
	}
	res.Gap = math.Max(res.Min-res.Actual, 0)
	res.Complies = res.Actual >= res.Min
	return res
}

// distance is the great-circle distance from unit u (region reg) to site
// i, computed once per pair.
func (n *network) distance(u, i int, reg Region) float64 {
	if u < len(n.baseDist) && i < len(n.baseDist[u]) && !math.IsNaN(n.baseDist[u][i]) {
		return n.baseDist[u][i]
	}
	if n.dist == nil {
		n.dist = map[[2]int]float64{}
	}
	k := [2]int{u, i}
	d, ok := n.dist[k]
	if !ok {
		st := &n.sites[i]
		d = DistanceKm(reg.Lat, reg.Lon, st.lat, st.lon)
		n.dist[k] = d
	}
	return d
}

// evaluate records year y: staffing flags, facility and grade counts, and
// every rule's verdict on every unit.
func (n *network) evaluate(y int, sub []float64) {
	e := n.e
	n.fillTierStaff()
	defer func() { n.subValid = false }()
	// Staffing: facilities are grouped by the pool whose staff run them;
	// within a pool they get their minimum staff in order of opening, and
	// those left without are understaffed. Deeper pools are served first,
	// and a pool above them has only the staff they did not take.
	type group struct {
		pool  int
		tier  Tier
		sites []int
	}
	var groups []*group
	byKey := map[[2]int]*group{}
	for i := range n.sites {
		st := &n.sites[i]
		st.understaffed = false
		if !n.open(st, y) || n.param("build.min_staff."+st.Type.Code(), y) <= 0 {
			continue
		}
		t := st.Type.Tier()
		k := [2]int{n.pool(st.region, t), int(t)}
		g := byKey[k]
		if g == nil {
			g = &group{pool: k[0], tier: t}
			byKey[k] = g
			groups = append(groups, g)
		}
		g.sites = append(g.sites, i)
	}
	depth := func(r int) int {
		d := 0
		for ; r > 0; r = e.parent[r] {
			d++
		}
		return d
	}
	slices.SortStableFunc(groups, func(a, b *group) int { return depth(b.pool) - depth(a.pool) })
	taken := map[[2]int]float64{} // staff allotted by pool and tier
	for _, g := range groups {
		avail := n.tierStaff(g.pool, g.tier)
		for k, v := range taken {
			if Tier(k[1]) == g.tier && k[0] != g.pool && e.inSubtree(k[0], g.pool) {
				avail -= v
			}
		}
		slices.SortStableFunc(g.sites, func(a, b int) int { return n.sites[a].opens - n.sites[b].opens })
		used := 0.0
		for _, i := range g.sites {
			st := &n.sites[i]
			min := n.param("build.min_staff."+st.Type.Code(), y)
			if used+min > avail+1e-9 {
				st.understaffed = true
				continue
			}
			used += min
		}
		taken[[2]int{g.pool, int(g.tier)}] = used
	}
	for r := range e.nR {
		a := &e.agg[r]
		a.capital = n.capital[r]
	}
	for i := range n.sites {
		st := &n.sites[i]
		if !n.open(st, y) {
			continue
		}
		a := &e.agg[st.region]
		a.fac[st.Type]++
		if st.Type.Centre() {
			a.centres[st.Grade]++
			if st.Type == FCHSCentre && st.Grade == Recommended {
				a.chsA++
			}
		}
		if st.understaffed {
			a.understaffed++
		}
	}
	n.results = n.results[:0]
	tl := n.tally(y, false)
	for ri := range n.rules {
		for _, u := range n.units[ri] {
			n.results = append(n.results, n.judge(ri, u, y, sub, tl, false))
		}
	}
}
