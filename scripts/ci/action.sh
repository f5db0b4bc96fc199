#!/usr/bin/env bash
# The logic of the feedwright GitHub Action (action.yml), kept here so that
# tests run exactly what a workflow runs (tests/cli/ci_integrations.rs).
#
#   action.sh key     print `key=…` (the feedwright version and a hash of its
#                     source, for the binary's cache) to $GITHUB_OUTPUT
#   action.sh run     run the command; annotate; write the outputs
#
# `run` reads its inputs from the environment (action.yml sets them):
#   FEEDWRIGHT_COMMAND  `build` (default), `build --check` or `check`
#   FEEDWRIGHT_SITE     the site folder, with feedwright.toml (default `.`)
#   FEEDWRIGHT_ARGS     more arguments, split on spaces (`build` runs in the
#                       site folder: paths in them are relative to it); for
#                       `check`, the feeds or folders to check, from the
#                       repository root (default: <site>/feeds)
#   FEEDWRIGHT_SARIF    a file to write the findings to as SARIF 2.1.0 (optional)
#   FEEDWRIGHT          the feedwright to run (default: `feedwright` on PATH)
# and writes to $GITHUB_OUTPUT (when set): status, exit-code, added, changed,
# removed (JSON arrays of {id, title, url}, each entry once across feeds),
# added-count, changed-count, removed-count, report (the JSON report's path).
# Annotations (`::error file=…,line=…::…`) go to stdout, where the runner
# reads workflow commands. The exit code is feedwright's.
set -uo pipefail

die() {
  echo "::error title=feedwright action::$*"
  exit 2
}

# The action's own source, whose version and contents name the cached binary.
source_key() {
  local root version digest
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -n 1)"
  [ -n "$version" ] || die "no version in $root/Cargo.toml"
  # Two checkouts of one release share a version; a branch (`@main`) moves
  # on without one: the hash of the source tells them apart.
  digest="$( (cd "$root" && find Cargo.toml Cargo.lock src -type f | LC_ALL=C sort | xargs cat) \
    | { sha256sum 2>/dev/null || shasum -a 256; } | cut -c1-16)"
  output key "$version-$digest"
}

output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
  fi
}

# jq program: the JSON report's diagnostics (and, with `--check`, its stale
# feeds) as workflow commands, escaped as
# the runner unescapes them (actions/toolkit command.ts), the same lines as
# `feedwright build --report github` (a test compares them). Files in the
# report are relative to the site folder; annotations want them relative to
# the repository root, where the step runs.
readonly ANNOTATE='
  def data: gsub("%"; "%25") | gsub("\r"; "%0D") | gsub("\n"; "%0A");
  def prop: data | gsub(":"; "%3A") | gsub(","; "%2C");
  ( .diagnostics[]
  | ({error: "error", warning: "warning", note: "notice"}[.severity]) as $level
  | ([ (if .file then "file=" + (($site + "/" + .file) | ltrimstr("./") | prop) else empty end),
       (if .file and .line then "line=\(.line)" else empty end),
       (if .file and .column then "col=\(.column)" else empty end),
       "title=" + ((.code // "feedwright") | prop) ] | join(",")) as $props
  | "::\($level) \($props)::" + ((.message + (if .hint then "\nhelp: " + .hint else "" end)) | data) ),
  ( .feeds[] | select(.status == "stale")
  | "::error file=" + (($site + "/" + .file) | ltrimstr("./") | prop) + ",title=stale-feed::"
    + ("\(.file) is out of date: \(.added | length) added, \(.changed | length) changed, \(.removed | length) removed"
       + (if .other_changes then "; other content differs" else "" end)
       + "\nhelp: run `feedwright build` and commit the feeds" | data) )'

# jq program: one kind of change (added, changed, removed) over every feed,
# each entry once, in the order the feeds list them.
readonly CHANGES='
  reduce ([.feeds[][$kind][]] | .[]) as $e ([]; if any(.[]; .id == $e.id) then . else . + [$e] end)'

run_build() {
  local report="$1" status
  local args=(build)
  [ "$command" = "build --check" ] && args+=(--check)
  # In the site folder, every file in the report (the configuration's too)
  # is named from it; the annotations add the site folder in front.
  (cd "$site" && "$feedwright" "${args[@]}" "${extra[@]}" --report json) >"$report"
  status=$?
  if ! jq -e . "$report" >/dev/null 2>&1; then
    echo "::error title=feedwright::feedwright ${args[*]} ${extra[*]} exited $status without a report"
    output status failed
    output exit-code "$status"
    return "$status"
  fi
  jq -r --arg site "$site" "$ANNOTATE" "$report"
  output status "$(jq -r .status "$report")"
  output exit-code "$status"
  output report "$report"
  local kind list
  for kind in added changed removed; do
    list="$(jq -c --arg kind "$kind" "$CHANGES" "$report")"
    output "$kind" "$list"
    output "$kind-count" "$(jq length <<<"$list")"
  done
  if [ -n "${FEEDWRIGHT_SARIF:-}" ]; then
    # A second pass that writes nothing (`--check`): the same articles,
    # the same clock (SOURCE_DATE_EPOCH is pinned above), the same findings.
    # Its files are relative to the site folder; code scanning wants them
    # relative to the repository root.
    (cd "$site" && "$feedwright" "${args[@]}" "${extra[@]}" --check --report sarif 2>/dev/null) \
      | jq --arg site "$site" '(.runs[].results[].locations[]?.physicalLocation.artifactLocation.uri)
          |= (($site + "/" + .) | ltrimstr("./"))' >"$FEEDWRIGHT_SARIF"
  fi
  return "$status"
}

run_check() {
  local status
  [ ${#extra[@]} -gt 0 ] || extra=("$site/feeds")
  "$feedwright" check --format github "${extra[@]}"
  status=$?
  output status "$([ "$status" -eq 0 ] && echo ok || echo failed)"
  output exit-code "$status"
  local kind
  for kind in added changed removed; do
    output "$kind" "[]"
    output "$kind-count" 0
  done
  if [ -n "${FEEDWRIGHT_SARIF:-}" ]; then
    "$feedwright" check --format sarif "${extra[@]}" >"$FEEDWRIGHT_SARIF" 2>/dev/null
  fi
  return "$status"
}

case "${1:-}" in
  key)
    source_key
    exit 0
    ;;
  run) ;;
  *)
    echo "usage: $0 key|run (see the comment at the top)" >&2
    exit 2
    ;;
esac

command="${FEEDWRIGHT_COMMAND:-build}"
site="${FEEDWRIGHT_SITE:-.}"
site="${site%/}"
[ -n "$site" ] || site=/
feedwright="${FEEDWRIGHT:-feedwright}"
read -r -a extra <<<"${FEEDWRIGHT_ARGS:-}"
command -v "$feedwright" >/dev/null 2>&1 || die "\`$feedwright\` is not installed (the action's install step puts it on PATH)"
command -v jq >/dev/null 2>&1 || die "the action needs jq (GitHub's runners have it; on your own runner: apt-get install jq)"
[ -f "$site/feedwright.toml" ] || [ "$command" = check ] || die "no feedwright.toml in \`$site\` (the \`site\` input)"
# One "now" for every pass over the site (README, "The clock"): the time the
# step started, unless the workflow set SOURCE_DATE_EPOCH itself. It is
# still the real time, so future-dated articles come out on schedule.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(date +%s)}"

case "$command" in
  build | "build --check")
    case "${FEEDWRIGHT_SARIF:-}" in
      "" | /*) ;;
      *) FEEDWRIGHT_SARIF="$PWD/$FEEDWRIGHT_SARIF" ;;
    esac
    report="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/feedwright-report.json"
    run_build "$report"
    ;;
  check) run_check ;;
  *) die "unknown command \`$command\`: use build, build --check or check" ;;
esac
