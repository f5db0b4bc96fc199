#!/usr/bin/env bash
# Coverage-guided fuzzing with cargo-fuzz (needs a nightly toolchain and
# `cargo install cargo-fuzz`):
#   scripts/fuzz-libfuzzer.sh SECONDS [TARGET...]   targets: front-matter html build check
# New inputs go to target/lf/TARGET; at the end the corpus is minimised
# (libFuzzer -merge=1) back into fuzz/corpus/TARGET, which the stable driver
# (`make test`'s smoke run) replays.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-120}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(front-matter html build check)
bin() { case "$1" in front-matter) echo front_matter ;; build) echo whole_build ;; *) echo "$1" ;; esac; }
for target in "${targets[@]}"; do
  work="../target/lf/$target"
  mkdir -p "$work"
  cargo +nightly fuzz run -O "$(bin "$target")" "$work" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 2>&1 \
    | grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|==[0-9]+==|SUMMARY|Done)' || true
  minimised="$(mktemp -d)"
  cargo +nightly fuzz run -O "$(bin "$target")" "$minimised" "corpus/$target" "$work" -- -merge=1 >/dev/null 2>&1
  rm -rf "corpus/$target" && mv "$minimised" "corpus/$target"
  echo "$target: corpus of $(ls "corpus/$target" | wc -l) inputs"
done
