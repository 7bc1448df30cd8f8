//! Kubeconfig loading the way kubectl (client-go) does it.
//!
//! kube-rs reads and merges kubeconfig files, but its `KUBECONFIG` reader fails on a listed file
//! that does not exist, while kubectl silently skips it (people keep stale paths in that
//! variable). So the file list is walked here, and kube's own first-wins [`Kubeconfig::merge`]
//! does the merging.

use std::path::{Path, PathBuf};

use base64::Engine;
use kube::config::Kubeconfig;
use serde_json::Value;

use crate::error::{Error, Result};

/// The merged kubeconfig and the files it came from (for messages).
pub struct Loaded {
    pub config: Kubeconfig,
    pub files: Vec<PathBuf>,
}

/// `--kubeconfig` (must exist), else every file in `KUBECONFIG` that exists (first value wins per
/// key, duplicates and empty entries ignored), else `~/.kube/config`.
pub fn load(explicit: Option<&Path>) -> Result<Loaded> {
    if let Some(path) = explicit {
        let config = read_file(path)?;
        return Ok(Loaded {
            config,
            files: vec![path.to_path_buf()],
        });
    }
    if let Some(list) = std::env::var_os("KUBECONFIG").filter(|v| !v.is_empty()) {
        let mut files: Vec<PathBuf> = Vec::new();
        for p in std::env::split_paths(&list) {
            if !p.as_os_str().is_empty() && !files.contains(&p) {
                files.push(p);
            }
        }
        let existing: Vec<PathBuf> = files.iter().filter(|p| p.exists()).cloned().collect();
        if existing.is_empty() {
            return Err(Error::cluster(format!(
                "none of the files in KUBECONFIG exist ({}); pass --kubeconfig or --snapshot",
                files
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        let mut merged = Kubeconfig::default();
        for p in &existing {
            merged = merged.merge(read_file(p)?).map_err(|e| {
                Error::cluster(format!(
                    "cannot merge kubeconfig {} with the files before it in KUBECONFIG: {e}",
                    p.display()
                ))
            })?;
        }
        return Ok(Loaded {
            config: merged,
            files: existing,
        });
    }
    let home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
        .ok_or_else(|| {
            Error::cluster(
                "no kubeconfig: HOME and KUBECONFIG are unset; pass --kubeconfig or --snapshot",
            )
        })?;
    let path = home.join(".kube").join("config");
    if !path.exists() {
        return Err(Error::cluster(format!(
            "no kubeconfig: {} does not exist and KUBECONFIG is not set; pass --kubeconfig or --snapshot",
            path.display()
        )));
    }
    Ok(Loaded {
        config: read_file(&path)?,
        files: vec![path],
    })
}

fn read_file(path: &Path) -> Result<Kubeconfig> {
    if !path.exists() {
        return Err(Error::cluster(format!(
            "kubeconfig {} does not exist",
            path.display()
        )));
    }
    Kubeconfig::read_from(path).map_err(|e| {
        // Parser messages may quote the offending line, which can hold a token: keep the first
        // line and mask anything that looks like a credential.
        let msg = e.to_string();
        let first = msg.lines().next().unwrap_or("");
        Error::cluster(format!(
            "cannot read kubeconfig {}: {}",
            path.display(),
            mask_tokens(first)
        ))
    })
}

/// What a context points at, resolved before kube builds its client config.
pub struct ContextInfo {
    pub context: String,
    pub user: String,
    pub cluster: String,
    pub namespace: Option<String>,
}

/// The context `--context` names, else the current context; errors list the known contexts.
pub fn context(cfg: &Kubeconfig, wanted: Option<&str>, files: &[PathBuf]) -> Result<ContextInfo> {
    let known = || {
        let names: Vec<&str> = cfg.contexts.iter().map(|c| c.name.as_str()).collect();
        if names.is_empty() {
            "it has no contexts".to_string()
        } else {
            format!("contexts: {}", names.join(", "))
        }
    };
    let from = files
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let name = match wanted.or(cfg.current_context.as_deref()) {
        Some(n) if !n.is_empty() => n,
        _ => {
            return Err(Error::cluster(format!(
                "kubeconfig {from} sets no current context; pick one with --context ({})",
                known()
            )));
        }
    };
    let Some(named) = cfg.contexts.iter().find(|c| c.name == name) else {
        return Err(Error::cluster(format!(
            "context \"{name}\" not found in kubeconfig {from} ({})",
            known()
        )));
    };
    let ctx = named.context.as_ref();
    Ok(ContextInfo {
        context: name.to_string(),
        user: ctx.and_then(|c| c.user.clone()).unwrap_or_default(),
        cluster: ctx.map(|c| c.cluster.clone()).unwrap_or_default(),
        namespace: ctx
            .and_then(|c| c.namespace.clone())
            .filter(|n| !n.is_empty()),
    })
}

/// Every credential-like string in the kubeconfig's users (tokens, passwords, key and certificate
/// data, auth-provider and exec settings), so messages can be scrubbed of them whatever library
/// produced the message.
pub fn secrets(cfg: &Kubeconfig) -> Vec<String> {
    let mut out = Vec::new();
    for named in &cfg.auth_infos {
        if let Some(info) = &named.auth_info
            && let Ok(v) = serde_json::to_value(info)
        {
            collect_leaves(&v, &mut out);
        }
    }
    // Certificate and key material also travels decoded (PEM), and may sit in files the
    // kubeconfig points to: scrub every base64 line of it, and the token files' contents.
    let mut derived = Vec::new();
    for leaf in &out {
        if let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(leaf.trim())
            && let Ok(text) = String::from_utf8(bytes)
        {
            derived.extend(pem_lines(&text));
        }
    }
    for named in &cfg.auth_infos {
        let Some(info) = &named.auth_info else {
            continue;
        };
        // What basic auth sends: `Authorization: Basic base64(user:password)`.
        if let Ok(v) = serde_json::to_value(info)
            && let (Some(user), Some(password)) = (v["username"].as_str(), v["password"].as_str())
        {
            derived.push(
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}")),
            );
        }
        for path in [&info.client_key, &info.client_certificate, &info.token_file]
            .into_iter()
            .flatten()
        {
            if let Ok(text) = std::fs::read_to_string(path) {
                derived.extend(pem_lines(&text));
                derived.push(text.trim().to_string());
            }
        }
    }
    out.extend(derived);
    // Short values (e.g. "true") would mangle messages and are not credentials worth hiding.
    out.retain(|s| s.len() >= 6);
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out.dedup();
    out
}

/// The base64 body lines of PEM text (`-----BEGIN …` blocks); nothing when it is not PEM.
fn pem_lines(text: &str) -> Vec<String> {
    if !text.contains("-----BEGIN") {
        return Vec::new();
    }
    text.lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("-----") && l.len() >= 16)
        .map(String::from)
        .collect()
}

fn collect_leaves(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| collect_leaves(x, out)),
        Value::Object(m) => m.values().for_each(|x| collect_leaves(x, out)),
        _ => {}
    }
}

/// Mask long runs of token characters (JWTs, base64 keys) in text we cannot otherwise vet.
pub fn mask_tokens(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= 24 {
            out.push_str("<redacted>");
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        // Not '/' or '.': paths and host names stay readable; JWT segments and base64 keys are
        // long enough between those separators to be caught.
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '=') {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_collected_from_users() {
        let cfg = Kubeconfig::from_yaml(
            "users: [{name: u, user: {token: abcdef-token, password: hunter2pw}}]\n",
        )
        .unwrap();
        let s = secrets(&cfg);
        assert!(s.contains(&"abcdef-token".to_string()), "{s:?}");
        assert!(s.contains(&"hunter2pw".to_string()), "{s:?}");
    }

    #[test]
    fn decoded_key_material_and_the_basic_auth_header_are_secrets() {
        let pem = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49\n-----END PRIVATE KEY-----\n";
        let data = base64::engine::general_purpose::STANDARD.encode(pem);
        let cfg = Kubeconfig::from_yaml(&format!(
            "users: [{{name: u, user: {{client-key-data: {data}}}}}, {{name: b, user: {{username: admin, password: hunter2pw}}}}]\n"
        ))
        .unwrap();
        let s = secrets(&cfg);
        assert!(s.contains(&data), "{s:?}");
        assert!(
            s.contains(&"MIGHAgEAMBMGByqGSM49AgEGCCqGSM49".to_string()),
            "{s:?}"
        );
        assert!(s.contains(&"YWRtaW46aHVudGVyMnB3".to_string()), "{s:?}");
    }

    #[test]
    fn long_token_runs_are_masked() {
        let jwt =
            "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";
        let masked = mask_tokens(&format!("invalid value \"{jwt}\" in /home/me/.kube/config"));
        assert_eq!(
            masked,
            "invalid value \"<redacted>.eyJzdWIiOiJ4In0.<redacted>\" in /home/me/.kube/config"
        );
    }
}
