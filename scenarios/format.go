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
		{"kind", true, "", "district, county, city, area (a grouping), subdistrict, town, community or village"},
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
	observedSpec = fileSpec{Name: "observed.csv", Required: false, Doc: "measured values of indicators: base year and before, and history after it", Columns: []column{
		{"indicator", true, "", "indicator id (clinicsim indicators)"},
		{"region", false, "", "region id; empty for the district"},
		{"year", true, "year", "year of the measurement; after the base year (up to the horizon) it is history, used by calibrate and shown on charts"},
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
	facilitiesSpec = fileSpec{Name: "facilities.csv", Required: false, Doc: "existing and planned facilities", Columns: []column{
		{"id", true, "", "identifier"},
		{"region", true, "", "id of the smallest region it stands in"},
		{"type", true, "", "township_centre, chs_centre, chs_station, village_clinic, community_hospital, sub_centre, hospital or nursing_station"},
		{"grade", false, "", "centres: none, basic (B, 乙级) or recommended (A, 甲级); empty is none"},
		{"public", false, "yes/no", "publicly run (公办); default yes"},
		{"beds", false, "beds", "beds, for upgrade preconditions"},
		{"lat", false, "degrees", "latitude; empty places it at its region's coordinates"},
		{"lon", false, "degrees", "longitude"},
		{"opens", false, "year", "opening year of a planned facility; empty for one that exists in the base year"},
		{"cost", false, "10,000 yuan", "capital cost of a planned facility (万元); empty uses build.cost.<type>"},
		{"name_zh", false, "", "Chinese name"},
		{"name_en", false, "", "English name"},
		{"source", false, "", "where it comes from"},
	}}
	rulesSpec = fileSpec{Name: "rules.csv", Required: false, Doc: "spacing and provision rules", Columns: []column{
		{"id", true, "", "identifier (letters, digits, _ and -); names the rule's indicators rule_<id>, rule_<id>_pop"},
		{"name_zh", false, "", "Chinese name"},
		{"name_en", false, "", "English name"},
		{"types", true, "", "facility types that count, separated by |; the first is the one built"},
		{"public", false, "yes/no", "count only publicly run facilities; default no"},
		{"applies_to", true, "", "region kind whose units are judged (district, subdistrict, town, community, village, ...)"},
		{"basis", true, "", "per_population, per_unit, min_population, catchment, at_least or max_distance"},
		{"low", false, "residents or facilities", "per_population and catchment: the fewest residents (or counted facilities) one facility serves"},
		{"high", false, "residents or facilities", "per_population and catchment: the most residents (or counted facilities) one facility serves"},
		{"count", false, "facilities", "per_unit: facilities per unit (default 1); at_least: the minimum in the unit"},
		{"threshold", false, "residents", "min_population: units of at least this many residents need one (inclusive)"},
		{"km", false, "km", "max_distance: every unit within this great-circle distance of one (inclusive)"},
		{"of_types", false, "", "catchment: the facility types counted, separated by |"},
		{"exclude_host", false, "", "per_population: leave out the residents of child units hosting these types, separated by |"},
		{"build", false, "yes/no", "let the build pipeline close this rule's gaps; default no"},
		{"indicator", false, "", "a scheduled catalog indicator this rule's share of complying units fills"},
		{"source", false, "", "document and item"},
	}}
	uncertaintySpec = fileSpec{Name: "uncertainty.csv", Required: false, Doc: "parameters drawn anew in each Monte Carlo draw", Columns: []column{
		{"key", true, "", "parameter key, as in parameters.csv"},
		{"region", false, "", "region id; empty or 'all' for every region"},
		{"tier", false, "", "tier; empty or 'all'"},
		{"cadre", false, "", "cadre; empty or 'all'"},
		{"year", false, "year", "first year the drawn value applies; empty for all years"},
		{"distribution", true, "", "uniform, normal, lognormal, triangular, beta or pert"},
		{"a", true, "key's unit", "first argument: uniform min; normal mean; lognormal mu; triangular and pert min; beta alpha"},
		{"b", true, "key's unit", "second: uniform max; normal sd; lognormal sigma; triangular and pert mode; beta beta"},
		{"c", false, "key's unit", "third: normal lower truncation; triangular and pert max; beta min"},
		{"d", false, "key's unit", "fourth: normal upper truncation; beta max"},
		{"source", false, "", "where the range comes from, or 'assumption: ...'"},
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
var files = []*fileSpec{&scenarioSpec, &regionsSpec, &workforceSpec, &parametersSpec, &observedSpec, &targetsSpec, &indicatorsSpec, &facilitiesSpec, &rulesSpec, &uncertaintySpec}

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

type facilityRow struct {
	ID     string `csv:"id"`
	Region string `csv:"region"`
	Type   string `csv:"type"`
	Grade  string `csv:"grade"`
	Public string `csv:"public"`
	Beds   number `csv:"beds"`
	Lat    number `csv:"lat"`
	Lon    number `csv:"lon"`
	Opens  year   `csv:"opens"`
	Cost   number `csv:"cost"`
	NameZH string `csv:"name_zh"`
	NameEN string `csv:"name_en"`
	Source string `csv:"source"`
}

type ruleRow struct {
	ID          string `csv:"id"`
	NameZH      string `csv:"name_zh"`
	NameEN      string `csv:"name_en"`
	Types       string `csv:"types"`
	Public      string `csv:"public"`
	AppliesTo   string `csv:"applies_to"`
	Basis       string `csv:"basis"`
	Low         number `csv:"low"`
	High        number `csv:"high"`
	Count       number `csv:"count"`
	Threshold   number `csv:"threshold"`
	Km          number `csv:"km"`
	OfTypes     string `csv:"of_types"`
	ExcludeHost string `csv:"exclude_host"`
	Build       string `csv:"build"`
	Indicator   string `csv:"indicator"`
	Source      string `csv:"source"`
}

// regionKinds are the accepted values of regions.csv's kind column.
var regionKinds = []string{"district", "county", "city", "area", "subdistrict", "town", "community", "village"}

type uncertaintyRow struct {
	Key          string `csv:"key"`
	Region       string `csv:"region"`
	Tier         string `csv:"tier"`
	Cadre        string `csv:"cadre"`
	Year         year   `csv:"year"`
	Distribution string `csv:"distribution"`
	A            number `csv:"a"`
	B            number `csv:"b"`
	C            number `csv:"c"`
	D            number `csv:"d"`
	Source       string `csv:"source"`
}
