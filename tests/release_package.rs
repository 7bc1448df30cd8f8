//! What ships: the crate package holds what `cargo install kubectl-ds` builds from and no test
//! data; the Windows archive has the layout the krew manifest's `files` name.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `cargo package --list`: the files the crate package would hold.
fn package_list() -> BTreeSet<String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "package",
            "--list",
            "--locked",
            "--allow-dirty",
            "--offline",
        ])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// Every file under `dir` (relative to the repository root), recursively.
fn files_under(dir: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root().join(dir)];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root()).unwrap();
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out
}

#[test]
fn crate_package_holds_the_build_and_nothing_of_the_tests() {
    let list = package_list();
    for needed in [
        "Cargo.toml",
        "Cargo.lock",
        "build.rs",
        "README.md",
        "LICENSE",
        "src/main.rs",
        "src/lib.rs",
        "completions/kubectl-ds.bash",
        "completions/kubectl-ds.zsh",
        "completions/kubectl-ds.fish",
    ] {
        assert!(list.contains(needed), "package lacks {needed}: {list:?}");
    }
    // every source file the build can reach, not just the two roots
    for source in files_under("src") {
        if source.ends_with(".rs") {
            assert!(list.contains(&source), "package lacks {source}");
        }
    }
    for file in &list {
        let allowed = file.starts_with("src/")
            || file.starts_with("completions/")
            || [
                "Cargo.toml",
                "Cargo.toml.orig",
                "Cargo.lock",
                ".cargo_vcs_info.json",
                "build.rs",
                "README.md",
                "LICENSE",
            ]
            .contains(&file.as_str());
        assert!(
            allowed,
            "package holds {file}, which the build does not need"
        );
    }
    assert!(
        !list.iter().any(|f| f.starts_with("tests/")
            || f.starts_with("examples/")
            || f.starts_with("fuzz/")),
        "{list:?}"
    );
}

/// The Windows archive is a zip with `kubectl-ds.exe` and `LICENSE` at its root, as the
/// template's windows platform (`files`, `bin`) expects, and `.sha256` beside it.
#[test]
fn windows_archive_layout() {
    let tmp = tempfile::tempdir().unwrap();
    let fake = tmp.path().join("kubectl-ds.exe");
    std::fs::write(&fake, "MZ stand-in\n").unwrap();
    let mut perms = std::fs::metadata(&fake).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&fake, perms).unwrap();
    let dist = tmp.path().join("dist");
    let out = Command::new("bash")
        .arg(root().join("tools/release.sh"))
        .args(["--target", "x86_64-pc-windows-msvc"])
        .env("DIST", &dist)
        .env("BINARY", &fake)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let name = format!(
        "kubectl-ds_v{}_windows_amd64.zip",
        env!("CARGO_PKG_VERSION")
    );
    let zip = dist.join(&name);
    let listing = Command::new("python3")
        .args([
            "-c",
            "import sys, zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))",
        ])
        .arg(&zip)
        .output()
        .unwrap();
    assert!(listing.status.success());
    assert_eq!(
        String::from_utf8_lossy(&listing.stdout),
        "LICENSE\nkubectl-ds.exe\n"
    );
    let digest = std::fs::read_to_string(dist.join(format!("{name}.sha256"))).unwrap();
    assert!(digest.ends_with(&format!("  {name}\n")), "{digest:?}");
    // an unknown target is refused, naming it
    let out = Command::new("bash")
        .arg(root().join("tools/release.sh"))
        .args(["--target", "riscv64gc-unknown-linux-gnu"])
        .env("DIST", &dist)
        .env("BINARY", &fake)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("riscv64gc-unknown-linux-gnu"));
}
