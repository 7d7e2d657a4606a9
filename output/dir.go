package output

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Dir collects output files in a temporary folder beside the destination and
// moves them into place on Commit, so that a failed or interrupted run
// leaves no partial output and an existing folder is replaced only when
// asked to.
type Dir struct {
	final   string
	tmp     string
	force   bool
	discard bool // write nothing: the files' contents are thrown away
}

// discardDir is a Dir that throws away what is written to it, for drawing
// charts only into a gallery.
func discardDir() *Dir { return &Dir{discard: true} }

// NewDir prepares to write the folder final. It fails if final exists and
// is not empty, unless force is set.
func NewDir(final string, force bool) (*Dir, error) {
	final = filepath.Clean(final)
	if entries, err := os.ReadDir(final); err == nil && len(entries) > 0 && !force {
		return nil, fmt.Errorf("output: %s already exists and is not empty; choose another --out or pass --force to replace it", final)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		if st, serr := os.Stat(final); serr == nil && !st.IsDir() {
			return nil, fmt.Errorf("output: %s is a file, not a folder", final)
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("output: %w", err)
		}
	}
	parent := filepath.Dir(final)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(final)+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	return &Dir{final: final, tmp: tmp, force: force}, nil
}

// Path is the destination folder.
func (d *Dir) Path() string { return d.final }

// Write creates the file name (a slash-separated path inside the folder)
// and fills it with write.
func (d *Dir) Write(name string, write func(io.Writer) error) (err error) {
	if d.discard {
		if err := write(io.Discard); err != nil {
			return fmt.Errorf("output: %s: %w", name, err)
		}
		return nil
	}
	p := filepath.Join(d.tmp, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	f, err := os.Create(p)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("output: %s: %w", name, cerr)
		}
	}()
	if err := write(f); err != nil {
		return fmt.Errorf("output: %s: %w", name, err)
	}
	return nil
}

// Commit moves the written files into place, replacing an existing folder
// (only possible with force).
func (d *Dir) Commit() error {
	var old string
	if _, err := os.Stat(d.final); err == nil {
		if !d.force {
			if entries, _ := os.ReadDir(d.final); len(entries) > 0 {
				d.Abort()
				return fmt.Errorf("output: %s appeared while writing; not replacing it without --force", d.final)
			}
		}
		old = d.tmp + ".old"
		if err := os.Rename(d.final, old); err != nil {
			d.Abort()
			return fmt.Errorf("output: %w", err)
		}
	}
	if err := os.Rename(d.tmp, d.final); err != nil {
		if old != "" {
			_ = os.Rename(old, d.final)
		}
		d.Abort()
		return fmt.Errorf("output: %w", err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("output: removing the replaced folder: %w", err)
		}
	}
	return nil
}

// Abort removes everything written so far.
func (d *Dir) Abort() { _ = os.RemoveAll(d.tmp) }
