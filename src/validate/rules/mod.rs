//! The API server's validation of an apps/v1 DaemonSet (spec/rollout-validate.md §6), applied to
//! the positioned tree after apps/v1 defaulting.
//!
//! Defaulting is not written into the tree; every check reads the *effective* value through a
//! small accessor (`restartPolicy` absent or empty → `Always`, a port's protocol → `TCP`, …),
//! which has the same effect and keeps the positions of what the user wrote.
//!
//! Field paths use the API's `field.Path` syntax; messages are the bodies upstream's
//! `field.Error` prints (`Invalid value: "x": detail`, `Required value`, …). Where upstream
//! behaviour depends on a feature gate, the default of current releases is assumed, and where a
//! rule is uncertain it is left out: a manifest the API server accepts must not get an error.
//!
//! One file per part of the object, in the order they are checked: `object_meta`,
//! `daemonset_spec` (with `selector`), then `pod_spec` and what it walks into — `volumes`,
//! `containers` (with `env`, `resources`, `probes`), `security`, `scheduling`. `tree` holds the
//! accessors and field-path builders they all share; this file the error kinds and the entry.

mod containers;
mod daemonset_spec;
mod env;
mod object_meta;
mod pod_spec;
mod probes;
mod resources;
mod scheduling;
mod security;
mod selector;
mod tree;
mod volumes;

use super::yaml::{Node, Pos, Value};
use super::{Severity, Sink};
use daemonset_spec::daemonset_spec;
use object_meta::object_meta;
use tree::{child, int, key, map_of, pos_of, str_of};

pub use tree::quantity_ok;

/// Upstream `field.ErrorType`s, as rule ids.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Required,
    Invalid,
    NotSupported,
    Forbidden,
    Duplicate,
    TooLong,
    NotFound,
}

impl Kind {
    fn rule(self) -> &'static str {
        match self {
            Kind::Required => "api-required",
            Kind::Invalid => "api-invalid",
            Kind::NotSupported => "api-not-supported",
            Kind::Forbidden => "api-forbidden",
            Kind::Duplicate => "api-duplicate",
            Kind::TooLong => "api-too-long",
            Kind::NotFound => "api-not-found",
        }
    }
}

/// Every rule id this module can emit.
pub const RULE_IDS: &[&str] = &[
    "api-required",
    "api-invalid",
    "api-not-supported",
    "api-forbidden",
    "api-duplicate",
    "api-too-long",
    "api-not-found",
];

struct V<'s> {
    sink: &'s mut Sink,
}

/// Go's `%q` for the strings we show.
fn q(s: &str) -> String {
    format!("{s:?}")
}

impl V<'_> {
    fn emit(&mut self, kind: Kind, pos: Pos, path: &str, body: String) {
        self.sink
            .push(pos, path, Severity::Error, kind.rule(), body);
    }
    fn required(&mut self, pos: Pos, path: &str, detail: &str) {
        let body = if detail.is_empty() {
            "Required value".to_string()
        } else {
            format!("Required value: {detail}")
        };
        self.emit(Kind::Required, pos, path, body);
    }
    fn invalid(&mut self, pos: Pos, path: &str, shown: &str, detail: &str) {
        self.emit(
            Kind::Invalid,
            pos,
            path,
            format!("Invalid value: {shown}: {detail}"),
        );
    }
    fn not_supported(&mut self, pos: Pos, path: &str, shown: &str, valid: &[&str]) {
        let list = valid.iter().map(|v| q(v)).collect::<Vec<_>>().join(", ");
        self.emit(
            Kind::NotSupported,
            pos,
            path,
            format!("Unsupported value: {shown}: supported values: {list}"),
        );
    }
    fn forbidden(&mut self, pos: Pos, path: &str, detail: &str) {
        self.emit(Kind::Forbidden, pos, path, format!("Forbidden: {detail}"));
    }
    fn duplicate(&mut self, pos: Pos, path: &str, shown: &str) {
        self.emit(
            Kind::Duplicate,
            pos,
            path,
            format!("Duplicate value: {shown}"),
        );
    }
    fn too_long(&mut self, pos: Pos, path: &str, detail: &str) {
        self.emit(Kind::TooLong, pos, path, format!("Too long: {detail}"));
    }
    fn not_found(&mut self, pos: Pos, path: &str, shown: &str) {
        self.emit(Kind::NotFound, pos, path, format!("Not found: {shown}"));
    }
    fn nonnegative(&mut self, n: &Node, key: &str, path: &str) {
        if let Some((v, pos)) = int(n, key)
            && v < 0
        {
            self.invalid(
                pos,
                &child(path, key),
                &v.to_string(),
                "must be greater than or equal to 0",
            );
        }
    }
}

// ---- entry point ----

/// Validate a DaemonSet (create): ObjectMeta, then the spec.
pub fn daemonset(obj: &Node, sink: &mut Sink) {
    let mut v = V { sink };
    let empty = Node {
        pos: obj.pos,
        value: Value::Map(Vec::new()),
    };
    let meta = map_of(obj, "metadata").unwrap_or(&empty);
    object_meta(&mut v, meta, "metadata", pos_of(obj, "metadata"));
    template_generation(&mut v, meta);
    let spec_pos = pos_of(obj, "spec");
    let spec = map_of(obj, "spec").unwrap_or(&empty);
    daemonset_spec(&mut v, spec, "spec", spec_pos);
}

fn template_generation(v: &mut V, meta: &Node) {
    const ANN: &str = "deprecated.daemonset.template.generation";
    if let Some(ann) = map_of(meta, "annotations")
        && let Some((val, pos)) = str_of(ann, ANN)
        && crate::model::labels::parse_go_int64(val).is_none()
    {
        v.sink.push(
            pos,
            &key("metadata.annotations", ANN),
            Severity::Error,
            super::rule::CONVERSION,
            format!(
                "strconv.ParseInt: parsing {}: invalid syntax (the API server cannot convert this DaemonSet)",
                q(val)
            ),
        );
    }
}
