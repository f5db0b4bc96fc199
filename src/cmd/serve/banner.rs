//! The failed rebuild, shown where the site owner is looking: a banner at
//! the top of the served index page (the file on disk is left alone), or a
//! page of its own when there is no index yet.

use crate::text::escape_html;

const STYLE: &str = "position:sticky;top:0;z-index:1000;margin:0;padding:1em;background:#fee;color:#600;\
border-bottom:3px solid #c00;font:14px/1.4 monospace;white-space:pre-wrap;overflow:auto;max-height:60vh";

fn banner(message: &str) -> String {
    format!(
        "<div id=\"feedwright-build-error\" role=\"alert\" style=\"{STYLE}\"><strong>feedwright: the last rebuild \
         failed; these are the last good feeds.</strong>\n\n{}</div>",
        escape_html(message)
    )
}

/// `index` with the banner just inside its `<body>` (or first, when it has
/// none).
pub(crate) fn inject(index: &[u8], message: &str) -> Vec<u8> {
    let banner = banner(message);
    let lowered = index.to_ascii_lowercase();
    let at = memchr::memmem::find(&lowered, b"<body")
        .and_then(|body| memchr::memchr(b'>', &index[body..]).map(|end| body + end + 1))
        .unwrap_or(0);
    let mut out = Vec::with_capacity(index.len() + banner.len());
    out.extend_from_slice(&index[..at]);
    out.extend_from_slice(banner.as_bytes());
    out.extend_from_slice(&index[at..]);
    out
}

/// A page of its own, for `/` when the output folder has no index.html.
pub(crate) fn page(message: &str) -> Vec<u8> {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>feedwright: build failed</title>\
         </head><body>{}</body></html>\n",
        banner(message)
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banner_goes_inside_the_body_escaped() {
        let page = inject(b"<html><BODY class=\"x\"><h1>News</h1></body></html>", "a.md:3: bad <date>");
        let text = String::from_utf8(page).unwrap();
        assert!(text.starts_with("<html><BODY class=\"x\"><div id=\"feedwright-build-error\""), "{text}");
        assert!(text.contains("a.md:3: bad &lt;date&gt;"));
        assert!(text.ends_with("<h1>News</h1></body></html>"));
    }

    #[test]
    fn without_a_body_the_banner_comes_first() {
        let text = String::from_utf8(inject(b"plain", "oops")).unwrap();
        assert!(text.starts_with("<div") && text.ends_with("plain"));
        assert!(String::from_utf8(page("oops")).unwrap().contains("oops"));
    }
}
