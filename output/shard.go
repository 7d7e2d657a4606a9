package output

import (
	"encoding/gob"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"clinicsim/sim"
)

// ShardFile is the file a batch shard writes into its folder.
const ShardFile = "shard.gob"

// Shard is what one shard of a batch computed: the results of the variants
// whose index i satisfies i mod Of == Index-1.
type Shard struct {
	Scenario   string // the --scenario argument, to reopen at merge
	Variants   string // the --variants argument
	Index, Of  int
	Total      int // variants in the whole batch
	Draws      int
	Seed       uint64
	AllRegions bool
	Indexes    []int
	Results    []sim.VariantResult
}

// Owns reports whether shard index k of n (1-based) computes variant i.
func Owns(k, n, i int) bool { return i%n == k-1 }

// WriteShard writes a shard's results.
func WriteShard(w io.Writer, sh *Shard) error { return gob.NewEncoder(w).Encode(sh) }

// ReadShards reads the shard files in the given folders and checks that
// together they hold every variant exactly once, from one batch.
func ReadShards(dirs []string) ([]*Shard, []sim.VariantResult, error) {
	var shards []*Shard
	for _, d := range dirs {
		f, err := os.Open(filepath.Join(d, ShardFile))
		if err != nil {
			return nil, nil, fmt.Errorf("output: %w", err)
		}
		var sh Shard
		err = gob.NewDecoder(f).Decode(&sh)
		f.Close()
		if err != nil {
			return nil, nil, fmt.Errorf("output: %s: not a clinicsim shard: %w", d, err)
		}
		shards = append(shards, &sh)
	}
	if len(shards) == 0 {
		return nil, nil, fmt.Errorf("output: no shard folders")
	}
	first := shards[0]
	seenShard := map[int]string{}
	byIndex := map[int]sim.VariantResult{}
	for i, sh := range shards {
		if sh.Scenario != first.Scenario || sh.Variants != first.Variants || sh.Of != first.Of || sh.Total != first.Total ||
			sh.Draws != first.Draws || sh.Seed != first.Seed || sh.AllRegions != first.AllRegions {
			return nil, nil, fmt.Errorf("output: %s comes from another batch than %s", dirs[i], dirs[0])
		}
		if prev, dup := seenShard[sh.Index]; dup {
			return nil, nil, fmt.Errorf("output: %s and %s are both shard %d/%d", prev, dirs[i], sh.Index, sh.Of)
		}
		seenShard[sh.Index] = dirs[i]
		for j, idx := range sh.Indexes {
			byIndex[idx] = sh.Results[j]
		}
	}
	if len(seenShard) != first.Of {
		var missing []int
		for k := 1; k <= first.Of; k++ {
			if _, ok := seenShard[k]; !ok {
				missing = append(missing, k)
			}
		}
		return nil, nil, fmt.Errorf("output: shards %v of %d are missing", missing, first.Of)
	}
	idx := make([]int, 0, len(byIndex))
	for i := range byIndex {
		idx = append(idx, i)
	}
	sort.Ints(idx)
	if len(idx) != first.Total {
		return nil, nil, fmt.Errorf("output: the shards hold %d of %d variants", len(idx), first.Total)
	}
	rs := make([]sim.VariantResult, len(idx))
	for k, i := range idx {
		rs[k] = byIndex[i]
	}
	return shards, rs, nil
}
