package sim

import (
	"fmt"
	"testing"
)

func TestGrid(t *testing.T) {
	g := Grid([][]float64{{1, 2}, {10, 20, 30}})
	if len(g) != 6 || fmt.Sprint(g[0]) != "[1 10]" || fmt.Sprint(g[2]) != "[1 30]" || fmt.Sprint(g[5]) != "[2 30]" {
		t.Errorf("Grid = %v", g)
	}
}

func TestLatinHypercubeStrata(t *testing.T) {
	const n = 50
	lo, hi := []float64{0, 100, -1}, []float64{1, 200, 1}
	pts, err := LatinHypercube(n, lo, hi, 9)
	if err != nil {
		t.Fatal(err)
	}
	for d := range lo {
		seen := make([]bool, n)
		for _, p := range pts {
			k := int((p[d] - lo[d]) / (hi[d] - lo[d]) * n)
			if k < 0 || k >= n || seen[k] {
				t.Fatalf("axis %d: stratum %d holds two points or the point %v is out of range", d, k, p[d])
			}
			seen[k] = true
		}
	}
	again, _ := LatinHypercube(n, lo, hi, 9)
	if fmt.Sprint(again) != fmt.Sprint(pts) {
		t.Error("the same seed gave different points")
	}
	if _, err := LatinHypercube(5, []float64{1}, []float64{1}, 1); err == nil {
		t.Error("empty range accepted")
	}
}
