package sim

import (
	"context"
	"fmt"
	"runtime"
	"sync"
)

// Variant is a policy option: parameter overrides layered on the scenario.
// Overrides already include those of the variant it builds on.
type Variant struct {
	Name        string
	Base        string
	Description string
	Overrides   []Param
}

// BatchSettings configures Batch.
type BatchSettings struct {
	Draws   int // 0: deterministic runs; otherwise Monte Carlo draws per variant
	Seed    uint64
	Workers int
	// Progress, if set, is called after each variant with the number done.
	Progress func(done int)
}

// VariantResult is one variant's run.
type VariantResult struct {
	Variant Variant
	Result  *Result
	MC      *MCResult // with draws
}

// Batch runs every variant, in parallel, and returns the results in the
// variants' order; they do not depend on the number of workers (with
// draws, each variant's Monte Carlo uses the same seed, so variants are
// compared on common random numbers). It stops early with ctx's error when
// ctx is cancelled.
func Batch(ctx context.Context, s *Scenario, vs []Variant, set BatchSettings) ([]VariantResult, error) {
	workers := set.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// Deterministic runs share the parameter tables no variant touches.
	pr, err := prepare(s)
	if err != nil {
		return nil, err
	}
	if set.Draws == 0 {
		_, built, err := pr.run(s, nil)
		if err != nil {
			return nil, err
		}
		pr.shared = built
	}
	out := make([]VariantResult, len(vs))
	errs := make([]error, len(vs))
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	inner := 1
	if set.Draws > 0 {
		// Parallelism goes inside each Monte Carlo run instead.
		inner, workers = workers, 1
	}
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				v := vs[i]
				out[i].Variant = v
				if set.Draws > 0 {
					mc, err := MonteCarlo(s, MCSettings{Draws: set.Draws, Seed: set.Seed, Workers: inner, Overrides: v.Overrides})
					if err == nil {
						out[i].MC, out[i].Result = mc, mc.Baseline
					}
					errs[i] = err
				} else {
					out[i].Result, _, errs[i] = pr.run(s, &Settings{Overrides: v.Overrides})
				}
				if errs[i] != nil {
					errs[i] = fmt.Errorf("variant %s: %w", v.Name, errs[i])
				}
				mu.Lock()
				done++
				if set.Progress != nil {
					set.Progress(done)
				}
				mu.Unlock()
			}
		}()
	}
feed:
	for i := range vs {
		select {
		case <-ctx.Done():
			break feed
		case jobs <- i:
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("sim: batch: %w", err)
		}
	}
	return out, nil
}
