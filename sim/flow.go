package sim

import "math"

// The patient-flow and services model works at the district level. It is
// on when visits.per_capita, fd.speed, mgmt.speed or ehr.speed is set; its
// visit part needs visits.per_capita and a base-year primary share (the
// observation, or flow.primary_share0). Each year, after the workforce and
// the facilities:
//
// Demand. Visits = residents under 65 × visits.per_capita + residents 65+
// × visits.per_capita × visits.ratio_65 + chronic patients ×
// visits.chronic_refill × (1 − long_rx.share × long_rx.saving), less the
// share lever.test_recognition avoids (repeat tests no longer needed).
//
// Where patients go. The first-contact primary share s moves part of the way
// (flow.adjust_speed) towards an equilibrium s* = s0 + flow.drift × years
// + flow.quality_effect × change in the grade-B-or-better share +
// flow.fd_effect × change in family-doctor coverage + the policy levers
// in force (lever.continuous_deductible, lever.four_departments,
// lever.remote_consult, and lever.senior_duty scaled by senior_duty_days/3
// up to 1), all in percentage points, bounded to 0-95%.
//
// Transfers. Upward referrals are referral.up_rate (+ lever.up_referral) of
// primary first contacts and leave for hospitals; downward referrals are
// referral.down_rate (+ lever.down_referral) of hospital first contacts and
// arrive in primary care. Primary care then takes at most its capacity:
// clinical staff (licensed physicians and village doctors) in primary
// tiers plus active secondees, times workload.visits_per_clinician (0: no
// cap); the visits it cannot absorb go to hospitals and are counted as
// overflow. Primary and hospital visits add up to demand. The reported
// primary share is of visits after referrals, as statistics count it; the
// base-year first-contact share is solved from the observed one.
//
// Services. Family-doctor teams are primary GPs × fd.teams_per_gp, each
// with a panel of fd.panel residents. Contracts of key populations and of
// other residents move by fd.speed towards fd.key_max and fd.all_max of
// their groups, key populations served first, within the teams' panels.
// The management rates of hypertension, diabetes and residents 65+ move
// by mgmt.speed towards mgmt.max_rate, within what primary GPs and
// public-health staff can manage (mgmt.per_worker patients each; 0: no
// cap); e-health record coverage moves by ehr.speed towards ehr.max.
//
// Each service part starts from the base-year observation of its indicator
// and stays scheduled when the scenario has none.

// flowIndicators are the indicators of the flow and services model. The
// first group is computed whenever the model is on (visits.per_capita > 0);
// the services need a base-year observation of their own.
var flowIDs = struct {
	visits, primary, hospital, overflow, capacity, utilisation, share string
	up, down, upGrowth, downGrowth                                    string
	teams, fdCapacity, fdAll, fdKey                                   string
	ht, dm, elderly, ehr                                              string
	wisnRequired, wisnRatio, wisnGap, normRequired, normGap           string
}{
	"visits_total", "visits_primary", "visits_hospital", "visits_overflow", "primary_capacity", "primary_utilisation", "primary_visit_share",
	"referrals_up", "referrals_down", "referrals_up_growth", "downward_referral_growth",
	"fd_teams", "fd_capacity", "fd_coverage_all", "fd_coverage_key",
	"hypertension_mgmt_rate", "diabetes_mgmt_rate", "elderly_mgmt_rate", "ehr_coverage",
	"wisn_required_physicians", "wisn_ratio", "wisn_gap", "norm_required_physicians", "norm_gap",
}

// newFlowIndicators are the flow model's indicators that the catalog does
// not already hold as scheduled ones.
var newFlowIndicators = append([]Indicator{
	flowInd("visits_total", "总诊疗人次", "visits, all tiers", "人次", "visits", 0),
	flowInd("visits_primary", "基层诊疗人次", "visits to primary care", "人次", "visits", 0),
	flowInd("visits_hospital", "医院诊疗人次", "visits to hospitals", "人次", "visits", 0),
	flowInd("visits_overflow", "基层能力不足转往医院的诊疗人次", "visits primary care could not absorb", "人次", "visits", 0),
	flowInd("primary_capacity", "基层诊疗能力", "primary-care visit capacity", "人次", "visits", 0),
	flowInd("primary_utilisation", "基层诊疗能力利用率", "primary-care capacity utilisation", pctZH, pctEN, 1),
	flowInd("referrals_up", "上转人次", "upward referrals", "人次", "referrals", 0),
	flowInd("referrals_down", "下转人次", "downward referrals", "人次", "referrals", 0),
	flowInd("referrals_up_growth", "上转人次增长率", "growth of upward referrals", pctZH, pctEN, 1).flow(),
	flowInd("fd_capacity", "家庭医生团队签约能力", "family-doctor panel capacity", persZH, persEN, 0),
	flowInd("wisn_required_physicians", "按工作量测算的基层医师需求（WISN）", "primary physicians needed by workload (WISN)", persZH, persEN, 0),
	flowInd("wisn_ratio", "WISN比值（现有/需求）", "WISN ratio (existing / needed)", "", "ratio", 2),
	flowInd("wisn_gap", "按工作量的基层医师缺口", "primary physicians short by workload", persZH, persEN, 0),
	flowInd("norm_required_physicians", "按配置标准的基层医师需求", "primary physicians needed by the norm", persZH, persEN, 0),
	flowInd("norm_gap", "按配置标准的基层医师缺口", "primary physicians short by the norm", persZH, persEN, 0),
}, tierFlowIndicators()...)

// tierFlowIndicators are the visits and WISN ratio of each primary tier.
func tierFlowIndicators() []Indicator {
	var out []Indicator
	for t := TownshipCentre; t <= VillageClinic; t++ {
		out = append(out,
			flowInd("visits_"+t.Code(), t.NameZH()+"诊疗人次", "visits to "+t.NameEN(), "人次", "visits", 0),
			flowInd("wisn_ratio_"+t.Code(), t.NameZH()+"WISN比值", "WISN ratio, "+t.NameEN(), "", "ratio", 2))
	}
	return out
}

func flowInd(id, zh, en, uzh, uen string, dec int) Indicator {
	in := sched(id, zh, en, uzh, uen, dec)
	in.Max = math.NaN()
	in.PatientFlow = true
	return in
}

// flowModel is the state of the flow and services model.
type flowModel struct {
	e              *engine
	on             bool    // any part of the model runs
	visitsOn       bool    // demand, shares, referrals and WISN run
	share0, share  float64 // primary share, fraction
	grade0, fd0    float64 // base-year grade-B-or-better share and coverage, percent
	prevUp, prevDn float64
	fdOn           [2]bool    // all, key
	fdKey, fdOther float64    // contracts
	mgmtOn         [3]bool    // hypertension, diabetes, elderly
	mgmt           [3]float64 // rates, fraction
	ehrOn          bool
	ehr            float64
	idx            map[string]int
}

func newFlowModel(e *engine, cat *Catalog) *flowModel {
	f := &flowModel{e: e, idx: map[string]int{}}
	base := e.s.BaseYear
	if e.district("visits.per_capita", base) <= 0 && e.district("fd.speed", base) <= 0 &&
		e.district("mgmt.speed", base) <= 0 && e.district("ehr.speed", base) <= 0 {
		return f
	}
	f.on = true
	for _, id := range []string{flowIDs.visits, flowIDs.primary, flowIDs.hospital, flowIDs.overflow, flowIDs.capacity, flowIDs.utilisation,
		flowIDs.share, flowIDs.up, flowIDs.down, flowIDs.upGrowth, flowIDs.downGrowth, flowIDs.teams, flowIDs.fdCapacity,
		flowIDs.fdAll, flowIDs.fdKey, flowIDs.ht, flowIDs.dm, flowIDs.elderly, flowIDs.ehr,
		flowIDs.wisnRequired, flowIDs.wisnRatio, flowIDs.wisnGap, flowIDs.normRequired, flowIDs.normGap} {
		f.idx[id] = cat.byID[id]
	}
	obs := func(id string) (float64, bool) {
		for _, o := range e.s.Observed {
			if o.Indicator == id && o.Region == "" && o.Year == e.s.BaseYear {
				return o.Value / 100, true
			}
		}
		return 0, false
	}
	observed, ok := obs(flowIDs.share)
	if !ok {
		observed = e.district("flow.primary_share0", base) / 100
	}
	// The observed share counts visits after referrals: first contacts
	// less those referred up plus those referred down. Solve for the
	// first-contact share that gives it: obs = s(1-up-down) + down.
	up0, down0 := f.rates(base)
	if observed > 0 {
		f.share0 = (observed - down0) / (1 - up0 - down0)
	}
	f.share = f.share0
	f.visitsOn = f.share0 > 0 && e.district("visits.per_capita", base) > 0
	for t := TownshipCentre; t <= VillageClinic; t++ {
		for _, id := range []string{"visits_" + t.Code(), "wisn_ratio_" + t.Code()} {
			f.idx[id] = cat.byID[id]
		}
	}
	var all, key float64
	var okAll, okKey bool
	all, okAll = obs(flowIDs.fdAll)
	key, okKey = obs(flowIDs.fdKey)
	f.fdOn = [2]bool{okAll, okKey}
	f.mgmt[0], f.mgmtOn[0] = obs(flowIDs.ht)
	f.mgmt[1], f.mgmtOn[1] = obs(flowIDs.dm)
	f.mgmt[2], f.mgmtOn[2] = obs(flowIDs.elderly)
	f.ehr, f.ehrOn = obs(flowIDs.ehr)
	a := &e.agg[0]
	if okKey {
		f.fdKey = key * a.keyPop
	}
	if okAll {
		f.fdOther = math.Max(all*a.pop-f.fdKey, 0)
	}
	f.grade0 = a.centreShare(Basic)
	f.fd0 = 100 * all
	f.markModelled()
	return f
}

// markModelled labels the indicators the model computes.
func (f *flowModel) markModelled() {
	tr := f.e.tr
	on := map[string]bool{}
	for id := range f.idx {
		on[id] = f.visitsOn
	}
	on[flowIDs.teams], on[flowIDs.fdCapacity] = true, true
	on[flowIDs.fdAll], on[flowIDs.fdKey] = f.fdOn[0], f.fdOn[1]
	on[flowIDs.ht], on[flowIDs.dm], on[flowIDs.elderly] = f.mgmtOn[0], f.mgmtOn[1], f.mgmtOn[2]
	on[flowIDs.ehr] = f.ehrOn
	for id, i := range f.idx {
		if on[id] {
			tr.setStatus(i, 0, Modelled, "patient-flow model")
		}
	}
}

// rates are the upward and downward referral rates in force in a year.
func (f *flowModel) rates(y int) (up, down float64) {
	e := f.e
	return e.district("referral.up_rate", y) + e.district("lever.up_referral", y),
		e.district("referral.down_rate", y) + e.district("lever.down_referral", y)
}

// clinical is the primary clinical staff of a tier: licensed physicians and
// unlicensed village doctors.
func clinical(a *aggregate, t Tier) float64 {
	return a.sum(func(x Tier) bool { return x == t }, func(c Cadre) bool { return c.Licensed() || c == VDUnlicensed })
}

func (f *flowModel) set(id string, k int, v float64) {
	if i, ok := f.idx[id]; ok && f.e.tr.statusAt(i, 0) == Modelled {
		f.e.tr.set(i, 0, k, v)
	}
}

// record advances the model to year index k (k > 0) and writes its
// indicators; a is the district's aggregate for the year.
func (f *flowModel) record(k int, a *aggregate) {
	if !f.on {
		return
	}
	e := f.e
	y := e.s.BaseYear + k
	p := func(key string) float64 { return e.district(key, y) }

	// Demand.
	rate := p("visits.per_capita")
	chronic := (a.hypertension + a.diabetes) * p("visits.chronic_refill") * (1 - p("long_rx.share")*p("long_rx.saving"))
	demand := ((a.pop-a.pop65)*rate + a.pop65*rate*p("visits.ratio_65") + chronic) * (1 - p("lever.test_recognition"))

	// Services first: coverage feeds the primary share.
	gps := a.cadre(GP, Tier.Primary)
	teams := gps * p("fd.teams_per_gp")
	panel := teams * p("fd.panel")
	if k > 0 {
		speed := p("fd.speed")
		if f.fdOn[1] {
			want := p("fd.key_max") * a.keyPop
			f.fdKey += speed * (want - f.fdKey)
			f.fdKey = math.Min(math.Max(f.fdKey, 0), math.Min(panel, a.keyPop))
		}
		if f.fdOn[0] {
			want := math.Max(p("fd.all_max")*a.pop-f.fdKey, 0)
			f.fdOther += speed * (want - f.fdOther)
			f.fdOther = math.Min(math.Max(f.fdOther, 0), math.Max(panel-f.fdKey, 0))
		}
		workers := gps + a.cadre(PublicHealth, Tier.Primary)
		cap := p("mgmt.per_worker") * workers
		groups := [3]float64{a.hypertension, a.diabetes, a.pop65}
		var managed float64
		for g := range f.mgmt {
			if f.mgmtOn[g] {
				f.mgmt[g] += p("mgmt.speed") * (p("mgmt.max_rate") - f.mgmt[g])
				managed += f.mgmt[g] * groups[g]
			}
		}
		if cap > 0 && managed > cap {
			for g := range f.mgmt {
				f.mgmt[g] *= cap / managed
			}
		}
		if f.ehrOn {
			f.ehr += p("ehr.speed") * (p("ehr.max") - f.ehr)
		}
	}
	coverage := 100 * (f.fdKey + f.fdOther) / a.pop

	// Where patients go.
	if k > 0 {
		senior := math.Min(e.rs.cell("senior_duty_days", 0, 0, 0, y, 0, false)/3, 1)
		pp := p("flow.drift")*float64(k) + p("lever.continuous_deductible") + p("lever.four_departments") +
			p("lever.remote_consult") + p("lever.senior_duty")*senior
		if g := a.centreShare(Basic); !math.IsNaN(g) && !math.IsNaN(f.grade0) {
			pp += p("flow.quality_effect") * (g - f.grade0)
		}
		if f.fdOn[0] {
			pp += p("flow.fd_effect") * (coverage - f.fd0)
		}
		eq := f.share0 + pp/100
		eq = math.Min(math.Max(eq, 0), 0.95)
		f.share += p("flow.adjust_speed") * (eq - f.share)
	}
	// First contacts, then referrals: those referred up leave primary care
	// for hospitals, those referred down arrive from them.
	ur, dr := f.rates(y)
	firstP, firstH := f.share*demand, (1-f.share)*demand
	up, down := ur*firstP, dr*firstH
	wanted := firstP - up + down
	var staff [NumTiers]float64
	var staffAll float64
	for t := TownshipCentre; t <= VillageClinic; t++ {
		staff[t] = clinical(a, t)
		staffAll += staff[t]
	}
	// Secondees work in the centres.
	if staff[TownshipCentre] > 0 {
		staff[TownshipCentre] += a.secondedActive
	} else {
		staff[CHSCentre] += a.secondedActive
	}
	staffAll += a.secondedActive
	capacity := math.Inf(1)
	if w := p("workload.visits_per_clinician"); w > 0 {
		capacity = staffAll * w
	}
	primary := math.Min(wanted, capacity)
	overflow := wanted - primary
	hospital := demand - primary

	// Staffing need by workload (WISN), overall and by tier, and by the
	// norm. Visits are shared among the primary tiers by clinical staff;
	// contract and follow-up work by GPs.
	awt := (p("wisn.days") - p("wisn.holidays") - p("wisn.leave") - p("wisn.sick") - p("wisn.training")) * p("wisn.hours")
	gpHours := (f.fdKey+f.fdOther)*p("wisn.hours_per_contract") +
		(f.mgmt[0]*a.hypertension+f.mgmt[1]*a.diabetes)*p("wisn.followups")*p("wisn.min_per_followup")/60
	hours := primary*p("wisn.min_per_visit")/60 + gpHours
	existing := staffAll
	required := math.NaN()
	if awt > 0 {
		required = hours/awt*(1+p("wisn.caf")) + p("wisn.iaf")
	}
	gpsAll := a.cadre(GP, Tier.Primary)
	for t := TownshipCentre; t <= VillageClinic; t++ {
		visits := 0.0
		if staffAll > 0 {
			visits = primary * staff[t] / staffAll
		}
		f.set("visits_"+t.Code(), k, visits)
		gpShare := 0.0
		if gpsAll > 0 {
			gpShare = a.cadre(GP, func(x Tier) bool { return x == t }) / gpsAll
		}
		if awt > 0 && primary > 0 {
			req := (visits*p("wisn.min_per_visit")/60+gpHours*gpShare)/awt*(1+p("wisn.caf")) + p("wisn.iaf")*visits/primary
			if req > 0 {
				f.set("wisn_ratio_"+t.Code(), k, staff[t]/req)
			}
		}
	}
	norm := p("norm.primary_physicians_per_1000") * a.pop / 1000

	f.set(flowIDs.visits, k, demand)
	f.set(flowIDs.primary, k, primary)
	f.set(flowIDs.hospital, k, hospital)
	f.set(flowIDs.overflow, k, overflow)
	if !math.IsInf(capacity, 1) {
		f.set(flowIDs.capacity, k, capacity)
		f.set(flowIDs.utilisation, k, pct(primary, capacity))
	}
	f.set(flowIDs.share, k, pct(primary, demand))
	f.set(flowIDs.up, k, up)
	f.set(flowIDs.down, k, down)
	if k > 0 {
		f.set(flowIDs.upGrowth, k, 100*(up/f.prevUp-1))
		f.set(flowIDs.downGrowth, k, 100*(down/f.prevDn-1))
	}
	f.prevUp, f.prevDn = up, down
	f.set(flowIDs.teams, k, teams)
	f.set(flowIDs.fdCapacity, k, panel)
	f.set(flowIDs.fdAll, k, coverage)
	f.set(flowIDs.fdKey, k, pct(f.fdKey, a.keyPop))
	f.set(flowIDs.ht, k, 100*f.mgmt[0])
	f.set(flowIDs.dm, k, 100*f.mgmt[1])
	f.set(flowIDs.elderly, k, 100*f.mgmt[2])
	f.set(flowIDs.ehr, k, 100*f.ehr)
	if !math.IsNaN(required) && required > 0 {
		f.set(flowIDs.wisnRequired, k, required)
		f.set(flowIDs.wisnRatio, k, existing/required)
		f.set(flowIDs.wisnGap, k, required-existing)
	}
	if norm > 0 {
		f.set(flowIDs.normRequired, k, norm)
		f.set(flowIDs.normGap, k, norm-a.licensed(Tier.Primary))
	}
}
