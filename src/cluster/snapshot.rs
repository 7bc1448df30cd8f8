//! Cluster state from files: `kubectl get … -o json|yaml` output (single objects, `List`s,
//! multi-document YAML, concatenated JSON), and `kubectl cluster-info dump` directory trees.
//!
//! Speed matters here (a 150,000-pod JSON snapshot is hundreds of megabytes), so JSON is streamed
//! through a seed that looks at `apiVersion`/`kind` — which kubectl writes first in every item —
//! and deserializes the rest of the object straight into its slim type, skipping fields nobody
//! reads. Objects whose `kind` comes later fall back to a buffered path. Unknown kinds are skipped.
//! With [`Query::foreign_pods_as_usage`] ([`load_for`]), pods controlled by something other than
//! a DaemonSet are kept only as their node usage ([`UsagePod`]).
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
use std::path::PathBuf;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::{ClusterState, Query};
use crate::error::{Error, Result};
use crate::input::{self, Reader};
use crate::model::Pod;

mod parallel;

/// Read every path (file, directory, or `-` for stdin) into one state, every pod in full.
pub fn load(paths: &[PathBuf]) -> Result<ClusterState> {
    load_for(paths, &Query::default())
}

/// Read every path (file, directory, or `-` for stdin) into one state, in the form `query` asks
/// for: with [`Query::foreign_pods_as_usage`], pods that no DaemonSet can own go to
/// `usage_pods` instead of `pods`.
pub fn load_for(paths: &[PathBuf], query: &Query) -> Result<ClusterState> {
    // One reader for both passes [`with_query`] may make: it keeps what stdin held.
    let mut reader = Reader::new(input::SNAPSHOT);
    with_query(query, |opts| {
        let mut state = ClusterState::default();
        reader.walk(paths, &mut |name, bytes| {
            load_bytes_with(name, bytes, &mut state, opts)
        })?;
        flush(&mut state, opts);
        dedupe(&mut state);
        Ok(state)
    })
}

/// The kinds `query` asks for that the snapshot does not hold at all, as caveats: without Pods
/// every wanted node would look `Missing`, which is a gap in the file (`kubectl get nodes,ds`),
/// not a finding about the cluster. (A live cluster always has pods; a snapshot can lack them.)
pub fn absent_kinds(query: &Query, state: &ClusterState) -> Vec<String> {
    let mut out = Vec::new();
    if query.pods && state.pods.is_empty() && state.usage_pods.is_empty() {
        out.push(
            "the snapshot holds no Pods: which daemon pods run where, and the room left on nodes, are not known".to_string(),
        );
    }
    out
}

/// The DaemonSet manifests of `explain-placement -f` (files, directories, or `-`), read under
/// [`input::MANIFEST`] and parsed as snapshot input is.
pub fn load_manifests(paths: &[PathBuf]) -> Result<ClusterState> {
    let mut state = ClusterState::default();
    Reader::new(input::MANIFEST).walk(paths, &mut |name, bytes| {
        load_bytes(name, bytes, &mut state)
    })?;
    dedupe(&mut state);
    Ok(state)
}

/// [`load_for`] on one in-memory input: the same parsing, pod reduction and de-duplication as
/// for a file. Public so that the fuzz target `fuzz/fuzz_targets/snapshot.rs` can reach the
/// reduced-pod path ([`Query::foreign_pods_as_usage`]), which [`load_bytes`] never takes.
pub fn load_bytes_for(name: &str, bytes: &[u8], query: &Query) -> Result<ClusterState> {
    with_query(query, |opts| {
        let mut state = ClusterState::default();
        load_bytes_with(name, bytes, &mut state, opts)?;
        flush(&mut state, opts);
        dedupe(&mut state);
        Ok(state)
    })
}

/// Run `read` in the form `query` asks for.
fn with_query(
    query: &Query,
    mut read: impl FnMut(&mut LoadOpts) -> Result<ClusterState>,
) -> Result<ClusterState> {
    let mut opts = LoadOpts::new(query.foreign_pods_as_usage);
    let state = read(&mut opts)?;
    // A foreign controller UID that is also a DaemonSet's UID cannot happen in a real cluster
    // (UIDs are unique); if a hand-made snapshot does it, read everything in full so claiming
    // stays exact.
    if opts.usage_only
        && state.daemonsets.iter().any(|d| {
            d.metadata
                .uid
                .as_deref()
                .is_some_and(|u| opts.foreign_uids.contains(u))
        })
    {
        return read(&mut LoadOpts::new(false));
    }
    Ok(state)
}

/// How pods are kept, and what was seen while reading.
struct LoadOpts {
    /// Keep pods that no DaemonSet can own as [`UsagePod`]s.
    usage_only: bool,
    /// Controller UIDs of the pods kept as [`UsagePod`]s.
    foreign_uids: HashSet<String>,
    /// Each distinct label set of the [`UsagePod`]s, kept once.
    labels: HashSet<std::sync::Arc<std::collections::BTreeMap<String, String>>>,
    /// Each distinct list of requests of the [`UsagePod`]s, kept once.
    requests: HashSet<crate::model::pod::Requests>,
    /// What a big List's items decoded to on several threads, in order, not yet appended to the
    /// state: appended by [`flush`] once the file's bytes are freed, so that the copy appending
    /// makes never sits beside them (at 150,000 pods that copy was 39 MB of peak RSS).
    pending: Vec<ClusterState>,
}

impl LoadOpts {
    /// Fresh options that keep pods as `usage_only` says.
    fn new(usage_only: bool) -> Self {
        LoadOpts {
            usage_only,
            foreign_uids: HashSet::new(),
            labels: HashSet::new(),
            requests: HashSet::new(),
            pending: Vec::new(),
        }
    }
}

/// Append what is pending to `state`: before anything else is read into it (keeping the order
/// of files and documents), and after the last input's bytes are freed.
fn flush(state: &mut ClusterState, opts: &mut LoadOpts) {
    for part in opts.pending.drain(..) {
        state.append(part);
    }
}

/// Parse one input (JSON or YAML, detected from the first non-blank byte) into `state`.
pub fn load_bytes(name: &str, bytes: &[u8], state: &mut ClusterState) -> Result<()> {
    let mut opts = LoadOpts::new(false);
    load_bytes_with(name, bytes, state, &mut opts)?;
    flush(state, &mut opts);
    Ok(())
}

fn load_bytes_with(
    name: &str,
    bytes: &[u8],
    state: &mut ClusterState,
    opts: &mut LoadOpts,
) -> Result<()> {
    flush(state, opts);
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    match first {
        None => Err(Error::input(format!("snapshot {name}: file is empty"))),
        Some(b'{') | Some(b'[') => load_json(name, bytes, state, opts),
        Some(_) => load_yaml(name, bytes, state, opts),
    }
}

fn load_json(
    name: &str,
    bytes: &[u8],
    state: &mut ClusterState,
    opts: &mut LoadOpts,
) -> Result<()> {
    // A big List (what `kubectl get -o json` and `kubectl ds snapshot` write) on every core.
    if let Some(list) = parallel::RawList::parse(bytes)
        && list.read(opts)
    {
        return Ok(());
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let mut doc = 0usize;
    loop {
        doc += 1;
        // Skip whitespace; stop at end of input.
        if de.end().is_ok() {
            return Ok(());
        }
        let mut sink = Sink {
            state,
            opts: &mut *opts,
            doc,
        };
        DocSeed { sink: &mut sink }
            .deserialize(&mut de)
            .map_err(|e| Error::input(format!("snapshot {name}: document {doc}: {e}")))?;
    }
}

fn load_yaml(
    name: &str,
    bytes: &[u8],
    state: &mut ClusterState,
    opts: &mut LoadOpts,
) -> Result<()> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Error::input(format!(
            "snapshot {name}: not UTF-8 text (byte {}); expected YAML or JSON",
            e.valid_up_to()
        ))
    })?;
    // A List's items come as compact JSON, one string each (no tree of the whole document:
    // a 95 MB cluster took 1.4 GB as one), and go through the JSON path's fast deserializers.
    let docs: Vec<super::raw::YamlDoc> =
        serde_saphyr::from_multiple_with_options(text, yaml_options())
            .map_err(|e| yaml_syntax_error(name, text, &e.to_string()))?;
    for (i, doc) in docs.into_iter().enumerate() {
        // A big List before this document is still pending: it comes first.
        flush(state, opts);
        let doc_no = i + 1;
        let fail = |e: String| Error::input(format!("snapshot {name}: document {doc_no}: {e}"));
        let mut sink = Sink {
            state,
            opts: &mut *opts,
            doc: doc_no,
        };
        match doc {
            super::raw::YamlDoc::Value(value) => {
                if value.is_null() {
                    continue;
                }
                DocSeed { sink: &mut sink }
                    .deserialize(value)
                    .map_err(|e| fail(e.to_string()))?;
            }
            super::raw::YamlDoc::List { head, items } => {
                sink.list_metadata::<serde_json::Error>(head.get("metadata"))
                    .map_err(|e| fail(e.to_string()))?;
                if parallel::runs(items.len()) > 1 {
                    let parts = parallel::read_items(&items, |s| s.as_str(), sink.opts)
                        .map_err(|(j, e)| fail(format!("items[{j}]: {}", without_position(&e))))?;
                    sink.opts.pending.extend(parts);
                    continue;
                }
                for (j, item) in items.iter().enumerate() {
                    let mut de = serde_json::Deserializer::from_str(item);
                    DocSeed { sink: &mut sink }
                        .deserialize(&mut de)
                        .map_err(|e| fail(format!("items[{j}]: {}", without_position(&e))))?;
                }
            }
        }
    }
    Ok(())
}

/// A serde_json error without its ` at line 1 column N` (a position in the compact JSON an item
/// of a YAML document was turned into, which means nothing to the reader of the YAML).
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) if e.line() > 0 => text[..i].to_string(),
        _ => text,
    }
}

/// The YAML reader's limits for snapshots. What makes a YAML bomb is expansion — aliases and
/// the anchors they replay — so those keep serde-saphyr's defaults. The size of a plain document
/// is already bounded by the input cap ([`input::SNAPSHOT`]); its node, event and scalar-byte
/// counts are not limited again here, because `kubectl get -o yaml` of a real cluster is one
/// document of tens of millions of nodes (the default 250,000 refused a 200-node cluster, and
/// the tool's own `snapshot` output).
pub(crate) fn yaml_options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_events = usize::MAX;
    budget.max_nodes = usize::MAX;
    budget.max_total_scalar_bytes = usize::MAX;
    budget.max_documents = usize::MAX;
    budget.max_reader_input_bytes = None;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options
}

/// The parser's message, first line only, without its own `error:` prefix or option hints.
fn first_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or("").trim_start_matches("error: ");
    let line = line
        .split(", set DuplicateKeyPolicy")
        .next()
        .unwrap_or(line);
    // The parser's resource budget (`budget breached: Nodes { nodes: 250001 }`) in words.
    match line.split_once("budget breached: ") {
        Some((at, what)) => {
            let limit = what
                .split_once('{')
                .map(|(_, l)| l.trim_end_matches('}').trim())
                .unwrap_or(what);
            format!(
                "{at}the document exceeds the YAML reader's limits ({limit}): refused as a \
                 possible alias bomb or runaway document"
            )
        }
        None => line.to_string(),
    }
}

/// A YAML syntax error, naming the document it is in (counted from the `---` markers before
/// the reported line). The parser's own `error: ` prefix is dropped: main prints one.
fn yaml_syntax_error(name: &str, text: &str, err: &str) -> Error {
    let msg = first_line(err);
    let msg = msg.strip_prefix("error: ").unwrap_or(&msg);
    let line: Option<usize> = msg
        .split_once("line ")
        .and_then(|(_, rest)| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok());
    let Some(line) = line else {
        return Error::input(format!("snapshot {name}: {msg}"));
    };
    let mut doc = 0usize;
    let mut content_before_marker = false;
    for l in text.lines().take(line.saturating_sub(1)) {
        if l == "---" || l.starts_with("--- ") {
            doc += 1;
        } else if doc == 0 && !l.trim().is_empty() && !l.trim_start().starts_with('#') {
            content_before_marker = true;
        }
    }
    // Content before the first marker is document 1 on its own.
    let doc = (doc + usize::from(content_before_marker || doc == 0)).max(1);
    Error::input(format!("snapshot {name}: document {doc}: {msg}"))
}

/// Where parsed objects go.
struct Sink<'s> {
    state: &'s mut ClusterState,
    opts: &'s mut LoadOpts,
    #[allow(dead_code)]
    doc: usize,
}

/// The List annotation where `kubectl ds snapshot` records the server's `gitVersion`.
pub const SERVER_VERSION_ANNOTATION: &str = "kubectl-ds.io/server-version";
/// The List annotation where `kubectl ds snapshot` records the distribution.
pub const DISTRIBUTION_ANNOTATION: &str = "kubectl-ds.io/distribution";

/// Kinds the snapshot reads.
fn wanted(kind: &str) -> bool {
    matches!(
        kind,
        "Pod"
            | "Node"
            | "DaemonSet"
            | "ControllerRevision"
            | "Event"
            | "Namespace"
            | "PriorityClass"
            | "PodDisruptionBudget"
            | "DeviceClass"
    )
}

impl Sink<'_> {
    /// What `kubectl ds snapshot` recorded on the List it wrote: the server's version
    /// (`kubectl-ds.io/server-version`) and distribution (`kubectl-ds.io/distribution`).
    fn list_metadata<E: de::Error>(&mut self, metadata: Option<&Value>) -> Result<(), E> {
        let Some(annotations) = metadata
            .and_then(|m| m.get("annotations"))
            .and_then(Value::as_object)
        else {
            return Ok(());
        };
        let server = &mut self.state.server;
        if let Some(v) = annotations.get(SERVER_VERSION_ANNOTATION) {
            let v = v.as_str().ok_or_else(|| {
                E::custom(format!(
                    "List annotation {SERVER_VERSION_ANNOTATION} is not a string"
                ))
            })?;
            crate::model::semantics::parse_release(v).map_err(|e| {
                E::custom(format!("List annotation {SERVER_VERSION_ANNOTATION}: {e}"))
            })?;
            server.version = Some(v.to_string());
            server.from = Some(crate::model::semantics::Origin::Snapshot);
        }
        if let Some(d) = annotations.get(DISTRIBUTION_ANNOTATION) {
            let d = d.as_str().unwrap_or("");
            let d = crate::model::semantics::Distribution::parse(d).map_err(|e| {
                E::custom(format!("List annotation {DISTRIBUTION_ANNOTATION}: {e}"))
            })?;
            server.distribution = Some(d);
            server.from = Some(crate::model::semantics::Origin::Snapshot);
        }
        Ok(())
    }

    /// Keep a pod, in full or as its node usage.
    fn pod(&mut self, pod: Pod) {
        if self.opts.usage_only && pod.is_foreign() {
            let uid = pod.controller_ref().map_or("", |r| r.uid.as_str());
            if !self.opts.foreign_uids.contains(uid) {
                self.opts.foreign_uids.insert(uid.to_string());
            }
            let mut usage = crate::placement::fit::usage_pod(pod);
            // Kept once per distinct set: the pods of one workload share their labels.
            usage.preemption.labels = usage.preemption.labels.intern(&mut self.opts.labels);
            usage.requests = crate::model::pod::intern(usage.requests, &mut self.opts.requests);
            self.state.usage_pods.push(usage);
        } else {
            self.state.pods.push(pod);
        }
    }

    /// Store an object whose full JSON value is known.
    fn value<E: de::Error>(&mut self, kind: &str, mut v: Value) -> Result<(), E> {
        let label = object_label(kind, &v);
        let fail = |e: serde_json::Error| E::custom(format!("{label}: {e}"));
        match kind {
            "Pod" => self.pod(serde_json::from_value(v).map_err(fail)?),
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
            "PriorityClass" => self
                .state
                .priority_classes
                .get_or_insert_default()
                .push(serde_json::from_value(v).map_err(fail)?),
            "PodDisruptionBudget" => self
                .state
                .pdbs
                .get_or_insert_default()
                .push(serde_json::from_value(v).map_err(fail)?),
            "DeviceClass" => self
                .state
                .device_classes
                .get_or_insert_default()
                .push(serde_json::from_value(v).map_err(fail)?),
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
                        return self.finish_fast(k.to_string(), api_version, key, map);
                    }
                    if !k.is_empty() && !wanted(k) && !k.ends_with("List") {
                        map.next_value::<IgnoredAny>()?;
                    } else {
                        buffered.insert(key, map.next_value()?);
                    }
                }
            }
        }
        if kind.as_deref().is_none_or(|k| k.ends_with("List")) || had_items {
            self.sink.list_metadata(buffered.get("metadata"))?;
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
    /// `kind` is known and `first_key` is the first non-type field (its value not read yet):
    /// read the rest. Pods (the bulk) go straight into the slim type; others via a JSON value.
    fn finish_fast<'de, A: MapAccess<'de>>(
        self,
        kind: String,
        api_version: Option<String>,
        first_key: String,
        mut map: A,
    ) -> Result<(), A::Error> {
        if !wanted(&kind) {
            map.next_value::<IgnoredAny>()?;
            while map.next_key::<IgnoredAny>()?.is_some() {
                map.next_value::<IgnoredAny>()?;
            }
            return Ok(());
        }
        if kind == "Pod" {
            // `metadata` / `spec` / `status` deserialize slim, straight from the input.
            let mut pod = Pod::default();
            let mut key = Some(first_key);
            while let Some(k) = key {
                match k.as_str() {
                    "metadata" => pod.metadata = map.next_value()?,
                    "spec" => pod.spec = map.next_value()?,
                    "status"
                        if self.sink.opts.usage_only
                            && pod.is_foreign()
                            && !pod.is_terminating() =>
                    {
                        // Kept as a UsagePod: the phase (terminal or not) and what preemption
                        // reads (a terminating pod's conditions come the full way).
                        let s = map.next_value::<PhaseOnly>()?;
                        pod.status.phase = s.phase;
                        pod.status.start_time = s.start_time;
                        pod.status.nominated_node_name = s.nominated_node_name;
                        // In-place resize: what the kubelet allocated and the runtime actuated,
                        // and whether the resize is Infeasible (what a release counts).
                        pod.status.container_statuses = s.container_statuses;
                        pod.status.init_container_statuses = s.init_container_statuses;
                        pod.status.conditions = s
                            .conditions
                            .into_iter()
                            .filter(|c| c.type_ == "PodResizePending")
                            .collect();
                    }
                    "status" => pod.status = map.next_value()?,
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                key = map.next_key::<String>()?;
            }
            self.sink.pod(pod);
            return Ok(());
        }
        let mut obj = serde_json::Map::new();
        obj.insert(first_key, map.next_value()?);
        while let Some(key) = map.next_key::<String>()? {
            let v: Value = map.next_value()?;
            obj.insert(key, v);
        }
        obj.insert("apiVersion".into(), api_version.unwrap_or_default().into());
        obj.insert("kind".into(), kind.clone().into());
        self.sink.value(&kind, Value::Object(obj))
    }
}

/// A pod status read only for its phase, start time and nominated node.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct PhaseOnly {
    #[serde(default)]
    phase: Option<String>,
    #[serde(default)]
    start_time: Option<String>,
    #[serde(default)]
    nominated_node_name: Option<String>,
    #[serde(default)]
    container_statuses: Vec<crate::model::pod::ContainerStatusLite>,
    #[serde(default)]
    init_container_statuses: Vec<crate::model::pod::ContainerStatusLite>,
    #[serde(default)]
    conditions: Vec<crate::model::pod::PodConditionLite>,
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
    /// Which items to keep: the last one of each key.
    fn last_copies<K: std::hash::Hash + Eq>(
        keys: impl DoubleEndedIterator<Item = K> + ExactSizeIterator,
    ) -> Vec<bool> {
        let mut seen = HashSet::with_capacity(keys.len());
        let mut keep = vec![false; keys.len()];
        for (i, k) in keys.enumerate().rev() {
            keep[i] = seen.insert(k);
        }
        keep
    }
    fn retain<T>(v: &mut Vec<T>, keep: &[bool]) {
        if keep.iter().all(|k| *k) {
            return;
        }
        let mut i = 0;
        v.retain(|_| {
            i += 1;
            keep[i - 1]
        });
    }
    fn ns_name<'a>(ns: &'a Option<String>, name: &'a Option<String>) -> (&'a str, &'a str) {
        (ns.as_deref().unwrap_or(""), name.as_deref().unwrap_or(""))
    }
    let keep = last_copies(state.nodes.iter().map(|n| n.metadata.name.as_deref()));
    retain(&mut state.nodes, &keep);
    let keep = last_copies(
        state
            .daemonsets
            .iter()
            .map(|d| ns_name(&d.metadata.namespace, &d.metadata.name)),
    );
    retain(&mut state.daemonsets, &keep);
    let keep = last_copies(
        state
            .revisions
            .iter()
            .map(|r| ns_name(&r.metadata.namespace, &r.metadata.name)),
    );
    retain(&mut state.revisions, &keep);
    let keep = last_copies(
        state
            .pods
            .iter()
            .map(|p| (p.metadata.namespace.as_str(), p.metadata.name.as_str())),
    );
    retain(&mut state.pods, &keep);
    let keep = last_copies(state.usage_pods.iter().map(|p| p.key.as_str()));
    retain(&mut state.usage_pods, &keep);
    if !state.usage_pods.is_empty() && !state.pods.is_empty() {
        // A pod read once in full and once reduced (its controller changed between two
        // snapshots): the full copy wins.
        let full: HashSet<String> = state
            .pods
            .iter()
            .map(|p| format!("{}/{}", p.metadata.namespace, p.metadata.name))
            .collect();
        state.usage_pods.retain(|u| !full.contains(&u.key));
    }
    let keep = last_copies(state.namespaces.iter().map(|n| n.metadata.name.as_str()));
    retain(&mut state.namespaces, &keep);
    if let Some(classes) = &mut state.priority_classes {
        let keep = last_copies(classes.iter().map(|c| c.metadata.name.clone()));
        retain(classes, &keep);
    }
    if let Some(pdbs) = &mut state.pdbs {
        let keep = last_copies(
            pdbs.iter()
                .map(|p| (p.metadata.namespace.clone(), p.metadata.name.clone())),
        );
        retain(pdbs, &keep);
    }
    let keep = last_copies(
        state
            .events
            .iter()
            .map(|e| (e.metadata.namespace.as_str(), e.metadata.name.as_str())),
    );
    retain(&mut state.events, &keep);
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
    fn yaml_syntax_errors_name_the_document_once() {
        let err = load_str("a: [\n").unwrap_err().to_string();
        assert!(err.starts_with("snapshot t: document 1: line 1"), "{err}");
        let err = load_str("kind: Node\n---\nkind: Node\n---\nkind: [\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("snapshot t: document 3: "), "{err}");
        assert!(!err.contains("error:"), "{err}");
        let err = load_str("---\nkind: Node\n---\nkind: [\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("snapshot t: document 2: "), "{err}");
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
