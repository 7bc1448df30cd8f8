//! `kubectl-ds`: parse, run, map the outcome to an exit code. Everything else is in the library.

use std::process::ExitCode;

use kubectl_ds::error::{EXIT_PANIC, Error, Result};
use kubectl_ds::{cli, commands, render};

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| render::internal_error(info.location())));
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // kubectl's plugin completion protocol (`kubectl_complete-ds ARGS…` or `__complete ARGS…`).
    if let Some(words) = cli::completion_words(&argv) {
        // A shell asking for candidates gets none rather than an error.
        return exit(guarded(|| {
            Ok(runtime().map_or(0, |rt| rt.block_on(commands::complete(words))))
        }));
    }
    let cli = match std::panic::catch_unwind(|| cli::parse(argv)) {
        Ok(Ok(cli)) => cli,
        Ok(Err(code)) => return exit(code),
        Err(_) => return exit(EXIT_PANIC),
    };
    exit(guarded(|| {
        let outcome = runtime()?.block_on(async {
            // Debug builds only (tests/panic.rs): a way to prove what a panic looks like.
            #[cfg(debug_assertions)]
            if std::env::var_os("KUBECTL_DS_DEBUG_PANIC").is_some() {
                panic!("KUBECTL_DS_DEBUG_PANIC is set");
            }
            commands::run(cli).await
        })?;
        Ok(outcome.exit_code())
    }))
}

/// One thread is plenty: the work is I/O-bound and the evaluator is fast.
fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::input(format!("cannot start the async runtime: {e}")))
}

/// Run `f`; an error is printed kubectl-style and becomes its exit code, a panic (already
/// reported by the hook) exit 70.
fn guarded(f: impl FnOnce() -> Result<i32>) -> i32 {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(Ok(code)) => code,
        Ok(Err(e)) => render::error(&e),
        Err(_) => EXIT_PANIC,
    }
}

fn exit(code: i32) -> ExitCode {
    ExitCode::from(code as u8)
}
