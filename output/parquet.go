package output

import (
	"io"

	"github.com/parquet-go/parquet-go"

	"clinicsim/sim"
)

// ParquetRow is one value of trajectories.parquet.
type ParquetRow struct {
	Scenario  string  `parquet:"scenario,dict"`
	Variant   string  `parquet:"variant,dict"`
	Region    string  `parquet:"region,dict"`
	Indicator string  `parquet:"indicator,dict"`
	Year      int32   `parquet:"year"`
	Value     float64 `parquet:"value"`
	Status    string  `parquet:"status,dict"`
}

// WriteParquet writes the variants' trajectories in Parquet, the columnar
// format pandas, DuckDB and R read directly; keep decides which regions.
func WriteParquet(w io.Writer, rs []sim.VariantResult, keep func(region string) bool) error {
	var rows []ParquetRow
	for _, r := range rs {
		tr := r.Result.Trajectory
		for p := range tr.Points {
			if !keep(p.Region) {
				continue
			}
			st, _ := tr.Status(p.Indicator, p.Region)
			rows = append(rows, ParquetRow{tr.Scenario, r.Variant.Name, p.Region, p.Indicator, int32(p.Year), sim.Round(p.Value, 6), st.String()})
		}
	}
	return parquet.Write(w, rows, parquet.CreatedBy("clinicsim", "1", "batch"))
}
