//! Rules for RSS 2.0 and 0.91/0.92 documents, mirroring
//! `tests/fixtures/schemas/rss20.rng` (allowed children, counts, value
//! types) and adding what a schema cannot say, named after the W3C Feed
//! Validation Service's messages. Where the schema and the W3C disagree
//! (more than one enclosure, un-canonical dates, 0.9x versions) the W3C's
//! verdict wins: that is what users compare us with.
//!
//! Items are judged one at a time as the parser closes them (`item`); the
//! channel is judged at the end (`finish`), with items left as stubs.
//!
//! Owns the RSS element tables (`CHANNEL_CHILDREN`, `ITEM_CHILDREN`, ...)
//! and every RSS-only rule. Judges `xml::Element`s handed over through
//! `xml::Rules`; never parses, and never uses `atom`: what both formats
//! judge (`atom:link` attributes, namespaces, ids, HTML) is in `shared`.

use std::collections::{HashMap, HashSet};

use super::ext;
use super::finding::{Finding, Findings, Severity};
use super::html;
use super::shared::{self, ATOM_NS, SeenIds, UnknownNamespaces};
use super::values::{self, Contact, UriKind, UriNote};
use super::xml::{self, Element};

const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";
const DC_NS: &str = "http://purl.org/dc/elements/1.1/";
const WFW_NS: &str = "http://wellformedweb.org/CommentAPI/";

const DC_ELEMENTS: &[&str] = &[
    "contributor",
    "coverage",
    "creator",
    "date",
    "description",
    "format",
    "identifier",
    "language",
    "publisher",
    "relation",
    "rights",
    "source",
    "subject",
    "title",
    "type",
];

/// Atom elements the W3C accepts inside an RSS channel or item.
const ATOM_IN_RSS: &[&str] = &[
    "author",
    "category",
    "contributor",
    "generator",
    "icon",
    "id",
    "link",
    "logo",
    "rights",
    "subtitle",
    "title",
    "updated",
    "published",
    "summary",
    "content",
];

/// What the RSS rules remember between items.
#[derive(Debug, Default)]
pub(crate) struct Rules {
    version: String,
    guids: SeenIds,
    unknown_namespaces: UnknownNamespaces,
}

impl xml::Rules for Rules {
    /// Items (any `item` two levels below the root: `rss/channel/item`) are
    /// judged as they close.
    fn closed(&mut self, element: &Element, ancestors: &[Element], out: &mut Findings) -> bool {
        let is_item = ancestors.len() == 2 && element.is("", "item");
        if is_item {
            self.item(element, out);
        }
        is_item
    }

    /// Judges the root and the channel once the document is complete.
    fn finish(&mut self, root: &Element, out: &mut Findings) {
        let channels: Vec<&Element> = root.children_named("", "channel").collect();
        match channels.as_slice() {
            [] => out.error("MissingElement", root.pos, "missing `rss` element: `channel`", "add a `<channel>`"),
            [_, second, ..] => out.error(
                "DuplicateElement",
                second.pos,
                "`rss` contains more than one `channel`",
                "an RSS document holds exactly one channel",
            ),
            _ => {}
        }
        for child in &root.children {
            if !child.is("", "channel") {
                self.foreign_or_undefined(root, child, out);
            }
        }
        if let Some(channel) = channels.first() {
            self.channel(channel, out);
        }
    }
}

impl Rules {
    /// Judges the `rss` start tag (version, DOCTYPE).
    pub(crate) fn new(root: &Element, netscape_doctype: bool, out: &mut Findings) -> Self {
        let version = root.attr("version").map(str::trim).unwrap_or("").to_owned();
        match root.attr("version") {
            None => out.error(
                "MissingAttribute",
                root.pos,
                "missing `rss` attribute: `version`",
                "write `<rss version=\"2.0\">`",
            ),
            Some(_) if !matches!(version.as_str(), "2.0" | "0.91" | "0.92") => out.error(
                "InvalidRSSVersion",
                root.pos,
                format!("invalid RSS version: `{version}`"),
                "released versions are 0.91, 0.92 and 2.0; write `version=\"2.0\"`",
            ),
            _ => {}
        }
        if netscape_doctype && version != "0.91" {
            out.error(
                "InvalidDoctype",
                root.pos,
                "the Netscape RSS 0.91 DOCTYPE conflicts with the version",
                "remove the DOCTYPE",
            );
        }
        unexpected_attrs(root, &["version"], out);
        Rules { version, ..Rules::default() }
    }

    fn is_rss2(&self) -> bool {
        self.version == "2.0"
    }

    /// Judges one `item` of the channel.
    fn item(&mut self, item: &Element, out: &mut Findings) {
        unexpected_attrs(item, &[], out);
        self.children(item, ITEM_CHILDREN, out);
        if item.child("", "title").is_none() && item.child("", "description").is_none() {
            out.error(
                "ItemMustContainTitleOrDescription",
                item.pos,
                "item must contain either `title` or `description`",
                "add a `<title>`",
            );
        }
        let enclosures = item.children_named("", "enclosure").count();
        if enclosures > 1
            && let Some(second) = item.children_named("", "enclosure").nth(1)
        {
            out.warning(
                "DuplicateEnclosure",
                second.pos,
                "item contains more than one enclosure",
                "many readers use only the first enclosure",
            );
        }
        if self.is_rss2() && item.child("", "guid").is_none() {
            out.warning(
                "MissingGuid",
                item.pos,
                "item should contain a `guid` element",
                "add a unique, unchanging `<guid>`",
            );
        }
        if let Some(guid) = item.child("", "guid")
            && !guid.value().is_empty()
            && !self.guids.first_time(guid.value())
        {
            // The W3C's `unique` guid rule: an error, DuplicateValue.
            out.error(
                "DuplicateValue",
                guid.pos,
                format!("two items with the same guid `{}`", guid.value()),
                "give every item its own guid",
            );
        }
        semantics(
            item,
            "item",
            &[("author", DC_NS, "creator"), ("pubDate", DC_NS, "date")],
            "DuplicateItemSemantics",
            out,
        );
        if let (Some(description), Some(content)) = (item.child("", "description"), item.child(CONTENT_NS, "encoded"))
            && content.pos < description.pos
        {
            out.warning(
                "NeedDescriptionBeforeContent",
                content.pos,
                "`content:encoded` comes before `description`",
                "put `description` first: some readers expect it",
            );
        }
    }

    fn channel(&mut self, channel: &Element, out: &mut Findings) {
        unexpected_attrs(channel, &[], out);
        self.children(channel, CHANNEL_CHILDREN, out);
        for (name, code) in [("title", "MissingTitle"), ("link", "MissingLink"), ("description", "MissingDescription")]
        {
            if channel.child("", name).is_none() {
                out.error(
                    code,
                    channel.pos,
                    format!("missing `channel` element: `{name}`"),
                    format!("add a `<{name}>`"),
                );
            }
        }
        // The W3C only notes a missing language (MissingDCLanguage, info),
        // even in RSS 0.91 whose DTD requires it.
        if self.version == "0.91"
            && channel.child("", "language").is_none()
            && channel.child(DC_NS, "language").is_none()
        {
            out.push(Finding::new(
                Severity::Info,
                "MissingDCLanguage",
                channel.pos,
                "missing `channel` element: `language` (RSS 0.91 asks for one)",
                "add a `<language>`",
            ));
        }
        if self.is_rss2() {
            let has_self = channel.children_named(ATOM_NS, "link").any(|l| l.attr("rel") == Some("self"));
            if !has_self {
                out.warning(
                    "MissingAtomSelfLink",
                    channel.pos,
                    "missing `atom:link` with `rel=\"self\"`",
                    "add `<atom:link href=\"FEED URL\" rel=\"self\" type=\"application/rss+xml\"/>`",
                );
            }
        }
        semantics(
            channel,
            "channel",
            &[
                ("language", DC_NS, "language"),
                ("copyright", DC_NS, "rights"),
                ("lastBuildDate", DC_NS, "date"),
                ("managingEditor", DC_NS, "publisher"),
            ],
            "DuplicateSemantics",
            out,
        );
        if let Some(image) = channel.child("", "image") {
            if let (Some(title), Some(channel_title)) = (image.child("", "title"), channel.child("", "title"))
                && title.value() != channel_title.value()
            {
                out.warning(
                    "ImageTitleDoesntMatch",
                    title.pos,
                    "image title doesn't match channel title",
                    "use the channel's title as the image's",
                );
            }
            if let (Some(link), Some(channel_link)) = (image.child("", "link"), channel.child("", "link"))
                && link.value() != channel_link.value()
            {
                out.warning(
                    "ImageLinkDoesntMatch",
                    link.pos,
                    "image link doesn't match channel link",
                    "use the channel's link as the image's",
                );
            }
            if let Some(url) = image.child("", "url") {
                let lower = url.value().to_ascii_lowercase();
                let path = lower.split(['?', '#']).next().unwrap_or("");
                if ![".gif", ".jpg", ".jpeg", ".png"].iter().any(|ext| path.ends_with(ext)) && path.contains('.') {
                    out.warning(
                        "ImageUrlFormat",
                        url.pos,
                        "image not in a required format",
                        "use a GIF, JPEG or PNG image",
                    );
                }
            }
        }
    }

    /// Checks every child of `parent` against `allowed` (no-namespace names
    /// with their rule), counts duplicates, and judges each value.
    fn children(&mut self, parent: &Element, allowed: &[(&str, Rule)], out: &mut Findings) {
        ext::duplicates(parent, out);
        if parent.has_text() {
            out.error(
                "UnexpectedText",
                parent.pos,
                format!("text directly inside `{}`, outside any element", parent.qname),
                "remove the stray text, or move it into an element",
            );
        }
        let mut counts: HashMap<(&str, &str), usize> = HashMap::new();
        for child in &parent.children {
            let count = counts.entry((&child.ns, &child.local)).or_insert(0);
            *count += 1;
            let known = child.ns.is_empty() && allowed.iter().any(|(n, _)| *n == child.local);
            if !known {
                self.foreign_or_undefined(parent, child, out);
                continue;
            }
            let rule = allowed.iter().find(|(n, _)| *n == child.local).map(|(_, r)| *r).unwrap_or(Rule::Text);
            if *count == 2 && !matches!(rule, Rule::Repeat(_)) && (child.local != "enclosure") {
                out.error(
                    "DuplicateElement",
                    child.pos,
                    format!("`{}` contains more than one `{}`", parent.qname, child.local),
                    "keep only one",
                );
            }
            let rule = if let Rule::Repeat(inner) = rule { *inner } else { rule };
            if child.detached {
                continue; // an item, already judged
            }
            self.value(child, rule, out);
        }
    }

    /// Namespaced children (Atom, DC, content, ...) and unknown ones.
    fn foreign_or_undefined(&mut self, parent: &Element, child: &Element, out: &mut Findings) {
        let in_item = parent.local == "item";
        let undefined = |out: &mut Findings| {
            out.error(
                "UndefinedElement",
                child.pos,
                format!("undefined `{}` element: `{}`", parent.qname, child.qname),
                "check the spelling and case, or put your own elements in a namespace",
            );
        };
        match child.ns.as_str() {
            "" => undefined(out),
            ATOM_NS if matches!(parent.local.as_str(), "channel" | "item") => {
                if !ATOM_IN_RSS.contains(&child.local.as_str()) {
                    undefined(out);
                } else if child.local == "link" {
                    atom_link_in_rss(child, out);
                }
            }
            DC_NS if matches!(parent.local.as_str(), "channel" | "item") => {
                if !DC_ELEMENTS.contains(&child.local.as_str()) {
                    undefined(out);
                    return;
                }
                no_child_elements(child, out);
                match child.local.as_str() {
                    "date" => {
                        if let Err(bad) = values::w3cdtf(child.value()) {
                            out.error(
                                bad.code,
                                child.pos,
                                format!("`{}`: {}", child.qname, bad.reason),
                                "write e.g. `2026-01-30T18:00:00Z`",
                            );
                        }
                    }
                    "language" => language(child, out),
                    _ => {}
                }
            }
            CONTENT_NS => {
                if child.local != "encoded" || !in_item {
                    undefined(out);
                    return;
                }
                no_child_elements(child, out);
                if parent.children_named(CONTENT_NS, "encoded").nth(1).is_some_and(|second| second.pos == child.pos) {
                    out.error(
                        "DuplicateElement",
                        child.pos,
                        "`item` contains more than one `content:encoded`",
                        "keep only one",
                    );
                }
                shared::html_warnings(child, &child.text, out);
            }
            WFW_NS if child.local == "commentRSS" => out.warning(
                "CommentRSS",
                child.pos,
                "`wfw:commentRSS` should be `wfw:commentRss`",
                "rename the element to `wfw:commentRss`",
            ),
            "http://search.yahoo.com/mrss" => out.error(
                "MediaRssNamespace",
                child.pos,
                "missing trailing slash in the Media RSS namespace",
                "use `http://search.yahoo.com/mrss/`",
            ),
            _ if ext::judge(parent, child, out) => {}
            ns => self.unknown_namespaces.check(ns, child.pos, out),
        }
    }

    /// Judges one core element's value by its rule.
    fn value(&mut self, el: &Element, rule: Rule, out: &mut Findings) {
        match rule {
            Rule::Text | Rule::Repeat(_) => text(el, out),
            Rule::Html => {
                text_only(el, &[], out);
                shared::html_warnings(el, &el.text, out);
            }
            Rule::Url => {
                text_only(el, &[], out);
                full_uri(el, el.value(), "InvalidFullLink", &el.qname, out);
            }
            Rule::Date => {
                text_only(el, &[], out);
                rfc822(el, out);
            }
            Rule::Email => {
                text_only(el, &[], out);
                contact(el, out);
            }
            Rule::Language => {
                text_only(el, &[], out);
                language(el, out);
            }
            Rule::Integer { code, min, max } => {
                text_only(el, &[], out);
                integer(el, code, min, max, out);
            }
            Rule::Category => text_only(el, &["domain"], out),
            Rule::Guid => self.guid(el, out),
            Rule::Enclosure => enclosure(el, out),
            Rule::Source => source(el, out),
            Rule::Cloud => cloud(el, out),
            Rule::Image => {
                unexpected_attrs(el, &[], out);
                self.children(el, IMAGE_CHILDREN, out);
                required(el, &["url", "title", "link"], out);
            }
            Rule::TextInput => {
                unexpected_attrs(el, &[], out);
                self.children(el, TEXT_INPUT_CHILDREN, out);
                required(el, &["title", "description", "name", "link"], out);
            }
            Rule::SkipHours => self.skip_hours(el, out),
            Rule::SkipDays => self.skip_days(el, out),
            Rule::Day => day(el, out),
            Rule::Name => form_component_name(el, out),
        }
    }

    /// `skipHours`: at most 24 distinct `hour`s, each 0 to 23.
    fn skip_hours(&mut self, el: &Element, out: &mut Findings) {
        unexpected_attrs(el, &[], out);
        // 24 is midnight written the wrong way: a warning for the W3C.
        let (midnight, hours): (Vec<&Element>, Vec<&Element>) =
            el.children_named("", "hour").partition(|h| h.value() == "24");
        for hour in &midnight {
            text_only(hour, &[], out);
            out.warning("UseZeroForMidnight", hour.pos, "write midnight as `0`, not `24`", "write `<hour>0</hour>`");
        }
        let others: Vec<&Element> = el.children.iter().filter(|c| !(c.is("", "hour") && c.value() == "24")).collect();
        for child in others {
            match child.is("", "hour") {
                true => self.value(child, Rule::Integer { code: "InvalidHour", min: 0, max: 23 }, out),
                false => self.foreign_or_undefined(el, child, out),
            }
        }
        if el.child("", "hour").is_none() {
            out.error("MissingElement", el.pos, "missing `skipHours` element: `hour`", "add an `<hour>`");
        }
        let count = hours.len() + midnight.len();
        if count > 24 {
            out.error(
                "NotEnoughHoursInTheDay",
                el.pos,
                "skipHours can not contain more than 24 hour elements",
                "list each hour once",
            );
        }
        // As `skipHours.py`: by number, in document order, with 0 and 24
        // both midnight (only valid hours are remembered).
        let mut seen = HashSet::new();
        for hour in el.children_named("", "hour") {
            let Some(h) = values::non_negative_integer(hour.value()) else { continue };
            if seen.contains(&h) || ((h == 0 || h == 24) && seen.contains(&(24 - h))) {
                out.error(
                    "DuplicateValue",
                    hour.pos,
                    format!("`hour` values must not be duplicated: `{}`", hour.value()),
                    "list each hour once",
                );
            }
            if h <= 23 {
                seen.insert(h);
            }
        }
    }

    /// `skipDays`: at most 7 distinct `day`s.
    fn skip_days(&mut self, el: &Element, out: &mut Findings) {
        unexpected_attrs(el, &[], out);
        self.children(el, &[("day", Rule::Repeat(&Rule::Day))], out);
        if el.child("", "day").is_none() {
            out.error("MissingElement", el.pos, "missing `skipDays` element: `day`", "add a `<day>`");
        }
        let days: Vec<&Element> = el.children_named("", "day").collect();
        if days.len() > 7 {
            out.error(
                "EightDaysAWeek",
                el.pos,
                "skipDays can not contain more than 7 day elements",
                "list each day once",
            );
        }
        duplicates(&days, out);
    }

    fn guid(&mut self, el: &Element, out: &mut Findings) {
        no_child_elements(el, out);
        unexpected_attrs(el, &["isPermaLink"], out);
        let value = el.value();
        let permalink = match el.attr("isPermaLink") {
            None | Some("true") => true,
            Some("false") => false,
            Some(other) => {
                out.error(
                    "InvalidBooleanAttribute",
                    el.pos,
                    format!("`isPermaLink` attribute of `guid` must be 'true' or 'false', not `{other}`"),
                    "write `isPermaLink=\"false\"` unless the guid is the item's URL",
                );
                true
            }
        };
        if value.is_empty() && !permalink {
            out.warning("NotBlank", el.pos, "`guid` should not be blank", "give every item a unique guid");
            return;
        }
        if permalink {
            let lower = value.to_ascii_lowercase();
            // A permalink is a full URL: a scheme, then URI characters.
            if values::scheme(value).is_none_or(|scheme| scheme.len() + 1 == value.len())
                || value
                    .chars()
                    .any(|c| c.is_ascii() && !(c.is_ascii_alphanumeric() || ";/?:@&=+$.-_!~*'()%,#[]".contains(c)))
            {
                out.error(
                    "InvalidHttpGUID",
                    el.pos,
                    "guid must be a full URL, unless isPermaLink attribute is false",
                    "add `isPermaLink=\"false\"`, or use the item's URL",
                );
            } else if lower.starts_with("tag:") || lower.starts_with("urn:uuid:") {
                out.error(
                    "InvalidPermalink",
                    el.pos,
                    format!("guid `{value}` is not a URL a browser can follow, but isPermaLink is true"),
                    "add `isPermaLink=\"false\"`",
                );
            }
        } else if value.len() < 9 && value.bytes().all(|b| b.is_ascii_digit()) {
            out.warning(
                "NotSufficientlyUnique",
                el.pos,
                format!("guid `{value}` is not sufficiently unique"),
                "prefix it with something unique to the site, such as its domain",
            );
        }
    }
}

/// How a core element's value is judged.
#[derive(Debug, Clone, Copy)]
enum Rule {
    Text,
    Html,
    Url,
    Date,
    Email,
    Language,
    Integer {
        code: &'static str,
        min: u64,
        max: u64,
    },
    Category,
    Guid,
    Enclosure,
    Source,
    Cloud,
    Image,
    TextInput,
    SkipHours,
    SkipDays,
    Day,
    Name,
    /// The element may appear more than once.
    Repeat(&'static Rule),
}

const CHANNEL_CHILDREN: &[(&str, Rule)] = &[
    ("title", Rule::Text),
    ("link", Rule::Url),
    ("description", Rule::Html),
    ("language", Rule::Language),
    ("copyright", Rule::Text),
    ("managingEditor", Rule::Email),
    ("webMaster", Rule::Email),
    ("pubDate", Rule::Date),
    ("lastBuildDate", Rule::Date),
    ("category", Rule::Repeat(&Rule::Category)),
    ("generator", Rule::Text),
    ("docs", Rule::Url),
    ("cloud", Rule::Cloud),
    ("ttl", Rule::Integer { code: "InvalidPositiveInteger", min: 1, max: u64::MAX }),
    ("image", Rule::Image),
    ("rating", Rule::Text),
    ("textInput", Rule::TextInput),
    ("skipHours", Rule::SkipHours),
    ("skipDays", Rule::SkipDays),
    ("item", Rule::Repeat(&Rule::Text)),
];

const ITEM_CHILDREN: &[(&str, Rule)] = &[
    ("title", Rule::Text),
    ("link", Rule::Url),
    ("description", Rule::Html),
    ("author", Rule::Email),
    ("category", Rule::Repeat(&Rule::Category)),
    ("comments", Rule::Url),
    ("enclosure", Rule::Enclosure),
    ("guid", Rule::Guid),
    ("pubDate", Rule::Date),
    ("source", Rule::Source),
];

const IMAGE_CHILDREN: &[(&str, Rule)] = &[
    ("url", Rule::Url),
    ("title", Rule::Text),
    ("link", Rule::Url),
    ("width", Rule::Integer { code: "InvalidWidth", min: 1, max: 144 }),
    ("height", Rule::Integer { code: "InvalidHeight", min: 1, max: 400 }),
    ("description", Rule::Text),
];

const TEXT_INPUT_CHILDREN: &[(&str, Rule)] =
    &[("title", Rule::Text), ("description", Rule::Text), ("name", Rule::Name), ("link", Rule::Url)];

/// An element that holds text only, with no attributes beyond `allowed`.
fn text_only(el: &Element, allowed: &[&str], out: &mut Findings) {
    no_child_elements(el, out);
    unexpected_attrs(el, allowed, out);
}

/// Plain text; a title must not be blank nor hold HTML.
fn text(el: &Element, out: &mut Findings) {
    text_only(el, &[], out);
    if el.local == "title" {
        if el.value().is_empty() {
            out.warning("NotBlank", el.pos, format!("`{}` should not be blank", el.qname), "give it a value");
        } else if html::looks_like_html(&el.text) {
            out.warning(
                "ContainsHTML",
                el.pos,
                format!("`{}` should not contain HTML", el.qname),
                "RSS titles are plain text; remove the markup",
            );
        }
    }
}

/// A whole number from `min` to `max` (`code` otherwise).
fn integer(el: &Element, code: &'static str, min: u64, max: u64, out: &mut Findings) {
    match values::non_negative_integer(el.value()) {
        Some(n) if n >= min && n <= max => {}
        _ => {
            let hint = if max == u64::MAX {
                format!("write a whole number of at least {min}")
            } else {
                format!("write a whole number from {min} to {max}")
            };
            out.error(code, el.pos, format!("`{}` must be an integer in range, not `{}`", el.qname, el.value()), hint);
        }
    }
}

/// An item's `source`: text, with a `url` attribute.
fn source(el: &Element, out: &mut Findings) {
    text_only(el, &["url"], out);
    match el.attr("url") {
        None => missing_attr(el, "url", out),
        Some(url) => attr_uri(el, "url", url, out),
    }
}

/// A `skipDays` `day`: an English day name.
fn day(el: &Element, out: &mut Findings) {
    no_child_elements(el, out);
    const DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    if !DAYS.contains(&el.value()) {
        out.error(
            "InvalidDay",
            el.pos,
            format!(
                "`day` must be Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, or Sunday, not `{}`",
                el.value()
            ),
            "write the English day name, capitalised",
        );
    }
}

/// A `textInput` `name`: an HTML form component name.
fn form_component_name(el: &Element, out: &mut Findings) {
    no_child_elements(el, out);
    let v = el.value();
    let ok = v.starts_with(|c: char| c.is_ascii_alphabetic())
        && v.chars().all(|c| c.is_ascii_alphanumeric() || ":-._".contains(c));
    if !ok {
        out.error(
            "InvalidFormComponentName",
            el.pos,
            format!("invalid form component name `{v}`"),
            "start with a letter; use only letters, digits, `:`, `-`, `.` and `_`",
        );
    }
}

fn required(el: &Element, names: &[&str], out: &mut Findings) {
    for name in names {
        if el.child("", name).is_none() {
            out.error(
                "MissingElement",
                el.pos,
                format!("missing `{}` element: `{name}`", el.qname),
                format!("add a `<{name}>` to `<{}>`", el.qname),
            );
        }
    }
}

/// Un-namespaced attributes other than `allowed` (namespaced ones are
/// extensions: UseOfExtensionAttr is only informational, not reported).
fn unexpected_attrs(el: &Element, allowed: &[&str], out: &mut Findings) {
    for attr in &el.attrs {
        if attr.ns.is_empty() && !allowed.contains(&attr.local.as_str()) {
            out.error(
                "UnexpectedAttribute",
                el.pos,
                format!("unexpected `{}` attribute on `{}` element", attr.qname, el.qname),
                "check the spelling and case, or remove it",
            );
        }
    }
}

fn no_child_elements(el: &Element, out: &mut Findings) {
    if let Some(child) = el.children.first() {
        out.error(
            "UndefinedElement",
            child.pos,
            format!("undefined `{}` element: `{}`", el.qname, child.qname),
            "this element holds text only: escape markup as `&lt;` or wrap it in CDATA",
        );
    }
}

fn missing_attr(el: &Element, name: &str, out: &mut Findings) {
    out.error(
        "MissingAttribute",
        el.pos,
        format!("missing `{}` attribute: `{name}`", el.qname),
        format!("add `{name}=\"...\"`"),
    );
}

fn duplicates(elements: &[&Element], out: &mut Findings) {
    let mut seen = HashSet::new();
    for el in elements {
        if !seen.insert(el.value()) {
            out.error(
                "DuplicateValue",
                el.pos,
                format!("`{}` values must not be duplicated: `{}`", el.qname, el.value()),
                "list each value once",
            );
        }
    }
}

/// An element that names the same thing as its namespaced twin.
fn semantics(el: &Element, what: &str, pairs: &[(&str, &str, &str)], code: &'static str, out: &mut Findings) {
    for (core, ns, twin) in pairs {
        if let (Some(_), Some(second)) = (el.child("", core), el.child(ns, twin)) {
            out.warning(
                code,
                second.pos,
                format!(
                    "a{} {what} should not include both `{core}` and `{}`",
                    if what == "item" { "n" } else { "" },
                    second.qname
                ),
                "keep one of the two",
            );
        }
    }
}

fn full_uri(el: &Element, value: &str, code: &'static str, what: &str, out: &mut Findings) {
    match values::uri(value, UriKind::FullUri, code) {
        Ok(UriNote::Fine) => {}
        Ok(UriNote::UnregisteredScheme(scheme)) => out.warning(
            "SchemeNotIANARegistered",
            el.pos,
            format!("URI scheme not IANA registered: `{scheme}`"),
            "use an http(s) URL",
        ),
        Err(bad) => out.error(
            bad.code,
            el.pos,
            format!("`{what}` must be a full URI: {} (`{value}`)", bad.reason),
            "write an absolute URL such as `https://example.com/page`",
        ),
    }
}

fn attr_uri(el: &Element, name: &str, value: &str, out: &mut Findings) {
    full_uri(el, value, "InvalidURLAttribute", &format!("{name}` attribute of `{}", el.qname), out);
}

fn rfc822(el: &Element, out: &mut Findings) {
    match values::rfc822(&el.text) {
        Ok(date) => {
            if date.problematical {
                out.warning(
                    "ProblematicalRFC822Date",
                    el.pos,
                    format!("problematical RFC 822 date-time value `{}`", el.text.trim()),
                    "write it like `Fri, 30 Jan 2026 18:00:00 -0800`, without comments or extra spaces",
                );
            }
            if values::implausible(date.when) {
                out.warning(
                    "ImplausibleDate",
                    el.pos,
                    format!("implausible date: `{}`", el.value()),
                    "check the clock and the time zone",
                );
            }
        }
        Err(bad) => out.error(
            bad.code,
            el.pos,
            format!("`{}` must be an RFC-822 date-time: {} (`{}`)", el.qname, bad.reason, el.value()),
            "write it like `Fri, 30 Jan 2026 18:00:00 -0800`",
        ),
    }
}

fn contact(el: &Element, out: &mut Findings) {
    match values::contact(&el.text) {
        Contact::Recommended => {}
        Contact::MissingRealName => out.warning(
            "MissingRealName",
            el.pos,
            format!("`{}`: email address is missing real name", el.qname),
            "write `name@example.com (Real Name)`",
        ),
        Contact::OtherFormat => out.warning(
            "EmailFormat",
            el.pos,
            format!("`{}`: email address is not in the recommended format", el.qname),
            "write `name@example.com (Real Name)`",
        ),
        Contact::UnknownHost => unknown_host(el, out),
        Contact::Invalid => out.error(
            "InvalidContact",
            el.pos,
            format!("`{}`: invalid email address `{}`", el.qname, el.value()),
            "write `name@example.com (Real Name)`, or use `dc:creator` for a name alone",
        ),
    }
}

fn unknown_host(el: &Element, out: &mut Findings) {
    out.warning(
        "UnknownHost",
        el.pos,
        format!("`{}`: the address's host may not exist: `{}`", el.qname, el.value()),
        "write a full domain name, e.g. `name@example.com`",
    );
}

fn language(el: &Element, out: &mut Findings) {
    if !values::language(el.value()) {
        out.error(
            "InvalidLanguage",
            el.pos,
            format!("`{}` must be an ISO-639 language code, not `{}`", el.qname, el.value()),
            "write a code such as `en` or `en-us`",
        );
    }
}

fn enclosure(el: &Element, out: &mut Findings) {
    unexpected_attrs(el, &["url", "length", "type"], out);
    match el.attr("url") {
        None => missing_attr(el, "url", out),
        Some(url) => {
            let url = url.trim();
            let lower = url.to_ascii_lowercase();
            if values::scheme(url).is_some() && !(lower.starts_with("http://") || lower.starts_with("https://")) {
                out.error(
                    "InvalidURLAttribute",
                    el.pos,
                    format!("`url` attribute of `enclosure` must be an http URL, not `{url}`"),
                    "serve the enclosure over http(s)",
                );
            } else {
                attr_uri(el, "url", url, out);
            }
        }
    }
    match el.attr("length") {
        None => missing_attr(el, "length", out),
        Some(length) => {
            let length = length.trim();
            if length.starts_with('-') || length.is_empty() {
                out.error(
                    "UseZeroForUnknown",
                    el.pos,
                    format!("use zero for unknown length, not `{length}`"),
                    "write `length=\"0\"` when the size is unknown",
                );
            } else if values::non_negative_integer(length).is_none() {
                out.error(
                    "InvalidIntegerAttribute",
                    el.pos,
                    format!("`length` attribute of `enclosure` must be a positive integer, not `{length}`"),
                    "write the size in bytes",
                );
            }
        }
    }
    match el.attr("type") {
        None => missing_attr(el, "type", out),
        Some(kind) if !values::mime_type(kind.trim()) => out.error(
            "InvalidMIMEAttribute",
            el.pos,
            format!("`type` attribute of `enclosure` must be a valid MIME type, not `{kind}`"),
            "write a media type such as `audio/mpeg`",
        ),
        Some(_) => {}
    }
}

fn cloud(el: &Element, out: &mut Findings) {
    unexpected_attrs(el, &["domain", "port", "path", "registerProcedure", "protocol"], out);
    for name in ["domain", "port", "path", "registerProcedure", "protocol"] {
        if el.attr(name).is_none() {
            missing_attr(el, name, out);
        }
    }
    if let Some(port) = el.attr("port")
        && !values::non_negative_integer(port.trim()).is_some_and(|p| (1..=65535).contains(&p))
    {
        out.error(
            "InvalidIntegerAttribute",
            el.pos,
            format!("`port` attribute of `cloud` must be a positive integer, not `{port}`"),
            "write a port number from 1 to 65535",
        );
    }
    if let Some(protocol) = el.attr("protocol")
        && !matches!(protocol, "xml-rpc" | "soap" | "http-post")
    {
        out.error(
            "InvalidValue",
            el.pos,
            format!("invalid value for `protocol`: `{protocol}`"),
            "write `xml-rpc`, `soap` or `http-post`",
        );
    }
}

/// `atom:link` inside RSS (PROFILE 5.1.1).
fn atom_link_in_rss(el: &Element, out: &mut Findings) {
    unexpected_attrs(el, &["href", "rel", "type", "hreflang", "title", "length"], out);
    if el.has_text() {
        out.warning(
            "AtomLinkNotEmpty",
            el.pos,
            "`atom:link` should not have text (all data is in attributes)",
            "write it as an empty element: `<atom:link href=\"...\" rel=\"self\"/>`",
        );
    }
    match el.attr("href") {
        None => out.error("MissingHref", el.pos, "`atom:link` must have an `href` attribute", "add `href=\"...\"`"),
        Some(href) => {
            if let Err(bad) = values::uri(href, UriKind::IriRef, "InvalidIRI") {
                out.error(
                    bad.code,
                    el.pos,
                    format!("`href` attribute of `atom:link`: {}", bad.reason),
                    "write a valid URL",
                );
            } else if el.attr("rel") == Some("self") && values::scheme(href).is_none() {
                out.warning(
                    "RelativeSelf",
                    el.pos,
                    "relative `href` value on self link",
                    "write the feed's absolute URL",
                );
            }
        }
    }
    if let Some(kind) = el.attr("type")
        && !values::mime_type(kind)
    {
        out.error(
            "InvalidMIMEAttribute",
            el.pos,
            format!("`type` attribute of `atom:link` must be a valid MIME type, not `{kind}`"),
            "write a media type such as `application/rss+xml`",
        );
    }
    shared::link_hreflang_and_length(el, out);
}
