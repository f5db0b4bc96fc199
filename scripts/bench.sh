#!/usr/bin/env bash
# `make bench`: whole-process timings of feedwright next to two I/O floors
# (`cat` of every input file; and examples/io-floor.rs, which reads the corpus
# and writes three feed-sized files as a build does, synced and renamed) and a peer (Hugo building an RSS feed with full
# content of the same corpus), at 1,000, 10,000 and 100,000 articles; and
# builds of one article whose front matter is 8.6 MB (issue 10).
# Regenerates BENCHMARKS.md.
#
# Environment:
#   BENCH_SIZES="1000 10000 100000"  corpus sizes (articles); empty for none
#   BENCH_LARGE=1                    0 to skip the 8.6 MB front matter builds (about a minute)
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
SIZES=${BENCH_SIZES-"1000 10000 100000"}
LARGE=${BENCH_LARGE:-1}
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
    --bin feedwright --example gen-corpus --example io-floor)
FW=$TARGET/release/feedwright
GEN=$TARGET/release/examples/gen-corpus
FLOOR=$TARGET/release/examples/io-floor
[ -x "$FW" ] && [ -x "$GEN" ] && [ -x "$FLOOR" ] || die "release build did not produce $FW, $GEN and $FLOOR"
# The large front matter comes from the working tree's generator whatever
# BENCH_REV is, so that every commit is measured on the same bytes.
if [ "$LARGE" = 1 ]; then
    say "building the large front matter generator (release, $ROOT)"
    (cd "$ROOT" && cargo build --release --locked --quiet --example gen-large-front-matter)
    GEN_LARGE=$ROOT/target/release/examples/gen-large-front-matter
    [ -x "$GEN_LARGE" ] || die "release build did not produce $GEN_LARGE"
fi

# ---------------------------------------------------------------- fixed inputs
# Two site configurations (the site folder is the folder the file is in).
# Kept as $WORK/site-{all,20}.toml; a cold build starts from a site folder
# holding only a copy (no build cache, no published feeds).
write_site() { # FILE ENTRIES
    cat >"$1" <<EOF
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
write_site "$WORK/site-all.toml" '"all"'
write_site "$WORK/site-20.toml" 20
# Issue 13's feeds: a feed per tag too, and RFC 5005 archives.
{ cat "$WORK/site-20.toml"; echo 'by = ["tags"]'; } >"$WORK/site-tags.toml"
{ cat "$WORK/site-20.toml"; echo 'archives = true'; } >"$WORK/site-arch.toml"

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
    # Every run starts with the writes before it on disk: dirty pages left by
    # a previous command or a --prepare would otherwise be flushed (the
    # builds fsync) during the timed run.
    prepare="${prepare:+$prepare && }sync"
    # warm-up run, whose time sets the number of timed runs
    sh -c "$prepare"
    t0=$(date +%s%N)
    sh -c "$cmd" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    runs=$(runs_for $(((t1 - t0) / 1000000)))
    local args=(--style basic --runs "$runs" --ignore-failure --export-csv "$csv" -n "$key")
    args+=(--prepare "$prepare")
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
        sed -n 's/^timing: \(.*[^ ]\)  *\([0-9][0-9.]*\) ms  *[0-9.]*%$/\1\t\2/p' >"$out"
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
    want="$N $(cat "$SRC/examples/gen-corpus.rs" "$SRC/testkit/src/corpus.rs" "$SRC/testkit/src/rng.rs" | cksum)"
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
    SA=$WORK/site-all
    S20=$WORK/site-20
    BA="$FW build --quiet --config $SA/feedwright.toml --articles $C --out $OA"
    B20="$FW build --quiet --config $S20/feedwright.toml --articles $C --out $O20"
    # cold: no published feeds, no build cache (a fresh clone)
    RA="rm -rf $OA $SA && mkdir $SA && cp $WORK/site-all.toml $SA/feedwright.toml"
    R20="rm -rf $O20 $S20 && mkdir $S20 && cp $WORK/site-20.toml $S20/feedwright.toml"

    # I/O floors: reading alone, and reading plus writing three files as
    # large as the full-archive feeds (synced, renamed) with nothing between.
    bench "$N" cat "cat of all input files (read floor)" "find $C -type f -exec cat {} +"
    bench "$N" floor "read the corpus, write 3 files of its size, synced (I/O floor)" \
        "$FLOOR $C $WORK/floor-$N" "rm -rf $WORK/floor-$N"
    rm -rf "$WORK/floor-$N"

    # Builds from scratch (no published feeds in the output folder).
    bench "$N" fw_all "feedwright full-archive build" "$BA" "$RA"
    bench "$N" fw_20 "feedwright latest-20 build" "$B20" "$R20"

    # No-change rebuilds (the feeds from the last run are in place).
    $BA && $B20
    bytes_of "$OA" >"$RES/$N-out-all-bytes"
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
    sync
    sh -c "$RA"
    timings "$RES/$N-stages-all" $BA
    timings "$RES/$N-stages-all_same" $BA
    cp "$EXTRA" "$C/" && sync
    timings "$RES/$N-stages-all_add1" $BA
    rm -f "$C/$EXTRA_NAME"
    sh -c "$R20"
    timings "$RES/$N-stages-20" $B20
    timings "$RES/$N-stages-20_same" $B20
    cp "$EXTRA" "$C/" && sync
    timings "$RES/$N-stages-20_add1" $B20
    rm -f "$C/$EXTRA_NAME"
    $BA && $B20

    # Issue 13. Feeds per tag: the corpus with each of its 40 tags split 13
    # ways (`politics-0` .. `politics-12`, by article), about 520 tags; the
    # latest-20 build with a feed per tag against the plain latest-20
    # build of the same corpus. Archives: latest-20 plus every older entry
    # in archive pages, cold and after one more article.
    CT=$WORK/corpus-$N-tags
    if [ ! -f "$CT.ok" ] || [ "$(cat "$CT.ok")" != "$want" ]; then
        say "[$N] splitting the corpus' tags into $CT"
        rm -rf "$CT" "$CT.ok" && mkdir -p "$CT"
        find "$C" -type f -name '*.md' -print0 | sort -z | xargs -0 awk -v out="$CT" '
            FNR == 1 { if (f) close(f); n++; f = out "/" substr(FILENAME, match(FILENAME, /[^\/]*$/)); fm = 0 }
            /^---$/ { fm++ }
            fm == 1 && /^  - [a-z]+$/ { $0 = $0 "-" (n % 13) }
            { print > f }'
        printf '%s\n' "$want" >"$CT.ok"
    fi
    OT=$WORK/out-$N-tags OP=$WORK/out-$N-plain OR=$WORK/out-$N-arch
    ST=$WORK/site-tags SP=$WORK/site-plain SR=$WORK/site-arch
    BT="$FW build --quiet --config $ST/feedwright.toml --articles $CT --out $OT"
    BP="$FW build --quiet --config $SP/feedwright.toml --articles $CT --out $OP"
    BR="$FW build --quiet --config $SR/feedwright.toml --articles $C --out $OR"
    RT="rm -rf $OT $ST && mkdir $ST && cp $WORK/site-tags.toml $ST/feedwright.toml"
    RP="rm -rf $OP $SP && mkdir $SP && cp $WORK/site-20.toml $SP/feedwright.toml"
    RR="rm -rf $OR $SR && mkdir $SR && cp $WORK/site-arch.toml $SR/feedwright.toml"
    bench "$N" fw_plain "feedwright latest-20 build, corpus with ~520 tags" "$BP" "$RP"
    bench "$N" fw_tags "feedwright latest-20 build and a feed per tag (~520 tags)" "$BT" "$RT"
    find "$OT/tags" -mindepth 1 -maxdepth 1 -type d | wc -l >"$RES/$N-tag-count"
    bench "$N" fw_arch "feedwright latest-20 build with archive pages" "$BR" "$RR"
    sh -c "$RR" && $BR
    rm -rf "$OR.base" "$SR.base" && cp -a "$OR" "$OR.base" && cp -a "$SR" "$SR.base"
    restore="rm -f $C/$EXTRA_NAME && rm -rf $OR $SR && cp -a $OR.base $OR && cp -a $SR.base $SR"
    bench "$N" fw_arch_add1 "feedwright rebuild after adding one article, archive pages" "$BR" \
        "$restore && cp $EXTRA $C/" "$restore"
    sh -c "$restore" && rm -rf "$OR.base" "$SR.base"
    # Which archive pages one more article rewrites.
    ( $BR && find "$OR/archive" -type f -exec cksum {} + | sort -k3 >"$RES/$N-arch-before" &&
      cp "$EXTRA" "$C/" && $BR && find "$OR/archive" -type f -exec cksum {} + | sort -k3 >"$RES/$N-arch-after" &&
      rm -f "$C/$EXTRA_NAME" && $BR ) || die "the archive rebuilds failed"
    join -1 3 -2 3 -a 2 "$RES/$N-arch-before" "$RES/$N-arch-after" |
        awk 'NF < 5 || $2 != $4 { n++ } END { print n + 0 }' >"$RES/$N-arch-rewritten"
    find "$OR/archive" -type f | wc -l >"$RES/$N-arch-files"

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

# ---------------------------------------------------------------- large front matter
# One article whose front matter is 8.6 MB: a 7 MB `summary: |` block
# scalar and 100,000 `tags:` (every tenth a repeat in capitals), alone, with
# five generated articles, and in TOML. Cold builds (no cache, no feeds).
if [ "$LARGE" = 1 ]; then
    rm -f "$RES/large.tsv" "$RES"/large-*
    : >"$LOG/hyperfine-large.log"
    L=$WORK/large
    rm -rf "$L" && mkdir -p "$L/articles-yaml" "$L/articles-mixed" "$L/articles-toml" "$L/normal"
    "$GEN_LARGE" yaml-block "$L/articles-yaml/large.md" >&2
    "$GEN_LARGE" toml "$L/articles-toml/large.md" >&2
    "$GEN" 5 "$L/normal" --seed 7 >&2
    cp "$L/articles-yaml/large.md" "$L/normal"/*.md "$L/articles-mixed/"
    bytes_of "$L/articles-yaml" >"$RES/large-yaml-bytes"
    bytes_of "$L/articles-toml" >"$RES/large-toml-bytes"
    for kind in yaml mixed toml; do
        case $kind in
        yaml) lbl="feedwright build, the article alone (YAML)" ;;
        mixed) lbl="feedwright build, the article and 5 generated ones (YAML)" ;;
        toml) lbl="feedwright build, the article alone (TOML)" ;;
        esac
        S=$L/site-$kind
        O=$L/out-$kind
        B="$FW build --quiet --config $S/feedwright.toml --articles $L/articles-$kind --out $O"
        R="rm -rf $O $S && mkdir $S && cp $WORK/site-all.toml $S/feedwright.toml"
        bench large "large_$kind" "$lbl" "$B" "$R"
        sh -c "$R"
        timings "$RES/large-stages-$kind" $B
        grep -q 'tag-99998' "$O/feed.json" || die "the large article's last tag is not in $O/feed.json"
    done
fi
elapsed=$(($(date +%s) - started))
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- run info
if [ -n "${BENCH_REV:-}" ]; then
    last_src=$(git log -1 --format=%h "$sha" -- src Cargo.toml Cargo.lock)
    subject=$(git log -1 --format=%s "$last_src" | awk '{ print (length($0) > 60 ? substr($0, 1, 60) "…" : $0) }')
    rev="commit ${sha:0:12}, src/ as of $last_src (\"$subject\")"
else
    rev="working tree at $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    [ -z "$(git status --porcelain -- src Cargo.toml Cargo.lock 2>/dev/null)" ] ||
        rev="$rev + uncommitted changes in src/"
fi
{
    for v in SIZES LARGE HUGO_MAX CHECK_MAX BUDGET elapsed load_before load_after rev; do
        printf '%s=%q\n' "$v" "${!v}"
    done
    printf 'run_date=%q\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
    printf 'rustc_v=%q\n' "$(rustc --version 2>/dev/null || echo unknown)"
    printf 'hugo_v=%q\n' "$(hugo version 2>/dev/null | sed -n 1p)"
    printf 'hyper_v=%q\n' "$(hyperfine --version)"
    printf 'xmllint_v=%q\n' "$(xmllint --version 2>&1 | sed -n 1p)"
} >"$RES/run-info"

say "writing $OUT_MD"
bash "$ROOT/scripts/bench-report.sh" "$RES" >"$OUT_MD.tmp"
# Sections measured by other commands (the `serve` load test: its command is
# in the section) and the reading of the figures ("What holds the targets
# back", written after a run) are kept as they are, after the generated ones.
if [ -f "$OUT_MD" ]; then
    awk '/^## (`feedwright serve` under load|What holds the targets back)/ { keep = 1 } keep' "$OUT_MD" >"$OUT_MD.kept"
    if [ -s "$OUT_MD.kept" ]; then printf '\n' >>"$OUT_MD.tmp" && cat "$OUT_MD.kept" >>"$OUT_MD.tmp"; fi
    rm -f "$OUT_MD.kept"
fi
mv "$OUT_MD.tmp" "$OUT_MD"
say "done in $((elapsed / 60)) min $((elapsed % 60)) s: $OUT_MD"
