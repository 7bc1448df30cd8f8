//! The krew manifest follows krew's plugin manifest rules and matches the crate.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

const ZERO: &str = "0000000000000000000000000000000000000000000000000000000000000000";

fn sha256(path: &Path) -> String {
    let out = Command::new("sha256sum").arg(path).output().unwrap();
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .unwrap()
        .to_string()
}

fn manifest() -> Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/krew-manifest.yaml"))
        .unwrap();
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
        // all zeros: no archive built for this platform yet (tools/release.sh fills it in);
        // otherwise a real digest, as sha256sum prints it
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
        // An archive built here must be the one the manifest describes.
        let built = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("dist")
            .join(archive);
        if built.exists() && sha != ZERO {
            assert_eq!(
                sha256(&built),
                sha,
                "dist/{archive} does not match the manifest"
            );
        }
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
/// and writes the archive's sha256 into that platform's entry only.
#[test]
fn release_script_archives_and_records_the_digest() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let manifest = tmp.path().join("krew-manifest.yaml");
    std::fs::copy(root.join("krew-manifest.yaml"), &manifest).unwrap();
    // any executable will do: the script packages, it does not run the binary
    let fake = tmp.path().join("fake-kubectl-ds");
    std::fs::write(&fake, "#!/bin/sh\necho kubectl-ds\n").unwrap();
    let mut perms = std::fs::metadata(&fake).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&fake, perms).unwrap();
    let dist = tmp.path().join("dist");
    let run = |args: &[&str]| {
        Command::new("bash")
            .arg(root.join("tools/release.sh"))
            .args(args)
            .env("DIST", &dist)
            .env("MANIFEST", &manifest)
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
    let archive = dist.join(format!(
        "kubectl-ds_v{}_linux_amd64.tar.gz",
        env!("CARGO_PKG_VERSION")
    ));
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

    let text = std::fs::read_to_string(&manifest).unwrap();
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
        } else {
            assert_eq!(p["sha256"], before["sha256"], "only linux/amd64 may change");
        }
        assert_eq!(p["uri"], before["uri"]);
    }
    // reproducible: the same input gives the same archive
    assert!(
        run(&["--target", "x86_64-unknown-linux-gnu"])
            .status
            .success()
    );
    assert_eq!(sha256(&archive), sha);
    // an archive the manifest does not name is refused
    let stray = tmp.path().join("kubectl-ds_v0.0.1_plan9_amd64.tar.gz");
    std::fs::write(&stray, "x").unwrap();
    let out = run(&["--archive", stray.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: "));
}
