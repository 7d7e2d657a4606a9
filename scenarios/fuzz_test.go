package scenarios

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"clinicsim/sim"
)

// FuzzLoad replaces one file of a valid scenario with arbitrary bytes: the
// loader must return a scenario or errors, never panic, and a scenario it
// accepts must run (or fail with an error) without panicking.
func FuzzLoad(f *testing.F) {
	base := fstest.MapFS{}
	for _, name := range []string{"dadukou-2022"} {
		src, err := FS(name)
		if err != nil {
			f.Fatal(err)
		}
		names, _ := fs.Glob(src, "*.csv")
		for i, n := range names {
			b, _ := fs.ReadFile(src, n)
			base[n] = &fstest.MapFile{Data: b}
			f.Add(uint8(i), b)
		}
	}
	f.Add(uint8(0), []byte("name,base_year,horizon\nx,2024,1990\n"))
	f.Add(uint8(1), []byte("\xEF\xBB\xBFid,parent\r\n\"a,b\",\r\n"))
	f.Add(uint8(3), []byte("key,value\nhires,1e308\n"))
	f.Add(uint8(5), []byte("region,tier,cadre,age_band,headcount\ndadukou,hospital,gp,25-24,1\n"))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		m := fstest.MapFS{}
		for k, v := range base {
			m[k] = v
		}
		names := fileNames()
		m[names[int(which)%len(names)]] = &fstest.MapFile{Data: data}
		s, err := Load(m)
		if err != nil {
			if _, ok := err.(ErrorList); !ok {
				t.Fatalf("Load returned %T, want ErrorList", err)
			}
			return
		}
		_, _ = sim.Run(s, nil)
	})
}
