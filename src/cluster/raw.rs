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

use serde::Deserialize as _;
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

/// Hand every object of the snapshot kinds to `f`, one at a time, in input order (duplicates
/// included: the caller decides which copy wins, see [`key`]). Unlike [`read`], a big `List`
/// never becomes one tree: JSON items are parsed one by one from the input bytes, and a YAML
/// document's items are kept as compact JSON until their turn (a tenth of the memory of the
/// tree). `kubectl ds snapshot` re-writes 100 MB inputs this way.
/// Returns the `kubectl-ds.io/…` annotations of the Lists read, as [`read_recorded`] does.
pub fn for_each(paths: &[PathBuf], f: &mut dyn FnMut(Value) -> Result<()>) -> Result<Recorded> {
    let mut recorded = Recorded::new();
    Reader::new(input::SNAPSHOT).walk(paths, &mut |name, bytes| {
        for_each_in(name, bytes, f, &mut recorded)
    })?;
    Ok(recorded)
}

/// Keep the `kubectl-ds.io/…` annotations of a List's `metadata` in `recorded`.
fn record(metadata: Option<&Value>, recorded: &mut Recorded) {
    let annotations = metadata
        .and_then(|m| m.get("annotations"))
        .and_then(Value::as_object);
    for (k, v) in annotations.into_iter().flatten() {
        if k.starts_with("kubectl-ds.io/")
            && let Some(v) = v.as_str()
        {
            recorded.insert(k.clone(), v.to_string());
        }
    }
}

/// [`for_each`] on one input's bytes.
pub fn for_each_in(
    name: &str,
    bytes: &[u8],
    f: &mut dyn FnMut(Value) -> Result<()>,
    recorded: &mut Recorded,
) -> Result<()> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let doc_err =
        |i: usize, e: String| Error::input(format!("snapshot {name}: document {}: {e}", i + 1));
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        None => Err(Error::input(format!("snapshot {name}: file is empty"))),
        Some(b'{') | Some(b'[') => {
            let docs = serde_json::Deserializer::from_slice(bytes)
                .into_iter::<&serde_json::value::RawValue>();
            for (i, doc) in docs.enumerate() {
                let doc = doc.map_err(|e| doc_err(i, e.to_string()))?;
                let parse = |raw: &serde_json::value::RawValue| {
                    serde_json::from_str::<Value>(raw.get()).map_err(|e| doc_err(i, e.to_string()))
                };
                match serde_json::from_str::<JsonList>(doc.get()) {
                    Ok(list) => {
                        record(list.metadata.as_ref(), recorded);
                        let (kind, api_version) = (list.kind, list.api_version);
                        let item_kind = kind.as_deref().and_then(|k| k.strip_suffix("List"));
                        let implied = item_kind
                            .filter(|k| !k.is_empty())
                            .map(|k| (k, api_version.as_deref().unwrap_or("v1")));
                        for (j, item) in list.items.into_iter().enumerate() {
                            send(parse(item)?, implied, f, |e| {
                                doc_err(i, format!("items[{j}]: {e}"))
                            })?;
                        }
                    }
                    // not a list with an items array: one object (or an array of them)
                    Err(_) => send(parse(doc)?, None, f, |e| doc_err(i, e))?,
                }
            }
            Ok(())
        }
        Some(_) => {
            let text = std::str::from_utf8(bytes).map_err(|e| {
                Error::input(format!(
                    "snapshot {name}: not UTF-8 text (byte {}); expected YAML or JSON",
                    e.valid_up_to()
                ))
            })?;
            let docs: Vec<YamlDoc> =
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
                    })?;
            for (i, doc) in docs.into_iter().enumerate() {
                match doc {
                    YamlDoc::Value(v) => send(v, None, f, |e| doc_err(i, e))?,
                    YamlDoc::List { head, items } => {
                        record(head.get("metadata"), recorded);
                        let kind = head.get("kind").and_then(Value::as_str);
                        let item_kind = kind.and_then(|k| k.strip_suffix("List"));
                        let api_version = head
                            .get("apiVersion")
                            .and_then(Value::as_str)
                            .unwrap_or("v1");
                        let implied = item_kind
                            .filter(|k| !k.is_empty())
                            .map(|k| (k, api_version));
                        for (j, item) in items.into_iter().enumerate() {
                            let item: Value = serde_json::from_str(&item)
                                .map_err(|e| doc_err(i, e.to_string()))?;
                            send(item, implied, f, |e| doc_err(i, format!("items[{j}]: {e}")))?;
                        }
                    }
                }
            }
            Ok(())
        }
    }
}

/// [`collect`] one document and hand what it holds to `f`.
fn send(
    v: Value,
    implied: Option<(&str, &str)>,
    f: &mut dyn FnMut(Value) -> Result<()>,
    err: impl Fn(String) -> Error,
) -> Result<()> {
    let mut one = Vec::with_capacity(1);
    collect(v, implied, &mut one).map_err(err)?;
    one.into_iter().try_for_each(f)
}

/// A JSON document that is a list: its items stay unparsed slices of the input.
#[derive(serde::Deserialize)]
struct JsonList<'a> {
    kind: Option<String>,
    #[serde(rename = "apiVersion")]
    api_version: Option<String>,
    metadata: Option<Value>,
    #[serde(borrow)]
    items: Vec<&'a serde_json::value::RawValue>,
}

/// A YAML document: a mapping with an `items` sequence (a List) keeps its items as compact JSON,
/// one string each, so no tree of the whole document is ever built; anything else is a value.
pub(crate) enum YamlDoc {
    List {
        head: serde_json::Map<String, Value>,
        items: Vec<String>,
    },
    Value(Value),
}

impl<'de> serde::Deserialize<'de> for YamlDoc {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(YamlDocVisitor)
    }
}

struct YamlDocVisitor;

/// A YAML value turned into compact JSON as soon as it is parsed.
struct Compact(String);

impl<'de> serde::Deserialize<'de> for Compact {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        serde_json::to_string(&v)
            .map(Compact)
            .map_err(serde::de::Error::custom)
    }
}

/// `items:` of a YAML List: each element compacted on its own; not a sequence → a plain value.
enum Items {
    Seq(Vec<String>),
    Other(Value),
}

impl<'de> serde::Deserialize<'de> for Items {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Items;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of objects")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Items, A::Error> {
                let mut out = Vec::new();
                while let Some(Compact(s)) = seq.next_element()? {
                    out.push(s);
                }
                Ok(Items::Seq(out))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<Items, A::Error> {
                Value::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(Items::Other)
            }
            fn visit_unit<E>(self) -> std::result::Result<Items, E> {
                Ok(Items::Other(Value::Null))
            }
            fn visit_none<E>(self) -> std::result::Result<Items, E> {
                Ok(Items::Other(Value::Null))
            }
            fn visit_bool<E>(self, b: bool) -> std::result::Result<Items, E> {
                Ok(Items::Other(b.into()))
            }
            fn visit_i64<E>(self, n: i64) -> std::result::Result<Items, E> {
                Ok(Items::Other(n.into()))
            }
            fn visit_u64<E>(self, n: u64) -> std::result::Result<Items, E> {
                Ok(Items::Other(n.into()))
            }
            fn visit_f64<E>(self, n: f64) -> std::result::Result<Items, E> {
                Ok(Items::Other(n.into()))
            }
            fn visit_str<E>(self, s: &str) -> std::result::Result<Items, E> {
                Ok(Items::Other(s.into()))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> serde::de::Visitor<'de> for YamlDocVisitor {
    type Value = YamlDoc;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a Kubernetes object or List")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<YamlDoc, A::Error> {
        let mut head = serde_json::Map::new();
        let mut items = None;
        while let Some(key) = map.next_key::<String>()? {
            if key == "items" {
                match map.next_value::<Items>()? {
                    Items::Seq(list) => items = Some(list),
                    Items::Other(v) => {
                        head.insert(key, v);
                    }
                }
            } else {
                let v: Value = map.next_value()?;
                head.insert(key, v);
            }
        }
        Ok(match items {
            Some(items) => YamlDoc::List { head, items },
            None => YamlDoc::Value(Value::Object(head)),
        })
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        seq: A,
    ) -> std::result::Result<YamlDoc, A::Error> {
        Value::deserialize(serde::de::value::SeqAccessDeserializer::new(seq)).map(YamlDoc::Value)
    }
    fn visit_unit<E>(self) -> std::result::Result<YamlDoc, E> {
        Ok(YamlDoc::Value(Value::Null))
    }
    fn visit_none<E>(self) -> std::result::Result<YamlDoc, E> {
        Ok(YamlDoc::Value(Value::Null))
    }
    fn visit_bool<E>(self, b: bool) -> std::result::Result<YamlDoc, E> {
        Ok(YamlDoc::Value(b.into()))
    }
    fn visit_i64<E>(self, n: i64) -> std::result::Result<YamlDoc, E> {
        Ok(YamlDoc::Value(n.into()))
    }
    fn visit_u64<E>(self, n: u64) -> std::result::Result<YamlDoc, E> {
        Ok(YamlDoc::Value(n.into()))
    }
    fn visit_f64<E>(self, n: f64) -> std::result::Result<YamlDoc, E> {
        Ok(YamlDoc::Value(n.into()))
    }
    fn visit_str<E>(self, s: &str) -> std::result::Result<YamlDoc, E> {
        Ok(YamlDoc::Value(s.into()))
    }
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

    /// The streaming reader sees exactly what the whole-tree reader sees, for every input shape.
    #[test]
    fn for_each_sees_what_read_sees() {
        let inputs = [
            "kind: List\nitems:\n- {kind: Pod, apiVersion: v1, metadata: {name: p, namespace: a}}\n- {kind: Secret, metadata: {name: s}}\n---\nkind: Node\nmetadata: {name: node-1}\n",
            "apiVersion: v1\nitems:\n- metadata: {name: p, namespace: a}\nkind: PodList\n",
            "- {kind: Node, metadata: {name: a}}\n- {kind: Node, metadata: {name: b}}\n",
            "kind: List\nitems: []\n",
            r#"{"kind":"Node","metadata":{"name":"n","labels":{"v":"1"}}}
               {"kind":"Node","metadata":{"name":"n","labels":{"v":"2"}}}"#,
            r#"{"apiVersion":"v1","items":[{"metadata":{"name":"p","namespace":"a"}}],"kind":"PodList"}"#,
            r#"[{"kind":"Node","metadata":{"name":"a"}},{"kind":"List","items":[{"kind":"Node","metadata":{"name":"b"}}]}]"#,
            r#"{"kind":"List","items":[{"kind":"Pod","metadata":{"name":"p","namespace":"a"}},{"kind":"ConfigMap","metadata":{"name":"c"}}]}"#,
        ];
        for input in inputs {
            let mut streamed = Vec::new();
            for_each_in(
                "t",
                input.as_bytes(),
                &mut |v| {
                    streamed.push(v);
                    Ok(())
                },
                &mut Recorded::new(),
            )
            .unwrap();
            assert_eq!(dedupe(streamed), read_str(input).unwrap(), "{input}");
        }
        for broken in [
            "kind: Node\n---\n- 3\n",
            "{\"kind\": ",
            "  \n",
            "kind: List\nitems: [3]\n",
        ] {
            let streamed = for_each_in(
                "t",
                broken.as_bytes(),
                &mut |_| Ok(()),
                &mut Recorded::new(),
            );
            let (a, b) = (
                streamed.unwrap_err().to_string(),
                read_str(broken).unwrap_err().to_string(),
            );
            assert_eq!(a, b, "{broken}");
        }
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
