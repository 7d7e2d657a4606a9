package sim

import (
	"fmt"
	"math"
	"runtime"
	"sync"
)

// MCSettings configures MonteCarlo. Zero values mean the defaults.
type MCSettings struct {
	Draws   int    // number of draws (required)
	Seed    uint64 // 0: the scenario's seed
	Workers int    // 0: GOMAXPROCS; the result does not depend on it
	// Overrides are fixed parameter rows under every draw's (a lever being
	// goal-sought, a variant).
	Overrides []Param
	// KeepSamples keeps every draw's uncertain values and target-year
	// values, for sensitivity analysis; memory then grows with Draws.
	KeepSamples bool
}

// mcBlock is the number of draws a worker computes at a time; results are
// merged block by block in draw order, so sums are the same for any
// number of workers.
const mcBlock = 32

// mcPilot is the number of draws whose values fix the histogram ranges.
const mcPilot = 256

// mcBins is the number of histogram bins per indicator, region and year.
const mcBins = 1024

// Quantiles are the quantiles MonteCarlo reports, in order.
var Quantiles = []float64{0.05, 0.10, 0.50, 0.90, 0.95}

// MCSeries is the distribution of one indicator in one region, year by year.
type MCSeries struct {
	Indicator string
	Region    string
	Mean      []float64   // by year
	Q         [][]float64 // by quantile (see Quantiles), then year
}

// TargetOdds is a target's probability of being met.
type TargetOdds struct {
	Target      Target
	Indicator   Indicator
	Met         int     // draws in which the target is met
	Probability float64 // Met / Draws
	// FirstYear counts the draws by the first year the target holds,
	// indexed from the base year; the last entry counts draws in which it
	// never holds within the horizon.
	FirstYear []int
}

// MCResult is the outcome of MonteCarlo.
type MCResult struct {
	Draws    int
	Seed     uint64
	Years    []int
	Series   []MCSeries // every indicator in the district, then targeted ones elsewhere
	Targets  []TargetOdds
	Baseline *Result // the deterministic run
	// Samples (with KeepSamples): Params[i][j] is uncertain parameter j in
	// draw i, Values[i][t] target t's value in its year in draw i.
	Params, Values [][]float64
}

// SeriesFor returns the distribution of an indicator in a region.
func (r *MCResult) SeriesFor(indicator, region string) (MCSeries, bool) {
	for _, s := range r.Series {
		if s.Indicator == indicator && s.Region == region {
			return s, true
		}
	}
	return MCSeries{}, false
}

// cellRef is one aggregated (indicator, region) pair.
type cellRef struct {
	ind, reg int
	region   string
}

// blockResult is what a worker hands back for one block of draws.
type blockResult struct {
	block   int
	n       int
	values  []float64 // [draw][cell][year]
	met     []bool    // [draw][target]
	first   []int     // [draw][target]: year index, or nYears for never
	params  [][]float64
	targets [][]float64
	err     error
}

// MonteCarlo runs the scenario Draws times, each with the scenario's
// uncertain parameters drawn from a random stream derived from (seed, draw
// number) alone, and aggregates as it goes: per indicator, region and year
// the mean (summed in draw order) and quantiles (from histograms whose
// ranges the first draws fix; each quantile is exact to a bin, 1/1024 of
// the range); per target the probability of being met and the first year
// met. Memory does not grow with Draws unless KeepSamples is set. The
// result is the same for any number of workers.
func MonteCarlo(s *Scenario, set MCSettings) (*MCResult, error) {
	if set.Draws < 1 {
		return nil, fmt.Errorf("sim: monte carlo: draws %d must be at least 1", set.Draws)
	}
	seed := set.Seed
	if seed == 0 {
		seed = s.Seed
	}
	workers := set.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	pr, err := prepare(s)
	if err != nil {
		return nil, err
	}
	base, built, err := pr.run(s, &Settings{Overrides: set.Overrides})
	if err != nil {
		return nil, err
	}
	tr0 := base.Trajectory
	// Draws share the tables no uncertain parameter touches, and record
	// only the district and the regions that have targets.
	pr.shared = built
	pr.only = make([]bool, len(s.Regions))
	pr.only[0] = true
	for _, t := range s.Targets {
		if _, r, ok := tr0.locate(t.Indicator, t.Region); ok {
			pr.only[r] = true
		}
	}
	nY := len(tr0.Years())
	var cells []cellRef
	seen := map[[2]int]bool{}
	for i, ind := range tr0.Catalog.list {
		if st, _ := tr0.Status(ind.ID, ""); st == NoData {
			continue
		}
		cells = append(cells, cellRef{i, 0, tr0.Regions[0]})
		seen[[2]int{i, 0}] = true
	}
	for _, t := range s.Targets {
		i, r, ok := tr0.locate(t.Indicator, t.Region)
		if ok && !seen[[2]int{i, r}] {
			seen[[2]int{i, r}] = true
			cells = append(cells, cellRef{i, r, tr0.Regions[r]})
		}
	}
	nC, nT := len(cells), len(s.Targets)
	res := &MCResult{Draws: set.Draws, Seed: seed, Years: tr0.Years(), Baseline: base}
	for t, tg := range s.Targets {
		ind, _ := tr0.Catalog.Lookup(tg.Indicator)
		res.Targets = append(res.Targets, TargetOdds{Target: tg, Indicator: ind, FirstYear: make([]int, nY+1)})
		_ = t
	}

	nBlocks := (set.Draws + mcBlock - 1) / mcBlock
	work := func(b int) blockResult {
		lo := b * mcBlock
		n := min(mcBlock, set.Draws-lo)
		br := blockResult{block: b, n: n, values: make([]float64, n*nC*nY), met: make([]bool, n*nT), first: make([]int, n*nT)}
		for d := range n {
			i := lo + d
			draw := DrawOverrides(s.Uncertain, seed, i)
			over := append(append([]Param(nil), set.Overrides...), draw...)
			r, _, err := pr.run(s, &Settings{Overrides: over})
			if err != nil {
				br.err = fmt.Errorf("draw %d: %w", i, err)
				return br
			}
			tr := r.Trajectory
			for c, cr := range cells {
				cell := tr.cell(cr.ind, cr.reg)
				copy(br.values[(d*nC+c)*nY:(d*nC+c+1)*nY], tr.values[cell*nY:(cell+1)*nY])
			}
			for t, v := range r.Verdicts {
				br.met[d*nT+t] = v.Met
				br.first[d*nT+t] = nY
				if v.FirstYearMet != 0 {
					br.first[d*nT+t] = v.FirstYearMet - tr.BaseYear
				}
			}
			if set.KeepSamples {
				ps := make([]float64, len(draw))
				for j, p := range draw {
					ps[j] = p.Value
				}
				ts := make([]float64, nT)
				for t, v := range r.Verdicts {
					ts[t] = v.Projected
				}
				br.params = append(br.params, ps)
				br.targets = append(br.targets, ts)
			}
		}
		return br
	}

	// Workers take blocks in order; the merger consumes them in order,
	// holding at most a few early arrivals.
	jobs := make(chan int)
	results := make(chan blockResult, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range jobs {
				results <- work(b)
			}
		}()
	}
	window := make(chan struct{}, 2*workers) // blocks in flight or waiting to merge
	go func() {
		for b := range nBlocks {
			window <- struct{}{}
			jobs <- b
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()

	agg := newMCAgg(nC, nY)
	pending := map[int]blockResult{}
	next := 0
	var firstErr error
	pilotBlocks := (min(mcPilot, set.Draws) + mcBlock - 1) / mcBlock
	var pilot []blockResult
	for br := range results {
		pending[br.block] = br
		for {
			b, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-window
			if firstErr != nil {
				continue
			}
			if b.err != nil {
				firstErr = b.err
				continue
			}
			for d := range b.n {
				for t := range nT {
					if b.met[d*nT+t] {
						res.Targets[t].Met++
					}
					res.Targets[t].FirstYear[b.first[d*nT+t]]++
				}
			}
			if set.KeepSamples {
				res.Params = append(res.Params, b.params...)
				res.Values = append(res.Values, b.targets...)
			}
			if b.block < pilotBlocks {
				pilot = append(pilot, b)
				if len(pilot) == pilotBlocks {
					agg.setRanges(pilot)
					for _, p := range pilot {
						agg.add(p)
					}
					pilot = nil
				}
				continue
			}
			agg.add(b)
		}
	}
	if firstErr != nil {
		return nil, fmt.Errorf("sim: monte carlo: %w", firstErr)
	}
	for t := range res.Targets {
		res.Targets[t].Probability = float64(res.Targets[t].Met) / float64(set.Draws)
	}
	for c, cr := range cells {
		res.Series = append(res.Series, agg.series(c, tr0.Catalog.list[cr.ind].ID, cr.region))
	}
	return res, nil
}

// mcAgg holds, per cell and year, the running sum and a histogram.
type mcAgg struct {
	nC, nY      int
	sum         []float64
	count       []int
	lo, hi      []float64 // histogram range
	min, max    []float64 // exact extremes
	under, over []int
	bins        []uint32 // [cell][year][bin]
}

func newMCAgg(nC, nY int) *mcAgg {
	n := nC * nY
	a := &mcAgg{nC: nC, nY: nY, sum: make([]float64, n), count: make([]int, n), lo: make([]float64, n), hi: make([]float64, n),
		min: make([]float64, n), max: make([]float64, n), under: make([]int, n), over: make([]int, n), bins: make([]uint32, n*mcBins)}
	for i := range a.min {
		a.min[i], a.max[i] = math.Inf(1), math.Inf(-1)
	}
	return a
}

// setRanges fixes each histogram's range from the pilot draws, widened by
// a tenth of their spread on each side.
func (a *mcAgg) setRanges(pilot []blockResult) {
	for i := range a.lo {
		a.lo[i], a.hi[i] = math.Inf(1), math.Inf(-1)
	}
	for _, b := range pilot {
		for d := range b.n {
			for i := range a.lo {
				v := b.values[d*a.nC*a.nY+i]
				if !math.IsNaN(v) {
					a.lo[i], a.hi[i] = math.Min(a.lo[i], v), math.Max(a.hi[i], v)
				}
			}
		}
	}
	for i := range a.lo {
		if math.IsInf(a.lo[i], 1) {
			a.lo[i], a.hi[i] = 0, 0
			continue
		}
		pad := (a.hi[i] - a.lo[i]) / 10
		a.lo[i] -= pad
		a.hi[i] += pad
	}
}

func (a *mcAgg) add(b blockResult) {
	for d := range b.n {
		vals := b.values[d*a.nC*a.nY : (d+1)*a.nC*a.nY]
		for i, v := range vals {
			if math.IsNaN(v) {
				continue
			}
			a.sum[i] += v
			a.count[i]++
			a.min[i], a.max[i] = math.Min(a.min[i], v), math.Max(a.max[i], v)
			switch {
			case v < a.lo[i]:
				a.under[i]++
			case v > a.hi[i] || a.hi[i] == a.lo[i]:
				if a.hi[i] == a.lo[i] && v == a.lo[i] {
					a.bins[i*mcBins]++
				} else {
					a.over[i]++
				}
			default:
				k := int((v - a.lo[i]) / (a.hi[i] - a.lo[i]) * mcBins)
				a.bins[i*mcBins+min(k, mcBins-1)]++
			}
		}
	}
}

// quantile reads quantile q of cell-year i from its histogram,
// interpolating within the bin; values outside the range are spread
// evenly between the exact extreme and the range's edge.
func (a *mcAgg) quantile(i int, q float64) float64 {
	n := a.count[i]
	if n == 0 {
		return math.NaN()
	}
	target := q * float64(n)
	lin := func(x0, x1 float64, c, k float64) float64 {
		if c <= 0 {
			return x0
		}
		return x0 + (x1-x0)*math.Min(math.Max(k/c, 0), 1)
	}
	if target <= float64(a.under[i]) {
		return lin(a.min[i], a.lo[i], float64(a.under[i]), target)
	}
	cum := float64(a.under[i])
	w := (a.hi[i] - a.lo[i]) / mcBins
	for k, c := range a.bins[i*mcBins : (i+1)*mcBins] {
		if c == 0 {
			continue
		}
		if cum+float64(c) >= target {
			x0 := a.lo[i] + float64(k)*w
			return math.Min(math.Max(lin(x0, x0+w, float64(c), target-cum), a.min[i]), a.max[i])
		}
		cum += float64(c)
	}
	return lin(a.hi[i], a.max[i], float64(a.over[i]), target-cum)
}

func (a *mcAgg) series(c int, indicator, region string) MCSeries {
	s := MCSeries{Indicator: indicator, Region: region, Mean: make([]float64, a.nY), Q: make([][]float64, len(Quantiles))}
	for q := range Quantiles {
		s.Q[q] = make([]float64, a.nY)
	}
	for y := range a.nY {
		i := c*a.nY + y
		s.Mean[y] = math.NaN()
		if a.count[i] > 0 {
			s.Mean[y] = a.sum[i] / float64(a.count[i])
		}
		for q, p := range Quantiles {
			s.Q[q][y] = a.quantile(i, p)
		}
	}
	return s
}
