//! Redaction for snapshots that leave the cluster: env values, credential-looking annotations and
//! command-line flags, and `last-applied-configuration` (a full copy of the manifest, env included).
//!
//! Works on whole JSON objects, at any depth, so the same rules reach a Pod's containers, a
//! DaemonSet's pod template and the template stored in a ControllerRevision's `data`. Names and
//! references (`valueFrom.secretKeyRef`, volume sources) stay: they say where a value comes from,
//! not what it is, and the placement and rollout commands read none of the redacted values.
//!
//! ```
//! use kubectl_ds::cluster::redact::{redact, REDACTED};
//! let mut pod = serde_json::json!({"spec": {"containers": [{"name": "a",
//!     "env": [{"name": "DB_PASSWORD", "value": "hunter2"}],
//!     "args": ["--token=abc", "--port=80"]}]}});
//! redact(&mut pod);
//! assert_eq!(pod["spec"]["containers"][0]["env"][0]["value"], REDACTED);
//! assert_eq!(pod["spec"]["containers"][0]["args"][0], "--token=REDACTED");
//! assert_eq!(pod["spec"]["containers"][0]["args"][1], "--port=80");
//! ```

use serde_json::{Map, Value};

/// What a redacted value is replaced with.
pub const REDACTED: &str = "REDACTED";

const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// Words that make a name (annotation key, flag) look like it holds a credential.
const CREDENTIAL_WORDS: [&str; 10] = [
    "password",
    "passwd",
    "secret",
    "token",
    "apikey",
    "api-key",
    "api_key",
    "credential",
    "private-key",
    "privatekey",
];

/// Redact one object in place.
pub fn redact(v: &mut Value) {
    match v {
        Value::Object(map) => redact_map(map),
        Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

fn redact_map(map: &mut Map<String, Value>) {
    for (key, value) in map.iter_mut() {
        match (key.as_str(), &mut *value) {
            ("env", Value::Array(vars)) => vars.iter_mut().for_each(redact_env_var),
            ("annotations", Value::Object(notes)) => redact_annotations(notes),
            ("args" | "command", Value::Array(words)) => redact_flags(words),
            _ => redact(value),
        }
    }
}

fn redact_env_var(var: &mut Value) {
    if let Some(v) = var.get_mut("value")
        && v.as_str().is_some_and(|s| !s.is_empty())
    {
        *v = REDACTED.into();
    }
    // valueFrom names a Secret or ConfigMap key: a reference, kept.
}

fn redact_annotations(notes: &mut Map<String, Value>) {
    for (key, value) in notes.iter_mut() {
        let Some(text) = value.as_str() else { continue };
        if key == LAST_APPLIED {
            *value = match serde_json::from_str::<Value>(text) {
                Ok(mut applied) => {
                    redact(&mut applied);
                    applied.to_string().into()
                }
                Err(_) => REDACTED.into(),
            };
        } else if looks_like_credential_name(key) || looks_like_credential_value(text) {
            *value = REDACTED.into();
        }
    }
}

/// `--password=x` → `--password=REDACTED`; `--token x` → `--token REDACTED`.
fn redact_flags(words: &mut [Value]) {
    let mut redact_next = false;
    for w in words.iter_mut() {
        let Some(text) = w.as_str() else {
            redact_next = false;
            continue;
        };
        if redact_next && !text.starts_with('-') {
            *w = REDACTED.into();
            redact_next = false;
            continue;
        }
        redact_next = false;
        if !text.starts_with('-') {
            if looks_like_credential_value(text) {
                *w = REDACTED.into();
            }
            continue;
        }
        match text.split_once('=') {
            Some((flag, val)) if looks_like_credential_name(flag) && !val.is_empty() => {
                *w = format!("{flag}={REDACTED}").into();
            }
            Some(_) => {}
            None => redact_next = looks_like_credential_name(text),
        }
    }
}

/// `--token-file`, `--client-key-path`: the value is a path, not the secret.
fn is_file_flag(flag: &str) -> bool {
    let f = flag.to_ascii_lowercase();
    f.ends_with("file") || f.ends_with("path") || f.ends_with("dir")
}

fn looks_like_credential_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    CREDENTIAL_WORDS.iter().any(|w| n.contains(w)) && !is_file_flag(&n)
}

/// A JWT, a PEM block, or a bearer header.
fn looks_like_credential_value(text: &str) -> bool {
    let t = text.trim();
    t.contains("-----BEGIN")
        || t.to_ascii_lowercase().starts_with("bearer ")
        || (t.starts_with("eyJ") && t.matches('.').count() == 2 && t.len() > 30)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn env_values_everywhere_but_references_kept() {
        let mut cr = json!({"kind": "ControllerRevision", "data": {"spec": {"template": {"spec": {
            "initContainers": [{"name": "i", "env": [{"name": "A", "value": "1"}]}],
            "containers": [{"name": "c", "env": [
                {"name": "B", "value": "s3cret"},
                {"name": "C", "valueFrom": {"secretKeyRef": {"name": "db", "key": "pw"}}}]}]}}}}});
        redact(&mut cr);
        let spec = &cr["data"]["spec"]["template"]["spec"];
        assert_eq!(spec["initContainers"][0]["env"][0]["value"], REDACTED);
        assert_eq!(spec["containers"][0]["env"][0]["value"], REDACTED);
        assert_eq!(
            spec["containers"][0]["env"][1]["valueFrom"]["secretKeyRef"]["name"],
            "db"
        );
    }

    #[test]
    fn annotations_by_name_by_value_and_last_applied() {
        let applied = json!({"spec": {"template": {"spec": {"containers": [{"name": "c",
            "env": [{"name": "K", "value": "leak"}]}]}}}})
        .to_string();
        let mut ds = json!({"metadata": {"annotations": {
            LAST_APPLIED: applied,
            "example.com/api-token": "abc",
            "example.com/ca": "-----BEGIN CERTIFICATE-----\nMII",
            "kubernetes.io/change-cause": "kubectl set image ds/x x=y:2",
            "deprecated.daemonset.template.generation": "3"}}});
        redact(&mut ds);
        let notes = &ds["metadata"]["annotations"];
        assert!(!notes[LAST_APPLIED].as_str().unwrap().contains("leak"));
        assert!(notes[LAST_APPLIED].as_str().unwrap().contains(REDACTED));
        assert_eq!(notes["example.com/api-token"], REDACTED);
        assert_eq!(notes["example.com/ca"], REDACTED);
        assert_eq!(
            notes["kubernetes.io/change-cause"],
            "kubectl set image ds/x x=y:2"
        );
        assert_eq!(notes["deprecated.daemonset.template.generation"], "3");
    }

    #[test]
    fn flags_with_credential_names() {
        let mut c = json!({"args": ["--password", "pw", "--token-file", "/var/run/t",
            "--client-secret=xyz", "--verbose", "-v=2", "Bearer abc"]});
        redact(&mut c);
        assert_eq!(
            c["args"],
            json!([
                "--password",
                REDACTED,
                "--token-file",
                "/var/run/t",
                "--client-secret=REDACTED",
                "--verbose",
                "-v=2",
                REDACTED
            ])
        );
    }
}
