#!/usr/bin/env python3
"""Agreement between `feedwright check` and the W3C Feed Validation Service.

For every RSS 2.0 / 0.9x and Atom 1.0 file of a corpus, compares the
error / no-error verdict of `feedwright check --format json` with the one
of the W3C validator's Python code (run in-process, "AA" filter, as the
online service and demo.py do), and prints the agreement per format and the
disagreements in both directions.

The corpus is split deterministically (md5 of the relative path): one file
in five is "held out" and not looked at while writing rules.

    python3 scripts/w3c-agreement.py --corpus DIR [--split dev|held|all]
        [--binary target/debug/feedwright] [--w3c /work/feedvalidator/src]
        [--list] [--cache FILE]

W3C verdicts are cached (by content hash) in --cache, since the Python
validator is slow.
"""
import argparse, hashlib, json, os, subprocess, sys, re


def files_of(corpus):
    for root, _dirs, names in os.walk(corpus):
        for name in sorted(names):
            if name.endswith((".xml", ".rss", ".atom", ".rdf")):
                yield os.path.join(root, name)


def split_of(rel):
    return "held" if int(hashlib.md5(rel.encode()).hexdigest(), 16) % 5 == 0 else "dev"


ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(rss|feed|RDF)\b")


def format_of(data):
    """rss / atom / None, by the root element (RSS 1.0, Atom 0.3, others: None)."""
    head = re.sub(rb"<!--.*?-->", b"", data[:8192], flags=re.S)
    head = re.sub(rb"<[?!][^>]*>", b"", head)
    m = ROOT.match(head.lstrip())
    if not m:
        return None
    if m.group(1) == b"rss":
        return "rss"
    if m.group(1) == b"feed" and b"http://www.w3.org/2005/Atom" in data[:8192]:
        return "atom"
    return None


def w3c_verdict(path, w3c_src):
    sys.path.insert(0, w3c_src)
    import feedvalidator
    from feedvalidator import compatibility
    from feedvalidator.logging import Error
    try:
        with open(path, "rb") as stream:
            events = feedvalidator.validateStream(
                stream, firstOccurrenceOnly=1, base="http://www.feedvalidator.org/" + os.path.basename(path)
            )["loggedEvents"]
    except feedvalidator.logging.ValidationFailure as vf:
        events = [vf.event]
    except Exception as exc:  # the W3C code itself crashing: no verdict
        return None, [f"crash: {exc!r}"]
    events = compatibility.AA(events)
    errors = sorted({type(e).__name__ for e in events if isinstance(e, Error)})
    return bool(errors), errors


def check_verdicts(binary, paths):
    out = {}
    for i in range(0, len(paths), 200):
        chunk = paths[i : i + 200]
        proc = subprocess.run([binary, "check", "--format", "json", *chunk], capture_output=True)
        report = json.loads(proc.stdout)
        for f in report["files"]:
            codes = sorted({x["code"] for x in f["findings"] if x["severity"] == "error"})
            out[f["file"] if "file" in f else f["name"]] = (bool(codes) or proc.returncode == 2 and not f["findings"], codes)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", action="append", required=True)
    ap.add_argument("--split", default="dev", choices=["dev", "held", "all"])
    ap.add_argument("--binary", default="target/debug/feedwright")
    ap.add_argument("--w3c", default="/work/feedvalidator/src")
    ap.add_argument("--cache", default="target/w3c-verdicts.json")
    ap.add_argument("--list", action="store_true", help="list the disagreements")
    args = ap.parse_args()

    cache = {}
    if os.path.exists(args.cache):
        with open(args.cache) as f:
            cache = json.load(f)
    todo = []
    for corpus in args.corpus:
        for path in files_of(corpus):
            rel = os.path.relpath(path, corpus)
            if args.split != "all" and split_of(rel) != args.split:
                continue
            with open(path, "rb") as f:
                data = f.read()
            fmt = format_of(data)
            if fmt:
                todo.append((path, fmt, hashlib.sha1(data).hexdigest()))
    for path, _fmt, digest in todo:
        if digest not in cache:
            cache[digest] = w3c_verdict(path, args.w3c)
    os.makedirs(os.path.dirname(args.cache) or ".", exist_ok=True)
    with open(args.cache, "w") as f:
        json.dump(cache, f)

    ours = check_verdicts(args.binary, [p for p, _, _ in todo])
    stats = {}
    for path, fmt, digest in todo:
        w3c_err, w3c_codes = cache[digest]
        if w3c_err is None:
            continue
        our_err, our_codes = ours.get(path, (True, ["(no report)"]))
        s = stats.setdefault(fmt, {"n": 0, "agree": 0, "wolf": [], "missed": []})
        s["n"] += 1
        if our_err == w3c_err:
            s["agree"] += 1
        elif our_err:
            s["wolf"].append((path, our_codes))
        else:
            s["missed"].append((path, w3c_codes))
    for fmt in sorted(stats):
        s = stats[fmt]
        print(f"{fmt}: {s['agree']}/{s['n']} agree ({100.0 * s['agree'] / max(s['n'], 1):.1f} %), "
              f"{len(s['wolf'])} error where the W3C finds none, {len(s['missed'])} W3C errors missed")
        if args.list:
            for path, codes in s["wolf"]:
                print(f"  WOLF   {path}: {' '.join(codes)}")
            for path, codes in s["missed"]:
                print(f"  MISSED {path}: {' '.join(codes)}")


if __name__ == "__main__":
    main()
