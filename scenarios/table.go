package scenarios

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"strconv"
	"strings"

	"github.com/gocarina/gocsv"
)

// column documents one column of a scenario file.
type column struct {
	Name     string
	Required bool // the column must be present
	Unit     string
	Doc      string
}

// fileSpec documents one file of a scenario folder.
type fileSpec struct {
	Name     string
	Required bool
	Doc      string
	Columns  []column
}

func (f *fileSpec) names() []string {
	out := make([]string, len(f.Columns))
	for i, c := range f.Columns {
		out[i] = c.Name
	}
	return out
}

// cellPos locates the cells of one data row.
type cellPos struct {
	line int
	cols map[string]int // column name -> 1-based cell index in the file
	cell map[string]string
}

func (p cellPos) col(name string) int { return p.cols[name] }

// missing reports whether a cell was left empty (a cell that could not be
// converted has been reported already and is not missing).
func (p cellPos) missing(name string) bool { return p.cell[name] == "" }

// readTable reads a file of spec from fsys into a slice of T (a struct with
// csv tags matching the spec's columns). Problems go to errs; rows with a
// conversion problem are still returned, with the bad field zero, so that
// later checks can run on the rest.
func readTable[T any](fsys fs.FS, spec *fileSpec, errs *ErrorList) ([]T, []cellPos, bool) {
	raw, err := fs.ReadFile(fsys, spec.Name)
	if errors.Is(err, fs.ErrNotExist) {
		if spec.Required {
			errs.add(spec.Name, 0, 0, "file is missing; every scenario needs %s (%s)", spec.Name, spec.Doc)
		}
		return nil, nil, false
	}
	if err != nil {
		errs.add(spec.Name, 0, 0, "cannot read: %v", err)
		return nil, nil, false
	}
	text, _, err := toUTF8(raw)
	if err != nil {
		errs.add(spec.Name, 0, 0, "%v; save the file as CSV UTF-8 or CSV (GBK)", err)
		return nil, nil, false
	}
	header, rows, ok := splitRecords(text, spec, errs)
	if !ok {
		return nil, nil, false
	}
	// Rewrite the rows with the spec's column names in a clean CSV and let
	// gocsv map them onto T.
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	names := spec.names()
	_ = w.Write(names)
	rec := make([]string, len(names))
	for _, r := range rows {
		for i, n := range names {
			rec[i] = r.cell[n]
		}
		_ = w.Write(rec)
	}
	w.Flush()
	var out []T
	handler := func(pe *csv.ParseError) bool {
		i := pe.Line - 2
		if i < 0 || i >= len(rows) || pe.Column < 1 || pe.Column > len(names) {
			errs.add(spec.Name, 0, 0, "%v", pe.Err)
			return true
		}
		name := names[pe.Column-1]
		errs.add(spec.Name, rows[i].line, rows[i].col(name), "%s: %v", name, cleanErr(pe.Err))
		return true
	}
	if err := gocsv.UnmarshalWithErrorHandler(&buf, handler, &out); err != nil && !errors.Is(err, gocsv.ErrEmptyCSVFile) {
		errs.add(spec.Name, header, 0, "%v", err)
		return nil, nil, false
	}
	if len(out) != len(rows) {
		errs.add(spec.Name, header, 0, "read %d rows of %d", len(out), len(rows))
		return nil, nil, false
	}
	return out, rows, true
}

// cleanErr drops gocsv's and strconv's prefixes from a conversion error.
func cleanErr(err error) string {
	var ne *strconv.NumError
	if errors.As(err, &ne) {
		return fmt.Sprintf("%q is not a number", ne.Num)
	}
	return err.Error()
}

// splitRecords parses CSV text, checks the header against spec and returns
// the 1-based line of the header and the non-empty data rows.
func splitRecords(text []byte, spec *fileSpec, errs *ErrorList) (int, []cellPos, bool) {
	r := csv.NewReader(bytes.NewReader(text))
	r.FieldsPerRecord = -1
	r.Comment = '#'
	var (
		header     []string
		headerLine int
		rows       []cellPos
		colOf      map[string]int
	)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				errs.add(spec.Name, pe.Line, 0, "broken CSV near character %d: %v; check the quotes on this line", pe.Column, pe.Err)
			} else {
				errs.add(spec.Name, 0, 0, "cannot parse CSV: %v", err)
			}
			return 0, nil, false
		}
		line, _ := r.FieldPos(0)
		if allEmpty(rec) {
			continue
		}
		if header == nil {
			header, headerLine = rec, line
			colOf = checkHeader(rec, line, spec, errs)
			if colOf == nil {
				return 0, nil, false
			}
			continue
		}
		pos := cellPos{line: line, cols: colOf, cell: make(map[string]string, len(colOf))}
		for name, c := range colOf {
			if c-1 < len(rec) {
				pos.cell[name] = strings.TrimSpace(rec[c-1])
			}
		}
		for j := len(header); j < len(rec); j++ {
			if strings.TrimSpace(rec[j]) != "" {
				errs.add(spec.Name, line, j+1, "cell %q has no column header; remove it or add a header", rec[j])
				break
			}
		}
		rows = append(rows, pos)
	}
	if header == nil {
		errs.add(spec.Name, 0, 0, "file is empty; the first line must name the columns: %s", strings.Join(spec.names(), ","))
		return 0, nil, false
	}
	return headerLine, rows, true
}

func allEmpty(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// checkHeader maps column names to cell indexes, reporting unknown,
// duplicate and missing columns. It returns nil if the header is unusable.
func checkHeader(rec []string, line int, spec *fileSpec, errs *ErrorList) map[string]int {
	colOf := map[string]int{}
	known := spec.names()
	bad := false
	for j, h := range rec {
		name := strings.ToLower(strings.TrimSpace(h))
		if name == "" {
			errs.add(spec.Name, line, j+1, "empty column header; name the column (one of %s) or delete it", strings.Join(known, ", "))
			bad = true
			continue
		}
		found := false
		for _, k := range known {
			if k == name {
				found = true
			}
		}
		if !found {
			errs.add(spec.Name, line, j+1, "unknown column %q%s; the columns of %s are %s", h, suggest(name, known), spec.Name, strings.Join(known, ", "))
			bad = true
			continue
		}
		if prev, dup := colOf[name]; dup {
			errs.add(spec.Name, line, j+1, "column %q appears twice (also column %d); keep one", name, prev)
			bad = true
			continue
		}
		colOf[name] = j + 1
	}
	for _, c := range spec.Columns {
		if _, ok := colOf[c.Name]; c.Required && !ok {
			errs.add(spec.Name, line, 0, "required column %q is missing; add a column headed %s (%s)", c.Name, c.Name, c.Doc)
			bad = true
		}
	}
	if bad {
		return nil
	}
	return colOf
}

// number is a numeric cell: "1,234", "12.5%" (a fraction 0.125 in
// parameter and region files) and an empty cell (Set false) are accepted.
type number struct {
	V   float64
	Set bool
	Pct bool // written with a % sign
}

// UnmarshalCSV implements gocsv.TypeUnmarshaller.
func (n *number) UnmarshalCSV(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		*n = number{}
		return nil
	}
	t := strings.NewReplacer(",", "", "，", "", " ", "").Replace(s)
	pct := strings.HasSuffix(t, "%") || strings.HasSuffix(t, "％")
	t = strings.TrimSuffix(strings.TrimSuffix(t, "%"), "％")
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return fmt.Errorf("%q is not a number; write digits such as 1234 or 12.5", s)
	}
	*n = number{V: v, Set: true, Pct: pct}
	return nil
}

// fraction returns the value with a % sign read as a percentage.
func (n number) fraction() float64 {
	if n.Pct {
		return n.V / 100
	}
	return n.V
}

// year is a calendar-year cell; empty means "not given".
type year struct {
	Y   int
	Set bool
}

// UnmarshalCSV implements gocsv.TypeUnmarshaller.
func (y *year) UnmarshalCSV(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		*y = year{}
		return nil
	}
	v, err := strconv.Atoi(strings.TrimSuffix(s, "年"))
	if err != nil || v < 1900 || v > 2200 {
		return fmt.Errorf("%q is not a year; write a four-digit year such as 2025", s)
	}
	*y = year{Y: v, Set: true}
	return nil
}
