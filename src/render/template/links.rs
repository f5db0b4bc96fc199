//! Links to other articles (`post_url`, `link`, `ref`, `relref`): where
//! each article is, by the names such links use, and what a link to no
//! article, or to more than one, becomes.

use std::collections::HashMap;

use url::Url;

use super::{Found, Output, Scan};

/// Where each published article is, by the names template links use: its
/// file's path relative to any folder above it, with or without the
/// extension, and for a page bundle (`post/index.md`) its folder's path.
/// The names are worked out when a link is first looked up: most sites
/// have no template links, and some have 100,000 articles.
#[derive(Debug, Default)]
pub(crate) struct Links {
    articles: Vec<(String, Url)>,
    /// `None`: more than one article answers to the name.
    by_name: std::sync::OnceLock<HashMap<String, Option<usize>>>,
}

impl Links {
    /// `articles`: each article's file (as messages name it) and URL.
    pub(crate) fn new<'a>(articles: impl IntoIterator<Item = (&'a str, &'a Url)>) -> Links {
        let articles = articles.into_iter().map(|(file, url)| (file.to_owned(), url.clone())).collect();
        Links { articles, by_name: std::sync::OnceLock::new() }
    }

    fn by_name(&self) -> &HashMap<String, Option<usize>> {
        self.by_name.get_or_init(|| {
            let mut by_name: HashMap<String, Option<usize>> = HashMap::new();
            for (index, (file, url)) in self.articles.iter().enumerate() {
                for name in names_of(file) {
                    by_name
                        .entry(name)
                        .and_modify(|known| {
                            if known.is_some_and(|k| self.articles[k].1 != *url) {
                                *known = None;
                            }
                        })
                        .or_insert(Some(index));
                }
            }
            by_name
        })
    }

    /// The URL of the article `target` names (`_posts/2020-01-01-x.md`,
    /// `2020-01-01-x`, `/posts/x.md#part`, `../x`), fragment kept.
    fn find(&self, target: &str) -> Result<Url, Found> {
        let target = target.trim();
        let (path, fragment) = match target.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (target, None),
        };
        let path = path.split('?').next().unwrap_or_default();
        let parts: Vec<&str> = path.split(['/', '\\']).filter(|p| !p.is_empty() && *p != "." && *p != "..").collect();
        let key = parts.join("/").to_lowercase();
        let by_name = self.by_name();
        let found = by_name.get(&key).or_else(|| by_name.get(strip_extension(&key)));
        match found {
            Some(Some(index)) => {
                let mut url = self.articles[*index].1.clone();
                if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                    url.set_fragment(Some(fragment));
                }
                Ok(url)
            }
            Some(None) => Err(Found::AmbiguousArticle),
            None => Err(Found::NoSuchArticle),
        }
    }
}

fn strip_extension(path: &str) -> &str {
    let last = path.rsplit('/').next().unwrap_or(path);
    match last.rfind('.') {
        Some(dot) if dot > 0 => &path[..path.len() - (last.len() - dot)],
        _ => path,
    }
}

/// Every name `file` answers to, lower-cased (see `Links`).
fn names_of(file: &str) -> Vec<String> {
    let file = file.to_lowercase();
    let parts: Vec<&str> = file.split('/').filter(|p| !p.is_empty() && *p != ".").collect();
    let Some((last, folders)) = parts.split_last() else { return Vec::new() };
    let stem = strip_extension(last);
    let mut variants: Vec<Vec<&str>> = vec![parts.clone()];
    let mut without = folders.to_vec();
    without.push(stem);
    variants.push(without);
    if matches!(stem, "index" | "_index") && !folders.is_empty() {
        variants.push(folders.to_vec());
    }
    let mut names = Vec::new();
    for variant in variants {
        for start in 0..variant.len() {
            names.push(variant[start..].join("/"));
        }
    }
    names.sort();
    names.dedup();
    names
}

/// The longest link label `Scan::unlink` looks back for, in bytes.
const MAX_LABEL: usize = 1000;

impl Scan<'_, '_> {
    /// `post_url`, `link`, `ref`, `relref`: the URL of the article named.
    pub(super) fn link(&mut self, at: usize, end: usize, name: &str, target: &str) -> usize {
        self.report.linked = true;
        let extension = strip_extension(target).len();
        let extension = target[extension..].trim_start_matches('.').to_ascii_lowercase();
        let article = matches!(extension.as_str(), "" | "md" | "markdown" | "html" | "htm" | "txt");
        if name == "link" && !article {
            // Jekyll's `link` names any file of the site (a PDF, an image):
            // it is served at its path.
            let path = target.trim().trim_start_matches("./").trim_start_matches('/');
            if let Ok(url) = self.page.context.site.join(&format!("./{path}")) {
                self.absolute_url(url.as_str());
                return end;
            }
        }
        match self.page.context.links.find(target) {
            Ok(url) => self.absolute_url(url.as_str()),
            Err(what) => {
                self.finding(at, end, what);
                return self.unlink(end);
            }
        }
        end
    }

    /// After a link target that could not be found: in Markdown, the link
    /// `[text](…)` around it becomes its text (an empty target would link
    /// to the article itself).
    fn unlink(&mut self, end: usize) -> usize {
        let buf = &self.out.buf;
        if self.output != Output::Markdown || !buf.ends_with("](") || !self.text[end..].starts_with(')') {
            return end;
        }
        let label_end = buf.len() - 2;
        // A label is short and on one line: looking further back would make
        // a long line of such links take quadratic time.
        let mut window = label_end.saturating_sub(MAX_LABEL);
        while !buf.is_char_boundary(window) {
            window += 1;
        }
        let open = buf[window..label_end].rfind('[').map(|i| window + i);
        let Some(open) = open.filter(|&open| !buf[open..label_end].contains('\n')) else { return end };
        let open = if buf[..open].ends_with('!') { open - 1 } else { open };
        let text = buf[open..label_end].trim_start_matches('!').trim_start_matches('[').to_owned();
        self.out.buf.truncate(open);
        self.out.buf.push_str(&text);
        end + 1
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{md, whats};
    use super::*;

    #[test]
    fn links_to_articles() {
        let (out, found) = md(
            "[a]({% post_url 2020-01-01-x %}) [b]({% link _posts/2020-01-01-x.md %}) [c]({{< ref \"posts/bundle\" >}}) [d]({{< relref \"/bundle/index.md#part\" >}}) [e]({{< ref \"../2023/twin.md\" >}})",
        );
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(
            out,
            "[a](https://example.com/blog/2020/01/x/) [b](https://example.com/blog/2020/01/x/) [c](https://example.com/blog/2021/05/bundle/) [d](https://example.com/blog/2021/05/bundle/#part) [e](https://example.com/blog/2023/02/twin/)"
        );
        // Jekyll's `link` to a file that is not a post: its path on the site.
        assert_eq!(
            md("{% link assets/Paper.PDF %}"),
            ("https://example.com/blog/assets/Paper.PDF".to_owned(), Vec::new())
        );
        let (out, found) = md("[x]({% post_url 1999-01-01-gone %}) [y]({{< ref \"twin\" >}}) {% post_url nope %}");
        assert_eq!(out, "x y ");
        assert_eq!(whats(&found), [Found::NoSuchArticle, Found::AmbiguousArticle, Found::NoSuchArticle]);
        assert_eq!(found[0].offset, 4);
        assert_eq!(found[0].tag, "{% post_url 1999-01-01-gone %}");
    }

    #[test]
    fn link_names() {
        assert_eq!(
            names_of("content/posts/a/index.md"),
            [
                "a",
                "a/index",
                "a/index.md",
                "content/posts/a",
                "content/posts/a/index",
                "content/posts/a/index.md",
                "index",
                "index.md",
                "posts/a",
                "posts/a/index",
                "posts/a/index.md"
            ]
        );
        assert_eq!(strip_extension("a/b.c/d"), "a/b.c/d");
        assert_eq!(strip_extension("a/3.0-released.md"), "a/3.0-released");
    }
}
