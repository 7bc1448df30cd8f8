//! Cluster state from files: `kubectl get … -o json|yaml` output (single objects, `List`s,
//! multi-document YAML, concatenated JSON), and `kubectl cluster-info dump` directory trees.
//!
//! Speed matters here (a 150,000-pod JSON snapshot is hundreds of megabytes), so JSON is streamed
//! through a seed that looks at `apiVersion`/`kind` — which kubectl writes first in every item —
//! and deserializes the rest of the object straight into its slim type, skipping fields nobody
//! reads. Objects whose `kind` comes later fall back to a buffered path. Unknown kinds are skipped.
//!
//! ```
//! use kubectl_ds::cluster::snapshot::load_bytes;
//! let mut state = Default::default();
//! load_bytes("inline", br#"{"apiVersion":"v1","kind":"List","items":[
//!   {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"ns"},"spec":{"nodeName":"n1"}}]}"#,
//!   &mut state).unwrap();
//! assert_eq!(state.pods[0].target_node(), Some("n1"));
//! ```

use std::collections::HashSet;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::ClusterState;
use crate::error::{Error, Result};

/// Largest nesting we accept when buffering unknown-shaped input (hostile-input guard).
const MAX_FILES: usize = 100_000;

/// Read every path (file, directory, or `-` for stdin) into one state.
pub fn load(paths: &[PathBuf]) -> Result<ClusterState> {
    let mut state = ClusterState::default();
    let mut seen_dirs = HashSet::new();
    let mut files = 0usize;
    for p in paths {
        if p.as_os_str() == "-" {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| Error::input(format!("reading snapshot from stdin: {e}")))?;
            load_bytes("<stdin>", &buf, &mut state)?;
            continue;
        }
        load_path(p, true, &mut state, &mut seen_dirs, &mut files)?;
    }
    dedupe(&mut state);
    Ok(state)
}

fn load_path(
    path: &Path,
    explicit: bool,
    state: &mut ClusterState,
    seen_dirs: &mut HashSet<PathBuf>,
    files: &mut usize,
) -> Result<()> {
    let meta = std::fs::metadata(path)
        .map_err(|e| Error::input(format!("snapshot {}: {e}", path.display())))?;
    if meta.is_dir() {
        // Symlink loops: visit each real directory once.
        let real = std::fs::canonicalize(path)
            .map_err(|e| Error::input(format!("snapshot {}: {e}", path.display())))?;
        if !seen_dirs.insert(real) {
            return Ok(());
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| Error::input(format!("snapshot {}: {e}", path.display())))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for entry in entries {
            load_path(&entry, false, state, seen_dirs, files)?;
        }
        return Ok(());
    }
    if !explicit {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "json" | "yaml" | "yml") {
            return Ok(()); // e.g. logs.txt in a cluster-info dump
        }
    }
    *files += 1;
    if *files > MAX_FILES {
        return Err(Error::input(format!(
            "snapshot {}: more than {MAX_FILES} files",
            path.display()
        )));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Error::input(format!("snapshot {}: {e}", path.display())))?;
    load_bytes(&path.display().to_string(), &bytes, state)
}

/// Parse one input (JSON or YAML, detected from the first non-blank byte) into `state`.
pub fn load_bytes(name: &str, bytes: &[u8], state: &mut ClusterState) -> Result<()> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    match first {
        None => Err(Error::input(format!("snapshot {name}: file is empty"))),
        Some(b'{') | Some(b'[') => load_json(name, bytes, state),
        Some(_) => load_yaml(name, bytes, state),
    }
}

fn load_json(name: &str, bytes: &[u8], state: &mut ClusterState) -> Result<()> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let mut doc = 0usize;
    loop {
        doc += 1;
        // Skip whitespace; stop at end of input.
        if de.end().is_ok() {
            return Ok(());
        }
        let mut sink = Sink { state, doc };
        DocSeed { sink: &mut sink }
            .deserialize(&mut de)
            .map_err(|e| Error::input(format!("snapshot {name}: document {doc}: {e}")))?;
    }
}

fn load_yaml(name: &str, bytes: &[u8], state: &mut ClusterState) -> Result<()> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Error::input(format!(
            "snapshot {name}: not UTF-8 text (byte {}); expected YAML or JSON",
            e.valid_up_to()
        ))
    })?;
    let docs: Vec<Value> = serde_saphyr::from_multiple(text)
        .map_err(|e| Error::input(format!("snapshot {name}: {}", first_line(&e.to_string()))))?;
    for (i, value) in docs.into_iter().enumerate() {
        let doc = i + 1;
        if value.is_null() {
            continue;
        }
        let mut sink = Sink { state, doc };
        DocSeed { sink: &mut sink }
            .deserialize(value)
            .map_err(|e| Error::input(format!("snapshot {name}: document {doc}: {e}")))?;
    }
    Ok(())
}

/// The parser's message, first line only, without its own `error:` prefix or option hints.
fn first_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or("").trim_start_matches("error: ");
    line.split(", set DuplicateKeyPolicy")
        .next()
        .unwrap_or(line)
        .to_string()
}

/// Where parsed objects go.
struct Sink<'s> {
    state: &'s mut ClusterState,
    #[allow(dead_code)]
    doc: usize,
}

/// Kinds the snapshot reads.
fn wanted(kind: &str) -> bool {
    matches!(
        kind,
        "Pod" | "Node" | "DaemonSet" | "ControllerRevision" | "Event" | "Namespace"
    )
}

impl Sink<'_> {
    /// Store an object whose full JSON value is known.
    fn value<E: de::Error>(&mut self, kind: &str, mut v: Value) -> Result<(), E> {
        let label = object_label(kind, &v);
        let fail = |e: serde_json::Error| E::custom(format!("{label}: {e}"));
        match kind {
            "Pod" => self
                .state
                .pods
                .push(serde_json::from_value(v).map_err(fail)?),
            "Event" => self
                .state
                .events
                .push(serde_json::from_value(v).map_err(fail)?),
            "Namespace" => self
                .state
                .namespaces
                .push(serde_json::from_value(v).map_err(fail)?),
            "Node" => {
                v["apiVersion"] = "v1".into();
                self.state
                    .nodes
                    .push(serde_json::from_value(v).map_err(fail)?)
            }
            "DaemonSet" => {
                // Old clusters serve extensions/v1beta1 or apps/v1beta2; the shape we read is the same.
                v["apiVersion"] = "apps/v1".into();
                self.state
                    .daemonsets
                    .push(serde_json::from_value(v).map_err(fail)?)
            }
            "ControllerRevision" => {
                v["apiVersion"] = "apps/v1".into();
                self.state
                    .revisions
                    .push(serde_json::from_value(v).map_err(fail)?)
            }
            _ => {}
        }
        Ok(())
    }
}

fn object_label(kind: &str, v: &Value) -> String {
    let name = v
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("<unnamed>");
    match v.pointer("/metadata/namespace").and_then(Value::as_str) {
        Some(ns) => format!("{kind} {ns}/{name}"),
        None => format!("{kind} {name}"),
    }
}

/// One top-level document or list item.
struct DocSeed<'a, 's> {
    sink: &'a mut Sink<'s>,
}

impl<'de> DeserializeSeed<'de> for DocSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DocSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a Kubernetes object or List")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(()) // empty YAML document / null item
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // A bare JSON array of objects.
        while seq
            .next_element_seed(DocSeed {
                sink: &mut *self.sink,
            })?
            .is_some()
        {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut api_version: Option<String> = None;
        let mut kind: Option<String> = None;
        let mut buffered = serde_json::Map::new();
        let mut had_items = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "apiVersion" => api_version = Some(map.next_value()?),
                "kind" => kind = Some(map.next_value()?),
                "items" => {
                    had_items = true;
                    map.next_value_seed(ItemsSeed {
                        sink: &mut *self.sink,
                    })?;
                }
                _ => {
                    let k = kind.as_deref().unwrap_or("");
                    if !k.is_empty() && !k.ends_with("List") && buffered.is_empty() && !had_items {
                        // Fast path: kind known up front; the rest of the map is the object.
                        buffered.insert(key, map.next_value()?);
                        return self.finish_fast(k.to_string(), api_version, buffered, map);
                    }
                    if !k.is_empty() && !wanted(k) && !k.ends_with("List") {
                        map.next_value::<IgnoredAny>()?;
                    } else {
                        buffered.insert(key, map.next_value()?);
                    }
                }
            }
        }
        match kind {
            Some(k) if k.ends_with("List") || had_items => Ok(()),
            Some(k) => {
                if wanted(&k) {
                    buffered.insert("apiVersion".into(), api_version.unwrap_or_default().into());
                    buffered.insert("kind".into(), k.clone().into());
                    self.sink.value(&k, Value::Object(buffered))?;
                }
                Ok(())
            }
            None if had_items => Ok(()),
            None => Err(de::Error::custom(
                "not a Kubernetes object: no `kind` field",
            )),
        }
    }
}

impl DocSeed<'_, '_> {
    /// `kind` is known and the first non-type field was read into `first`: read the remaining
    /// fields. Pods (the bulk) go straight into the slim type; others via a JSON value.
    fn finish_fast<'de, A: MapAccess<'de>>(
        self,
        kind: String,
        api_version: Option<String>,
        first: serde_json::Map<String, Value>,
        mut map: A,
    ) -> Result<(), A::Error> {
        if !wanted(&kind) {
            while map.next_key::<IgnoredAny>()?.is_some() {
                map.next_value::<IgnoredAny>()?;
            }
            return Ok(());
        }
        let mut obj = first;
        if kind == "Pod" {
            // Read the remaining fields; `metadata` / `spec` / `status` deserialize slim.
            let mut pod: crate::cluster::pod::Pod = match obj.remove("metadata") {
                Some(m) => crate::cluster::pod::Pod {
                    metadata: serde_json::from_value(m).map_err(de::Error::custom)?,
                    ..Default::default()
                },
                None => Default::default(),
            };
            for (k, v) in obj {
                assign_pod_field(&mut pod, &k, v).map_err(de::Error::custom)?;
            }
            while let Some(key) = map.next_key::<String>()? {
                match key.as_str() {
                    "metadata" => pod.metadata = map.next_value()?,
                    "spec" => pod.spec = map.next_value()?,
                    "status" => pod.status = map.next_value()?,
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            self.sink.state.pods.push(pod);
            return Ok(());
        }
        while let Some(key) = map.next_key::<String>()? {
            let v: Value = map.next_value()?;
            obj.insert(key, v);
        }
        obj.insert("apiVersion".into(), api_version.unwrap_or_default().into());
        obj.insert("kind".into(), kind.clone().into());
        self.sink.value(&kind, Value::Object(obj))
    }
}

fn assign_pod_field(
    pod: &mut crate::cluster::pod::Pod,
    key: &str,
    v: Value,
) -> Result<(), serde_json::Error> {
    match key {
        "spec" => pod.spec = serde_json::from_value(v)?,
        "status" => pod.status = serde_json::from_value(v)?,
        _ => {}
    }
    Ok(())
}

struct ItemsSeed<'a, 's> {
    sink: &'a mut Sink<'s>,
}

impl<'de> DeserializeSeed<'de> for ItemsSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ItemsSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of Kubernetes objects")
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0usize;
        loop {
            i += 1;
            match seq.next_element_seed(DocSeed {
                sink: &mut *self.sink,
            }) {
                Ok(Some(())) => {}
                Ok(None) => return Ok(()),
                Err(e) => return Err(de::Error::custom(format!("items[{}]: {e}", i - 1))),
            }
        }
    }
}

/// The same object read twice (overlapping snapshot files) is kept once: the last copy wins.
fn dedupe(state: &mut ClusterState) {
    fn by_key<T>(v: &mut Vec<T>, key: impl Fn(&T) -> String) {
        let mut seen = HashSet::new();
        let mut out: Vec<T> = Vec::with_capacity(v.len());
        for item in v.drain(..).rev() {
            if seen.insert(key(&item)) {
                out.push(item);
            }
        }
        out.reverse();
        *v = out;
    }
    let meta_key = |ns: &Option<String>, name: &Option<String>| {
        format!(
            "{}/{}",
            ns.as_deref().unwrap_or(""),
            name.as_deref().unwrap_or("")
        )
    };
    by_key(&mut state.nodes, |n| meta_key(&None, &n.metadata.name));
    by_key(&mut state.daemonsets, |d| {
        meta_key(&d.metadata.namespace, &d.metadata.name)
    });
    by_key(&mut state.revisions, |r| {
        meta_key(&r.metadata.namespace, &r.metadata.name)
    });
    by_key(&mut state.pods, |p| {
        format!("{}/{}", p.metadata.namespace, p.metadata.name)
    });
    by_key(&mut state.namespaces, |n| n.metadata.name.clone());
    by_key(&mut state.events, |e| {
        format!("{}/{}", e.metadata.namespace, e.metadata.name)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(s: &str) -> Result<ClusterState> {
        let mut st = ClusterState::default();
        load_bytes("t", s.as_bytes(), &mut st)?;
        Ok(st)
    }

    #[test]
    fn json_list_with_mixed_kinds() {
        let st = load_str(r#"{"apiVersion":"v1","items":[
            {"apiVersion":"v1","kind":"Node","metadata":{"name":"n1"}},
            {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"d","namespace":"ns"},"spec":{"selector":{},"template":{}}},
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"ns"},"spec":{"nodeName":"n1"},"status":{"phase":"Running"}},
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"s"}}
        ],"kind":"List","metadata":{}}"#).unwrap();
        assert_eq!(
            (st.nodes.len(), st.daemonsets.len(), st.pods.len()),
            (1, 1, 1)
        );
        assert_eq!(st.pods[0].status.phase.as_deref(), Some("Running"));
    }

    #[test]
    fn kind_after_other_fields_uses_the_slow_path() {
        let st = load_str(r#"{"metadata":{"name":"p","namespace":"x"},"spec":{"nodeName":"n"},"kind":"Pod","apiVersion":"v1"}"#).unwrap();
        assert_eq!(st.pods[0].metadata.name, "p");
        assert_eq!(st.pods[0].target_node(), Some("n"));
    }

    #[test]
    fn yaml_multi_document_with_empty_docs() {
        let st = load_str("---\napiVersion: v1\nkind: Node\nmetadata:\n  name: a\n---\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: b\n").unwrap();
        assert_eq!(st.nodes.len(), 2);
    }

    #[test]
    fn errors_name_the_document() {
        let err = load_str("{\"kind\":\"Node\"}\n{\"kind\": ")
            .unwrap_err()
            .to_string();
        assert!(err.contains("document 2"), "{err}");
        let err = load_str(
            r#"{"apiVersion":"v1","kind":"Node","metadata":{"name":"n","labels":"oops"}}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("document 1") && err.contains("Node n"),
            "{err}"
        );
        assert!(load_str("   \n").unwrap_err().to_string().contains("empty"));
        assert!(
            load_str("just a string")
                .unwrap_err()
                .to_string()
                .contains("document 1")
        );
    }

    #[test]
    fn duplicates_keep_the_last_copy() {
        let st = load_str(
            r#"{"apiVersion":"v1","kind":"Node","metadata":{"name":"n","labels":{"a":"1"}}}
            {"apiVersion":"v1","kind":"Node","metadata":{"name":"n","labels":{"a":"2"}}}"#,
        )
        .map(|mut s| {
            dedupe(&mut s);
            s
        })
        .unwrap();
        assert_eq!(st.nodes.len(), 1);
        assert_eq!(st.nodes[0].metadata.labels.as_ref().unwrap()["a"], "2");
    }
}
