//! The krew manifest follows krew's plugin manifest rules and matches the crate.
//!
//! The repository keeps only the template (`.krew.yaml`); these rules apply to what it renders
//! into. By default that is a manifest rendered here (`tools/release.sh manifest`) for a fake
//! archive set made by `tools/release.sh` from a stand-in binary. The release workflow points
//! `KREW_MANIFEST` (and `KREW_DIST`, default: the manifest's directory) at the manifest it
//! rendered from the archives it built, and runs these same rules on it.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

/// Rust targets whose archives make up a release (.github/workflows/release.yml's matrix).
const TARGETS: [&str; 5] = [
    "x86_64-unknown-linux-musl",
    "aarch64-unknown-linux-musl",
    "x86_64-apple-darwin",
    "aarch64-apple-darwin",
    "x86_64-pc-windows-msvc",
];

fn sha256(path: &Path) -> String {
    let out = Command::new("sha256sum").arg(path).output().unwrap();
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .unwrap()
        .to_string()
}

/// The manifest under test and the directory holding the archives it describes.
fn release() -> &'static (PathBuf, PathBuf) {
    static RELEASE: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    RELEASE.get_or_init(|| {
        if let Some(manifest) = std::env::var_os("KREW_MANIFEST").map(PathBuf::from) {
            let dist = std::env::var_os("KREW_DIST")
                .map(PathBuf::from)
                .unwrap_or_else(|| manifest.parent().unwrap().to_path_buf());
            return (manifest, dist);
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("krew-fake-release");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let fake = dir.join("fake-kubectl-ds");
        std::fs::write(&fake, "#!/bin/sh\necho kubectl-ds\n").unwrap();
        let mut perms = std::fs::metadata(&fake).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
        std::fs::set_permissions(&fake, perms).unwrap();
        let dist = dir.join("dist");
        for target in TARGETS {
            let out = Command::new("bash")
                .arg(root.join("tools/release.sh"))
                .args(["--target", target])
                .env("DIST", &dist)
                .env("BINARY", &fake)
                .env("SOURCE_DATE_EPOCH", "1700000000")
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{target}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let out = Command::new("bash")
            .arg(root.join("tools/release.sh"))
            .arg("manifest")
            .env("DIST", &dist)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (dist.join("ds.yaml"), dist)
    })
}

fn manifest() -> Value {
    let text = std::fs::read_to_string(&release().0).unwrap();
    serde_saphyr::from_str(&text).unwrap()
}

#[test]
fn manifest_header_and_metadata() {
    let m = manifest();
    assert_eq!(
        m["apiVersion"],
        "krew.googlecontainertools.github.com/v1alpha2"
    );
    assert_eq!(m["kind"], "Plugin");
    assert_eq!(m["metadata"]["name"], "ds");
    let version = m["spec"]["version"].as_str().unwrap();
    assert_eq!(
        version,
        format!("v{}", env!("CARGO_PKG_VERSION")),
        "krew version must be v + Cargo version"
    );
    let semver = version
        .trim_start_matches('v')
        .split('.')
        .collect::<Vec<_>>();
    assert_eq!(semver.len(), 3);
    assert!(semver.iter().all(|p| p.parse::<u64>().is_ok()));
    let short = m["spec"]["shortDescription"].as_str().unwrap();
    assert!(
        !short.is_empty() && short.len() <= 50,
        "shortDescription must be short: {short}"
    );
    assert!(m["spec"]["description"].as_str().unwrap().len() > 100);
    let caveats = m["spec"]["caveats"].as_str().unwrap();
    assert!(caveats.contains("patch") && caveats.contains("completion install"));
}

#[test]
fn every_platform_is_complete() {
    let m = manifest();
    let platforms = m["spec"]["platforms"].as_array().unwrap();
    let mut seen = Vec::new();
    for p in platforms {
        let labels = &p["selector"]["matchLabels"];
        let (os, arch) = (
            labels["os"].as_str().unwrap(),
            labels["arch"].as_str().unwrap(),
        );
        seen.push(format!("{os}/{arch}"));
        let uri = p["uri"].as_str().unwrap();
        assert!(
            uri.starts_with("https://") && uri.contains(env!("CARGO_PKG_VERSION")),
            "{uri}"
        );
        let sha = p["sha256"].as_str().unwrap();
        // a real digest, as sha256sum prints it
        assert!(
            sha.len() == 64 && sha.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f')),
            "{os}/{arch} sha256 must be 64 lowercase hex digits: {sha:?}"
        );
        let archive = uri.rsplit('/').next().unwrap();
        let ext = if os == "windows" { "zip" } else { "tar.gz" };
        assert_eq!(
            archive,
            format!(
                "kubectl-ds_v{}_{os}_{arch}.{ext}",
                env!("CARGO_PKG_VERSION")
            ),
            "archive name tools/release.sh writes"
        );
        // The archive must be there and be the one the manifest describes.
        let built = release().1.join(archive);
        assert_eq!(
            sha256(&built),
            sha,
            "{} does not match the manifest",
            built.display()
        );
        let bin = p["bin"].as_str().unwrap();
        let exe = if os == "windows" {
            "kubectl-ds.exe"
        } else {
            "kubectl-ds"
        };
        assert_eq!(bin, exe);
        let files: Vec<&str> = p["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["from"].as_str().unwrap())
            .collect();
        assert!(
            files.contains(&"LICENSE") && files.contains(&exe),
            "{os}/{arch} files {files:?}"
        );
    }
    seen.sort();
    assert_eq!(
        seen,
        [
            "darwin/amd64",
            "darwin/arm64",
            "linux/amd64",
            "linux/arm64",
            "windows/amd64"
        ]
    );
}

#[test]
fn license_is_apache_2() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/LICENSE")).unwrap();
    assert!(text.contains("Apache License") && text.contains("Version 2.0"));
}

/// tools/release.sh packs the binary and LICENSE as the manifest's `files` expect, reproducibly,
/// with a sha256sum-style digest file beside the archive; `manifest` puts each archive's digest
/// into its own platform and refuses to render while an archive is missing.
#[test]
fn release_script_archives_and_records_the_digest() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    // any executable will do: the script packages, it does not run the binary
    let fake = tmp.path().join("fake-kubectl-ds");
    std::fs::write(&fake, "#!/bin/sh\necho another kubectl-ds\n").unwrap();
    let mut perms = std::fs::metadata(&fake).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&fake, perms).unwrap();
    let dist = tmp.path().join("dist");
    let run = |args: &[&str]| {
        Command::new("bash")
            .arg(root.join("tools/release.sh"))
            .args(args)
            .env("DIST", &dist)
            .env("BINARY", &fake)
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .output()
            .unwrap()
    };
    let out = run(&["--target", "x86_64-unknown-linux-gnu"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let name = format!(
        "kubectl-ds_v{}_linux_amd64.tar.gz",
        env!("CARGO_PKG_VERSION")
    );
    let archive = dist.join(&name);
    let listing = Command::new("tar")
        .arg("-tzf")
        .arg(&archive)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&listing.stdout),
        "LICENSE\nkubectl-ds\n"
    );
    let sha = sha256(&archive);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with(&sha));
    assert_eq!(
        std::fs::read_to_string(dist.join(format!("{name}.sha256"))).unwrap(),
        format!("{sha}  {name}\n")
    );
    // reproducible: the same input gives the same archive
    assert!(
        run(&["--target", "x86_64-unknown-linux-gnu"])
            .status
            .success()
    );
    assert_eq!(sha256(&archive), sha);

    // one archive of five: the manifest is not rendered, and the error names what is missing
    let out = run(&["manifest"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("error: ") && err.contains("_darwin_arm64.tar.gz"),
        "{err}"
    );
    assert!(!err.contains("_linux_amd64"), "{err}");
    assert!(!dist.join("ds.yaml").exists());

    // the other four from the fake release: linux/amd64 carries this archive's digest
    for other in std::fs::read_dir(&release().1).unwrap() {
        let other = other.unwrap().path();
        let file = other.file_name().unwrap().to_str().unwrap().to_string();
        if !file.contains("linux_amd64") && !file.ends_with(".yaml") {
            std::fs::copy(&other, dist.join(file)).unwrap();
        }
    }
    let out = run(&["manifest"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(dist.join("ds.yaml")).unwrap();
    let m: Value = serde_saphyr::from_str(&text).unwrap();
    let original = self::manifest();
    for (i, p) in m["spec"]["platforms"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let before = &original["spec"]["platforms"][i];
        if p["selector"]["matchLabels"] == serde_json::json!({"os": "linux", "arch": "amd64"}) {
            assert_eq!(p["sha256"], sha.as_str());
            assert_ne!(
                p["sha256"], before["sha256"],
                "the fake release's own archive differs"
            );
        } else {
            assert_eq!(p["sha256"], before["sha256"], "only linux/amd64 may change");
        }
        assert_eq!(p["uri"], before["uri"]);
    }
    // a tag that is not the crate's version is refused
    let out = run(&["manifest", "--tag", "v0.0.1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: "));
}
