// Package server serves clinicsim's live what-if page: a control for each
// lever a scenario declares, and every change re-runs the model and
// redraws the trajectories and the target dashboard. The page and its
// script are embedded; it makes no request outside the server. The server
// keeps no per-user state (saved variants live in the page), so any number
// of tabs can use it at once.
package server

import (
	"bytes"
	"context"
	"embed"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/http"
	"strconv"
	"strings"
	"testing/fstest"
	"time"

	"clinicsim/output"
	"clinicsim/scenarios"
	"clinicsim/sim"
)

//go:embed assets
var assets embed.FS

// Limits of a request.
const (
	maxBody     = 1 << 20 // bytes of a request body
	maxVariants = 50      // saved variants compared at once
	maxDraws    = 1000    // Monte Carlo draws of a quick run
)

// Options configures a Server.
type Options struct {
	// Scenarios are the shipped scenario names and folders offered; the
	// first is shown first.
	Scenarios []string
	// Looks are the chart and report looks by language ("en", "zh").
	Looks map[string]output.Look
	// Workers runs Monte Carlo draws on this many goroutines (0: all cores).
	Workers int
}

// Server answers the page's requests. Create it with New.
type Server struct {
	order []string
	scen  map[string]*entry
	looks map[string]output.Look
	opt   Options
	page  *template.Template
}

// entry is a loaded scenario with its levers; it is never changed after
// New, so requests share it freely.
type entry struct {
	s        *sim.Scenario
	levers   []Lever
	variants []sim.Variant
}

// New loads the scenarios and prepares the page.
func New(opt Options) (*Server, error) {
	srv := &Server{scen: map[string]*entry{}, looks: opt.Looks, opt: opt}
	if len(opt.Scenarios) == 0 {
		return nil, errors.New("server: no scenario to serve")
	}
	for _, name := range opt.Scenarios {
		s, _, err := scenarios.Open(name)
		if err != nil {
			return nil, fmt.Errorf("server: %w", err)
		}
		e := &entry{s: s}
		if vs, err := scenarios.OpenVariants("", name, s); err == nil {
			e.variants = vs
			if e.levers, err = leversOf(s, vs); err != nil {
				return nil, fmt.Errorf("server: %s: %w", name, err)
			}
		}
		if _, dup := srv.scen[s.Name]; dup {
			return nil, fmt.Errorf("server: two scenarios are named %s", s.Name)
		}
		srv.scen[s.Name] = e
		srv.order = append(srv.order, s.Name)
	}
	if _, ok := srv.looks["en"]; !ok {
		if srv.looks == nil {
			srv.looks = map[string]output.Look{}
		}
		srv.looks["en"] = output.Look{Lang: "en"}
	}
	t, err := template.ParseFS(assets, "assets/index.html")
	if err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	srv.page = t
	return srv, nil
}

// Handler routes the page, its assets and its API.
func (srv *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(assets, "assets")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("GET /{$}", srv.index)
	mux.HandleFunc("GET /api/scenario", srv.scenario)
	mux.HandleFunc("POST /api/run", srv.run)
	mux.HandleFunc("POST /api/compare", srv.compare)
	mux.HandleFunc("POST /api/variants.csv", srv.variantsCSV)
	mux.HandleFunc("POST /api/report", srv.report)
	return secure(mux)
}

// secure sets headers that keep the page to itself.
func secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		}
		h.ServeHTTP(w, r)
	})
}

// NewHTTPServer wraps h with the timeouts a server facing browsers needs.
func NewHTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    1 << 16,
	}
}

func (srv *Server) index(w http.ResponseWriter, r *http.Request) {
	type opt struct{ Name, Title string }
	var opts []opt
	for _, n := range srv.order {
		s := srv.scen[n].s
		opts = append(opts, opt{n, s.TitleZH + " / " + s.TitleEN})
	}
	_, zh := srv.looks["zh"]
	var buf bytes.Buffer
	if err := srv.page.Execute(&buf, map[string]any{"Scenarios": opts, "HasZH": zh}); err != nil {
		httpError(w, http.StatusInternalServerError, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(buf.Bytes())
}

func (srv *Server) entry(name string) (*entry, error) {
	e, ok := srv.scen[name]
	if !ok {
		return nil, fmt.Errorf("no scenario %q; served: %s", name, strings.Join(srv.order, ", "))
	}
	return e, nil
}

func (srv *Server) scenario(w http.ResponseWriter, r *http.Request) {
	e, err := srv.entry(r.URL.Query().Get("name"))
	if err != nil {
		httpError(w, http.StatusNotFound, err)
		return
	}
	s := e.s
	writeJSON(w, map[string]any{
		"name": s.Name, "title_zh": s.TitleZH, "title_en": s.TitleEN,
		"base_year": s.BaseYear, "horizon": s.Horizon, "levers": e.levers,
	})
}

// runRequest is the body of /api/run and /api/report.
type runRequest struct {
	Scenario string             `json:"scenario"`
	Settings map[string]Setting `json:"settings"`
	Draws    int                `json:"draws"`
	Lang     string             `json:"lang"`
}

// namedSettings is a saved variant on the page.
type namedSettings struct {
	Name     string             `json:"name"`
	Settings map[string]Setting `json:"settings"`
}

// compareRequest is the body of /api/compare and /api/variants.csv.
type compareRequest struct {
	Scenario string          `json:"scenario"`
	Variants []namedSettings `json:"variants"`
	Draws    int             `json:"draws"`
	Lang     string          `json:"lang"`
}

func decode(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("bad request body: %w", err)
	}
	return nil
}

func (srv *Server) look(lang string) output.Look {
	if l, ok := srv.looks[lang]; ok {
		return l
	}
	return srv.looks["en"]
}

// variants turns saved settings into engine variants, checking each.
func (e *entry) variantsOf(ns []namedSettings) ([]sim.Variant, error) {
	if len(ns) == 0 || len(ns) > maxVariants {
		return nil, fmt.Errorf("compare 1 to %d variants (got %d)", maxVariants, len(ns))
	}
	seen := map[string]bool{}
	out := make([]sim.Variant, len(ns))
	for i, n := range ns {
		name := strings.TrimSpace(n.Name)
		if name == "" || len(name) > 100 || seen[name] {
			return nil, fmt.Errorf("variant %d: give a name of 1 to 100 characters used once (got %q)", i+1, n.Name)
		}
		seen[name] = true
		ov, err := overrides(e.s, e.levers, n.Settings)
		if err != nil {
			return nil, fmt.Errorf("variant %q: %w", name, err)
		}
		out[i] = sim.Variant{Name: name, Overrides: ov}
	}
	return out, nil
}

func checkDraws(d int) error {
	if d < 0 || d > maxDraws {
		return fmt.Errorf("draws must be from 0 to %d (got %d)", maxDraws, d)
	}
	return nil
}

// runOne runs the scenario with the settings, with draws if asked.
func (srv *Server) runOne(ctx context.Context, e *entry, set map[string]Setting, draws int) (sim.VariantResult, error) {
	ov, err := overrides(e.s, e.levers, set)
	if err != nil {
		return sim.VariantResult{}, err
	}
	rs, err := sim.Batch(ctx, e.s, []sim.Variant{{Name: "page", Overrides: ov}}, sim.BatchSettings{Draws: e.draws(draws), Seed: e.s.Seed, Workers: srv.opt.Workers})
	if err != nil {
		return sim.VariantResult{}, err
	}
	return rs[0], nil
}

// runFor reads a runRequest and runs it; on a bad request it answers with
// the error and returns false.
func (srv *Server) runFor(w http.ResponseWriter, r *http.Request) (runRequest, *entry, sim.VariantResult, bool) {
	var req runRequest
	if err := decode(r, &req); err != nil {
		httpError(w, http.StatusBadRequest, err)
		return req, nil, sim.VariantResult{}, false
	}
	e, err := srv.entry(req.Scenario)
	if err == nil {
		err = checkDraws(req.Draws)
	}
	var vr sim.VariantResult
	if err == nil {
		vr, err = srv.runOne(r.Context(), e, req.Settings, req.Draws)
	}
	if err != nil {
		httpError(w, http.StatusBadRequest, err)
		return req, nil, vr, false
	}
	return req, e, vr, true
}

func (srv *Server) run(w http.ResponseWriter, r *http.Request) {
	req, e, res, ok := srv.runFor(w, r)
	if !ok {
		return
	}
	writeJSON(w, view(e.s, res, srv.look(req.Lang)))
}

// variantsFor reads a compareRequest and checks its scenario, draws and
// variants; on a bad request it answers with the error and returns false.
func (srv *Server) variantsFor(w http.ResponseWriter, r *http.Request) (compareRequest, *entry, []sim.Variant, bool) {
	var req compareRequest
	if err := decode(r, &req); err != nil {
		httpError(w, http.StatusBadRequest, err)
		return req, nil, nil, false
	}
	e, err := srv.entry(req.Scenario)
	var vs []sim.Variant
	if err == nil {
		err = checkDraws(req.Draws)
	}
	if err == nil {
		vs, err = e.variantsOf(req.Variants)
	}
	if err != nil {
		httpError(w, http.StatusBadRequest, err)
		return req, nil, nil, false
	}
	return req, e, vs, true
}

// draws is the number of Monte Carlo draws to run: none for a scenario
// without uncertain parameters.
func (e *entry) draws(n int) int {
	if len(e.s.Uncertain) == 0 {
		return 0
	}
	return n
}

func (srv *Server) compare(w http.ResponseWriter, r *http.Request) {
	req, e, vs, ok := srv.variantsFor(w, r)
	if !ok {
		return
	}
	draws := e.draws(req.Draws)
	rs, err := sim.Batch(r.Context(), e.s, vs, sim.BatchSettings{Draws: draws, Seed: e.s.Seed, Workers: srv.opt.Workers})
	if err != nil {
		httpError(w, http.StatusBadRequest, err)
		return
	}
	look := srv.look(req.Lang)
	cs := output.Compare(e.s, rs)
	type row struct {
		Variant       string     `json:"variant"`
		Met           float64    `json:"met"`
		Values        []*float64 `json:"values"`
		Cost          *float64   `json:"cost"`
		CostPerTarget *float64   `json:"cost_per_target"`
		Rank          int        `json:"rank"`
	}
	var targets []string
	for _, v := range rs[0].Result.Verdicts {
		targets = append(targets, fmt.Sprintf("%s %s %s (%d)", look.Name(v.Indicator), look.Cmp(v.Target.Comparison), fmtNum(v.Target.Value), v.Target.Year))
	}
	rows := make([]row, len(cs))
	for i, c := range cs {
		rows[i] = row{c.Variant, c.Met, nanless(c.Values), finite(c.Cost), finite(c.CostPerTarget), c.Rank}
	}
	writeJSON(w, map[string]any{"targets": targets, "rows": rows, "draws": draws})
}

func (srv *Server) variantsCSV(w http.ResponseWriter, r *http.Request) {
	_, e, vs, ok := srv.variantsFor(w, r)
	if !ok {
		return
	}
	b, err := variantsFile(e.s, vs)
	if err != nil {
		httpError(w, http.StatusInternalServerError, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="variants.csv"`)
	w.Write(b)
}

// variantsFile writes variants as a variants.csv that clinicsim batch
// reads, and checks that it loads back.
func variantsFile(s *sim.Scenario, vs []sim.Variant) ([]byte, error) {
	rows := [][]string{{"variant", "base", "description", "key", "region", "tier", "cadre", "year", "value", "source"}}
	for _, v := range vs {
		if len(v.Overrides) == 0 {
			rows = append(rows, []string{output.SafeCell(v.Name), "", "saved in clinicsim serve", "", "", "", "", "", "", ""})
			continue
		}
		for j, p := range v.Overrides {
			desc := ""
			if j == 0 {
				desc = "saved in clinicsim serve"
			}
			tier, cadre := codes(p)
			rows = append(rows, []string{output.SafeCell(v.Name), "", desc, p.Key, p.Region, tier, cadre, strconv.Itoa(p.Year), strconv.FormatFloat(p.Value, 'g', -1, 64), "clinicsim serve"})
		}
	}
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	if err := cw.WriteAll(rows); err != nil {
		return nil, err
	}
	if _, err := scenarios.LoadVariants(fstest.MapFS{"variants.csv": {Data: buf.Bytes()}}, "variants.csv", s); err != nil {
		return nil, fmt.Errorf("the variants would not load: %w", err)
	}
	return buf.Bytes(), nil
}

func (srv *Server) report(w http.ResponseWriter, r *http.Request) {
	format := r.URL.Query().Get("format")
	if format != "html" && format != "xlsx" {
		httpError(w, http.StatusBadRequest, errors.New("format must be html or xlsx"))
		return
	}
	req, e, vr, ok := srv.runFor(w, r)
	if !ok {
		return
	}
	var err error
	look := srv.look(req.Lang)
	var buf bytes.Buffer
	if format == "html" {
		err = output.WriteHTMLReport(&buf, e.s, vr.Result, vr.MC, look)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
	} else {
		err = output.WriteXLSX(&buf, e.s, vr.Result, vr.MC, look)
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	}
	if err != nil {
		w.Header().Del("Content-Type")
		httpError(w, http.StatusInternalServerError, err)
		return
	}
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-report.%s"`, e.s.Name, format))
	w.Write(buf.Bytes())
}

func writeJSON(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		httpError(w, http.StatusInternalServerError, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(b)
}

func httpError(w http.ResponseWriter, code int, err error) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		code = http.StatusRequestEntityTooLarge
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	b, _ := json.Marshal(map[string]string{"error": err.Error()})
	w.Write(b)
}

// nanless turns NaN into null-free JSON: NaN and infinities become nil.
func nanless(xs []float64) []*float64 {
	out := make([]*float64, len(xs))
	for i, x := range xs {
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			out[i] = &xs[i]
		}
	}
	return out
}

func finite(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}
