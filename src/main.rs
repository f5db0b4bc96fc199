//! The `feedwright` binary: everything lives in the library; this only hands
//! over the arguments and turns the outcome into the process exit code.

fn main() -> std::process::ExitCode {
    feedwright::run(std::env::args_os())
}
