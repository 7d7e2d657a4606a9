package server

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"clinicsim/output"
	"clinicsim/scenarios"
)

// browserPath finds a Chromium to drive. Without one the end-to-end test
// is skipped, unless CLINICSIM_E2E is set (make e2e, CI), when it fails.
// screenshot saves the whole page as a PNG.
func screenshot(ctx context.Context, t *testing.T, path string) {
	t.Helper()
	var shot []byte
	if err := chromedp.Run(ctx, chromedp.FullScreenshot(&shot, 100)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
}

func browserPath(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CLINICSIM_E2E") != "" {
		t.Fatal("no Chromium found; install Debian's chromium package (.ci/run does)")
	}
	t.Skip("no Chromium found; make e2e installs nothing, .ci/run installs Debian's chromium")
	return ""
}

// TestE2EBrowser drives the page in headless Chromium as a planner would:
// load it, move the GP-hiring slider, see the verdict and the chart change,
// save and compare two variants, download variants.csv and read it back.
// It keeps a screenshot in $CLINICSIM_ARTIFACTS (default ../out/e2e).
func TestE2EBrowser(t *testing.T) {
	exe := browserPath(t)
	// The page as served: Chinese when a CJK font is found (CI installs
	// one), which is then the page's first language.
	looks := map[string]output.Look{"en": {Lang: "en"}}
	if zh, warning, err := output.Resolve("zh", ""); err == nil && warning == "" {
		looks["zh"] = zh
	}
	srv, err := New(Options{Scenarios: []string{dadukou}, Looks: looks})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	downloads := t.TempDir()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.WindowSize(1400, 1800), chromedp.Flag("lang", "en-US"))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	// gpRow reads the GP target's verdict and the GP chart's line.
	const gpState = `(() => {
		const rows = [...document.querySelectorAll("#dashboard tbody tr")];
		const r = rows.find((r) => r.cells[0].textContent.toLowerCase().startsWith("general practitioners per 10,000"));
		if (!r) return "";
		return r.dataset.status + "|" + r.cells[4].textContent + "|" + (document.body.dataset.runs || "0");
	})()`
	var before, after string
	waitState := func(pred func(string) bool, out *string) chromedp.Action {
		return chromedp.ActionFunc(func(ctx context.Context) error {
			for {
				if err := chromedp.Evaluate(gpState, out).Do(ctx); err != nil {
					return err
				}
				if pred(*out) {
					return nil
				}
				select {
				case <-ctx.Done():
					return fmt.Errorf("waiting for the page: last state %q: %w", *out, ctx.Err())
				case <-time.After(50 * time.Millisecond):
				}
			}
		})
	}
	var gpPathBefore, gpPathAfter string
	const gpPath = `(() => { const h = [...document.querySelectorAll("#charts h3")].find((h) => h.textContent.toLowerCase().startsWith("general practitioners per 10,000")); return h ? h.parentElement.querySelector("path.projection").getAttribute("d") : ""; })()`
	const toEnglish = `(() => { const l = document.getElementById("lang"); l.value = "en"; l.dispatchEvent(new Event("change")); })()`
	err = chromedp.Run(ctx,
		browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllow).WithDownloadPath(downloads),
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible("#dashboard tbody tr", chromedp.ByQuery),
		chromedp.Evaluate(toEnglish, nil),
		waitState(func(s string) bool { return s != "" && !strings.HasSuffix(s, "|0") }, &before),
		chromedp.Evaluate(gpPath, &gpPathBefore),
		// Save the status quo.
		chromedp.SendKeys("#vname", "status quo", chromedp.ByID),
		chromedp.Click("#save", chromedp.ByID),
		// Move the slider to 12 posts a year, as a hand on the slider does.
		chromedp.Evaluate(`(() => { const r = document.getElementById("r-`+gpLever+`"); r.value = 12; r.dispatchEvent(new Event("input")); })()`, nil),
		waitState(func(s string) bool { return strings.HasPrefix(s, "met|") }, &after),
		chromedp.Evaluate(gpPath, &gpPathAfter),
		chromedp.SendKeys("#vname", "12 GP posts", chromedp.ByID),
		chromedp.Click("#save", chromedp.ByID),
		chromedp.Click("#compare", chromedp.ByID),
		chromedp.WaitVisible("#cmp tbody tr:nth-child(2)", chromedp.ByQuery),
		chromedp.Click("#csv", chromedp.ByID),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(before, "missed|3.60|") || !strings.HasPrefix(after, "met|4.15|") {
		t.Errorf("GP verdict on the page: %q before, %q after; want missed at 3.60, then met at 4.15", before, after)
	}
	if gpPathBefore == "" || gpPathBefore == gpPathAfter {
		t.Errorf("the GP chart did not change: %q", gpPathAfter)
	}
	var cmp []string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`[...document.querySelectorAll("#cmp tbody tr")].map((r) => r.cells[0].textContent + ". " + r.cells[1].textContent + " = " + r.cells[2].textContent)`, &cmp)); err != nil {
		t.Fatal(err)
	}
	// Rows in the order saved; 12 posts meet one target more (GPs per
	// 10,000) and rank first.
	if len(cmp) != 2 || cmp[0] != "2. status quo = 5" || cmp[1] != "1. 12 GP posts = 6" {
		t.Errorf("comparison rows %q; want 2. status quo = 5, 1. 12 GP posts = 6", cmp)
	}
	// The download lands in the folder; clinicsim batch can read it.
	var csv []byte
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if b, err := os.ReadFile(filepath.Join(downloads, "variants.csv")); err == nil && len(b) > 0 {
			csv = b
			break
		}
	}
	if csv == nil {
		t.Fatal("variants.csv was not downloaded")
	}
	vs, err := scenarios.LoadVariants(fstest.MapFS{"variants.csv": {Data: csv}}, "variants.csv", srv.scen[dadukou].s)
	if err != nil || len(vs) != 2 || vs[1].Name != "12 GP posts" || len(vs[1].Overrides) != 1 || vs[1].Overrides[0].Value != 12 {
		t.Errorf("downloaded variants.csv reads back as %+v, %v:\n%s", vs, err, csv)
	}
	dir := os.Getenv("CLINICSIM_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("..", "out", "e2e")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "serve.png")
	screenshot(ctx, t, p)
	if _, ok := looks["zh"]; ok {
		// Switch to Chinese: the same verdict in Chinese, the lever named in Chinese.
		var zh string
		err := chromedp.Run(ctx,
			chromedp.Evaluate(`(() => { const l = document.getElementById("lang"); l.value = "zh"; l.dispatchEvent(new Event("change")); })()`, nil),
			chromedp.ActionFunc(func(ctx context.Context) error {
				for {
					if err := chromedp.Evaluate(`(() => { const r = [...document.querySelectorAll("#dashboard tbody tr")].find((r) => r.cells[0].textContent === "每万人口全科医生数"); const l = document.querySelector("label[for='r-`+gpLever+`']"); return r && l ? r.cells[5].textContent + "|" + l.textContent : ""; })()`, &zh).Do(ctx); err != nil {
						return err
					}
					if zh != "" {
						return nil
					}
					select {
					case <-ctx.Done():
						return ctx.Err()
					case <-time.After(50 * time.Millisecond):
					}
				}
			}))
		if err != nil {
			t.Fatal(err)
		}
		if zh != "达成|每年新增招聘 · 社区卫生服务中心 · 全科医生（人/年）" {
			t.Errorf("Chinese page: GP verdict and lever read %q", zh)
		}
		screenshot(ctx, t, filepath.Join(dir, "serve-zh.png"))
	} else {
		t.Log("no CJK font: the Chinese page is not checked")
	}
	t.Logf("GP verdict %q → %q; comparison %q; screenshot %s", before, after, cmp, p)
}
