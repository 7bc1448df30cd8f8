//! Whole objects, as JSON values, from snapshot inputs: what `kubectl ds snapshot --snapshot IN`
//! re-writes (merged, redacted).
//!
//! [`super::snapshot`] parses into slim types for speed and so cannot give the objects back
//! whole; this reader keeps every field. It accepts the same inputs (files, directories read
//! recursively with only `.json`/`.yaml`/`.yml` files inside them, `-` for stdin; JSON, concatenated
//! JSON, multi-document YAML, `List`/`*List`) and keeps the same kinds; later inputs win over
//! earlier ones for the same kind, namespace and name.
//!
//! ```
//! use kubectl_ds::cluster::raw::read_bytes;
//! let mut out = Vec::new();
//! read_bytes("inline", b"kind: NodeList\napiVersion: v1\nitems: [{metadata: {name: n1}}]\n", &mut out).unwrap();
//! assert_eq!(out[0]["kind"], "Node");
//! ```

use std::collections::HashMap;
use std::path::PathBuf;

use serde_json::Value;

use crate::error::{Error, Result};
use crate::input::{self, Reader};

/// Kinds a snapshot holds (others are dropped, e.g. Secrets or ConfigMaps in a dump).
pub const KINDS: [&str; 9] = [
    "Namespace",
    "Node",
    "DaemonSet",
    "ControllerRevision",
    "Pod",
    "Event",
    "PriorityClass",
    "PodDisruptionBudget",
    "DeviceClass",
];

/// Read every input into one list of objects of the snapshot kinds, deduplicated.
pub fn read(paths: &[PathBuf]) -> Result<Vec<Value>> {
    Ok(read_recorded(paths)?.0)
}

/// [`read`], and the `kubectl-ds.io/…` annotations of the Lists read (what `kubectl ds
/// snapshot` recorded about the server; the last input wins).
pub fn read_recorded(paths: &[PathBuf]) -> Result<(Vec<Value>, Recorded)> {
    let mut out = Vec::new();
    let mut recorded = Recorded::new();
    Reader::new(input::SNAPSHOT).walk(paths, &mut |name, bytes| {
        read_bytes_recorded(name, bytes, &mut out, &mut recorded)
    })?;
    Ok((dedupe(out), recorded))
}

/// `kubectl-ds.io/…` List annotations, by key.
pub type Recorded = std::collections::BTreeMap<String, String>;

/// Parse one input (JSON or YAML, by its first non-blank byte) and append its objects.
pub fn read_bytes(name: &str, bytes: &[u8], out: &mut Vec<Value>) -> Result<()> {
    read_bytes_recorded(name, bytes, out, &mut Recorded::new())
}

fn read_bytes_recorded(
    name: &str,
    bytes: &[u8],
    out: &mut Vec<Value>,
    recorded: &mut Recorded,
) -> Result<()> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let docs: Vec<Value> = match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        None => return Err(Error::input(format!("snapshot {name}: file is empty"))),
        Some(b'{') | Some(b'[') => {
            let mut docs = Vec::new();
            for (i, doc) in serde_json::Deserializer::from_slice(bytes)
                .into_iter::<Value>()
                .enumerate()
            {
                docs.push(doc.map_err(|e| {
                    Error::input(format!("snapshot {name}: document {}: {e}", i + 1))
                })?);
            }
            docs
        }
        Some(_) => {
            let text = std::str::from_utf8(bytes).map_err(|e| {
                Error::input(format!(
                    "snapshot {name}: not UTF-8 text (byte {}); expected YAML or JSON",
                    e.valid_up_to()
                ))
            })?;
            serde_saphyr::from_multiple_with_options(text, super::snapshot::yaml_options())
                .map_err(|e| {
                    let msg = e.to_string();
                    Error::input(format!(
                        "snapshot {name}: {}",
                        msg.lines()
                            .next()
                            .unwrap_or("")
                            .trim_start_matches("error: ")
                    ))
                })?
        }
    };
    for (i, doc) in docs.into_iter().enumerate() {
        if let Some(annotations) = doc
            .pointer("/metadata/annotations")
            .and_then(Value::as_object)
            .filter(|_| doc.get("items").is_some())
        {
            for (k, v) in annotations {
                if k.starts_with("kubectl-ds.io/")
                    && let Some(v) = v.as_str()
                {
                    recorded.insert(k.clone(), v.to_string());
                }
            }
        }
        collect(doc, None, out)
            .map_err(|e| Error::input(format!("snapshot {name}: document {}: {e}", i + 1)))?;
    }
    Ok(())
}

/// Flatten lists and arrays; keep objects of the snapshot kinds. `implied` is the item kind a
/// typed list (`PodList`) implies for items that carry none (API server list responses).
fn collect(doc: Value, implied: Option<(&str, &str)>, out: &mut Vec<Value>) -> Result<(), String> {
    match doc {
        Value::Null => Ok(()),
        Value::Array(items) => items.into_iter().try_for_each(|d| collect(d, implied, out)),
        Value::Object(mut map) => {
            let kind = map.get("kind").and_then(Value::as_str).map(str::to_string);
            if let Some(Value::Array(items)) = map.remove("items") {
                let api_version = map
                    .get("apiVersion")
                    .and_then(Value::as_str)
                    .unwrap_or("v1")
                    .to_string();
                let item_kind = kind
                    .as_deref()
                    .and_then(|k| k.strip_suffix("List"))
                    .filter(|k| !k.is_empty())
                    .map(str::to_string);
                let implied = item_kind.as_deref().map(|k| (k, api_version.as_str()));
                return items.into_iter().enumerate().try_for_each(|(i, d)| {
                    collect(d, implied, out).map_err(|e| format!("items[{i}]: {e}"))
                });
            }
            let kind = match (kind, implied) {
                (Some(k), _) => k,
                (None, Some((k, api_version))) => {
                    map.insert("kind".into(), k.into());
                    map.entry("apiVersion").or_insert(api_version.into());
                    k.to_string()
                }
                (None, None) => return Err("not a Kubernetes object: no `kind` field".into()),
            };
            if KINDS.contains(&kind.as_str()) {
                out.push(Value::Object(map));
            }
            Ok(())
        }
        other => Err(format!(
            "expected a Kubernetes object or List, found {}",
            match other {
                Value::Bool(_) => "a boolean",
                Value::Number(_) => "a number",
                _ => "a string",
            }
        )),
    }
}

/// `kind/namespace/name` of an object.
pub fn key(v: &Value) -> String {
    let s = |p: &str| v.pointer(p).and_then(Value::as_str).unwrap_or("");
    format!(
        "{}/{}/{}",
        s("/kind"),
        s("/metadata/namespace"),
        s("/metadata/name")
    )
}

/// Keep the last occurrence of each object, in the order of first appearance.
fn dedupe(objects: Vec<Value>) -> Vec<Value> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<Value> = Vec::with_capacity(objects.len());
    for v in objects {
        match index.get(&key(&v)) {
            Some(&i) => out[i] = v,
            None => {
                index.insert(key(&v), out.len());
                out.push(v);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(s: &str) -> Result<Vec<Value>> {
        let mut out = Vec::new();
        read_bytes("t", s.as_bytes(), &mut out)?;
        Ok(dedupe(out))
    }

    #[test]
    fn lists_documents_and_unknown_kinds() {
        let got = read_str(
            "kind: List\nitems:\n- {kind: Pod, apiVersion: v1, metadata: {name: p, namespace: a}}\n- {kind: Secret, metadata: {name: s}}\n---\nkind: Node\nmetadata: {name: node-1}\n",
        )
        .unwrap();
        let keys: Vec<String> = got.iter().map(key).collect();
        assert_eq!(keys, ["Pod/a/p", "Node//node-1"]);
    }

    #[test]
    fn later_copies_win() {
        let got = read_str(
            r#"{"kind":"Node","metadata":{"name":"n","labels":{"v":"1"}}}
               {"kind":"Node","metadata":{"name":"n","labels":{"v":"2"}}}"#,
        )
        .unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0]["metadata"]["labels"]["v"], "2");
    }

    #[test]
    fn broken_input_names_the_document() {
        let err = read_str("kind: Node\n---\n- 3\n").unwrap_err().to_string();
        assert!(err.contains("document 2"), "{err}");
        let err = read_str("{\"kind\": ").unwrap_err().to_string();
        assert!(err.contains("snapshot t: document 1"), "{err}");
        assert!(read_str("  \n").is_err());
    }

    #[test]
    fn written_yaml_reads_back_with_string_scalars_intact() {
        let tricky = [
            "true", "n", "yes", "on", "1", "0x1F", "1e3", "~", "null", "", "a: b", "- x",
        ];
        let labels: serde_json::Map<String, Value> = tricky
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("k{i}"), Value::from(*v)))
            .collect();
        let node = serde_json::json!({"apiVersion": "v1", "kind": "Node",
            "metadata": {"name": "node-1", "labels": labels}});
        let list = serde_json::json!({"apiVersion": "v1", "kind": "List", "items": [node]});
        let text = serde_saphyr::to_string(&list).unwrap();
        let back = read_str(&text).unwrap();
        assert_eq!(back, vec![node], "{text}");
    }
}
