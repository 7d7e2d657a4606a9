package server

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"

	"clinicsim/sim"
)

// Lever is one control on the page: a parameter cell (key, region, tier,
// cadre) that the scenario's variants.csv sets, with the range the page
// allows and the server enforces, and its value in the scenario.
type Lever struct {
	ID     string    `json:"id"`
	Key    string    `json:"key"`
	Region string    `json:"region,omitempty"`
	Tier   string    `json:"tier,omitempty"`
	Cadre  string    `json:"cadre,omitempty"`
	Unit   string    `json:"unit"`
	Doc    string    `json:"doc"`
	NameZH string    `json:"name_zh,omitempty"` // Chinese name; tier and cadre appended
	UnitZH string    `json:"unit_zh,omitempty"`
	Min    float64   `json:"min"`
	Max    float64   `json:"max"`
	Step   float64   `json:"step"`
	Value  float64   `json:"value"` // the scenario's value (status quo)
	Year   int       `json:"year"`  // the year variants start it
	param  sim.Param // the cell: key, region, tier and cadre
	bound  float64   // the engine's upper bound for the key
}

// Setting is a lever's value on the page and the year it takes effect.
type Setting struct {
	Value float64 `json:"value"`
	Year  int     `json:"year"`
}

// leversOf lists the levers a scenario declares: every distinct parameter
// cell its variants set, in the order they first appear.
func leversOf(s *sim.Scenario, vs []sim.Variant) ([]Lever, error) {
	cat, err := sim.NewCatalog().With(s.Indicators)
	if err != nil {
		return nil, err
	}
	byID := map[string]int{}
	var out []Lever
	for _, v := range vs {
		for _, p := range v.Overrides {
			tier, cadre := codes(p)
			id := p.Key + ":" + p.Region + ":" + tier + ":" + cadre
			if i, ok := byID[id]; ok {
				out[i].Max = math.Max(out[i].Max, p.Value)
				continue
			}
			sp, err := sim.LookupParam(p.Key, cat)
			if err != nil {
				return nil, err
			}
			l := Lever{ID: id, Key: p.Key, Region: p.Region, Tier: tier, Cadre: cadre, Unit: sp.Unit, Doc: sp.Doc, Min: sp.Min, Max: p.Value, Year: p.Year, param: p}
			if l.Year == 0 {
				l.Year = s.BaseYear + 1
			}
			l.Value = current(s, p, sp)
			l.UnitZH = unitsZH[sp.Unit]
			if zh, ok := leverNamesZH[p.Key]; ok {
				l.NameZH = zh
				if p.Tier != sim.AnyTier {
					l.NameZH += " · " + p.Tier.NameZH()
				}
				if p.Cadre != sim.AnyCadre {
					l.NameZH += " · " + p.Cadre.NameZH()
				}
			}
			l.Max = math.Max(l.Max, l.Value)
			l.bound = sp.Max
			byID[id] = len(out)
			out = append(out, l)
		}
	}
	for i := range out {
		l := &out[i]
		// The page's range: the engine's own range, narrowed to something a
		// slider can use — up to three times the largest value any variant
		// or the scenario uses.
		hi := math.Min(l.bound, niceCeil(3*math.Max(l.Max, 0)))
		if hi <= l.Min {
			hi = l.bound
		}
		if math.IsInf(hi, 0) || hi > 1e6 {
			hi = 1e6
		}
		l.Max = hi
		if l.Min < 0 {
			l.Min = math.Max(l.Min, -hi)
		}
		l.Step = niceStep((l.Max - l.Min) / 100)
	}
	return out, nil
}

// codes returns a parameter row's tier and cadre codes, empty for "any".
func codes(p sim.Param) (tier, cadre string) {
	if p.Tier != sim.AnyTier {
		tier = p.Tier.String()
	}
	if p.Cadre != sim.AnyCadre {
		cadre = p.Cadre.String()
	}
	return tier, cadre
}

// current is the scenario's value of a parameter cell in the lever's year:
// the latest row with exactly these region, tier and cadre columns that
// starts by then, else the key's default.
func current(s *sim.Scenario, p sim.Param, sp sim.ParamSpec) float64 {
	v, from := sp.Default, -1
	for _, q := range s.Params {
		if q.Key == p.Key && q.Region == p.Region && q.Tier == p.Tier && q.Cadre == p.Cadre && q.Year <= max(p.Year, s.BaseYear+1) && q.Year >= from {
			v, from = q.Value, q.Year
		}
	}
	return v
}

// niceCeil rounds x up to 1, 2 or 5 times a power of ten.
func niceCeil(x float64) float64 {
	if x <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= x {
			return m * p
		}
	}
	return 10 * p
}

// niceStep rounds x down to 1, 2 or 5 times a power of ten.
func niceStep(x float64) float64 {
	if x <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{5, 2, 1} {
		if m*p <= x {
			return m * p
		}
	}
	return p
}

// overrides checks settings against the levers and turns them into
// parameter rows. Unknown lever ids, values outside a lever's range and
// years outside the projection are errors; levers without a setting keep
// the scenario's value.
func overrides(s *sim.Scenario, levers []Lever, set map[string]Setting) ([]sim.Param, error) {
	byID := map[string]*Lever{}
	for i := range levers {
		byID[levers[i].ID] = &levers[i]
	}
	var out []sim.Param
	for i := range levers {
		l := &levers[i]
		st, ok := set[l.ID]
		if !ok {
			continue
		}
		if math.IsNaN(st.Value) || st.Value < l.Min || st.Value > l.Max {
			return nil, fmt.Errorf("lever %s: %s is outside its range %s to %s %s", l.ID, fmtNum(st.Value), fmtNum(l.Min), fmtNum(l.Max), l.Unit)
		}
		if st.Year < s.BaseYear || st.Year > s.Horizon {
			return nil, fmt.Errorf("lever %s: year %d is outside the projection %d to %d", l.ID, st.Year, s.BaseYear, s.Horizon)
		}
		p := l.param
		p.Value, p.Year, p.Source = st.Value, st.Year, "clinicsim serve"
		out = append(out, p)
	}
	for _, id := range slices.Sorted(maps.Keys(set)) {
		if byID[id] == nil {
			return nil, fmt.Errorf("no lever %q in scenario %s", id, s.Name)
		}
	}
	return out, nil
}

func fmtNum(x float64) string { return strconv.FormatFloat(x, 'g', 6, 64) }

// leverNamesZH are the Chinese names the page shows for the lever keys the
// shipped scenarios use; other keys show their key.
var leverNamesZH = map[string]string{
	"hires":                         "每年新增招聘",
	"secondment.share":              "县聘乡用派驻比例（占医院医师招聘）",
	"lever.continuous_deductible":   "转诊起付线连续计算（均衡基层就诊占比增加）",
	"lever.four_departments":        "四个科室建设",
	"lever.remote_consult":          "远程会诊与影像诊断",
	"lever.senior_duty":             "上级医院专家坐诊",
	"lever.down_referral":           "下转率增加",
	"fd.speed":                      "家庭医生签约推进速度（每年缩小差距的比例）",
	"fd.all_max":                    "全人群签约覆盖上限",
	"fd.teams_per_gp":               "每名全科医生家庭医生团队数",
	"long_rx.share":                 "慢病长处方比例",
	"senior_duty_days":              "专家每周坐诊天数",
	"upgrade.per_year":              "每年提档升级机构数",
	"build.per_year.village_clinic": "每年新建村卫生室",
	"build.per_year.chs_centre":     "每年新建社区卫生服务中心",
	"build.lead_years.sub_centre":   "区域医疗分中心建设周期",
}

// unitsZH are the Chinese names of the lever units.
var unitsZH = map[string]string{
	"fraction":          "比例",
	"fraction/year":     "比例/年",
	"percentage points": "百分点",
	"persons/year":      "人/年",
	"years":             "年",
	"facilities/year":   "个/年",
	"upgrades/year":     "个/年",
	"teams/GP":          "个团队/全科医生",
	"days/week":         "天/周",
}
