//! The layout of the crate itself, as tests (this file is compiled for
//! tests only; docs/architecture.md says why each rule holds):
//! - the top-level modules (`config`, `model`, `format`…) import each other
//!   in one direction only;
//! - within a folder module, the files other than `mod.rs` import each
//!   other in one direction only; in `check/`, nothing imports `mod.rs`
//!   either (it only orchestrates);
//! - no function is longer than `MAX_FN_LINES` lines.
//!
//! Unit tests (`mod tests`) are left out: each is a module of its own, and
//! may run the whole pipeline.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The longest a function may be, from `fn` to its closing brace.
const MAX_FN_LINES: usize = 120;

/// Every file of the folder `src/<folder>`: module name (`mod` for
/// `mod.rs`) and its code, with comments and literals blanked and the unit
/// tests cut off.
fn sources(folder: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(folder);
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|ext| ext == "rs") {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let code = code_only(&std::fs::read_to_string(&path).unwrap());
            let code = match code.find("#[cfg(test)]\nmod tests") {
                Some(at) => code[..at].to_owned(),
                None => code,
            };
            files.push((name, code));
        }
    }
    files.sort();
    files
}

/// `text` with comments and the insides of string and character literals
/// replaced by spaces (line breaks kept), so that braces and paths found
/// in it are code.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |out: &mut String, from: &[char]| {
        out.extend(from.iter().map(|&c| if c == '\n' { '\n' } else { ' ' }));
    };
    let mut i = 0;
    while i < chars.len() {
        let rest = &chars[i..];
        let starts = |s: &str| s.chars().enumerate().all(|(k, c)| rest.get(k) == Some(&c));
        let ident_before = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        let end = if starts("//") {
            rest.iter().position(|&c| c == '\n').unwrap_or(rest.len())
        } else if starts("/*") {
            (2..rest.len()).find(|&k| rest[k - 1] == '*' && rest[k] == '/').map_or(rest.len(), |k| k + 1)
        } else if let Some(open) = raw_string_quote(rest).filter(|_| !ident_before) {
            let hashes = rest[..open].iter().filter(|&&c| c == '#').count();
            let close: Vec<char> = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            (open + 1..rest.len()).find(|&k| rest[k..].starts_with(&close)).map_or(rest.len(), |k| k + close.len())
        } else if starts("\"") || (!ident_before && starts("b\"")) {
            let mut k = rest.iter().position(|&c| c == '"').unwrap_or(0) + 1;
            while k < rest.len() && rest[k] != '"' {
                k += if rest[k] == '\\' { 2 } else { 1 };
            }
            k + 1
        } else if starts("'") || (!ident_before && starts("b'")) {
            let open = rest.iter().position(|&c| c == '\'').unwrap_or(0);
            if rest.get(open + 1) == Some(&'\\') {
                (open + 3..rest.len()).find(|&k| rest[k] == '\'').map_or(rest.len(), |k| k + 1)
            } else if rest.get(open + 2) == Some(&'\'') {
                open + 3
            } else {
                0 // a lifetime or label: code
            }
        } else {
            0
        };
        if end == 0 {
            out.push(chars[i]);
            i += 1;
        } else {
            let end = end.min(rest.len());
            blank(&mut out, &rest[..end]);
            i += end;
        }
    }
    out
}

/// Where the opening quote of a raw string (`r"`, `r#"`, `br#"`) that
/// starts `rest` is.
fn raw_string_quote(rest: &[char]) -> Option<usize> {
    let after_r = match rest {
        ['r', ..] => 1,
        ['b', 'r', ..] => 2,
        _ => return None,
    };
    let hashes = rest[after_r..].iter().take_while(|&&c| c == '#').count();
    (rest.get(after_r + hashes) == Some(&'"')).then_some(after_r + hashes)
}

/// The files of the folder module `module` (`check`, `cmd::build`) that
/// `code`, one of its files, refers to through `super::` or
/// `crate::<module>::`; `mod` for an item of `mod.rs`.
fn imports(code: &str, module: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let absolute = format!("crate::{module}::");
    for prefix in ["super::", absolute.as_str()] {
        for (at, _) in code.match_indices(prefix) {
            if code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':') {
                continue; // `super::super::`, or part of a longer path
            }
            let rest = &code[at + prefix.len()..];
            let names: Vec<&str> = match rest.strip_prefix('{') {
                Some(group) => {
                    let mut depth = 0;
                    let end = group
                        .char_indices()
                        .find(|&(_, c)| {
                            depth += i32::from(c == '{') - i32::from(c == '}');
                            depth < 0
                        })
                        .map_or(group.len(), |(k, _)| k);
                    let mut parts = Vec::new();
                    let mut depth = 0;
                    let mut start = 0;
                    for (k, c) in group[..end].char_indices() {
                        depth += i32::from(c == '{') - i32::from(c == '}');
                        if c == ',' && depth == 0 {
                            parts.push(&group[start..k]);
                            start = k + 1;
                        }
                    }
                    parts.push(&group[start..end]);
                    parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect()
                }
                None => vec![rest],
            };
            for name in names {
                let ident: String = name.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                found.insert(if modules.contains(&ident) && ident != "mod" { ident } else { "mod".to_owned() });
            }
        }
    }
    found
}

/// File -> the files of the same folder module it uses. `mod.rs` uses
/// every other file.
fn graph(folder: &str) -> BTreeMap<String, BTreeSet<String>> {
    let files = sources(folder);
    let module = folder.replace('/', "::");
    let modules: BTreeSet<String> = files.iter().map(|(name, _)| name.clone()).collect();
    files
        .iter()
        .map(|(name, code)| {
            let uses = if name == "mod" {
                modules.iter().filter(|m| *m != "mod").cloned().collect()
            } else {
                let mut uses = imports(code, &module, &modules);
                uses.remove(name);
                uses
            };
            (name.clone(), uses)
        })
        .collect()
}

/// Every folder of `src/` that is a module (has a `mod.rs`), as a path
/// relative to `src/`.
fn folder_modules() -> Vec<String> {
    fn walk(dir: &Path, relative: &str, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let relative = if relative.is_empty() { name } else { format!("{relative}/{name}") };
                if path.join("mod.rs").is_file() {
                    found.push(relative.clone());
                }
                walk(&path, &relative, found);
            }
        }
    }
    let mut found = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), "", &mut found);
    found.sort();
    found
}

/// Top-level module -> the top-level modules its files refer to (`crate::x`).
fn top_level_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut tops: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for entry in std::fs::read_dir(&src).unwrap().flatten() {
        let path = entry.path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if matches!(name.as_str(), "lib" | "main" | "layout") {
            continue;
        }
        if path.is_dir() {
            let mut codes = Vec::new();
            let mut stack = vec![path];
            while let Some(dir) = stack.pop() {
                for file in std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()) {
                    if file.is_dir() {
                        stack.push(file);
                    } else if file.extension().is_some_and(|e| e == "rs") {
                        codes.push(without_tests(code_only(&std::fs::read_to_string(&file).unwrap())));
                    }
                }
            }
            tops.insert(name, codes);
        } else if path.extension().is_some_and(|e| e == "rs") {
            tops.insert(name, vec![without_tests(code_only(&std::fs::read_to_string(&path).unwrap()))]);
        }
    }
    let names: BTreeSet<String> = tops.keys().cloned().collect();
    tops.iter()
        .map(|(name, codes)| {
            let mut uses = BTreeSet::new();
            for code in codes {
                for (at, _) in code.match_indices("crate::") {
                    let ident: String =
                        code[at + 7..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                    if names.contains(&ident) && ident != *name {
                        uses.insert(ident);
                    }
                }
            }
            (name.clone(), uses)
        })
        .collect()
}

fn without_tests(code: String) -> String {
    match code.find("#[cfg(test)]\nmod tests") {
        Some(at) => code[..at].to_owned(),
        None => code,
    }
}

/// A cycle in `graph`, as the path that closes it, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

/// (file, first line, name, lines) of every function longer than `max`.
fn long_functions(max: usize) -> Vec<(String, usize, String, usize)> {
    let mut long = Vec::new();
    let mut files: Vec<(String, String)> =
        sources("").into_iter().map(|(name, code)| (format!("src/{name}.rs"), code)).collect();
    for folder in folder_modules() {
        files.extend(sources(&folder).into_iter().map(|(name, code)| (format!("src/{folder}/{name}.rs"), code)));
    }
    for (file, code) in files {
        for (at, _) in code.match_indices("fn ") {
            if code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let after = &code[at + 3..];
            let name: String = after.trim_start().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            let (Some(open), semicolon) = (after.find('{'), after.find(';')) else { continue };
            if name.is_empty() || semicolon.is_some_and(|s| s < open) {
                continue; // a function type, or a declaration without a body
            }
            let mut depth = 0;
            let close = after[open..]
                .char_indices()
                .find(|&(_, c)| {
                    depth += i32::from(c == '{') - i32::from(c == '}');
                    depth == 0
                })
                .map_or(after.len(), |(k, _)| open + k);
            let first = code[..at].matches('\n').count() + 1;
            let lines = after[..close].matches('\n').count() + 1;
            if lines > max {
                long.push((file.clone(), first, name, lines));
            }
        }
    }
    long
}

#[test]
fn no_import_cycle_between_the_files_of_check() {
    let graph = graph("check");
    assert!(graph.len() > 10 && graph["rss"].contains("xml"), "the import scan finds nothing: {graph:?}");
    if let Some(cycle) = find_cycle(&graph) {
        panic!("import cycle in src/check/: {}\n{graph:#?}", cycle.join(" -> "));
    }
}

#[test]
fn no_import_cycle_between_the_files_of_a_module() {
    let folders = folder_modules();
    assert!(folders.contains(&"cmd/build".to_owned()) && folders.contains(&"model".to_owned()), "{folders:?}");
    for folder in folders {
        let mut graph = graph(&folder);
        // `mod.rs` is the module's root: its children may use its types.
        graph.remove("mod");
        graph.values_mut().for_each(|uses| {
            uses.remove("mod");
        });
        if let Some(cycle) = find_cycle(&graph) {
            panic!("import cycle in src/{folder}/: {}\n{graph:#?}", cycle.join(" -> "));
        }
    }
    assert!(graph("cmd/build")["self_check"].contains("made"), "the import scan finds nothing");
}

#[test]
fn no_import_cycle_between_top_level_modules() {
    let graph = top_level_graph();
    assert!(graph["format"].contains("model") && graph["cmd"].contains("config"), "{graph:#?}");
    if let Some(cycle) = find_cycle(&graph) {
        panic!("import cycle between top-level modules: {}\n{graph:#?}", cycle.join(" -> "));
    }
}

#[test]
fn no_function_is_over_the_limit() {
    let long = long_functions(MAX_FN_LINES);
    let listed: Vec<String> =
        long.iter().map(|(file, line, name, lines)| format!("{file}:{line}: {name}: {lines} lines")).collect();
    assert!(listed.is_empty(), "over {MAX_FN_LINES} lines; split by what each part decides:\n{}", listed.join("\n"));
    // The scan sees functions (this file's own are some 20 to 60 lines long).
    assert!(!long_functions(40).is_empty());
}

#[test]
fn the_scans_skip_literals_and_comments() {
    let code = code_only("fn a() { let b = '{'; let c = \"}\"; // }\n let d: &'static str = r#\"{\"#; }\n");
    assert!(!code.contains("'{'") && !code.contains("\"}\"") && code.contains("&'static"), "{code}");
    assert_eq!(code.matches('{').count(), code.matches('}').count(), "{code}");
    let modules: BTreeSet<String> = ["xml", "values", "mod"].iter().map(|s| s.to_string()).collect();
    let found = imports("use super::{xml::Element, Findings};\nuse super::values;", "check", &modules);
    assert_eq!(found, ["mod", "values", "xml"].iter().map(|s| s.to_string()).collect());
    let cyclic: BTreeMap<String, BTreeSet<String>> = [("a", "b"), ("b", "a")]
        .iter()
        .map(|(from, to)| (from.to_string(), BTreeSet::from([to.to_string()])))
        .collect();
    assert_eq!(find_cycle(&cyclic), Some(vec!["a".to_owned(), "b".to_owned(), "a".to_owned()]));
}
