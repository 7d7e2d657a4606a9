package sim

import (
	"fmt"
	"math"
)

// Indicator is an entry of the indicator catalog.
type Indicator struct {
	ID       string
	NameZH   string
	NameEN   string
	UnitZH   string
	UnitEN   string
	Decimals int // precision at which plans state the indicator; verdicts round to it
	// Modelled is true when the engine computes the indicator; otherwise it
	// is carried as a trend of its observed values.
	Modelled bool
	// Min and Max bound a scheduled indicator's trend (NaN: unbounded).
	Min, Max float64
	// Facility marks an indicator the facility model computes when the
	// scenario lists facilities; without them it is carried as a trend.
	Facility bool
	// PatientFlow marks an indicator the patient-flow and services model
	// computes when it is on; otherwise it is carried as a trend.
	PatientFlow bool
	// Flow marks a count of events in a year (hires, secondees sent); it
	// has no value in the base year, which has no flows.
	Flow bool
}

// Catalog is the list of indicators a run knows.
type Catalog struct {
	list []Indicator
	byID map[string]int
}

// Lookup returns the indicator with the given id.
func (c *Catalog) Lookup(id string) (Indicator, bool) {
	i, ok := c.byID[id]
	if !ok {
		return Indicator{}, false
	}
	return c.list[i], true
}

// All returns the indicators in catalog order.
func (c *Catalog) All() []Indicator { return append([]Indicator(nil), c.list...) }

// Len is the number of indicators.
func (c *Catalog) Len() int { return len(c.list) }

func (c *Catalog) add(ind Indicator) error {
	if ind.ID == "" {
		return fmt.Errorf("indicator with empty id")
	}
	if _, dup := c.byID[ind.ID]; dup {
		return fmt.Errorf("indicator %q is already in the catalog", ind.ID)
	}
	c.byID[ind.ID] = len(c.list)
	c.list = append(c.list, ind)
	return nil
}

// With returns a new catalog holding c's indicators and extra, which must be
// scheduled indicators with new ids.
func (c *Catalog) With(extra []Indicator) (*Catalog, error) {
	out := &Catalog{list: append([]Indicator(nil), c.list...), byID: make(map[string]int, len(c.list)+len(extra))}
	for k, v := range c.byID {
		out.byID[k] = v
	}
	for _, ind := range extra {
		if ind.Modelled {
			return nil, fmt.Errorf("indicator %q: a scenario can add only scheduled indicators", ind.ID)
		}
		if err := out.add(ind); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Units shared by many indicators.
const (
	pctZH, pctEN     = "%", "%"
	countZH, countEN = "个", "count"
	persZH, persEN   = "人", "persons"
)

// modelled lists the indicators the engine computes, with their formulas.
// Region values aggregate the region and everything below it.
var modelled = []struct {
	Indicator
	f func(a *aggregate) float64
}{
	{ind("population", "常住人口", "resident population", persZH, persEN, 0), func(a *aggregate) float64 { return a.pop }},
	{ind("pop_65plus", "65岁及以上人口", "residents aged 65+", persZH, persEN, 0), func(a *aggregate) float64 { return a.pop65 }},
	{ind("share_65plus", "65岁及以上人口占比", "share of residents aged 65+", pctZH, pctEN, 2), func(a *aggregate) float64 { return pct(a.pop65, a.pop) }},
	{ind("hypertension_patients", "高血压患者数", "hypertension patients", persZH, persEN, 0), func(a *aggregate) float64 { return a.hypertension }},
	{ind("diabetes_patients", "2型糖尿病患者数", "type-2 diabetes patients", persZH, persEN, 0), func(a *aggregate) float64 { return a.diabetes }},
	{ind("key_population", "重点人群数", "key populations", persZH, persEN, 0), func(a *aggregate) float64 { return a.keyPop }},
	{ind("physicians_per_1000", "每千人口执业（助理）医师数", "licensed (incl. assistant) physicians per 1,000 residents", "人/千人", "per 1,000", 2),
		func(a *aggregate) float64 { return per(a.licensed(nil), a.pop, 1000) }},
	{ind("nurses_per_1000", "每千人口注册护士数", "registered nurses per 1,000 residents", "人/千人", "per 1,000", 2),
		func(a *aggregate) float64 { return per(a.cadre(Nurse, nil), a.pop, 1000) }},
	{ind("gps_per_10000", "每万人口全科医生数", "general practitioners per 10,000 residents", "人/万人", "per 10,000", 2),
		func(a *aggregate) float64 { return per(a.cadre(GP, nil), a.pop, 10000) }},
	{ind("health_workers_per_1000", "每千人口卫生人员数", "health workers per 1,000 residents", "人/千人", "per 1,000", 2),
		func(a *aggregate) float64 { return per(a.staff(nil), a.pop, 1000) }},
	{ind("primary_workers_per_1000", "每千人基层医疗卫生机构卫生人员", "primary-care health workers per 1,000 residents", "人/千人", "per 1,000", 2),
		func(a *aggregate) float64 { return per(a.staff(Tier.Primary), a.pop, 1000) }},
	{ind("primary_physicians_per_1000", "每千人基层执业（助理）医师数", "primary-care licensed physicians per 1,000 residents", "人/千人", "per 1,000", 2),
		func(a *aggregate) float64 { return per(a.licensed(Tier.Primary), a.pop, 1000) }},
	{ind("primary_physicians_incl_seconded_per_1000", "每千人基层执业（助理）医师数（含县聘乡用）", "primary-care licensed physicians incl. secondees per 1,000", "人/千人", "per 1,000", 2),
		func(a *aggregate) float64 { return per(a.licensed(Tier.Primary)+a.secondedActive, a.pop, 1000) }},
	{ind("pharmacists_per_100_beds", "每百张床位临床药师数", "clinical pharmacists per 100 hospital beds", "人/百床", "per 100 beds", 2),
		func(a *aggregate) float64 { return per(a.stock[Hospital][ClinicalPharmacist], a.beds[Hospital], 100) }},
	{ind("vd_licensed_share", "执业（助理）医师占乡村医生人数比例", "licensed (incl. assistant) physicians among village doctors", pctZH, pctEN, 2),
		func(a *aggregate) float64 {
			var lic, all float64
			for t := range NumTiers {
				for c := range NumCadres {
					if Cadre(c).VillageDoctor() {
						all += a.stock[t][c]
						if Cadre(c).Licensed() {
							lic += a.stock[t][c]
						}
					}
				}
			}
			return pct(lic, all)
		}},
	{ind("seconded_active", "县聘乡用在岗人数", "county-hired township-used physicians at primary level", persZH, persEN, 0), func(a *aggregate) float64 { return a.secondedActive }},
	{ind("seconded_cumulative", "县聘乡用累计派出人数", "county-hired township-used physicians sent (cumulative)", persZH, persEN, 0), func(a *aggregate) float64 { return a.secondedCum }},
	{ind("primary_tech_hires", "当年基层招聘专业技术人员数", "technical staff hired for primary institutions in the year", persZH, persEN, 0).flow(),
		func(a *aggregate) float64 { return a.primaryTechHires }},
	{ind("seconded_sent", "当年派出县聘乡用人数", "county-hired township-used physicians sent in the year", persZH, persEN, 0).flow(), func(a *aggregate) float64 { return a.secondedSent }},
	{ind("hires_blocked_by_quota", "编制限制未能招聘人数", "hires blocked by the staffing quota", persZH, persEN, 0).flow(), func(a *aggregate) float64 { return a.blocked }},
	{ind("cost_workforce", "人员经费（含补助津贴）", "workforce spending (pay, allowances, subsidies, secondments)", "万元", "10,000 yuan", 0), func(a *aggregate) float64 { return a.costWorkforce / 1e4 }},
	{ind("cost_training", "培养经费", "training spending", "万元", "10,000 yuan", 0), func(a *aggregate) float64 { return a.costTraining / 1e4 }},
	{ind("cost_total", "总投入（人员、培养、基建）", "total spending (workforce, training, capital)", "万元", "10,000 yuan", 0),
		func(a *aggregate) float64 { return (a.costWorkforce+a.costTraining)/1e4 + a.capital }},
	{ind("cost_cumulative", "基年后累计总投入", "total spending since the base year", "万元", "10,000 yuan", 0), func(a *aggregate) float64 { return a.costCum / 1e4 }},
	{ind("hospital_beds", "医院床位数", "hospital beds", "张", "beds", 0), func(a *aggregate) float64 { return a.beds[Hospital] }},
	{ind("staff_total", "卫生人员总数", "health workers, all tiers", persZH, persEN, 0), func(a *aggregate) float64 { return a.staff(nil) }},
	{ind("primary_staff_total", "基层医疗卫生机构卫生人员数", "primary-care health workers", persZH, persEN, 0), func(a *aggregate) float64 { return a.staff(Tier.Primary) }},
}

func ind(id, zh, en, uzh, uen string, dec int) Indicator {
	return Indicator{ID: id, NameZH: zh, NameEN: en, UnitZH: uzh, UnitEN: uen, Decimals: dec, Modelled: true, Min: math.NaN(), Max: math.NaN()}
}

func (in Indicator) pf() Indicator {
	in.PatientFlow = true
	return in
}

func (in Indicator) flow() Indicator {
	in.Flow = true
	return in
}

func sched(id, zh, en, uzh, uen string, dec int) Indicator {
	in := ind(id, zh, en, uzh, uen, dec)
	in.Modelled = false
	in.Min = 0
	if uen == pctEN {
		in.Max = 100
	}
	return in
}

func pct(a, b float64) float64 { return per(a, b, 100) }

func per(a, b, k float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b * k
}

// facilityIndicators are computed by the facility model when the scenario
// lists facilities, and carried as trends otherwise.
var facilityIndicators = []struct {
	Indicator
	f      func(a *aggregate) float64
	counts FacilityType // the type a count is of, or -1
	grades bool         // a grade indicator (needs centres)
}{
	{fac("township_centres", "乡镇卫生院数量", "township health centres", countZH, countEN, 0), func(a *aggregate) float64 { return a.fac[FTownshipCentre] }, FTownshipCentre, false},
	{fac("chs_centres", "社区卫生服务中心数量", "CHS centres", countZH, countEN, 0), func(a *aggregate) float64 { return a.fac[FCHSCentre] }, FCHSCentre, false},
	{fac("chs_stations", "社区卫生服务站数量", "CHS stations", countZH, countEN, 0), func(a *aggregate) float64 { return a.fac[FCHSStation] }, FCHSStation, false},
	{fac("village_clinics", "村卫生室数量", "village clinics", countZH, countEN, 0), func(a *aggregate) float64 { return a.fac[FVillageClinic] }, FVillageClinic, false},
	{fac("community_hospitals", "社区医院数量", "community hospitals", countZH, countEN, 0), func(a *aggregate) float64 { return a.fac[FCommunityHospital] }, FCommunityHospital, false},
	{fac("regional_sub_centres", "区域医疗卫生次中心数量", "regional medical sub-centres", countZH, countEN, 0), func(a *aggregate) float64 { return a.fac[FSubCentre] }, FSubCentre, false},
	{fac("grade_a_chs_centres", "甲级社区卫生服务中心数量", "grade-A CHS centres", countZH, countEN, 0), func(a *aggregate) float64 { return a.chsA }, FCHSCentre, true},
	{fac("grade_a_centre_share", "甲级乡镇卫生院（社区卫生服务中心）比例", "grade-A township / CHS centres", pctZH, pctEN, 1), func(a *aggregate) float64 { return a.centreShare(Recommended) }, -1, true},
	{fac("grade_b_centre_share", "乙级及以上乡镇卫生院（社区卫生服务中心）比例", "grade-B-or-better township / CHS centres", pctZH, pctEN, 1), func(a *aggregate) float64 { return a.centreShare(Basic) }, -1, true},
	{fac("primary_basic_standard_share", "达到基本标准的基层医疗卫生机构比例", "primary institutions meeting the basic standard", pctZH, pctEN, 1), func(a *aggregate) float64 { return a.centreShare(Basic) }, -1, true},
	{fac("primary_recommended_standard_share", "达到推荐标准的基层医疗卫生机构比例", "primary institutions meeting the recommended standard", pctZH, pctEN, 1), func(a *aggregate) float64 { return a.centreShare(Recommended) }, -1, true},
	{fac("facilities_understaffed", "人员不足最低配置的机构数", "facilities below their minimum staffing", countZH, countEN, 0), func(a *aggregate) float64 { return a.understaffed }, -1, false},
	{fac("capital_cost", "当年基建投入", "capital spending in the year", "万元", "10,000 yuan", 0).flow(), func(a *aggregate) float64 { return a.capital }, -1, false},
	{fac("capital_cost_cumulative", "累计基建投入", "capital spending since the base year", "万元", "10,000 yuan", 0), func(a *aggregate) float64 { return a.capitalCum }, -1, false},
}

func fac(id, zh, en, uzh, uen string, dec int) Indicator {
	in := sched(id, zh, en, uzh, uen, dec)
	in.Facility = true
	return in
}

// scheduled lists indicators that later models will compute; for now each
// is carried as a trend of its observed values.
var scheduled = []Indicator{
	sched("primary_visit_share", "基层医疗卫生机构诊疗量占总诊疗量比例", "primary-care share of all visits", pctZH, pctEN, 2).pf(),
	sched("satisfaction_public_health", "基本公共卫生服务群众满意度", "satisfaction with basic public health services", pctZH, pctEN, 2),
	sched("tertiary_hospitals", "三级医院数量", "tertiary (level-3) hospitals", countZH, countEN, 0),
	sched("tcm_hospitals_l2", "二级及以上中医院数量", "level-2+ TCM hospitals", countZH, countEN, 0),
	sched("mch_hospitals_l2", "二级及以上妇幼保健院数量", "level-2+ maternal and child health hospitals", countZH, countEN, 0),
	sched("cdc_l2", "二级及以上疾控机构数量", "level-2+ CDCs", countZH, countEN, 0),
	sched("mental_centres_l2", "二级及以上精神卫生中心数量", "level-2+ mental health centres", countZH, countEN, 0),
	sched("internet_hospital_share", "二级及以上公立医院已建成互联网医院比例", "level-2+ public hospitals with an internet hospital", pctZH, pctEN, 1),
	sched("village_clinic_tcm_share", "能够提供中医药服务的村卫生室比例", "village clinics offering TCM", pctZH, pctEN, 1),
	sched("ehr_coverage", "居民规范化电子健康档案覆盖率", "standardized e-health record coverage", pctZH, pctEN, 2).pf(),
	sched("ehr_filing_rate", "电子健康档案建档率", "e-health record filing rate", pctZH, pctEN, 1),
	sched("elderly_mgmt_rate", "65岁及以上老年人城乡社区规范健康管理服务率", "residents 65+ under standardized health management", pctZH, pctEN, 2).pf(),
	sched("diabetes_mgmt_rate", "2型糖尿病患者基层规范管理服务率", "type-2 diabetes patients under standardized primary management", pctZH, pctEN, 2).pf(),
	sched("hypertension_mgmt_rate", "高血压患者基层规范管理服务率", "hypertension patients under standardized primary management", pctZH, pctEN, 2).pf(),
	sched("diabetes_treatment_rate", "糖尿病患者规范化诊疗率", "diabetes patients under standardized treatment", pctZH, pctEN, 1),
	sched("hypertension_treatment_rate", "高血压患者规范化诊疗率", "hypertension patients under standardized treatment", pctZH, pctEN, 1),
	sched("fd_coverage_all", "家庭医生签约服务全人群覆盖率", "family-doctor contract coverage, whole population", pctZH, pctEN, 2).pf(),
	sched("fd_coverage_key", "家庭医生签约服务重点人群覆盖率", "family-doctor contract coverage, key populations", pctZH, pctEN, 2).pf(),
	sched("fd_teams", "家庭医生团队数", "family-doctor teams", countZH, countEN, 0).pf(),
	sched("child_immunisation_rate", "适龄儿童免疫规划疫苗接种率", "child immunisation rate", pctZH, pctEN, 1),
	sched("grade_a_primary_new", "新增甲级基层医疗卫生机构数量", "new grade-A primary institutions", countZH, countEN, 0),
	sched("branch_institutions", "成为区级医院分院的基层医疗卫生机构数", "primary institutions made branches of district hospitals", countZH, countEN, 0),
	sched("featured_specialties", "基层特色专科数", "primary-care featured specialties", countZH, countEN, 0),
	sched("downward_referral_growth", "区级医院下转人数增长率", "growth of downward referrals from district hospitals", pctZH, pctEN, 1).pf(),
	sched("towns_with_public_institution_share", "有公办医疗机构的镇街比例", "towns/subdistricts with a public medical institution", pctZH, pctEN, 1),
	sched("high_level_hires", "当年引进高层次人才数", "high-level talents hired in the year", persZH, persEN, 0),
	sched("scarce_recruited_cumulative", "累计引进紧缺人才数", "scarce professionals recruited (cumulative)", persZH, persEN, 0),
	sched("academic_leaders", "学科带头人数", "academic leaders", persZH, persEN, 0),
	sched("young_backbone", "青年骨干人才数", "young backbone talents", persZH, persEN, 0),
	sched("qc_centres", "区级医疗质量控制中心数量", "district quality-control centres", countZH, countEN, 0),
	sched("district_key_specialties", "区级临床重点专科数量", "district clinical key specialties", countZH, countEN, 0),
	sched("cdc_key_specialties", "疾控市级公共卫生重点专科数量", "CDC municipal public-health key specialties", countZH, countEN, 0),
	sched("tcm_halls_premium", "精品中医馆数量", "premium TCM halls", countZH, countEN, 0),
	sched("tcm_halls_demo", "示范中医馆数量", "demonstration TCM halls", countZH, countEN, 0),
	sched("elderly_friendly_share", "老年友善医疗机构比例", "elderly-friendly medical institutions", pctZH, pctEN, 1),
	sched("geriatrics_dept_share", "二级及以上综合医院设老年医学科比例", "level-2+ general hospitals with a geriatrics department", pctZH, pctEN, 1),
	sched("county_sub_centres", "县域医疗卫生次中心数量", "county medical sub-centres", countZH, countEN, 0),
	sched("tight_medcom_county_share", "达到紧密型县域医共体标准的县比例", "counties meeting the tight county medical community standard", pctZH, pctEN, 1),
	sched("county_hosp_five_centres_share", "建成“五大临床服务中心”和“五大急诊急救中心”的县级医院比例", "county hospitals with the five clinical and five emergency centres", pctZH, pctEN, 1),
	sched("county_hosp_recommended_share", "达到推荐标准的县级医院比例", "county hospitals meeting the recommended standard", pctZH, pctEN, 1),
	sched("national_key_specialties", "国家级临床重点专科数量", "national clinical key specialties", countZH, countEN, 0),
	sched("provincial_key_specialties", "省级临床重点专科数量", "provincial clinical key specialties", countZH, countEN, 0),
	sched("city_key_specialties", "市级临床重点专科数量", "city-level clinical key specialties", countZH, countEN, 0),
	sched("county_key_specialties", "县级临床重点专科数量", "county-level clinical key specialties", countZH, countEN, 0),
	sched("cdc_professional_post_share", "疾控机构专业技术岗位占比", "professional posts in CDCs", pctZH, pctEN, 1),
	sched("technical_staff_share", "卫生技术人员占比", "technical staff among all staff", pctZH, pctEN, 1),
}

// NewCatalog returns the built-in catalog: the modelled indicators, one
// headcount indicator per tier and per cadre, and the scheduled indicators
// of the seed plans.
func NewCatalog() *Catalog {
	c := &Catalog{byID: make(map[string]int)}
	for _, m := range modelled {
		mustAdd(c, m.Indicator)
	}
	for t := range NumTiers {
		mustAdd(c, ind(tierIndicatorID(Tier(t)), Tier(t).NameZH()+"卫生人员数", "health workers in "+Tier(t).NameEN(), persZH, persEN, 0))
	}
	for k := range NumCadres {
		mustAdd(c, ind(cadreIndicatorID(Cadre(k)), Cadre(k).NameZH()+"人数", Cadre(k).NameEN()+" (all tiers)", persZH, persEN, 0))
	}
	for _, f := range facilityIndicators {
		mustAdd(c, f.Indicator)
	}
	for _, s := range scheduled {
		mustAdd(c, s)
	}
	for _, f := range newFlowIndicators {
		mustAdd(c, f)
	}
	return c
}

// ruleIndicatorIDs are the indicators the facility model adds for a rule:
// the share of units complying, the share of residents living in them, and
// for MinPopulation rules the units served by circuit visits.
func ruleIndicatorIDs(r Rule) (units, pop, circuit string) {
	return "rule_" + r.ID, "rule_" + r.ID + "_pop", "rule_" + r.ID + "_circuit"
}

// WithRules returns a catalog with each rule's indicators added as
// modelled indicators.
func (c *Catalog) WithRules(rules []Rule) (*Catalog, error) {
	var extra []Indicator
	for _, r := range rules {
		u, p, ci := ruleIndicatorIDs(r)
		zh, en := r.NameZH, r.NameEN
		if zh == "" {
			zh = r.ID
		}
		if en == "" {
			en = r.ID
		}
		extra = append(extra, ind(u, zh+"：达标单位比例", en+": units complying", pctZH, pctEN, 1), ind(p, zh+"：达标单位人口比例", en+": residents in complying units", pctZH, pctEN, 1))
		if r.Basis == MinPopulation {
			extra = append(extra, ind(ci, zh+"：巡诊服务单位数", en+": units served by circuit visits", countZH, countEN, 0))
		}
	}
	out, err := c.With(nil)
	if err != nil {
		return nil, err
	}
	for _, in := range extra {
		if err := out.add(in); err != nil {
			return nil, fmt.Errorf("rule indicator: %w", err)
		}
	}
	return out, nil
}

func mustAdd(c *Catalog, ind Indicator) {
	if err := c.add(ind); err != nil {
		panic(err) // the built-in tables are wrong: a programmer's mistake
	}
}

func tierIndicatorID(t Tier) string   { return "staff_" + t.Code() }
func cadreIndicatorID(c Cadre) string { return "staff_" + c.Code() }
