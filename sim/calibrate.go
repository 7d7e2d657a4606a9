package sim

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/optimize"
)

// CalibrateRequest asks for the parameter values that best reproduce the
// scenario's observed history.
type CalibrateRequest struct {
	// Keys are the parameters to fit; each is fitted as one value for the
	// whole district and every year (an override of all its rows).
	Keys []string
	// Indicators restricts the history used; empty means every observation
	// of a modelled indicator after the base year.
	Indicators []string
	// Lower and Upper bound each key (default: the key's documented range).
	Lower, Upper []float64
}

// Residual is one observation and the fitted model's value.
type Residual struct {
	Indicator string
	Year      int
	Observed  float64
	Initial   float64 // the model with the scenario's own values
	Fitted    float64 // the model with the fitted values
}

// Fit is the fitted value of one key.
type Fit struct {
	Key            string
	Initial, Value float64
	Lower, Upper   float64
	AtBound        bool
}

// CalibrateResult is the outcome of Calibrate.
type CalibrateResult struct {
	Fits        []Fit
	Residuals   []Residual
	InitialRMSE float64
	FittedRMSE  float64
	Evaluations int
	Status      string
}

// Calibrate fits parameters by least squares: it minimises the sum of
// squared differences between the model and the observations after the
// base year, with gonum's Nelder-Mead simplex over the keys mapped into
// their bounds by a logistic transform. Only history after the base year
// counts: the base year is the model's starting point, not something it
// predicts.
func Calibrate(s *Scenario, req CalibrateRequest) (*CalibrateResult, error) {
	if len(req.Keys) == 0 {
		return nil, fmt.Errorf("sim: calibrate: name at least one parameter")
	}
	res0, err := Run(s, nil)
	if err != nil {
		return nil, err
	}
	var hist []Observation
	for _, o := range s.Observed {
		if o.Year <= s.BaseYear || (len(req.Indicators) > 0 && !slices.Contains(req.Indicators, o.Indicator)) {
			continue
		}
		if st, _ := res0.Trajectory.Status(o.Indicator, o.Region); st != Modelled {
			continue
		}
		hist = append(hist, o)
	}
	if len(hist) == 0 {
		return nil, fmt.Errorf("sim: calibrate: observed.csv has no value of a modelled indicator after the base year %d to fit to", s.BaseYear)
	}
	n := len(req.Keys)
	out := &CalibrateResult{}
	lo, hi := make([]float64, n), make([]float64, n)
	x0 := make([]float64, n)
	e0, err := newEngine(s, res0.Trajectory.Catalog, mustIndex(s), nil, nil, nil)
	if err != nil {
		return nil, err
	}
	for i, key := range req.Keys {
		sp, err := LookupParam(key, res0.Trajectory.Catalog)
		if err != nil {
			return nil, fmt.Errorf("sim: calibrate: %w", err)
		}
		if sp.Dims != ByRegion {
			return nil, fmt.Errorf("sim: calibrate: %s is set by tier or cadre; calibrate district-wide keys only", key)
		}
		lo[i], hi[i] = sp.Min, sp.Max
		if i < len(req.Lower) {
			lo[i] = req.Lower[i]
		}
		if i < len(req.Upper) {
			hi[i] = req.Upper[i]
		}
		if !(hi[i] > lo[i]) {
			return nil, fmt.Errorf("sim: calibrate: %s: bounds %v to %v are empty", key, lo[i], hi[i])
		}
		init := e0.district(key, s.BaseYear)
		out.Fits = append(out.Fits, Fit{Key: key, Initial: init, Lower: lo[i], Upper: hi[i]})
		// Start inside the bounds: the logistic cannot reach them.
		u := math.Min(math.Max((init-lo[i])/(hi[i]-lo[i]), 0.01), 0.99)
		x0[i] = math.Log(u / (1 - u))
	}
	values := func(x []float64) []float64 {
		v := make([]float64, n)
		for i := range x {
			v[i] = lo[i] + (hi[i]-lo[i])/(1+math.Exp(-x[i]))
		}
		return v
	}
	model := func(v []float64) ([]float64, error) {
		set := &Settings{}
		for i, key := range req.Keys {
			set.Overrides = append(set.Overrides, Param{Key: key, Tier: AnyTier, Cadre: AnyCadre, Value: v[i]})
		}
		r, err := Run(s, set)
		if err != nil {
			return nil, err
		}
		out := make([]float64, len(hist))
		for j, o := range hist {
			out[j], _ = r.Trajectory.Value(o.Indicator, o.Region, o.Year)
		}
		return out, nil
	}
	sse := func(m []float64) float64 {
		var s float64
		for j, o := range hist {
			d := m[j] - o.Value
			if math.IsNaN(d) {
				return math.Inf(1)
			}
			s += d * d
		}
		return s
	}
	var runErr error
	problem := optimize.Problem{Func: func(x []float64) float64 {
		m, err := model(values(x))
		if err != nil {
			runErr = err
			return math.Inf(1)
		}
		out.Evaluations++
		return sse(m)
	}}
	result, err := optimize.Minimize(problem, x0, &optimize.Settings{FuncEvaluations: 4000}, &optimize.NelderMead{})
	if runErr != nil {
		return nil, runErr
	}
	if err != nil && result == nil {
		return nil, fmt.Errorf("sim: calibrate: %w", err)
	}
	fitted := values(result.X)
	initial := make([]float64, n)
	for i := range out.Fits {
		initial[i] = out.Fits[i].Initial
		out.Fits[i].Value = fitted[i]
		w := hi[i] - lo[i]
		out.Fits[i].AtBound = fitted[i]-lo[i] < 1e-3*w || hi[i]-fitted[i] < 1e-3*w
	}
	mi, err := model(initial)
	if err != nil {
		return nil, err
	}
	mf, err := model(fitted)
	if err != nil {
		return nil, err
	}
	for j, o := range hist {
		out.Residuals = append(out.Residuals, Residual{Indicator: o.Indicator, Year: o.Year, Observed: o.Value, Initial: mi[j], Fitted: mf[j]})
	}
	out.InitialRMSE = math.Sqrt(sse(mi) / float64(len(hist)))
	out.FittedRMSE = math.Sqrt(sse(mf) / float64(len(hist)))
	out.Status = result.Status.String()
	return out, nil
}

func mustIndex(s *Scenario) map[string]int {
	idx, _ := s.regionIndex()
	return idx
}
