//! Structural checks: the JSON type of every field, and fields the API does not know.
//!
//! The table of object types and fields (`schema_data.rs`) is generated from k8s-openapi's
//! OpenAPI schemas by `tools/schema-gen` (see docs/validate.md), so it lists every field of the
//! Kubernetes version it was generated for. Type rules follow the API server's JSON decoding
//! after kubectl's YAML-to-JSON conversion:
//! - `null` is accepted anywhere (it leaves the field unset);
//! - integer fields take whole numbers in range (`1.0` is re-encoded as `1` by kubectl);
//! - `IntOrString` takes an int32 or a string; quantities take a string or a number, and strings
//!   must parse as a quantity;
//! - field names are case-sensitive.

use super::Sink;
use super::yaml::{Node, Value};
use crate::error::close_names;

/// JSON type of a field.
#[derive(Debug)]
pub enum Ty {
    Str,
    Bytes,
    Int32,
    Int64,
    Number,
    Bool,
    IntOrString,
    Quantity,
    Time,
    Any,
    Obj(u16),
    Arr(&'static Ty),
    Map(&'static Ty),
}

/// An object type and its fields, sorted by name.
#[derive(Debug)]
pub struct Obj {
    pub name: &'static str,
    pub fields: &'static [(&'static str, Ty)],
}

use super::schema_data::OBJS;

/// Index of the apps/v1 DaemonSet object type in the table.
pub const DAEMONSET: u16 = 0;

/// Fields of object type `idx`.
pub fn fields(idx: u16) -> &'static [(&'static str, Ty)] {
    OBJS[idx as usize].fields
}

fn field(idx: u16, name: &str) -> Option<&'static Ty> {
    let f = fields(idx);
    f.binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .map(|i| &f[i].1)
}

/// Walk `node` against the DaemonSet schema: type errors (errors) and unknown fields (warnings).
/// Returns the number of type errors.
pub fn check(node: &Node, sink: &mut Sink) -> usize {
    let before = sink.type_errors;
    let mut path = String::with_capacity(128);
    walk(node, &Ty::Obj(DAEMONSET), &mut path, sink);
    sink.type_errors - before
}

fn child(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

fn want(ty: &Ty) -> &'static str {
    match ty {
        Ty::Str | Ty::Bytes | Ty::Time => "string",
        Ty::Int32 => "int32",
        Ty::Int64 => "int64",
        Ty::Number => "number",
        Ty::Bool => "bool",
        Ty::IntOrString => "int or string",
        Ty::Quantity => "quantity (string or number)",
        Ty::Any => "any",
        Ty::Obj(_) | Ty::Map(_) => "object",
        Ty::Arr(_) => "array",
    }
}

fn mismatch(node: &Node, ty: &Ty, path: &str, sink: &mut Sink) {
    let got = match &node.value {
        Value::Int(i) => format!("number {i}"),
        Value::Float(f) => format!("number {f}"),
        Value::Str(s) => format!("string {s:?}"),
        Value::Bool(b) => format!("bool {b}"),
        other => other.json_type().to_string(),
    };
    sink.type_error(
        node.pos,
        path,
        format!("cannot unmarshal {got} into a field of type {}", want(ty)),
    );
}

/// `path` is a reusable buffer: each level appends its segment and truncates it afterwards, so
/// no path string is allocated unless a finding is made.
fn walk(node: &Node, ty: &Ty, path: &mut String, sink: &mut Sink) {
    if node.is_null() {
        return;
    }
    match ty {
        Ty::Any => {}
        Ty::Str | Ty::Bytes | Ty::Time => {
            if !matches!(node.value, Value::Str(_)) {
                mismatch(node, ty, path, sink);
            }
        }
        Ty::Bool => {
            if !matches!(node.value, Value::Bool(_)) {
                mismatch(node, ty, path, sink);
            }
        }
        Ty::Number => {
            if !matches!(node.value, Value::Int(_) | Value::Float(_)) {
                mismatch(node, ty, path, sink);
            }
        }
        Ty::Int32 | Ty::Int64 => {
            let ok = match node.as_i64() {
                Some(i) => matches!(ty, Ty::Int64) || i32::try_from(i).is_ok(),
                None => false,
            };
            if !ok {
                mismatch(node, ty, path, sink);
            }
        }
        Ty::IntOrString => {
            let ok = match &node.value {
                Value::Str(_) => true,
                _ => node.as_i64().is_some_and(|i| i32::try_from(i).is_ok()),
            };
            if !ok {
                mismatch(node, ty, path, sink);
            }
        }
        Ty::Quantity => match &node.value {
            Value::Str(s) => {
                if !super::rules::quantity_ok(s) {
                    sink.type_error(
                        node.pos,
                        path,
                        format!(
                            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': {s:?}"
                        ),
                    );
                }
            }
            Value::Int(_) | Value::Float(_) => {}
            _ => mismatch(node, ty, path, sink),
        },
        Ty::Arr(item) => match &node.value {
            Value::Seq(items) => {
                for (i, it) in items.iter().enumerate() {
                    let len = path.len();
                    use std::fmt::Write;
                    let _ = write!(path, "[{i}]");
                    walk(it, item, path, sink);
                    path.truncate(len);
                }
            }
            _ => mismatch(node, ty, path, sink),
        },
        Ty::Map(item) => match &node.value {
            Value::Map(entries) => {
                for (k, v) in entries {
                    let len = path.len();
                    path.push('[');
                    path.push_str(&k.name);
                    path.push(']');
                    walk(v, item, path, sink);
                    path.truncate(len);
                }
            }
            _ => mismatch(node, ty, path, sink),
        },
        Ty::Obj(idx) => match &node.value {
            Value::Map(entries) => {
                for (k, v) in entries {
                    match field(*idx, &k.name) {
                        Some(fty) => {
                            let len = path.len();
                            if !path.is_empty() {
                                path.push('.');
                            }
                            path.push_str(&k.name);
                            walk(v, fty, path, sink);
                            path.truncate(len);
                        }
                        None => {
                            let known = fields(*idx).iter().map(|(n, _)| *n);
                            let hint = close_names(&k.name, known);
                            let mut msg = format!("unknown field {:?}", child(path, &k.name));
                            if !hint.is_empty() {
                                msg.push_str(&format!(
                                    "; did you mean {}?",
                                    hint.iter()
                                        .map(|h| format!("{:?}", child(path, h)))
                                        .collect::<Vec<_>>()
                                        .join(" or ")
                                ));
                            }
                            sink.unknown_field(k.pos, &child(path, &k.name), msg);
                        }
                    }
                }
            }
            _ => mismatch(node, ty, path, sink),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_reaches_pod_spec() {
        for o in OBJS {
            assert!(
                o.fields.windows(2).all(|w| w[0].0 < w[1].0),
                "{} fields not sorted",
                o.name
            );
        }
        assert!(OBJS.iter().any(|o| o.name == "PodSpec"));
        assert_eq!(OBJS[DAEMONSET as usize].name, "DaemonSet");
    }
}
