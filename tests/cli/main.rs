//! Integration tests: each builds a site in a temporary folder and runs the
//! real `feedwright` binary on it, with a cleaned environment.

mod util;

/// The corpus generator (`cargo run --example gen-corpus`), shared with the tests.
#[path = "../../examples/gen-corpus.rs"]
#[allow(dead_code, unreachable_pub)]
mod gen_corpus;

/// The large front matter generator (`cargo run --example gen-large-front-matter`).
#[path = "../../examples/gen-large-front-matter.rs"]
#[allow(dead_code, unreachable_pub)]
mod gen_large_front_matter;

mod author_loop;
mod authoring;
mod build;
mod check;
mod crash;
mod errors;
mod hostile;
mod large_and_slugs;
mod properties;
mod publish;
mod renames;
mod untrusted;
mod validity;
