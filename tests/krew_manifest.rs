//! The krew manifest follows krew's plugin manifest rules and matches the crate.

use serde_json::Value;

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
        assert!(
            sha.len() == 64 && sha.chars().all(|c| c.is_ascii_hexdigit()),
            "{os}/{arch} sha256"
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
