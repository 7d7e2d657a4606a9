package scenarios

import (
	"context"
	"fmt"
	"testing"

	"clinicsim/sim"
)

func BenchmarkLoad(b *testing.B) {
	fsys, err := FS(Default)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Load(fsys); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRunShipped(b *testing.B) {
	for _, name := range Shipped() {
		s, _, err := Open(name)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := sim.Run(s, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMonteCarlo runs 1,000 and 10,000 draws of the default scenario
// (also the largest shipped one), charts aside.
func BenchmarkMonteCarlo(b *testing.B) {
	s, _, err := Open(Default)
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := sim.MonteCarlo(s, sim.MCSettings{Draws: n}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "draws/s")
		})
	}
}

// BenchmarkBatch runs 100 variants of the default scenario (a sweep of
// GP hires), deterministically.
func BenchmarkBatch(b *testing.B) {
	s, _, err := Open(Default)
	if err != nil {
		b.Fatal(err)
	}
	vs := make([]sim.Variant, 100)
	for i := range vs {
		vs[i] = sim.Variant{Name: fmt.Sprint(i), Overrides: []sim.Param{{Key: "hires", Tier: sim.CHSCentre, Cadre: sim.GP, Year: 2023, Value: float64(i) / 5}}}
	}
	for b.Loop() {
		if _, err := sim.Batch(context.Background(), s, vs, sim.BatchSettings{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(100*float64(b.N)/b.Elapsed().Seconds(), "variant-runs/s")
}
