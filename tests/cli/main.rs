//! Integration tests: each builds a site in a temporary folder and runs the
//! real `feedwright` binary on it, with a cleaned environment.

mod util;

mod adopt;
mod author_loop;
mod authoring;
mod browser;
mod build;
mod check;
mod ci_integrations;
mod cli_extras;
mod conformance;
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
mod serve;
mod subscribers;
mod untrusted;
mod validity;
mod websub;
