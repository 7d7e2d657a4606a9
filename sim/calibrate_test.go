package sim

import (
	"math"
	"testing"
)

// TestCalibrateRecoversKnownParameters generates a primary-share history
// with known adjustment speed and drift, then fits both from other starting
// values.
func TestCalibrateRecoversKnownParameters(t *testing.T) {
	const speed, drift = 0.4, 1.5
	truth := flowCase(p("flow.adjust_speed", speed), p("flow.drift", drift), pyear("lever.continuous_deductible", 2023, 3))
	truth.Horizon = 2028
	tr := mustRun(t, truth, nil)
	s := flowCase(p("flow.adjust_speed", 0.1), p("flow.drift", 0), pyear("lever.continuous_deductible", 2023, 3))
	s.Horizon = 2028
	share := series(t, tr, "primary_visit_share")
	for k := 1; k < len(share); k++ {
		s.Observed = append(s.Observed, Observation{Indicator: "primary_visit_share", Year: 2022 + k, Value: share[k]})
	}
	res, err := Calibrate(s, CalibrateRequest{Keys: []string{"flow.adjust_speed", "flow.drift"}})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{speed, drift} {
		if got := res.Fits[i].Value; math.Abs(got-want) > 1e-3 {
			t.Errorf("fitted %s = %v, want %v (status %s, %d evaluations)", res.Fits[i].Key, got, want, res.Status, res.Evaluations)
		}
	}
	if res.FittedRMSE > 1e-3 || res.InitialRMSE < 1 {
		t.Errorf("RMSE %v -> %v; want a poor start and a near-perfect fit", res.InitialRMSE, res.FittedRMSE)
	}
	if res.Fits[0].Initial != 0.1 || len(res.Residuals) != 6 {
		t.Errorf("initial %v, %d residuals; want 0.1 and 6", res.Fits[0].Initial, len(res.Residuals))
	}
}

func TestCalibrateNeedsHistory(t *testing.T) {
	if _, err := Calibrate(flowCase(), CalibrateRequest{Keys: []string{"flow.drift"}}); err == nil {
		t.Error("Calibrate without history succeeded")
	}
	s := flowCase()
	s.Observed = []Observation{{Indicator: "primary_visit_share", Year: 2024, Value: 51}}
	if _, err := Calibrate(s, CalibrateRequest{Keys: []string{"hires"}}); err == nil {
		t.Error("Calibrate of a tier-and-cadre key succeeded")
	}
}
