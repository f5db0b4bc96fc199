//! `feedwright list [--format json]`: every article with its status, date,
//! id, slug, tags and file.

use serde::Serialize;

use crate::cache::Articles;
use crate::catalog::{Catalog, Discovered};
use crate::cli::{ListArgs, ListFormat};
use crate::config;
use crate::diagnostic::Diagnostic;
use crate::error::Failure;
use crate::model::date;

#[derive(Serialize)]
struct Listed<'a> {
    status: &'static str,
    date: String,
    id: &'a str,
    slug: &'a str,
    title: &'a str,
    tags: &'a [String],
    file: &'a str,
}

pub(crate) fn run(args: &ListArgs) -> Result<(), Failure> {
    let (settings, warnings) = config::load(&args.site, None).map_err(Failure::Config)?;
    super::print_diagnostics(&warnings);
    let now = date::build_time().map_err(|m| Failure::Config(vec![Diagnostic::error(None, m)]))?;
    let discovered = Discovered::find(&settings).map_err(|d| Failure::Config(vec![d]))?;
    let cached = Articles::load(&settings, false);
    let catalog = Catalog::load(&settings, &discovered, now, false, cached.as_ref(), false);
    let listed: Vec<Listed<'_>> = catalog
        .articles
        .iter()
        .map(|(status, p)| Listed {
            status: status.name(),
            date: p.published.to_rfc3339(),
            id: &p.id,
            slug: &p.slug,
            title: &p.title,
            tags: &p.tags,
            file: &p.file,
        })
        .collect();
    let mut out = std::io::stdout().lock();
    let written = match args.format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &listed).map_err(std::io::Error::from).and_then(|()| {
                use std::io::Write;
                writeln!(out)
            })
        }
        ListFormat::Text => print_table(&mut out, &listed),
    };
    // A closed pipe (`feedwright list | head`) is not an error.
    if let Err(err) = written
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(Failure::Io(anyhow::Error::new(err).context("cannot write the list")));
    }
    if catalog.diagnostics.has_errors() {
        return Err(Failure::Input(catalog.diagnostics.into_sorted()));
    }
    Ok(())
}

fn print_table(out: &mut impl std::io::Write, listed: &[Listed<'_>]) -> std::io::Result<()> {
    let width = |f: &dyn Fn(&Listed<'_>) -> usize| listed.iter().map(f).max().unwrap_or(0);
    let id_width = width(&|l| l.id.chars().count());
    let slug_width = width(&|l| l.slug.chars().count());
    for l in listed {
        writeln!(
            out,
            "{:<9} {:<25} {:<id_width$} {:<slug_width$} {:<} [{}]",
            l.status,
            l.date,
            l.id,
            l.slug,
            l.file,
            l.tags.join(", ")
        )?;
    }
    Ok(())
}
