package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/xuri/excelize/v2"

	"clinicsim/output"
	"clinicsim/scenarios"
	"clinicsim/sim"
)

const dadukou = "dadukou-2022"

// gpLever is Dadukou's lever for new CHS-centre GP posts a year.
const gpLever = "hires::chs_centre:gp"

var (
	testOnce sync.Once
	testSrv  *Server
	testErr  error
)

func newTestServer(t testing.TB) *httptest.Server {
	t.Helper()
	testOnce.Do(func() {
		testSrv, testErr = New(Options{Scenarios: []string{dadukou, "suining-2024"}, Looks: map[string]output.Look{"en": {Lang: "en"}}})
	})
	if testErr != nil {
		t.Fatal(testErr)
	}
	ts := httptest.NewServer(testSrv.Handler())
	t.Cleanup(ts.Close)
	return ts
}

func post(t testing.TB, ts *httptest.Server, path string, body any) (*http.Response, []byte) {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(ts.URL+path, "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, out
}

func getRun(t testing.TB, ts *httptest.Server, set map[string]Setting, draws int) runViewJSON {
	t.Helper()
	resp, b := post(t, ts, "/api/run", runRequest{Scenario: dadukou, Settings: set, Draws: draws, Lang: "en"})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("run: %s: %s", resp.Status, b)
	}
	var v runViewJSON
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// runViewJSON reads runView back (pointers become plain numbers).
type runViewJSON struct {
	Tally    output.Counts `json:"tally"`
	Verdicts []struct {
		Name        string   `json:"name"`
		Target      string   `json:"target"`
		Projected   *float64 `json:"projected"`
		Status      string   `json:"status"`
		Probability *float64 `json:"probability"`
	} `json:"verdicts"`
	Charts []struct {
		Name      string     `json:"name"`
		Projected []*float64 `json:"projected"`
		P5        []*float64 `json:"p5"`
	} `json:"charts"`
	Draws int `json:"draws"`
}

func (v runViewJSON) verdict(t testing.TB, name string) (float64, string) {
	t.Helper()
	for _, d := range v.Verdicts {
		if strings.EqualFold(d.Name, name) && d.Projected != nil {
			return *d.Projected, d.Status
		}
	}
	t.Fatalf("no verdict %q", name)
	return 0, ""
}

const gpName = "general practitioners per 10,000 residents"

func TestLevers(t *testing.T) {
	s, _, err := scenarios.Open(dadukou)
	if err != nil {
		t.Fatal(err)
	}
	vs, err := scenarios.OpenVariants("", dadukou, s)
	if err != nil {
		t.Fatal(err)
	}
	ls, err := leversOf(s, vs)
	if err != nil {
		t.Fatal(err)
	}
	var gp *Lever
	for i := range ls {
		if ls[i].ID == gpLever {
			gp = &ls[i]
		}
		if ls[i].Min >= ls[i].Max || ls[i].Step <= 0 {
			t.Errorf("lever %s: range %v..%v step %v", ls[i].ID, ls[i].Min, ls[i].Max, ls[i].Step)
		}
	}
	if gp == nil {
		t.Fatalf("no GP hiring lever among %d", len(ls))
	}
	// parameters.csv: 4 GP posts a year; variants.csv goes up to 11, so
	// the slider reaches 3×11 = 33, rounded up to 50.
	if gp.Value != 4 || gp.Min != 0 || gp.Max != 50 || gp.Unit != "persons/year" {
		t.Errorf("GP lever = %+v; want value 4, range 0..50 persons/year", *gp)
	}
}

func TestNiceNumbers(t *testing.T) {
	for _, c := range []struct{ x, ceil, step float64 }{
		{33, 50, 20}, {0.24, 0.5, 0.2}, {1, 1, 1}, {7, 10, 5}, {150, 200, 100},
	} {
		if got := niceCeil(c.x); got != c.ceil {
			t.Errorf("niceCeil(%v) = %v, want %v", c.x, got, c.ceil)
		}
		if got := niceStep(c.x); got != c.step {
			t.Errorf("niceStep(%v) = %v, want %v", c.x, got, c.step)
		}
	}
}

func TestRunMovesVerdict(t *testing.T) {
	ts := newTestServer(t)
	quo := getRun(t, ts, nil, 0)
	more := getRun(t, ts, map[string]Setting{gpLever: {Value: 12, Year: 2023}}, 0)
	v0, st0 := quo.verdict(t, gpName)
	v1, st1 := more.verdict(t, gpName)
	if st0 != "missed" || st1 != "met" || v1 <= v0 {
		t.Errorf("GPs per 10,000: status quo %.2f (%s), 12 posts %.2f (%s); want missed then met", v0, st0, v1, st1)
	}
	if more.Tally.ModelledMet != quo.Tally.ModelledMet+1 {
		t.Errorf("modelled targets met: %d then %d; want one more", quo.Tally.ModelledMet, more.Tally.ModelledMet)
	}
	// The same answer as the engine's own batch run of the variant.
	s := testSrv.scen[dadukou].s
	rs, err := sim.Batch(context.Background(), s, []sim.Variant{{Name: "x", Overrides: []sim.Param{{Key: "hires", Tier: sim.CHSCentre, Cadre: sim.GP, Year: 2023, Value: 12}}}}, sim.BatchSettings{})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range rs[0].Result.Verdicts {
		if strings.EqualFold(v.Indicator.NameEN, gpName) && v.Projected != v1 {
			t.Errorf("page shows %v, engine gives %v", v1, v.Projected)
		}
	}
	// By hand: 8 more posts a year in 2023, 2024 and 2025 with 5% attrition
	// a year leave between 8×3×0.95² ≈ 21.7 and 24 more GPs at the end of
	// 2025 (a little more with replacement of the extra leavers).
	pop, _ := rs[0].Result.Trajectory.Value("population", "", 2025)
	extra := (v1 - v0) * pop / 1e4
	if extra < 21 || extra > 25 {
		t.Errorf("12 posts a year add %.1f GPs by 2025 (%.2f per 10,000 of %.0f residents); want 21.7 to 24", extra, v1-v0, pop)
	}
}

func TestRunWithDraws(t *testing.T) {
	ts := newTestServer(t)
	v := getRun(t, ts, nil, 100)
	if v.Draws != 100 {
		t.Fatalf("draws = %d, want 100", v.Draws)
	}
	n := 0
	for _, d := range v.Verdicts {
		if d.Status == "met" || d.Status == "missed" {
			if d.Probability == nil || *d.Probability < 0 || *d.Probability > 1 {
				t.Errorf("%s: probability %v", d.Name, d.Probability)
			}
			n++
		}
	}
	if n == 0 || len(v.Charts[0].P5) == 0 {
		t.Errorf("%d probabilities, %d band points", n, len(v.Charts[0].P5))
	}
}

func TestRejects(t *testing.T) {
	ts := newTestServer(t)
	big := `{"scenario":"` + strings.Repeat("x", maxBody) + `"}`
	for _, c := range []struct {
		name, path, body string
		code             int
		want             string
	}{
		{"above range", "/api/run", `{"scenario":"dadukou-2022","settings":{"hires::chs_centre:gp":{"value":51,"year":2023}}}`, 400, "outside its range 0 to 50"},
		{"below range", "/api/run", `{"scenario":"dadukou-2022","settings":{"fd.speed:::":{"value":-0.1,"year":2023}}}`, 400, "outside its range"},
		{"year", "/api/run", `{"scenario":"dadukou-2022","settings":{"fd.speed:::":{"value":0.2,"year":2040}}}`, 400, "year 2040 is outside"},
		{"unknown lever", "/api/run", `{"scenario":"dadukou-2022","settings":{"pop.growth:::":{"value":0.1,"year":2023}}}`, 400, `no lever \"pop.growth:::\"`},
		{"unknown scenario", "/api/run", `{"scenario":"../../etc/passwd"}`, 400, "no scenario"},
		{"unknown field", "/api/run", `{"scenario":"dadukou-2022","path":"/etc"}`, 400, "unknown field"},
		{"draws", "/api/run", `{"scenario":"dadukou-2022","draws":100000}`, 400, "draws must be"},
		{"not JSON", "/api/run", `scenario=dadukou`, 400, "bad request body"},
		{"too big", "/api/run", big, 413, "too large"},
		{"no variants", "/api/compare", `{"scenario":"dadukou-2022","variants":[]}`, 400, "compare 1 to"},
		{"duplicate names", "/api/compare", `{"scenario":"dadukou-2022","variants":[{"name":"a"},{"name":"a"}]}`, 400, "used once"},
		{"report format", "/api/report?format=pdf", `{"scenario":"dadukou-2022"}`, 400, "html or xlsx"},
	} {
		t.Run(c.name, func(t *testing.T) {
			resp, err := http.Post(ts.URL+c.path, "application/json", strings.NewReader(c.body))
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != c.code || !strings.Contains(string(b), c.want) {
				t.Errorf("%s %s: %s %s; want %d with %q", c.path, c.name, resp.Status, b, c.code, c.want)
			}
		})
	}
	resp, err := http.Get(ts.URL + "/api/run")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /api/run: %s", resp.Status)
	}
}

func TestVariantsRoundTrip(t *testing.T) {
	ts := newTestServer(t)
	saved := []namedSettings{
		{Name: "status quo"},
		{Name: "12 GPs, FD push from 2024", Settings: map[string]Setting{gpLever: {Value: 12, Year: 2023}, "fd.speed:::": {Value: 0.4, Year: 2024}}},
	}
	resp, b := post(t, ts, "/api/variants.csv", compareRequest{Scenario: dadukou, Variants: saved})
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), "variants.csv") {
		t.Fatalf("%s %s", resp.Status, b)
	}
	// clinicsim batch reads it; its batch gives the page's comparison.
	s := testSrv.scen[dadukou].s
	vs, err := scenarios.LoadVariants(fstest.MapFS{"variants.csv": {Data: b}}, "variants.csv", s)
	if err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if len(vs) != 2 || vs[1].Name != saved[1].Name || len(vs[1].Overrides) != 2 {
		t.Fatalf("read back %+v", vs)
	}
	rs, err := sim.Batch(context.Background(), s, vs, sim.BatchSettings{})
	if err != nil {
		t.Fatal(err)
	}
	want := output.Compare(s, rs)
	resp, b = post(t, ts, "/api/compare", compareRequest{Scenario: dadukou, Variants: saved})
	if resp.StatusCode != 200 {
		t.Fatalf("%s %s", resp.Status, b)
	}
	var got struct {
		Rows []struct {
			Variant string  `json:"variant"`
			Met     float64 `json:"met"`
			Rank    int     `json:"rank"`
		} `json:"rows"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	for i, w := range want {
		if got.Rows[i].Variant != w.Variant || got.Rows[i].Met != w.Met || got.Rows[i].Rank != w.Rank {
			t.Errorf("row %d: page %+v, batch %+v", i, got.Rows[i], w)
		}
	}
	if want[1].Met <= want[0].Met {
		t.Errorf("the push meets %v targets, the status quo %v", want[1].Met, want[0].Met)
	}
}

func TestReportDownloads(t *testing.T) {
	ts := newTestServer(t)
	resp, b := post(t, ts, "/api/report?format=html", runRequest{Scenario: dadukou, Settings: map[string]Setting{gpLever: {Value: 12, Year: 2023}}})
	if resp.StatusCode != 200 || !bytes.Contains(b, []byte("<svg")) || !bytes.Contains(b, []byte("Dadukou")) {
		t.Fatalf("html report: %s, %d bytes", resp.Status, len(b))
	}
	resp, b = post(t, ts, "/api/report?format=xlsx", runRequest{Scenario: dadukou})
	if resp.StatusCode != 200 {
		t.Fatalf("xlsx: %s %s", resp.Status, b)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if len(f.GetSheetList()) < 2 {
		t.Errorf("sheets %v", f.GetSheetList())
	}
}

// TestPageIsSelfContained: the page and its assets request nothing from
// elsewhere (meeting rooms are often offline).
func TestPageIsSelfContained(t *testing.T) {
	ts := newTestServer(t)
	url := regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}`)
	for _, p := range []string{"/", "/static/app.js", "/static/app.css"} {
		resp, err := http.Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %s", p, resp.Status)
		}
		for _, m := range url.FindAllString(string(b), -1) {
			if m != "http://www.w3.org" { // the SVG namespace, not a request
				t.Errorf("%s names %s", p, m)
			}
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("%s: CSP %q", p, csp)
		}
	}
}

// TestLoad fires many slider changes from many clients at once: every
// answer must be right (the same settings give the same bytes) and none may
// fail. It logs the throughput and latencies (go test ./server -run Load -v).
func TestLoad(t *testing.T) {
	ts := newTestServer(t)
	const clients, each = 16, 25
	bodies := make([][]byte, 6)
	want := make([][]byte, len(bodies))
	for i := range bodies {
		bodies[i], _ = json.Marshal(runRequest{Scenario: dadukou, Settings: map[string]Setting{gpLever: {Value: float64(2 * i), Year: 2023}}})
		resp, b := post(t, ts, "/api/run", json.RawMessage(bodies[i]))
		if resp.StatusCode != 200 {
			t.Fatal(resp.Status)
		}
		want[i] = b
	}
	var mu sync.Mutex
	var lat []time.Duration
	errs := make(chan error, clients*each)
	start := time.Now()
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range each {
				i := (c + k) % len(bodies)
				t0 := time.Now()
				resp, err := http.Post(ts.URL+"/api/run", "application/json", bytes.NewReader(bodies[i]))
				if err != nil {
					errs <- err
					continue
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				d := time.Since(t0)
				if resp.StatusCode != 200 || !bytes.Equal(b, want[i]) {
					errs <- fmt.Errorf("client %d request %d: %s, answer differs: %v", c, k, resp.Status, !bytes.Equal(b, want[i]))
					continue
				}
				mu.Lock()
				lat = append(lat, d)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	el := time.Since(start)
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	if len(lat) != clients*each {
		t.Fatalf("%d of %d answered", len(lat), clients*each)
	}
	q := func(p float64) time.Duration { return lat[int(p*float64(len(lat)-1))] }
	t.Logf("%d clients × %d slider changes: %d answered, 0 errors, in %v (%.0f/s); latency p50 %v, p95 %v, max %v",
		clients, each, len(lat), el.Round(time.Millisecond), float64(len(lat))/el.Seconds(), q(0.5).Round(time.Millisecond), q(0.95).Round(time.Millisecond), slices.Max(lat).Round(time.Millisecond))
}
