package scenarios

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"clinicsim/sim"
)

var variantsSpec = fileSpec{Name: "variants.csv", Doc: "policy options: parameter overrides layered on the scenario", Columns: []column{
	{"variant", true, "", "variant name (Chinese allowed); one or more rows each"},
	{"base", false, "", "another variant this one builds on: it inherits that variant's overrides"},
	{"description", false, "", "what the option is"},
	{"key", false, "", "parameter key to override; empty on a row that only names or describes the variant"},
	{"region", false, "", "as in parameters.csv"},
	{"tier", false, "", "as in parameters.csv"},
	{"cadre", false, "", "as in parameters.csv"},
	{"year", false, "year", "first year the override applies (e.g. when a policy starts); empty for all years"},
	{"value", false, "key's unit", "the value (a % sign divides by 100)"},
	{"source", false, "", "why this value"},
}}

type variantRow struct {
	Variant     string `csv:"variant"`
	Base        string `csv:"base"`
	Description string `csv:"description"`
	Key         string `csv:"key"`
	Region      string `csv:"region"`
	Tier        string `csv:"tier"`
	Cadre       string `csv:"cadre"`
	Year        year   `csv:"year"`
	Value       number `csv:"value"`
	Source      string `csv:"source"`
}

// LoadVariants reads the variants file name from fsys for scenario s and
// resolves each variant's overrides, its base's first.
func LoadVariants(fsys fs.FS, name string, s *sim.Scenario) ([]sim.Variant, error) {
	var errs ErrorList
	cat, err := sim.NewCatalog().With(s.Indicators)
	if err == nil {
		cat, err = cat.WithRules(s.Rules)
	}
	if err != nil {
		return nil, err
	}
	l := &loader{errs: &errs, cat: cat, regions: map[string]bool{}, base: s.BaseYear, horizon: s.Horizon}
	for _, r := range s.Regions {
		l.regions[r.ID] = true
	}
	spec := variantsSpec
	spec.Name = name
	spec.Required = true
	rows, pos, ok := readTable[variantRow](fsys, &spec, &errs)
	if !ok {
		return nil, errs
	}
	type entry struct {
		v    sim.Variant
		line int
		own  []sim.Param
	}
	var order []string
	byName := map[string]*entry{}
	for i, r := range rows {
		p := pos[i]
		if r.Variant == "" {
			errs.add(name, p.line, p.col("variant"), "variant is empty; name the option this row belongs to")
			continue
		}
		e := byName[r.Variant]
		if e == nil {
			e = &entry{v: sim.Variant{Name: r.Variant}, line: p.line}
			byName[r.Variant] = e
			order = append(order, r.Variant)
		}
		if r.Base != "" {
			if e.v.Base != "" && e.v.Base != r.Base {
				errs.add(name, p.line, p.col("base"), "variant %q already builds on %q (line %d); give one base", r.Variant, e.v.Base, e.line)
			}
			e.v.Base = r.Base
		}
		if r.Description != "" {
			e.v.Description = r.Description
		}
		if r.Key == "" {
			continue
		}
		prm, sp, good := l.paramCells(name, p, r.Key, r.Region, r.Tier, r.Cadre, r.Year)
		if !good {
			continue
		}
		if !r.Value.Set {
			if p.missing("value") {
				errs.add(name, p.line, p.col("value"), "value is empty; write a number in %s", sp.Unit)
			}
			continue
		}
		prm.Value, prm.Source = r.Value.fraction(), r.Source
		if err := sim.CheckParam(prm, cat); err != nil {
			errs.add(name, p.line, p.col("value"), "%v", err)
			continue
		}
		e.own = append(e.own, prm)
	}
	// Bases: defined, and no cycles.
	for _, n := range order {
		e := byName[n]
		if e.v.Base == "" {
			continue
		}
		if _, ok := byName[e.v.Base]; !ok {
			errs.add(name, e.line, 0, "variant %q builds on %q, which is not defined in %s%s", n, e.v.Base, name, suggest(e.v.Base, order))
			continue
		}
		seen := []string{n}
		for b := e.v.Base; b != ""; b = byName[b].v.Base {
			if slices.Contains(seen, b) {
				errs.add(name, e.line, 0, "variant %q builds on itself through %v; remove one base", n, seen)
				break
			}
			seen = append(seen, b)
			if byName[b] == nil {
				break
			}
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	var out []sim.Variant
	for _, n := range order {
		e := byName[n]
		var chain []*entry
		for x := e; x != nil; x = byName[x.v.Base] {
			chain = append([]*entry{x}, chain...)
			if x.v.Base == "" {
				break
			}
		}
		v := e.v
		for _, c := range chain {
			v.Overrides = append(v.Overrides, c.own...)
		}
		out = append(out, v)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("scenarios: %s defines no variant", name)
	}
	return out, nil
}

// OpenVariants reads variants for scenario s: the file at path, or with
// path empty the variants.csv shipped with (or inside the folder of) the
// scenario named nameOrDir.
func OpenVariants(path, nameOrDir string, s *sim.Scenario) ([]sim.Variant, error) {
	if path != "" {
		return LoadVariants(os.DirFS(filepath.Dir(path)), filepath.Base(path), s)
	}
	var fsys fs.FS
	if slices.Contains(Shipped(), nameOrDir) {
		fsys, _ = FS(nameOrDir)
	} else {
		fsys = os.DirFS(nameOrDir)
	}
	if _, err := fs.Stat(fsys, "variants.csv"); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("scenarios: %s has no variants.csv; pass --variants FILE", nameOrDir)
	}
	return LoadVariants(fsys, "variants.csv", s)
}
