package output

import (
	"fmt"
	"io"
	"strings"

	"clinicsim/sim"
)

// ChartFile is the base name (without extension) of an indicator's chart.
func ChartFile(indicator, region, district string) string {
	if region == "" || region == district {
		return indicator
	}
	return indicator + "@" + region
}

// WriteReport writes a Markdown report of a run: the verdicts, the charts
// and the parameters with their sources.
func WriteReport(w io.Writer, s *sim.Scenario, res *sim.Result) error {
	var b strings.Builder
	title := s.TitleZH
	if s.TitleEN != "" {
		title += " / " + s.TitleEN
	}
	fmt.Fprintf(&b, "# %s\n\n", strings.TrimPrefix(title, " / "))
	fmt.Fprintf(&b, "Scenario `%s`, base year %d, projected to %d. Produced by `clinicsim run`.\n\n", s.Name, s.BaseYear, s.Horizon)
	fmt.Fprintf(&b, "## Verdicts 目标判定\n\n%d targets. %s.\n\n", len(res.Verdicts), Tally(res.Verdicts))
	b.WriteString("| 指标 | indicator | year | target | base | projected | met | first met | status |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|\n")
	for _, v := range res.Verdicts {
		d := v.Indicator.Decimals
		f := func(x float64) string {
			if x != x {
				return "–"
			}
			return fmt.Sprintf("%.*f", d, x)
		}
		metS, first := metText(v, "**yes**", "no", "no data"), firstText(v, "–")
		fmt.Fprintf(&b, "| %s | %s | %d | %s %s %s | %s | %s | %s | %s | %s (%s) |\n",
			v.Indicator.NameZH, v.Indicator.NameEN, v.Target.Year, v.Target.Comparison, formatValue(v.Target.Value), v.Indicator.UnitEN,
			f(v.Base), f(v.Projected), metS, first, v.Status, v.Basis)
	}
	b.WriteString("\n*modelled*: computed by the engine from population and workforce flows. " +
		"*scheduled*: not modelled yet; carried as a linear trend of the observed values (held flat when there is a single observation) " +
		"or an assumed trend, so its verdict says only whether the past trend reaches the target. " +
		"*no data*: no base-year value in the scenario.\n\n")
	if len(s.Rules) > 0 {
		writeRules(&b, s, res)
	}
	writeNeed(&b, res.Trajectory)
	b.WriteString("## Charts 图表\n\n")
	seen := map[string]bool{}
	for _, v := range res.Verdicts {
		name := ChartFile(v.Target.Indicator, v.Target.Region, s.Regions[0].ID)
		if seen[name] {
			continue
		}
		seen[name] = true
		fmt.Fprintf(&b, "![%s](charts/%s.png)\n\n", v.Indicator.NameEN, name)
	}
	b.WriteString("## Parameters and sources 参数与来源\n\n| key | region | tier | cadre | from year | value | source |\n|---|---|---|---|---|---|---|\n")
	for _, p := range s.Params {
		tier, cadre, year := "all", "all", "all"
		if p.Tier != sim.AnyTier {
			tier = p.Tier.Code()
		}
		if p.Cadre != sim.AnyCadre {
			cadre = p.Cadre.Code()
		}
		if p.Year != 0 {
			year = fmt.Sprint(p.Year)
		}
		region := p.Region
		if region == "" {
			region = "all"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", p.Key, region, tier, cadre, year, formatValue(p.Value), strings.ReplaceAll(p.Source, "|", "/"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeRules summarises each spacing rule in the base year and at the
// horizon; compliance.csv has every unit and year.
func writeRules(b *strings.Builder, s *sim.Scenario, res *sim.Result) {
	fmt.Fprintf(b, "## Spacing rules 设置标准\n\n| rule | applies to | basis | units complying %d | units complying %d | residents in complying units %d | units with a gap %d |\n|---|---|---|---|---|---|---|\n",
		s.BaseYear, s.Horizon, s.Horizon, s.Horizon)
	for _, r := range s.Rules {
		name := r.NameZH
		if r.NameEN != "" {
			name += " / " + r.NameEN
		}
		if name == "" {
			name = r.ID
		}
		units := "rule_" + r.ID
		first, _ := res.Trajectory.Value(units, "", s.BaseYear)
		last, _ := res.Trajectory.Value(units, "", s.Horizon)
		pop, _ := res.Trajectory.Value(units+"_pop", "", s.Horizon)
		gaps := 0
		for _, u := range res.Compliance {
			if u.Rule == r.ID && u.Year == s.Horizon && u.Gap > 0 {
				gaps++
			}
		}
		fmt.Fprintf(b, "| %s | %s | %s | %.1f%% | %.1f%% | %.1f%% | %d |\n", name, r.AppliesTo, r.Basis, first, last, pop, gaps)
	}
	b.WriteString("\nEvery unit, year, requirement and gap is in `compliance.csv`.\n\n")
}

// writeNeed puts the norm-based and workload-based (WISN) need for primary
// physicians side by side, when the patient-flow model gives them.
func writeNeed(b *strings.Builder, tr *sim.Trajectory) {
	get := func(id string) []float64 {
		v, _ := tr.Series(id, "")
		return v
	}
	wisn, norm := get("wisn_required_physicians"), get("norm_required_physicians")
	has := false
	for i := range wisn {
		has = has || wisn[i] == wisn[i] || norm[i] == norm[i]
	}
	if !has {
		return
	}
	post := get("primary_physicians_per_1000")
	pop := get("population")
	ratio := get("wisn_ratio")
	b.WriteString("## Primary physicians needed 基层医师需求\n\nTwo measures of need side by side: a per-1,000 norm, and the workload (WHO WISN) method. A plan can meet its ratio and still be short on workload. The workload counts what the scenario's wisn.* parameters list (by default clinical visits, family-doctor contracts and chronic follow-ups, plus a 10% category allowance); set local standard workloads for a real assessment.\n\n")
	b.WriteString("| year | in post | needed by the norm | needed by workload (WISN) | WISN ratio (in post / needed) |\n|---|---|---|---|---|\n")
	f := func(x float64) string {
		if x != x {
			return "–"
		}
		return fmt.Sprintf("%.0f", x)
	}
	for i, y := range tr.Years() {
		r := "–"
		if ratio[i] == ratio[i] {
			r = fmt.Sprintf("%.2f", ratio[i])
		}
		fmt.Fprintf(b, "| %d | %s | %s | %s | %s |\n", y, f(post[i]*pop[i]/1000), f(norm[i]), f(wisn[i]), r)
	}
	b.WriteString("\n")
}
