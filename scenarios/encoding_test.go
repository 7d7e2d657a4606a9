package scenarios

import (
	"bytes"
	"fmt"
	"io/fs"
	"testing"
	"testing/fstest"

	"golang.org/x/text/encoding/unicode"

	"clinicsim/sim"
)

// verdictsOf loads and runs a scenario and returns its verdicts and region
// names as text, for comparison across encodings.
func verdictsOf(t *testing.T, load func() (*sim.Scenario, error)) string {
	t.Helper()
	s, err := load()
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	for _, r := range s.Regions {
		fmt.Fprintln(&b, r.ID, r.NameZH, r.NameEN)
	}
	fmt.Fprintln(&b, s.TitleZH)
	for _, v := range res.Verdicts {
		fmt.Fprintf(&b, "%+v\n", v)
	}
	return b.String()
}

func TestEncodingsGiveTheSameVerdicts(t *testing.T) {
	src, err := FS("dadukou-2022")
	if err != nil {
		t.Fatal(err)
	}
	want := verdictsOf(t, func() (*sim.Scenario, error) { return Load(src) })

	// A copy saved by Excel or WPS on Chinese Windows: GBK with CRLF line
	// ends, made with iconv (testdata/dadukou-gbk-crlf).
	t.Run("GBK CRLF (iconv)", func(t *testing.T) {
		if got := verdictsOf(t, func() (*sim.Scenario, error) { return LoadDir("testdata/dadukou-gbk-crlf") }); got != want {
			t.Errorf("GBK verdicts differ:\n%s\nwant\n%s", got, want)
		}
	})

	recode := func(f func([]byte) []byte) fstest.MapFS {
		m := fstest.MapFS{}
		names, _ := fs.Glob(src, "*.csv")
		for _, n := range names {
			b, _ := fs.ReadFile(src, n)
			m[n] = &fstest.MapFile{Data: f(b)}
		}
		return m
	}
	variants := map[string]func([]byte) []byte{
		"UTF-8 BOM CRLF": func(b []byte) []byte {
			return append([]byte{0xEF, 0xBB, 0xBF}, bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))...)
		},
		"UTF-16LE BOM": func(b []byte) []byte {
			out, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(b)
			if err != nil {
				t.Fatal(err)
			}
			return out
		},
	}
	for name, f := range variants {
		t.Run(name, func(t *testing.T) {
			if got := verdictsOf(t, func() (*sim.Scenario, error) { return Load(recode(f)) }); got != want {
				t.Errorf("verdicts differ:\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func TestToUTF8(t *testing.T) {
	cases := []struct {
		in   []byte
		want string
		enc  Encoding
	}{
		{[]byte("a,b"), "a,b", UTF8},
		{[]byte("\xEF\xBB\xBFa,大"), "a,大", UTF8BOM},
		{[]byte("\xB4\xF3\xB6\xC9\xBF\xDA"), "大渡口", GB18030}, // GBK bytes
	}
	for _, c := range cases {
		got, enc, err := toUTF8(c.in)
		if err != nil || string(got) != c.want || enc != c.enc {
			t.Errorf("toUTF8(%q) = %q, %v, %v; want %q, %v", c.in, got, enc, err, c.want, c.enc)
		}
	}
}
