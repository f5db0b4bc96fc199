# The two commands a newcomer needs: `make feeds` and `make test`.
CARGO ?= cargo
# The feedwright that `make feeds` runs (tests point it at their own build),
# built with the profile quickest to compile (Cargo.toml, `profile.feeds`).
FEEDWRIGHT ?= $(CARGO) run --quiet --profile feeds --
# No pinned clock: the build time is the clock (or SOURCE_DATE_EPOCH when the
# caller sets it), so a new article dated now is published whether or not it
# is committed, and a download without git builds too. Rebuilding gives the
# same bytes because every date a build decides is kept in the feeds it
# writes (README, "The clock").

.PHONY: feeds test test-deps corpus-check ci feeds-fresh lint fmt doc clean

## Build the sample site's feeds (articles/ -> feeds/).
feeds:
	$(FEEDWRIGHT) build

## Install what the tests drive if missing, then run every test.
test: test-deps
	$(CARGO) test --locked --all-targets
	bash scripts/fuzz.sh 2

test-deps:
	@bash scripts/test-deps.sh

## The generated-corpus round trip on 1,000 varied articles (the test uses 240).
corpus-check: test-deps
	FEEDWRIGHT_CORPUS_SIZE=1000 $(CARGO) test --locked --release --test cli varied_generated_corpus

## What CI runs (.ci/run, after installing what the tests need): formatting,
## lints, the tests, the docs, and the committed feeds being fresh.
ci: lint test doc feeds-fresh

## The committed feeds are what the committed articles produce.
feeds-fresh:
	$(FEEDWRIGHT) build --check

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --locked --all-targets -- -D warnings

fmt:
	$(CARGO) fmt

doc:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --locked --no-deps --document-private-items

clean:
	$(CARGO) clean

## Benchmarks vs Hugo and the I/O floor, and an 8.6 MB front matter -> BENCHMARKS.md (BENCH_SIZES="1000 10000" to limit).
.PHONY: bench
bench:
	bash scripts/bench.sh

.PHONY: fuzz-smoke fuzz stress
## A few seconds of each fuzz target (part of `make test`).
fuzz-smoke:
	bash scripts/fuzz.sh 2

## Each fuzz target for FUZZ_SECONDS (default 300); findings land in target/fuzz/.
FUZZ_SECONDS ?= 300
fuzz:
	bash scripts/fuzz.sh $(FUZZ_SECONDS)

## The big inputs on a release build: a 20 MB article, 2 GB through `check -`,
## and the crash test on 3,000 articles (tens of MB per feed).
stress: test-deps
	$(CARGO) test --locked --release --test cli stress -- --ignored
	FEEDWRIGHT_CRASH_ARTICLES=3000 $(CARGO) test --locked --release --test cli killed_builds

## Shell completions (bash, zsh, fish) and the man pages, under PREFIX
## (default ~/.local; `sudo make install-extras PREFIX=/usr/local` for all users).
PREFIX ?= $(HOME)/.local
MANDIR ?= $(PREFIX)/share/man
BASH_COMPLETION_DIR ?= $(PREFIX)/share/bash-completion/completions
ZSH_COMPLETION_DIR ?= $(PREFIX)/share/zsh/site-functions
FISH_COMPLETION_DIR ?= $(PREFIX)/share/fish/vendor_completions.d

.PHONY: install-extras install-completions install-man
install-extras: install-completions install-man

install-completions:
	mkdir -p "$(BASH_COMPLETION_DIR)" "$(ZSH_COMPLETION_DIR)" "$(FISH_COMPLETION_DIR)"
	$(FEEDWRIGHT) completions bash > "$(BASH_COMPLETION_DIR)/feedwright"
	$(FEEDWRIGHT) completions zsh > "$(ZSH_COMPLETION_DIR)/_feedwright"
	$(FEEDWRIGHT) completions fish > "$(FISH_COMPLETION_DIR)/feedwright.fish"

install-man:
	mkdir -p "$(MANDIR)/man1"
	$(FEEDWRIGHT) man --out "$(MANDIR)/man1"
