//! What feedwright's tests, examples, benchmarks and fuzz drivers share, in
//! one place instead of files included by `#[path]`: the corpus generator,
//! the large front matter generator, the fuzz inputs' meaning, the
//! sanitised-HTML invariant, and the one pseudo-random generator. Test code
//! only: feedwright itself never depends on it.

pub mod corpus;
pub mod fuzz;
pub mod harmless;
pub mod large_front_matter;
mod rng;

pub use rng::Rng;
