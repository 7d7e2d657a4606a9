package output

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestHTMLReport(t *testing.T) {
	s, res := smallRun(t)
	s.Regions[0].NameZH = `=HYPERLINK("http://x","y")`
	res.Verdicts[0].Target.Source = `<script>alert(1)</script>`
	s.Params[0].Source = `<script>alert(1)</script>`
	dir := t.TempDir()
	d, err := NewDir(dir+"/out", false)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	g := &gallery{svg: map[string]string{}}
	if err := writeRun(d, s, res, English, g); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteHTML(&b, s, res, nil, English, g); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatalf("report.html does not parse: %v", err)
	}
	var svgs, scripts, links int
	var text strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "svg":
				svgs++
			case "script":
				scripts++
			case "link":
				links++
			}
		}
		if n.Type == html.TextNode {
			text.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if svgs != 1 {
		t.Errorf("report has %d inline charts, want 1 (one targeted indicator)", svgs)
	}
	if scripts != 0 || links != 0 {
		t.Errorf("report has %d scripts and %d links; it must open offline with nothing else", scripts, links)
	}
	got := text.String()
	for _, want := range []string{"General practitioners per 10,000 residents", "2024", "2025", "not met", "met", "<script>alert(1)</script>"} {
		if !strings.Contains(got, want) {
			t.Errorf("report text lacks %q", want)
		}
	}
	if strings.Contains(b.String(), "<script>alert") {
		t.Error("user text was not escaped")
	}
	if !strings.Contains(b.String(), "@media print") {
		t.Error("no print stylesheet")
	}
}
