#!/usr/bin/env python3
"""Writes tests/conformance/: one small feed per rule or family of `check`,
as valid and invalid twins, each stating the W3C error codes it must get
(`<!-- expect: CODE ... -->`, or `none`). tests/cli/conformance.rs runs
them; scripts/w3c-agreement.py --corpus tests/conformance --split all
confirms the W3C service gives each the same error / no-error verdict.

    python3 scripts/conformance-gen.py   # rewrites tests/conformance/
"""
import os, shutil

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "conformance")

RSS = """<?xml version="1.0" encoding="utf-8"?>
<!-- expect: {expect} -->
<rss version="{version}" xmlns:atom="http://www.w3.org/2005/Atom"{ns}>
<channel{channel_attrs}>
<title>Conformance</title>
<link>https://example.com/</link>
<description>A feed for one rule</description>
<language>en</language>
<atom:link href="https://example.com/rss.xml" rel="self" type="application/rss+xml"/>
{channel}<item>
<title>One</title>
<link>https://example.com/one</link>
<guid>{guid}</guid>
<pubDate>{date}</pubDate>
{item}</item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<!-- expect: {expect} -->
<feed xmlns="http://www.w3.org/2005/Atom"{ns}>
<title>Conformance</title>
<id>{id}</id>
<updated>2026-01-30T18:00:00Z</updated>
<author><name>A</name></author>
<link rel="self" href="https://example.com/atom.xml"/>
<link href="https://example.com/"/>
{feed}<entry>
<title>One</title>
<id>https://example.com/one</id>
<updated>2026-01-30T18:00:00Z</updated>
<link href="https://example.com/one"/>
{entry}</entry>
</feed>
"""

ITUNES = ' xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"'
GEO = ' xmlns:geo="http://www.w3.org/2003/01/geo/wgs84_pos#"'
ICBM = ' xmlns:icbm="http://postneo.com/icbm"'
SLASH = ' xmlns:slash="http://purl.org/rss/1.0/modules/slash/"'
TB = ' xmlns:trackback="http://madskills.com/public/xml/rss/module/trackback/"'
CC = ' xmlns:creativeCommons="http://backend.userland.com/creativeCommonsRssModule"'
MEDIA = ' xmlns:media="http://search.yahoo.com/mrss/"'
THR = ' xmlns:thr="http://purl.org/syndication/thread/1.0"'
FB = ' xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"'
SX = ' xmlns:sx="http://feedsync.org/2007/feedsync"'
OS = ' xmlns:os="http://a9.com/-/spec/opensearch/1.1/"'
G = ' xmlns:g="http://base.google.com/ns/1.0"'
PODCAST = ('<itunes:explicit>false</itunes:explicit><itunes:category text="Technology"/>'
           '<itunes:owner><itunes:email>pod@example.com</itunes:email></itunes:owner>\n')


def rss(**kw):
    d = dict(version="2.0", ns="", channel_attrs="", channel="", item="", guid="https://example.com/one",
             date="Fri, 30 Jan 2026 18:00:00 -0800")
    d.update(kw)
    return ("rss", d)


def atom(**kw):
    d = dict(ns="", feed="", entry="", id="https://example.com/")
    d.update(kw)
    return ("atom", d)


# (family, rule, valid twin, invalid twin or None, the invalid twin's error codes)
CASES = [
    # Where the W3C finds no error, neither may we (valid-only cases).
    ("no-wolf", "mailto-subject", rss(item="<author>mailto:jo%40example.com%20(Jo)?subject=hi</author>\n"), None, ""),
    ("no-wolf", "name-angle-email", rss(item="<author>Jo Smith &lt;jo@example.com&gt;</author>\n"), None, ""),
    ("no-wolf", "date-with-comments", rss(date="Fri, 30 (the (last) Friday) Jan 2026 18:00:00 -0800"), None, ""),
    ("no-wolf", "skiphours-24", rss(channel="<skipHours><hour>24</hour></skipHours>\n"), None, ""),
    ("no-wolf", "rss-091-no-language", rss(version="0.91"), None, ""),
    ("no-wolf", "atom-link-with-text",
     rss(channel='<atom:link href="https://example.com/" rel="alternate">x</atom:link>\n'), None, ""),
    ("no-wolf", "data-attributes", rss(item='<description>&lt;p data-x="1"&gt;Hi&lt;/p&gt;</description>\n'), None, ""),
    ("no-wolf", "atom-duplicate-entries",
     atom(entry="</entry><entry><title>Two</title><id>https://example.com/one</id>"
                "<updated>2026-01-30T18:00:00Z</updated><link href=\"https://example.com/two\"/>\n"), None, ""),
    ("no-wolf", "atom-no-namespace-extension", atom(feed='<simple xmlns="">x</simple>\n'), None, ""),
    ("no-wolf", "email-host-without-dot", atom(entry="<author><name>Jo</name><email>jo@localhost</email></author>\n"),
     None, ""),
    # RSS core
    ("rss", "guid-permalink", rss(), rss(guid="example.com"), "InvalidHttpGUID"),
    ("rss", "guid-blank", rss(), rss(guid=""), "InvalidHttpGUID"),
    ("rss", "guid-duplicate", rss(item="</item><item><title>Two</title><guid>https://example.com/two</guid>\n"),
     rss(item="</item><item><title>Two</title><guid>https://example.com/one</guid>\n"), "DuplicateValue"),
    ("rss", "ttl", rss(channel="<ttl>60</ttl>\n"), rss(channel="<ttl>0</ttl>\n"), "InvalidPositiveInteger"),
    ("rss", "skipdays-empty", rss(channel="<skipDays><day>Monday</day></skipDays>\n"),
     rss(channel="<skipDays></skipDays>\n"), "MissingElement"),
    ("rss", "unexpected-text", rss(), rss(channel="stray words\n"), "UnexpectedText"),
    ("rss", "date", rss(), rss(date="2026-01-30T18:00:00Z"), "InvalidRFC2822Date"),
    # Atom core
    ("atom", "id-whitespace", atom(), atom(id=" https://example.com/ "), "UnexpectedWhitespace"),
    ("atom", "href-whitespace", atom(entry='<link rel="related" href="https://example.com/r"/>\n'),
     atom(entry='<link rel="related" href=" https://example.com/r"/>\n'), "InvalidUriChar"),
    ("atom", "content-src-type", atom(entry='<content src="https://example.com/a" type="text/html"/><summary>s</summary>\n'),
     atom(entry='<content src="https://example.com/a" type="html"/><summary>s</summary>\n'), "InvalidMIMEType"),
    ("atom", "content-text-children", atom(entry='<content type="text/plain">plain</content>\n'),
     atom(entry='<content type="text/plain">a <b>b</b></content>\n'), "UndefinedElement"),
    ("atom", "category-scheme", atom(entry='<category term="t" scheme="https://example.com/tags"/>\n'),
     atom(entry='<category term="t" scheme="tags"/>\n'), "InvalidFullLink"),
    ("atom", "duplicate-alternate",
     atom(entry='<link rel="alternate" type="text/plain" href="https://example.com/one.txt"/>\n'),
     atom(entry='<link rel="alternate" href="https://example.com/two"/>\n'), "DuplicateAtomLink"),
    ("atom", "xhtml-misplaced-element",
     atom(entry='<summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">x</div></summary>\n'),
     atom(entry='<summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">x <title xmlns="http://www.w3.org/2005/Atom">t</title></div></summary>\n'),
     "UndefinedElement"),
    # iTunes podcasts
    ("itunes", "explicit", rss(ns=ITUNES, channel=PODCAST), rss(ns=ITUNES, channel=PODCAST.replace(">false<", ">yes<")),
     "InvalidTrueFalse"),
    ("itunes", "block", rss(ns=ITUNES, channel=PODCAST + "<itunes:block>Yes</itunes:block>\n"),
     rss(ns=ITUNES, channel=PODCAST + "<itunes:block>maybe</itunes:block>\n"), "InvalidYesNoClean"),
    ("itunes", "subtitle-too-long", rss(ns=ITUNES, channel=PODCAST + "<itunes:subtitle>" + "s" * 255 + "</itunes:subtitle>\n"),
     rss(ns=ITUNES, channel=PODCAST + "<itunes:subtitle>" + "s" * 256 + "</itunes:subtitle>\n"), "TooLong"),
    ("itunes", "duration-place", rss(ns=ITUNES, channel=PODCAST, item="<itunes:duration>1:02:03</itunes:duration>\n"),
     rss(ns=ITUNES, channel=PODCAST + "<itunes:duration>1:02:03</itunes:duration>\n"), "UndefinedElement"),
    ("itunes", "duration-value", rss(ns=ITUNES, channel=PODCAST, item="<itunes:duration>62:03</itunes:duration>\n"),
     rss(ns=ITUNES, channel=PODCAST, item="<itunes:duration>1:2:3</itunes:duration>\n"), "InvalidDuration"),
    ("itunes", "episode", rss(ns=ITUNES, channel=PODCAST, item="<itunes:episode>3</itunes:episode>\n"),
     rss(ns=ITUNES, channel=PODCAST, item="<itunes:episode>0</itunes:episode>\n"), "InvalidPositiveInteger"),
    ("itunes", "owner-email", rss(ns=ITUNES, channel=PODCAST),
     rss(ns=ITUNES, channel=PODCAST.replace("<itunes:email>pod@example.com</itunes:email>", "<itunes:name>P</itunes:name>")),
     "MissingElement"),
    ("itunes", "image-href", rss(ns=ITUNES, channel=PODCAST + '<itunes:image href="https://example.com/a.png"/>\n'),
     rss(ns=ITUNES, channel=PODCAST + '<itunes:image href="a.png"/>\n'), "InvalidURLAttribute"),
    ("itunes", "episode-type", rss(ns=ITUNES, channel=PODCAST, item="<itunes:episodeType>full</itunes:episodeType>\n"),
     rss(ns=ITUNES, channel=PODCAST, item="<itunes:episodeType>main</itunes:episodeType>\n"), "InvalidItunesEpisodeType"),
    ("itunes", "category", rss(ns=ITUNES, channel=PODCAST.replace('"Technology"/>', '"Arts"><itunes:category text="Books"/></itunes:category>')),
     rss(ns=ITUNES, channel=PODCAST.replace('"Technology"', '"Tech"')), "InvalidItunesCategory"),
    # Media RSS
    ("media", "content-filesize", rss(ns=MEDIA, item='<media:content url="https://example.com/a.mp4" fileSize="1000"/>\n'),
     rss(ns=MEDIA, item='<media:content url="https://example.com/a.mp4" fileSize="0"/>\n'), "InvalidPositiveInteger"),
    ("media", "group-alternatives",
     rss(ns=MEDIA, item='<media:group><media:content url="https://example.com/a.mp4"/><media:content url="https://example.com/a.webm"/></media:group>\n'),
     rss(ns=MEDIA, item='<media:group><media:content url="https://example.com/a.mp4"/></media:group>\n'), "MediaGroupWithoutAlternatives"),
    ("media", "thumbnail-url", rss(ns=MEDIA, item='<media:thumbnail url="https://example.com/a.jpg" width="120"/>\n'),
     rss(ns=MEDIA, item='<media:thumbnail width="120"/>\n'), "MissingAttribute"),
    ("media", "title-type", rss(ns=MEDIA, item='<media:title type="plain">T</media:title>\n'),
     rss(ns=MEDIA, item='<media:title type="text">T</media:title>\n'), "InvalidMediaTextType"),
    ("media", "thumbnail-time", rss(ns=MEDIA, item='<media:thumbnail url="https://example.com/a.jpg" time="12:05:01.123"/>\n'),
     rss(ns=MEDIA, item='<media:thumbnail url="https://example.com/a.jpg" time="noon"/>\n'), "InvalidNPTTime"),
    ("media", "duplicate-title", rss(ns=MEDIA, item='<media:title>T</media:title>\n'),
     rss(ns=MEDIA, item='<media:title>T</media:title><media:title>U</media:title>\n'), "DuplicateElement"),
    # FeedBurner
    ("ext", "feedburner-origlink", rss(ns=FB, item='<feedburner:origLink>https://example.com/o</feedburner:origLink>\n'),
     rss(ns=FB, item='<feedburner:origLink>https://example.com/o</feedburner:origLink><feedburner:origLink>https://example.com/p</feedburner:origLink>\n'),
     "DuplicateElement"),
    # FeedSync
    ("feedsync", "sync-updates",
     atom(ns=SX, entry='<sx:sync id="item_1" updates="1"><sx:history sequence="1" by="REO1750"/></sx:sync>\n'),
     atom(ns=SX, entry='<sx:sync id="item_1" updates="0"><sx:history sequence="1" by="REO1750"/></sx:sync>\n'),
     "InvalidPositiveInteger"),
    ("feedsync", "history-by-or-when",
     atom(ns=SX, entry='<sx:sync id="item_1" updates="1"><sx:history sequence="1" when="2026-01-30T18:00:00Z" by="REO1750"/></sx:sync>\n'),
     atom(ns=SX, entry='<sx:sync id="item_1" updates="1"><sx:history sequence="1"/></sx:sync>\n'), "MissingByAndWhenAttrs"),
    ("feedsync", "sharing-dates",
     atom(ns=SX, feed='<sx:sharing since="2026-01-01T00:00:00Z" until="2026-02-01T00:00:00Z"/>\n'),
     atom(ns=SX, feed='<sx:sharing since="2026-03-01T00:00:00Z" until="2026-02-01T00:00:00Z"/>\n'), "SinceAfterUntil"),
    # OpenSearch
    ("opensearch", "total-results", atom(ns=OS, feed='<os:totalResults>42</os:totalResults>\n'),
     atom(ns=OS, feed='<os:totalResults>-1</os:totalResults>\n'), "InvalidNonNegativeInteger"),
    ("opensearch", "query-role", atom(ns=OS, feed='<os:Query role="request" searchTerms="cat%20dog"/>\n'),
     atom(ns=OS, feed='<os:Query role="question" searchTerms="cat"/>\n'), "InvalidLocalRole"),
    ("opensearch", "search-terms", atom(ns=OS, feed='<os:Query role="request" searchTerms="caf%C3%A9"/>\n'),
     atom(ns=OS, feed='<os:Query role="request" searchTerms="café"/>\n'), "NotURLEncoded"),
    # Google Base
    ("gbase", "price", rss(ns=G, item='<g:price>10.50 usd</g:price>\n'),
     rss(ns=G, item='<g:price>$10.50</g:price>\n'), "InvalidFloatUnit"),
    ("gbase", "year", rss(ns=G, item='<g:year>2020</g:year>\n'), rss(ns=G, item='<g:year>1850</g:year>\n'), "InvalidYear"),
    ("gbase", "image-links", atom(ns=G, entry='<g:image_link>https://example.com/1.jpg</g:image_link>' * 10 + '\n'),
     atom(ns=G, entry='<g:image_link>https://example.com/1.jpg</g:image_link>' * 11 + '\n'), "TooMany"),
    # RFC 4685 threading
    ("thr", "count", atom(ns=THR, entry='<link rel="replies" href="https://example.com/c" thr:count="3"/>\n'),
     atom(ns=THR, entry='<link rel="replies" href="https://example.com/c" thr:count="-1"/>\n'), "InvalidNonNegativeInteger"),
    ("thr", "when", atom(ns=THR, entry='<link rel="replies" href="https://example.com/c" thr:updated="2026-01-30T18:00:00Z"/>\n'),
     atom(ns=THR, entry='<link rel="replies" href="https://example.com/c" thr:when="2026-01-30T18:00:00Z"/>\n'), "NoThrWhen"),
    # Other extension modules the W3C checks
    ("ext", "geo-latitude", rss(ns=GEO, item="<geo:lat>48.85</geo:lat>\n"), rss(ns=GEO, item="<geo:lat>91</geo:lat>\n"),
     "InvalidLatitude"),
    ("ext", "icbm-longitude", rss(ns=ICBM, channel="<icbm:longitude>2.35</icbm:longitude>\n"),
     rss(ns=ICBM, channel="<icbm:longitude>east</icbm:longitude>\n"), "InvalidLongitude"),
    ("ext", "slash-hit-parade", rss(ns=SLASH, item="<slash:hit_parade>5,3, 1</slash:hit_parade>\n"),
     rss(ns=SLASH, item="<slash:hit_parade>5;3</slash:hit_parade>\n"), "InvalidCommaSeparatedIntegers"),
    ("ext", "trackback-ping", rss(ns=TB, item="<trackback:ping>https://example.com/tb</trackback:ping>\n"),
     rss(ns=TB, item="<trackback:ping>tb</trackback:ping>\n"), "InvalidFullLink"),
    ("ext", "trackback-outside-entry", atom(ns=TB, entry="<trackback:ping>https://example.com/tb</trackback:ping>\n"),
     atom(ns=TB, feed="<trackback:ping>https://example.com/tb</trackback:ping>\n"), "UndefinedElement"),
    ("ext", "license", atom(ns=CC, entry="<creativeCommons:license>https://creativecommons.org/licenses/by/4.0/</creativeCommons:license>\n"),
     atom(ns=CC, entry="<creativeCommons:license>CC-BY-4.0</creativeCommons:license>\n"), "InvalidFullLink"),
]


def render(kind, d, expect):
    template = RSS if kind == "rss" else ATOM
    return template.format(expect=expect or "none", **d)


def main():
    shutil.rmtree(ROOT, ignore_errors=True)
    for family, rule, valid, invalid, codes in CASES:
        folder = os.path.join(ROOT, family)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, rule + ".valid.xml"), "w") as f:
            f.write(render(valid[0], valid[1], ""))
        if invalid:
            with open(os.path.join(folder, rule + ".invalid.xml"), "w") as f:
                f.write(render(invalid[0], invalid[1], codes))
    # Atom 0.3: the obsolete namespace is an error.
    with open(os.path.join(ROOT, "atom", "atom03.invalid.xml"), "w") as f:
        f.write('<?xml version="1.0"?>\n<!-- expect: ObsoleteNamespace -->\n'
                '<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>T</title>'
                '<link rel="alternate" type="text/html" href="https://example.com/"/>'
                '<modified>2026-01-30T18:00:00Z</modified><author><name>A</name></author></feed>\n')
    # RSS 1.0 is not checked: refused as unsupported (exit 2), never "clean".
    os.makedirs(os.path.join(ROOT, "unsupported"), exist_ok=True)
    with open(os.path.join(ROOT, "unsupported", "rss10.rdf"), "w") as f:
        f.write('<?xml version="1.0"?>\n<!-- expect: unsupported -->\n'
                '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">\n'
                '<channel rdf:about="https://example.com/"><title>T</title><link>https://example.com/</link>'
                '<description>D</description></channel>\n</rdf:RDF>\n')


if __name__ == "__main__":
    main()
