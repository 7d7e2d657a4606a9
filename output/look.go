package output

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg/draw"

	"clinicsim/sim"
)

// Look is the language and font of everything a person reads.
type Look struct {
	// Lang is "en" or "zh".
	Lang string
	// Font draws Chinese; nil uses gonum/plot's Latin font, and then
	// Chinese is replaced by English (see Resolve).
	Font  *CJKFont
	fonts *font.Cache // the CJK face and gonum's Latin faces
}

// English is the default look.
var English = Look{Lang: "en"}

// cjkTypeface names the CJK face inside a plot's font cache.
const cjkTypeface = "clinicsim-cjk"

// svgFamilies is the font-family list SVG charts name, so that browsers
// pick a Chinese font of their own.
const svgFamilies = `'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC','Hiragino Sans GB','WenQuanYi Micro Hei','WenQuanYi Zen Hei','SimHei',sans-serif`

// Resolve returns the look to use for lang with the font at path (empty:
// search), and a warning to show once when Chinese was asked for but no
// font can draw it: the look then falls back to English labels.
func Resolve(lang, path string) (Look, string, error) { return resolve(lang, path, fontCandidates()) }

func resolve(lang, path string, system []string) (Look, string, error) {
	switch lang {
	case "en":
		return English, "", nil
	case "zh":
	default:
		return Look{}, "", fmt.Errorf("output: unknown language %q; use zh or en", lang)
	}
	f, err := findCJKFont(path, system)
	if err != nil {
		if path != "" {
			return Look{}, "", err
		}
		return English, fmt.Sprintf("%v; writing English labels instead. Install a CJK font (e.g. Noto Sans CJK) or pass --font PATH or set %s.", err, FontEnv), nil
	}
	return ChineseLook(f), "", nil
}

// ChineseLook returns the Chinese look drawn with f.
func ChineseLook(f *CJKFont) Look {
	return Look{Lang: "zh", Font: f, fonts: font.NewCache(append(font.Collection{f.Face(cjkTypeface)}, liberation.Collection()...))}
}

// zh reports whether the look writes Chinese.
func (l Look) zh() bool { return l.Lang == "zh" && l.Font != nil }

// T translates a user-facing phrase (see phrases).
func (l Look) T(key string) string {
	p, ok := phrases[key]
	if !ok {
		panic("output: no phrase " + key) // a programmer's mistake, caught by tests
	}
	if l.zh() {
		return p[1]
	}
	return p[0]
}

// Tf translates a phrase with format verbs.
func (l Look) Tf(key string, args ...any) string { return fmt.Sprintf(l.T(key), args...) }

// Cmp writes a comparison: ≥ and ≤ in Chinese, >= and <= in English.
func (l Look) Cmp(c sim.Comparison) string {
	if l.zh() {
		return map[sim.Comparison]string{sim.AtLeast: "≥", sim.AtMost: "≤", sim.Above: ">", sim.Below: "<"}[c]
	}
	return c.String()
}

// Name is an indicator's name in the look's language.
func (l Look) Name(ind sim.Indicator) string {
	if l.zh() {
		return ind.NameZH
	}
	return capitalize(ind.NameEN)
}

// Unit is an indicator's unit in the look's language.
func (l Look) Unit(ind sim.Indicator) string {
	if l.zh() && ind.UnitZH != "" {
		return ind.UnitZH
	}
	return ind.UnitEN
}

// apply sets the plot's fonts: the CJK face for every text when the look
// writes Chinese.
func (l Look) apply(p *plot.Plot) {
	if !l.zh() {
		return
	}
	p.TextHandler = text.Plain{Fonts: l.fonts}
	for _, sty := range []*text.Style{&p.Title.TextStyle, &p.X.Label.TextStyle, &p.Y.Label.TextStyle, &p.X.Tick.Label, &p.Y.Tick.Label, &p.Legend.TextStyle} {
		l.style(sty)
	}
}

// style sets one text style's font.
func (l Look) style(sty *draw.TextStyle) {
	if l.zh() {
		sty.Font = font.Font{Typeface: cjkTypeface, Size: sty.Font.Size}
		sty.Handler = text.Plain{Fonts: l.fonts}
	}
}

// writeSVG draws the plot as SVG naming a CJK-capable font-family list.
func (l Look) writeSVG(w io.Writer, p *plot.Plot) error {
	var buf bytes.Buffer
	if err := WriteSVG(&buf, p); err != nil {
		return err
	}
	out := buf.String()
	if l.zh() {
		out = strings.ReplaceAll(out, "font-family:"+l.Font.Family+";", "font-family:"+svgFamilies+";")
	}
	_, err := io.WriteString(w, out)
	return err
}

// WriteSVG draws the plot as SVG naming a CJK-capable font-family list when
// the look writes Chinese.
func (l Look) WriteSVG(w io.Writer, p *plot.Plot) error { return l.writeSVG(w, p) }
