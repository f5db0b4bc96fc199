//! `feedwright new "Title" [--tags a,b]`: writes a new article and prints
//! its path. Never overwrites a file.

use crate::cli::NewArgs;
use crate::config;
use crate::diagnostic::{Diagnostic, Location};
use crate::error::Failure;
use crate::model::date;
use crate::model::normalize::{slugify, tag_uri};
use crate::output;
use crate::source::emit;

pub(crate) fn run(args: &NewArgs) -> Result<(), Failure> {
    let (settings, warnings) = config::load(&args.site, None).map_err(Failure::Config)?;
    super::print_diagnostics(&warnings);
    let usage = |message: String, hint: &str| Failure::Config(vec![Diagnostic::error(None, message).with_hint(hint)]);
    let title = crate::text::collapse_whitespace(&args.title);
    let slug = slugify(&title);
    if slug.is_empty() {
        return Err(usage(
            format!("cannot make a file name from the title `{title}`"),
            "use a title with letters or digits",
        ));
    }
    let now = date::build_time().map_err(|m| usage(m, "unset it or give whole seconds since 1970"))?;
    let local = now.with_timezone(&settings.site.timezone).fixed_offset();
    let tags: Vec<String> =
        args.tags.iter().map(|t| crate::text::collapse_whitespace(t)).filter(|t| !t.is_empty()).collect();
    let id = tag_uri(&settings.site.url, &local, &slug);
    let path = settings.articles_dir.join(format!("{}-{slug}.md", local.format("%Y-%m-%d")));
    let text = emit::new_article(&title, &local, &id, &tags);
    output::create_new(&path, text.as_bytes()).map_err(|err| {
        if err.kind() == std::io::ErrorKind::AlreadyExists {
            Failure::Config(vec![
                Diagnostic::error(Some(Location::file(settings.display_path(&path))), "the article already exists")
                    .with_hint("pick another title, or edit the existing file"),
            ])
        } else {
            Failure::Io(anyhow::Error::new(err).context(format!("cannot write `{}`", path.display())))
        }
    })?;
    println!("{}", settings.display_path(&path));
    Ok(())
}
