//! `kubectl ds --version` names the commit the binary was built from (build.rs), and build.rs
//! falls back cleanly where there is no git history: a packaged crate, a plain directory, a
//! directory inside someone else's repository.
//!
//! The fallbacks are tested by compiling build.rs alone with rustc and running it, as cargo
//! would, in directories made here.

use std::path::{Path, PathBuf};
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_COMMITTER_DATE", "2026-01-02T03:04:05Z")
        .env("GIT_AUTHOR_DATE", "2026-01-02T03:04:05Z")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// build.rs compiled once, with the rustc cargo uses.
fn build_script() -> PathBuf {
    static BUILT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("release-version");
            std::fs::create_dir_all(&dir).unwrap();
            let exe = dir.join("build-script");
            let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
            let out = Command::new(rustc)
                .args(["--edition", "2024", "-o"])
                .arg(&exe)
                .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("build.rs"))
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            exe
        })
        .clone()
}

/// Run build.rs as cargo would for a crate in `dir`: (the commit text, the watched paths).
fn run_build_script(dir: &Path) -> (String, Vec<String>) {
    let out = Command::new(build_script())
        .current_dir(dir)
        .env("CARGO_MANIFEST_DIR", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut commit = None;
    let mut watched = Vec::new();
    for line in stdout.lines() {
        if let Some(v) = line.strip_prefix("cargo:rustc-env=KUBECTL_DS_COMMIT=") {
            commit = Some(v.to_string());
        } else if let Some(p) = line.strip_prefix("cargo:rerun-if-changed=") {
            watched.push(p.to_string());
        } else {
            panic!("unexpected build script output: {line}");
        }
    }
    (commit.expect("KUBECTL_DS_COMMIT is always set"), watched)
}

/// A minimal crate: what build.rs looks at.
fn crate_dir(parent: &Path) -> PathBuf {
    let dir = parent.join("kubectl-ds-0.1.0");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
    std::fs::write(dir.join("src/main.rs"), "fn main() {}\n").unwrap();
    dir
}

#[test]
fn version_names_the_commit_it_was_built_from() {
    let out = crate::util::kubectl_ds().arg("--version").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let prefix = format!("kubectl-ds {} (", env!("CARGO_PKG_VERSION"));
    let inner = text
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix(")\n"))
        .unwrap_or_else(|| panic!("{text:?}"));
    // What build.rs finds for this checkout, run now, is what the binary says.
    let (expected, _) = run_build_script(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert_eq!(inner, expected);
    // In a git checkout (CI's fresh clone, a developer's tree): HEAD's digits and date.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if root.join(".git").exists() {
        let head = git(root, &["rev-parse", "HEAD"]);
        let date = git(root, &["log", "-1", "--format=%cs"]);
        let (sha, rest) = inner.split_once(' ').unwrap();
        assert_eq!(sha.trim_end_matches("-dirty"), &head[..12], "{text}");
        assert_eq!(rest, date);
    }
    // subcommands print the same version
    let out = crate::util::kubectl_ds()
        .args(["rollout", "status", "--version"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .ends_with(&format!("({inner})\n"))
    );
}

#[test]
fn no_git_and_no_package_info_means_commit_unknown() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = crate_dir(tmp.path());
    let (commit, watched) = run_build_script(&dir);
    assert_eq!(commit, "commit unknown");
    // only paths that exist are watched (cargo reruns the script on every build for others)
    assert!(watched.iter().all(|p| Path::new(p).exists()), "{watched:?}");
    assert!(watched.contains(&dir.join("src").display().to_string()));
}

#[test]
fn packaged_crate_takes_the_commit_cargo_recorded() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = crate_dir(tmp.path());
    let sha = "0123456789abcdef0123456789abcdef01234567";
    // as `cargo package` writes it
    std::fs::write(
        dir.join(".cargo_vcs_info.json"),
        format!("{{\n  \"git\": {{\n    \"sha1\": \"{sha}\"\n  }},\n  \"path_in_vcs\": \"\"\n}}"),
    )
    .unwrap();
    let (commit, watched) = run_build_script(&dir);
    assert_eq!(commit, "0123456789ab");
    assert!(watched.iter().any(|p| p.ends_with(".cargo_vcs_info.json")));
    // packaged with --allow-dirty from a modified tree
    std::fs::write(
        dir.join(".cargo_vcs_info.json"),
        format!("{{\"git\": {{\"sha1\": \"{sha}\", \"dirty\": true}}, \"path_in_vcs\": \"\"}}"),
    )
    .unwrap();
    assert_eq!(run_build_script(&dir).0, "0123456789ab-dirty");
    // something that is not an object name is not printed as one
    std::fs::write(
        dir.join(".cargo_vcs_info.json"),
        "{\"git\": {\"sha1\": \"$(rm -rf /)\"}}",
    )
    .unwrap();
    assert_eq!(run_build_script(&dir).0, "commit unknown");
}

#[test]
fn git_checkout_gives_head_date_and_dirty() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = crate_dir(tmp.path());
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "one"]);
    let head = git(&dir, &["rev-parse", "HEAD"]);
    let (commit, watched) = run_build_script(&dir);
    assert_eq!(commit, format!("{} 2026-01-02", &head[..12]));
    // a new commit moves the branch ref, which cargo is told to watch
    let branch_ref = dir.join(".git/refs/heads/main");
    assert!(
        watched.iter().any(|p| Path::new(p) == branch_ref),
        "{watched:?}"
    );
    assert!(
        watched
            .iter()
            .any(|p| Path::new(p) == dir.join(".git/HEAD"))
    );

    // a change to what goes into the binary marks it
    std::fs::write(dir.join("src/main.rs"), "fn main() { let _ = 1; }\n").unwrap();
    assert_eq!(
        run_build_script(&dir).0,
        format!("{}-dirty 2026-01-02", &head[..12])
    );
    // a new source file too; a file outside the sources does not
    git(&dir, &["checkout", "-q", "--", "src/main.rs"]);
    std::fs::write(dir.join("README.md"), "notes\n").unwrap();
    assert_eq!(
        run_build_script(&dir).0,
        format!("{} 2026-01-02", &head[..12])
    );
    std::fs::write(dir.join("src/new.rs"), "\n").unwrap();
    assert!(run_build_script(&dir).0.contains("-dirty"));
}

#[test]
fn a_repository_that_does_not_track_the_crate_is_not_its_history() {
    // e.g. a home directory kept in git, where cargo unpacks a crate from crates.io
    let tmp = tempfile::tempdir().unwrap();
    git(tmp.path(), &["init", "-q"]);
    std::fs::write(tmp.path().join(".bashrc"), "\n").unwrap();
    git(tmp.path(), &["add", ".bashrc"]);
    git(tmp.path(), &["commit", "-q", "-m", "dotfiles"]);
    let dir = crate_dir(&tmp.path().join(".cargo/registry/src"));
    assert_eq!(run_build_script(&dir).0, "commit unknown");
}
