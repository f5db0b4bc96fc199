#!/usr/bin/env bash
# `make bench`: whole-process timings of feedwright next to the I/O floor
# (`cat` of every input file) and a peer (Hugo building an RSS feed with full
# content of the same corpus), at 1,000, 10,000 and 100,000 articles.
# Regenerates BENCHMARKS.md.
#
# Environment:
#   BENCH_SIZES="1000 10000 100000"  corpus sizes (articles)
#   BENCH_HUGO_MAX=10000             largest size Hugo is run at (Hugo at 100k takes minutes)
#   BENCH_CHECK_MAX=10000            largest size whose full-archive feeds are checked
#                                    (the atom.xml at 10,000 articles is ~90 MB; at 100k ~900 MB)
#   BENCH_BUDGET=30                  seconds of timed runs per command: after one warm-up run,
#                                    runs = BENCH_BUDGET / its time, between 2 and 10
#   BENCH_RUNS=N                     timed runs per command, whatever they take
#   BENCH_DIR=target/bench           work folder: corpora, sites, outputs, logs (reused)
#   BENCH_OUT=BENCHMARKS.md          the report written
#   BENCH_REV=HEAD                   measure a clean export of this commit, not the working tree
#
# Every command is run once to warm up (after its --prepare), then timed by
# hyperfine (warm page cache, median of the runs) under `/usr/bin/time -v` in
# the same runs, so the peak memory reported is the largest "Maximum resident
# set size" of those runs.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
SIZES=${BENCH_SIZES:-"1000 10000 100000"}
HUGO_MAX=${BENCH_HUGO_MAX:-10000}
CHECK_MAX=${BENCH_CHECK_MAX:-10000}
WORK=${BENCH_DIR:-$ROOT/target/bench}
OUT_MD=${BENCH_OUT:-$ROOT/BENCHMARKS.md}
SCHEMA=$ROOT/tests/fixtures/schemas/atom.rng
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
LOG=$WORK/logs
RES=$WORK/results
mkdir -p "$LOG" "$RES"
started=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

say() { printf '\n==> %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 2; }

# ---------------------------------------------------------------- tools
missing=()
command -v hugo >/dev/null || missing+=(hugo)
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v xmllint >/dev/null || missing+=(libxml2-utils)
[ -x /usr/bin/time ] || missing+=(time)
if ((${#missing[@]})); then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "installing ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
    else
        die "missing ${missing[*]}; install them as root with:
    apt-get update && apt-get install -y ${missing[*]}"
    fi
fi
command -v cargo >/dev/null ||
    die "cargo not found: install Rust (https://rustup.rs), then rerun make bench"

# The working tree by default; BENCH_REV=HEAD (or any commit) builds a clean
# export of that commit instead, so uncommitted edits are not measured.
SRC=$ROOT
TARGET=$ROOT/target
if [ -n "${BENCH_REV:-}" ]; then
    sha=$(git rev-parse --verify "$BENCH_REV^{commit}") || die "BENCH_REV: no commit $BENCH_REV"
    SRC=$WORK/src-${sha:0:12}
    TARGET=$WORK/cargo-target
    if [ ! -f "$SRC/Cargo.toml" ]; then
        say "exporting $BENCH_REV (${sha:0:12}) to $SRC"
        rm -rf "$SRC" && mkdir -p "$SRC"
        git archive "$sha" | tar -x -C "$SRC"
    fi
fi
say "building feedwright and the corpus generator (release, $SRC)"
(cd "$SRC" && CARGO_TARGET_DIR=$TARGET cargo build --release --locked --quiet \
    --bin feedwright --example gen-corpus)
FW=$TARGET/release/feedwright
GEN=$TARGET/release/examples/gen-corpus
[ -x "$FW" ] && [ -x "$GEN" ] || die "release build did not produce $FW and $GEN"

# ---------------------------------------------------------------- fixed inputs
# Two site configurations (the site folder is the folder the file is in).
write_site() { # DIR ENTRIES
    mkdir -p "$1"
    cat >"$1/feedwright.toml" <<EOF
# Written by scripts/bench.sh.
[site]
title = "Bench News"
url = "https://news.example.com/"
description = "feedwright benchmark corpus"
language = "en-US"
permalink = "/{year}/{month}/{slug}/"
author = { name = "Bench Newsroom", email = "newsroom@news.example.com" }

[feeds]
formats = ["rss", "atom", "json"]
entries = $2
content = "full"
EOF
}
write_site "$WORK/site-all" '"all"'
write_site "$WORK/site-20" 20

# The article added by the "+1 article" rebuilds: a generated article from
# another seed, dated after every article of the corpora (2019-2025), so it
# enters the latest-20 feed too.
EXTRA_NAME=2026-01-02-bench-extra-article.md
EXTRA=$WORK/extra/$EXTRA_NAME
if [ ! -f "$EXTRA" ]; then
    rm -rf "$WORK/extra-gen"
    "$GEN" 1 "$WORK/extra-gen" --seed 424242 >/dev/null
    mkdir -p "$WORK/extra"
    sed '0,/^date:.*/s//date: 2026-01-02T09:30:00Z/' "$WORK/extra-gen"/*.md >"$EXTRA"
    rm -rf "$WORK/extra-gen"
fi

# Never leave the extra article in a corpus, whatever happens.
CURRENT_CORPUS=
cleanup_extra() { [ -z "$CURRENT_CORPUS" ] || rm -f "$CURRENT_CORPUS/$EXTRA_NAME"; }
trap cleanup_extra EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- helpers
BUDGET=${BENCH_BUDGET:-30}
# runs_for MILLISECONDS: how many timed runs fit the budget (2..10)
runs_for() {
    if [ -n "${BENCH_RUNS:-}" ]; then echo "$BENCH_RUNS"; return; fi
    awk -v t="$1" -v b="$BUDGET" 'BEGIN { r = int(b * 1000 / (t > 0 ? t : 1))
        print (r < 2 ? 2 : r > 10 ? 10 : r) }'
}

# bench N KEY LABEL COMMAND [PREPARE] [CLEANUP]
# Times COMMAND with hyperfine and records median, mean, stddev, min, max,
# runs, peak RSS and exit status in $RES/N.tsv. A command that fails (non-zero
# exit) is still timed; its status is reported.
bench() {
    local n=$1 key=$2 label=$3 cmd=$4 prepare=${5:-} cleanup=${6:-}
    local mem=$RES/$n-$key.time csv=$RES/$n-$key.csv runs t0 t1
    rm -f "$mem" "$csv"
    say "[$n] $label"
    printf '%s\n' "$cmd" >&2
    # warm-up run, whose time sets the number of timed runs
    [ -z "$prepare" ] || sh -c "$prepare"
    t0=$(date +%s%N)
    sh -c "$cmd" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    runs=$(runs_for $(((t1 - t0) / 1000000)))
    local args=(--style basic --runs "$runs" --ignore-failure --export-csv "$csv" -n "$key")
    [ -z "$prepare" ] || args+=(--prepare "$prepare")
    [ -z "$cleanup" ] || args+=(--cleanup "$cleanup")
    hyperfine "${args[@]}" "/usr/bin/time -v -a -o $mem $cmd" 2>&1 |
        tee -a "$LOG/hyperfine-$n.log" >&2
    local stats peak status
    stats=$(awk -F, 'NR == 2 { printf "%s\t%s\t%s\t%s\t%s", $4, $2, $3, $7, $8 }' "$csv")
    peak=$(awk -F': ' '/Maximum resident set size/ { if ($2 + 0 > m) m = $2 + 0 } END { print m + 0 }' "$mem")
    status=$(awk -F': ' '/Exit status/ { if ($2 + 0 != 0) s = $2 + 0 } END { print s + 0 }' "$mem")
    # key median mean stddev min max runs peak_kb status label command
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$key" "$stats" "$runs" "$peak" "$status" "$label" "$cmd" \
        >>"$RES/$n.tsv"
}

# field N KEY COLUMN: a column of a recorded result (2 median .. 9 status).
field() { awk -F'\t' -v k="$2" -v c="$3" '$1 == k { v = $c } END { print v }' "$RES/$1.tsv"; }

# stage timings: `build --timings` lines "timing: NAME   X ms" -> "NAME\tX"
timings() { # FILE-OUT COMMAND...
    local out=$1; shift
    "$@" --timings 2>&1 >/dev/null |
        sed -n 's/^timing: \(.*[^ ]\)  *\([0-9][0-9.]*\) ms$/\1\t\2/p' >"$out"
}

bytes_of() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }

# ---------------------------------------------------------------- per size
for N in $SIZES; do
    case $N in '' | *[!0-9]*) die "BENCH_SIZES: not a number: $N" ;; esac
    rm -f "$RES/$N.tsv" "$RES/$N"-*
    : >"$LOG/hyperfine-$N.log"
    C=$WORK/corpus-$N
    stamp=$WORK/corpus-$N.ok
    want="$N $(cksum <"$SRC/examples/gen-corpus.rs")"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
        say "[$N] generating the corpus in $C"
        rm -rf "$C" "$stamp"
        "$GEN" "$N" "$C" >&2
        printf '%s\n' "$want" >"$stamp"
    else
        say "[$N] reusing the corpus in $C"
    fi
    rm -f "$C/$EXTRA_NAME"
    CURRENT_CORPUS=$C
    files=$(find "$C" -type f | wc -l)
    [ "$files" = "$N" ] || die "$C holds $files files, expected $N (remove it to regenerate)"
    printf '%s\t%s\n' "$files" "$(bytes_of "$C")" >"$RES/$N-corpus"

    OA=$WORK/out-$N-all
    O20=$WORK/out-$N-20
    BA="$FW build --quiet --config $WORK/site-all/feedwright.toml --articles $C --out $OA"
    B20="$FW build --quiet --config $WORK/site-20/feedwright.toml --articles $C --out $O20"

    # I/O floor
    bench "$N" cat "cat of all input files (I/O floor)" "find $C -type f -exec cat {} +"

    # Builds from scratch (no published feeds in the output folder).
    bench "$N" fw_all "feedwright full-archive build" "$BA" "rm -rf $OA"
    bench "$N" fw_20 "feedwright latest-20 build" "$B20" "rm -rf $O20"

    # No-change rebuilds (the feeds from the last run are in place).
    $BA && $B20
    bench "$N" fw_all_same "feedwright no-change rebuild, full archive" "$BA"
    bench "$N" fw_20_same "feedwright no-change rebuild, latest-20" "$B20"

    # +1 article: each run starts from the site and output folders as a
    # build without the article left them (restored from a copy), then the
    # article is copied in. The cleanup takes it out and restores the folders.
    cp "$EXTRA" "$C/" && $B20 && rm -f "$C/$EXTRA_NAME"
    grep -q 'bench-extra-article' "$O20/rss.xml" ||
        die "the extra article did not enter the latest-20 feed"
    for cfg in all 20; do
        if [ $cfg = all ]; then b=$BA; o=$OA; lbl="full archive"; else b=$B20; o=$O20; lbl="latest-20"; fi
        s=$WORK/site-$cfg
        $b
        rm -rf "$o.base" "$s.base" && cp -a "$o" "$o.base" && cp -a "$s" "$s.base"
        restore="rm -f $C/$EXTRA_NAME && rm -rf $o $s && cp -a $o.base $o && cp -a $s.base $s"
        bench "$N" "fw_${cfg}_add1" "feedwright rebuild after adding one article, $lbl" "$b" \
            "$restore && cp $EXTRA $C/" "$restore"
        rm -rf "$o.base" "$s.base"
    done
    rm -f "$C/$EXTRA_NAME"

    # Where the time goes: one --timings run per build kind.
    rm -rf "$OA" "$O20"
    timings "$RES/$N-stages-all" $BA
    timings "$RES/$N-stages-all_same" $BA
    timings "$RES/$N-stages-20" $B20
    timings "$RES/$N-stages-20_same" $B20

    # Hugo: RSS of the home page only, with every article's full .Content.
    if [ "$N" -le "$HUGO_MAX" ]; then
        H=$WORK/hugo-$N
        rm -rf "$H/layouts" "$H/content" "$H/public-all" "$H/public-20"
        mkdir -p "$H/content"
        cp -r "$ROOT/bench/hugo/." "$H/"
        ln -s "$C" "$H/content/posts"
        HA="hugo --quiet --source $H --destination $H/public-all"
        H20="hugo --quiet --source $H --config $H/hugo.toml,$H/latest20.toml --destination $H/public-20"
        bench "$N" hugo_all "Hugo full-archive RSS" "$HA" "rm -rf $H/public-all"
        bench "$N" hugo_20 "Hugo latest-20 RSS" "$H20" "rm -rf $H/public-20"
        # Fairness: the same items, each with its full content.
        for cfg in all 20; do
            if [ $cfg = all ]; then want_items=$N; fwo=$OA; else want_items=20; fwo=$O20; fi
            hf=$H/public-$cfg/index.xml
            [ -f "$hf" ] || die "Hugo wrote no $hf"
            # items, paragraphs, bytes for Hugo (HTML escaped) and feedwright's rss.xml
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$want_items" \
                "$(grep -o "<item>" "$hf" | wc -l)" "$(grep -o '&lt;/p&gt;' "$hf" | wc -l)" "$(bytes_of "$hf")" \
                "$(grep -o "<item>" "$fwo/rss.xml" | wc -l)" "$(grep -o '</p>' "$fwo/rss.xml" | wc -l)" \
                "$(bytes_of "$fwo/rss.xml")" >"$RES/$N-hugo-$cfg"
        done
    fi

    # check on the full-archive feeds vs xmllint's RELAX NG validation.
    if [ "$N" -le "$CHECK_MAX" ]; then
        bytes_of "$OA/atom.xml" >"$RES/$N-atom-bytes"
        bytes_of "$OA/rss.xml" >"$RES/$N-rss-bytes"
        bench "$N" check_atom "feedwright check atom.xml" "$FW check $OA/atom.xml"
        bench "$N" check_rss "feedwright check rss.xml" "$FW check $OA/rss.xml"
        bench "$N" xmllint "xmllint --relaxng atom.rng, atom.xml" \
            "xmllint --noout --relaxng $SCHEMA $OA/atom.xml"
    fi
    CURRENT_CORPUS=
done
elapsed=$(($(date +%s) - started))
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- report
say "writing $OUT_MD"
# ratio A B -> A/B with 3 significant-ish digits, or "-" if either is missing
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "-";
    else { r = a / b; if (r >= 10) printf "%.1f", r; else if (r >= 0.1) printf "%.2f", r; else printf "%.3f", r } }'; }
secs() { awk -v s="$1" 'BEGIN { if (s == "") print "-"; else if (s < 1) printf "%.1f ms", s * 1000;
    else printf "%.2f s", s }'; }
mem() { awk -v k="$1" 'BEGIN { if (k == "" || k == 0) print "-"; else if (k < 1024) printf "%d KB", k;
    else printf "%.0f MB", k / 1024 }'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "-"; else printf "%.1f%%", 100 * a / b }'; }
# met VALUE LIMIT: "met" if VALUE <= LIMIT
met() { awk -v v="$1" -v l="$2" 'BEGIN { if (v == "" || l == "" || v == "-") print "not measured";
    else if (v + 0 <= l + 0) print "**met**"; else print "**not met**" }'; }
thousands() { printf '%s' "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
memtotal=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
os=$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-unknown}")
if [ -n "${BENCH_REV:-}" ]; then
    rev="commit ${sha:0:12} ($(git log -1 --format=%s "$sha" | cut -c1-72))"
else
    rev="working tree at $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    dirty=$(git status --porcelain -- src Cargo.toml Cargo.lock 2>/dev/null | head -1)
    [ -z "$dirty" ] || rev="$rev + uncommitted changes in src/"
fi
hugo_v=$(hugo version 2>/dev/null | head -1)
hyper_v=$(hyperfine --version)
xmllint_v=$(xmllint --version 2>&1 | head -1)
rustc_v=$(rustc --version 2>/dev/null || echo unknown)

{
    echo "# Benchmarks"
    echo
    echo "Generated by \`make bench\` ([scripts/bench.sh](scripts/bench.sh)) — do not edit by hand;"
    echo "rerun it when a change could move these figures. Every figure is the median wall time"
    echo "of whole processes (1 warm-up run, then hyperfine; warm page cache) with its ratio to the"
    echo "I/O floor and to Hugo measured in the same run, so the ratios hold on other machines."
    echo
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); the run took $((elapsed / 60)) min $((elapsed % 60)) s"
    echo "- Machine: $(nproc) cores ($cpu), $memtotal memory, $os, Linux $(uname -r);"
    echo "  load average before the run $load_before, after it $load_after"
    echo "- feedwright $rev ($rustc_v, \`cargo build --release\`)"
    echo "- $hugo_v"
    echo "- $hyper_v; $xmllint_v; GNU time"
    echo "- Sizes: $SIZES articles; Hugo at sizes up to $HUGO_MAX; \`check\` at sizes up to $CHECK_MAX"
    echo
    echo "## Targets"
    echo
    echo "| target | measured | |"
    echo "|---|---|---|"
    for n in 10000; do
        [ -f "$RES/$n.tsv" ] && [ -n "$(field $n hugo_all 2)" ] || continue
        r=$(ratio "$(field $n fw_all 2)" "$(field $n hugo_all 2)")
        echo "| full-archive build at $(thousands $n): ≥ 10× faster than Hugo (feedwright / Hugo ≤ 0.1) | $(secs "$(field $n fw_all 2)") vs Hugo $(secs "$(field $n hugo_all 2)"): feedwright / Hugo = $r | $(met "$r" 0.1) |"
    done
    big=$(for n in $SIZES; do echo "$n"; done | sort -n | tail -1)
    hugo_ref=$(for n in $SIZES; do [ "$n" -le "$HUGO_MAX" ] && echo "$n"; done | sort -n | tail -1)
    if [ -n "$hugo_ref" ] && [ "$big" -gt "$hugo_ref" ]; then
        for hk in hugo_20 hugo_all; do
            [ $hk = hugo_20 ] && what="latest-20" || what="full-archive"
            r=$(ratio "$(field "$big" fw_20 2)" "$(field "$hugo_ref" $hk 2)")
            echo "| latest-20 build at $(thousands "$big") well under Hugo's $what at $(thousands "$hugo_ref") | $(secs "$(field "$big" fw_20 2)") vs $(secs "$(field "$hugo_ref" $hk 2)"): ratio $r | $(met "$r" 0.5) (≤ 0.5 taken as \"well under\") |"
        done
    fi
    for n in $SIZES; do
        echo "| no-change rebuild ≤ 5% of a full build, $(thousands "$n"), full archive | $(pct "$(field "$n" fw_all_same 2)" "$(field "$n" fw_all 2)") | $(met "$(ratio "$(field "$n" fw_all_same 2)" "$(field "$n" fw_all 2)")" 0.05) |"
        echo "| one-new-article rebuild ≤ 10% of a full build, $(thousands "$n"), full archive | $(pct "$(field "$n" fw_all_add1 2)" "$(field "$n" fw_all 2)") | $(met "$(ratio "$(field "$n" fw_all_add1 2)" "$(field "$n" fw_all 2)")" 0.10) |"
    done
    for n in $SIZES; do
        [ -n "$(field "$n" xmllint 2)" ] || continue
        r=$(ratio "$(field "$n" check_atom 2)" "$(field "$n" xmllint 2)")
        echo "| \`check\` faster than \`xmllint --relaxng\`, atom.xml $(mb "$(cat "$RES/$n-atom-bytes")") | $(secs "$(field "$n" check_atom 2)") / $(mem "$(field "$n" check_atom 8)") vs $(secs "$(field "$n" xmllint 2)") / $(mem "$(field "$n" xmllint 8)"): check / xmllint = $r | $(met "$r" 0.999) |"
    done
    echo
    echo "Memory growing with metadata only: compare the latest-20 peak memory across sizes below."
    echo
    for n in $SIZES; do
        [ -f "$RES/$n.tsv" ] || continue
        read -r nfiles nbytes <"$RES/$n-corpus"
        echo "## $(thousands "$n") articles"
        echo
        echo "Corpus: $(thousands "$nfiles") Markdown files, $(mb "$nbytes") (\`gen-corpus $n DIR\`)."
        echo
        echo "| command | median | mean ± σ | min … max | runs | peak memory | ratios |"
        echo "|---|---|---|---|---|---|---|"
        floor=$(field "$n" cat 2)
        while IFS=$'\t' read -r key med mean sd mn mx runs peak status label cmd; do
            case $key in
            cat) r="" ;;
            fw_all) r="/ floor $(ratio "$med" "$floor") · / Hugo $(ratio "$med" "$(field "$n" hugo_all 2)")" ;;
            fw_20) r="/ floor $(ratio "$med" "$floor") · / Hugo $(ratio "$med" "$(field "$n" hugo_20 2)")" ;;
            hugo_*) r="/ floor $(ratio "$med" "$floor")" ;;
            fw_all_*) r="/ full-archive build $(pct "$med" "$(field "$n" fw_all 2)") · / floor $(ratio "$med" "$floor")" ;;
            fw_20_*) r="/ latest-20 build $(pct "$med" "$(field "$n" fw_20 2)") · / floor $(ratio "$med" "$floor")" ;;
            check_atom) r="/ xmllint $(ratio "$med" "$(field "$n" xmllint 2)")" ;;
            *) r="" ;;
            esac
            [ "$status" = 0 ] || label="$label (exit status $status)"
            case $key in
            check_atom) label="$label ($(mb "$(cat "$RES/$n-atom-bytes")"))" ;;
            check_rss) label="$label ($(mb "$(cat "$RES/$n-rss-bytes")"))" ;;
            xmllint) label="$label ($(mb "$(cat "$RES/$n-atom-bytes")"))" ;;
            esac
            echo "| $label | **$(secs "$med")** | $(secs "$mean") ± $(secs "$sd") | $(secs "$mn") … $(secs "$mx") | $runs | $(mem "$peak") | $r |"
        done <"$RES/$n.tsv"
        echo
        if [ -f "$RES/$n-hugo-all" ]; then
            echo "Hugo's feeds hold the same articles with full content (\`<item>\`s and \`</p>\` in the"
            echo "content, Hugo's escaped, feedwright's rss.xml in CDATA):"
            echo
            echo "| feed | expected items | Hugo items | Hugo paragraphs | Hugo bytes | feedwright items | feedwright paragraphs | feedwright bytes |"
            echo "|---|---|---|---|---|---|---|---|"
            for cfg in all 20; do
                IFS=$'\t' read -r wi hi hp hb fi fp fb <"$RES/$n-hugo-$cfg"
                warn=""
                if [ "$hi" != "$wi" ] || [ "$fi" != "$wi" ] || [ "$hp" -lt $((fp * 9 / 10)) ]; then
                    warn=" **(mismatch)**"
                fi
                [ $cfg = all ] && name="full archive" || name="latest-20"
                echo "| $name$warn | $wi | $hi | $hp | $(mb "$hb") | $fi | $fp | $(mb "$fb") |"
            done
            echo
        else
            echo "Hugo not run at this size (BENCH_HUGO_MAX=$HUGO_MAX)."
            echo
        fi
        echo "Stages (\`feedwright build --timings\`, one warm run each, ms):"
        echo
        echo "| stage | full archive | no-change, full archive | latest-20 | no-change, latest-20 |"
        echo "|---|---|---|---|---|"
        for i in 1 2 3 4; do
            f=$RES/$n-stages-$(echo "all all_same 20 20_same" | cut -d' ' -f$i)
            sed "s/^/$i\t/" "$f"
        done | awk -F'\t' '
            { if (!($2 in seen)) { seen[$2] = 1; order[++k] = $2 } v[$1, $2] = $3 }
            END { for (i = 1; i <= k; i++) { s = order[i]; line = "| " s
                      for (j = 1; j <= 4; j++) line = line " | " ((j, s) in v ? v[j, s] : "-")
                      print line " |" } }'
        echo
    done
    echo "## Commands"
    echo
    echo "\`make bench\` (or \`BENCH_SIZES=\"1000 10000\" make bench\`) runs, for each size N, with"
    echo "C = target/bench/corpus-N written by \`cargo run --release --example gen-corpus -- N C\`:"
    echo
    echo '```sh'
    echo "P; COMMAND    # warm-up run (untimed by hyperfine); its time t sets R"
    echo "hyperfine --runs R [--prepare P] '/usr/bin/time -v -a -o MEM COMMAND'"
    echo "# R = $BUDGET s / t, at least 2, at most 10 (BENCH_BUDGET, BENCH_RUNS)"
    echo
    echo "# I/O floor"
    echo "find C -type f -exec cat {} +"
    echo "# full-archive build from scratch (prepare: rm -rf OUT); site-all/feedwright.toml:"
    echo "#   [feeds] formats = [\"rss\", \"atom\", \"json\"], entries = \"all\", content = \"full\""
    echo "feedwright build --quiet --config site-all/feedwright.toml --articles C --out OUT"
    echo "# latest-20 build from scratch: the same with site-20/feedwright.toml (entries = 20)"
    echo "# no-change rebuild: the same commands with the previous run's feeds in place"
    echo "# +1 article: prepare = rm -f C/EXTRA, restore the site and output folders as a"
    echo "#   build without EXTRA left them (cp -a from a copy), cp EXTRA C/"
    echo "#   (EXTRA: a generated article dated 2026-01-02, newer than the whole corpus)"
    echo
    echo "# Hugo: bench/hugo (home page outputs RSS only; taxonomy, term, section, sitemap,"
    echo "# robotsTXT and 404 kinds disabled; pages cascade _build.render = \"link\", so no page"
    echo "# file is written but .Content renders in the feed; services.rss.limit = -1 / 20),"
    echo "# content/posts -> C (symbolic link)"
    echo "hugo --quiet --source SITE --destination PUBLIC                       # prepare: rm -rf PUBLIC"
    echo "hugo --quiet --source SITE --config SITE/hugo.toml,SITE/latest20.toml --destination PUBLIC"
    echo
    echo "# check vs RELAX NG validation, on the full-archive feeds"
    echo "feedwright check OUT/atom.xml"
    echo "feedwright check OUT/rss.xml"
    echo "xmllint --noout --relaxng tests/fixtures/schemas/atom.rng OUT/atom.xml"
    echo '```'
    echo
    echo "Notes:"
    echo
    echo "- Times include \`/usr/bin/time\` around each command (about 1 ms per process), which"
    echo "  is how peak memory (the largest \"Maximum resident set size\" of the runs) is taken."
    echo "- feedwright writes three feeds (RSS, Atom, JSON Feed) and resolves relative links and"
    echo "  sanitises HTML; Hugo writes one RSS feed and does neither."
    echo "- Raw hyperfine output: target/bench/logs/; per-command results: target/bench/results/."
} >"$OUT_MD"
say "done in $((elapsed / 60)) min $((elapsed % 60)) s: $OUT_MD"
