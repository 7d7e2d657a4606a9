package output

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"clinicsim/sim"
)

func TestEveryPhraseIsTranslated(t *testing.T) {
	for key, p := range phrases {
		if p[0] == "" || p[1] == "" {
			t.Errorf("phrase %q lacks a language: %q", key, p)
		}
		if strings.Count(p[0], "%d") != strings.Count(p[1], "%d") || strings.Count(p[0], "%s") != strings.Count(p[1], "%s") {
			t.Errorf("phrase %q has different format verbs: %q vs %q", key, p[0], p[1])
		}
	}
	for key, p := range htmlPhrases {
		if p[0] == "" || p[1] == "" {
			t.Errorf("report phrase %q lacks a language", key)
		}
	}
	for key, p := range xlsxWords {
		if p[0] == "" || p[1] == "" {
			t.Errorf("workbook word %q lacks a language", key)
		}
	}
	for _, ind := range sim.NewCatalog().All() {
		if ind.NameZH == "" || ind.NameEN == "" {
			t.Errorf("indicator %s lacks a Chinese or English name", ind.ID)
		}
	}
}

// cjkLook returns the Chinese look with the machine's CJK font. On CI
// (where .ci/run installs fonts-noto-cjk) a missing font fails the test;
// elsewhere it skips.
func cjkLook(t *testing.T) Look {
	t.Helper()
	f, err := FindCJKFont("")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI must have a CJK font (.ci/run installs fonts-noto-cjk): %v", err)
		}
		t.Skipf("no CJK font on this machine: %v", err)
	}
	return ChineseLook(f)
}

// inked counts the dark pixels of a plot holding only a title.
func inked(t *testing.T, look Look, title string) int {
	t.Helper()
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = vg.Points(30)
	p.HideAxes()
	look.apply(p)
	var buf bytes.Buffer
	if err := WritePNG(&buf, p); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return dark(img)
}

func dark(img image.Image) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			if a > 0 && r+g+bl < 3*0x8000 {
				n++
			}
		}
	}
	return n
}

// TestChineseGlyphsAreDrawn renders Chinese with the CJK font and checks
// that ink reaches the image: gonum's own font has no Chinese glyphs and
// draws (almost) nothing for the same text.
func TestChineseGlyphsAreDrawn(t *testing.T) {
	look := cjkLook(t)
	const zh = "每万人口全科医生数"
	with := inked(t, look, zh)
	without := inked(t, English, zh)
	if with < 2000 || with < 10*without {
		t.Errorf("dark pixels for %q: %d with the CJK font, %d without; want the glyphs drawn", zh, with, without)
	}
	// Latin and digits come from the same font.
	if n := inked(t, look, "2025 ≥ 4.00 %"); n < 500 {
		t.Errorf("dark pixels for Latin text with the CJK font: %d", n)
	}
}

func TestFontFallback(t *testing.T) {
	dir := t.TempDir()
	latin := filepath.Join(dir, "latin.ttf")
	if err := os.WriteFile(latin, liberationsansregular.TTF, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadCJKFont(latin); err == nil || !strings.Contains(err.Error(), "lacks glyphs") {
		t.Errorf("LoadCJKFont(Latin-only font) = %v, want a coverage error", err)
	}
	// An explicit font that cannot draw Chinese is an error.
	if _, _, err := resolve("zh", latin, nil); err == nil {
		t.Error("resolve with an unusable --font succeeded")
	}
	// No font anywhere: English labels and one warning.
	t.Setenv(FontEnv, latin)
	look, warning, err := resolve("zh", "", []string{filepath.Join(dir, "none.ttc")})
	if err != nil || look.Lang != "en" || !strings.Contains(warning, "English labels") {
		t.Errorf("resolve without a font = %+v, %q, %v; want English and a warning", look, warning, err)
	}
	if _, _, err := resolve("fr", "", nil); err == nil {
		t.Error("resolve(fr) succeeded")
	}
}

func TestChineseChartSpeaksChinese(t *testing.T) {
	look := cjkLook(t)
	s, res := smallRun(t)
	cd, err := ChartDataFor(s, res.Trajectory, "gps_per_10000", "")
	if err != nil {
		t.Fatal(err)
	}
	p, err := cd.Plot(look)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Title.Text, "每万人口全科医生数") || !strings.Contains(p.Title.Text, "未达成") || !strings.Contains(p.X.Label.Text, "年份") {
		t.Errorf("title %q, x label %q: want Chinese", p.Title.Text, p.X.Label.Text)
	}
	var svg bytes.Buffer
	if err := look.writeSVG(&svg, p); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(svg.String(), "'Microsoft YaHei'") {
		t.Error("the SVG does not name a CJK font-family list")
	}
}
