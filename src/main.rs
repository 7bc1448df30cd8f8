//! `kubectl-ds`: parse, run, map the outcome to an exit code. Everything else is in the library.

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};
use kubectl_ds::cli::Cli;
use kubectl_ds::commands::completion;
use kubectl_ds::error::{EXIT_PANIC, EXIT_USAGE, Error};

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "error: kubectl-ds hit an internal error{at}. This is a bug; please report it with the command you ran."
        );
    }));
    // kubectl's plugin completion protocol: invoked as `kubectl_complete-ds ARGS…`, or through the
    // hidden `kubectl-ds __complete ARGS…` entry point.
    // Lossy for dispatch decisions only; clap parses the OS strings themselves.
    let argv: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let invoked_as = argv.first().map(|a| {
        std::path::Path::new(a)
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    let completion_words = if invoked_as
        .as_deref()
        .is_some_and(|n| n.starts_with(completion::KUBECTL_COMPLETER))
    {
        Some(argv[1..].to_vec())
    } else if argv.get(1).map(String::as_str) == Some("__complete") {
        Some(argv[2..].to_vec())
    } else {
        None
    };
    if let Some(words) = completion_words {
        let code = std::panic::catch_unwind(|| {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map(|rt| rt.block_on(completion::complete(words)))
                .unwrap_or(0)
        })
        .unwrap_or(EXIT_PANIC);
        return ExitCode::from(code as u8);
    }
    // --help and usage errors follow --color/--no-color too (clap prints them during parsing).
    let parsed = std::panic::catch_unwind(|| {
        Cli::command()
            .color(kubectl_ds::cli::help_color(&argv))
            .try_get_matches_from(kubectl_ds::cli::clap_args(std::env::args_os().collect()))
            .and_then(|m| Cli::from_arg_matches(&m))
    });
    let Ok(parsed) = parsed else {
        return ExitCode::from(EXIT_PANIC as u8);
    };
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE as u8 } else { 0 });
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(3);
        }
    };
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        runtime.block_on(async {
            // Debug builds only (tests/panic.rs): a way to prove what a panic looks like. Release
            // builds have no such switch.
            #[cfg(debug_assertions)]
            if std::env::var_os("KUBECTL_DS_DEBUG_PANIC").is_some() {
                panic!("KUBECTL_DS_DEBUG_PANIC is set");
            }
            kubectl_ds::commands::run(cli).await
        })
    }));
    match result {
        Ok(Ok(outcome)) => ExitCode::from(outcome.exit_code() as u8),
        Ok(Err(Error::BrokenPipe)) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            eprintln!("error: {e}");
            ExitCode::from(e.exit_code() as u8)
        }
        Err(_) => ExitCode::from(EXIT_PANIC as u8),
    }
}
