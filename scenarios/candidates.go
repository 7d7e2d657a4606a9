package scenarios

import (
	"os"
	"path/filepath"

	"clinicsim/sim"
)

var candidatesSpec = fileSpec{Name: "candidates.csv", Doc: "possible sites for clinicsim site", Columns: []column{
	{"id", true, "", "identifier"},
	{"name_zh", false, "", "Chinese name"},
	{"name_en", false, "", "English name"},
	{"lat", true, "degrees", "latitude"},
	{"lon", true, "degrees", "longitude"},
}}

type candidateRow struct {
	ID     string `csv:"id"`
	NameZH string `csv:"name_zh"`
	NameEN string `csv:"name_en"`
	Lat    number `csv:"lat"`
	Lon    number `csv:"lon"`
}

// ReadCandidates reads a file of possible sites (id, name_zh, name_en, lat,
// lon) for siting.
func ReadCandidates(path string) ([]sim.Candidate, error) {
	spec := candidatesSpec
	spec.Name = filepath.Base(path)
	spec.Required = true
	var errs ErrorList
	rows, pos, _ := readTable[candidateRow](os.DirFS(filepath.Dir(path)), &spec, &errs)
	var out []sim.Candidate
	for i, r := range rows {
		p := pos[i]
		if r.ID == "" {
			errs.add(spec.Name, p.line, p.col("id"), "id is empty; name every candidate site")
		}
		if !r.Lat.Set || !r.Lon.Set || r.Lat.V < -90 || r.Lat.V > 90 || r.Lon.V < -180 || r.Lon.V > 180 {
			errs.add(spec.Name, p.line, p.col("lat"), "lat and lon must both be given in degrees (lat -90 to 90, lon -180 to 180)")
			continue
		}
		out = append(out, sim.Candidate{ID: r.ID, NameZH: r.NameZH, NameEN: r.NameEN, Lat: r.Lat.V, Lon: r.Lon.V})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}
