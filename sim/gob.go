package sim

import (
	"bytes"
	"encoding/gob"
)

// trajectoryWire is a Trajectory's encoded form.
type trajectoryWire struct {
	Scenario          string
	BaseYear, Horizon int
	Regions           []string
	Indicators        []Indicator
	Values            []float64
	Status            []Status
	Basis             []string
	Slot              []int
	NS, NR, NYears    int
}

// GobEncode lets a trajectory travel between processes (a sharded batch).
func (tr *Trajectory) GobEncode() ([]byte, error) {
	var buf bytes.Buffer
	err := gob.NewEncoder(&buf).Encode(trajectoryWire{tr.Scenario, tr.BaseYear, tr.Horizon, tr.Regions, tr.Catalog.list,
		tr.values, tr.status, tr.basis, tr.slot, tr.nS, tr.nR, tr.nYears})
	return buf.Bytes(), err
}

// GobDecode restores a trajectory encoded by GobEncode.
func (tr *Trajectory) GobDecode(b []byte) error {
	var w trajectoryWire
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&w); err != nil {
		return err
	}
	cat := &Catalog{list: w.Indicators, byID: make(map[string]int, len(w.Indicators))}
	for i, ind := range w.Indicators {
		cat.byID[ind.ID] = i
	}
	*tr = Trajectory{Scenario: w.Scenario, BaseYear: w.BaseYear, Horizon: w.Horizon, Regions: w.Regions, Catalog: cat,
		values: w.Values, status: w.Status, basis: w.Basis, slot: w.Slot, nS: w.NS, nR: w.NR, nYears: w.NYears}
	return nil
}
