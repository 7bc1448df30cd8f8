//! Records the git commit this build comes from, for `kubectl ds --version`.
//!
//! Sets `KUBECTL_DS_COMMIT` for the compiler to one of:
//! - `0123456789ab 2026-12-03`: a git checkout of this crate (first 12 hex digits of HEAD and its
//!   commit date), with `-dirty` after the digits when what goes into the binary (src/, build.rs,
//!   Cargo.toml, Cargo.lock) differs from that commit;
//! - `0123456789ab`: a packaged crate (`cargo install kubectl-ds`, `cargo package`), from the
//!   `.cargo_vcs_info.json` cargo writes into it (`-dirty` when it was packaged with
//!   `--allow-dirty` from a modified tree); a package has no commit date;
//! - `commit unknown`: neither, e.g. sources from a plain tarball, or git not installed.
//!
//! A git repository that merely contains the crate's directory without tracking it (a home
//! directory kept in git, where cargo unpacks crates) is not taken as the crate's history.
//! Nothing here fails the build: no git, no `.git`, or an odd answer only mean `commit unknown`.
//! No dependencies: std and the `git` program, so `tests/release_version.rs` can compile this file
//! with plain rustc and run it in directories it makes.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let commit = from_vcs_info(&dir)
        .or_else(|| from_git(&dir))
        .unwrap_or_else(|| "commit unknown".to_string());
    println!("cargo:rustc-env=KUBECTL_DS_COMMIT={commit}");
    // What decides the answer: the packaged info, the sources `-dirty` compares, and (below) the
    // files git keeps HEAD and the current branch in.
    // (Only paths that exist: cargo runs the script again on every build for a missing one.)
    let sources = [
        ".cargo_vcs_info.json",
        "src",
        "build.rs",
        "Cargo.toml",
        "Cargo.lock",
    ];
    let watched = sources.iter().map(|p| dir.join(p)).chain(git_files(&dir));
    for path in watched.filter(|p| p.exists()) {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}

/// `.cargo_vcs_info.json` as cargo writes it into a package:
/// `{"git": {"sha1": "…", "dirty": true}, "path_in_vcs": ""}` (`dirty` only when true).
fn from_vcs_info(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join(".cargo_vcs_info.json")).ok()?;
    let sha = json_string(&text, "sha1")?;
    let sha = short_sha(&sha)?;
    let dirty = json_true(&text, "dirty");
    Some(format!("{sha}{}", if dirty { "-dirty" } else { "" }))
}

/// The value of the first `"key": "value"` in `text` (cargo's file is flat enough for this).
fn json_string(text: &str, key: &str) -> Option<String> {
    let rest = &text[text.find(&format!("\"{key}\""))? + key.len() + 2..];
    let rest = rest.trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    Some(rest[..rest.find('"')?].to_string())
}

fn json_true(text: &str, key: &str) -> bool {
    text.find(&format!("\"{key}\""))
        .map(|at| &text[at + key.len() + 2..])
        .and_then(|rest| rest.trim_start().strip_prefix(':'))
        .is_some_and(|rest| rest.trim_start().starts_with("true"))
}

/// The first 12 digits of a full lowercase hex object name (SHA-1 or SHA-256).
fn short_sha(sha: &str) -> Option<String> {
    let ok = (sha.len() == 40 || sha.len() == 64)
        && sha.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    ok.then(|| sha[..12].to_string())
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("--no-optional-locks")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    Some(String::from_utf8(out.stdout).ok()?.trim_end().to_string())
}

fn from_git(dir: &Path) -> Option<String> {
    // Only a repository that tracks this crate's manifest is this crate's history.
    git(dir, &["ls-files", "--error-unmatch", "--", "Cargo.toml"])?;
    let sha = short_sha(&git(dir, &["rev-parse", "--verify", "HEAD"])?)?;
    let date = git(dir, &["log", "-1", "--format=%cs", "HEAD"])?;
    let changed = git(
        dir,
        &[
            "status",
            "--porcelain",
            "--untracked-files=normal",
            "--",
            "src",
            "build.rs",
            "Cargo.toml",
            "Cargo.lock",
        ],
    )?;
    let dirty = if changed.is_empty() { "" } else { "-dirty" };
    Some(format!("{sha}{dirty} {date}"))
}

/// Where git keeps HEAD, the branch HEAD points at, and packed refs (`--git-path` answers
/// relative to `dir` or absolute; a linked worktree keeps HEAD in its own git dir and the refs in
/// the common one).
fn git_files(dir: &Path) -> Vec<PathBuf> {
    let mut names = vec!["HEAD".to_string(), "packed-refs".to_string()];
    if let Some(branch) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        names.push(branch);
    }
    names
        .iter()
        .filter_map(|name| git(dir, &["rev-parse", "--git-path", name]))
        .map(|path| dir.join(path))
        .collect()
}
