package output

// phrases are every user-facing phrase of the charts, in English and
// Chinese. A test checks that each has both.
var phrases = map[string][2]string{
	"year":              {"Year", "年份"},
	"projection":        {"projection (modelled)", "预测（模型计算）"},
	"carried":           {"carried trend (not modelled)", "延续趋势（未建模）"},
	"observed":          {"actual (observed)", "实际值"},
	"target":            {"target %d: %s %s", "%d年目标：%s %s"},
	"no data note":      {"no data: add the base-year value to observed.csv", "无数据：请在 observed.csv 中填写基年值"},
	"verdict no data":   {"target %d %s %s: no data", "%d年目标 %s %s：无数据"},
	"verdict":           {"target %d %s %s: projected %s, %s", "%d年目标 %s %s：预测 %s，%s"},
	"met":               {"met", "达成"},
	"missed":            {"missed", "未达成"},
	"carried suffix":    {" (carried trend)", "（延续趋势）"},
	"caption":           {"%s; %s.  Source: clinicsim projection of %s", "%s；%s。来源：clinicsim 对《%s》的推演"},
	"status modelled":   {"modelled", "模型计算"},
	"status scheduled":  {"scheduled", "延续趋势"},
	"status no data":    {"no data", "无数据"},
	"p95":               {"P5-P95 of draws", "模拟P5–P95区间"},
	"p90":               {"P10-P90 of draws", "模拟P10–P90区间"},
	"median":            {"median of draws", "模拟中位数"},
	"draws":             {"%d draws: ", "%d次模拟："},
	"probability title": {"probability of meeting each target (%d draws)", "各目标达成概率（%d次模拟）"},
	"probability axis":  {"probability (%).  Green: 80% or more; orange: 50-80%; red: under 50%; grey: not modelled (a carried trend, or no data)", "概率（%）。绿色：80%及以上；橙色：50%–80%；红色：低于50%；灰色：未建模（延续趋势或无数据）"},
	"scheduled tag":     {" (scheduled)", "（延续趋势）"},
	"no data tag":       {" (no data)", "（无数据）"},
}
