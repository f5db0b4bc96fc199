# The two commands a newcomer needs: `make feeds` and `make test`.
CARGO ?= cargo
# Edited entries are dated by the last commit, so `make feeds` is repeatable.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH

.PHONY: feeds test test-deps corpus-check ci lint fmt doc clean

## Build the sample site's feeds (articles/ -> feeds/).
feeds:
	$(CARGO) run --quiet --release -- build

## Install what the tests drive if missing, then run every test.
test: test-deps
	$(CARGO) test --locked --all-targets

test-deps:
	@bash scripts/test-deps.sh

## The generated-corpus round trip on 1,000 varied articles (the test uses 240).
corpus-check: test-deps
	FEEDWRIGHT_CORPUS_SIZE=1000 $(CARGO) test --locked --release --test cli varied_generated_corpus

## What CI checks on top of the tests: formatting, lints, docs.
ci: lint test doc

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --locked --all-targets -- -D warnings

fmt:
	$(CARGO) fmt

doc:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --locked --no-deps --document-private-items

clean:
	$(CARGO) clean

## Benchmarks vs Hugo and the I/O floor -> BENCHMARKS.md (BENCH_SIZES="1000 10000" to limit).
.PHONY: bench
bench:
	bash scripts/bench.sh
