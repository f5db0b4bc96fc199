//! Second stage of `check` for XML: stream the document with quick-xml,
//! check it is well-formed XML 1.0, and build small element trees that a
//! format's `Rules` judge.
//!
//! Owns well-formedness (SAXError and the other document-level W3C
//! messages), entities, positions and `Element`. It does not know RSS or
//! Atom: the caller (`check/mod.rs`) chooses the rules when the root
//! element opens, and the parser hands them every element as it closes.
//! Uses only `encoding` (the stream) and `finding`.
//!
//! Memory stays bounded by the largest record: an element the rules judge
//! as a record when it closes (an RSS `item`, an Atom `entry`) is dropped
//! (a stub with its name and position stays in the parent, for counts).
//!
//! Safety: quick-xml never reads external entities or DTDs, and neither do
//! we. Entities declared in the internal DTD subset are expanded one level
//! only, with a cap on the total expansion, so no "billion laughs".
//! `Tracker` counts lines and columns and validates the bytes themselves
//! (UTF-8, characters XML 1.0 forbids) while quick-xml reads them.

use std::collections::HashMap;
use std::io::{self, BufRead};

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

use super::encoding::XmlStream;
use super::finding::{Finding, Findings, Pos, Severity};

/// The namespace of the `xml:` prefix, bound in every document.
pub(crate) const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Total bytes that internal entities may expand to in one document.
const MAX_EXPANSION: usize = 1 << 20;

/// One attribute, namespace resolved and value unescaped.
#[derive(Debug, Clone, Default)]
pub(crate) struct Attr {
    pub(crate) ns: String,
    pub(crate) local: String,
    pub(crate) qname: String,
    pub(crate) value: String,
}

/// One element with its direct text; children are elements only.
#[derive(Debug, Clone, Default)]
pub(crate) struct Element {
    /// Namespace URI, empty for none.
    pub(crate) ns: String,
    pub(crate) local: String,
    /// The name as written (`dc:creator`), for messages.
    pub(crate) qname: String,
    pub(crate) attrs: Vec<Attr>,
    pub(crate) children: Vec<Element>,
    /// Character data directly inside (CDATA included), entities expanded.
    pub(crate) text: String,
    pub(crate) pos: Pos,
    /// The `xml:base` in scope, if any (as written on the nearest element).
    pub(crate) base: Option<String>,
    /// Already judged as a record (item/entry); children were dropped.
    pub(crate) detached: bool,
}

impl Element {
    pub(crate) fn is(&self, ns: &str, local: &str) -> bool {
        self.ns == ns && self.local == local
    }

    /// The first child `ns:local`.
    pub(crate) fn child(&self, ns: &str, local: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.is(ns, local))
    }

    pub(crate) fn children_named<'a>(&'a self, ns: &'a str, local: &'a str) -> impl Iterator<Item = &'a Element> {
        self.children.iter().filter(move |c| c.is(ns, local))
    }

    /// An un-namespaced attribute.
    pub(crate) fn attr(&self, local: &str) -> Option<&str> {
        self.attrs.iter().find(|a| a.ns.is_empty() && a.local == local).map(|a| a.value.as_str())
    }

    pub(crate) fn attr_ns(&self, ns: &str, local: &str) -> Option<&str> {
        self.attrs.iter().find(|a| a.ns == ns && a.local == local).map(|a| a.value.as_str())
    }

    /// The text with surrounding whitespace removed.
    pub(crate) fn value(&self) -> &str {
        self.text.trim()
    }

    /// Whether the element's own text (not its children's) is non-blank.
    pub(crate) fn has_text(&self) -> bool {
        !self.text.trim().is_empty()
    }
}

/// A format's judgement of a document, fed by the parser element by
/// element (children first), while the format keeps what it needs between
/// records.
pub(crate) trait Rules {
    /// `element` has just closed, with all its children; `ancestors` are the
    /// elements still open, root first (never empty: the root goes to
    /// `finish`). Returns whether `element` was a record judged now (an RSS
    /// `item`, an Atom `entry`): the parser then keeps only a stub of it.
    fn closed(&mut self, element: &Element, ancestors: &[Element], out: &mut Findings) -> bool;

    /// The root has closed: judge the document (records are stubs).
    fn finish(&mut self, root: &Element, out: &mut Findings);
}

/// What the document said before its root element that rules may need.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Prolog {
    /// The DOCTYPE is Netscape's RSS 0.91 one.
    pub(crate) netscape_doctype: bool,
}

/// Chooses the rules for a document when its root element opens (with its
/// attributes, no children yet); may report on the root itself.
pub(crate) type Choose<R> = fn(&Element, &Prolog, &mut Findings) -> R;

/// Parses `stream`, reporting well-formedness problems, and runs the rules
/// `choose` picks for its root. Returns those rules, or `None` when the
/// document ended (or broke) before a root element.
pub(crate) fn parse<R: Rules>(
    stream: XmlStream<'_>,
    findings: &mut Findings,
    choose: Choose<R>,
) -> io::Result<Option<R>> {
    let tracker = Tracker::new(stream.reader, stream.ascii_only);
    let mut reader = quick_xml::reader::NsReader::from_reader(tracker);
    reader.config_mut().check_comments = true;
    let mut parser = Parser::new(choose);
    let mut buf = Vec::new();
    loop {
        let start = reader.get_mut().pos();
        let result = reader.read_resolved_event_into(&mut buf).map(|(ns, event)| (resolve(ns), event));
        findings_from_tracker(reader.get_mut(), findings);
        match result {
            Ok((_, Event::Eof)) => break,
            Ok((ns, event)) => {
                parser.event(ns, event, start, &reader, findings);
            }
            Err(quick_xml::Error::Io(err)) => {
                return Err(io::Error::new(err.kind(), err.to_string()));
            }
            Err(err) => {
                // Invalid bytes make quick-xml stop too; say it once.
                if !findings.has_code("UnicodeError") {
                    findings.error(
                        "SAXError",
                        start,
                        format!("XML parsing error: {err}"),
                        "the document is not well-formed XML",
                    );
                }
                return Ok(parser.rules);
            }
        }
        buf.clear();
        if parser.stop {
            return Ok(parser.rules);
        }
    }
    let end = reader.get_mut().pos();
    parser.finish(end, findings);
    Ok(parser.rules)
}

fn findings_from_tracker<R>(tracker: &mut Tracker<R>, findings: &mut Findings) {
    for finding in tracker.scan.found.drain(..) {
        findings.push(finding);
    }
}

/// Namespace URI of a resolved name; `None` for an undeclared prefix.
fn resolve(ns: ResolveResult<'_>) -> Option<String> {
    match ns {
        ResolveResult::Bound(ns) => Some(ns.into_inner().to_owned()),
        ResolveResult::Unbound => Some(String::new()),
        ResolveResult::Unknown(_) => None,
    }
}

struct Parser<R> {
    stack: Vec<Element>,
    choose: Choose<R>,
    /// Chosen when the root element opens.
    rules: Option<R>,
    root_closed: bool,
    seen_markup: bool,
    /// Entities from the internal DTD subset.
    entities: HashMap<String, String>,
    /// A DOCTYPE with an external DTD: undefined entities may be defined
    /// there, which a non-validating parser does not read.
    external_dtd: bool,
    netscape_doctype: bool,
    expanded: usize,
    stop: bool,
}

impl<R: Rules> Parser<R> {
    fn new(choose: Choose<R>) -> Self {
        Parser {
            stack: Vec::new(),
            choose,
            rules: None,
            root_closed: false,
            seen_markup: false,
            entities: HashMap::new(),
            external_dtd: false,
            netscape_doctype: false,
            expanded: 0,
            stop: false,
        }
    }

    fn event(
        &mut self,
        ns: Option<String>,
        event: Event<'_>,
        pos: Pos,
        reader: &quick_xml::reader::NsReader<Tracker<Box<dyn BufRead + '_>>>,
        out: &mut Findings,
    ) {
        match event {
            Event::Decl(decl) => {
                if self.seen_markup || pos != Pos::START {
                    if pos.line > 1 && !self.seen_markup {
                        out.error(
                            "WPBlankLine",
                            pos,
                            "blank line before the XML declaration",
                            "remove everything before `<?xml` (often a blank line printed by a template)",
                        );
                    } else {
                        out.error(
                            "SAXError",
                            pos,
                            "the XML declaration is not at the start of the document",
                            "remove everything before `<?xml`",
                        );
                    }
                }
                match decl.version() {
                    Ok(version) if version == "1.0" => {}
                    Ok(version) => out.error(
                        "BadXmlVersion",
                        pos,
                        format!("feeds must specify XML version 1.0, not `{version}`"),
                        "write `<?xml version=\"1.0\" encoding=\"utf-8\"?>`",
                    ),
                    Err(_) => out.error(
                        "BadXmlVersion",
                        pos,
                        "the XML declaration has no version",
                        "write `<?xml version=\"1.0\" encoding=\"utf-8\"?>`",
                    ),
                }
                self.seen_markup = true;
            }
            Event::DocType(doctype) => {
                self.seen_markup = true;
                self.doctype(&doctype, pos, out);
            }
            Event::Start(start) => self.open(ns, &start, pos, reader, out),
            Event::Empty(start) => {
                self.open(ns, &start, pos, reader, out);
                self.close(out);
            }
            Event::End(_) => self.close(out),
            Event::Text(text) => {
                let text: &str = &text;
                self.text(text, pos, out);
            }
            Event::CData(cdata) => {
                let text: &str = &cdata;
                if self.stack.is_empty() {
                    out.error("SAXError", pos, "CDATA outside the root element", "remove it");
                } else {
                    self.push_text(text);
                }
            }
            Event::GeneralRef(reference) => self.reference(&reference, pos, out),
            Event::Comment(_) | Event::PI(_) => self.seen_markup = true,
            Event::Eof => {}
        }
    }

    fn doctype(&mut self, doctype: &str, pos: Pos, out: &mut Findings) {
        let (head, subset) = match doctype.find('[') {
            Some(at) => (&doctype[..at], &doctype[at..]),
            None => (doctype, ""),
        };
        self.external_dtd = head.contains("SYSTEM") || head.contains("PUBLIC");
        if head.contains("my.netscape.com/publish/formats/rss-0.91.dtd") {
            out.error(
                "DeprecatedDTD",
                pos,
                "the use of this DTD has been deprecated by Netscape",
                "point the DOCTYPE at http://www.rssboard.org/rss-0.91.dtd, or remove it",
            );
        }
        self.netscape_doctype = head.contains("DTD RSS 0.91");
        for decl in subset.split("<!ENTITY").skip(1) {
            let decl = decl.split('>').next().unwrap_or("").trim();
            if decl.starts_with('%') {
                continue; // parameter entities only matter inside the DTD
            }
            let mut parts = decl.splitn(2, char::is_whitespace);
            let name = parts.next().unwrap_or("").to_owned();
            let rest = parts.next().unwrap_or("").trim();
            if rest.starts_with("SYSTEM") || rest.starts_with("PUBLIC") {
                out.error(
                    "ContainsSystemEntity",
                    pos,
                    format!("feeds must not contain SYSTEM entities (`{name}`)"),
                    "remove the external entity: feeds must be self-contained",
                );
                continue;
            }
            let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'');
            if let Some(quote) = quote {
                let value = rest[1..].split(quote).next().unwrap_or("");
                self.entities.entry(name).or_insert_with(|| value.to_owned());
            }
        }
    }

    fn open(
        &mut self,
        ns: Option<String>,
        start: &BytesStart<'_>,
        pos: Pos,
        reader: &quick_xml::reader::NsReader<Tracker<Box<dyn BufRead + '_>>>,
        out: &mut Findings,
    ) {
        self.seen_markup = true;
        let qname = start.name().as_ref().to_owned();
        let local = start.local_name().as_ref().to_owned();
        let ns = ns.unwrap_or_else(|| {
            out.error(
                "UndeclaredPrefix",
                pos,
                format!("undeclared prefix in `{qname}`"),
                "declare the namespace with `xmlns:prefix=\"...\"` on the root element",
            );
            String::new()
        });
        let mut element = Element { ns, local, qname, pos, ..Element::default() };
        for attr in start.attributes() {
            let attr = match attr {
                Ok(attr) => attr,
                Err(err) => {
                    out.error("SAXError", pos, format!("XML parsing error: {err}"), "fix the attributes of this tag");
                    continue;
                }
            };
            let key = attr.key;
            let qname = key.as_ref().to_owned();
            if qname == "xmlns" || qname.starts_with("xmlns:") {
                continue;
            }
            let (attr_ns, local) = reader.resolver().resolve_attribute(key);
            let attr_ns = match resolve(attr_ns) {
                Some(ns) => ns,
                None if qname.starts_with("xml:") => XML_NS.to_owned(),
                None => {
                    out.error(
                        "UndeclaredPrefix",
                        pos,
                        format!("undeclared prefix in attribute `{qname}`"),
                        "declare the namespace on the root element",
                    );
                    String::new()
                }
            };
            let raw: &str = &attr.value;
            if raw.contains('<') {
                out.error("SAXError", pos, format!("`<` in the value of attribute `{qname}`"), "escape it as `&lt;`");
            }
            let value = self.unescape_attr(raw, pos, out);
            let local = local.as_ref().to_owned();
            element.attrs.push(Attr { ns: attr_ns, local, qname, value });
        }
        element.base = element
            .attr_ns(XML_NS, "base")
            .map(str::to_owned)
            .or_else(|| self.stack.last().and_then(|parent| parent.base.clone()));

        if self.stack.is_empty() {
            if self.root_closed {
                out.error(
                    "SAXError",
                    pos,
                    "junk after the document element",
                    "a document has exactly one root element",
                );
                self.stop = true;
                return;
            }
            self.start_root(&element, out);
        }
        self.stack.push(element);
    }

    fn start_root(&mut self, root: &Element, out: &mut Findings) {
        let prolog = Prolog { netscape_doctype: self.netscape_doctype };
        self.rules = Some((self.choose)(root, &prolog, out));
    }

    fn close(&mut self, out: &mut Findings) {
        let Some(element) = self.stack.pop() else { return };
        if self.stack.is_empty() {
            self.root_closed = true;
            if let Some(rules) = self.rules.as_mut() {
                rules.finish(&element, out);
            }
            return;
        }
        let is_record = self.rules.as_mut().is_some_and(|rules| rules.closed(&element, &self.stack, out));
        let element = if is_record {
            Element {
                ns: element.ns,
                local: element.local,
                qname: element.qname,
                pos: element.pos,
                detached: true,
                ..Element::default()
            }
        } else {
            element
        };
        if let Some(parent) = self.stack.last_mut() {
            // One stub stands for a run of records: enough for the order
            // rules, and memory stays flat however many items stream past.
            let repeats_a_stub = is_record
                && parent.children.last().is_some_and(|last| last.detached && last.is(&element.ns, &element.local));
            if !repeats_a_stub {
                parent.children.push(element);
            }
        }
    }

    fn text(&mut self, text: &str, pos: Pos, out: &mut Findings) {
        if self.stack.is_empty() {
            if !text.trim().is_empty() {
                let what = if self.root_closed { "after" } else { "before" };
                out.error(
                    "SAXError",
                    pos,
                    format!("text {what} the root element"),
                    "a document is one root element, with only comments and whitespace around it",
                );
                self.stop = self.root_closed;
            }
            return;
        }
        self.push_text(text);
    }

    fn push_text(&mut self, text: &str) {
        if let Some(top) = self.stack.last_mut() {
            top.text.push_str(text);
        }
    }

    fn reference(&mut self, reference: &quick_xml::events::BytesRef<'_>, pos: Pos, out: &mut Findings) {
        let name: &str = reference;
        // The references every escaped HTML value is full of: no allocation.
        if !self.stack.is_empty()
            && let Some(c) = predefined(name).or_else(|| character(name).filter(|c| is_xml_char(*c)))
        {
            if let Some(top) = self.stack.last_mut() {
                top.text.push(c);
            }
            return;
        }
        let expansion = self.expand(name, pos, out);
        if self.stack.is_empty() {
            out.error("SAXError", pos, "entity reference outside the root element", "remove it");
            return;
        }
        if let Some(text) = expansion {
            self.push_text(&text);
        }
    }

    /// The text an entity or character reference (`name` without `&` `;`)
    /// stands for; reports bad ones.
    fn expand(&mut self, name: &str, pos: Pos, out: &mut Findings) -> Option<String> {
        if name.starts_with('#') {
            return match character(name).filter(|c| is_xml_char(*c)) {
                Some(c) => Some(c.to_string()),
                None => {
                    out.error(
                        "SAXError",
                        pos,
                        format!("reference to invalid character number `&{name};`"),
                        "XML 1.0 forbids this character even as a reference; remove it",
                    );
                    None
                }
            };
        }
        if let Some(c) = predefined(name) {
            return Some(c.to_string());
        }
        if let Some(value) = self.entities.get(name) {
            self.expanded += value.len();
            if self.expanded > MAX_EXPANSION {
                out.error(
                    "ValidatorLimit",
                    pos,
                    "entity expansion limit exceeded",
                    "do not use DTD entities in feeds; write the text out",
                );
                self.stop = true;
                return None;
            }
            // One level only: references inside the value are kept as written.
            return Some(value.clone());
        }
        if !self.external_dtd {
            out.error(
                "UndefinedNamedEntity",
                pos,
                format!("undefined named entity: `&{name};`"),
                "XML defines only &amp; &lt; &gt; &quot; &apos;; use a numeric reference such as `&#160;`",
            );
        }
        None
    }

    fn unescape_attr(&mut self, raw: &str, pos: Pos, out: &mut Findings) -> String {
        if !raw.contains('&') && !raw.contains(['\t', '\n', '\r']) {
            return raw.to_owned();
        }
        let mut value = String::with_capacity(raw.len());
        let mut rest = raw;
        while let Some(at) = rest.find(['&', '\t', '\n', '\r']) {
            value.push_str(&rest[..at]);
            let tail = &rest[at..];
            if !tail.starts_with('&') {
                // Attribute-value normalisation: whitespace characters become spaces.
                value.push(' ');
                rest = &tail[1..];
                continue;
            }
            match tail.find(';') {
                Some(end) if end > 1 => {
                    if let Some(text) = self.expand(&tail[1..end], pos, out) {
                        value.push_str(&text);
                    }
                    rest = &tail[end + 1..];
                }
                _ => {
                    out.error("SAXError", pos, "unescaped `&` in an attribute value", "write it as `&amp;`");
                    value.push('&');
                    rest = &tail[1..];
                }
            }
        }
        value.push_str(rest);
        value
    }

    fn finish(&mut self, end: Pos, out: &mut Findings) {
        if let Some(open) = self.stack.last() {
            out.error(
                "SAXError",
                end,
                format!("no closing tag for `<{}>` (line {})", open.qname, open.pos.line),
                "the document is cut short or a tag is not closed",
            );
        } else if !self.root_closed {
            out.error("SAXError", end, "no element found", "the document is empty or not XML");
        }
    }
}

/// The character a predefined entity (`lt`, without `&` `;`) stands for.
fn predefined(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

/// The character a character reference (`#38`, `#x26`) stands for, if it
/// is one; whether XML allows it is the caller's question.
fn character(name: &str) -> Option<char> {
    let number = name.strip_prefix('#')?;
    let code = match number.strip_prefix('x') {
        Some(hex) => u32::from_str_radix(hex, 16).ok(),
        None => number.parse::<u32>().ok(),
    };
    code.and_then(char::from_u32)
}

/// XML 1.0 `Char`.
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// A `BufRead` adapter that follows the bytes quick-xml consumes: it counts
/// lines and columns (so an event's position is the position before it is
/// read), validates UTF-8 and finds the characters XML 1.0 forbids.
pub(crate) struct Tracker<R> {
    inner: R,
    scan: Scan,
}

/// What `Tracker` knows of the bytes consumed so far.
struct Scan {
    line: u64,
    /// Characters since the start of the line.
    col: u64,
    ascii_only: bool,
    /// Continuation bytes still expected by the current UTF-8 sequence.
    need: u8,
    code: u32,
    min: u32,
    seq: Pos,
    found: Vec<Finding>,
}

impl<R> Tracker<R> {
    fn new(inner: R, ascii_only: bool) -> Self {
        let scan = Scan { line: 1, col: 0, ascii_only, need: 0, code: 0, min: 0, seq: Pos::START, found: Vec::new() };
        Self { inner, scan }
    }

    pub(crate) fn pos(&self) -> Pos {
        Pos { line: self.scan.line, col: self.scan.col + 1 }
    }
}

/// Whether every byte of `chunk` is printable ASCII (tested a chunk at a
/// time: the loop has no early exit, so it compiles to vector compares).
fn all_printable_ascii(chunk: &[u8]) -> bool {
    chunk.iter().fold(true, |all, &b| all & (b.wrapping_sub(0x20) < 0x60))
}

impl Scan {
    fn bad(&mut self, code: &'static str, pos: Pos, message: String) {
        // A few per file is enough; `Findings` caps the rest anyway.
        if self.found.len() < 16 {
            let hint = if code == "UnicodeError" {
                "save the file in the encoding it declares (UTF-8 unless stated)"
            } else {
                "XML 1.0 forbids this character anywhere; remove it"
            };
            self.found.push(Finding::new(Severity::Error, code, pos, message, hint));
        }
    }

    fn scan(&mut self, bytes: &[u8]) {
        const CHUNK: usize = 32;
        let mut i = 0;
        while i < bytes.len() {
            if self.need == 0 {
                // Fast path: a run of printable ASCII only moves the column.
                let start = i;
                while i + CHUNK <= bytes.len() && all_printable_ascii(&bytes[i..i + CHUNK]) {
                    i += CHUNK;
                }
                let run = bytes[i..]
                    .iter()
                    .position(|&b| !matches!(b, 0x20..=0x7F | b'\t' | b'\r'))
                    .unwrap_or(bytes.len() - i);
                i += run;
                self.col += (i - start) as u64;
                if i == bytes.len() {
                    break;
                }
            }
            let b = bytes[i];
            i += 1;
            if self.need > 0 {
                if b & 0xC0 == 0x80 {
                    self.code = (self.code << 6) | u32::from(b & 0x3F);
                    self.need -= 1;
                    if self.need == 0 {
                        self.end_sequence();
                    }
                    continue;
                }
                self.need = 0;
                let at = self.seq;
                self.bad("UnicodeError", at, "invalid UTF-8 byte sequence".to_owned());
            }
            match b {
                b'\n' => {
                    self.line += 1;
                    self.col = 0;
                }
                b'\t' | b'\r' | 0x20..=0x7F => self.col += 1,
                0x00..=0x1F => {
                    self.col += 1;
                    let at = self.pos_before();
                    self.bad("SAXError", at, format!("character U+{b:04X} is not allowed in XML 1.0"));
                }
                _ if self.ascii_only => {
                    self.col += 1;
                    let at = self.pos_before();
                    self.bad("UnicodeError", at, format!("byte 0x{b:02X} in a document declared US-ASCII"));
                }
                0xC2..=0xDF => self.begin(b, 1, 0x1F, 0x80),
                0xE0..=0xEF => self.begin(b, 2, 0x0F, 0x800),
                0xF0..=0xF4 => self.begin(b, 3, 0x07, 0x10000),
                _ => {
                    self.col += 1;
                    let at = self.pos_before();
                    self.bad("UnicodeError", at, format!("byte 0x{b:02X} is not valid UTF-8"));
                }
            }
        }
    }

    fn pos_before(&self) -> Pos {
        Pos { line: self.line, col: self.col }
    }

    fn begin(&mut self, b: u8, need: u8, mask: u8, min: u32) {
        self.col += 1;
        self.seq = self.pos_before();
        self.need = need;
        self.code = u32::from(b & mask);
        self.min = min;
    }

    fn end_sequence(&mut self) {
        let at = self.seq;
        match char::from_u32(self.code) {
            Some(c) if self.code >= self.min => {
                if !is_xml_char(c) {
                    self.bad("SAXError", at, format!("character U+{:04X} is not allowed in XML 1.0", self.code));
                }
            }
            _ => self.bad("UnicodeError", at, "invalid UTF-8 byte sequence".to_owned()),
        }
    }
}

impl<R: BufRead> io::Read for Tracker<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Tracker<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        // fill_buf on a non-empty buffer returns it again without reading.
        if let Ok(buffer) = self.inner.fill_buf() {
            self.scan.scan(&buffer[..amount.min(buffer.len())]);
        }
        self.inner.consume(amount);
    }
}

#[cfg(test)]
mod tests {
    use crate::check::codes;

    #[test]
    fn well_formedness_errors_have_line_and_column() {
        let cases: &[(&str, &[&str])] = &[
            ("<rss version=\"2.0\"><channel></rss>", &["SAXError@1:29"]),
            ("<?xml version=\"1.0\"?>\n<a>\n  x\u{1}y</a>", &["SAXError@3:4", "UndefinedElement@2:1"]),
            ("\n<?xml version=\"1.0\"?><a/>", &["UndefinedElement@2:22", "WPBlankLine@2:1"]),
            ("<?xml version=\"1.1\"?><a/>", &["BadXmlVersion@1:1", "UndefinedElement@1:22"]),
            ("<a>&nbsp;</a>", &["UndefinedElement@1:1", "UndefinedNamedEntity@1:4"]),
            ("<a>&#1;</a>", &["UndefinedElement@1:1", "SAXError@1:4"]),
            ("<a/><b/>", &["UndefinedElement@1:1", "SAXError@1:5"]),
            ("", &["SAXError@1:1"]),
            ("<x:a/>", &["UndeclaredPrefix@1:1", "UndefinedElement@1:1"]),
        ];
        for (input, want) in cases {
            let mut got = codes(input.as_bytes());
            got.sort();
            let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
            want.sort();
            assert_eq!(got, want, "input: {input:?}");
        }
    }

    #[test]
    fn invalid_utf8_and_forbidden_characters() {
        let got = codes(b"<a>\xff</a>");
        assert!(got.contains(&"UnicodeError@1:4".to_owned()), "{got:?}");
        let got = codes("<a>\u{FFFE}</a>".as_bytes());
        assert!(got.contains(&"SAXError@1:4".to_owned()), "{got:?}");
    }

    #[test]
    fn entities_expand_once_and_never_from_outside() {
        let doc = "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\"><!ENTITY y \"why\">]><a>&y;&x;</a>";
        let got = codes(doc.as_bytes());
        assert!(got.iter().any(|c| c.starts_with("ContainsSystemEntity")), "{got:?}");
        let mut laughs = String::from("<!DOCTYPE a [<!ENTITY l \"");
        laughs.push_str(&"ha".repeat(1000));
        laughs.push_str("\">]><a>");
        laughs.push_str(&"&l;".repeat(1000));
        laughs.push_str("</a>");
        let got = codes(laughs.as_bytes());
        assert!(got.iter().any(|c| c.starts_with("ValidatorLimit")), "{got:?}");
    }

    #[test]
    fn never_panics_on_arbitrary_bytes() {
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
        let samples: &[&[u8]] =
            &[b"<rss version=\"2.0\"><channel><item>", b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"];
        for round in 0..400 {
            let mut bytes = samples[round % 2].to_vec();
            for _ in 0..(round % 64) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let alphabet = b"<>/&;\"' =abc:\x00\xff\xc3";
                bytes.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            let _ = codes(&bytes);
        }
    }
}
