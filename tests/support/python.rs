//! The python that fakeapi and the fault proxy run on: one with aiohttp and pyyaml.
//!
//! The choice is fakeapi's own (its `start.sh`): `$FAKEAPI_PY`, else `python3`, else the venv
//! `/tmp/fakeapi-venv`, created with `python3 -m venv` and `pip install aiohttp pyyaml` when the
//! first two lack them. It is made here, once per test run, before any server starts: the tests
//! that start servers in parallel then never race to build the venv, and start.sh is handed the
//! result (`FAKEAPI_PY`). When none can be had, every test that needs it fails at once, naming
//! the missing package and why the venv could not be made.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Where start.sh keeps its venv.
const VENV: &str = "/tmp/fakeapi-venv";

/// The modules the servers import, and the package each comes from.
const NEEDS: [(&str, &str); 2] = [("aiohttp", "aiohttp"), ("yaml", "pyyaml")];

/// A python with aiohttp and pyyaml (see the module documentation).
pub fn python() -> &'static Path {
    static PYTHON: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    match PYTHON.get_or_init(find_or_make) {
        Ok(python) => python,
        Err(why) => panic!("{why}"),
    }
}

fn find_or_make() -> Result<PathBuf, String> {
    let first =
        std::env::var_os("FAKEAPI_PY").map_or_else(|| PathBuf::from("python3"), PathBuf::from);
    let lacks = missing(&first);
    if lacks.is_empty() {
        return Ok(first);
    }
    let venv = Path::new(VENV).join("bin/python");
    if venv.exists() && missing(&venv).is_empty() {
        return Ok(venv);
    }
    let packages: Vec<&str> = NEEDS.iter().map(|(_, package)| *package).collect();
    let needs = format!(
        "the live-path tests need python3 with aiohttp and pyyaml; {} lacks {}",
        first.display(),
        lacks.join(" and ")
    );
    run(Command::new("python3").args(["-m", "venv", VENV]))
        .map_err(|e| format!("{needs}, and `python3 -m venv {VENV}` failed: {e}"))?;
    run(Command::new(Path::new(VENV).join("bin/pip"))
        .args(["install", "-q"])
        .args(&packages))
    .map_err(|e| {
        format!(
            "{needs}, and `{VENV}/bin/pip install {}` failed: {e}",
            packages.join(" ")
        )
    })?;
    let still = missing(&venv);
    if !still.is_empty() {
        return Err(format!(
            "{needs}, and the venv {VENV} still lacks {} after pip install",
            still.join(" and ")
        ));
    }
    Ok(venv)
}

/// The packages `python` cannot import (all of them when it does not run).
fn missing(python: &Path) -> Vec<&'static str> {
    NEEDS
        .iter()
        .filter(|(module, _)| {
            !Command::new(python)
                .args(["-c", &format!("import {module}")])
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .map(|(_, package)| *package)
        .collect()
}

/// Run `cmd`; its stderr when it fails.
fn run(cmd: &mut Command) -> Result<(), String> {
    let out = cmd.output().map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}
