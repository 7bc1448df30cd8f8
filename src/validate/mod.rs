//! Offline validation of DaemonSet manifests: what the API server would reject, with the
//! upstream field paths and messages, plus DaemonSet-specific warnings.
//!
//! Pipeline per document: [`yaml`] builds a tree with positions → non-DaemonSets are counted and
//! skipped → apiVersion check → [`schema`] (types, unknown fields) → apps/v1 defaulting and the
//! API server's rules ([`rules`]) → DaemonSet lints ([`lints`]) → ignore lists.
//!
//! ```
//! use kubectl_ds::validate::{validate_text, Options, Severity};
//! let yaml = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: a, namespace: x}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: b}}\n    spec: {containers: [{name: c, image: busybox}]}\n";
//! let report = validate_text("ds.yaml", yaml, &Options::default());
//! let e = report.findings.iter().find(|f| f.severity == Severity::Error).unwrap();
//! assert_eq!(e.field, "spec.template.metadata.labels");
//! assert_eq!(e.line, 7);
//! ```

pub mod lints;
pub mod preview;
pub mod report;
pub mod rules;
pub mod schema;
mod schema_data;
pub mod yaml;

pub use preview::Candidate;
pub use report::ValidateReport;

use serde::Serialize;

use yaml::{Node, Pos, Value};

/// Finding severity. `Info` is a hint: never fails a run, not even with `--strict`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One finding, as `-o json` prints it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub file: String,
    /// 1-based document index in the file (0 for file-level findings).
    pub document: usize,
    pub line: u32,
    pub column: u32,
    /// `kind/namespace/name` (namespace empty when the manifest has none).
    pub object: String,
    /// API field path (`spec.template.spec.containers[0].name`), empty for whole-document findings.
    pub field: String,
    pub severity: Severity,
    pub rule: String,
    pub message: String,
}

/// What to check and how strictly.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Unknown fields and DaemonSet warnings become errors.
    pub strict: bool,
    /// Rule ids silenced for this run.
    pub ignore: Vec<String>,
    /// Keep the DaemonSets that pass the API rules, as JSON, in
    /// [`FileReport::valid_daemonsets`] (for a placement preview).
    pub keep_valid: bool,
}

/// The result of validating one input.
#[derive(Clone, Debug, Default)]
pub struct FileReport {
    /// Objects read (List items counted one by one; empty documents not counted).
    pub documents: usize,
    /// DaemonSets among them.
    pub daemonsets: usize,
    pub findings: Vec<Finding>,
    /// The DaemonSets that passed the API rules, as JSON (only with [`Options::keep_valid`]).
    pub valid_daemonsets: Vec<Candidate>,
}

/// Rule ids of the API server's checks (never silenced by ignore lists).
pub mod rule {
    pub const YAML_SYNTAX: &str = "yaml-syntax";
    pub const YAML_DUPLICATE_KEY: &str = "yaml-duplicate-key";
    pub const YAML_UNSUPPORTED: &str = "yaml-unsupported";
    pub const NOT_AN_OBJECT: &str = "not-an-object";
    pub const EMPTY_INPUT: &str = "empty-input";
    pub const INPUT_ENCODING: &str = "input-encoding";
    pub const INPUT_TOO_LARGE: &str = "input-too-large";
    pub const UNRENDERED_TEMPLATE: &str = "unrendered-template";
    pub const MISSING_API_VERSION: &str = "missing-api-version";
    pub const REMOVED_API_VERSION: &str = "removed-api-version";
    pub const UNKNOWN_API_VERSION: &str = "unknown-api-version";
    pub const TYPE_MISMATCH: &str = "type-mismatch";
    pub const UNKNOWN_FIELD: &str = "unknown-field";
    pub const CONVERSION: &str = "conversion";
    /// Prefix of the API server's field errors: `api-required`, `api-invalid`, …
    pub const API_PREFIX: &str = "api-";
}

/// Every rule id `--ignore` accepts (the API server's own errors cannot be ignored).
pub fn known_rule_ids() -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = lints::RULES.iter().map(|r| r.id).collect();
    ids.push(rule::UNKNOWN_FIELD);
    ids.extend(preview::RULES);
    ids
}

/// Largest input accepted (bytes).
pub const MAX_INPUT_BYTES: usize = crate::input::VALIDATE.max_bytes as usize;

/// Collects findings for one object.
#[derive(Debug, Default)]
pub struct Sink {
    pub raw: Vec<Raw>,
    pub type_errors: usize,
}

/// A finding before file/document/object are attached.
#[derive(Clone, Debug)]
pub struct Raw {
    pub pos: Pos,
    pub field: String,
    pub severity: Severity,
    pub rule: String,
    pub message: String,
}

impl Sink {
    pub fn push(&mut self, pos: Pos, field: &str, severity: Severity, rule: &str, message: String) {
        self.raw.push(Raw {
            pos,
            field: field.to_string(),
            severity,
            rule: rule.to_string(),
            message,
        });
    }
    fn type_error(&mut self, pos: Pos, field: &str, message: String) {
        self.type_errors += 1;
        self.push(pos, field, Severity::Error, rule::TYPE_MISMATCH, message);
    }
    fn unknown_field(&mut self, pos: Pos, field: &str, message: String) {
        self.push(pos, field, Severity::Warning, rule::UNKNOWN_FIELD, message);
    }
}

/// Validate raw bytes (a file's content).
pub fn validate_bytes(file: &str, bytes: &[u8], opts: &Options) -> FileReport {
    let file_finding = |rule: &str, message: String| FileReport {
        findings: vec![Finding {
            file: file.to_string(),
            document: 0,
            line: 1,
            column: 1,
            object: String::new(),
            field: String::new(),
            severity: Severity::Error,
            rule: rule.to_string(),
            message,
        }],
        ..Default::default()
    };
    if bytes.len() > MAX_INPUT_BYTES {
        return file_finding(
            rule::INPUT_TOO_LARGE,
            format!(
                "input is {} bytes; the limit is {MAX_INPUT_BYTES} bytes",
                bytes.len()
            ),
        );
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            return file_finding(
                rule::INPUT_ENCODING,
                format!(
                    "input is not UTF-8 text (invalid byte at offset {}); is it a binary file?",
                    e.valid_up_to()
                ),
            );
        }
    };
    if text.contains('\0') {
        return file_finding(
            rule::INPUT_ENCODING,
            "input contains NUL bytes; is it a binary file?".to_string(),
        );
    }
    validate_text(file, text, opts)
}

/// Validate YAML or JSON text.
pub fn validate_text(file: &str, text: &str, opts: &Options) -> FileReport {
    let mut report = FileReport::default();
    let error =
        yaml::for_each_document(text, |doc| validate_document(file, &doc, opts, &mut report));
    if let Some(e) = &error {
        report.findings.push(Finding {
            file: file.to_string(),
            document: e.document,
            line: e.pos.line,
            column: e.pos.col,
            object: String::new(),
            field: String::new(),
            severity: Severity::Error,
            rule: rule::YAML_SYNTAX.to_string(),
            message: e.message.clone(),
        });
        if let Some(hint) = template_hint(file, text) {
            report.findings.push(hint);
        }
    } else if report.documents == 0 {
        report.findings.push(Finding {
            file: file.to_string(),
            document: 0,
            line: 1,
            column: 1,
            object: String::new(),
            field: String::new(),
            severity: Severity::Warning,
            rule: rule::EMPTY_INPUT.to_string(),
            message: "no Kubernetes objects in this input".to_string(),
        });
    }
    report
}

/// A file that fails to parse and holds `{{ … }}` is most likely a Helm chart template, not a
/// manifest: say so, with the way to validate what it renders to.
fn template_hint(file: &str, text: &str) -> Option<Finding> {
    let (n, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| !l.trim_start().starts_with('#') && l.contains("{{") && l.contains("}}"))?;
    let col = line.find("{{").map_or(1, |c| c + 1);
    Some(Finding {
        file: file.to_string(),
        document: 0,
        line: n as u32 + 1,
        column: col as u32,
        object: String::new(),
        field: String::new(),
        severity: Severity::Info,
        rule: rule::UNRENDERED_TEMPLATE.to_string(),
        message: "this looks like an unrendered Helm/Go template ({{ … }}): validate what it renders to, e.g. `helm template RELEASE CHART | kubectl ds validate -f -`".to_string(),
    })
}

fn validate_document(file: &str, doc: &yaml::Document, opts: &Options, report: &mut FileReport) {
    let mut objects: Vec<(&Node, String)> = Vec::new();
    if let Some(root) = &doc.root {
        for p in &doc.problems {
            let rule = match p.kind {
                yaml::ProblemKind::DuplicateKey => rule::YAML_DUPLICATE_KEY,
                yaml::ProblemKind::Unsupported => rule::YAML_UNSUPPORTED,
            };
            report.findings.push(Finding {
                file: file.to_string(),
                document: doc.index,
                line: p.pos.line,
                column: p.pos.col,
                object: object_id(root),
                field: p.path.clone(),
                severity: Severity::Error,
                rule: rule.to_string(),
                message: p.message.clone(),
            });
        }
        collect_objects(root, String::new(), &mut objects);
    }
    for (obj, prefix) in objects {
        report.documents += 1;
        let Value::Map(_) = obj.value else {
            report.findings.push(Finding {
                file: file.to_string(),
                document: doc.index,
                line: obj.pos.line,
                column: obj.pos.col,
                object: String::new(),
                field: prefix.clone(),
                severity: Severity::Error,
                rule: rule::NOT_AN_OBJECT.to_string(),
                message: format!(
                    "document is a {}, not a Kubernetes object",
                    obj.value.json_type()
                ),
            });
            continue;
        };
        if obj.get("kind").and_then(Node::as_str) != Some("DaemonSet") {
            continue;
        }
        report.daemonsets += 1;
        let mut sink = Sink::default();
        let passed = validate_daemonset(obj, opts, &mut sink);
        let id = object_id(obj);
        if passed && opts.keep_valid {
            report.valid_daemonsets.push(Candidate {
                file: file.to_string(),
                document: doc.index,
                object: id.clone(),
                json: to_json(obj),
            });
        }
        for r in sink.raw {
            report.findings.push(Finding {
                file: file.to_string(),
                document: doc.index,
                line: r.pos.line,
                column: r.pos.col,
                object: id.clone(),
                field: r.field,
                severity: r.severity,
                rule: r.rule,
                message: r.message,
            });
        }
    }
}

/// A document, or the items of a `kind: List` / `*List`.
fn collect_objects<'a>(root: &'a Node, prefix: String, out: &mut Vec<(&'a Node, String)>) {
    let kind = root.get("kind").and_then(Node::as_str).unwrap_or("");
    if let (true, Some(items)) = (kind.ends_with("List"), root.get("items"))
        && matches!(items.value, Value::Seq(_))
    {
        for (i, it) in items.items().iter().enumerate() {
            if it.is_null() {
                continue;
            }
            out.push((it, format!("{prefix}items[{i}]")));
        }
        return;
    }
    out.push((root, prefix));
}

/// `DaemonSet/namespace/name`.
fn object_id(obj: &Node) -> String {
    let kind = obj.get("kind").and_then(Node::as_str).unwrap_or("");
    let meta = obj.get("metadata");
    let s = |k: &str| {
        meta.and_then(|m| m.get(k))
            .and_then(Node::as_str)
            .unwrap_or("")
            .to_string()
    };
    let name = match s("name") {
        n if n.is_empty() => s("generateName"),
        n => n,
    };
    format!("{kind}/{}/{name}", s("namespace"))
}

/// The tree as JSON (for handing a valid DaemonSet to the typed model).
pub fn to_json(node: &Node) -> serde_json::Value {
    use serde_json::Value as J;
    match &node.value {
        Value::Null => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Int(i) => J::from(*i),
        Value::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 9.0e18 {
                J::from(*f as i64)
            } else {
                serde_json::Number::from_f64(*f).map_or(J::Null, J::Number)
            }
        }
        Value::Str(s) => J::String(s.clone()),
        Value::Seq(items) => J::Array(items.iter().map(to_json).collect()),
        Value::Map(m) => J::Object(
            m.iter()
                .map(|(k, v)| (k.name.clone(), to_json(v)))
                .collect(),
        ),
    }
}

/// Validate one DaemonSet object. Returns true when it has no errors from the API's rules.
fn validate_daemonset(obj: &Node, opts: &Options, sink: &mut Sink) -> bool {
    let api_version = obj.get("apiVersion");
    let mut api_ok = true;
    match api_version.map(|n| &n.value) {
        None | Some(Value::Null) => {
            sink.push(
                obj.pos,
                "apiVersion",
                Severity::Error,
                rule::MISSING_API_VERSION,
                "apiVersion is not set; DaemonSets are apps/v1".to_string(),
            );
            api_ok = false;
        }
        Some(Value::Str(v)) if v == "apps/v1" => {}
        Some(Value::Str(v)) if v == "extensions/v1beta1" || v == "apps/v1beta2" => {
            sink.push(
                api_version.map_or(obj.pos, |n| n.pos),
                "apiVersion",
                Severity::Error,
                rule::REMOVED_API_VERSION,
                format!(
                    "DaemonSet {v} was removed in Kubernetes 1.16; use apps/v1 (the server answers: no matches for kind \"DaemonSet\" in version \"{v}\")"
                ),
            );
            api_ok = false;
        }
        Some(other) => {
            let shown = match other {
                Value::Str(s) => s.clone(),
                v => v.json_type().to_string(),
            };
            sink.push(
                api_version.map_or(obj.pos, |n| n.pos),
                "apiVersion",
                Severity::Error,
                rule::UNKNOWN_API_VERSION,
                format!("no matches for kind \"DaemonSet\" in version \"{shown}\"; use apps/v1"),
            );
            api_ok = false;
        }
    }
    let before_types = sink.raw.len();
    let type_errors = schema::check(obj, sink);
    let mut ok = api_ok && type_errors == 0;
    // The API server stops at the first decoding error; a pre-apply check should not make the
    // user fix one field per round trip. The rules run on the object with the mistyped values
    // left out (as if absent), so the rest of the object's findings are all reported too.
    let mistyped: Vec<(Pos, String)> = sink.raw[before_types..]
        .iter()
        .filter(|r| r.rule == rule::TYPE_MISMATCH)
        .map(|r| (r.pos, r.field.clone()))
        .collect();
    let typed;
    let checked = if mistyped.is_empty() {
        obj
    } else {
        let positions: Vec<Pos> = mistyped.iter().map(|(p, _)| *p).collect();
        typed = without(obj, &positions);
        &typed
    };
    let before = sink.raw.len();
    rules::daemonset(checked, sink);
    let rules_end = sink.raw.len();
    lints::daemonset(checked, sink);
    // A mistyped field left out reads as missing: its type error says it all.
    let under = |field: &str, wrong: &str| {
        field == wrong
            || field.starts_with(&format!("{wrong}."))
            || field.starts_with(&format!("{wrong}["))
    };
    let mut rule_errors = false;
    let produced: Vec<Raw> = sink.raw.drain(before..).collect();
    for (k, r) in produced.into_iter().enumerate() {
        if mistyped.iter().any(|(_, w)| under(&r.field, w)) {
            continue;
        }
        // Only the API server's rules make an object invalid; lints are advice.
        rule_errors |= before + k < rules_end && r.severity == Severity::Error;
        sink.raw.push(r);
    }
    if rule_errors {
        ok = false;
    }
    apply_policy(obj, opts, sink);
    ok
}

/// `node` with the values at `positions` replaced by null (absent, for every rule).
fn without(node: &Node, positions: &[Pos]) -> Node {
    let mut copy = node.clone();
    fn clear(n: &mut Node, positions: &[Pos]) {
        if positions.contains(&n.pos) {
            n.value = Value::Null;
            return;
        }
        match &mut n.value {
            Value::Seq(items) => items.iter_mut().for_each(|i| clear(i, positions)),
            Value::Map(entries) => entries.iter_mut().for_each(|(_, v)| clear(v, positions)),
            _ => {}
        }
    }
    clear(&mut copy, positions);
    copy
}

/// The annotation that silences rules for one object.
pub const IGNORE_ANNOTATION: &str = "kubectl-ds.io/ignore";

/// True for rules an ignore list may silence (never the API server's own errors).
pub fn is_silenceable(rule: &str) -> bool {
    rule == rule::UNKNOWN_FIELD || lints::RULES.iter().any(|r| r.id == rule)
}

fn apply_policy(obj: &Node, opts: &Options, sink: &mut Sink) {
    let annotated: Vec<String> = obj
        .get("metadata")
        .and_then(|m| m.get("annotations"))
        .and_then(|a| a.get(IGNORE_ANNOTATION))
        .and_then(Node::as_str)
        .map(|s| {
            s.split(',')
                .map(|r| r.trim().to_string())
                .filter(|r| !r.is_empty())
                .collect()
        })
        .unwrap_or_default();
    sink.raw.retain(|r| {
        !(is_silenceable(&r.rule) && (opts.ignore.contains(&r.rule) || annotated.contains(&r.rule)))
    });
    if opts.strict {
        for r in &mut sink.raw {
            if r.severity == Severity::Warning {
                r.severity = Severity::Error;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_daemonsets_are_counted_and_skipped() {
        let r = validate_text(
            "x",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n---\napiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Service, metadata: {name: s}}\n- {apiVersion: v1, kind: Pod, metadata: {name: p}}\n",
            &Options::default(),
        );
        assert_eq!((r.documents, r.daemonsets), (3, 0));
        assert!(r.findings.is_empty(), "{:?}", r.findings);
    }

    #[test]
    fn binary_and_empty_inputs_are_findings() {
        let r = validate_bytes("b", b"\xff\xfe\x00\x01", &Options::default());
        assert_eq!(r.findings[0].rule, rule::INPUT_ENCODING);
        let r = validate_bytes("e", b"", &Options::default());
        assert_eq!(r.findings[0].rule, rule::EMPTY_INPUT);
        assert_eq!(r.findings[0].severity, Severity::Warning);
    }
}
