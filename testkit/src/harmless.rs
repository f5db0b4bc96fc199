//! The sanitised-HTML invariant, shared by the hostile-input suite
//! (tests/cli/hostile.rs) and the fuzz targets (examples/fuzz-targets.rs):
//! no element, attribute or URL that runs code or changes how the page
//! resolves, no comment, and no relative URL.

/// Decodes the character references an attribute value may hold.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e < 12);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "Tab" => Some('\t'),
                "NewLine" => Some('\n'),
                "colon" => Some(':'),
                _ if name.starts_with("#x") || name.starts_with("#X") => {
                    u32::from_str_radix(&name[2..], 16).ok().and_then(char::from_u32)
                }
                _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Elements that run code, load active content, or change how the rest of
/// the page resolves.
const FORBIDDEN_TAGS: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "input", "button",
    "meta", "link", "svg", "math", "template", "noscript", "textarea", "select", "body", "html", "head",
];

const URL_ATTRIBUTES: &[&str] = &["href", "src", "cite", "action", "formaction", "poster", "background", "xlink:href"];

/// The first executable or relative thing in sanitised `html`, if any.
pub fn executable_in_html(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    if lower.contains("<!--") {
        return Some("a comment".into());
    }
    let bytes = lower.as_bytes();
    let mut at = 0;
    while let Some(offset) = lower[at..].find('<') {
        let start = at + offset + 1;
        let mut end = start;
        // The tag name.
        while end < bytes.len() && !bytes[end].is_ascii_whitespace() && bytes[end] != b'>' && bytes[end] != b'/' {
            end += 1;
        }
        let name = lower[start..end].trim_start_matches('/');
        if FORBIDDEN_TAGS.contains(&name) {
            return Some(format!("a <{name}> element"));
        }
        // The attributes, up to the closing `>` (quoted values may hold `>`).
        let mut i = end;
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                break;
            }
            let name_start = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>' | b'/') {
                i += 1;
            }
            let attribute = &lower[name_start..i];
            let mut value = String::new();
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                let quote = bytes.get(i).copied();
                if matches!(quote, Some(b'"') | Some(b'\'')) {
                    let close = lower[i + 1..].find(quote.unwrap() as char).map_or(bytes.len(), |c| i + 1 + c);
                    value = html[i + 1..close].to_owned();
                    i = close + 1;
                } else {
                    let value_start = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = html[value_start..i].to_owned();
                }
            }
            if attribute.starts_with("on") || attribute == "style" || attribute == "srcdoc" {
                return Some(format!("a `{attribute}` attribute on <{name}>"));
            }
            let value = decode_entities(&value);
            let urls: Vec<&str> = if attribute == "srcset" {
                value.split(',').filter_map(|c| c.split_whitespace().next()).collect()
            } else if URL_ATTRIBUTES.contains(&attribute) {
                vec![value.as_str()]
            } else {
                Vec::new()
            };
            for url in urls {
                let compact: String = url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
                let compact = compact.to_ascii_lowercase();
                if ["javascript:", "vbscript:", "data:", "livescript:"].iter().any(|s| compact.starts_with(s)) {
                    return Some(format!("an executable URL `{url}` in `{attribute}` on <{name}>"));
                }
                if url::Url::parse(url).is_err() {
                    return Some(format!("a relative URL `{url}` in `{attribute}` on <{name}>"));
                }
            }
        }
        at = i.min(bytes.len()).max(start);
        if at >= bytes.len() {
            break;
        }
    }
    None
}
