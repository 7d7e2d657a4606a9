package sim

import (
	"fmt"
	"math/rand/v2"
)

// Grid returns every combination of the axes' values, the first axis
// varying slowest.
func Grid(axes [][]float64) [][]float64 {
	out := [][]float64{{}}
	for _, ax := range axes {
		var next [][]float64
		for _, prefix := range out {
			for _, v := range ax {
				next = append(next, append(append([]float64(nil), prefix...), v))
			}
		}
		out = next
	}
	return out
}

// LatinHypercube returns n points in the box given by lo and hi: on every
// axis each of the n equal strata holds exactly one point, placed
// uniformly within it; the strata are matched across axes by independent
// random permutations from a generator seeded with seed.
func LatinHypercube(n int, lo, hi []float64, seed uint64) ([][]float64, error) {
	if n < 1 {
		return nil, fmt.Errorf("sim: latin hypercube: %d points", n)
	}
	if len(lo) != len(hi) {
		return nil, fmt.Errorf("sim: latin hypercube: %d lower and %d upper bounds", len(lo), len(hi))
	}
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	out := make([][]float64, n)
	for i := range out {
		out[i] = make([]float64, len(lo))
	}
	for d := range lo {
		if !(hi[d] > lo[d]) {
			return nil, fmt.Errorf("sim: latin hypercube: axis %d has bounds %v to %v", d, lo[d], hi[d])
		}
		perm := r.Perm(n)
		for i := range n {
			u := (float64(perm[i]) + r.Float64()) / float64(n)
			out[i][d] = lo[d] + u*(hi[d]-lo[d])
		}
	}
	return out, nil
}
