package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot/font"
)

// FontEnv is the environment variable that names a CJK font file.
const FontEnv = "CLINICSIM_FONT"

// CJKFont is a font that draws both the Chinese and the Latin text of
// clinicsim's charts.
type CJKFont struct {
	Path   string
	Family string
	face   *opentype.Font
}

// coverage is text every chart may hold: checked glyph by glyph.
const coverage = "0123456789.,%-+()/:≥≤ABCabcxyz年份目标人口每千万基层医疗卫生机构诊疗量占比全科医生签约覆盖率甲乙级社区服务中心站村室乡镇执业助理师护士"

// fontCandidates are the usual places of CJK fonts, in order of preference.
func fontCandidates() []string {
	switch runtime.GOOS {
	case "windows":
		win := os.Getenv("WINDIR")
		if win == "" {
			win = `C:\Windows`
		}
		d := filepath.Join(win, "Fonts")
		return []string{filepath.Join(d, "msyh.ttc"), filepath.Join(d, "msyh.ttf"), filepath.Join(d, "simhei.ttf"), filepath.Join(d, "simsun.ttc")}
	case "darwin":
		return []string{"/System/Library/Fonts/PingFang.ttc", "/System/Library/Fonts/STHeiti Light.ttc", "/System/Library/Fonts/STHeiti Medium.ttc",
			"/Library/Fonts/Arial Unicode.ttf"}
	}
	return []string{
		"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
		"/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
		"/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
		"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
		"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
		"/usr/share/fonts/wenquanyi/wqy-zenhei/wqy-zenhei.ttc",
	}
}

// FindCJKFont looks for a usable CJK font: the path given (from --font),
// then $CLINICSIM_FONT, then the usual system places. It returns the
// places it tried and why each failed when none works.
func FindCJKFont(path string) (*CJKFont, error) { return findCJKFont(path, fontCandidates()) }

func findCJKFont(path string, system []string) (*CJKFont, error) {
	var tried []string
	var candidates []string
	if path != "" {
		f, err := LoadCJKFont(path)
		if err != nil {
			return nil, fmt.Errorf("output: --font: %w", err)
		}
		return f, nil
	}
	if env := os.Getenv(FontEnv); env != "" {
		candidates = append(candidates, env)
	}
	candidates = append(candidates, system...)
	for _, c := range candidates {
		f, err := LoadCJKFont(c)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			tried = append(tried, err.Error())
		}
	}
	if len(tried) == 0 {
		return nil, fmt.Errorf("output: no CJK font found (tried --font, $%s, %s)", FontEnv, strings.Join(system, ", "))
	}
	return nil, fmt.Errorf("output: no usable CJK font: %s", strings.Join(tried, "; "))
}

// LoadCJKFont reads a TrueType or OpenType font or collection (.ttc) and
// returns its first face that covers both Chinese and Latin text.
func LoadCJKFont(path string) (*CJKFont, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var faces []*opentype.Font
	if coll, err := opentype.ParseCollection(data); err == nil {
		for i := range coll.NumFonts() {
			if f, err := coll.Font(i); err == nil {
				faces = append(faces, f)
			}
		}
	} else if f, err := opentype.Parse(data); err == nil {
		faces = append(faces, f)
	} else {
		return nil, fmt.Errorf("%s: not a font this program can read: %v", path, err)
	}
	var why string
	var usable []*CJKFont
	for _, f := range faces {
		var buf sfnt.Buffer
		family, _ := f.Name(&buf, sfnt.NameIDFamily)
		if missing := missingGlyphs(f); missing != "" {
			why = fmt.Sprintf("%s (%s) lacks glyphs for %q", path, family, missing)
			continue
		}
		usable = append(usable, &CJKFont{Path: path, Family: family, face: f})
	}
	// Prefer the Simplified Chinese face of a collection.
	for _, f := range usable {
		if strings.Contains(f.Family, " SC") || strings.Contains(f.Family, "GB") || strings.Contains(f.Family, "YaHei") {
			return f, nil
		}
	}
	if len(usable) > 0 {
		return usable[0], nil
	}
	if why == "" {
		why = path + ": no face could be read"
	}
	return nil, errors.New(why)
}

// missingGlyphs returns the characters of the coverage text the font
// cannot draw.
func missingGlyphs(f *opentype.Font) string {
	var buf sfnt.Buffer
	var missing []rune
	for _, r := range coverage {
		if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
			missing = append(missing, r)
		}
	}
	return string(missing)
}

// Face returns the font as a gonum/plot face under the given typeface name.
func (f *CJKFont) Face(typeface string) font.Face {
	return font.Face{Font: font.Font{Typeface: font.Typeface(typeface)}, Face: f.face}
}
