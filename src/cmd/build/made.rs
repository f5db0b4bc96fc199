//! What the stages of a build hand on to each other: the feed files made
//! and where each entry came from. Its own file so that the stages'
//! files depend on it, and not on the orchestrator in `mod.rs`.

use crate::format::{Format, Layout};
use crate::model::normalize::Lines;
use crate::output::OutputFile;

/// Where an entry's rendering came from: its article's cache record, and
/// its content's fingerprint if that had no HTML issue.
pub(super) struct Origin {
    pub(super) source: Option<u128>,
    pub(super) clean: Option<u128>,
    /// The article, and where its values were written.
    pub(super) file: String,
    pub(super) lines: Lines,
}

/// A feed file this build made, and where its entries are in it.
pub(super) struct Made {
    pub(super) format: Format,
    pub(super) file: OutputFile,
    pub(super) layout: Option<Layout>,
}
