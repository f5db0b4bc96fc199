#!/usr/bin/env python3
"""Measures a migration: builds each site folder with feedwright (on a copy)
and compares with what its generator made.

usage: scripts/migration-measure.py FEEDWRIGHT SITE... [--w3c DEMO_PY]

Each SITE folder holds a feedwright.toml, the content, and, as the
look-alikes in tests/fixtures/migration/ do:
  expected-urls.txt  the site-relative URLs of the posts in the generator's feed
  old-feed.xml       the generator's own feed (for `feedwright adopt`)
Prints, per site: posts, URLs equal to the generator's, items with template
syntax left outside code, `feedwright check`, and ids kept by `adopt`.
--w3c runs the W3C Feed Validation Service's own code (its src/demo.py,
from a copy you have) on the RSS and Atom feeds too. docs/migrating.md has
the figures for four real blogs."""
import html, json, re, shutil, subprocess, sys, tempfile
from pathlib import Path

CODE = re.compile(r'<pre[\s>].*?</pre>|<code[\s>].*?</code>', re.S)
TEMPLATE = re.compile(r'\{%|%\}|\{\{[<%]|[>%]\}\}|\{\{\s*[\w."]')


def leaks(text):
    return TEMPLATE.findall(CODE.sub('', html.unescape(text or '')))


def run(args, cwd):
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True)


def measure(exe, site, w3c):
    work = Path(tempfile.mkdtemp()) / site.name
    shutil.copytree(site, work, ignore=shutil.ignore_patterns('feeds', '.feedwright-cache', '_site', 'public'))
    r = run([exe, 'build'], work)
    print(f'== {site}: build exit {r.returncode}, {r.stderr.count("warning:")} warnings, {r.stderr.count("error:")} errors')
    if r.returncode != 0:
        print(r.stderr[-3000:])
        return False
    items = json.loads((work / 'feeds/feed.json').read_text())['items']
    base = re.match(r'https?://[^/]+', items[0]['url'])[0] if items else ''
    got = {i['url'].removeprefix(base) for i in items}
    want = set((work / 'expected-urls.txt').read_text().split())
    same = len(got & want)
    print(f'  posts: {len(items)} (generator: {len(want)}); URLs equal: {same}/{len(want)} = {100 * same / max(1, len(want)):.1f}%')
    for url in sorted(want - got)[:5]:
        print('    missing', url)
    for url in sorted(got - want)[:5]:
        print('    extra  ', url)
    leaky = [(i['url'], found) for i in items
             if (found := leaks(i.get('content_html')) + leaks(i.get('summary')) + leaks(i.get('title')))]
    print(f'  template syntax left in {len(leaky)} items', leaky[:3])
    c = run([exe, 'check', 'feeds/rss.xml', 'feeds/atom.xml', 'feeds/feed.json'], work)
    print(f'  feedwright check: exit {c.returncode}: {(c.stdout + c.stderr).strip().splitlines()[-1:]}')
    if w3c:
        for name in ['rss.xml', 'atom.xml']:
            out = run(['python3', w3c, f'feeds/{name}'], work).stdout.splitlines()[1:]
            # A file on disk is never at its self link's address.
            out = [line for line in out if line.strip() and 'Self reference' not in line and 'No errors' not in line]
            print(f'  W3C {name}: {len(out)} messages', out[:6])
    old = work / 'old-feed.xml'
    a = run([exe, 'adopt', str(old)], work)
    print(f'  adopt: exit {a.returncode}')
    run([exe, 'build'], work)
    ids = {i['id'] for i in json.loads((work / 'feeds/feed.json').read_text())['items']}
    text = old.read_text()
    old_ids = set(re.findall(r'<entry[\s>].*?<id>\s*([^<]*?)\s*</id>', text, re.S)
                  + re.findall(r'<guid[^>]*>\s*([^<]*?)\s*</guid>', text))
    kept = len(ids & old_ids)
    print(f'  ids kept: {kept}/{len(old_ids)} = {100 * kept / max(1, len(old_ids)):.1f}%')
    shutil.rmtree(work.parent)
    return True


def main():
    args = sys.argv[1:]
    w3c = None
    if '--w3c' in args:
        at = args.index('--w3c')
        w3c = args[at + 1]
        del args[at:at + 2]
    if len(args) < 2:
        sys.exit(__doc__)
    exe = str(Path(args[0]).resolve())
    ok = all([measure(exe, Path(site), w3c) for site in args[1:]])
    sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main()
