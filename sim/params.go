package sim

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Param is one row of the parameter table: the value of a key for a region
// (empty: every region), a tier and a cadre (AnyTier, AnyCadre: all of them),
// from a year onwards (0: from the start).
type Param struct {
	Key    string
	Region string
	Tier   Tier
	Cadre  Cadre
	Year   int
	Value  float64
	Source string // where the value comes from; not used by the engine
}

// AnyTier and AnyCadre in a Param mean that the row applies to every tier or
// cadre.
const (
	AnyTier  Tier  = -1
	AnyCadre Cadre = -1
)

// Dims says which columns a parameter key uses besides region and year.
type Dims int

// The dimension sets of parameter keys.
const (
	ByRegion          Dims = iota // region and year only
	ByTier                        // region, tier and year
	ByTierCadre                   // region, tier, cadre and year
	ByIndicatorRegion             // trend.<indicator>: region and year
)

// ParamSpec documents a parameter key: its meaning, unit, default and range.
type ParamSpec struct {
	Key      string
	Dims     Dims
	Unit     string
	Default  float64
	Min, Max float64
	Integer  bool // the value must be a whole number
	Doc      string
	// Absolute marks amounts (persons, beds) rather than rates. A row for
	// a region (or for all regions) is shared among the regions below it
	// in proportion to their base-year headcount in the tier (hospital
	// staff for keys without a tier), so that "20 hires a year" means 20
	// across the district, not 20 in every unit. A row naming a region
	// replaces, for that region, its share of a broader row.
	Absolute bool
}

// TrendPrefix starts the keys that set the annual trend of a scheduled
// indicator: "trend.<indicator id>", in the indicator's unit per year.
const TrendPrefix = "trend."

// MaxDelay is the longest training pipeline, in years.
const MaxDelay = 15

// ParamSpecs lists every parameter key the engine reads.
var paramSpecs = []ParamSpec{
	{"pop.growth", ByRegion, "fraction/year", 0, -0.2, 0.2, false, "annual growth of resident population (0.01 = 1%)", false},
	{"pop.ageing", ByRegion, "fraction/year", 0, -0.05, 0.05, false, "annual change of the share of residents aged 65+ (0.005 = +0.5 percentage points)", false},
	{"prev.hypertension", ByRegion, "fraction", 0, 0, 1, false, "diagnosed hypertension patients as a share of all residents", false},
	{"prev.diabetes", ByRegion, "fraction", 0, 0, 1, false, "diagnosed type-2 diabetes patients as a share of all residents", false},
	{"keypop.other", ByRegion, "fraction", 0, 0, 1, false, "key populations other than residents 65+ (children 0-6, pregnant women, chronic patients under 65, disabled) as a share of residents", false},
	{"hires", ByTierCadre, "persons/year", 0, 0, 1e6, false, "new hires each year (gross, before quota cap)", true},
	{"replacement", ByTierCadre, "fraction", 0, 0, 2, false, "share of the year's leavers (attrition and retirement) replaced by extra hires in the same year", false},
	{"attrition", ByTierCadre, "fraction/year", 0, 0, 1, false, "share of staff leaving each year for reasons other than retirement", false},
	{"retirement", ByTierCadre, "fraction/year", 0, 0, 1, false, "share of staff retiring each year; used only when the workforce has no age bands", false},
	{"gp_transfer.intake", ByTier, "persons/year", 0, 0, 1e5, false, "physicians starting GP transfer training (全科医生转岗培训) each year", true},
	{"gp_transfer.years", ByTier, "years", 1, 0, MaxDelay, true, "length of GP transfer training; trainees become registered GPs this many years after starting", false},
	{"gp_transfer.completion", ByTier, "fraction", 1, 0, 1, false, "share of GP transfer trainees who complete and register as GPs", false},
	{"targeted.intake", ByTierCadre, "persons/year", 0, 0, 1e5, false, "targeted medical students (订单定向医学生) enrolled each year for this tier and cadre", true},
	{"targeted.years", ByTierCadre, "years", 6, 0, MaxDelay, true, "years from enrolment to starting work", false},
	{"targeted.completion", ByTierCadre, "fraction", 1, 0, 1, false, "share of targeted students who graduate and take up their post", false},
	{"vd_exam.sitting", ByRegion, "fraction/year", 0, 0, 1, false, "share of unlicensed village doctors sitting the licensing exam each year", false},
	{"vd_exam.pass_rate", ByRegion, "fraction", 0, 0, 1, false, "share of sitters who pass and become rural GP assistant physicians (乡村全科执业助理医师)", false},
	{"secondment.share", ByRegion, "fraction", 0, 0, 5, false, "county-hired township-used (县聘乡用): secondees sent each year as a share of that year's hospital physician hires", false},
	{"secondment.years", ByRegion, "years", 1, 1, MaxDelay, true, "years each secondee works at primary level", false},
	{"secondment.base_cumulative", ByRegion, "persons", 0, 0, 1e6, false, "secondees sent before and in the base year (the cumulative count's starting value)", true},
	{"quota.per_mille", ByTier, "‰ of residents", 0, 0, 100, false, "staffing quota (编制) of township and CHS centres per 1,000 residents; 0 means no cap", false},
	{"quota.establishment_share", ByTier, "fraction", 1, 0.01, 1, false, "share of the tier's staff who hold quota posts; hires stop when those reach the quota", false},
	{"beds", ByTier, "beds", 0, 0, 1e7, false, "beds in the tier's institutions (a schedule: the value from each year on)", true},
	{"visits.per_capita", ByRegion, "visits/person/year", 0, 0, 100, false, "visits a year per resident under 65; above 0 switches the patient-flow model on", false},
	{"visits.ratio_65", ByRegion, "ratio", 2, 0, 20, false, "visits of a resident 65+ relative to one under 65", false},
	{"visits.chronic_refill", ByRegion, "visits/patient/year", 0, 0, 52, false, "prescription-refill visits a year of a hypertension or diabetes patient", false},
	{"long_rx.share", ByRegion, "fraction", 0, 0, 1, false, "share of chronic patients on 4-12 week long prescriptions (长处方)", false},
	{"long_rx.saving", ByRegion, "fraction", 0.67, 0, 1, false, "share of refill visits a long prescription saves (monthly to quarterly: 0.67)", false},
	{"lever.test_recognition", ByRegion, "fraction", 0, 0, 0.5, false, "share of all visits avoided by mutual recognition of test results (检查检验结果互认)", false},
	{"flow.primary_share0", ByRegion, "%", 0, 0, 100, false, "base-year primary share of visits when observed.csv has no primary_visit_share", false},
	{"flow.adjust_speed", ByRegion, "fraction/year", 0.3, 0, 1, false, "share of the gap to the equilibrium primary share closed each year", false},
	{"flow.drift", ByRegion, "percentage points/year", 0, -10, 10, false, "underlying yearly change of the equilibrium primary share", false},
	{"flow.quality_effect", ByRegion, "pp per pp", 0, -5, 5, false, "equilibrium primary share gained per point of grade-B-or-better centres gained", false},
	{"flow.fd_effect", ByRegion, "pp per pp", 0, -5, 5, false, "equilibrium primary share gained per point of family-doctor coverage gained", false},
	{"lever.continuous_deductible", ByRegion, "percentage points", 0, -30, 30, false, "equilibrium primary share gained while referred patients keep a continuous deductible (起付线连续计算)", false},
	{"lever.four_departments", ByRegion, "percentage points", 0, -30, 30, false, "equilibrium primary share gained once primary institutions have the four departments", false},
	{"lever.remote_consult", ByRegion, "percentage points", 0, -30, 30, false, "equilibrium primary share gained from remote consultation and imaging reads", false},
	{"lever.senior_duty", ByRegion, "percentage points", 0, -30, 30, false, "equilibrium primary share gained with a senior doctor on duty 3 days a week (scaled by senior_duty_days/3, at most 1)", false},
	{"workload.visits_per_clinician", ByRegion, "visits/year", 0, 0, 100000, false, "visits one primary licensed physician (or secondee) can take a year; 0: no capacity cap", false},
	{"referral.up_rate", ByRegion, "fraction", 0, 0, 1, false, "upward referrals per primary visit", false},
	{"referral.down_rate", ByRegion, "fraction", 0, 0, 1, false, "downward referrals per hospital visit", false},
	{"lever.up_referral", ByRegion, "fraction", 0, -1, 1, false, "added upward referral rate from a policy", false},
	{"lever.down_referral", ByRegion, "fraction", 0, -1, 1, false, "added downward referral rate from a policy (e.g. no second deductible going down)", false},
	{"fd.teams_per_gp", ByRegion, "teams/GP", 1, 0, 10, false, "family-doctor teams per primary GP (3+X teams are led by a GP)", false},
	{"fd.panel", ByRegion, "residents/team", 2000, 0, 100000, false, "residents one family-doctor team can contract", false},
	{"fd.speed", ByRegion, "fraction/year", 0, 0, 1, false, "share of the gap to the contract ceilings closed each year", false},
	{"fd.key_max", ByRegion, "fraction", 0.9, 0, 1, false, "ceiling of family-doctor coverage of key populations", false},
	{"fd.all_max", ByRegion, "fraction", 0.5, 0, 1, false, "ceiling of family-doctor coverage of all residents", false},
	{"mgmt.speed", ByRegion, "fraction/year", 0, 0, 1, false, "share of the gap to mgmt.max_rate closed each year by the management rates", false},
	{"mgmt.max_rate", ByRegion, "fraction", 0.9, 0, 1, false, "ceiling of the hypertension, diabetes and 65+ management rates", false},
	{"mgmt.per_worker", ByRegion, "patients/worker", 0, 0, 100000, false, "patients a primary GP or public-health worker can manage; 0: no cap", false},
	{"ehr.speed", ByRegion, "fraction/year", 0, 0, 1, false, "share of the gap to ehr.max closed each year by e-health record coverage", false},
	{"ehr.max", ByRegion, "fraction", 0.9, 0, 1, false, "ceiling of standardized e-health record coverage", false},
	{"wisn.days", ByRegion, "days/year", 250, 0, 366, false, "WISN: working days a year", false},
	{"wisn.holidays", ByRegion, "days/year", 11, 0, 366, false, "WISN: public holidays on working days", false},
	{"wisn.leave", ByRegion, "days/year", 5, 0, 366, false, "WISN: annual leave", false},
	{"wisn.sick", ByRegion, "days/year", 5, 0, 366, false, "WISN: sickness and other absence", false},
	{"wisn.training", ByRegion, "days/year", 5, 0, 366, false, "WISN: training days", false},
	{"wisn.hours", ByRegion, "hours/day", 8, 0, 24, false, "WISN: working hours a day", false},
	{"wisn.min_per_visit", ByRegion, "minutes", 10, 0, 600, false, "WISN: physician minutes per primary visit", false},
	{"wisn.hours_per_contract", ByRegion, "hours/year", 1, 0, 100, false, "WISN: physician hours a year per family-doctor contract", false},
	{"wisn.followups", ByRegion, "visits/year", 4, 0, 52, false, "WISN: follow-ups a year per managed chronic patient", false},
	{"wisn.min_per_followup", ByRegion, "minutes", 15, 0, 600, false, "WISN: physician minutes per follow-up", false},
	{"wisn.caf", ByRegion, "fraction", 0.1, 0, 5, false, "WISN: category allowance factor (support activities all physicians do)", false},
	{"wisn.iaf", ByRegion, "physicians", 0, 0, 10000, false, "WISN: individual allowance (activities only some do), in physicians", false},
	{"norm.primary_physicians_per_1000", ByRegion, "per 1,000", 0, 0, 100, false, "norm-based need: primary licensed physicians per 1,000 residents", false},
	{"cost.salary", ByTierCadre, "yuan/person/year", 0, 0, 1e7, false, "pay and on-costs of one staff member a year (district row only)", false},
	{"cost.gp_allowance", ByRegion, "yuan/GP/month", 0, 0, 1e6, false, "allowance per registered GP in primary care a month (Dadukou: 300)", false},
	{"cost.vd_subsidy", ByTierCadre, "yuan/person/month", 0, 0, 1e6, false, "village-doctor subsidy a month by qualification (Dadukou: 1,000/800/700/600)", false},
	{"cost.secondment", ByRegion, "yuan/secondee/year", 0, 0, 1e7, false, "extra cost of one county-hired township-used secondee a year", false},
	{"cost.gp_transfer", ByRegion, "yuan/trainee", 0, 0, 1e7, false, "cost of one GP transfer trainee, counted when training starts", false},
	{"cost.targeted", ByRegion, "yuan/student", 0, 0, 1e7, false, "cost of one targeted medical student, counted at enrolment", false},
	{"senior_duty_days", ByRegion, "days/week", 0, 0, 7, false, "workdays a week a senior (attending or above) doctor is on duty in each primary institution; an upgrade precondition", false},
	{"upgrade.recommended_first", ByRegion, "0 or 1", 0, 0, 1, true, "1: upgrade the highest-graded centres first (towards grade A); 0: the lowest first (all to the basic standard first) (district row only)", false},
	{"upgrade.per_year", ByRegion, "upgrades/year", 0, 0, 1000, true, "centres that can move up one grade each year, district-wide (district row only)", false},
	{"beds.growth", ByTier, "fraction/year", 0, -0.5, 0.5, false, "annual growth of beds on top of the schedule", false},
}

// familySpecs are keys with a facility type or grade suffix, e.g.
// "build.per_year.chs_station" or "upgrade.min_gps.recommended". They are
// read for the district only.
var familySpecs = []struct {
	ParamSpec
	grades bool // the suffix is a grade (basic, recommended), else a facility type
}{
	{ParamSpec{"build.per_year.<type>", ByRegion, "facilities/year", 0, 0, 1000, true, "facilities of the type whose construction can start each year to close the gaps of rules marked build", false}, false},
	{ParamSpec{"build.lead_years.<type>", ByRegion, "years", 2, 0, MaxDelay, true, "years from the start of construction to opening", false}, false},
	{ParamSpec{"build.cost.<type>", ByRegion, "10,000 yuan", 0, 0, 1e7, false, "capital cost of one new facility of the type (万元), spent when construction starts (planned projects: in their opening year)", false}, false},
	{ParamSpec{"build.min_staff.<type>", ByRegion, "persons", 0, 0, 10000, false, "minimum staff of one facility of the type, drawn from its tier's headcount; facilities beyond what the headcount covers are flagged understaffed", false}, false},
	{ParamSpec{"upgrade.min_gps.<grade>", ByRegion, "GPs per centre", 0, 0, 1000, false, "GPs per centre (its tier's GPs around it over its centres) needed to reach the grade", false}, true},
	{ParamSpec{"upgrade.min_physicians.<grade>", ByRegion, "physicians per centre", 0, 0, 10000, false, "licensed (incl. assistant) physicians per centre needed to reach the grade", false}, true},
	{ParamSpec{"upgrade.min_beds.<grade>", ByRegion, "beds", 0, 0, 10000, false, "beds of the centre needed to reach the grade", false}, true},
	{ParamSpec{"upgrade.min_senior_days.<grade>", ByRegion, "days/week", 0, 0, 7, false, "senior-doctor duty days a week (senior_duty_days) needed to reach the grade", false}, true},
	{ParamSpec{"upgrade.cost.<grade>", ByRegion, "10,000 yuan", 0, 0, 1e7, false, "capital cost of raising one centre to the grade (万元)", false}, true},
}

// FamilySpecs documents the keys with a facility-type or grade suffix.
func FamilySpecs() []ParamSpec {
	out := make([]ParamSpec, len(familySpecs))
	for i, f := range familySpecs {
		out[i] = f.ParamSpec
	}
	return out
}

// DistrictOnly reports whether a key is read for the district only, so a
// row naming another region would have no effect.
func DistrictOnly(key string) bool {
	if key == "upgrade.per_year" || key == "upgrade.recommended_first" {
		return true
	}
	for _, prefix := range []string{"cost.", "visits.", "long_rx.", "flow.", "lever.", "workload.", "referral.", "fd.", "mgmt.", "ehr.", "wisn.", "norm."} {
		if strings.HasPrefix(key, prefix) {
			return true
		}
	}
	for _, f := range familySpecs {
		if strings.HasPrefix(key, familyPrefix(f.Key)) {
			return true
		}
	}
	return false
}

func familyPrefix(key string) string {
	return strings.TrimSuffix(strings.TrimSuffix(key, "<type>"), "<grade>")
}

// ParamSpecs returns the documentation of every parameter key the engine
// reads, in a stable order. The trend.<indicator> keys are described by
// TrendSpec.
func ParamSpecs() []ParamSpec { return append([]ParamSpec(nil), paramSpecs...) }

// TrendSpec describes the trend.<indicator> keys.
var TrendSpec = ParamSpec{TrendPrefix + "<indicator>", ByIndicatorRegion, "indicator unit/year", 0, -1e9, 1e9, false,
	"annual change of a scheduled indicator, replacing the trend fitted to its observations", false}

// LookupParam returns the specification of key, including trend keys for
// scheduled indicators in cat.
func LookupParam(key string, cat *Catalog) (ParamSpec, error) {
	for _, p := range paramSpecs {
		if p.Key == key {
			return p, nil
		}
	}
	for _, f := range familySpecs {
		suffix, ok := strings.CutPrefix(key, familyPrefix(f.Key))
		if !ok {
			continue
		}
		if f.grades {
			if g, err := ParseGrade(suffix); err != nil || g == BelowStandard || suffix != g.Code() {
				return ParamSpec{}, fmt.Errorf("%q: the suffix must be a grade, basic or recommended", key)
			}
		} else if _, err := ParseFacilityType(suffix); err != nil {
			return ParamSpec{}, fmt.Errorf("%q: the suffix must be a facility type (%s)", key, strings.Join(FacilityTypeCodes(), ", "))
		}
		sp := f.ParamSpec
		sp.Key = key
		return sp, nil
	}
	if id, ok := strings.CutPrefix(key, TrendPrefix); ok {
		ind, found := cat.Lookup(id)
		if !found {
			return ParamSpec{}, fmt.Errorf("%q names no indicator in the catalog", key)
		}
		if ind.Modelled {
			return ParamSpec{}, fmt.Errorf("%q: indicator %s is modelled by the engine, so it takes no trend", key, id)
		}
		sp := TrendSpec
		sp.Key = key
		return sp, nil
	}
	return ParamSpec{}, fmt.Errorf("unknown parameter key %q", key)
}

// CheckParam reports what is wrong with a parameter row, or nil.
func CheckParam(p Param, cat *Catalog) error {
	sp, err := LookupParam(p.Key, cat)
	if err != nil {
		return err
	}
	if p.Region != "" && DistrictOnly(p.Key) {
		return fmt.Errorf("%s applies to the whole district; leave the region empty", p.Key)
	}
	if p.Tier != AnyTier && sp.Dims != ByTier && sp.Dims != ByTierCadre {
		return fmt.Errorf("%s takes no tier; leave the tier empty", p.Key)
	}
	if p.Cadre != AnyCadre && sp.Dims != ByTierCadre {
		return fmt.Errorf("%s takes no cadre; leave the cadre empty", p.Key)
	}
	if math.IsNaN(p.Value) || p.Value < sp.Min || p.Value > sp.Max {
		return fmt.Errorf("%s = %v is out of range; use a value from %v to %v (%s)", p.Key, p.Value, sp.Min, sp.Max, sp.Unit)
	}
	if sp.Integer && p.Value != math.Trunc(p.Value) {
		return fmt.Errorf("%s = %v must be a whole number of %s", p.Key, p.Value, sp.Unit)
	}
	return nil
}

// paramTable holds one key's values resolved for every region, tier, cadre
// and year from firstYear to lastYear.
type paramTable struct {
	dims      Dims
	firstYear int
	nYears    int
	v         []float64
	constant  bool // no row sets the key: every cell is c
	c         float64
	shared    bool   // no row names a region: one set of cells serves every region
	positive  []bool // [region][tier]: some cadre and year is above zero
}

func (t *paramTable) at(r int, tier Tier, c Cadre, year int) float64 {
	if t.constant {
		return t.c
	}
	if t.shared {
		r = 0
	}
	y := min(max(year-t.firstYear, 0), t.nYears-1)
	switch t.dims {
	case ByTier:
		return t.v[(r*NumTiers+int(tier))*t.nYears+y]
	case ByTierCadre:
		return t.v[((r*NumTiers+int(tier))*NumCadres+int(c))*t.nYears+y]
	default:
		return t.v[r*t.nYears+y]
	}
}

// resolver builds paramTables from the scenario rows and the overrides.
type resolver struct {
	regions   []Region
	depth     []int   // depth of each region in the tree
	ancestors [][]int // region itself, then parents up to the district
	regionIdx map[string]int
	weight    [][NumTiers]float64 // base-year headcount of each region's subtree by tier
	own       [][NumTiers]float64 // base-year headcount of each region itself by tier
	firstYear int
	lastYear  int
	layers    [2]map[string][]Param  // scenario rows, then overrides
	shared    map[string]*paramTable // tables of an earlier run, for keys no override touches
	built     map[string]*paramTable // tables this resolver built
}

func newResolver(s *Scenario, idx map[string]int, overrides []Param) *resolver {
	rs := &resolver{regions: s.Regions, regionIdx: idx, firstYear: s.BaseYear - MaxDelay, lastYear: s.Horizon}
	rs.depth = make([]int, len(s.Regions))
	rs.ancestors = make([][]int, len(s.Regions))
	for i, r := range s.Regions {
		if i > 0 {
			p := idx[r.Parent]
			rs.depth[i] = rs.depth[p] + 1
			rs.ancestors[i] = append([]int{i}, rs.ancestors[p]...)
		} else {
			rs.ancestors[i] = []int{0}
		}
	}
	rs.own = make([][NumTiers]float64, len(s.Regions))
	for _, st := range s.Stocks {
		rs.own[idx[st.Region]][st.Tier] += st.Headcount
	}
	rs.weight = append([][NumTiers]float64(nil), rs.own...)
	for i := len(s.Regions) - 1; i > 0; i-- {
		p := idx[s.Regions[i].Parent]
		for t := range NumTiers {
			rs.weight[p][t] += rs.weight[i][t]
		}
	}
	for l, rows := range [2][]Param{s.Params, overrides} {
		rs.layers[l] = make(map[string][]Param)
		for _, p := range rows {
			rs.layers[l][p.Key] = append(rs.layers[l][p.Key], p)
		}
	}
	return rs
}

// specificity ranks how closely a row fits a cell: a nearer region beats a
// farther one or "all", then a named tier, then a named cadre. -1: no fit.
func (rs *resolver) specificity(p Param, r int, tier Tier, c Cadre) int {
	score := 0
	if p.Region != "" {
		pr, ok := rs.regionIdx[p.Region]
		if !ok {
			return -1
		}
		found := false
		for _, a := range rs.ancestors[r] {
			if a == pr {
				found = true
				break
			}
		}
		if !found {
			return -1
		}
		score += 4 * (1 + rs.depth[pr])
	}
	if p.Tier != AnyTier {
		if p.Tier != tier {
			return -1
		}
		score += 2
	}
	if p.Cadre != AnyCadre {
		if p.Cadre != c {
			return -1
		}
		score++
	}
	return score
}

// table resolves a key for every region, tier, cadre and year from first
// to the horizon. In each cell the override layer wins over the scenario's
// rows wherever one of its rows fits; within a layer the most specific rows
// win, and among those the latest year not after the cell's. A key no row
// sets is a constant table of its default.
func (rs *resolver) table(sp ParamSpec, first int) *paramTable {
	name := sp.Key + "|" + strconv.Itoa(first)
	if len(rs.layers[1][sp.Key]) == 0 {
		if t := rs.shared[name]; t != nil {
			return t
		}
	}
	t := rs.resolve(sp, first)
	if rs.built == nil {
		rs.built = map[string]*paramTable{}
	}
	rs.built[name] = t
	return t
}

// resolve builds a key's table (see table).
func (rs *resolver) resolve(sp ParamSpec, first int) *paramTable {
	nT, nC := 1, 1
	switch sp.Dims {
	case ByTier:
		nT = NumTiers
	case ByTierCadre:
		nT, nC = NumTiers, NumCadres
	}
	t := &paramTable{dims: sp.Dims, firstYear: first, nYears: rs.lastYear - first + 1}
	if !rs.has(sp.Key) {
		t.constant, t.c = true, sp.Default
		return t
	}
	regionFree := true
	for _, l := range rs.layers {
		for _, p := range l[sp.Key] {
			regionFree = regionFree && p.Region == ""
		}
	}
	nR := len(rs.regions)
	if regionFree && !sp.Absolute {
		// Every region resolves alike: keep one set of cells.
		t.shared, nR = true, 1
	}
	t.v = make([]float64, nR*nT*nC*t.nYears)
	var fits [2][]fit
	i := 0
	for r := range nR {
		for tier := range nT {
			for c := range nC {
				cell := t.v[i : i+t.nYears]
				i += t.nYears
				if regionFree && sp.Absolute && r > 0 {
					// Amounts given for all regions: region 0's cells
					// (the whole amount) times this region's share.
					f := rs.share(r, 0, Tier(tier))
					src := t.v[(tier*nC+c)*t.nYears:]
					for y := range cell {
						cell[y] = src[y] * f
					}
					continue
				}
				rs.fits(&fits, sp.Key, r, Tier(tier), Cadre(c))
				if len(fits[0])+len(fits[1]) == 0 {
					for y := range cell {
						cell[y] = sp.Default
					}
					continue
				}
				for y := range cell {
					if y > 0 && !changesIn(&fits, first+y) {
						cell[y] = cell[y-1]
						continue
					}
					cell[y] = rs.pick(&fits, r, Tier(tier), first+y, sp.Default, sp.Absolute && !regionFree)
				}
			}
		}
	}
	if regionFree && sp.Absolute {
		// Region 0 held the whole amount for the others; now its share.
		for tier := range nT {
			f := rs.share(0, 0, Tier(tier))
			for c := range nC {
				cell := t.v[(tier*nC+c)*t.nYears : (tier*nC+c+1)*t.nYears]
				for y := range cell {
					cell[y] *= f
				}
			}
		}
	}
	t.summarise(nR, nT, nC)
	return t
}

// summarise records which region-tier cells hold a positive value in
// some cadre and year, so the engine can skip the rest without looking.
func (t *paramTable) summarise(nR, nT, nC int) {
	t.positive = make([]bool, nR*nT)
	for i := range t.positive {
		for _, v := range t.v[i*nC*t.nYears : (i+1)*nC*t.nYears] {
			if v > 0 {
				t.positive[i] = true
				break
			}
		}
	}
}

// anyPositive reports whether a region's tier has a positive value in some
// cadre and year.
func (t *paramTable) anyPositive(r int, tier Tier) bool {
	if t.constant {
		return t.c > 0
	}
	if t.shared {
		r = 0
	}
	nT := 1
	if t.dims == ByTier || t.dims == ByTierCadre {
		nT = NumTiers
	} else {
		tier = 0
	}
	return t.positive[r*nT+int(tier)]
}

// fit is a parameter row that applies to a cell, with its specificity.
type fit struct {
	spec, year, from int
	value            float64
}

// fits collects, for each layer, the rows of key that apply to a cell.
func (rs *resolver) fits(dst *[2][]fit, key string, r int, tier Tier, c Cadre) {
	for l := range rs.layers {
		dst[l] = dst[l][:0]
		for _, p := range rs.layers[l][key] {
			if s := rs.specificity(p, r, tier, c); s >= 0 {
				from := 0
				if p.Region != "" {
					from = rs.regionIdx[p.Region]
				}
				dst[l] = append(dst[l], fit{spec: s, year: p.Year, from: from, value: p.Value})
			}
		}
	}
}

// changesIn reports whether a fitting row starts in year, so that the cell's
// value may differ from the year before.
func changesIn(fits *[2][]fit, year int) bool {
	for _, l := range fits {
		for _, f := range l {
			if f.year == year {
				return true
			}
		}
	}
	return false
}

// pick returns a cell's value in year from its fitting rows.
func (rs *resolver) pick(fits *[2][]fit, r int, tier Tier, year int, def float64, absolute bool) float64 {
	for l := len(fits) - 1; l >= 0; l-- {
		best := -1
		for k, f := range fits[l] {
			if f.year > year {
				continue
			}
			if b := fits[l][max(best, 0)]; best < 0 || f.spec > b.spec || (f.spec == b.spec && f.year >= b.year) {
				best = k
			}
		}
		if best >= 0 {
			f := fits[l][best]
			if absolute {
				return f.value * rs.share(r, f.from, tier)
			}
			return f.value
		}
	}
	return def
}

// cell resolves one cell (see table).
func (rs *resolver) cell(key string, r int, tier Tier, c Cadre, year int, def float64, absolute bool) float64 {
	var fits [2][]fit
	rs.fits(&fits, key, r, tier, c)
	return rs.pick(&fits, r, tier, year, def, absolute)
}

// share is the part of an amount given for region from that falls to region
// r: r's own base-year headcount in the tier over that of from's subtree, or
// all of it to from itself when the subtree has no such staff.
func (rs *resolver) share(r, from int, tier Tier) float64 {
	total := rs.weight[from][tier]
	if total == 0 {
		if r == from {
			return 1
		}
		return 0
	}
	return rs.own[r][tier] / total
}

// has reports whether any row in any layer sets key.
func (rs *resolver) has(key string) bool {
	return len(rs.layers[0][key]) > 0 || len(rs.layers[1][key]) > 0
}
