package output

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/width"

	"clinicsim/sim"
)

// displayWidth is the number of terminal columns s takes: East Asian wide
// and full-width characters take two.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

func pad(s string, w int) string {
	return s + strings.Repeat(" ", max(w-displayWidth(s), 0))
}

// WriteTable writes rows as aligned columns, counting Chinese characters as
// two columns wide.
func WriteTable(w io.Writer, rows [][]string) error {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			if i == len(r)-1 {
				b.WriteString(c)
				break
			}
			b.WriteString(pad(c, widths[i]+2))
		}
		if _, err := fmt.Fprintln(w, strings.TrimRight(b.String(), " ")); err != nil {
			return err
		}
	}
	return nil
}

// VerdictTable returns the terminal summary of verdicts: a header and a row
// per target.
func VerdictTable(vs []sim.Verdict) [][]string {
	rows := [][]string{{"indicator 指标", "year", "target", "base", "projected", "met", "first met", "status"}}
	for _, v := range vs {
		d := v.Indicator.Decimals
		f := func(x float64) string {
			if x != x {
				return "-"
			}
			return fmt.Sprintf("%.*f", d, x)
		}
		met, first := metText(v, "YES", "no", "?"), firstText(v, "-")
		name := v.Indicator.NameZH
		if r := []rune(name); len(r) > 18 {
			name = string(r[:17]) + "…"
		}
		rows = append(rows, []string{
			name, fmt.Sprint(v.Target.Year), v.Target.Comparison.String() + " " + formatValue(v.Target.Value),
			f(v.Base), f(v.Projected), met, first, v.Status.String(),
		})
	}
	return rows
}

// Counts tallies verdicts by status.
type Counts struct {
	ModelledMet, ModelledMissed   int
	ScheduledMet, ScheduledMissed int
	NoData                        int
}

// Tally counts verdicts met and missed, separately for modelled and
// scheduled indicators, and those without data.
func Tally(vs []sim.Verdict) Counts {
	var c Counts
	for _, v := range vs {
		switch {
		case v.Status == sim.NoData:
			c.NoData++
		case v.Status == sim.Modelled && v.Met:
			c.ModelledMet++
		case v.Status == sim.Modelled:
			c.ModelledMissed++
		case v.Met:
			c.ScheduledMet++
		default:
			c.ScheduledMissed++
		}
	}
	return c
}

// String summarises the counts in one sentence.
func (c Counts) String() string {
	return fmt.Sprintf("modelled targets: %d met, %d missed; scheduled (carried trends, not modelled): %d met, %d missed; %d without data",
		c.ModelledMet, c.ModelledMissed, c.ScheduledMet, c.ScheduledMissed, c.NoData)
}

// metText says whether a verdict's target is met, in the caller's words.
func metText(v sim.Verdict, yes, no, none string) string {
	switch {
	case v.Status == sim.NoData:
		return none
	case v.Met:
		return yes
	}
	return no
}

// firstText is the first year a verdict's target is met, or none.
func firstText(v sim.Verdict, none string) string {
	if v.FirstYearMet == 0 {
		return none
	}
	return fmt.Sprint(v.FirstYearMet)
}
