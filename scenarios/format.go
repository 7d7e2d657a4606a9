package scenarios

// The files of a scenario folder, in the order they are read and reported.
// The README's format tour is checked against these specs by a test.
var (
	scenarioSpec = fileSpec{Name: "scenario.csv", Required: true, Doc: "one row naming the scenario and its years", Columns: []column{
		{"name", true, "", "short identifier, e.g. dadukou-2022"},
		{"title_zh", false, "", "Chinese title for charts and reports"},
		{"title_en", false, "", "English title"},
		{"base_year", true, "year", "year of the base-year state; observations are up to this year"},
		{"horizon", true, "year", "last projected year (at most 50 years after the base year)"},
		{"seed", false, "integer", "random seed for stochastic runs (default 1)"},
		{"source", false, "", "where the scenario comes from"},
	}}
	regionsSpec = fileSpec{Name: "regions.csv", Required: true, Doc: "the district and its units", Columns: []column{
		{"id", true, "", "identifier used by the other files"},
		{"parent", true, "", "id of the enclosing region; empty for the district (exactly one row)"},
		{"kind", true, "", "district, county, city, subdistrict, town, community or village"},
		{"name_zh", false, "", "Chinese name"},
		{"name_en", false, "", "English name"},
		{"population", true, "persons", "base-year residents; required for regions without children, optional (sum of children) otherwise"},
		{"share_65plus", true, "fraction or %", "base-year share of residents aged 65+; empty inherits the parent's"},
		{"lat", false, "degrees", "latitude (used by later facility rules)"},
		{"lon", false, "degrees", "longitude"},
		{"source", false, "", "where the figures come from, or 'assumption: ...'"},
	}}
	workforceSpec = fileSpec{Name: "workforce.csv", Required: true, Doc: "base-year headcounts", Columns: []column{
		{"region", true, "", "region id"},
		{"tier", true, "", "hospital, township_centre, chs_centre, chs_station or village_clinic"},
		{"cadre", true, "", "physician, assistant_physician, gp, nurse, pharmacist, clinical_pharmacist, public_health, other, vd_physician, vd_assistant, vd_rural_assistant or vd_unlicensed"},
		{"age_band", false, "years", "age band such as 25-34; bands must be contiguous; empty in every row for no bands"},
		{"headcount", true, "persons", "base-year headcount"},
		{"source", false, "", "where the figure comes from, or 'assumption: ...'"},
	}}
	parametersSpec = fileSpec{Name: "parameters.csv", Required: false, Doc: "every rate, flow and policy lever as key/region/tier/cadre/year/value", Columns: []column{
		{"key", true, "", "parameter key (see the parameter table)"},
		{"region", false, "", "region id; empty or 'all' for every region"},
		{"tier", false, "", "tier; empty or 'all' for every tier"},
		{"cadre", false, "", "cadre; empty or 'all' for every cadre"},
		{"year", false, "year", "first year the value applies; empty for all years"},
		{"value", true, "key's unit", "the value; a % sign divides by 100"},
		{"source", false, "", "where the value comes from, or 'assumption: ...'"},
	}}
	observedSpec = fileSpec{Name: "observed.csv", Required: false, Doc: "measured values of indicators up to the base year", Columns: []column{
		{"indicator", true, "", "indicator id (clinicsim indicators)"},
		{"region", false, "", "region id; empty for the district"},
		{"year", true, "year", "year of the measurement, not after the base year"},
		{"value", true, "indicator's unit", "the value in the indicator's unit (a % sign is ignored)"},
		{"source", false, "", "document and item"},
	}}
	targetsSpec = fileSpec{Name: "targets.csv", Required: false, Doc: "the plan's targets", Columns: []column{
		{"indicator", true, "", "indicator id"},
		{"region", false, "", "region id; empty for the district"},
		{"year", true, "year", "target year, from the base year to the horizon"},
		{"comparison", true, "", ">=, <=, > or < (≥ and ≤ also accepted)"},
		{"value", true, "indicator's unit", "the target value (a % sign is ignored)"},
		{"source", false, "", "document and item"},
	}}
	indicatorsSpec = fileSpec{Name: "indicators.csv", Required: false, Doc: "extra scheduled indicators for this scenario", Columns: []column{
		{"id", true, "", "new indicator id"},
		{"name_zh", true, "", "Chinese name"},
		{"name_en", true, "", "English name"},
		{"unit_zh", false, "", "Chinese unit"},
		{"unit_en", false, "", "English unit; % bounds the trend to 0-100"},
		{"decimals", false, "", "decimals at which the plan states it (default 1)"},
	}}
)

// files lists every file spec in reading order.
var files = []*fileSpec{&scenarioSpec, &regionsSpec, &workforceSpec, &parametersSpec, &observedSpec, &targetsSpec, &indicatorsSpec}

type scenarioRow struct {
	Name     string `csv:"name"`
	TitleZH  string `csv:"title_zh"`
	TitleEN  string `csv:"title_en"`
	BaseYear year   `csv:"base_year"`
	Horizon  year   `csv:"horizon"`
	Seed     number `csv:"seed"`
	Source   string `csv:"source"`
}

type regionRow struct {
	ID         string `csv:"id"`
	Parent     string `csv:"parent"`
	Kind       string `csv:"kind"`
	NameZH     string `csv:"name_zh"`
	NameEN     string `csv:"name_en"`
	Population number `csv:"population"`
	Share65    number `csv:"share_65plus"`
	Lat        number `csv:"lat"`
	Lon        number `csv:"lon"`
	Source     string `csv:"source"`
}

type workforceRow struct {
	Region    string `csv:"region"`
	Tier      string `csv:"tier"`
	Cadre     string `csv:"cadre"`
	AgeBand   string `csv:"age_band"`
	Headcount number `csv:"headcount"`
	Source    string `csv:"source"`
}

type parameterRow struct {
	Key    string `csv:"key"`
	Region string `csv:"region"`
	Tier   string `csv:"tier"`
	Cadre  string `csv:"cadre"`
	Year   year   `csv:"year"`
	Value  number `csv:"value"`
	Source string `csv:"source"`
}

type observedRow struct {
	Indicator string `csv:"indicator"`
	Region    string `csv:"region"`
	Year      year   `csv:"year"`
	Value     number `csv:"value"`
	Source    string `csv:"source"`
}

type targetRow struct {
	Indicator  string `csv:"indicator"`
	Region     string `csv:"region"`
	Year       year   `csv:"year"`
	Comparison string `csv:"comparison"`
	Value      number `csv:"value"`
	Source     string `csv:"source"`
}

type indicatorRow struct {
	ID       string `csv:"id"`
	NameZH   string `csv:"name_zh"`
	NameEN   string `csv:"name_en"`
	UnitZH   string `csv:"unit_zh"`
	UnitEN   string `csv:"unit_en"`
	Decimals number `csv:"decimals"`
}

// regionKinds are the accepted values of regions.csv's kind column.
var regionKinds = []string{"district", "county", "city", "subdistrict", "town", "community", "village"}
