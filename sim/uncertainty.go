package sim

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// Distribution is the uncertainty of a parameter. Args depend on Kind:
//
//	uniform    min, max
//	normal     mean, sd [, min, max]   (truncated to [min, max] when given)
//	lognormal  mu, sigma               (of the logarithm; the median is e^mu)
//	triangular min, mode, max
//	beta       alpha, beta [, min, max] (scaled from [0, 1] to [min, max])
//	pert       min, mode, max          (beta with shape 4: what planners estimate)
type Distribution struct {
	Kind string
	Args []float64
	q    func(u float64) float64
}

// DistributionKinds lists the accepted kinds.
func DistributionKinds() []string {
	return []string{"uniform", "normal", "lognormal", "triangular", "beta", "pert"}
}

// NewDistribution checks the arguments and returns the distribution, or an
// error that says what would be right. Nothing panics later.
func NewDistribution(kind string, args []float64) (Distribution, error) {
	d := Distribution{Kind: kind, Args: args}
	for _, a := range args {
		if math.IsNaN(a) || math.IsInf(a, 0) {
			return d, fmt.Errorf("%s arguments must be finite numbers", kind)
		}
	}
	n := len(args)
	want := func(counts ...int) error {
		for _, c := range counts {
			if n == c {
				return nil
			}
		}
		return fmt.Errorf("%s takes %v arguments, not %d", kind, counts, n)
	}
	switch kind {
	case "uniform":
		if err := want(2); err != nil {
			return d, err
		}
		if !(args[1] > args[0]) {
			return d, fmt.Errorf("uniform needs min < max, got %v and %v", args[0], args[1])
		}
		u := distuv.Uniform{Min: args[0], Max: args[1]}
		d.q = u.Quantile
	case "normal":
		if err := want(2, 4); err != nil {
			return d, err
		}
		if !(args[1] > 0) {
			return d, fmt.Errorf("normal needs sd > 0, got %v", args[1])
		}
		nd := distuv.Normal{Mu: args[0], Sigma: args[1]}
		lo, hi := 0.0, 1.0
		if n == 4 {
			if !(args[3] > args[2]) {
				return d, fmt.Errorf("truncated normal needs min < max, got %v and %v", args[2], args[3])
			}
			lo, hi = nd.CDF(args[2]), nd.CDF(args[3])
			if !(hi-lo > 1e-12) {
				return d, fmt.Errorf("truncated normal: [%v, %v] holds almost none of the distribution", args[2], args[3])
			}
		}
		d.q = func(u float64) float64 {
			p := lo + u*(hi-lo)
			p = math.Min(math.Max(p, 1e-15), 1-1e-15)
			x := nd.Quantile(p)
			if n == 4 {
				x = math.Min(math.Max(x, args[2]), args[3])
			}
			return x
		}
	case "lognormal":
		if err := want(2); err != nil {
			return d, err
		}
		if !(args[1] > 0) {
			return d, fmt.Errorf("lognormal needs sigma > 0, got %v", args[1])
		}
		ln := distuv.LogNormal{Mu: args[0], Sigma: args[1]}
		d.q = func(u float64) float64 { return ln.Quantile(math.Min(math.Max(u, 1e-15), 1-1e-15)) }
	case "triangular", "pert":
		if err := want(3); err != nil {
			return d, err
		}
		lo, mode, hi := args[0], args[1], args[2]
		if !(lo < hi) || mode < lo || mode > hi {
			return d, fmt.Errorf("%s needs min <= mode <= max with min < max, got %v, %v, %v", kind, lo, mode, hi)
		}
		if kind == "triangular" {
			t := distuv.NewTriangle(lo, hi, mode, nil)
			d.q = t.Quantile
			break
		}
		b := distuv.Beta{Alpha: 1 + 4*(mode-lo)/(hi-lo), Beta: 1 + 4*(hi-mode)/(hi-lo)}
		d.q = func(u float64) float64 { return lo + (hi-lo)*b.Quantile(u) }
	case "beta":
		if err := want(2, 4); err != nil {
			return d, err
		}
		if !(args[0] > 0 && args[1] > 0) {
			return d, fmt.Errorf("beta needs alpha > 0 and beta > 0, got %v and %v", args[0], args[1])
		}
		lo, hi := 0.0, 1.0
		if n == 4 {
			lo, hi = args[2], args[3]
			if !(hi > lo) {
				return d, fmt.Errorf("beta needs min < max, got %v and %v", lo, hi)
			}
		}
		b := distuv.Beta{Alpha: args[0], Beta: args[1]}
		d.q = func(u float64) float64 { return lo + (hi-lo)*b.Quantile(u) }
	default:
		return d, fmt.Errorf("unknown distribution %q", kind)
	}
	return d, nil
}

// Quantile returns the value below which the fraction u of the
// distribution lies.
func (d Distribution) Quantile(u float64) float64 {
	if d.q == nil {
		panic("sim: Distribution not made by NewDistribution") // programmer error
	}
	return d.q(math.Min(math.Max(u, 0), 1))
}

// Uncertain is a parameter whose value is drawn for each Monte Carlo draw:
// the drawn value overrides the rows of Param.Key for Param's region, tier
// and cadre from Param.Year on.
type Uncertain struct {
	Param  Param
	Dist   Distribution
	Source string
}

// stream returns draw i's random numbers: a PCG generator seeded by
// (seed, i) alone, so a draw is the same whichever worker computes it.
func stream(seed uint64, i int) *rand.Rand {
	return rand.New(rand.NewPCG(seed, uint64(i)))
}

// DrawOverrides returns the parameter overrides of draw i: one uniform
// number per uncertain parameter, in order, mapped through its quantile
// function.
func DrawOverrides(us []Uncertain, seed uint64, i int) []Param {
	r := stream(seed, i)
	out := make([]Param, len(us))
	for j, u := range us {
		p := u.Param
		p.Value = u.Dist.Quantile(r.Float64())
		out[j] = p
	}
	return out
}
