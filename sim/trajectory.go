package sim

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
)

// Status says where an indicator's values come from.
type Status int

// The statuses of an indicator in a region.
const (
	NoData    Status = iota // neither modelled nor observed
	Modelled                // computed by the engine
	Scheduled               // carried as a trend of observed values
)

var statusNames = [...]string{"no data", "modelled", "scheduled"}

func (s Status) String() string { return statusNames[s] }

// Trajectory holds every indicator's value for every region and year of a
// run. Values that do not exist (an unobserved scheduled indicator, a ratio
// over zero) are NaN.
type Trajectory struct {
	Scenario   string
	BaseYear   int
	Horizon    int
	Regions    []string // region ids, district first
	Catalog    *Catalog
	values     []float64 // [indicator][slot][year]
	status     []Status  // [indicator][slot]
	basis      []string  // [indicator][slot]
	slot       []int     // each region's slot, -1 for a region not kept
	nS         int       // regions kept
	nR, nYears int
}

// newTrajectory makes room for every indicator in the regions of keep (nil:
// all regions); a Monte Carlo draw keeps only the regions it reports.
func newTrajectory(s *Scenario, cat *Catalog, keep []bool) *Trajectory {
	tr := &Trajectory{Scenario: s.Name, BaseYear: s.BaseYear, Horizon: s.Horizon, Catalog: cat}
	tr.nR, tr.nYears = len(s.Regions), s.Horizon-s.BaseYear+1
	tr.slot = make([]int, tr.nR)
	for i, r := range s.Regions {
		tr.Regions = append(tr.Regions, r.ID)
		tr.slot[i] = -1
		if keep == nil || keep[i] {
			tr.slot[i] = tr.nS
			tr.nS++
		}
	}
	tr.values = make([]float64, cat.Len()*tr.nS*tr.nYears)
	for i := range tr.values {
		tr.values[i] = math.NaN()
	}
	tr.status = make([]Status, cat.Len()*tr.nS)
	tr.basis = make([]string, cat.Len()*tr.nS)
	for i, ind := range cat.list {
		if ind.Modelled {
			for r := range tr.nR {
				tr.setStatus(i, r, Modelled, "engine")
			}
		}
	}
	return tr
}

// cell is the index of an indicator in a region in status and basis, or -1
// when the region is not kept.
func (tr *Trajectory) cell(ind, r int) int {
	if s := tr.slot[r]; s >= 0 {
		return ind*tr.nS + s
	}
	return -1
}

func (tr *Trajectory) set(ind, r, k int, v float64) {
	if c := tr.cell(ind, r); c >= 0 {
		tr.values[c*tr.nYears+k] = v
	}
}

func (tr *Trajectory) setStatus(ind, r int, st Status, basis string) {
	if c := tr.cell(ind, r); c >= 0 {
		tr.status[c], tr.basis[c] = st, basis
	}
}

func (tr *Trajectory) setBasis(ind, r int, basis string) {
	if c := tr.cell(ind, r); c >= 0 {
		tr.basis[c] = basis
	}
}

func (tr *Trajectory) statusAt(ind, r int) Status {
	if c := tr.cell(ind, r); c >= 0 {
		return tr.status[c]
	}
	return NoData
}

// Years returns the projected years, base year first.
func (tr *Trajectory) Years() []int {
	ys := make([]int, tr.nYears)
	for i := range ys {
		ys[i] = tr.BaseYear + i
	}
	return ys
}

// Series returns the values of an indicator in a region for every year,
// base year first, and whether the indicator and region exist. The slice is
// a copy.
func (tr *Trajectory) Series(indicator, region string) ([]float64, bool) {
	i, r, ok := tr.locate(indicator, region)
	if !ok {
		return nil, false
	}
	c := tr.cell(i, r)
	if c < 0 {
		out := make([]float64, tr.nYears)
		for k := range out {
			out[k] = math.NaN()
		}
		return out, true
	}
	return slices.Clone(tr.values[c*tr.nYears : (c+1)*tr.nYears]), true
}

// Value returns an indicator's value in a region and year (NaN when there
// is none) and whether the indicator, region and year exist.
func (tr *Trajectory) Value(indicator, region string, year int) (float64, bool) {
	i, r, ok := tr.locate(indicator, region)
	if !ok || year < tr.BaseYear || year > tr.Horizon {
		return math.NaN(), false
	}
	c := tr.cell(i, r)
	if c < 0 {
		return math.NaN(), true
	}
	return tr.values[c*tr.nYears+year-tr.BaseYear], true
}

// Status returns where an indicator's values in a region come from, and a
// short description of the basis (e.g. "engine", "trend of 3 observations").
func (tr *Trajectory) Status(indicator, region string) (Status, string) {
	i, r, ok := tr.locate(indicator, region)
	if !ok {
		return NoData, ""
	}
	c := tr.cell(i, r)
	if c < 0 {
		return NoData, ""
	}
	return tr.status[c], tr.basis[c]
}

func (tr *Trajectory) locate(indicator, region string) (int, int, bool) {
	i, ok := tr.Catalog.byID[indicator]
	if !ok {
		return 0, 0, false
	}
	if region == "" {
		return i, 0, true
	}
	r := slices.Index(tr.Regions, region)
	return i, r, r >= 0
}

// Point is one value of an indicator in a region and year.
type Point struct {
	Indicator string
	Region    string
	Year      int
	Value     float64
}

// Points calls yield for every existing value, indicator by indicator in
// catalog order, then region, then year.
func (tr *Trajectory) Points(yield func(Point) bool) {
	for i, ind := range tr.Catalog.list {
		for r, reg := range tr.Regions {
			c := tr.cell(i, r)
			if c < 0 {
				continue
			}
			for k, v := range tr.values[c*tr.nYears : (c+1)*tr.nYears] {
				if math.IsNaN(v) {
					continue
				}
				if !yield(Point{ind.ID, reg, tr.BaseYear + k, v}) {
					return
				}
			}
		}
	}
}

// carryScheduled fills the scheduled indicators that have observations with
// a linear trend: the trend.<id> parameter where given, else the
// least-squares slope of the observations (flat with one observation),
// anchored at the latest observation and bounded by the indicator's range.
func carryScheduled(tr *Trajectory, s *Scenario, rs *resolver) error {
	type key struct{ ind, r int }
	obs := map[key][]Observation{}
	for _, o := range s.Observed {
		i, r, ok := tr.locate(o.Indicator, o.Region)
		if !ok {
			return fmt.Errorf("observation of %s in %q: unknown indicator or region", o.Indicator, o.Region)
		}
		if tr.statusAt(i, r) == Modelled {
			continue
		}
		if o.Year > s.BaseYear {
			continue // history after the base year: for calibration and charts, not trends
		}
		obs[key{i, r}] = append(obs[key{i, r}], o)
	}
	for k, list := range obs {
		ind := tr.Catalog.list[k.ind]
		slices.SortFunc(list, func(a, b Observation) int { return a.Year - b.Year })
		last := list[len(list)-1]
		slope, basis := fitSlope(list)
		tkey := TrendPrefix + ind.ID
		assumed := rs.has(tkey)
		if assumed {
			basis = "assumed trend (" + tkey + ")"
		}
		v := last.Value
		for y := last.Year; y <= s.Horizon; y++ {
			if y > last.Year {
				if assumed {
					slope = rs.cell(tkey, k.r, 0, 0, y, 0, false)
				}
				v += slope
			}
			if !math.IsNaN(ind.Min) {
				v = max(v, ind.Min)
			}
			if !math.IsNaN(ind.Max) {
				v = min(v, ind.Max)
			}
			if y >= s.BaseYear {
				tr.set(k.ind, k.r, y-s.BaseYear, v)
			}
		}
		tr.setStatus(k.ind, k.r, Scheduled, basis)
	}
	return nil
}

// fitSlope returns the least-squares slope of observations sorted by year,
// and a description of it; one observation (or one year) gives a flat line.
func fitSlope(list []Observation) (float64, string) {
	if list[0].Year == list[len(list)-1].Year {
		return 0, "held at last observation"
	}
	xs := make([]float64, len(list))
	ys := make([]float64, len(list))
	for i, o := range list {
		xs[i], ys[i] = float64(o.Year), o.Value
	}
	_, beta := stat.LinearRegression(xs, ys, nil, false)
	return beta, fmt.Sprintf("trend of %d observations", len(list))
}
