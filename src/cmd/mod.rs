//! One module per subcommand, each with a `run(&Args)`.

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod list;
pub(crate) mod new;
