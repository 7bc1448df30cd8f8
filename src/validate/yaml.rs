//! YAML and JSON into a tree that remembers where every value and key was written.
//!
//! Kubernetes reads manifests through `sigs.k8s.io/yaml`, which parses with a fork of go-yaml v2
//! (YAML **1.1** scalar resolution) and converts the result to JSON before the API server ever
//! sees it. This module reproduces what matters of that path:
//!
//! - plain scalars resolve as YAML 1.1 does: `yes/no/on/off/y/n` (any of the three casings) are
//!   booleans, `0640` is octal, `0x1F` hex, `0b101` binary, `1_000` an int, `~`/`null`/empty are
//!   null, timestamps stay strings; quoted and block scalars are always strings;
//! - `!!str`, `!!int`, `!!float`, `!!bool`, `!!null` tags are honoured;
//! - anchors, aliases and `<<` merge keys are expanded, under a node budget (alias bombs stop
//!   with an error instead of eating memory);
//! - non-string map keys become strings as the JSON conversion writes them (`yes:` → `"true"`);
//! - a key written twice in one mapping is reported (the later value wins, as in go-yaml).
//!
//! JSON is parsed by the same parser (JSON is YAML flow syntax), so positions work the same.
//!
//! The event parser is `granit-parser`, the parser serde-saphyr is built on; see docs/validate.md.
//!
//! ```
//! use kubectl_ds::validate::yaml::{parse_documents, Value};
//! let docs = parse_documents("a: yes\nb: 0640\n---\n").unwrap();
//! assert_eq!(docs.documents.len(), 2);
//! let root = docs.documents[0].root.as_ref().unwrap();
//! assert!(matches!(root.get("a").unwrap().value, Value::Bool(true)));
//! assert!(matches!(root.get("b").unwrap().value, Value::Int(416)));
//! assert_eq!(root.get("b").unwrap().pos.line, 2);
//! ```

use std::borrow::Cow;
use std::collections::HashMap;

use granit_parser::{Event, Parser, ScalarStyle, Span, Tag};

mod fast;

/// 1-based line and column of a node or key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

/// A value with the position where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub pos: Pos,
    pub value: Value,
}

/// A mapping key with its position.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    pub name: String,
    pub pos: Pos,
}

/// JSON-shaped values (what the API server receives after YAML-to-JSON conversion).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    /// Floats, and integers beyond i64.
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

impl Value {
    /// JSON type name, as Go's decoder names it in its errors.
    pub fn json_type(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "bool",
            Value::Int(_) | Value::Float(_) => "number",
            Value::Str(_) => "string",
            Value::Seq(_) => "array",
            Value::Map(_) => "object",
        }
    }
}

impl Node {
    /// The value of key `k` when this is a mapping.
    pub fn get(&self, k: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(m) => m
                .iter()
                .rev()
                .find(|(key, _)| key.name == k)
                .map(|(_, v)| v),
            _ => None,
        }
    }
    /// Entries when this is a mapping.
    pub fn entries(&self) -> &[(Key, Node)] {
        match &self.value {
            Value::Map(m) => m,
            _ => &[],
        }
    }
    /// Items when this is a sequence.
    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(s) => s,
            _ => &[],
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }
    /// Integers, and floats with an integral value (kubectl re-encodes `1.0` as `1`).
    pub fn as_i64(&self) -> Option<i64> {
        match self.value {
            Value::Int(i) => Some(i),
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e18 => Some(f as i64),
            _ => None,
        }
    }
    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }
}

/// One YAML document of a stream.
#[derive(Debug, PartialEq)]
pub struct Document {
    /// 1-based index in the stream (empty documents count).
    pub index: usize,
    /// `None` for an empty document.
    pub root: Option<Node>,
    /// Problems found while building the tree (duplicate keys, unsupported values).
    pub problems: Vec<Problem>,
}

/// A problem in the YAML itself.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub pos: Pos,
    /// Dotted path of the mapping (`spec.template`), empty at the root.
    pub path: String,
    pub kind: ProblemKind,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    DuplicateKey,
    Unsupported,
}

/// Every document read before the stream ended or broke.
#[derive(Debug, Default)]
pub struct Stream {
    pub documents: Vec<Document>,
    /// A syntax error (or budget overrun) that stopped reading; later documents are lost.
    pub error: Option<SyntaxError>,
}

/// Where and why reading stopped.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    /// 1-based index of the document being read.
    pub document: usize,
    pub pos: Pos,
    pub message: String,
}

/// Most nodes one document may expand to (anchors and aliases included).
pub const MAX_NODES_PER_DOCUMENT: usize = 1_000_000;
/// Deepest nesting accepted (the parser's own limits are 255 per kind).
pub const MAX_DEPTH: usize = 256;

/// Parse a YAML (or JSON) stream. `Err` is never returned for bad input; it is reported in
/// [`Stream::error`]. The `Result` is for API stability.
pub fn parse_documents(text: &str) -> Result<Stream, std::convert::Infallible> {
    let mut documents = Vec::new();
    let error = for_each_document(text, |d| documents.push(d));
    Ok(Stream { documents, error })
}

/// Parse a stream and hand each document to `f` as soon as it is complete (memory stays
/// proportional to one document). Returns the error that stopped reading, if any.
///
/// Most manifests are read by the `fast` module, a direct parser for the block-YAML and JSON subset they
/// are written in; on anything outside that subset it gives up and the full event parser reads
/// the input, skipping the documents already handed out.
pub fn for_each_document(text: &str, f: impl FnMut(Document)) -> Option<SyntaxError> {
    let mut f = f;
    let skip = match fast::run(text, &mut f) {
        Ok(()) => return None,
        Err(n) => n,
    };
    let mut seen = 0usize;
    let mut rest = |d: Document| {
        seen += 1;
        if seen > skip {
            f(d)
        }
    };
    Builder::new(text, &mut rest).run()
}

/// A unified diff of two values' pretty `Debug` forms (fast path first).
fn debug_diff<T: std::fmt::Debug>(fast: &T, full: &T) -> String {
    let (a, b) = (format!("{fast:#?}"), format!("{full:#?}"));
    similar::TextDiff::from_lines(&a, &b)
        .unified_diff()
        .context_radius(12)
        .header("fast path", "full parser")
        .to_string()
}

/// Differential check of the fast path against the full parser (for tests and the fuzz
/// target): `Ok(true)` when the fast path read the whole input and agrees, `Ok(false)` when it
/// gave up after documents that agree, `Err` with both sides when they differ.
#[doc(hidden)]
pub fn fast_path_agrees(text: &str) -> Result<bool, String> {
    let mut fast_docs = Vec::new();
    let outcome = fast::run(text, &mut |d| fast_docs.push(d));
    let mut full_docs = Vec::new();
    let error = Builder::new(text, &mut |d| full_docs.push(d)).run();
    match outcome {
        Ok(()) => {
            if let Some(e) = error {
                return Err(format!(
                    "fast path accepted what the full parser rejects: {e:?}\nfast: {fast_docs:#?}"
                ));
            }
            if fast_docs != full_docs {
                return Err(format!(
                    "fast path and full parser differ\n{}",
                    debug_diff(&fast_docs, &full_docs)
                ));
            }
            Ok(true)
        }
        Err(n) => {
            if full_docs.len() < n || fast_docs[..] != full_docs[..n] {
                return Err(format!(
                    "fast path handed out {n} documents before giving up; they differ from the full parser's (error: {error:?})\n{}",
                    debug_diff(&fast_docs, &full_docs)
                ));
            }
            Ok(false)
        }
    }
}

/// Key lookup for a mapping being built: a linear scan while small (no allocation), a hash map
/// once large (hostile inputs with huge mappings stay linear-time).
#[derive(Default)]
struct KeyIndex {
    map: Option<HashMap<String, usize>>,
}

const KEY_INDEX_THRESHOLD: usize = 32;

impl KeyIndex {
    fn find(&self, entries: &[(Key, Node)], name: &str) -> Option<usize> {
        match &self.map {
            Some(m) => m.get(name).copied(),
            None => entries.iter().position(|(k, _)| k.name == name),
        }
    }
    /// Record a new key about to be pushed at `entries.len()`.
    fn insert(&mut self, entries: &[(Key, Node)], name: &str) {
        match &mut self.map {
            Some(m) => {
                m.insert(name.to_string(), entries.len());
            }
            None if entries.len() + 1 >= KEY_INDEX_THRESHOLD => {
                let mut m: HashMap<String, usize> = entries
                    .iter()
                    .enumerate()
                    .map(|(i, (k, _))| (k.name.clone(), i))
                    .collect();
                m.insert(name.to_string(), entries.len());
                self.map = Some(m);
            }
            None => {}
        }
    }
}

enum Frame {
    Seq {
        pos: Pos,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        pos: Pos,
        anchor: usize,
        entries: Vec<(Key, Node)>,
        pending: Option<Key>,
        /// Maps merged in through `<<` (lower priority than explicit keys).
        merges: Vec<Node>,
        index: KeyIndex,
    },
}

struct Builder<'a> {
    text: &'a str,
    emit: &'a mut dyn FnMut(Document),
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Node, usize)>,
    nodes: usize,
    doc_index: usize,
    root: Option<Node>,
    problems: Vec<Problem>,
    error: Option<SyntaxError>,
}

fn pos_of(span: &Span) -> Pos {
    Pos {
        line: span.start.line() as u32,
        col: span.start.col() as u32 + 1,
    }
}

impl<'a> Builder<'a> {
    fn new(text: &'a str, emit: &'a mut dyn FnMut(Document)) -> Self {
        Builder {
            text,
            emit,
            stack: Vec::new(),
            anchors: HashMap::new(),
            nodes: 0,
            doc_index: 0,
            root: None,
            problems: Vec::new(),
            error: None,
        }
    }

    fn run(mut self) -> Option<SyntaxError> {
        let mut options = granit_parser::Options::default();
        options.emit_comments = false;
        options.flow_nesting_limit = MAX_DEPTH;
        options.block_nesting_limit = MAX_DEPTH;
        let parser = Parser::new_from_str_with_options(self.text, options);
        for item in parser {
            match item {
                Ok((event, span)) => {
                    if let Err(message) = self.event(event, &span) {
                        let pos = pos_of(&span);
                        self.fail(pos, message);
                        return self.error;
                    }
                }
                Err(e) => {
                    let m = e.marker();
                    let pos = Pos {
                        line: m.line() as u32,
                        col: m.col() as u32 + 1,
                    };
                    let info = e.info();
                    self.fail(pos, info);
                    return self.error;
                }
            }
        }
        self.error
    }

    fn fail(&mut self, pos: Pos, message: String) {
        // Keep what the broken document had so far only as the error; its tree is incomplete.
        self.error = Some(SyntaxError {
            document: self.doc_index.max(1),
            pos,
            message,
        });
    }

    fn event(&mut self, event: Event<'_>, span: &Span) -> Result<(), String> {
        match event {
            Event::StreamStart | Event::StreamEnd => {}
            Event::DocumentStart(..) => {
                self.doc_index += 1;
                self.anchors.clear();
                self.nodes = 0;
                self.root = None;
                self.problems.clear();
            }
            Event::DocumentEnd => {
                let root = self.root.take().filter(|n| !n.is_null());
                (self.emit)(Document {
                    index: self.doc_index,
                    root,
                    problems: std::mem::take(&mut self.problems),
                });
            }
            Event::Alias(id) => {
                let (node, count) = self
                    .anchors
                    .get(&id)
                    .ok_or_else(|| "alias to an unknown anchor".to_string())?;
                self.nodes += count;
                if self.nodes > MAX_NODES_PER_DOCUMENT {
                    return Err(format!(
                        "document expands to more than {MAX_NODES_PER_DOCUMENT} nodes through aliases (alias bomb?)"
                    ));
                }
                let node = node.clone();
                self.push_value(node, 0, *count)?;
            }
            Event::Scalar(text, style, anchor, tag) => {
                let pos = pos_of(span);
                let value = resolve_scalar(&text, style, tag.as_deref())
                    .map_err(|m| format!("line {} column {}: {m}", pos.line, pos.col))?;
                self.count(1)?;
                self.push_value(Node { pos, value }, anchor, 1)?;
            }
            Event::SequenceStart(_, anchor, _) => {
                self.depth_check()?;
                self.count(1)?;
                self.stack.push(Frame::Seq {
                    pos: pos_of(span),
                    anchor,
                    items: Vec::new(),
                });
            }
            Event::MappingStart(_, anchor, _) => {
                self.depth_check()?;
                self.count(1)?;
                self.stack.push(Frame::Map {
                    pos: pos_of(span),
                    anchor,
                    entries: Vec::new(),
                    pending: None,
                    merges: Vec::new(),
                    index: KeyIndex::default(),
                });
            }
            Event::SequenceEnd => match self.stack.pop() {
                Some(Frame::Seq { pos, anchor, items }) => {
                    let count = 1 + items.iter().map(node_count).sum::<usize>();
                    self.push_value(
                        Node {
                            pos,
                            value: Value::Seq(items),
                        },
                        anchor,
                        count,
                    )?;
                }
                _ => return Err("unbalanced sequence".into()),
            },
            Event::MappingEnd => match self.stack.pop() {
                Some(Frame::Map {
                    pos,
                    anchor,
                    mut entries,
                    merges,
                    mut index,
                    ..
                }) => {
                    // Merged keys never override explicit ones; earlier merge sources win.
                    for m in merges {
                        for (k, v) in merge_sources(&m)? {
                            if index.find(&entries, &k.name).is_none() {
                                index.insert(&entries, &k.name);
                                entries.push((k, v));
                            }
                        }
                    }
                    let count = 1 + entries.iter().map(|(_, v)| node_count(v)).sum::<usize>();
                    self.push_value(
                        Node {
                            pos,
                            value: Value::Map(entries),
                        },
                        anchor,
                        count,
                    )?;
                }
                _ => return Err("unbalanced mapping".into()),
            },
            // Comments are switched off; anchors come as ids on the node events.
            _ => {}
        }
        Ok(())
    }

    fn depth_check(&self) -> Result<(), String> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(format!("nesting deeper than {MAX_DEPTH} levels"));
        }
        Ok(())
    }

    fn count(&mut self, n: usize) -> Result<(), String> {
        self.nodes += n;
        if self.nodes > MAX_NODES_PER_DOCUMENT {
            return Err(format!(
                "document has more than {MAX_NODES_PER_DOCUMENT} nodes"
            ));
        }
        Ok(())
    }

    fn path(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        for f in &self.stack {
            match f {
                Frame::Map {
                    pending: Some(k), ..
                } => parts.push(k.name.clone()),
                Frame::Seq { items, .. } => {
                    if let Some(last) = parts.last_mut() {
                        last.push_str(&format!("[{}]", items.len()));
                    } else {
                        parts.push(format!("[{}]", items.len()));
                    }
                }
                _ => {}
            }
        }
        parts.join(".")
    }

    /// Attach a finished node to its parent (or make it the document root).
    fn push_value(&mut self, node: Node, anchor: usize, count: usize) -> Result<(), String> {
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), count));
        }
        // The dotted path is only worth building when a key turns out to be a duplicate.
        let duplicate = match self.stack.last() {
            Some(Frame::Map {
                pending: Some(k),
                index,
                entries,
                ..
            }) => index.find(entries, &k.name).is_some(),
            _ => false,
        };
        let path = if duplicate {
            self.path()
        } else {
            String::new()
        };
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                pending,
                merges,
                index,
                ..
            }) => match pending.take() {
                None => {
                    let pos = node.pos;
                    let name = key_string(node)?;
                    *pending = Some(Key { name, pos });
                }
                Some(key) => {
                    if key.name == "<<" && is_merge_key(self.text, key.pos) {
                        merges.push(node);
                        return Ok(());
                    }
                    if let Some(i) = index.find(entries, &key.name) {
                        let first = entries[i].0.pos;
                        self.problems.push(Problem {
                            pos: key.pos,
                            path,
                            kind: ProblemKind::DuplicateKey,
                            message: format!(
                                "mapping key {:?} already defined at line {}",
                                key.name, first.line
                            ),
                        });
                        entries[i] = (key, node);
                    } else {
                        index.insert(entries, &key.name);
                        entries.push((key, node));
                    }
                }
            },
        }
        Ok(())
    }
}

/// `<<` is a merge key only when written plain (not `"<<"`).
fn is_merge_key(text: &str, pos: Pos) -> bool {
    text.lines()
        .nth(pos.line.saturating_sub(1) as usize)
        .and_then(|l| l.chars().nth(pos.col.saturating_sub(1) as usize))
        == Some('<')
}

fn merge_sources(node: &Node) -> Result<Vec<(Key, Node)>, String> {
    match &node.value {
        Value::Map(m) => Ok(m.clone()),
        Value::Seq(items) => {
            let mut out: Vec<(Key, Node)> = Vec::new();
            for it in items {
                match &it.value {
                    Value::Map(m) => {
                        for (k, v) in m {
                            if !out.iter().any(|(e, _)| e.name == k.name) {
                                out.push((k.clone(), v.clone()));
                            }
                        }
                    }
                    _ => {
                        return Err(
                            "map merge requires map or sequence of maps as the value".into()
                        );
                    }
                }
            }
            Ok(out)
        }
        _ => Err("map merge requires map or sequence of maps as the value".into()),
    }
}

fn node_count(n: &Node) -> usize {
    match &n.value {
        Value::Seq(items) => 1 + items.iter().map(node_count).sum::<usize>(),
        Value::Map(m) => 1 + m.iter().map(|(_, v)| node_count(v)).sum::<usize>(),
        _ => 1,
    }
}

/// A map key as the JSON conversion writes it.
fn key_string(node: Node) -> Result<String, String> {
    Ok(match node.value {
        Value::Str(s) => s,
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => format_float(f),
        Value::Seq(_) | Value::Map(_) => {
            return Err(format!(
                "line {} column {}: a mapping or sequence cannot be a map key in Kubernetes YAML",
                node.pos.line, node.pos.col
            ));
        }
    })
}

/// Go's `strconv.FormatFloat(f, 'g', -1, 64)`-ish shortest form.
fn format_float(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e21 {
        format!("{f:.0}")
    } else {
        format!("{f}")
    }
}

/// Resolve a scalar as go-yaml v2 does (YAML 1.1 rules for plain scalars).
fn resolve_scalar(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Result<Value, String> {
    if let Some(tag) = tag {
        if let Some(core) = tag.core_suffix() {
            return match core {
                "str" => Ok(Value::Str(text.to_string())),
                "null" => Ok(Value::Null),
                "bool" => match resolve_plain(text) {
                    v @ Value::Bool(_) => Ok(v),
                    _ => Err(format!("cannot decode {text:?} as a !!bool")),
                },
                "int" => match resolve_plain(text) {
                    v @ Value::Int(_) => Ok(v),
                    Value::Float(f) if f.fract() == 0.0 => Ok(Value::Float(f)),
                    _ => Err(format!("cannot decode {text:?} as an !!int")),
                },
                "float" => match resolve_plain(text) {
                    Value::Int(i) => Ok(Value::Float(i as f64)),
                    v @ Value::Float(_) => Ok(v),
                    _ => Err(format!("cannot decode {text:?} as a !!float")),
                },
                _ => Ok(Value::Str(text.to_string())),
            };
        }
        if tag.suffix() == "binary" || tag.handle().ends_with("binary") {
            return Ok(Value::Str(text.to_string()));
        }
        // Local tags (`!foo`) are not interpreted; the value is resolved as if untagged.
    }
    if style != ScalarStyle::Plain {
        return Ok(Value::Str(text.to_string()));
    }
    let v = resolve_plain(text);
    if let Value::Float(f) = v
        && !f.is_finite()
    {
        return Err(format!(
            "{text:?} (infinity or NaN) cannot be converted to JSON"
        ));
    }
    Ok(v)
}

fn resolve_plain(s: &str) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Value::Bool(true);
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Value::Bool(false);
        }
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        _ => {}
    }
    let first = s.as_bytes()[0];
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) {
        return Value::Str(s.to_string());
    }
    let plain: Cow<'_, str> = if s.contains('_') {
        Cow::Owned(s.replace('_', ""))
    } else {
        Cow::Borrowed(s)
    };
    if let Some(i) = go_parse_int_base0(&plain) {
        return i;
    }
    if is_yaml_float(&plain)
        && let Ok(f) = plain.parse::<f64>()
    {
        return Value::Float(f);
    }
    Value::Str(s.to_string())
}

/// Go's `strconv.ParseInt(s, 0, 64)`, falling back to `ParseUint` (as a float) when too big.
fn go_parse_int_base0(s: &str) -> Option<Value> {
    let (neg, body) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if body.is_empty() {
        return None;
    }
    let (radix, digits) =
        if let Some(d) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
            (16, d)
        } else if let Some(d) = body.strip_prefix("0b").or_else(|| body.strip_prefix("0B")) {
            (2, d)
        } else if let Some(d) = body.strip_prefix("0o").or_else(|| body.strip_prefix("0O")) {
            (8, d)
        } else if body.len() > 1 && body.starts_with('0') {
            (8, &body[1..])
        } else {
            (10, body)
        };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let mag = u128::from_str_radix(digits, radix).ok()?;
    if neg {
        if mag <= i64::MAX as u128 + 1 {
            return Some(Value::Int((-(mag as i128)) as i64));
        }
        return None;
    }
    if mag <= i64::MAX as u128 {
        Some(Value::Int(mag as i64))
    } else if mag <= u64::MAX as u128 {
        Some(Value::Float(mag as f64))
    } else {
        None
    }
}

/// go-yaml v2's float pattern: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn is_yaml_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if i < b.len() && b[i] == b'.' {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if i < b.len() && b[i] == b'.' {
            i += 1;
            digits(&mut i);
        }
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(text: &str) -> Node {
        let s = parse_documents(text).unwrap();
        assert!(s.error.is_none(), "{:?}", s.error);
        s.documents[0].root.clone().unwrap()
    }

    #[test]
    fn yaml11_scalars() {
        let r = root(
            "a: yes\nb: Off\nc: 0640\nd: 0x1F\ne: 1_000\nf: 08\ng: '0640'\nh: ~\ni: 2001-12-14\nj: 1.5\nk: y\nl: 0b101\nm: -0o17\n",
        );
        let v = |k: &str| r.get(k).unwrap().value.clone();
        assert_eq!(v("a"), Value::Bool(true));
        assert_eq!(v("b"), Value::Bool(false));
        assert_eq!(v("c"), Value::Int(416));
        assert_eq!(v("d"), Value::Int(31));
        assert_eq!(v("e"), Value::Int(1000));
        assert_eq!(v("f"), Value::Float(8.0));
        assert_eq!(v("g"), Value::Str("0640".into()));
        assert_eq!(v("h"), Value::Null);
        assert_eq!(v("i"), Value::Str("2001-12-14".into()));
        assert_eq!(v("j"), Value::Float(1.5));
        assert_eq!(v("k"), Value::Bool(true));
        assert_eq!(v("l"), Value::Int(5));
        assert_eq!(v("m"), Value::Int(-15));
    }

    #[test]
    fn positions_are_one_based() {
        let r = root("a:\n  b: 1\n  c: [x, y]\n");
        let b = r.get("a").unwrap().get("b").unwrap();
        assert_eq!(b.pos, Pos { line: 2, col: 6 });
        let key = &r.get("a").unwrap().entries()[1].0;
        assert_eq!((key.name.as_str(), key.pos), ("c", Pos { line: 3, col: 3 }));
    }

    #[test]
    fn duplicate_keys_are_reported_last_wins() {
        let s = parse_documents("a:\n  b: 1\n  b: 2\n").unwrap();
        let d = &s.documents[0];
        assert_eq!(d.problems.len(), 1);
        assert_eq!(d.problems[0].path, "a.b");
        assert_eq!(
            d.root
                .as_ref()
                .unwrap()
                .get("a")
                .unwrap()
                .get("b")
                .unwrap()
                .value,
            Value::Int(2)
        );
    }

    #[test]
    fn merge_keys_and_aliases() {
        let r = root("base: &b {x: 1, z: 2}\nm:\n  <<: *b\n  z: 3\n");
        let m = r.get("m").unwrap();
        assert_eq!(m.get("x").unwrap().value, Value::Int(1));
        assert_eq!(m.get("z").unwrap().value, Value::Int(3));
    }

    #[test]
    fn alias_bomb_is_stopped() {
        let mut y = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for c in 'b'..='j' {
            y.push_str(&format!("{c}: &{c} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
            prev = c;
        }
        let s = parse_documents(&y).unwrap();
        assert!(s.error.unwrap().message.contains("alias"));
    }

    #[test]
    fn empty_documents_and_json() {
        let s = parse_documents("---\n---\n{\"a\": [1, 2.5, \"x\", true, null]}\n").unwrap();
        assert_eq!(s.documents.len(), 2);
        assert!(s.documents[0].root.is_none());
        assert_eq!(s.documents[1].index, 2);
        let r = s.documents[1].root.as_ref().unwrap();
        assert_eq!(r.get("a").unwrap().items().len(), 5);
    }

    #[test]
    fn syntax_errors_carry_position() {
        let s = parse_documents("a: 1\n---\nb: [1, 2\n").unwrap();
        let e = s.error.unwrap();
        assert_eq!(e.document, 2);
        assert!(e.pos.line >= 3);
    }

    #[test]
    fn non_string_keys_become_strings() {
        let r = root("yes: 1\n80: http\n");
        assert!(r.get("true").is_some());
        assert!(r.get("80").is_some());
    }
}
