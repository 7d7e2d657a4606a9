package output

import (
	"bytes"
	"math"
	"testing"

	"github.com/parquet-go/parquet-go"

	"clinicsim/sim"
)

func TestParquetRoundTrip(t *testing.T) {
	_, res := smallRun(t)
	rs := []sim.VariantResult{{Variant: sim.Variant{Name: "a"}, Result: res}, {Variant: sim.Variant{Name: "b"}, Result: res}}
	var b bytes.Buffer
	if err := WriteParquet(&b, rs, func(string) bool { return true }); err != nil {
		t.Fatal(err)
	}
	rows, err := parquet.Read[ParquetRow](bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatalf("the file does not read back: %v", err)
	}
	n := 0
	for range res.Trajectory.Points {
		n++
	}
	if len(rows) != 2*n {
		t.Fatalf("%d rows, want %d", len(rows), 2*n)
	}
	for _, r := range rows {
		if r.Variant == "b" && r.Indicator == "gps_per_10000" && r.Year == 2025 && math.Abs(r.Value-5) > 1e-9 {
			t.Errorf("b gps_per_10000 2025 = %v, want 5", r.Value)
		}
	}
}
