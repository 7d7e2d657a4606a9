package sim

import (
	"fmt"
	"math"
	"slices"
)

// Settings adjusts a run. A nil *Settings means no overrides and the
// scenario's own seed.
type Settings struct {
	// Overrides are parameter rows layered over the scenario's: wherever an
	// override row fits a cell it wins over every scenario row.
	Overrides []Param
	// Seed replaces the scenario's seed when non-zero. The deterministic
	// projection uses expected values and does not draw from it; it is
	// carried so that stochastic runs derive their streams from it.
	Seed uint64
}

// Result is what a run produces.
type Result struct {
	Trajectory *Trajectory
	Verdicts   []Verdict
	Seed       uint64 // the seed the run used
	// Compliance holds every spacing rule's verdict on every unit in every
	// year (empty without a facility model), rule by rule in file order.
	Compliance []UnitResult
}

// Run projects the scenario from its base year to its horizon and judges its
// targets. It returns an error, never panics, when the scenario is
// inconsistent.
func Run(s *Scenario, set *Settings) (*Result, error) {
	pr, err := prepare(s)
	if err != nil {
		return nil, err
	}
	res, _, err := pr.run(s, set)
	return res, err
}

// prepared is what runs of one scenario share: its catalog, its region
// index, and, for repeated runs, the parameter tables no override touches
// and the regions whose indicators are needed.
type prepared struct {
	cat    *Catalog
	idx    map[string]int
	shared map[string]*paramTable // read-only once runs share it
	only   []bool                 // nil: record every region
	dist   [][]float64            // [unit][listed facility] distances for distance rules (nil rows: none)
}

// prepare checks a scenario and builds what its runs share.
func prepare(s *Scenario) (*prepared, error) {
	cat, err := NewCatalog().With(s.Indicators)
	if err == nil {
		cat, err = cat.WithRules(s.Rules)
	}
	if err != nil {
		return nil, fmt.Errorf("sim: %w", err)
	}
	idx, err := s.check()
	if err != nil {
		return nil, fmt.Errorf("sim: scenario %s: %w", s.Name, err)
	}
	pr := &prepared{cat: cat, idx: idx}
	if err := pr.checkParams(s.Params, "parameter"); err != nil {
		return nil, err
	}
	pr.dist = baseDistances(s, idx)
	return pr, nil
}

func (pr *prepared) checkParams(ps []Param, what string) error {
	for _, p := range ps {
		if err := CheckParam(p, pr.cat); err != nil {
			return fmt.Errorf("sim: %s: %w", what, err)
		}
		if _, ok := pr.idx[p.Region]; p.Region != "" && !ok {
			return fmt.Errorf("sim: %s %s names unknown region %q", what, p.Key, p.Region)
		}
	}
	return nil
}

// run projects the scenario with the settings' overrides. It also returns
// the parameter tables it built, for later runs to share.
func (pr *prepared) run(s *Scenario, set *Settings) (*Result, map[string]*paramTable, error) {
	if set == nil {
		set = &Settings{}
	}
	if err := pr.checkParams(set.Overrides, "override"); err != nil {
		return nil, nil, err
	}
	e, err := newEngine(s, pr.cat, pr.idx, set.Overrides, pr.shared, pr.only)
	if err != nil {
		return nil, nil, fmt.Errorf("sim: scenario %s: %w", s.Name, err)
	}
	if e.net != nil {
		e.net.baseDist = pr.dist
	}
	e.project()
	tr := e.tr
	if err := carryScheduled(tr, s, e.rs); err != nil {
		return nil, nil, fmt.Errorf("sim: scenario %s: %w", s.Name, err)
	}
	verdicts, err := Judge(tr, s.Targets)
	if err != nil {
		return nil, nil, fmt.Errorf("sim: scenario %s: %w", s.Name, err)
	}
	seed := s.Seed
	if set.Seed != 0 {
		seed = set.Seed
	}
	return &Result{Trajectory: tr, Verdicts: verdicts, Seed: seed, Compliance: e.compliance}, e.rs.built, nil
}

// pastYears are the keys read for years before the base year: the intakes
// of training pipelines.
var pastYears = map[string]bool{"gp_transfer.intake": true, "gp_transfer.completion": true, "targeted.intake": true, "targeted.completion": true}

// engine holds the state of one projection.
type engine struct {
	s        *Scenario
	rs       *resolver
	tr       *Trajectory
	nR, nB   int
	width    []float64 // width of each age band in years
	isLeaf   []bool
	parent   []int
	children [][]int
	desc     [][]int // each region and everything below it

	tables     map[string]*paramTable // district-level keys, resolved on first use
	trainCost  float64                // training started this year, yuan
	costCum    float64                // spending since the base year, yuan
	only       []bool                 // regions whose indicators are recorded (nil: all)
	net        *network
	flow       *flowModel
	capCum     []float64
	compliance []UnitResult
	facIdx     []int // trajectory index of each facility indicator
	ruleIdx    [][3]int

	// parameters
	growth, ageing, prevHT, prevDM, keyOther     *paramTable
	hires, repl, attr, retire                    *paramTable
	gpIn, gpYears, gpComp, tgIn, tgYears, tgComp *paramTable
	vdSit, vdPass, secShare, secYears, secBase   *paramTable
	quotaPM, quotaEst, beds, bedsGrowth          *paramTable
	salary, vdSubsidy                            *paramTable

	// state
	pop, share65 []float64   // own residents of leaf regions
	stock        []float64   // [region][tier][cadre][band]
	bedsMult     []float64   // [region][tier] compound growth factor
	sent         [][]float64 // secondees sent by region and year index
	blocked      []float64   // hires blocked this year, by region
	techHires    []float64   // technical staff hired into primary tiers this year, by region
	agg          []aggregate
}

func newEngine(s *Scenario, cat *Catalog, idx map[string]int, overrides []Param, shared map[string]*paramTable, only []bool) (*engine, error) {
	nR := len(s.Regions)
	e := &engine{s: s, nR: nR, nB: max(len(s.Bands), 1), tables: map[string]*paramTable{}, only: only}
	e.rs = newResolver(s, idx, overrides)
	e.rs.shared = shared
	e.width = make([]float64, e.nB)
	for i := range e.width {
		e.width[i] = 1
		if len(s.Bands) > 0 {
			e.width[i] = float64(s.Bands[i].Width())
		}
	}
	e.isLeaf = make([]bool, nR)
	e.parent = parents(s, idx)
	for i := range e.isLeaf {
		e.isLeaf[i] = true
	}
	e.children = make([][]int, nR)
	for i, p := range e.parent {
		if p >= 0 {
			e.isLeaf[p] = false
			e.children[p] = append(e.children[p], i)
		}
	}
	e.desc = make([][]int, nR)
	for i := nR - 1; i >= 0; i-- {
		e.desc[i] = append(e.desc[i], i)
		for _, c := range e.children[i] {
			e.desc[i] = append(e.desc[i], e.desc[c]...)
		}
	}
	e.pop = make([]float64, nR)
	e.share65 = make([]float64, nR)
	for i, r := range s.Regions {
		sh := r.Share65
		if math.IsNaN(sh) && i > 0 {
			sh = e.share65[e.parent[i]]
		}
		e.share65[i] = sh
		if e.isLeaf[i] {
			if math.IsNaN(sh) {
				return nil, fmt.Errorf("region %q has no share of residents 65+ and no ancestor gives one", r.ID)
			}
			if r.Population < 0 || math.IsNaN(r.Population) {
				return nil, fmt.Errorf("region %q has population %v", r.ID, r.Population)
			}
			e.pop[i] = r.Population
		}
	}
	e.stock = make([]float64, nR*NumTiers*NumCadres*e.nB)
	for _, st := range s.Stocks {
		e.stock[e.at(idx[st.Region], st.Tier, st.Cadre, st.Band)] += st.Headcount
	}
	e.bedsMult = make([]float64, nR*NumTiers)
	for i := range e.bedsMult {
		e.bedsMult[i] = 1
	}
	nY := s.Horizon - s.BaseYear + 1
	e.sent = make([][]float64, nR)
	for i := range e.sent {
		e.sent[i] = make([]float64, nY)
	}
	e.blocked = make([]float64, nR)
	e.techHires = make([]float64, nR)
	e.agg = make([]aggregate, nR)

	tbl := func(key string) *paramTable {
		sp, err := LookupParam(key, cat)
		if err != nil {
			panic(err) // keys below are the engine's own
		}
		first := s.BaseYear
		if pastYears[key] {
			first = s.BaseYear - MaxDelay
		}
		return e.rs.table(sp, first)
	}
	e.growth, e.ageing = tbl("pop.growth"), tbl("pop.ageing")
	e.prevHT, e.prevDM, e.keyOther = tbl("prev.hypertension"), tbl("prev.diabetes"), tbl("keypop.other")
	e.hires, e.repl, e.attr, e.retire = tbl("hires"), tbl("replacement"), tbl("attrition"), tbl("retirement")
	e.gpIn, e.gpYears, e.gpComp = tbl("gp_transfer.intake"), tbl("gp_transfer.years"), tbl("gp_transfer.completion")
	e.tgIn, e.tgYears, e.tgComp = tbl("targeted.intake"), tbl("targeted.years"), tbl("targeted.completion")
	e.vdSit, e.vdPass = tbl("vd_exam.sitting"), tbl("vd_exam.pass_rate")
	e.secShare, e.secYears, e.secBase = tbl("secondment.share"), tbl("secondment.years"), tbl("secondment.base_cumulative")
	e.quotaPM, e.quotaEst = tbl("quota.per_mille"), tbl("quota.establishment_share")
	e.beds, e.bedsGrowth = tbl("beds"), tbl("beds.growth")
	e.salary, e.vdSubsidy = tbl("cost.salary"), tbl("cost.vd_subsidy")

	e.tr = newTrajectory(s, cat, only)
	if len(s.Facilities)+len(s.Rules) > 0 {
		net, err := newNetwork(e, idx)
		if err != nil {
			return nil, err
		}
		e.net = net
		e.capCum = make([]float64, nR)
		// A facility count is modelled only for types the scenario knows
		// of (listed or named by a rule); grades only if it has centres.
		known := map[FacilityType]bool{}
		for _, f := range s.Facilities {
			known[f.Type] = true
		}
		for _, r := range s.Rules {
			for _, t := range r.Types {
				known[t] = true
			}
		}
		centres := known[FTownshipCentre] || known[FCHSCentre]
		for _, f := range facilityIndicators {
			i := cat.byID[f.ID]
			e.facIdx = append(e.facIdx, i)
			if f.counts >= 0 && !known[f.counts] || f.grades && !centres {
				continue
			}
			for r := range nR {
				e.tr.setStatus(i, r, Modelled, "facility model")
			}
		}
		for _, rule := range s.Rules {
			u, p, c := ruleIndicatorIDs(rule)
			ci := -1
			if rule.Basis == MinPopulation {
				ci = cat.byID[c]
			}
			e.ruleIdx = append(e.ruleIdx, [3]int{cat.byID[u], cat.byID[p], ci})
			for _, id := range []string{u, p, c} {
				if i, ok := cat.byID[id]; ok {
					for r := range nR {
						e.tr.setBasis(i, r, "facility model: rule "+rule.ID)
					}
				}
			}
			if rule.Indicator != "" {
				i, ok := cat.byID[rule.Indicator]
				if !ok || cat.list[i].Modelled {
					return nil, fmt.Errorf("rule %q fills indicator %q, which is not a scheduled indicator of the catalog", rule.ID, rule.Indicator)
				}
				for r := range nR {
					e.tr.setStatus(i, r, Modelled, "facility model: rule "+rule.ID)
				}
			}
		}
	}
	return e, nil
}

// inSubtree reports whether region r is u or below it.
func (e *engine) inSubtree(r, u int) bool {
	for ; r >= 0; r = e.parent[r] {
		if r == u {
			return true
		}
	}
	return false
}

// subtreeTier is the headcount of a tier in region q and below.
func (e *engine) subtreeTier(q int, t Tier) float64 {
	var s float64
	for _, r := range e.desc[q] {
		for c := range NumCadres {
			s += e.total(r, t, Cadre(c))
		}
	}
	return s
}

// at is the index of a stock cell.
func (e *engine) at(r int, t Tier, c Cadre, b int) int {
	return ((r*NumTiers+int(t))*NumCadres+int(c))*e.nB + b
}

func (e *engine) project() {
	e.record(0, e.subtreePopulation())
	for k := 1; k <= e.s.Horizon-e.s.BaseYear; k++ {
		y := e.s.BaseYear + k
		e.stepPopulation(y)
		sub := e.subtreePopulation()
		for i := range e.blocked {
			e.blocked[i], e.techHires[i] = 0, 0
		}
		for r := range e.nR {
			for t := range NumTiers {
				e.stepWorkforce(r, Tier(t), y, k, sub[r])
			}
			g := e.bedsGrowth
			for t := range NumTiers {
				e.bedsMult[r*NumTiers+t] *= 1 + g.at(r, Tier(t), 0, y)
			}
		}
		if e.net != nil {
			e.net.step(y, sub)
		}
		e.record(k, sub)
	}
}

func (e *engine) stepPopulation(y int) {
	for r := range e.nR {
		if !e.isLeaf[r] {
			continue
		}
		e.pop[r] *= 1 + e.growth.at(r, 0, 0, y)
		e.share65[r] = min(max(e.share65[r]+e.ageing.at(r, 0, 0, y), 0), 1)
	}
}

// subtreePopulation returns each region's residents including those below it.
func (e *engine) subtreePopulation() []float64 {
	sub := append([]float64(nil), e.pop...)
	for r := e.nR - 1; r > 0; r-- {
		sub[e.parent[r]] += sub[r]
	}
	return sub
}

// stepWorkforce moves one region's tier from the end of year y-1 to the end
// of year y, in this order: attrition, ageing and retirement, village-doctor
// licensing, GP transfer completions, targeted graduates arriving, hires
// (capped by the quota), secondments.
func (e *engine) stepWorkforce(r int, t Tier, y, k int, subPop float64) {
	nB := e.nB
	if e.emptyTier(r, t) && !e.inflow(r, t, y) {
		return // nothing to move: most regions hold no staff of most tiers
	}
	var leavers [NumCadres]float64
	for c := range NumCadres {
		i0 := e.at(r, t, Cadre(c), 0)
		st := e.stock[i0 : i0+nB]
		a := e.attr.at(r, t, Cadre(c), y)
		var out float64
		for b := range st {
			x := st[b] * a
			st[b] -= x
			out += x
		}
		if nB == 1 {
			x := st[0] * e.retire.at(r, t, Cadre(c), y)
			st[0] -= x
			out += x
		} else {
			x := st[nB-1] / e.width[nB-1]
			st[nB-1] -= x
			out += x
			for b := nB - 2; b >= 0; b-- {
				m := st[b] / e.width[b]
				st[b] -= m
				st[b+1] += m
			}
		}
		leavers[c] = out
	}

	// Village doctors passing the licensing exam.
	if f := e.vdSit.at(r, 0, 0, y) * e.vdPass.at(r, 0, 0, y); f > 0 {
		e.move(r, t, VDUnlicensed, VDRuralAssistant, f)
	}

	// Training started this year, for the cost model.
	if gi := e.gpIn.at(r, t, 0, y); gi > 0 {
		e.trainCost += gi * e.district("cost.gp_transfer", y)
	}
	// GP transfer training completing this year.
	d := int(e.gpYears.at(r, t, 0, y))
	if n := e.gpIn.at(r, t, 0, y-d) * e.gpComp.at(r, t, 0, y-d); n > 0 {
		for _, from := range []Cadre{Physician, AssistantPhysician} {
			have := e.total(r, t, from)
			if have <= 0 || n <= 0 {
				continue
			}
			take := min(n, have)
			e.move(r, t, from, GP, take/have)
			n -= take
		}
	}

	// Targeted students starting work, then hires.
	var hires [NumCadres]float64
	var sumH float64
	for c := range NumCadres {
		cd := Cadre(c)
		dt := int(e.tgYears.at(r, t, cd, y))
		e.stock[e.at(r, t, cd, 0)] += e.tgIn.at(r, t, cd, y-dt) * e.tgComp.at(r, t, cd, y-dt)
		if in := e.tgIn.at(r, t, cd, y); in > 0 {
			e.trainCost += in * e.district("cost.targeted", y)
		}
		hires[c] = e.hires.at(r, t, cd, y) + e.repl.at(r, t, cd, y)*leavers[c]
		sumH += hires[c]
	}
	if t == TownshipCentre || t == CHSCentre {
		if pm := e.quotaPM.at(r, t, 0, y); pm > 0 && sumH > 0 {
			limit := pm / 1000 * subPop / e.quotaEst.at(r, t, 0, y)
			var have float64
			for c := range NumCadres {
				have += e.total(r, t, Cadre(c))
			}
			if allowed := max(limit-have, 0); sumH > allowed {
				f := allowed / sumH
				for c := range hires {
					hires[c] *= f
				}
				e.blocked[r] += sumH - allowed
			}
		}
	}
	for c := range NumCadres {
		e.stock[e.at(r, t, Cadre(c), 0)] += hires[c]
		if t.Primary() && Cadre(c) != OtherStaff {
			e.techHires[r] += hires[c]
		}
	}

	// County-hired, township-used: a share of hospital physician hires.
	if t == Hospital {
		phys := hires[Physician] + hires[AssistantPhysician] + hires[GP]
		e.sent[r][k] = e.secShare.at(r, 0, 0, y) * phys
	}
}

// emptyTier reports whether a region has no staff in a tier.
func (e *engine) emptyTier(r int, t Tier) bool {
	i0 := e.at(r, t, 0, 0)
	for _, x := range e.stock[i0 : i0+NumCadres*e.nB] {
		if x != 0 {
			return false
		}
	}
	return true
}

// inflow reports whether hires or targeted graduates arrive in a region's
// tier in year y (the other flows need staff already there).
func (e *engine) inflow(r int, t Tier, y int) bool {
	if !e.hires.anyPositive(r, t) && !e.tgIn.anyPositive(r, t) {
		return false
	}
	for c := range NumCadres {
		cd := Cadre(c)
		dt := int(e.tgYears.at(r, t, cd, y))
		if e.hires.at(r, t, cd, y) > 0 || e.tgIn.at(r, t, cd, y-dt)*e.tgComp.at(r, t, cd, y-dt) > 0 {
			return true
		}
	}
	return false
}

// total is the headcount of a cadre over all age bands.
func (e *engine) total(r int, t Tier, c Cadre) float64 {
	i0 := e.at(r, t, c, 0)
	var s float64
	for _, x := range e.stock[i0 : i0+e.nB] {
		s += x
	}
	return s
}

// move transfers the fraction f of cadre from to cadre to, band by band.
func (e *engine) move(r int, t Tier, from, to Cadre, f float64) {
	f = min(f, 1)
	i, j := e.at(r, t, from, 0), e.at(r, t, to, 0)
	for b := range e.nB {
		x := e.stock[i+b] * f
		e.stock[i+b] -= x
		e.stock[j+b] += x
	}
}

// record computes every modelled indicator for year index k; sub is each
// region's population including the regions below it.
func (e *engine) record(k int, sub []float64) {
	y := e.s.BaseYear + k
	for r := range e.nR {
		a := &e.agg[r]
		*a = aggregate{}
		p := e.pop[r]
		a.pop = p
		a.pop65 = p * e.share65[r]
		a.hypertension = p * e.prevHT.at(r, 0, 0, y)
		a.diabetes = p * e.prevDM.at(r, 0, 0, y)
		a.keyPop = a.pop65 + p*e.keyOther.at(r, 0, 0, y)
		for t := range NumTiers {
			for c := range NumCadres {
				a.stock[t][c] = e.total(r, Tier(t), Cadre(c))
			}
			a.beds[t] = e.beds.at(r, Tier(t), 0, y) * e.bedsMult[r*NumTiers+t]
		}
		years := int(e.secYears.at(r, 0, 0, y))
		cum := e.secBase.at(r, 0, 0, y)
		for j := 1; j <= k; j++ {
			cum += e.sent[r][j]
			if j > k-years {
				a.secondedActive += e.sent[r][j]
			}
		}
		a.secondedCum = cum
		a.secondedSent = e.sent[r][k]
		a.blocked = e.blocked[r]
		a.primaryTechHires = e.techHires[r]
	}
	if e.net != nil {
		e.net.evaluate(y, sub)
		for r := range e.nR {
			e.capCum[r] += e.agg[r].capital
			e.agg[r].capitalCum = e.capCum[r]
		}
		e.compliance = append(e.compliance, e.net.results...)
	}
	for r := e.nR - 1; r > 0; r-- {
		e.agg[e.parent[r]].add(&e.agg[r])
	}
	e.costs(k, y)
	tr := e.tr
	if e.net != nil {
		e.recordFacilities(k)
	}
	if k == 0 {
		e.flow = newFlowModel(e, tr.Catalog)
	}
	e.flow.record(k, &e.agg[0])
	for r := range e.nR {
		if e.only != nil && !e.only[r] {
			continue
		}
		a := &e.agg[r]
		for i, m := range modelled {
			v := m.f(a)
			if k == 0 && m.Flow {
				v = math.NaN()
			}
			tr.set(i, r, k, v)
		}
		var byTier [NumTiers]float64
		var byCadre [NumCadres]float64
		for t := range NumTiers {
			for c := range NumCadres {
				byTier[t] += a.stock[t][c]
				byCadre[c] += a.stock[t][c]
			}
		}
		base := len(modelled)
		for t, v := range byTier {
			tr.set(base+t, r, k, v)
		}
		base += NumTiers
		for c, v := range byCadre {
			tr.set(base+c, r, k, v)
		}
	}
}

// recordFacilities writes the facility and rule indicators of year index k.
func (e *engine) recordFacilities(k int) {
	tr := e.tr
	nR := e.nR
	for j, f := range facilityIndicators {
		i := e.facIdx[j]
		for r := range nR {
			if tr.statusAt(i, r) != Modelled {
				continue
			}
			v := f.f(&e.agg[r])
			if k == 0 && f.Flow {
				v = math.NaN()
			}
			tr.set(i, r, k, v)
		}
	}
	type tally struct{ units, ok, pop, popOK, circuit float64 }
	// fills gathers the rules naming the same indicator: it takes the share
	// over all their units together.
	fills := map[int][]tally{}
	for ri, rule := range e.s.Rules {
		t := make([]tally, nR)
		for _, u := range e.net.results {
			if u.Rule != rule.ID {
				continue
			}
			ur := slices.Index(tr.Regions, u.Region)
			for q := ur; q >= 0; q = e.parent[q] {
				t[q].units++
				t[q].pop += u.Population
				if u.Complies {
					t[q].ok++
					t[q].popOK += u.Population
				}
				if u.Circuit {
					t[q].circuit++
				}
			}
		}
		ids := e.ruleIdx[ri]
		for r := range nR {
			if t[r].units == 0 {
				continue
			}
			tr.set(ids[0], r, k, pct(t[r].ok, t[r].units))
			tr.set(ids[1], r, k, pct(t[r].popOK, t[r].pop))
			if ids[2] >= 0 {
				tr.set(ids[2], r, k, t[r].circuit)
			}
		}
		if rule.Indicator != "" {
			fill := tr.Catalog.byID[rule.Indicator]
			if fills[fill] == nil {
				fills[fill] = make([]tally, nR)
			}
			for r := range nR {
				fills[fill][r].units += t[r].units
				fills[fill][r].ok += t[r].ok
			}
		}
	}
	for fill, t := range fills {
		for r := range nR {
			if t[r].units > 0 {
				tr.set(fill, r, k, pct(t[r].ok, t[r].units))
			}
		}
	}
}

// costs prices year index k for the district: pay by tier and cadre, the
// GP allowance, village-doctor subsidies, secondments, training started
// this year and capital spending; and the running total since the base
// year.
func (e *engine) costs(k, y int) {
	a := &e.agg[0]
	var wf float64
	for t := range NumTiers {
		for c := range NumCadres {
			if n := a.stock[t][c]; n > 0 {
				wf += n * e.salary.at(0, Tier(t), Cadre(c), y)
				if Cadre(c).VillageDoctor() {
					wf += n * 12 * e.vdSubsidy.at(0, Tier(t), Cadre(c), y)
				}
			}
		}
	}
	wf += a.cadre(GP, Tier.Primary) * 12 * e.district("cost.gp_allowance", y)
	wf += a.secondedActive * e.district("cost.secondment", y)
	a.costWorkforce, a.costTraining = wf, e.trainCost
	if k > 0 {
		e.costCum += wf + e.trainCost + a.capital*1e4
	}
	a.costCum = e.costCum
	e.trainCost = 0
}

// baseDistances computes, once for all runs, the distance from every unit
// a distance rule judges to every listed facility.
func baseDistances(s *Scenario, idx map[string]int) [][]float64 {
	parent := parents(s, idx)
	out := make([][]float64, len(s.Regions))
	for _, rule := range s.Rules {
		if rule.Basis != MaxDistance {
			continue
		}
		for u, reg := range s.Regions {
			if reg.Kind != rule.AppliesTo || !reg.Located {
				continue
			}
			if out[u] != nil {
				continue
			}
			out[u] = make([]float64, len(s.Facilities))
			for i, f := range s.Facilities {
				out[u][i] = math.NaN()
				r, ok := idx[f.Region]
				if !ok {
					continue
				}
				if lat, lon, ok := locate(s.Regions, parent, r, f); ok {
					out[u][i] = DistanceKm(reg.Lat, reg.Lon, lat, lon)
				}
			}
		}
	}
	return out
}

// parents returns each region's parent index, -1 for the district.
func parents(s *Scenario, idx map[string]int) []int {
	out := make([]int, len(s.Regions))
	for i, r := range s.Regions {
		out[i] = -1
		if i > 0 {
			out[i] = idx[r.Parent]
		}
	}
	return out
}
