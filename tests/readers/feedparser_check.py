#!/usr/bin/env python3
"""Reads a feed with feedparser and compares every entry with what the test
expects (a JSON list of {id, title, link, published, updated, marker}).

Usage: feedparser_check.py FEED EXPECTED.json
Prints one line per mismatch and exits 1 if there is any; exits 2 when
feedparser is missing (the test then fails with the install command).
"""
import calendar
import html
import json
import sys

try:
    import feedparser
except ImportError:
    print("feedparser is not installed: python3 -m pip install 'feedparser>=6,<7'")
    sys.exit(2)


def utc_seconds(struct):
    return None if struct is None else calendar.timegm(struct)


def main():
    feed_path, expected_path = sys.argv[1], sys.argv[2]
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)
    with open(feed_path, "rb") as f:
        parsed = feedparser.parse(f.read())
    problems = []
    if parsed.bozo:
        problems.append(f"feedparser calls the feed ill-formed: {parsed.bozo_exception!r}")
    entries = parsed.entries
    if len(entries) != len(expected):
        problems.append(f"{len(entries)} entries, expected {len(expected)}")
    for index, (got, want) in enumerate(zip(entries, expected)):
        where = f"entry {index} ({want['id']})"
        for key in ("id", "title", "link"):
            value = got.get(key)
            # An HTML title (Atom type="html") is shown rendered: compare its
            # text. RSS titles are ambiguous (text or HTML?); feedparser guesses
            # HTML for text that looks like an entity, so either reading counts.
            if key == "title" and got.get("title_detail", {}).get("type") == "text/html":
                value = value if value == want[key] else html.unescape(value)
            if value != want[key]:
                problems.append(f"{where}: {key} is {got.get(key)!r}, expected {want[key]!r}")
        if utc_seconds(got.get("published_parsed")) != want["published"]:
            problems.append(f"{where}: published is {got.get('published')!r}, expected {want['published']} (unix)")
        if want.get("updated") is not None and utc_seconds(got.get("updated_parsed")) != want["updated"]:
            problems.append(f"{where}: updated is {got.get('updated')!r}, expected {want['updated']} (unix)")
        content = " ".join(c.get("value", "") for c in got.get("content", []))
        if want["marker"] not in content:
            problems.append(f"{where}: content lacks {want['marker']!r}: {content[:200]!r}")
        for bad in ("<script", "javascript:", "onerror=", "onclick="):
            if bad in content.lower():
                problems.append(f"{where}: content contains {bad!r}")
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)


main()
