package scenarios

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"clinicsim/sim"
)

//go:embed data
var shipped embed.FS

// Default is the scenario run when none is named.
const Default = "dadukou-2022"

// Shipped returns the names of the scenarios embedded in the binary.
func Shipped() []string {
	entries, err := fs.ReadDir(shipped, "data")
	if err != nil {
		panic(err) // the embedded folder is part of the build
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	slices.Sort(out)
	return out
}

// FS returns the files of a shipped scenario.
func FS(name string) (fs.FS, error) {
	if !slices.Contains(Shipped(), name) {
		return nil, fmt.Errorf("scenarios: no shipped scenario %q; shipped: %s", name, strings.Join(Shipped(), ", "))
	}
	return fs.Sub(shipped, "data/"+name)
}

// Open loads a shipped scenario by name, or else the scenario folder at
// that path. It also returns a label for the scenario's source.
func Open(nameOrDir string) (*sim.Scenario, string, error) {
	if slices.Contains(Shipped(), nameOrDir) {
		fsys, _ := FS(nameOrDir)
		s, err := Load(fsys)
		return s, "shipped:" + nameOrDir, err
	}
	if _, err := os.Stat(nameOrDir); err != nil {
		return nil, "", fmt.Errorf("scenarios: %q is neither a shipped scenario (%s) nor a folder", nameOrDir, strings.Join(Shipped(), ", "))
	}
	s, err := LoadDir(nameOrDir)
	return s, filepath.Clean(nameOrDir), err
}
