package sim

import (
	"fmt"
	"slices"
)

// SiteRequest asks where new facilities would cover the most people.
type SiteRequest struct {
	// Types are the facility types whose existing sites already cover
	// settlements.
	Types []FacilityType
	// Count is the number of new sites to propose.
	Count int
	// Km is the coverage radius, inclusive, great-circle.
	Km float64
	// Kind is the region kind of the settlements; empty means every
	// region without children.
	Kind string
	// Year is the year whose facilities and population are used; 0 means
	// the base year.
	Year int
	// Candidates are the possible sites; nil means the settlements
	// themselves.
	Candidates []Candidate
}

// Candidate is a possible site.
type Candidate struct {
	ID, NameZH, NameEN string
	Lat, Lon           float64
}

// Settlement is a populated place for siting and maps.
type Settlement struct {
	Region     string
	NameZH     string
	NameEN     string
	Lat, Lon   float64
	Population float64
	// CoveredBy is 0 when existing facilities already cover it, the rank
	// of the first proposed site that covers it, or -1 when nothing does.
	CoveredBy int
}

// Pick is one proposed site.
type Pick struct {
	Rank             int
	Candidate        Candidate
	NewlyCovered     float64 // residents it covers that nothing covered before
	CumulativeCover  float64 // residents covered by existing sites and picks so far
	CumulativeShare  float64 // the same as a percentage of all settlements' residents
	SettlementsAdded int
}

// SitePlan is the answer to a SiteRequest.
type SitePlan struct {
	Request       SiteRequest
	Year          int
	Settlements   []Settlement
	Existing      []Facility // open facilities of the requested types, located
	Picks         []Pick     // may be fewer than Count when no candidate adds coverage
	Population    float64
	CoveredBefore float64
}

// Site proposes new facility locations by greedy maximal covering: each
// pick is the candidate that covers the most residents not yet covered
// (ties go to the earlier candidate), and the residents it covers are
// removed before the next pick. A settlement is covered when it lies
// within Km, inclusive, of a site.
func Site(s *Scenario, req SiteRequest) (*SitePlan, error) {
	if req.Count < 1 {
		return nil, fmt.Errorf("sim: site: count %d must be at least 1", req.Count)
	}
	if !(req.Km > 0) {
		return nil, fmt.Errorf("sim: site: radius %v km must be positive", req.Km)
	}
	year := req.Year
	if year == 0 {
		year = s.BaseYear
	}
	if year < s.BaseYear || year > s.Horizon {
		return nil, fmt.Errorf("sim: site: year %d is outside %d-%d", year, s.BaseYear, s.Horizon)
	}
	res, err := Run(s, nil)
	if err != nil {
		return nil, err
	}
	hasChild := map[string]bool{}
	for _, r := range s.Regions {
		hasChild[r.Parent] = true
	}
	plan := &SitePlan{Request: req, Year: year}
	for _, r := range s.Regions {
		if !r.Located || (req.Kind != "" && r.Kind != req.Kind) || (req.Kind == "" && hasChild[r.ID]) {
			continue
		}
		pop, _ := res.Trajectory.Value("population", r.ID, year)
		if !(pop > 0) {
			continue
		}
		plan.Settlements = append(plan.Settlements, Settlement{Region: r.ID, NameZH: r.NameZH, NameEN: r.NameEN, Lat: r.Lat, Lon: r.Lon, Population: pop, CoveredBy: -1})
		plan.Population += pop
	}
	if len(plan.Settlements) == 0 {
		return nil, fmt.Errorf("sim: site: no settlement has coordinates and residents (kind %q)", req.Kind)
	}
	idx, _ := s.regionIndex()
	parent := parents(s, idx)
	for _, f := range s.Facilities {
		if !slices.Contains(req.Types, f.Type) || f.Opens > year {
			continue
		}
		lat, lon, ok := locate(s.Regions, parent, idx[f.Region], f)
		if !ok {
			continue
		}
		f.Lat, f.Lon, f.Located = lat, lon, true
		plan.Existing = append(plan.Existing, f)
		for i := range plan.Settlements {
			st := &plan.Settlements[i]
			if st.CoveredBy < 0 && DistanceKm(st.Lat, st.Lon, lat, lon) <= req.Km {
				st.CoveredBy = 0
				plan.CoveredBefore += st.Population
			}
		}
	}
	cands := req.Candidates
	if cands == nil {
		for _, st := range plan.Settlements {
			cands = append(cands, Candidate{ID: st.Region, NameZH: st.NameZH, NameEN: st.NameEN, Lat: st.Lat, Lon: st.Lon})
		}
	}
	// reach[c] lists the settlements within Km of candidate c.
	reach := make([][]int, len(cands))
	for c, cd := range cands {
		for i, st := range plan.Settlements {
			if DistanceKm(cd.Lat, cd.Lon, st.Lat, st.Lon) <= req.Km {
				reach[c] = append(reach[c], i)
			}
		}
	}
	covered := plan.CoveredBefore
	for rank := 1; rank <= req.Count; rank++ {
		best, bestGain := -1, 0.0
		for c := range cands {
			var gain float64
			for _, i := range reach[c] {
				if plan.Settlements[i].CoveredBy < 0 {
					gain += plan.Settlements[i].Population
				}
			}
			if gain > bestGain {
				best, bestGain = c, gain
			}
		}
		if best < 0 {
			break // nothing left to gain
		}
		n := 0
		for _, i := range reach[best] {
			if plan.Settlements[i].CoveredBy < 0 {
				plan.Settlements[i].CoveredBy = rank
				n++
			}
		}
		covered += bestGain
		plan.Picks = append(plan.Picks, Pick{Rank: rank, Candidate: cands[best], NewlyCovered: bestGain, CumulativeCover: covered,
			CumulativeShare: 100 * covered / plan.Population, SettlementsAdded: n})
	}
	return plan, nil
}
