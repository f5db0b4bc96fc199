#!/usr/bin/env bash
# Runs the stable fuzz targets (examples/fuzz-targets.rs) on a release build.
#   scripts/fuzz.sh SECONDS [TARGET...]    default: all four targets
# `make test` runs a few seconds of each (the smoke run); `make fuzz` runs
# minutes. Prints one `fuzz:` summary line per target; exits 1 on a finding
# (the input is saved under target/fuzz/TARGET/).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-3}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(front-matter html build check)
cargo build --quiet --release --locked --example fuzz-targets
status=0
for target in "${targets[@]}"; do
  # feedwright's own messages (stderr) and check reports (stdout) are noise here.
  if ! ./target/release/examples/fuzz-targets "$target" --seconds "$seconds" --seed "${FUZZ_SEED:-1}" 2>/dev/null \
      | grep '^fuzz:'; then
    status=1
  fi
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done
exit $status
