package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing/fstest"
	"time"

	"github.com/spf13/pflag"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"clinicsim/output"
	"clinicsim/scenarios"
	"clinicsim/sim"
)

// Exit codes.
const (
	exitOK        = 0
	exitUserError = 1 // bad input, files in the way
	exitUsage     = 2 // bad command line
)

// usageError marks a command-line mistake (exit 2).
type usageError struct{ error }

type command struct {
	name     string
	synopsis string
	usage    string
	run      func(args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"run", "project a scenario and judge its targets",
			"clinicsim run [--scenario NAME|DIR] [--out DIR] [--force] [--quiet] [--lang zh|en] [--font PATH] [--draws N [--seed S] [-j WORKERS]]\n\nExamples:\n  clinicsim run --scenario yubei-2023 --out out/yubei\n  clinicsim run --draws 1000 -j 2", cmdRun},
		{"site", "propose where new facilities would cover the most residents",
			"clinicsim site [--scenario NAME|DIR] --type TYPE --count K [--max-km X] [--kind KIND] [--year Y] [--candidates FILE] [--out DIR] [--force]\n\nExample:\n  clinicsim site --type village_clinic --count 3 --max-km 2", cmdSite},
		{"calibrate", "fit parameters to the observed history by least squares",
			"clinicsim calibrate [--scenario NAME|DIR] --param KEY [--param KEY ...] [--indicator ID ...] [--out DIR] [--force]\n\nExample:\n  clinicsim calibrate --scenario my-district --param flow.adjust_speed --param flow.drift", cmdCalibrate},
		{"sensitivity", "rank the uncertain parameters by how much they move each target",
			"clinicsim sensitivity [--scenario NAME|DIR] [--draws N] [--seed S] [-j WORKERS] [--out DIR] [--force]\n\nExample:\n  clinicsim sensitivity --draws 500", cmdSensitivity},
		{"goalseek", "find the lever value at which a target is met",
			"clinicsim goalseek [--scenario NAME|DIR] --target ID[@REGION][:YEAR] --lever KEY [--tier T] [--cadre C] [--region R] [--from-year Y] [--min A --max B] [--prob P --draws N]\n\nExample:\n  clinicsim goalseek --target gps_per_10000 --lever hires --tier chs_centre --cadre gp --min 0 --max 60", cmdGoalSeek},
		{"serve", "serve the live what-if page for planning meetings (local, offline)",
			"clinicsim serve [--scenario NAME|DIR ...] [--addr HOST:PORT] [--font PATH] [-j WORKERS]\n\nServes every shipped scenario (and any --scenario folder) on loopback; open the printed address.\n\nExample:\n  clinicsim serve --addr 127.0.0.1:8080", cmdServe},
		{"batch", "run policy variants side by side and compare them, with costs",
			"clinicsim batch [--scenario NAME|DIR] [--variants FILE] [--draws N] [--seed S] [-j WORKERS] [--out DIR] [--force] [--quiet] [--lang zh|en]\n\nExample:\n  clinicsim batch --draws 200", cmdBatch},
		{"sweep", "write a variants.csv that sweeps parameters over a grid or a Latin hypercube",
			"clinicsim sweep [--scenario NAME|DIR] (--grid KEY[:TIER[:CADRE]]=V1,V2,... ... | --lhs N --range KEY[:TIER[:CADRE]]=LO:HI ...) [--from-year Y] [--seed S] --out FILE [--force]\n\nExamples:\n  clinicsim sweep --grid hires:chs_centre:gp=4,8,12 --grid fd.speed=0.1,0.2 --out sweep.csv\n  clinicsim sweep --lhs 100 --range hires:chs_centre:gp=2:20 --range fd.speed=0.05:0.5 --out lhs.csv", cmdSweep},
		{"merge", "combine the shards of a batch into the files of an unsharded run",
			"clinicsim merge [--out DIR] [--force] [--lang zh|en] SHARD_DIR...\n\nExample:\n  clinicsim merge --out out/batch out/shard-*", cmdMerge},
		{"list", "list the shipped scenarios", "clinicsim list", cmdList},
		{"indicators", "list the indicator catalog", "clinicsim indicators [--scenario NAME|DIR]", cmdIndicators},
		{"parameters", "list the parameter keys of parameters.csv", "clinicsim parameters [--markdown]", cmdParameters},
		{"validate", "check a scenario folder and report every problem", "clinicsim validate DIR|NAME\n\nExample:\n  clinicsim validate my-district", cmdValidate},
		{"init", "write a scenario folder to edit in Excel", "clinicsim init DIR [--from NAME] [--force]\n\nExample:\n  clinicsim init my-district --from dadukou-2022", cmdInit},
	}
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			for _, c := range commands() {
				if c.name == args[1] {
					return runCommand(c, []string{"--help"}, stdout, stderr)
				}
			}
		}
		printHelp(stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return runCommand(c, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "clinicsim: unknown command %q\n\n", args[0])
	printHelp(stderr)
	return exitUsage
}

func runCommand(c command, args []string, stdout, stderr io.Writer) int {
	err := c.run(args, stdout, stderr)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, pflag.ErrHelp):
		return exitOK
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "clinicsim %s: %v\nusage: %s\n", c.name, ue.error, strings.SplitN(c.usage, "\n", 2)[0])
		return exitUsage
	}
	var el scenarios.ErrorList
	if errors.As(err, &el) {
		fmt.Fprintf(stderr, "clinicsim %s: the scenario has %d problem(s); nothing was written:\n%v\n", c.name, len(el), el)
		return exitUserError
	}
	fmt.Fprintf(stderr, "clinicsim %s: %v\n", c.name, err)
	return exitUserError
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "clinicsim projects a district's primary-care plan year by year and judges its targets.")
	fmt.Fprintln(w, "\nUsage: clinicsim COMMAND [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-11s %s\n", c.name, c.synopsis)
	}
	fmt.Fprintln(w, "\nRun 'clinicsim COMMAND --help' for a command's flags.")
}

// flags returns a flag set that prints the command's usage on --help.
func flags(name, usage string, stderr io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: %s\n\nFlags:\n%s", usage, fs.FlagUsages())
	}
	return fs
}

func parse(fs *pflag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	return nil
}

func usageOf(name string) string {
	for _, c := range commands() {
		if c.name == name {
			return c.usage
		}
	}
	return name
}

func cmdRun(args []string, stdout, stderr io.Writer) error {
	fs := flags("run", usageOf("run"), stderr)
	scen := fs.String("scenario", scenarios.Default, "shipped scenario name or scenario folder")
	of := addOutFlags(fs, stderr, "run", "out/NAME")
	out, force, quiet := of.out, of.force, of.quiet
	draws := fs.Int("draws", 0, "Monte Carlo draws over uncertainty.csv (0: the deterministic run only)")
	seed := fs.Uint64("seed", 0, "random seed for the draws (default: the scenario's)")
	workers := fs.IntP("jobs", "j", 0, "parallel workers for the draws (default: all cores); results do not depend on it")
	if err := parse(fs, args); err != nil {
		return err
	}
	look, err := of.look()
	if err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected argument %q; name the scenario with --scenario", fs.Arg(0))}
	}
	if *draws < 0 || *workers < 0 {
		return usageError{errors.New("--draws and -j must not be negative")}
	}
	s, _, err := scenarios.Open(*scen)
	if err != nil {
		return err
	}
	res, err := sim.Run(s, nil)
	if err != nil {
		return err
	}
	var mc *sim.MCResult
	if *draws > 0 {
		if len(s.Uncertain) == 0 {
			return fmt.Errorf("scenario %s has no uncertainty.csv, so every draw would be the same; add one (see the README) or leave out --draws", s.Name)
		}
		if mc, err = sim.MonteCarlo(s, sim.MCSettings{Draws: *draws, Seed: *seed, Workers: *workers}); err != nil {
			return err
		}
	}
	if *out == "" {
		*out = filepath.Join("out", s.Name)
	}
	d, err := output.NewDir(*out, *force)
	if err != nil {
		return err
	}
	if err := output.WriteAll(d, s, res, mc, look); err != nil {
		d.Abort()
		return err
	}
	if err := d.Commit(); err != nil {
		return err
	}
	if *quiet {
		return nil
	}
	title := s.TitleZH
	if title == "" {
		title = s.TitleEN
	}
	fmt.Fprintf(stdout, "%s (%s), %d-%d\n\n", title, s.Name, s.BaseYear, s.Horizon)
	table := output.VerdictTable(res.Verdicts)
	if mc != nil {
		table[0] = append(table[0], fmt.Sprintf("P(met), %d draws", mc.Draws))
		for i, o := range mc.Targets {
			cell := "-"
			if res.Verdicts[i].Status != sim.NoData {
				cell = fmt.Sprintf("%.0f%%", 100*o.Probability)
			}
			table[i+1] = append(table[i+1], cell)
		}
	}
	if err := output.WriteTable(stdout, table); err != nil {
		return err
	}
	files := "report.html, trajectories.csv, verdicts.csv, report.md, charts/"
	if len(res.Compliance) > 0 {
		files = "report.html, trajectories.csv, verdicts.csv, compliance.csv, report.md, charts/"
	}
	if mc != nil {
		files += "; mc_summary.csv, probabilities.csv, first_year.csv, charts/fan-*, charts/probabilities"
	}
	fmt.Fprintf(stdout, "\n%s.\nWrote %s (%s).\n", output.Tally(res.Verdicts), d.Path(), files)
	return nil
}

func cmdList(args []string, stdout, stderr io.Writer) error {
	fs := flags("list", usageOf("list"), stderr)
	if err := parse(fs, args); err != nil {
		return err
	}
	rows := [][]string{{"name", "base", "horizon", "targets", "title"}}
	for _, name := range scenarios.Shipped() {
		s, _, err := scenarios.Open(name)
		if err != nil {
			return fmt.Errorf("shipped scenario %s: %w", name, err)
		}
		mark := ""
		if name == scenarios.Default {
			mark = " (default)"
		}
		rows = append(rows, []string{name + mark, fmt.Sprint(s.BaseYear), fmt.Sprint(s.Horizon), fmt.Sprint(len(s.Targets)), s.TitleZH})
	}
	return output.WriteTable(stdout, rows)
}

func cmdIndicators(args []string, stdout, stderr io.Writer) error {
	fs := flags("indicators", usageOf("indicators"), stderr)
	scen := fs.String("scenario", "", "also list the scenario's own indicators")
	if err := parse(fs, args); err != nil {
		return err
	}
	cat := sim.NewCatalog()
	if *scen != "" {
		s, _, err := scenarios.Open(*scen)
		if err != nil {
			return err
		}
		if cat, err = cat.With(s.Indicators); err != nil {
			return err
		}
	}
	rows := [][]string{{"id", "kind", "unit", "名称", "name"}}
	for _, ind := range cat.All() {
		kind := "scheduled"
		if ind.Modelled {
			kind = "modelled"
		}
		rows = append(rows, []string{ind.ID, kind, ind.UnitEN, ind.NameZH, ind.NameEN})
	}
	return output.WriteTable(stdout, rows)
}

func cmdValidate(args []string, stdout, stderr io.Writer) error {
	fs := flags("validate", usageOf("validate"), stderr)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{errors.New("name one scenario folder (or shipped scenario)")}
	}
	s, where, err := scenarios.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	res, err := sim.Run(s, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: valid: %d regions, %d workforce rows, %d parameters, %d observations, %d targets, %d facilities, %d rules, %d-%d\n",
		where, len(s.Regions), len(s.Stocks), len(s.Params), len(s.Observed), len(s.Targets), len(s.Facilities), len(s.Rules), s.BaseYear, s.Horizon)
	for _, w := range scenarios.Consistency(s, res.Trajectory) {
		fmt.Fprintf(stdout, "warning: %s\n", w)
	}
	return nil
}

func cmdInit(args []string, stdout, stderr io.Writer) error {
	fset := flags("init", usageOf("init"), stderr)
	from := fset.String("from", "", "copy this shipped scenario instead of the template")
	force := fset.Bool("force", false, "replace the folder if it exists")
	if err := parse(fset, args); err != nil {
		return err
	}
	if fset.NArg() != 1 {
		return usageError{errors.New("name the folder to create")}
	}
	src := scenarios.Template()
	if *from != "" {
		var err error
		if src, err = scenarios.FS(*from); err != nil {
			return err
		}
	}
	d, err := output.NewDir(fset.Arg(0), *force)
	if err != nil {
		return err
	}
	names, err := fs.Glob(src, "*.csv")
	if err != nil {
		d.Abort()
		return err
	}
	sort.Strings(names)
	for _, n := range names {
		b, err := fs.ReadFile(src, n)
		if err == nil {
			err = d.Write(n, func(w io.Writer) error { _, err := w.Write(b); return err })
		}
		if err != nil {
			d.Abort()
			return err
		}
	}
	if err := d.Commit(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%s); edit the CSV files, then run: clinicsim validate %s\n", d.Path(), strings.Join(names, ", "), d.Path())
	return nil
}

func cmdParameters(args []string, stdout, stderr io.Writer) error {
	fs := flags("parameters", usageOf("parameters"), stderr)
	md := fs.Bool("markdown", false, "print a Markdown table")
	if err := parse(fs, args); err != nil {
		return err
	}
	dims := map[sim.Dims]string{sim.ByRegion: "region", sim.ByTier: "region, tier", sim.ByTierCadre: "region, tier, cadre", sim.ByIndicatorRegion: "region"}
	specs := append(append(sim.ParamSpecs(), sim.FamilySpecs()...), sim.TrendSpec)
	if *md {
		fmt.Fprintln(stdout, "| key | by | unit | default | range | meaning |")
		fmt.Fprintln(stdout, "|---|---|---|---|---|---|")
		for _, p := range specs {
			doc := p.Doc
			if p.Absolute {
				doc += " (an amount: shared among regions by headcount)"
			}
			if sim.DistrictOnly(strings.TrimSuffix(strings.TrimSuffix(p.Key, "<type>"), "<grade>")) {
				doc += " (district only)"
			}
			fmt.Fprintf(stdout, "| `%s` | %s | %s | %g | %g to %g | %s |\n", p.Key, dims[p.Dims], p.Unit, p.Default, p.Min, p.Max, doc)
		}
		return nil
	}
	rows := [][]string{{"key", "by", "unit", "default", "meaning"}}
	for _, p := range specs {
		rows = append(rows, []string{p.Key, dims[p.Dims], p.Unit, fmt.Sprint(p.Default), p.Doc})
	}
	return output.WriteTable(stdout, rows)
}

func cmdSite(args []string, stdout, stderr io.Writer) error {
	fs := flags("site", usageOf("site"), stderr)
	scen := fs.String("scenario", scenarios.Default, "shipped scenario name or scenario folder")
	typ := fs.String("type", "", "facility type to site, e.g. chs_station or village_clinic (required)")
	count := fs.Int("count", 0, "number of new sites to propose (required)")
	km := fs.Float64("max-km", 0, "coverage radius in km, inclusive (default: the scenario's max_distance rule for the type)")
	kind := fs.String("kind", "", "region kind of the settlements (default: every region without children)")
	year := fs.Int("year", 0, "year of the facilities and population (default: the base year)")
	cands := fs.String("candidates", "", "CSV of candidate sites (id, name_zh, name_en, lat, lon); default: the settlements")
	of := addOutFlags(fs, stderr, "site", "out/NAME-site-TYPE")
	out, force, quiet := of.out, of.force, of.quiet
	if err := parse(fs, args); err != nil {
		return err
	}
	look, err := of.look()
	if err != nil {
		return err
	}
	t, err := sim.ParseFacilityType(*typ)
	if err != nil {
		return usageError{fmt.Errorf("--type: %v; use one of %s", err, strings.Join(sim.FacilityTypeCodes(), ", "))}
	}
	if *count < 1 {
		return usageError{errors.New("--count must be at least 1")}
	}
	s, _, err := scenarios.Open(*scen)
	if err != nil {
		return err
	}
	req := sim.SiteRequest{Types: []sim.FacilityType{t}, Count: *count, Km: *km, Kind: *kind, Year: *year}
	if req.Km == 0 {
		for _, r := range s.Rules {
			if r.Basis == sim.MaxDistance && slices.Contains(r.Types, t) {
				req.Km, req.Types, req.Kind = r.Km, r.Types, cmp.Or(req.Kind, r.AppliesTo)
				break
			}
		}
		if req.Km == 0 {
			return usageError{fmt.Errorf("--max-km is needed: scenario %s has no max_distance rule for %s", s.Name, t)}
		}
	}
	if *cands != "" {
		if req.Candidates, err = scenarios.ReadCandidates(*cands); err != nil {
			return err
		}
	}
	plan, err := sim.Site(s, req)
	if err != nil {
		return err
	}
	if *out == "" {
		*out = filepath.Join("out", s.Name+"-site-"+t.Code())
	}
	typeName := t.NameEN()
	if look.Lang == "zh" {
		typeName = t.NameZH()
	}
	p, err := output.MapPlot(look, plan, look.Tf("map heading", *count, typeName, plan.Year), look.Tf("map source", s.Name))
	if err != nil {
		return err
	}
	d, err := output.NewDir(*out, *force)
	if err != nil {
		return err
	}
	if err := writeAll(d, []fileWrite{
		{"sites.csv", func(w io.Writer) error { return output.WriteSites(w, plan) }},
		{"map.png", func(w io.Writer) error { return output.WritePNG(w, p) }},
		{"map.svg", func(w io.Writer) error { return look.WriteSVG(w, p) }},
	}); err != nil {
		return err
	}
	if *quiet {
		return nil
	}
	fmt.Fprintf(stdout, "%s: %s within %s km, %d settlements, %s residents; %.1f%% covered by %d existing sites\n\n",
		s.Name, t.NameEN(), strconv.FormatFloat(req.Km, 'f', -1, 64), len(plan.Settlements), strconv.FormatFloat(math.Round(plan.Population), 'f', -1, 64),
		100*plan.CoveredBefore/plan.Population, len(plan.Existing))
	rows := [][]string{{"rank", "site", "name", "newly covered", "cumulative %"}}
	for _, pk := range plan.Picks {
		rows = append(rows, []string{strconv.Itoa(pk.Rank), pk.Candidate.ID, pk.Candidate.NameZH, fmt.Sprintf("%.0f", pk.NewlyCovered), fmt.Sprintf("%.1f", pk.CumulativeShare)})
	}
	if err := output.WriteTable(stdout, rows); err != nil {
		return err
	}
	if len(plan.Picks) < *count {
		fmt.Fprintf(stdout, "\nOnly %d sites add coverage; every settlement within reach of a candidate is covered.\n", len(plan.Picks))
	}
	fmt.Fprintf(stdout, "\nWrote %s (sites.csv, map.png, map.svg).\n", d.Path())
	return nil
}

func cmdCalibrate(args []string, stdout, stderr io.Writer) error {
	fs := flags("calibrate", usageOf("calibrate"), stderr)
	scen := fs.String("scenario", scenarios.Default, "shipped scenario name or scenario folder")
	keys := fs.StringArray("param", nil, "a district-wide parameter to fit (repeat for several)")
	inds := fs.StringArray("indicator", nil, "fit to this indicator's history only (repeatable; default: every modelled indicator with history)")
	of := addOutFlags(fs, stderr, "calibrate", "out/NAME-calibrate")
	out, force, quiet := of.out, of.force, of.quiet
	if err := parse(fs, args); err != nil {
		return err
	}
	look, err := of.look()
	if err != nil {
		return err
	}
	if len(*keys) == 0 {
		return usageError{errors.New("name at least one --param to fit")}
	}
	s, _, err := scenarios.Open(*scen)
	if err != nil {
		return err
	}
	res, err := sim.Calibrate(s, sim.CalibrateRequest{Keys: *keys, Indicators: *inds})
	if err != nil {
		return err
	}
	if *out == "" {
		*out = filepath.Join("out", s.Name+"-calibrate")
	}
	set := &sim.Settings{}
	for _, f := range res.Fits {
		set.Overrides = append(set.Overrides, sim.Param{Key: f.Key, Tier: sim.AnyTier, Cadre: sim.AnyCadre, Value: f.Value})
	}
	before, err := sim.Run(s, nil)
	if err != nil {
		return err
	}
	after, err := sim.Run(s, set)
	if err != nil {
		return err
	}
	d, err := output.NewDir(*out, *force)
	if err != nil {
		return err
	}
	writes := []fileWrite{
		{"calibration.csv", func(w io.Writer) error { return output.WriteFits(w, res) }},
		{"residuals.csv", func(w io.Writer) error { return output.WriteResiduals(w, res) }},
	}
	seen := map[string]bool{}
	for _, r := range res.Residuals {
		if seen[r.Indicator] {
			continue
		}
		seen[r.Indicator] = true
		ind, _ := after.Trajectory.Catalog.Lookup(r.Indicator)
		b, _ := before.Trajectory.Series(r.Indicator, "")
		a, _ := after.Trajectory.Series(r.Indicator, "")
		var obs []sim.Observation
		for _, o := range s.Observed {
			if o.Indicator == r.Indicator && o.Region == "" {
				obs = append(obs, o)
			}
		}
		p, err := output.FitPlot(look, ind, after.Trajectory.Years(), b, a, obs, res.InitialRMSE, res.FittedRMSE)
		if err != nil {
			d.Abort()
			return err
		}
		writes = append(writes,
			fileWrite{"fit-" + r.Indicator + ".png", func(w io.Writer) error { return output.WritePNG(w, p) }},
			fileWrite{"fit-" + r.Indicator + ".svg", func(w io.Writer) error { return look.WriteSVG(w, p) }})
	}
	if err := writeAll(d, writes); err != nil {
		return err
	}
	if *quiet {
		return nil
	}
	rows := [][]string{{"parameter", "initial", "fitted", "range", "note"}}
	for _, f := range res.Fits {
		note := ""
		if f.AtBound {
			note = "at a bound: the data push it to the edge of its range"
		}
		rows = append(rows, []string{f.Key, strconv.FormatFloat(f.Initial, 'g', 6, 64), strconv.FormatFloat(f.Value, 'g', 6, 64),
			fmt.Sprintf("%g to %g", f.Lower, f.Upper), note})
	}
	if err := output.WriteTable(stdout, rows); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\n%d observations; root-mean-square error %.4g before, %.4g after (%d model runs, %s).\nWrote %s (calibration.csv, residuals.csv, fit charts).\n",
		len(res.Residuals), res.InitialRMSE, res.FittedRMSE, res.Evaluations, res.Status, d.Path())
	return nil
}

// fileWrite is one file of a command's output.
type fileWrite struct {
	name  string
	write func(io.Writer) error
}

// writeAll writes the files into d and commits it, or removes everything
// on the first error.
func writeAll(d *output.Dir, files []fileWrite) error {
	for _, f := range files {
		if err := d.Write(f.name, f.write); err != nil {
			d.Abort()
			return err
		}
	}
	return d.Commit()
}

func cmdSensitivity(args []string, stdout, stderr io.Writer) error {
	fs := flags("sensitivity", usageOf("sensitivity"), stderr)
	scen := fs.String("scenario", scenarios.Default, "shipped scenario name or scenario folder")
	draws := fs.Int("draws", 500, "Monte Carlo draws for the rank correlations")
	seed := fs.Uint64("seed", 0, "random seed (default: the scenario's)")
	workers := fs.IntP("jobs", "j", 0, "parallel workers (default: all cores)")
	of := addOutFlags(fs, stderr, "sensitivity", "out/NAME-sensitivity")
	out, force, quiet := of.out, of.force, of.quiet
	if err := parse(fs, args); err != nil {
		return err
	}
	look, err := of.look()
	if err != nil {
		return err
	}
	if *draws < 2 {
		return usageError{errors.New("--draws must be at least 2")}
	}
	s, _, err := scenarios.Open(*scen)
	if err != nil {
		return err
	}
	res, err := sim.Sensitivity(s, *draws, *seed, *workers)
	if err != nil {
		return err
	}
	if *out == "" {
		*out = filepath.Join("out", s.Name+"-sensitivity")
	}
	district := s.Regions[0].ID
	region := func(r string) string { return cmp.Or(r, district) }
	files := []fileWrite{{"sensitivity.csv", func(w io.Writer) error { return output.WriteSensitivity(w, res, region) }}}
	for _, t := range res.Targets {
		p, err := output.TornadoPlot(look, t, res.Draws)
		if err != nil {
			return err
		}
		name := fmt.Sprintf("tornado-%s-%d", output.ChartFile(t.Target.Indicator, t.Target.Region, district), t.Target.Year)
		files = append(files, fileWrite{name + ".png", func(w io.Writer) error { return output.WritePNG(w, p) }},
			fileWrite{name + ".svg", func(w io.Writer) error { return look.WriteSVG(w, p) }})
	}
	d, err := output.NewDir(*out, *force)
	if err != nil {
		return err
	}
	if err := writeAll(d, files); err != nil {
		return err
	}
	if *quiet {
		return nil
	}
	rows := [][]string{{"target", "year", "central", "moved most by", "P10 → P90 gives", "rank corr."}}
	for _, t := range res.Targets {
		if len(t.Swings) == 0 {
			continue
		}
		sw := t.Swings[0]
		d := t.Indicator.Decimals
		if sw.Swing == 0 && sw.RankCorr == 0 {
			rows = append(rows, []string{t.Indicator.NameZH, strconv.Itoa(t.Target.Year), fmt.Sprintf("%.*f", d, t.Central), "(no uncertain parameter moves it)", "", ""})
			continue
		}
		rows = append(rows, []string{t.Indicator.NameZH, strconv.Itoa(t.Target.Year), fmt.Sprintf("%.*f", d, t.Central), output.ParamLabel(sw.Param),
			fmt.Sprintf("%.*f → %.*f", d, sw.AtLow, d, sw.AtHigh), fmt.Sprintf("%+.2f", sw.RankCorr)})
	}
	if err := output.WriteTable(stdout, rows); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nWrote %s (sensitivity.csv, a tornado chart per modelled target).\n", d.Path())
	return nil
}

func cmdGoalSeek(args []string, stdout, stderr io.Writer) error {
	fs := flags("goalseek", usageOf("goalseek"), stderr)
	scen := fs.String("scenario", scenarios.Default, "shipped scenario name or scenario folder")
	target := fs.String("target", "", "target: indicator id, optionally @region and :year when the indicator has several targets (required)")
	key := fs.String("lever", "", "parameter key of the lever (required)")
	tier := fs.String("tier", "", "the lever's tier, if it has one")
	cadre := fs.String("cadre", "", "the lever's cadre, if it has one")
	region := fs.String("region", "", "the lever's region (default: all)")
	from := fs.Int("from-year", 0, "first year the lever applies (default: all years)")
	lo := fs.Float64("min", 0, "smallest lever value to try")
	hi := fs.Float64("max", 0, "largest lever value to try (required)")
	prob := fs.Float64("prob", 0, "required probability of meeting the target over --draws (0: deterministic)")
	draws := fs.Int("draws", 500, "Monte Carlo draws when --prob is set")
	seed := fs.Uint64("seed", 0, "random seed (default: the scenario's)")
	workers := fs.IntP("jobs", "j", 0, "parallel workers (default: all cores)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *target == "" || *key == "" {
		return usageError{errors.New("--target and --lever are required")}
	}
	if *prob < 0 || *prob > 1 {
		return usageError{errors.New("--prob must be from 0 to 1")}
	}
	s, _, err := scenarios.Open(*scen)
	if err != nil {
		return err
	}
	ti, err := findTarget(s, *target)
	if err != nil {
		return usageError{err}
	}
	lever := sim.Param{Key: *key, Region: *region, Tier: sim.AnyTier, Cadre: sim.AnyCadre, Year: *from}
	if *tier != "" {
		if lever.Tier, err = sim.ParseTier(*tier); err != nil {
			return usageError{err}
		}
	}
	if *cadre != "" {
		if lever.Cadre, err = sim.ParseCadre(*cadre); err != nil {
			return usageError{err}
		}
	}
	if err := sim.CheckParam(sim.Param{Key: lever.Key, Region: lever.Region, Tier: lever.Tier, Cadre: lever.Cadre, Value: *lo}, nil); err != nil {
		return usageError{fmt.Errorf("--lever: %v", err)}
	}
	if !(*hi > *lo) {
		return usageError{errors.New("--max must be above --min")}
	}
	if *prob > 0 && len(s.Uncertain) == 0 {
		return fmt.Errorf("--prob needs uncertainty.csv in scenario %s", s.Name)
	}
	res, err := sim.GoalSeek(s, sim.GoalSeekRequest{Target: ti, Lever: lever, Min: *lo, Max: *hi, Prob: *prob, Draws: *draws, Seed: *seed, Workers: *workers})
	if err != nil {
		return err
	}
	tg := s.Targets[ti]
	fmt.Fprintf(stdout, "target: %s %d %s %s\nlever:  %s, tried %g to %g\n", tg.Indicator, tg.Year, tg.Comparison, strconv.FormatFloat(tg.Value, 'g', -1, 64), output.ParamLabel(lever), *lo, *hi)
	what := "met"
	if *prob > 0 {
		what = fmt.Sprintf("met with probability >= %g (%d draws, the same draws for every value)", *prob, *draws)
	}
	if !res.Reachable {
		fmt.Fprintf(stdout, "not reachable within [%g, %g]: the target is not %s at either end (%.2f at %g, %.2f at %g)\n", *lo, *hi, what, res.AtMin, *lo, res.AtMax, *hi)
		return nil
	}
	dir := "smallest"
	if !res.Increasing {
		dir = "largest"
	}
	fmt.Fprintf(stdout, "%s value at which the target is %s: %s\n", dir, what, strconv.FormatFloat(sim.Round(res.Value, 4), 'f', -1, 64))
	fmt.Fprintf(stdout, "central projection there: %s; probability: %.0f%% (%d evaluations)\n", strconv.FormatFloat(sim.Round(res.Projected, 4), 'f', -1, 64), 100*res.Probability, res.Evaluations)
	if res.AtMin > 0 && res.AtMax > 0 && ((res.Increasing && res.Value == *lo) || (!res.Increasing && res.Value == *hi)) {
		fmt.Fprintln(stdout, "note: already met at the end of the range that uses the least of the lever")
	}
	return nil
}

// findTarget resolves "indicator[@region][:year]" to a target index.
func findTarget(s *sim.Scenario, spec string) (int, error) {
	id, year := spec, 0
	if i := strings.LastIndex(spec, ":"); i >= 0 {
		y, err := strconv.Atoi(spec[i+1:])
		if err != nil {
			return 0, fmt.Errorf("--target %q: %q is not a year", spec, spec[i+1:])
		}
		id, year = spec[:i], y
	}
	id, region, _ := strings.Cut(id, "@")
	var found []int
	for i, t := range s.Targets {
		if t.Indicator == id && (region == "" || t.Region == region) && (year == 0 || t.Year == year) {
			found = append(found, i)
		}
	}
	switch len(found) {
	case 0:
		return 0, fmt.Errorf("--target %q matches no target of scenario %s", spec, s.Name)
	case 1:
		return found[0], nil
	}
	return 0, fmt.Errorf("--target %q matches %d targets; add @region or :year", spec, len(found))
}

// lookFlags adds --lang and --font to a command; the returned function
// resolves them after parsing, warning once on stderr when Chinese cannot
// be drawn.
func lookFlags(fs *pflag.FlagSet, stderr io.Writer, name string) func() (output.Look, error) {
	lang := fs.String("lang", "zh", "language of the charts: zh or en")
	fontPath := fs.String("font", "", "CJK font file for Chinese charts (.ttf, .otf or .ttc; default: $"+output.FontEnv+", then the system's)")
	return func() (output.Look, error) {
		look, warning, err := output.Resolve(*lang, *fontPath)
		if err != nil {
			return look, usageError{err}
		}
		if warning != "" {
			fmt.Fprintf(stderr, "clinicsim %s: %s\n", name, warning)
		}
		return look, nil
	}
}

func cmdBatch(args []string, stdout, stderr io.Writer) error {
	fs := flags("batch", usageOf("batch"), stderr)
	scen := fs.String("scenario", scenarios.Default, "shipped scenario name or scenario folder")
	vfile := fs.String("variants", "", "variants CSV (default: the scenario's variants.csv)")
	draws := fs.Int("draws", 0, "Monte Carlo draws per variant (0: deterministic)")
	seed := fs.Uint64("seed", 0, "random seed (default: the scenario's); every variant uses the same draws")
	workers := fs.IntP("jobs", "j", 0, "parallel workers (default: all cores); results do not depend on it")
	of := addOutFlags(fs, stderr, "batch", "out/NAME-batch")
	out, force, quiet := of.out, of.force, of.quiet
	allRegions := fs.Bool("all-regions", false, "write every region's trajectories, not only the district's and the targeted regions'")
	shard := fs.String("shard", "", "run only shard K/N of the variants (K from 1; K may be slurm or k8s to read $SLURM_ARRAY_TASK_ID or $JOB_COMPLETION_INDEX); combine with clinicsim merge")
	if err := parse(fs, args); err != nil {
		return err
	}
	look, err := of.look()
	if err != nil {
		return err
	}
	if *draws < 0 || *workers < 0 {
		return usageError{errors.New("--draws and -j must not be negative")}
	}
	s, _, err := scenarios.Open(*scen)
	if err != nil {
		return err
	}
	vs, err := scenarios.OpenVariants(*vfile, *scen, s)
	if err != nil {
		return err
	}
	if *draws > 0 && len(s.Uncertain) == 0 {
		return fmt.Errorf("scenario %s has no uncertainty.csv, so every draw would be the same; leave out --draws", s.Name)
	}
	k, n, err := parseShard(*shard)
	if err != nil {
		return usageError{err}
	}
	total := len(vs)
	var indexes []int
	if n > 0 {
		var mine []sim.Variant
		for i, v := range vs {
			if output.Owns(k, n, i) {
				mine = append(mine, v)
				indexes = append(indexes, i)
			}
		}
		vs = mine
	}
	if *out == "" {
		*out = filepath.Join("out", s.Name+"-batch")
		if n > 0 {
			*out = filepath.Join("out", fmt.Sprintf("%s-batch-shard-%d-of-%d", s.Name, k, n))
		}
	}
	d, err := output.NewDir(*out, *force)
	if err != nil {
		return err
	}
	// Ctrl-C stops the batch and removes what was written.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	set := sim.BatchSettings{Draws: *draws, Seed: *seed, Workers: *workers}
	var progress *mpb.Progress
	var bar *mpb.Bar
	if !*quiet && isTerminal(stderr) {
		progress = mpb.NewWithContext(ctx, mpb.WithOutput(stderr), mpb.WithWidth(48))
		bar = progress.AddBar(int64(len(vs)),
			mpb.PrependDecorators(decor.Name("variants "), decor.CountersNoUnit("%d/%d")),
			mpb.AppendDecorators(decor.Percentage(), decor.Name(" "), decor.EwmaETA(decor.ET_STYLE_GO, 30)))
		start := time.Now()
		set.Progress = func(int) { bar.EwmaIncrement(time.Since(start)); start = time.Now() }
	}
	rs, err := sim.Batch(ctx, s, vs, set)
	if progress != nil {
		if err != nil {
			bar.Abort(false)
		}
		progress.Wait()
	}
	if err != nil {
		d.Abort()
		if errors.Is(err, context.Canceled) {
			return errors.New("interrupted; nothing was written")
		}
		return err
	}
	if n > 0 {
		sh := &output.Shard{Scenario: *scen, Variants: *vfile, Index: k, Of: n, Total: total, Draws: *draws, Seed: *seed,
			AllRegions: *allRegions, Indexes: indexes, Results: rs}
		if err := writeAll(d, []fileWrite{{output.ShardFile, func(w io.Writer) error { return output.WriteShard(w, sh) }}}); err != nil {
			return err
		}
		if !*quiet {
			fmt.Fprintf(stdout, "shard %d/%d: %d of %d variants. Wrote %s; combine the shards with clinicsim merge.\n", k, n, len(rs), total, d.Path())
		}
		return nil
	}
	if err := output.WriteBatch(d, s, rs, look, *allRegions); err != nil {
		d.Abort()
		return err
	}
	if err := d.Commit(); err != nil {
		return err
	}
	if *quiet {
		return nil
	}
	cs := output.Compare(s, rs)
	met := "targets met"
	if *draws > 0 {
		met = "expected targets met"
	}
	rows := [][]string{{"rank", "variant 方案", met, "cost to last target year (10,000 yuan)", "per target met", "per point of primary share"}}
	order := make([]int, len(cs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cs[a].Rank - cs[b].Rank })
	f := func(x float64) string {
		if math.IsNaN(x) {
			return "-"
		}
		return strconv.FormatFloat(math.Round(x), 'f', -1, 64)
	}
	for _, i := range order {
		c := cs[i]
		rows = append(rows, []string{strconv.Itoa(c.Rank), c.Variant, strconv.FormatFloat(sim.Round(c.Met, 2), 'f', -1, 64), f(c.Cost), f(c.CostPerTarget), f(c.CostPerPoint)})
	}
	if err := output.WriteTable(stdout, rows); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\n%d variants. Wrote %s (comparison.csv, trajectories.csv, verdicts.csv, charts/).\n", len(vs), d.Path())
	return nil
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// sweepAxis is one swept parameter.
type sweepAxis struct {
	key, tier, cadre string
	values           []float64 // grid
	lo, hi           float64   // hypercube
}

// parseAxis reads KEY[:TIER[:CADRE]]=SPEC.
func parseAxis(arg string, grid bool) (sweepAxis, error) {
	name, spec, ok := strings.Cut(arg, "=")
	if !ok {
		return sweepAxis{}, fmt.Errorf("%q: write KEY[:TIER[:CADRE]]=VALUES", arg)
	}
	parts := strings.Split(name, ":")
	ax := sweepAxis{key: parts[0]}
	if len(parts) > 1 {
		ax.tier = parts[1]
	}
	if len(parts) > 2 {
		ax.cadre = parts[2]
	}
	if len(parts) > 3 {
		return ax, fmt.Errorf("%q: at most KEY:TIER:CADRE", arg)
	}
	num := func(x string) (float64, error) {
		v, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err != nil {
			return 0, fmt.Errorf("%q: %q is not a number", arg, x)
		}
		return v, nil
	}
	if grid {
		for _, x := range strings.Split(spec, ",") {
			v, err := num(x)
			if err != nil {
				return ax, err
			}
			ax.values = append(ax.values, v)
		}
		return ax, nil
	}
	lo, hi, ok := strings.Cut(spec, ":")
	if !ok {
		return ax, fmt.Errorf("%q: write KEY=LOW:HIGH", arg)
	}
	var err error
	if ax.lo, err = num(lo); err != nil {
		return ax, err
	}
	if ax.hi, err = num(hi); err != nil {
		return ax, err
	}
	return ax, nil
}

func cmdSweep(args []string, stdout, stderr io.Writer) error {
	fs := flags("sweep", usageOf("sweep"), stderr)
	scen := fs.String("scenario", scenarios.Default, "shipped scenario name or scenario folder (to check the keys)")
	grids := fs.StringArray("grid", nil, "KEY[:TIER[:CADRE]]=V1,V2,... (repeat for a grid over several)")
	lhs := fs.Int("lhs", 0, "number of Latin hypercube points")
	ranges := fs.StringArray("range", nil, "KEY[:TIER[:CADRE]]=LOW:HIGH for --lhs (repeat)")
	from := fs.Int("from-year", 0, "first year the swept values apply (default: all years)")
	seed := fs.Uint64("seed", 1, "random seed of the hypercube")
	out := fs.String("out", "", "the variants file to write (required)")
	force := fs.Bool("force", false, "replace the file if it exists")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" || (len(*grids) == 0) == (*lhs == 0) {
		return usageError{errors.New("give --out and either --grid or --lhs with --range")}
	}
	s, _, err := scenarios.Open(*scen)
	if err != nil {
		return err
	}
	var axes []sweepAxis
	var points [][]float64
	if len(*grids) > 0 {
		var vals [][]float64
		for _, g := range *grids {
			ax, err := parseAxis(g, true)
			if err != nil {
				return usageError{err}
			}
			axes = append(axes, ax)
			vals = append(vals, ax.values)
		}
		points = sim.Grid(vals)
	} else {
		var lo, hi []float64
		for _, r := range *ranges {
			ax, err := parseAxis(r, false)
			if err != nil {
				return usageError{err}
			}
			axes = append(axes, ax)
			lo, hi = append(lo, ax.lo), append(hi, ax.hi)
		}
		if points, err = sim.LatinHypercube(*lhs, lo, hi, *seed); err != nil {
			return usageError{err}
		}
	}
	rows := [][]string{{"variant", "base", "description", "key", "region", "tier", "cadre", "year", "value", "source"}, {"status quo", "", "the scenario as it is", "", "", "", "", "", "", ""}}
	year := ""
	if *from != 0 {
		year = strconv.Itoa(*from)
	}
	for i, pt := range points {
		name := fmt.Sprintf("sweep-%04d", i+1)
		var desc []string
		for j, ax := range axes {
			desc = append(desc, fmt.Sprintf("%s=%s", ax.key, strconv.FormatFloat(pt[j], 'g', 6, 64)))
		}
		for j, ax := range axes {
			d := ""
			if j == 0 {
				d = strings.Join(desc, "; ")
			}
			rows = append(rows, []string{name, "", d, ax.key, "", ax.tier, ax.cadre, year, strconv.FormatFloat(pt[j], 'g', 10, 64), "clinicsim sweep"})
		}
	}
	// Check the file against the scenario before writing it.
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.WriteAll(rows); err != nil {
		return err
	}
	if _, err := scenarios.LoadVariants(fstest.MapFS{"sweep.csv": {Data: buf.Bytes()}}, "sweep.csv", s); err != nil {
		return fmt.Errorf("the sweep would not load: %w", err)
	}
	if _, err := os.Stat(*out); err == nil && !*force {
		return fmt.Errorf("%s exists; pass --force to replace it", *out)
	}
	tmp := *out + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, *out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: the status quo and %d variants; run: clinicsim batch --scenario %s --variants %s\n", *out, len(points), *scen, *out)
	return nil
}

// parseShard reads --shard K/N; K may be slurm ($SLURM_ARRAY_TASK_ID, from
// 1) or k8s ($JOB_COMPLETION_INDEX, from 0). It returns 0, 0 for no shard.
func parseShard(spec string) (k, n int, err error) {
	if spec == "" {
		return 0, 0, nil
	}
	ks, ns, ok := strings.Cut(spec, "/")
	if n, err = strconv.Atoi(ns); !ok || err != nil || n < 1 {
		return 0, 0, fmt.Errorf("--shard %q: write K/N with N at least 1", spec)
	}
	switch ks {
	case "slurm":
		ks = os.Getenv("SLURM_ARRAY_TASK_ID")
	case "k8s":
		idx, err := strconv.Atoi(os.Getenv("JOB_COMPLETION_INDEX"))
		if err != nil {
			return 0, 0, fmt.Errorf("--shard k8s/%d: $JOB_COMPLETION_INDEX is not set to a number", n)
		}
		ks = strconv.Itoa(idx + 1)
	}
	if k, err = strconv.Atoi(ks); err != nil || k < 1 || k > n {
		return 0, 0, fmt.Errorf("--shard %q: K must be from 1 to %d (got %q)", spec, n, ks)
	}
	return k, n, nil
}

func cmdMerge(args []string, stdout, stderr io.Writer) error {
	fs := flags("merge", usageOf("merge"), stderr)
	out := fs.String("out", "", "output folder (default out/NAME-batch)")
	force := fs.Bool("force", false, "replace the output folder if it exists")
	resolveLook := lookFlags(fs, stderr, "merge")
	if err := parse(fs, args); err != nil {
		return err
	}
	look, err := resolveLook()
	if err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{errors.New("name the shard folders")}
	}
	shards, rs, err := output.ReadShards(fs.Args())
	if err != nil {
		return err
	}
	s, _, err := scenarios.Open(shards[0].Scenario)
	if err != nil {
		return err
	}
	if *out == "" {
		*out = filepath.Join("out", s.Name+"-batch")
	}
	d, err := output.NewDir(*out, *force)
	if err != nil {
		return err
	}
	if err := output.WriteBatch(d, s, rs, look, shards[0].AllRegions); err != nil {
		d.Abort()
		return err
	}
	if err := d.Commit(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "merged %d shards, %d variants, into %s\n", len(shards), len(rs), d.Path())
	return nil
}

// outFlags are the flags of every command that writes a folder for people.
type outFlags struct {
	out          *string
	force, quiet *bool
	look         func() (output.Look, error)
}

// addOutFlags adds --out, --force, --quiet, --lang and --font; outHelp
// describes the default output folder.
func addOutFlags(fs *pflag.FlagSet, stderr io.Writer, name, outHelp string) outFlags {
	return outFlags{
		out:   fs.String("out", "", "output folder (default "+outHelp+")"),
		force: fs.Bool("force", false, "replace the output folder if it exists"),
		quiet: fs.BoolP("quiet", "q", false, "print nothing but errors"),
		look:  lookFlags(fs, stderr, name),
	}
}
