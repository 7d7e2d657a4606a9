package sim

import (
	"fmt"
	"math"
)

// Scenario is everything a run needs: the base-year state, the parameters
// that drive the flows, the observed values of indicators and the targets.
// The scenarios package builds one from a folder of CSV files and checks it;
// Run checks the structure again and returns an error rather than panicking.
type Scenario struct {
	Name     string // short identifier, e.g. "dadukou-2022"
	TitleZH  string // Chinese title shown on charts and reports
	TitleEN  string // English title
	BaseYear int    // year of the base-year state
	Horizon  int    // last projected year
	Seed     uint64 // default random seed for stochastic runs

	// Regions holds the district first; every other region names a parent
	// that appears before it.
	Regions []Region
	// Bands are the age bands of the workforce, youngest first; empty means
	// one band with retirement given by the "retirement" parameter.
	Bands []AgeBand
	// Stocks are the base-year headcounts.
	Stocks []Stock
	// Params are the scenario's parameters (see ParamSpecs).
	Params []Param
	// Observed are measured values of indicators up to the base year.
	Observed []Observation
	// Targets are the plan's targets.
	Targets []Target
	// Indicators adds scenario-specific scheduled indicators to the catalog.
	Indicators []Indicator
	// Facilities are the existing and planned facilities; with Rules they
	// switch on the facility model. Without them, facility indicators are
	// carried as trends like other scheduled indicators.
	Facilities []Facility
	// Rules are the spacing and provision rules.
	Rules []Rule
	// Uncertain are the parameters drawn anew in each Monte Carlo draw.
	Uncertain []Uncertain
}

// Region is an administrative unit: the district, a town or subdistrict, a
// village or community.
type Region struct {
	ID     string
	Parent string // empty for the district
	Kind   string // district, subdistrict, town, community, village, county, city
	NameZH string
	NameEN string
	// Population is the base-year resident population. For a region with
	// children it is the sum of its children's and may be left zero.
	Population float64
	// Share65 is the base-year share of residents aged 65 and over, as a
	// fraction; NaN means inherit from the parent.
	Share65 float64
	// Lat and Lon locate the region in degrees when Located is set.
	Lat, Lon float64
	Located  bool
}

// AgeBand is an age band of the workforce, inclusive at both ends.
type AgeBand struct{ Lo, Hi int }

// Width is the number of single years of age in the band.
func (b AgeBand) Width() int { return b.Hi - b.Lo + 1 }

// String formats the band as "LO-HI".
func (b AgeBand) String() string { return fmt.Sprintf("%d-%d", b.Lo, b.Hi) }

// Stock is a base-year headcount.
type Stock struct {
	Region    string
	Tier      Tier
	Cadre     Cadre
	Band      int // index into Scenario.Bands; 0 when there are no bands
	Headcount float64
}

// Comparison says how a projected value is compared with a target.
type Comparison int

// The comparisons a target can use.
const (
	AtLeast Comparison = iota // >=
	AtMost                    // <=
	Above                     // >
	Below                     // <
)

var comparisonSymbols = [...]string{">=", "<=", ">", "<"}

func (c Comparison) String() string { return comparisonSymbols[c] }

// ParseComparison accepts >=, <=, >, < and the symbols ≥ and ≤.
func ParseComparison(s string) (Comparison, error) {
	switch s {
	case ">=", "≥", "＞＝":
		return AtLeast, nil
	case "<=", "≤", "＜＝":
		return AtMost, nil
	case ">", "＞":
		return Above, nil
	case "<", "＜":
		return Below, nil
	}
	return 0, fmt.Errorf("unknown comparison %q", s)
}

// Holds reports whether value satisfies the comparison with target.
func (c Comparison) Holds(value, target float64) bool {
	switch c {
	case AtLeast:
		return value >= target
	case AtMost:
		return value <= target
	case Above:
		return value > target
	default:
		return value < target
	}
}

// Margin is how far value is on the good side of target: positive when the
// target is exceeded, negative when it falls short.
func (c Comparison) Margin(value, target float64) float64 {
	if c == AtLeast || c == Above {
		return value - target
	}
	return target - value
}

// Observation is a measured value of an indicator.
type Observation struct {
	Indicator string
	Region    string
	Year      int
	Value     float64
	Source    string
}

// Target is one target of a plan.
type Target struct {
	Indicator  string
	Region     string
	Year       int
	Comparison Comparison
	Value      float64
	Source     string
}

// regionIndex maps region ids to their index, checking the tree.
func (s *Scenario) regionIndex() (map[string]int, error) {
	if len(s.Regions) == 0 {
		return nil, fmt.Errorf("scenario %q has no regions", s.Name)
	}
	idx := make(map[string]int, len(s.Regions))
	for i, r := range s.Regions {
		if _, dup := idx[r.ID]; dup {
			return nil, fmt.Errorf("region %q is defined twice", r.ID)
		}
		if i == 0 {
			if r.Parent != "" {
				return nil, fmt.Errorf("the first region %q must be the district, with no parent", r.ID)
			}
		} else if _, ok := idx[r.Parent]; !ok {
			return nil, fmt.Errorf("region %q names parent %q, which is not defined before it", r.ID, r.Parent)
		}
		idx[r.ID] = i
	}
	return idx, nil
}

// check verifies what the engine relies on, so that a scenario built by hand
// gets an error instead of a panic.
func (s *Scenario) check() (map[string]int, error) {
	if s.Horizon < s.BaseYear {
		return nil, fmt.Errorf("horizon %d is before base year %d", s.Horizon, s.BaseYear)
	}
	if s.Horizon-s.BaseYear > MaxYears {
		return nil, fmt.Errorf("horizon %d is more than %d years after base year %d", s.Horizon, MaxYears, s.BaseYear)
	}
	idx, err := s.regionIndex()
	if err != nil {
		return nil, err
	}
	for i, b := range s.Bands {
		if b.Hi < b.Lo || (i > 0 && b.Lo != s.Bands[i-1].Hi+1) {
			return nil, fmt.Errorf("age band %v is empty or does not follow %v", b, s.Bands[max(i-1, 0)])
		}
	}
	nb := max(len(s.Bands), 1)
	for _, st := range s.Stocks {
		if _, ok := idx[st.Region]; !ok {
			return nil, fmt.Errorf("stock names unknown region %q", st.Region)
		}
		if int(st.Tier) < 0 || int(st.Tier) >= NumTiers || int(st.Cadre) < 0 || int(st.Cadre) >= NumCadres {
			return nil, fmt.Errorf("stock in region %q has an unknown tier or cadre", st.Region)
		}
		if st.Band < 0 || st.Band >= nb {
			return nil, fmt.Errorf("stock in region %q names age band %d of %d", st.Region, st.Band, nb)
		}
		if st.Headcount < 0 || math.IsNaN(st.Headcount) || math.IsInf(st.Headcount, 0) {
			return nil, fmt.Errorf("stock in region %q has headcount %v", st.Region, st.Headcount)
		}
	}
	return idx, nil
}

// MaxYears is the longest projection the engine accepts, in years.
const MaxYears = 50
