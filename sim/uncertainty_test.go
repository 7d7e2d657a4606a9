package sim

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat"
)

func TestDistributionMoments(t *testing.T) {
	cases := []struct {
		kind     string
		args     []float64
		mean, sd float64
		lo, hi   float64
	}{
		{"uniform", []float64{2, 6}, 4, 4 / math.Sqrt(12), 2, 6},
		{"normal", []float64{10, 2}, 10, 2, math.Inf(-1), math.Inf(1)},
		{"normal", []float64{0, 1, 0, 10}, math.Sqrt(2 / math.Pi), math.Sqrt(1 - 2/math.Pi), 0, 10}, // half-normal
		{"lognormal", []float64{0, 0.5}, math.Exp(0.125), math.Sqrt((math.Exp(0.25) - 1) * math.Exp(0.25)), 0, math.Inf(1)},
		{"triangular", []float64{0, 1, 4}, 5.0 / 3, math.Sqrt((0 + 1 + 16 - 0 - 0 - 4) / 18.0), 0, 4},
		{"beta", []float64{2, 5}, 2.0 / 7, math.Sqrt(10 / (49.0 * 8)), 0, 1},
		// PERT(0, 1, 4): alpha 2, beta 4 on [0, 4]: mean (0+4+4)/6.
		{"pert", []float64{0, 1, 4}, 8.0 / 6, 4 * math.Sqrt(8/(36.0*7)), 0, 4},
	}
	for _, c := range cases {
		d, err := NewDistribution(c.kind, c.args)
		if err != nil {
			t.Fatalf("%s%v: %v", c.kind, c.args, err)
		}
		const n = 200000
		xs := make([]float64, n)
		r := stream(42, 0)
		for i := range xs {
			xs[i] = d.Quantile(r.Float64())
			if xs[i] < c.lo || xs[i] > c.hi {
				t.Fatalf("%s%v drew %v outside [%v, %v]", c.kind, c.args, xs[i], c.lo, c.hi)
			}
		}
		mean, sd := stat.MeanStdDev(xs, nil)
		if math.Abs(mean-c.mean) > 4*c.sd/math.Sqrt(n) {
			t.Errorf("%s%v mean = %v, want %v", c.kind, c.args, mean, c.mean)
		}
		if math.Abs(sd-c.sd) > 0.01*c.sd {
			t.Errorf("%s%v sd = %v, want %v", c.kind, c.args, sd, c.sd)
		}
	}
}

func TestDistributionArguments(t *testing.T) {
	bad := []struct {
		kind string
		args []float64
	}{
		{"uniform", []float64{3, 3}}, {"uniform", []float64{1}}, {"normal", []float64{0, -1}}, {"normal", []float64{0, 1, 5, 4}},
		{"normal", []float64{0, 1, 50, 60}}, {"lognormal", []float64{0, 0}}, {"triangular", []float64{0, 5, 4}},
		{"pert", []float64{1, 1, 1}}, {"beta", []float64{0, 1}}, {"beta", []float64{1, 1, 2, 1}}, {"gamma", []float64{1, 1}},
		{"uniform", []float64{0, math.Inf(1)}},
	}
	for _, b := range bad {
		if _, err := NewDistribution(b.kind, b.args); err == nil {
			t.Errorf("NewDistribution(%s, %v) succeeded, want an error", b.kind, b.args)
		}
	}
}
