//! Deterministic corpus generator for feedwright benchmarks and tests
//! (`generate`, `write`; the command line is examples/gen-corpus.rs).
//!
//! **Default mode** is a benchmark corpus of news-like articles. Every file is
//! `DIR/YYYY-MM-DD-slug.md` with YAML front matter (`title`, an RFC 3339
//! `date` with offset spread over 2019–2025, 1–4 `tags`, `author`, and a
//! `summary` one time in three) and a ~1,000-word Markdown body: 6–10 `##`
//! headings, 20–30 paragraphs, emphasis, curly quotes and apostrophes,
//! absolute, root-relative and relative links, an image every other article,
//! and one list or blockquote.
//!
//! **`--varied`** is a test corpus exercising every input form feedwright
//! accepts. Articles rotate through six kinds: Markdown + YAML, Markdown +
//! TOML, HTML + YAML (half of them with hostile markup to be sanitised), plain
//! text + front matter, and plain text without front matter (title on the
//! first non-empty line, date in the file name), either hard-wrapped or one
//! paragraph per line. Date forms rotate too; key aliases, author shapes,
//! taxonomies, drafts, explicit ids and slugs, titles that need escaping and
//! rich Markdown (tables, footnotes, code, inline HTML) are mixed in at
//! random. Everything emitted is valid input: slugs and explicit ids are
//! unique, every date is real, all front matter parses.
//!
//! **Determinism**: only the standard library is used and all randomness comes
//! from the splitmix64 generator (`crate::Rng`) seeded by `seed`. Nothing depends
//! on the clock, the environment or hash iteration order (hash sets are only
//! used for membership tests), so the same arguments produce byte-identical
//! files on every machine.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::LazyLock;
use std::time::{Duration, Instant};
use std::{fs, io};

use crate::Rng;

/// The corpus as (file name, contents) pairs.
pub fn generate(count: usize, seed: u64, varied: bool) -> Vec<(String, String)> {
    let mut corpus = Corpus::new(count, seed);
    (0..count)
        .map(|index| if varied { corpus.varied_article(index) } else { corpus.news_article(index) })
        .map(|article| (article.file_name, article.contents))
        .collect()
}

/// Writes the corpus into `dir` (creating it; files with the same names
/// are overwritten, nothing else in it is touched) and returns a one-line
/// summary.
pub fn write(count: usize, dir: &Path, seed: u64, varied: bool) -> io::Result<String> {
    let started = Instant::now();
    fs::create_dir_all(dir)?;
    let mut corpus = Corpus::new(count, seed);
    let mut stats = Stats::default();
    for index in 0..count {
        let article = if varied { corpus.varied_article(index) } else { corpus.news_article(index) };
        fs::write(dir.join(&article.file_name), &article.contents)?;
        stats.record(&article);
    }
    Ok(stats.summary(dir, seed, varied, started.elapsed()))
}

// ---------------------------------------------------------------------------
// Output bookkeeping
// ---------------------------------------------------------------------------

/// One generated file, ready to be written.
struct Article {
    file_name: String,
    contents: String,
    kind: Kind,
    draft: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    News,
    MarkdownYaml,
    MarkdownToml,
    HtmlYaml,
    TextFrontMatter,
    TextWrapped,
    TextLines,
}

/// The order `--varied` rotates through.
const VARIED_KINDS: [Kind; 6] =
    [Kind::MarkdownYaml, Kind::MarkdownToml, Kind::HtmlYaml, Kind::TextFrontMatter, Kind::TextWrapped, Kind::TextLines];

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::News => "news",
            Kind::MarkdownYaml => "md+yaml",
            Kind::MarkdownToml => "md+toml",
            Kind::HtmlYaml => "html+yaml",
            Kind::TextFrontMatter => "txt+front-matter",
            Kind::TextWrapped => "txt-wrapped",
            Kind::TextLines => "txt-lines",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Kind::News | Kind::MarkdownYaml | Kind::MarkdownToml => "md",
            Kind::HtmlYaml => "html",
            Kind::TextFrontMatter | Kind::TextWrapped | Kind::TextLines => "txt",
        }
    }
}

#[derive(Default)]
struct Stats {
    files: usize,
    bytes: u64,
    drafts: usize,
    per_kind: [usize; 7],
}

impl Stats {
    fn record(&mut self, article: &Article) {
        self.files += 1;
        self.bytes += article.contents.len() as u64;
        self.drafts += usize::from(article.draft);
        self.per_kind[article.kind as usize] += 1;
    }

    fn summary(&self, dir: &Path, seed: u64, varied: bool, elapsed: Duration) -> String {
        let mode = if varied { "varied" } else { "news" };
        let mut line = format!(
            "gen-corpus: wrote {} {mode} articles ({} bytes, {:.1} MiB) to {} in {:.2} s (seed {})",
            self.files,
            self.bytes,
            self.bytes as f64 / (1024.0 * 1024.0),
            dir.display(),
            elapsed.as_secs_f64(),
            seed,
        );
        if varied {
            let kinds: Vec<String> =
                VARIED_KINDS.iter().map(|&kind| format!("{} {}", self.per_kind[kind as usize], kind.label())).collect();
            let _ = write!(line, ": {}; {} drafts", kinds.join(", "), self.drafts);
        }
        line
    }
}

// ---------------------------------------------------------------------------
// Pseudo-random numbers
// ---------------------------------------------------------------------------

// ---------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------

/// Word lists are kept as whitespace-separated text (compact, and stable
/// under rustfmt) and split once, on first use.
fn words(text: &'static str) -> Vec<&'static str> {
    text.split_whitespace().collect()
}

static FUNCTION_WORDS: LazyLock<Vec<&str>> = LazyLock::new(|| words(FUNCTION_TEXT));
const FUNCTION_TEXT: &str = "\
    the a of to and in that for on with as by at from this but or not is was are were be has \
    had their which we they more than when its into about after before while every some each \
    most many few still again also only over under between";

static CONTENT_WORDS: LazyLock<Vec<&str>> = LazyLock::new(|| words(CONTENT_TEXT));
const CONTENT_TEXT: &str = "\
    harbour council budget river morning evening market station library festival bridge \
    village winter summer garden railway museum teacher student doctor farmer engineer \
    artist reporter policy election weather season harvest storm coast mountain valley \
    forest island street district neighbour community school hospital factory office kitchen \
    window lantern signal network archive letter journal chapter story record history future \
    plan project proposal report survey figure estimate growth decline recovery pressure \
    crowd queue ticket price wage rent housing transport ferry tram bicycle road runway \
    airport terminal cable satellite sensor battery engine turbine panel grid water energy \
    climate carbon meadow orchard vineyard bakery quarry lighthouse canal reservoir tunnel \
    square cathedral theatre stadium court committee minister mayor union company startup \
    investor volunteer visitor resident audience choir orchestra novel poem painting \
    exhibition recipe menu fishing trawler cargo container warehouse \
    algorithm database server browser protocol release update feature deadline meeting \
    interview debate vote ballot campaign announced reported opened closed approved rejected \
    measured counted visited described explained suggested argued noticed expected planned \
    delayed launched rebuilt repaired collected published reviewed shared followed changed \
    improved doubled halved returned quiet busy early late new old local regional national \
    quick slow careful bright dark cold warm narrow wide steady uneven modest ambitious \
    familiar unusual rural urban coastal public private small large recent annual weekly \
    hidden patient stubborn generous";

static APOSTROPHE_WORDS: LazyLock<Vec<&str>> = LazyLock::new(|| words(APOSTROPHE_TEXT));
const APOSTROPHE_TEXT: &str = "\
    it’s don’t can’t won’t isn’t wasn’t they’re we’ve you’ll council’s city’s readers’ \
    year’s o’clock mayor’s children’s";

static TAGS: LazyLock<Vec<&str>> = LazyLock::new(|| words(TAGS_TEXT));
const TAGS_TEXT: &str = "\
    politics economy climate energy transport housing health education science technology \
    culture music film books sport travel food weather local national world business markets \
    labour courts crime environment agriculture oceans space history opinion analysis \
    interview data elections infrastructure cities rural arts";

/// Tags only `--varied` uses: punctuation, spaces and non-ASCII letters.
const UNUSUAL_TAGS: &[&str] =
    &["C++", "Node.js", "open source", "naïve-bayes", "R&D", "日本語", "año nuevo", "Ünïcödé"];

const CATEGORIES: &[&str] = &["News", "Opinion", "Reviews", "Guides", "Release Notes", "Science & Tech", "Features"];

/// Author names with the handle used for their email address and home page.
const AUTHORS: &[(&str, &str)] = &[
    ("Amara Okafor", "amara"),
    ("Ben Hollis", "ben"),
    ("Chloé Marchand", "chloe"),
    ("Dmitri Volkov", "dmitri"),
    ("Elif Yılmaz", "elif"),
    ("Farah Siddiqui", "farah"),
    ("Gareth Price", "gareth"),
    ("Hana Sato", "hana"),
    ("Iñigo Etxeberria", "inigo"),
    ("Jonas Lindqvist", "jonas"),
    ("Kemi Adeyemi", "kemi"),
    ("Lucía Romero", "lucia"),
    ("Mateus Costa", "mateus"),
    ("Niamh O’Connor", "niamh"),
    ("Oskar Nowak", "oskar"),
    ("Priya Raman", "priya"),
    ("Quentin Dubois", "quentin"),
    ("Rosa Bianchi", "rosa"),
    ("Sven Eriksen", "sven"),
    ("Tamsin Reed", "tamsin"),
];

/// Title fragments that need escaping somewhere, with a language hint.
const TITLE_FRAGMENTS: &[(&str, Option<&str>)] = &[
    ("Salt & Pepper", None),
    ("Why <div> Soup Persists", None),
    ("The \"Quoted\" Edition", None),
    ("It's 'Single' Quoted", None),
    ("Ending CDATA ]]> Safely", None),
    ("Tom & Jerry <3 Ampersands", None),
    ("A < B > C", None),
    ("Back\\slash and /slash", None),
    ("50% Off: Colons, #Hashes & [Brackets]", None),
    ("“Curly” ‘Quotes’ Everywhere", None),
    ("Café, Crème Brûlée & Naïveté", Some("fr")),
    ("Ærøskøbing über die Straße", Some("de")),
    ("Launch Day 🚀🎉", None),
    ("Emoji 👩‍💻 in Titles", None),
    ("東京の朝と夜", Some("ja")),
    ("北京市民的一天", Some("zh-Hans")),
    ("서울의 봄", Some("ko")),
    ("مرحبا بالعالم", Some("ar")),
    ("שלום עולם", Some("he")),
    ("Ελληνικά νέα", Some("el")),
    ("Новости дня", Some("ru")),
];

const LANGS: &[&str] = &["en", "en-GB", "en-US", "fr", "de", "es", "ja", "ar", "he", "pt-BR"];

/// Offsets (in minutes) used for RFC 3339 and RFC 2822 dates.
const OFFSETS: &[i32] = &[0, 60, 120, -300, -240, 330, 540, -480, 600, -180, 345, -570];

const CODE_SNIPPETS: &[&str] =
    &["<br>", "Vec<String>", "a && b", "x < y > z", "<script>", "&amp;", "]]>", "if (a < b) {}"];

const TABLE_NOTES: &[&str] = &[
    "R&D budget",
    "up 3% on last year",
    "`<td>` rendering",
    "see note",
    "**bold** claim",
    "~~retired~~",
    "“quoted” cell",
    "pipe \\| escaped",
];

const CODE_BLOCKS: &[&str] = &[
    "```html\n<div class=\"card\">\n  <p>Fish &amp; chips</p>\n  <img src=\"/images/1.jpg\" alt=\"\">\n</div>\n```",
    "```rust\nfn titles(items: &[Item]) -> Vec<String> {\n    items.iter().filter(|i| i.score < 10 && !i.draft).map(|i| i.title.clone()).collect()\n}\n```",
    "```xml\n<item>\n  <title>Tom &amp; Jerry</title>\n  <description><![CDATA[<p>nested]]></description>\n</item>\n```",
    "```\nplain fence: <script>alert(\"no\")</script> & <b>not bold</b>\n```",
    "~~~sh\necho '<feed>' > out.xml && cat out.xml\n~~~",
];

const HOSTILE_HTML: &[&str] = &[
    "<script>alert(1)</script>",
    "<p onclick=\"alert('clicked')\">Click anywhere in this paragraph.</p>",
    "<p>Read <a href=\"javascript:alert(document.cookie)\">the full story</a> here.</p>",
    "<iframe src=\"https://evil.example/frame\" width=\"1\" height=\"1\"></iframe>",
    "<style>body { display: none; }</style>",
    "<img src=\"/images/1.jpg\" onerror=\"alert(1)\" alt=\"broken\">",
    "<p><a href=\"https://example.org/\" onmouseover=\"alert(1)\" target=\"_blank\">Hover me</a></p>",
    "<form action=\"https://evil.example/\"><input name=\"q\"><button>Go</button></form>",
];

fn content_word(rng: &mut Rng) -> &'static str {
    rng.pick(&CONTENT_WORDS)
}

/// A running-text word: function words are common, apostrophes occasional.
/// The flag says whether a comma may follow it (not after function words).
fn drawn_word(rng: &mut Rng) -> (&'static str, bool) {
    match rng.below(100) {
        0..35 => (rng.pick(&FUNCTION_WORDS), false),
        35..38 => (rng.pick(&APOSTROPHE_WORDS), false),
        _ => (content_word(rng), true),
    }
}

fn word(rng: &mut Rng) -> &'static str {
    drawn_word(rng).0
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Title case, leaving function words lower-case unless they come first.
fn title_case(words: &[&str]) -> String {
    let cased: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| if i > 0 && FUNCTION_WORDS.contains(w) { (*w).to_string() } else { capitalise(w) })
        .collect();
    cased.join(" ")
}

/// A short heading such as "Harbour Recovery Plan".
fn heading(rng: &mut Rng) -> String {
    let words: Vec<&str> = (0..rng.range(2, 5)).map(|_| content_word(rng)).collect();
    title_case(&words)
}

/// A headline: content words at both ends, anything in between.
fn news_title(rng: &mut Rng) -> String {
    let middle = rng.range(1, 6);
    let mut words = vec![content_word(rng)];
    words.extend((0..middle).map(|_| word(rng)));
    words.push(content_word(rng));
    title_case(&words)
}

/// One undecorated sentence, for summaries and captions.
fn plain_sentence(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let words: Vec<&str> = (0..rng.range(lo, hi)).map(|_| word(rng)).collect();
    format!("{}.", capitalise(&words.join(" ")))
}

fn author(rng: &mut Rng) -> &'static str {
    rng.pick(AUTHORS).0
}

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

/// 2019-01-01T00:00:00Z and 2026-01-01T00:00:00Z.
const TIMELINE_START: i64 = 1_546_300_800;
const TIMELINE_END: i64 = 1_767_225_600;

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Hands out publication instants: the timeline is cut into one slot per
/// article, slots are shuffled, and each instant is jittered within its slot,
/// so instants are unique and file order says nothing about date order.
struct Timeline {
    slots: Vec<u32>,
    step: i64,
}

impl Timeline {
    fn new(count: usize, rng: &mut Rng) -> Self {
        let step = ((TIMELINE_END - TIMELINE_START) / count.max(1) as i64).max(1);
        let mut slots: Vec<u32> = (0..count as u32).collect();
        rng.shuffle(&mut slots);
        Self { slots, step }
    }

    fn moment(&self, index: usize, offset_minutes: i32, rng: &mut Rng) -> Moment {
        let slot = i64::from(self.slots[index]);
        let jitter = rng.below(self.step as usize) as i64;
        Moment { unix: TIMELINE_START + slot * self.step + jitter, offset_minutes }
    }
}

/// An instant plus the UTC offset it is written in.
#[derive(Clone, Copy)]
struct Moment {
    unix: i64,
    offset_minutes: i32,
}

impl Moment {
    fn utc(self) -> Civil {
        Civil::from_unix(self.unix)
    }

    fn local(self) -> Civil {
        Civil::from_unix(self.unix + i64::from(self.offset_minutes) * 60)
    }

    fn later_by(self, seconds: i64) -> Self {
        Self { unix: self.unix + seconds, ..self }
    }

    fn rfc3339(self) -> String {
        let c = self.local();
        format!("{}T{}{}", c.ymd(), c.hms(), offset(self.offset_minutes, ":"))
    }

    fn rfc3339_utc(self) -> String {
        let c = self.utc();
        format!("{}T{}Z", c.ymd(), c.hms())
    }

    fn rfc2822(self) -> String {
        let c = self.local();
        format!(
            "{}, {:02} {} {} {} {}",
            WEEKDAYS[c.weekday],
            c.day,
            MONTHS[c.month as usize - 1],
            c.year,
            c.hms(),
            offset(self.offset_minutes, "")
        )
    }
}

fn offset(minutes: i32, separator: &str) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let minutes = minutes.unsigned_abs();
    format!("{sign}{:02}{separator}{:02}", minutes / 60, minutes % 60)
}

/// Broken-down calendar time.
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    weekday: usize,
}

impl Civil {
    fn from_unix(seconds: i64) -> Self {
        let days = seconds.div_euclid(86_400);
        let rest = seconds.rem_euclid(86_400) as u32;
        let (year, month, day) = civil_from_days(days);
        Self {
            year,
            month,
            day,
            hour: rest / 3600,
            minute: rest % 3600 / 60,
            second: rest % 60,
            weekday: (days + 4).rem_euclid(7) as usize,
        }
    }

    fn ymd(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    fn hm(&self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }

    fn hms(&self) -> String {
        format!("{:02}:{:02}:{:02}", self.hour, self.minute, self.second)
    }

    /// `/YYYY/MM/slug/`, the permalink shape root-relative links point at.
    fn permalink(&self, slug: &str) -> String {
        format!("/{:04}/{:02}/{slug}/", self.year, self.month)
    }
}

/// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// How a publication date is written in front matter.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DateForm {
    Rfc3339Offset,
    Rfc3339Utc,
    DateOnly,
    DateMinutes,
    DateSeconds,
    Rfc2822,
    /// No date in front matter: it comes from the file name.
    FileName,
}

/// The order `--varied` rotates through (for kinds with front matter).
const DATE_FORMS: [DateForm; 7] = [
    DateForm::Rfc3339Offset,
    DateForm::Rfc3339Utc,
    DateForm::DateOnly,
    DateForm::DateMinutes,
    DateForm::DateSeconds,
    DateForm::Rfc2822,
    DateForm::FileName,
];

impl DateForm {
    /// The calendar date as written, which the file name must agree with.
    fn shown(self, moment: Moment) -> Civil {
        match self {
            DateForm::Rfc3339Utc => moment.utc(),
            _ => moment.local(),
        }
    }

    fn render(self, moment: Moment) -> Option<String> {
        let local = moment.local();
        match self {
            DateForm::Rfc3339Offset => Some(moment.rfc3339()),
            DateForm::Rfc3339Utc => Some(moment.rfc3339_utc()),
            DateForm::DateOnly => Some(local.ymd()),
            DateForm::DateMinutes => Some(format!("{} {}", local.ymd(), local.hm())),
            DateForm::DateSeconds => Some(format!("{} {}", local.ymd(), local.hms())),
            DateForm::Rfc2822 => Some(moment.rfc2822()),
            DateForm::FileName => None,
        }
    }

    /// Whether TOML can hold the date unquoted, as an offset date-time.
    fn is_toml_datetime(self) -> bool {
        matches!(self, DateForm::Rfc3339Offset | DateForm::Rfc3339Utc)
    }
}

// ---------------------------------------------------------------------------
// Uniqueness and cross-links
// ---------------------------------------------------------------------------

/// Claimed slugs and ids, and permalinks of published articles to link to.
#[derive(Default)]
struct Registry {
    slugs: HashSet<String>,
    ids: HashSet<String>,
    permalinks: Vec<String>,
}

impl Registry {
    fn is_free(&self, slug: &str) -> bool {
        !self.slugs.contains(slug)
    }

    /// Claims `base`, or `base-2`, `base-3`, … if it is taken.
    fn claim_slug(&mut self, base: &str) -> String {
        let mut candidate = base.to_string();
        let mut n = 1;
        while !self.is_free(&candidate) {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        self.slugs.insert(candidate.clone());
        candidate
    }

    /// Records `id`; false if it was already used.
    fn claim_id(&mut self, id: &str) -> bool {
        self.ids.insert(id.to_string())
    }

    fn publish(&mut self, permalink: String) {
        self.permalinks.push(permalink);
    }

    fn permalink(&self, rng: &mut Rng) -> Option<&str> {
        if self.permalinks.is_empty() { None } else { Some(&self.permalinks[rng.below(self.permalinks.len())]) }
    }
}

/// Lower-case ASCII letters and digits joined by hyphens: common Latin
/// accents are folded to ASCII, apostrophes vanish, anything else separates
/// words. Cut at a word boundary after 60 characters.
fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        let folded = fold_latin(c);
        if !folded.is_empty() || c.is_ascii_alphanumeric() {
            if slug.len() >= 60 && slug.ends_with('-') {
                break;
            }
            if folded.is_empty() {
                slug.push(c.to_ascii_lowercase());
            } else {
                slug.push_str(folded);
            }
        } else if !matches!(c, '\'' | '’') && !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// ASCII spelling of the accented Latin letters the vocabulary uses, or "".
fn fold_latin(c: char) -> &'static str {
    match c.to_lowercase().next().unwrap_or(c) {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => "a",
        'æ' => "ae",
        'ç' => "c",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ı' => "i",
        'ñ' => "n",
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'ø' => "o",
        'œ' => "oe",
        'ß' => "ss",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        _ => "",
    }
}

/// Draws titles until one's slug is free (so titles and slugs agree), falling
/// back to a numbered slug; titles without ASCII letters get a word slug.
fn titled_slug(
    rng: &mut Rng,
    registry: &mut Registry,
    mut make_title: impl FnMut(&mut Rng) -> Title,
) -> (Title, String) {
    let mut attempt = 0;
    loop {
        let title = make_title(rng);
        let mut base = slugify(&title.text);
        if base.is_empty() {
            base = format!("{}-{}", content_word(rng), content_word(rng));
        }
        attempt += 1;
        if registry.is_free(&base) || attempt == 8 {
            return (title, registry.claim_slug(&base));
        }
    }
}

struct Title {
    text: String,
    lang: Option<&'static str>,
}

fn plain_title(rng: &mut Rng) -> Title {
    Title { text: news_title(rng), lang: None }
}

/// A headline, a fragment that needs escaping, or both.
fn varied_title(rng: &mut Rng) -> Title {
    let (fragment, lang) = rng.pick(TITLE_FRAGMENTS);
    let text = match rng.below(8) {
        0..3 => news_title(rng),
        3 => fragment.to_string(),
        4 => format!("{fragment} — {}", news_title(rng)),
        _ => format!("{}: {fragment}", news_title(rng)),
    };
    Title { text, lang }
}

// ---------------------------------------------------------------------------
// Front matter
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Syntax {
    Yaml,
    Toml,
}

enum Value {
    /// A string, quoted when needed.
    Str(String),
    /// Emitted verbatim: booleans, unquoted dates.
    Raw(String),
    List(Vec<String>),
    /// A list of string-to-string maps (authors with name/email/uri).
    Maps(Vec<Vec<(&'static str, String)>>),
    /// A nested map (`taxonomies`).
    Table(Vec<(&'static str, Value)>),
}

struct FrontMatter {
    syntax: Syntax,
    fields: Vec<(&'static str, Value)>,
}

impl FrontMatter {
    fn new(syntax: Syntax) -> Self {
        Self { syntax, fields: Vec::new() }
    }

    fn push(&mut self, key: &'static str, value: Value) {
        self.fields.push((key, value));
    }

    fn push_str(&mut self, key: &'static str, value: impl Into<String>) {
        self.push(key, Value::Str(value.into()));
    }

    /// The fenced block, ending with a newline after the closing fence.
    fn render(&self) -> String {
        let mut out = String::new();
        match self.syntax {
            Syntax::Yaml => {
                out.push_str("---\n");
                for (key, value) in &self.fields {
                    write_yaml(&mut out, 0, key, value);
                }
                out.push_str("---\n");
            }
            Syntax::Toml => {
                out.push_str("+++\n");
                write_toml(&mut out, &self.fields);
                out.push_str("+++\n");
            }
        }
        out
    }
}

fn write_yaml(out: &mut String, indent: usize, key: &str, value: &Value) {
    let pad = " ".repeat(indent);
    match value {
        Value::Str(s) => {
            let _ = writeln!(out, "{pad}{key}: {}", yaml_scalar(s));
        }
        Value::Raw(s) => {
            let _ = writeln!(out, "{pad}{key}: {s}");
        }
        Value::List(items) if items.len() <= 2 => {
            let items: Vec<Cow<str>> = items.iter().map(|s| yaml_scalar(s)).collect();
            let _ = writeln!(out, "{pad}{key}: [{}]", items.join(", "));
        }
        Value::List(items) => {
            let _ = writeln!(out, "{pad}{key}:");
            for item in items {
                let _ = writeln!(out, "{pad}  - {}", yaml_scalar(item));
            }
        }
        Value::Maps(maps) => {
            let _ = writeln!(out, "{pad}{key}:");
            for map in maps {
                for (i, (k, v)) in map.iter().enumerate() {
                    let marker = if i == 0 { "- " } else { "  " };
                    let _ = writeln!(out, "{pad}  {marker}{k}: {}", yaml_scalar(v));
                }
            }
        }
        Value::Table(entries) => {
            let _ = writeln!(out, "{pad}{key}:");
            for (k, v) in entries {
                write_yaml(out, indent + 2, k, v);
            }
        }
    }
}

/// Plain when unambiguous (a letter first, then letters, digits, spaces and
/// `-_./`, and not a YAML 1.1 boolean or null), double-quoted otherwise.
fn yaml_scalar(s: &str) -> Cow<'_, str> {
    const RESERVED: &[&str] = &["true", "false", "yes", "no", "on", "off", "null", "y", "n"];
    let plain = s.starts_with(|c: char| c.is_ascii_alphabetic())
        && !s.ends_with(' ')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '/'))
        && !RESERVED.contains(&s.to_ascii_lowercase().as_str());
    if plain { Cow::Borrowed(s) } else { Cow::Owned(quoted(s)) }
}

/// A double-quoted string valid in both YAML and TOML.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Plain keys first, then `[table]`s, then `[[array of tables]]`, as TOML
/// requires.
fn write_toml(out: &mut String, fields: &[(&'static str, Value)]) {
    for (key, value) in fields {
        if !matches!(value, Value::Table(_) | Value::Maps(_)) {
            let _ = writeln!(out, "{key} = {}", toml_inline(value));
        }
    }
    for (key, value) in fields {
        if let Value::Table(entries) = value {
            let _ = writeln!(out, "[{key}]");
            for (k, v) in entries {
                let _ = writeln!(out, "{k} = {}", toml_inline(v));
            }
        }
    }
    for (key, value) in fields {
        if let Value::Maps(maps) = value {
            for map in maps {
                let _ = writeln!(out, "[[{key}]]");
                for (k, v) in map {
                    let _ = writeln!(out, "{k} = {}", quoted(v));
                }
            }
        }
    }
}

fn toml_inline(value: &Value) -> String {
    match value {
        Value::Str(s) => quoted(s),
        Value::Raw(s) => s.clone(),
        Value::List(items) => {
            let items: Vec<String> = items.iter().map(|s| quoted(s)).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Maps(maps) => {
            let maps: Vec<String> = maps
                .iter()
                .map(|map| {
                    let pairs: Vec<String> = map.iter().map(|(k, v)| format!("{k} = {}", quoted(v))).collect();
                    format!("{{ {} }}", pairs.join(", "))
                })
                .collect();
            format!("[{}]", maps.join(", "))
        }
        Value::Table(entries) => {
            let pairs: Vec<String> = entries.iter().map(|(k, v)| format!("{k} = {}", toml_inline(v))).collect();
            format!("{{ {} }}", pairs.join(", "))
        }
    }
}

// ---------------------------------------------------------------------------
// Prose: sentences and blocks in Markdown, HTML or plain text
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Markup {
    Markdown,
    Html,
    Plain,
}

#[derive(Clone, Copy)]
enum Decoration {
    Emphasis,
    Strong,
    DoubleQuote,
    SingleQuote,
    Link,
    Strike,
    Code,
    InlineHtml,
}

struct Prose<'a> {
    rng: &'a mut Rng,
    registry: &'a Registry,
    markup: Markup,
    /// Adds strikethrough, inline code and inline HTML (`--varied`).
    rich: bool,
}

impl Prose<'_> {
    fn paragraph(&mut self) -> String {
        let sentences: Vec<String> = (0..self.rng.range(2, 4)).map(|_| self.sentence()).collect();
        sentences.join(" ")
    }

    /// 4–20 words (mean 12), so sentence lengths vary.
    fn sentence(&mut self) -> String {
        let len = 4 + self.rng.below(9) + self.rng.below(9);
        let mut text = self.phrase(len);
        text.push(match self.rng.below(20) {
            0 => '?',
            1 => '!',
            _ => '.',
        });
        text
    }

    /// `len` words, capitalised, with decorations and commas but no full stop.
    fn phrase(&mut self, len: usize) -> String {
        let drawn: Vec<(&str, bool)> = (0..len).map(|_| drawn_word(self.rng)).collect();
        let mut words: Vec<Cow<str>> = drawn.iter().map(|&(w, _)| Cow::Borrowed(w)).collect();
        words[0] = Cow::Owned(capitalise(&words[0]));
        let mut out = String::new();
        let mut i = 0;
        while i < len {
            if i > 0 {
                out.push(' ');
            }
            let span = match self.decoration() {
                Some(decoration) => {
                    let span = (1 + self.rng.below(3)).min(len - i);
                    out.push_str(&self.decorate(decoration, &words[i..i + span].join(" ")));
                    span
                }
                None => {
                    out.push_str(&words[i]);
                    1
                }
            };
            i += span;
            if i < len && drawn[i - 1].1 && self.rng.one_in(8) {
                out.push(',');
            }
        }
        out
    }

    /// About one word in 26 is decorated (one in 19 when rich).
    fn decoration(&mut self) -> Option<Decoration> {
        let limit = if self.rich { 54 } else { 38 };
        Some(match self.rng.below(1000) {
            roll if roll >= limit => return None,
            0..10 => Decoration::Emphasis,
            10..18 => Decoration::Strong,
            18..26 => Decoration::DoubleQuote,
            26..30 => Decoration::SingleQuote,
            30..38 => Decoration::Link,
            38..44 => Decoration::Strike,
            44..50 => Decoration::Code,
            _ => Decoration::InlineHtml,
        })
    }

    fn decorate(&mut self, decoration: Decoration, text: &str) -> String {
        use Markup::{Html, Markdown, Plain};
        match (decoration, self.markup) {
            (Decoration::DoubleQuote, _) => format!("“{text}”"),
            (Decoration::SingleQuote, _) => format!("‘{text}’"),
            (Decoration::Link, _) => self.link(text),
            (Decoration::Code, _) => self.code(text),
            (_, Plain) => text.to_string(),
            (Decoration::Emphasis, Markdown) if self.rng.one_in(4) => format!("_{text}_"),
            (Decoration::Emphasis, Markdown) => format!("*{text}*"),
            (Decoration::Emphasis, Html) => format!("<em>{text}</em>"),
            (Decoration::Strong, Markdown) => format!("**{text}**"),
            (Decoration::Strong, Html) => format!("<strong>{text}</strong>"),
            (Decoration::Strike, Markdown) => format!("~~{text}~~"),
            (Decoration::Strike, Html) => format!("<del>{text}</del>"),
            (Decoration::InlineHtml, Markdown) => self.inline_html(text),
            (Decoration::InlineHtml, Html) => format!("<mark>{text}</mark>"),
        }
    }

    fn link(&mut self, text: &str) -> String {
        let url = self.link_target();
        match self.markup {
            Markup::Markdown => format!("[{text}]({url})"),
            Markup::Html => format!("<a href=\"{}\">{text}</a>", html_escape(&url)),
            Markup::Plain => format!("{text} ({url})"),
        }
    }

    /// Absolute, root-relative (another article) or relative, 2:2:1.
    fn link_target(&mut self) -> String {
        match self.rng.below(5) {
            0 | 1 => absolute_url(self.rng),
            2 | 3 => match self.registry.permalink(self.rng) {
                Some(permalink) => permalink.to_string(),
                None => "/about/".to_string(),
            },
            _ => relative_url(self.rng),
        }
    }

    fn code(&mut self, text: &str) -> String {
        let snippet = self.rng.pick(CODE_SNIPPETS);
        match self.markup {
            Markup::Markdown => format!("{text} `{snippet}`"),
            Markup::Html => format!("{text} <code>{}</code>", html_escape(snippet)),
            Markup::Plain => format!("{text} {snippet}"),
        }
    }

    fn inline_html(&mut self, text: &str) -> String {
        match self.rng.below(5) {
            0 => format!("<kbd>{text}</kbd>"),
            1 => format!("{text} <abbr title=\"Really Simple Syndication\">RSS</abbr>"),
            2 => format!("<sup>{text}</sup>"),
            3 => format!("<span class=\"highlight\">{text}</span>"),
            _ => format!("<span onclick=\"alert(1)\">{text}</span>"),
        }
    }

    /// Inserts `block` anywhere but first.
    fn insert(&mut self, blocks: &mut Vec<String>, block: String) {
        let at = self.rng.range(1, blocks.len().max(1));
        blocks.insert(at.min(blocks.len()), block);
    }
}

fn absolute_url(rng: &mut Rng) -> String {
    let (a, b) = (content_word(rng), content_word(rng));
    match rng.below(4) {
        0 => format!("https://example.org/{a}/{b}/"),
        1 => format!("https://example.org/search?q={a}&page={}", rng.range(2, 9)),
        2 => format!("https://example.org/{}/{a}-{b}.html#section-{}", rng.range(2015, 2025), rng.range(1, 5)),
        _ => format!("https://example.org/{a}"),
    }
}

fn relative_url(rng: &mut Rng) -> String {
    let (a, b) = (content_word(rng), content_word(rng));
    match rng.below(3) {
        0 => format!("../images/{a}.png"),
        1 => format!("../{a}-{b}/"),
        _ => format!("attachments/{a}-{b}.pdf"),
    }
}

fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Greedy hard wrap at `width` characters.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width);
    let mut column = 0;
    for word in text.split(' ') {
        let len = word.chars().count();
        if column > 0 && column + 1 + len > width {
            out.push('\n');
            column = 0;
        } else if column > 0 {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += len;
    }
    out
}

// ---------------------------------------------------------------------------
// Markdown bodies
// ---------------------------------------------------------------------------

impl Prose<'_> {
    /// ~1,000 words: 20–30 paragraphs under 6–10 `##` headings, one list or
    /// blockquote, and an image every other article.
    fn news_body(&mut self) -> String {
        let paragraphs = self.rng.range(20, 30);
        let headings = self.rng.range(6, 10);
        let extra_at = self.rng.range(3, paragraphs - 3);
        let image_at = self.rng.one_in(2).then(|| self.rng.range(1, paragraphs - 2));
        // Evenly spaced, after an introductory paragraph.
        let heading_before: Vec<usize> = (0..headings).map(|j| 1 + j * (paragraphs - 1) / headings).collect();
        let mut blocks = Vec::with_capacity(paragraphs + headings + 2);
        for k in 0..paragraphs {
            if heading_before.contains(&k) {
                blocks.push(format!("## {}", heading(self.rng)));
            }
            blocks.push(self.paragraph());
            if image_at == Some(k) {
                blocks.push(self.markdown_image());
            }
            if k == extra_at {
                let block = match self.rng.below(3) {
                    0 | 1 => self.markdown_list(),
                    _ => self.markdown_blockquote(),
                };
                blocks.push(block);
            }
        }
        join_blocks(&blocks)
    }

    /// A shorter body with every Markdown construct mixed in at random.
    fn varied_markdown_body(&mut self) -> String {
        let mut blocks = Vec::new();
        for k in 0..self.rng.range(4, 8) {
            if k > 0 && self.rng.one_in(3) {
                let level = if self.rng.one_in(4) { "###" } else { "##" };
                blocks.push(format!("{level} {}", heading(self.rng)));
            }
            blocks.push(self.paragraph());
        }
        let extras: [fn(&mut Self) -> String; 7] = [
            Self::markdown_list,
            Self::markdown_blockquote,
            Self::markdown_image,
            Self::markdown_table,
            Self::markdown_code,
            Self::markdown_html_block,
            Self::markdown_links,
        ];
        for build in extras {
            if self.rng.one_in(2) {
                let block = build(self);
                self.insert(&mut blocks, block);
            }
        }
        if self.rng.one_in(2) {
            self.add_footnotes(&mut blocks);
        }
        join_blocks(&blocks)
    }

    fn markdown_list(&mut self) -> String {
        let numbered = self.rng.one_in(2);
        let bullet = self.rng.pick(&["-", "*"]);
        let items: Vec<String> = (1..=self.rng.range(3, 6))
            .map(|n| {
                let marker = if numbered { format!("{n}.") } else { bullet.to_string() };
                let len = self.rng.range(3, 10);
                format!("{marker} {}", self.phrase(len))
            })
            .collect();
        items.join("\n")
    }

    fn markdown_blockquote(&mut self) -> String {
        let mut quote = format!("> {} {}", self.sentence(), self.sentence());
        if self.rng.one_in(2) {
            let _ = write!(quote, "\n>\n> — {}", author(self.rng));
        }
        quote
    }

    fn markdown_image(&mut self) -> String {
        let alt = plain_sentence(self.rng, 2, 6);
        let alt = alt.trim_end_matches('.');
        let n = self.rng.range(1, 500);
        match (self.rich, self.rng.below(3)) {
            (true, 0) => format!("![{alt}](../images/{}.png \"{}\")", content_word(self.rng), heading(self.rng)),
            (true, 1) => format!("![{alt}](https://example.org/images/{n}.jpg)"),
            _ => format!("![{alt}](/images/{n}.jpg)"),
        }
    }

    fn markdown_table(&mut self) -> String {
        let mut rows = vec!["| Item | Count | Notes |".to_string(), "| :--- | ---: | --- |".to_string()];
        for _ in 0..self.rng.range(2, 5) {
            let item = capitalise(content_word(self.rng));
            let count = self.rng.below(1000);
            rows.push(format!("| {item} | {count} | {} |", self.rng.pick(TABLE_NOTES)));
        }
        rows.join("\n")
    }

    fn markdown_code(&mut self) -> String {
        self.rng.pick(CODE_BLOCKS).to_string()
    }

    fn markdown_html_block(&mut self) -> String {
        match self.rng.below(3) {
            0 => format!("<details>\n<summary>{}</summary>\n\n{}\n\n</details>", heading(self.rng), self.paragraph()),
            1 => format!("<div class=\"callout\">\n{}\n</div>", self.sentence()),
            _ => "<!-- editor's note: check the figures -->".to_string(),
        }
    }

    /// A "see also" line with one link of each kind and an autolink.
    fn markdown_links(&mut self) -> String {
        let absolute = absolute_url(self.rng);
        let root = match self.registry.permalink(self.rng) {
            Some(permalink) => permalink.to_string(),
            None => "/archive/".to_string(),
        };
        let relative = relative_url(self.rng);
        format!(
            "See also: [the source]({absolute}), [an earlier piece]({root}) and <{absolute}>, or [the attachment]({relative})."
        )
    }

    /// A paragraph citing one or two footnotes, defined at the end.
    fn add_footnotes(&mut self, blocks: &mut Vec<String>) {
        let labels: &[&str] = if self.rng.one_in(2) { &["1"] } else { &["1", "note"] };
        let mut cited = self.paragraph();
        for label in labels {
            let _ = write!(cited, "[^{label}] {}", self.sentence());
        }
        self.insert(blocks, cited);
        for label in labels {
            let definition = format!("[^{label}]: {}", self.sentence());
            blocks.push(definition);
        }
    }
}

fn join_blocks(blocks: &[String]) -> String {
    let mut body = blocks.join("\n\n");
    body.push('\n');
    body
}

// ---------------------------------------------------------------------------
// HTML and plain-text bodies
// ---------------------------------------------------------------------------

#[derive(Clone, Copy)]
enum TextShape {
    /// Hard-wrapped paragraphs separated by blank lines.
    Wrapped,
    /// One paragraph per line, short headings between, no blank lines.
    Lines,
}

impl Prose<'_> {
    fn html_body(&mut self, hostile: bool) -> String {
        let mut blocks = Vec::new();
        for k in 0..self.rng.range(3, 7) {
            if k > 0 && self.rng.one_in(2) {
                blocks.push(format!("<h2>{}</h2>", html_escape(&heading(self.rng))));
            }
            blocks.push(format!("<p>{}</p>", self.paragraph()));
        }
        let list = self.html_list();
        self.insert(&mut blocks, list);
        if self.rng.one_in(2) {
            let figure = self.html_figure();
            self.insert(&mut blocks, figure);
        }
        if self.rng.one_in(2) {
            let quote = format!("<blockquote><p>{}</p></blockquote>", self.sentence());
            self.insert(&mut blocks, quote);
        }
        if hostile {
            let count = self.rng.range(2, 4);
            for bit in self.rng.sample(HOSTILE_HTML, count) {
                self.insert(&mut blocks, bit.to_string());
            }
        }
        let mut body = blocks.join("\n");
        body.push('\n');
        body
    }

    /// A list whose items are links of all three kinds.
    fn html_list(&mut self) -> String {
        let tag = if self.rng.one_in(3) { "ol" } else { "ul" };
        let mut list = format!("<{tag}>\n");
        for n in 0..self.rng.range(3, 5) {
            let url = match n % 3 {
                0 => absolute_url(self.rng),
                1 => self.link_target(),
                _ => relative_url(self.rng),
            };
            let len = self.rng.range(2, 6);
            let text = self.phrase(len);
            let _ = writeln!(list, "  <li><a href=\"{}\">{text}</a></li>", html_escape(&url));
        }
        let _ = write!(list, "</{tag}>");
        list
    }

    fn html_figure(&mut self) -> String {
        let n = self.rng.range(1, 500);
        let dir = if self.rng.one_in(2) { "/images" } else { "../images" };
        let alt = html_escape(plain_sentence(self.rng, 2, 6).trim_end_matches('.'));
        format!(
            "<figure>\n  <img src=\"{dir}/{n}.jpg\" srcset=\"{dir}/{n}-480w.jpg 480w, {dir}/{n}-960w.jpg 960w, https://example.org/images/{n}@2x.jpg 1920w\" sizes=\"(max-width: 600px) 480px, 960px\" alt=\"{alt}\" width=\"960\" height=\"540\">\n  <figcaption>{alt}</figcaption>\n</figure>"
        )
    }

    fn text_body(&mut self, shape: TextShape) -> String {
        let paragraphs = self.rng.range(3, 7);
        let mut body = match shape {
            TextShape::Wrapped => {
                let width = self.rng.range(60, 78);
                let wrapped: Vec<String> = (0..paragraphs).map(|_| wrap(&self.paragraph(), width)).collect();
                wrapped.join("\n\n")
            }
            TextShape::Lines => {
                let mut lines = Vec::new();
                for k in 0..paragraphs {
                    if k > 0 && self.rng.one_in(2) {
                        lines.push(heading(self.rng));
                    }
                    lines.push(self.paragraph());
                }
                lines.join("\n")
            }
        };
        body.push('\n');
        body
    }
}

// ---------------------------------------------------------------------------
// Articles
// ---------------------------------------------------------------------------

struct Corpus {
    rng: Rng,
    registry: Registry,
    timeline: Timeline,
}

impl Corpus {
    fn new(count: usize, seed: u64) -> Self {
        let mut rng = Rng::new(seed);
        let timeline = Timeline::new(count, &mut rng);
        Self { rng, registry: Registry::default(), timeline }
    }

    fn prose(&mut self, markup: Markup, rich: bool) -> Prose<'_> {
        Prose { rng: &mut self.rng, registry: &self.registry, markup, rich }
    }

    /// A benchmark article: `YYYY-MM-DD-slug.md`, YAML front matter, long body.
    fn news_article(&mut self, index: usize) -> Article {
        let offset = self.rng.pick(OFFSETS);
        let moment = self.timeline.moment(index, offset, &mut self.rng);
        let (title, slug) = titled_slug(&mut self.rng, &mut self.registry, plain_title);
        let rng = &mut self.rng;
        let mut front = FrontMatter::new(Syntax::Yaml);
        front.push_str("title", title.text);
        front.push("date", Value::Raw(moment.rfc3339()));
        let tag_count = rng.range(1, 4);
        let tags = rng.sample(&TAGS, tag_count).into_iter().map(String::from).collect();
        front.push("tags", Value::List(tags));
        front.push_str("author", author(rng));
        if rng.one_in(3) {
            let summary = plain_sentence(rng, 12, 30);
            front.push_str("summary", summary);
        }
        let body = self.prose(Markup::Markdown, false).news_body();
        let local = moment.local();
        self.registry.publish(local.permalink(&slug));
        Article {
            file_name: format!("{}-{slug}.md", local.ymd()),
            contents: format!("{}\n{body}", front.render()),
            kind: Kind::News,
            draft: false,
        }
    }

    /// A test article of kind `index mod 6`, date form `(index / 6) mod 7`.
    fn varied_article(&mut self, index: usize) -> Article {
        let kind = VARIED_KINDS[index % VARIED_KINDS.len()];
        let syntax = match kind {
            Kind::MarkdownToml => Some(Syntax::Toml),
            Kind::TextFrontMatter if self.rng.one_in(3) => Some(Syntax::Toml),
            Kind::TextWrapped | Kind::TextLines => None,
            _ => Some(Syntax::Yaml),
        };
        let date_form = match syntax {
            Some(_) => DATE_FORMS[index / VARIED_KINDS.len() % DATE_FORMS.len()],
            None => DateForm::FileName,
        };
        let offset = self.rng.pick(OFFSETS);
        let moment = self.timeline.moment(index, offset, &mut self.rng);
        let (title, slug) = titled_slug(&mut self.rng, &mut self.registry, varied_title);
        let shown = date_form.shown(moment);
        let dated_name = date_form == DateForm::FileName || self.rng.one_in(2);
        let file_name = if dated_name {
            format!("{}-{slug}.{}", shown.ymd(), kind.extension())
        } else {
            format!("{slug}.{}", kind.extension())
        };
        let meta = Meta { title, slug, moment, date_form };
        let (head, draft, permalink_slug) = match syntax {
            Some(syntax) => {
                let (front, draft, slug) = self.varied_front_matter(syntax, &meta);
                (format!("{}\n", front.render()), draft, slug)
            }
            None => (self.bare_title(&meta.title.text, kind), false, meta.slug.clone()),
        };
        let body = self.varied_body(kind);
        if !draft {
            self.registry.publish(shown.permalink(&permalink_slug));
        }
        Article { file_name, contents: head + &body, kind, draft }
    }

    fn varied_body(&mut self, kind: Kind) -> String {
        let shape = if self.rng.one_in(2) { TextShape::Wrapped } else { TextShape::Lines };
        let hostile = self.rng.one_in(2);
        match kind {
            Kind::News | Kind::MarkdownYaml | Kind::MarkdownToml => {
                self.prose(Markup::Markdown, true).varied_markdown_body()
            }
            Kind::HtmlYaml => self.prose(Markup::Html, true).html_body(hostile),
            Kind::TextFrontMatter => self.prose(Markup::Plain, true).text_body(shape),
            Kind::TextWrapped => self.prose(Markup::Plain, true).text_body(TextShape::Wrapped),
            Kind::TextLines => self.prose(Markup::Plain, true).text_body(TextShape::Lines),
        }
    }

    /// The title line of a text file without front matter, sometimes after a
    /// blank line; wrapped text also leaves a blank line after it.
    fn bare_title(&mut self, title: &str, kind: Kind) -> String {
        let lead = if self.rng.one_in(4) { "\n" } else { "" };
        let gap = if kind == Kind::TextWrapped { "\n" } else { "" };
        format!("{lead}{title}\n{gap}")
    }
}

/// What a varied article's front matter describes.
struct Meta {
    title: Title,
    slug: String,
    moment: Moment,
    date_form: DateForm,
}

// ---------------------------------------------------------------------------
// Varied front matter
// ---------------------------------------------------------------------------

impl Corpus {
    /// Returns the front matter, whether it is a draft, and the slug the
    /// article is published under.
    fn varied_front_matter(&mut self, syntax: Syntax, meta: &Meta) -> (FrontMatter, bool, String) {
        let mut front = FrontMatter::new(syntax);
        front.push_str("title", meta.title.text.clone());
        self.push_dates(&mut front, meta);
        let slug = self.push_identity(&mut front, meta);
        self.push_authors(&mut front);
        self.push_taxonomy(&mut front);
        self.push_summary(&mut front);
        self.push_extras(&mut front, meta, &slug);
        let draft = self.push_draft(&mut front);
        (front, draft, slug)
    }

    fn push_dates(&mut self, front: &mut FrontMatter, meta: &Meta) {
        let rng = &mut self.rng;
        if let Some(text) = meta.date_form.render(meta.moment) {
            let key = match rng.below(6) {
                0 => "publishDate",
                1 => "pubDate",
                _ => "date",
            };
            let bare = match front.syntax {
                Syntax::Yaml => true,
                Syntax::Toml => meta.date_form.is_toml_datetime(),
            };
            front.push(key, date_value(text, bare && !rng.one_in(3)));
        }
        if rng.one_in(5) {
            let key = rng.pick(&["updated", "lastmod", "last_modified_at"]);
            let later = meta.moment.later_by(rng.range(2, 90) as i64 * 86_400 + rng.below(86_400) as i64);
            front.push(key, date_value(later.rfc3339(), !rng.one_in(3)));
        }
    }

    /// Explicit `slug` (1 in 8) and `id` (1 in 10), both unique.
    fn push_identity(&mut self, front: &mut FrontMatter, meta: &Meta) -> String {
        let rng = &mut self.rng;
        let mut slug = meta.slug.clone();
        if rng.one_in(8) {
            let base = format!("{}-{}-{}", content_word(rng), content_word(rng), content_word(rng));
            slug = self.registry.claim_slug(&base);
            front.push_str("slug", slug.clone());
        }
        if rng.one_in(10) {
            let id = loop {
                let id = match rng.below(3) {
                    0 => format!("tag:example.org,{}:{slug}", meta.moment.utc().ymd()),
                    _ => uuid_urn(rng),
                };
                if self.registry.claim_id(&id) {
                    break id;
                }
            };
            front.push_str("id", id);
        }
        slug
    }

    /// `author` as a string, `authors` as names or as name/email/uri maps, or
    /// nothing.
    fn push_authors(&mut self, front: &mut FrontMatter) {
        let rng = &mut self.rng;
        match rng.below(10) {
            0..4 => front.push_str("author", author(rng)),
            4 | 5 => {
                let count = rng.range(1, 3);
                let names = rng.sample(AUTHORS, count).iter().map(|a| a.0.to_string()).collect();
                front.push("authors", Value::List(names));
            }
            6 | 7 => {
                let count = rng.range(1, 2);
                let people = rng.sample(AUTHORS, count);
                let maps = people.iter().map(|&(name, handle)| person(rng, name, handle)).collect();
                front.push("authors", Value::Maps(maps));
            }
            _ => {}
        }
    }

    /// `tags`, `categories`, both, or Zola-style `taxonomies`.
    fn push_taxonomy(&mut self, front: &mut FrontMatter) {
        let rng = &mut self.rng;
        let tags = Value::List(varied_tags(rng));
        let count = rng.range(1, 2);
        let categories = Value::List(rng.sample(CATEGORIES, count).into_iter().map(String::from).collect());
        match rng.below(10) {
            0..5 => front.push("tags", tags),
            5 => front.push("categories", categories),
            6 => {
                front.push("tags", tags);
                front.push("categories", categories);
            }
            7 => front.push("taxonomies", Value::Table(vec![("tags", tags)])),
            8 => front.push("taxonomies", Value::Table(vec![("tags", tags), ("categories", categories)])),
            _ => {}
        }
    }

    /// One time in three, as `summary`, `description` or `excerpt`.
    fn push_summary(&mut self, front: &mut FrontMatter) {
        let rng = &mut self.rng;
        if rng.one_in(3) {
            let key = rng.pick(&["summary", "description", "excerpt"]);
            let mut summary = plain_sentence(rng, 8, 25);
            if rng.one_in(4) {
                summary.push_str(" Fish & chips, 3 < 4, and <b>no</b> markup.");
            }
            front.push_str(key, summary);
        }
    }

    /// `lang`, `image` and `link` (link posts), each occasionally.
    fn push_extras(&mut self, front: &mut FrontMatter, meta: &Meta, slug: &str) {
        let rng = &mut self.rng;
        let lang = match meta.title.lang {
            Some(lang) if rng.one_in(2) => Some(lang),
            _ => rng.one_in(10).then(|| rng.pick(LANGS)),
        };
        if let Some(lang) = lang {
            front.push_str("lang", lang);
        }
        if rng.one_in(8) {
            let n = rng.range(1, 500);
            let image = match rng.below(3) {
                0 => format!("/images/{n}.jpg"),
                1 => format!("https://example.org/images/{n}.jpg"),
                _ => format!("images/{}.png", content_word(rng)),
            };
            front.push_str("image", image);
            // An enclosure now and then, from the same draw (the stream of
            // random numbers, hence the rest of the corpus, stays as it was).
            if n % 4 == 0 {
                let url = format!("https://cdn.example.org/audio/{n}.mp3");
                let enclosure = vec![("url", url), ("type", "audio/mpeg".into()), ("length", (n * 1000).to_string())];
                front.push("enclosures", Value::Maps(vec![enclosure]));
            }
        }
        if rng.one_in(12) {
            front.push_str("link", format!("https://example.com/{}/{slug}", content_word(rng)));
        }
    }

    /// `draft: true` one time in 50, an explicit `draft: false` sometimes.
    fn push_draft(&mut self, front: &mut FrontMatter) -> bool {
        let draft = self.rng.one_in(50);
        if draft || self.rng.one_in(20) {
            front.push("draft", Value::Raw(draft.to_string()));
        }
        draft
    }
}

fn date_value(text: String, bare: bool) -> Value {
    if bare { Value::Raw(text) } else { Value::Str(text) }
}

fn person(rng: &mut Rng, name: &str, handle: &str) -> Vec<(&'static str, String)> {
    let mut map = vec![("name", name.to_string())];
    if !rng.one_in(3) {
        map.push(("email", format!("{handle}@example.org")));
    }
    if rng.one_in(2) {
        map.push(("uri", format!("https://example.org/people/{handle}/")));
    }
    map
}

fn varied_tags(rng: &mut Rng) -> Vec<String> {
    let count = rng.range(1, 4);
    let mut tags: Vec<String> = rng.sample(&TAGS, count).into_iter().map(String::from).collect();
    if rng.one_in(5) {
        tags.push(rng.pick(UNUSUAL_TAGS).to_string());
    }
    tags
}

/// A random (version 4 layout) UUID as a `urn:uuid:` URI.
fn uuid_urn(rng: &mut Rng) -> String {
    let hi = rng.next_u64();
    let lo = rng.next_u64();
    format!(
        "urn:uuid:{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xffff,
        hi & 0x0fff,
        ((lo >> 48) & 0x3fff) | 0x8000,
        lo & 0xffff_ffff_ffff
    )
}
