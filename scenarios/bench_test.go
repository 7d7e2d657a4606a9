package scenarios

import "testing"

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
