package output

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"

	"clinicsim/sim"
)

// htmlRow is one target on the dashboard.
type htmlRow struct {
	Name, Year, Target, Base, Projected, First, Prob string
	Class, Word                                      string
	Chart                                            template.HTML
	Caption                                          string
}

type htmlParam struct {
	Key, Region, Tier, Cadre, Year, Value, Source string
}

type htmlPage struct {
	Lang, Title, Subtitle string
	T                     map[string]string
	Rows                  []htmlRow
	Charts                []htmlRow
	Probability           template.HTML
	Params                []htmlParam
	Uncertain             []htmlParam
	Tally                 string
	HasMC                 bool
}

// WriteHTML writes report.html: one file that opens offline, with its CSS
// and every chart inline, a dashboard of the targets, the charts, the
// assumptions with their sources and how to read it; it prints to A4.
func WriteHTML(w io.Writer, s *sim.Scenario, res *sim.Result, mc *sim.MCResult, look Look, g *gallery) error {
	zh := look.zh()
	pick := func(en, cn string) string {
		if zh {
			return cn
		}
		return en
	}
	page := htmlPage{Lang: pick("en", "zh-CN"), HasMC: mc != nil, T: map[string]string{}}
	for k, v := range htmlPhrases {
		page.T[k] = pick(v[0], v[1])
	}
	page.Title = pick(cmpOr(s.TitleEN, s.Name), cmpOr(s.TitleZH, s.TitleEN, s.Name))
	page.Subtitle = fmt.Sprintf(pick("Scenario %s, base year %d, projected to %d.", "情景 %s，基年 %d，推演至 %d 年。"), s.Name, s.BaseYear, s.Horizon)
	district := s.Regions[0].ID
	seen := map[string]bool{}
	for i, v := range res.Verdicts {
		d := v.Indicator.Decimals
		f := func(x float64) string {
			if math.IsNaN(x) {
				return "–"
			}
			return fmt.Sprintf("%.*f", d, x)
		}
		row := htmlRow{Name: look.Name(v.Indicator), Year: fmt.Sprint(v.Target.Year),
			Target: look.Cmp(v.Target.Comparison) + " " + formatValue(v.Target.Value) + " " + look.Unit(v.Indicator),
			Base:   f(v.Base), Projected: f(v.Projected), First: firstText(v, "–")}
		if v.Target.Region != "" {
			row.Name += " (" + v.Target.Region + ")"
		}
		var p float64 = math.NaN()
		if mc != nil {
			p = mc.Targets[i].Probability
			row.Prob = "–"
			if v.Status == sim.Modelled {
				row.Prob = fmt.Sprintf("%.0f%%", 100*p)
			}
		}
		switch {
		case v.Status == sim.NoData:
			row.Class, row.Word = "none", page.T["no data"]
			row.Prob = ""
		case v.Status == sim.Scheduled:
			row.Class, row.Word = "trend", page.T["trend"]
		case mc != nil && p >= 0.8, mc == nil && v.Met:
			row.Class, row.Word = "met", page.T["met"]
		case mc != nil && p >= 0.5:
			row.Class, row.Word = "risk", page.T["at risk"]
		default:
			row.Class, row.Word = "missed", page.T["not met"]
		}
		page.Rows = append(page.Rows, row)
		name := ChartFile(v.Target.Indicator, v.Target.Region, district)
		if seen[name] {
			continue
		}
		seen[name] = true
		chart := "charts/" + name
		if mc != nil {
			if _, ok := g.get("charts/fan-" + name); ok {
				chart = "charts/fan-" + name
			}
		}
		if svg, ok := g.get(chart); ok {
			c := row
			c.Chart = inlineSVG(svg)
			c.Caption = row.Name
			page.Charts = append(page.Charts, c)
		}
	}
	if svg, ok := g.get("charts/probabilities"); ok {
		page.Probability = inlineSVG(svg)
	}
	c := Tally(res.Verdicts)
	page.Tally = fmt.Sprintf(pick("%d targets: %d met and %d missed of those modelled; %d carried as trends (not modelled); %d without data.",
		"共 %d 项目标：模型计算的目标中 %d 项达成、%d 项未达成；%d 项为延续趋势（未建模）；%d 项无数据。"),
		len(res.Verdicts), c.ModelledMet, c.ModelledMissed, c.ScheduledMet+c.ScheduledMissed, c.NoData)
	for _, p := range s.Params {
		page.Params = append(page.Params, paramRow(p, formatValue(p.Value), p.Source))
	}
	for _, u := range s.Uncertain {
		args := make([]string, len(u.Dist.Args))
		for i, a := range u.Dist.Args {
			args[i] = formatValue(a)
		}
		page.Uncertain = append(page.Uncertain, paramRow(u.Param, u.Dist.Kind+"("+strings.Join(args, ", ")+")", u.Source))
	}
	return reportTemplate.Execute(w, page)
}

func paramRow(p sim.Param, value, source string) htmlParam {
	r := htmlParam{Key: p.Key, Region: cmpOr(p.Region, "all"), Tier: "all", Cadre: "all", Year: "all", Value: value, Source: source}
	if p.Tier != sim.AnyTier {
		r.Tier = p.Tier.Code()
	}
	if p.Cadre != sim.AnyCadre {
		r.Cadre = p.Cadre.Code()
	}
	if p.Year != 0 {
		r.Year = fmt.Sprint(p.Year)
	}
	return r
}

func cmpOr(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// inlineSVG drops the XML declaration of a chart so it can sit in HTML.
// The SVG is clinicsim's own drawing, not user text: gonum/plot escapes
// the labels it writes.
func inlineSVG(svg string) template.HTML {
	if i := strings.Index(svg, "<svg"); i >= 0 {
		svg = svg[i:]
	}
	svg = strings.Replace(svg, "<svg", `<svg preserveAspectRatio="xMidYMid meet" class="chart"`, 1)
	return template.HTML(svg)
}

// htmlPhrases are the report's words in English and Chinese.
var htmlPhrases = map[string][2]string{
	"dashboard":   {"Targets at a glance", "目标一览"},
	"indicator":   {"Indicator", "指标"},
	"year":        {"Year", "年份"},
	"target":      {"Target", "目标值"},
	"base":        {"Base year", "基年值"},
	"projected":   {"Projected", "预测值"},
	"first":       {"First met", "首次达成"},
	"probability": {"Probability", "达成概率"},
	"verdict":     {"Verdict", "判定"},
	"met":         {"met", "达成"},
	"at risk":     {"at risk", "有风险"},
	"not met":     {"not met", "未达成"},
	"trend":       {"trend only", "仅延续趋势"},
	"no data":     {"no data", "无数据"},
	"charts":      {"Charts", "图表"},
	"assumptions": {"Assumptions and their sources", "假设与来源"},
	"uncertain":   {"Uncertain parameters", "不确定参数"},
	"key":         {"Parameter", "参数"},
	"region":      {"Region", "地区"},
	"tier":        {"Tier", "层级"},
	"cadre":       {"Cadre", "人员类别"},
	"from":        {"From year", "起始年份"},
	"value":       {"Value", "取值"},
	"source":      {"Source", "来源"},
	"how":         {"How to read this report", "如何阅读本报告"},
	"how1": {"Met / not met: the projected value in the target year, rounded as the plan states it, against the target. With Monte Carlo draws, met means at least 80% of draws meet it, at risk 50–80%, not met below 50%.",
		"达成／未达成：目标年份的预测值（按规划表述的精度取整）与目标值比较。若进行了蒙特卡洛模拟，达成表示至少80%的模拟达标，有风险为50%–80%，未达成为低于50%。"},
	"how2": {"Trend only: the indicator is not modelled; its past trend (or its last value, held) is carried forward, so the verdict says only whether that trend reaches the target.",
		"仅延续趋势：该指标未建模，仅沿用其历史趋势（或保持最近一次的值），判定只说明该趋势能否达到目标。"},
	"how3": {"Numbers the plans do not give — populations, headcounts by tier, attrition, hiring, speeds and effect sizes — are assumptions, listed below with their sources; replace them with local statistics.",
		"规划文件未给出的数字（人口、各层级人员数、流失率、招聘数、变化速度与政策效应等）均为假设，列于下方并注明来源；请以本地统计数据替换。"},
	"probchart": {"Probability of meeting each target", "各目标达成概率"},
	"generated": {"Produced by clinicsim. Every chart is also in charts/ as PNG and SVG.", "由 clinicsim 生成。所有图表另以 PNG 和 SVG 格式保存在 charts/ 目录。"},
}

var reportTemplate = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei",system-ui,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222;line-height:1.5}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:2px solid #0072B2;padding-bottom:.2rem}
.sub{color:#555}table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f6f9}td.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:.7rem;color:#fff;font-weight:600;font-size:.85rem}
.met{background:#009E73}.risk{background:#E69F00}.missed{background:#D55E00}.trend{background:#999}.none{background:#bbb}
figure{margin:1.5rem 0;page-break-inside:avoid}figcaption{color:#555;font-size:.9rem}svg.chart{width:100%;height:auto}
.small{font-size:.8rem;color:#555}
@media print{@page{size:A4;margin:12mm}body{margin:0;max-width:none;font-size:10pt}h2{page-break-after:avoid}figure{page-break-inside:avoid}table{font-size:8.5pt}a{color:inherit}}
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="sub">{{.Subtitle}}</p>
<h2>{{index .T "dashboard"}}</h2>
<p>{{.Tally}}</p>
<table>
<tr><th>{{index .T "indicator"}}</th><th>{{index .T "year"}}</th><th>{{index .T "target"}}</th><th>{{index .T "base"}}</th><th>{{index .T "projected"}}</th>{{if .HasMC}}<th>{{index .T "probability"}}</th>{{end}}<th>{{index .T "first"}}</th><th>{{index .T "verdict"}}</th></tr>
{{range .Rows}}<tr><td>{{.Name}}</td><td>{{.Year}}</td><td>{{.Target}}</td><td class="num">{{.Base}}</td><td class="num">{{.Projected}}</td>{{if $.HasMC}}<td class="num">{{.Prob}}</td>{{end}}<td>{{.First}}</td><td><span class="badge {{.Class}}">{{.Word}}</span></td></tr>
{{end}}</table>
{{if .Probability}}<figure>{{.Probability}}<figcaption>{{index .T "probchart"}}</figcaption></figure>{{end}}
<h2>{{index .T "how"}}</h2>
<p>{{index .T "how1"}}</p><p>{{index .T "how2"}}</p><p>{{index .T "how3"}}</p>
<h2>{{index .T "charts"}}</h2>
{{range .Charts}}<figure>{{.Chart}}<figcaption>{{.Caption}}</figcaption></figure>
{{end}}
<h2>{{index .T "assumptions"}}</h2>
<table>
<tr><th>{{index .T "key"}}</th><th>{{index .T "region"}}</th><th>{{index .T "tier"}}</th><th>{{index .T "cadre"}}</th><th>{{index .T "from"}}</th><th>{{index .T "value"}}</th><th>{{index .T "source"}}</th></tr>
{{range .Params}}<tr><td>{{.Key}}</td><td>{{.Region}}</td><td>{{.Tier}}</td><td>{{.Cadre}}</td><td>{{.Year}}</td><td class="num">{{.Value}}</td><td class="small">{{.Source}}</td></tr>
{{end}}</table>
{{if .Uncertain}}<h2>{{index .T "uncertain"}}</h2>
<table>
<tr><th>{{index .T "key"}}</th><th>{{index .T "region"}}</th><th>{{index .T "tier"}}</th><th>{{index .T "cadre"}}</th><th>{{index .T "from"}}</th><th>{{index .T "value"}}</th><th>{{index .T "source"}}</th></tr>
{{range .Uncertain}}<tr><td>{{.Key}}</td><td>{{.Region}}</td><td>{{.Tier}}</td><td>{{.Cadre}}</td><td>{{.Year}}</td><td>{{.Value}}</td><td class="small">{{.Source}}</td></tr>
{{end}}</table>{{end}}
<p class="small">{{index .T "generated"}}</p>
</body>
</html>
`))
