# clinicsim: the two commands a newcomer needs are `make run` and `make test`.
GO      ?= go
SCENARIO ?= dadukou-2022
OUT     ?= out/$(SCENARIO)

.PHONY: run serve test e2e fuzz bench build vet clean slurm-test

## run: project the default scenario; writes $(OUT)/ (charts, report, CSV)
run:
	$(GO) run ./cmd/clinicsim run --scenario $(SCENARIO) --out $(OUT) --force

## serve: the live what-if page on http://127.0.0.1:8080/ (Ctrl-C stops)
serve:
	$(GO) run ./cmd/clinicsim serve

## test: formatting, vet, every test, and a short fuzz of the loader
test: vet
	$(GO) test -count=1 ./...
	$(GO) test -count=1 -run '^$$' -fuzz '^FuzzLoad$$' -fuzztime 10s ./scenarios

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...

## e2e: the what-if page driven in headless Chromium (fails without one;
## .ci/run installs Debian's chromium), and the loopback load test, verbose
e2e:
	CLINICSIM_E2E=1 $(GO) test -count=1 -v -run '^(TestE2EBrowser|TestLoad)$$' ./server

## slurm-test: a sharded batch as a real 4-task Slurm job array on this machine (installs slurm-wlm and munge; needs root)
slurm-test:
	bash .ci/slurm-test.sh

## fuzz: fuzz the scenario loader for longer (FUZZTIME=5m by default)
FUZZTIME ?= 5m
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzLoad$$' -fuzztime $(FUZZTIME) ./scenarios

## bench: engine and loader benchmarks (compare runs with benchstat)
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 6 ./sim ./scenarios | tee bench.txt

build:
	$(GO) build -o bin/clinicsim ./cmd/clinicsim

clean:
	rm -rf out bin bench.txt
