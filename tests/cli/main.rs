//! Integration tests: each builds a site in a temporary folder and runs the
//! real `feedwright` binary on it, with a cleaned environment.

mod util;

mod adopt;
mod author_loop;
mod authoring;
mod build;
mod check;
mod cli_extras;
mod crash;
mod diagnostics;
mod errors;
mod hostile;
mod init;
mod large_and_slugs;
mod media;
mod migration_bundles;
mod migration_html;
mod migration_keys;
mod migration_sites;
mod migration_templates;
mod migration_urls;
mod properties;
mod publish;
mod renames;
mod untrusted;
mod validity;
