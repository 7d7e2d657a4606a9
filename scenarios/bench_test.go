package scenarios

import (
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
