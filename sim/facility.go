package sim

import (
	"fmt"
	"math"
)

// FacilityType is a kind of health facility.
type FacilityType int

// The facility types. Each has the workforce tier whose staff run it.
const (
	FTownshipCentre    FacilityType = iota // 乡镇卫生院
	FCHSCentre                             // 社区卫生服务中心
	FCHSStation                            // 社区卫生服务站
	FVillageClinic                         // 村卫生室
	FCommunityHospital                     // 社区医院
	FSubCentre                             // 区域医疗卫生次中心
	FHospital                              // 医院
	FNursingStation                        // 护理站
	NumFacilityTypes   = int(iota)
)

var facilityInfo = [NumFacilityTypes]struct {
	code, zh, en string
	tier         Tier
	centre       bool // graded as a township / CHS centre
}{
	{"township_centre", "乡镇卫生院", "township health centre", TownshipCentre, true},
	{"chs_centre", "社区卫生服务中心", "CHS centre", CHSCentre, true},
	{"chs_station", "社区卫生服务站", "CHS station", CHSStation, false},
	{"village_clinic", "村卫生室", "village clinic", VillageClinic, false},
	{"community_hospital", "社区医院", "community hospital", CHSCentre, false},
	{"sub_centre", "区域医疗卫生次中心", "regional medical sub-centre", TownshipCentre, false},
	{"hospital", "医院", "hospital", Hospital, false},
	{"nursing_station", "护理站", "nursing station", CHSStation, false},
}

// Code is the type's identifier in scenario files.
func (f FacilityType) Code() string { return facilityInfo[f].code }

// NameZH is the type's Chinese name.
func (f FacilityType) NameZH() string { return facilityInfo[f].zh }

// NameEN is the type's English name.
func (f FacilityType) NameEN() string { return facilityInfo[f].en }

// Tier is the workforce tier that staffs facilities of this type.
func (f FacilityType) Tier() Tier { return facilityInfo[f].tier }

// Centre reports whether the type is a township or CHS centre, the
// institutions graded A/B (甲级/乙级) and measured against the basic and
// recommended standards.
func (f FacilityType) Centre() bool { return facilityInfo[f].centre }

func (f FacilityType) String() string { return f.Code() }

// ParseFacilityType returns the facility type whose code is s.
func ParseFacilityType(s string) (FacilityType, error) {
	for i := range NumFacilityTypes {
		if facilityInfo[i].code == s {
			return FacilityType(i), nil
		}
	}
	return 0, fmt.Errorf("unknown facility type %q", s)
}

// FacilityTypeCodes lists the facility type codes in order.
func FacilityTypeCodes() []string {
	out := make([]string, NumFacilityTypes)
	for i := range out {
		out[i] = facilityInfo[i].code
	}
	return out
}

// Grade is a primary institution's standard. The Chongqing plans' grade B
// (乙级) is the national basic standard (基本标准) and grade A (甲级) the
// recommended standard (推荐标准).
type Grade int

// The grades, in order.
const (
	BelowStandard Grade = iota // 未达标
	Basic                      // 基本标准 / 乙级
	Recommended                // 推荐标准 / 甲级
	NumGrades     = int(iota)
)

var gradeCodes = [NumGrades]string{"none", "basic", "recommended"}

// Code is the grade's identifier in scenario files.
func (g Grade) Code() string { return gradeCodes[g] }

func (g Grade) String() string { return g.Code() }

// ParseGrade accepts none, basic, recommended and the Chongqing letters: B
// (乙/乙级) for basic and A (甲/甲级) for recommended.
func ParseGrade(s string) (Grade, error) {
	switch s {
	case "", "none", "below", "未达标":
		return BelowStandard, nil
	case "basic", "B", "b", "乙", "乙级", "基本标准":
		return Basic, nil
	case "recommended", "A", "a", "甲", "甲级", "推荐标准":
		return Recommended, nil
	}
	return 0, fmt.Errorf("unknown grade %q", s)
}

// Facility is an existing or planned health facility.
type Facility struct {
	ID     string
	NameZH string
	NameEN string
	Region string // the smallest region it stands in
	Type   FacilityType
	Grade  Grade
	Public bool    // publicly run (公办)
	Beds   float64 // beds, for upgrade preconditions
	// Lat and Lon locate it when Located is set; otherwise it stands at
	// its region's coordinates.
	Lat, Lon float64
	Located  bool
	// Opens is the year a planned facility opens; 0 means it exists in the
	// base year.
	Opens int
	// Cost is a planned facility's capital cost in 10,000 yuan (万元),
	// spent in its opening year; 0 uses the build.cost parameter.
	Cost float64
}

// Basis says how a spacing rule derives the facilities a unit needs.
type Basis int

// The rule bases.
const (
	PerPopulation Basis = iota // one per Low-High residents
	PerUnit                    // Count per unit
	MinPopulation              // one in every unit of at least Threshold residents
	Catchment                  // one per Low-High facilities of OfTypes
	MinCount                   // at least Count in the unit
	MaxDistance                // every unit within Km of one
	NumBases      = int(iota)
)

var basisCodes = [NumBases]string{"per_population", "per_unit", "min_population", "catchment", "at_least", "max_distance"}

func (b Basis) String() string { return basisCodes[b] }

// ParseBasis returns the basis whose code is s.
func ParseBasis(s string) (Basis, error) {
	for i, c := range basisCodes {
		if c == s {
			return Basis(i), nil
		}
	}
	return 0, fmt.Errorf("unknown basis %q", s)
}

// BasisCodes lists the basis codes.
func BasisCodes() []string { return append([]string(nil), basisCodes[:]...) }

// Rule is a spacing or provision rule: which facilities the units of a
// region kind must have.
type Rule struct {
	ID     string
	NameZH string
	NameEN string
	// Types are the facility types that count towards the rule; the first
	// is the one built to close a gap.
	Types []FacilityType
	// Public restricts the count to publicly run facilities.
	Public bool
	// AppliesTo is the region kind whose units the rule judges.
	AppliesTo string
	Basis     Basis
	// Low and High bound the residents (PerPopulation) or the counted
	// facilities (Catchment) one facility serves.
	Low, High float64
	// Count is the number required per unit (PerUnit) or in the unit
	// (MinCount).
	Count float64
	// Threshold is the population from which a unit needs a facility
	// (MinPopulation); smaller units are served by circuit visits.
	Threshold float64
	// Km is the greatest distance, inclusive, from a unit to a facility
	// (MaxDistance), great-circle.
	Km float64
	// OfTypes are the facilities a Catchment rule counts.
	OfTypes []FacilityType
	// ExcludeHost removes from a PerPopulation rule the residents of the
	// child units that host a facility of these types (stations are
	// needed outside the community hosting the centre).
	ExcludeHost []FacilityType
	// Build makes the build pipeline close this rule's gaps.
	Build bool
	// Indicator, if set, is a catalog indicator the rule's share of
	// complying units fills (e.g. towns_with_public_institution_share).
	Indicator string
}

// EarthRadiusKm is the mean Earth radius used for great-circle distances.
const EarthRadiusKm = 6371.0088

// DistanceKm is the great-circle (haversine) distance between two points
// given in degrees.
func DistanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const rad = math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * EarthRadiusKm * math.Asin(math.Min(1, math.Sqrt(a)))
}
