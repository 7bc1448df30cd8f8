//! Reading the positioned tree — absent and null read the same; wrong types were reported by
//! the schema — and building API field paths.

use super::q;
use crate::validate::yaml::{Node, Pos, Value};

// Paths are built for every field visited (not only for findings), so these avoid `format!`'s
// machinery: one exactly sized allocation each.
pub(super) fn child(path: &str, name: &str) -> String {
    if path.is_empty() {
        return name.to_string();
    }
    let mut s = String::with_capacity(path.len() + 1 + name.len());
    s.push_str(path);
    s.push('.');
    s.push_str(name);
    s
}
pub(super) fn idx(path: &str, i: usize) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = i;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let digits = &digits[at..];
    let mut s = String::with_capacity(path.len() + 2 + digits.len());
    s.push_str(path);
    s.push('[');
    s.extend(digits.iter().map(|&d| d as char));
    s.push(']');
    s
}
pub(super) fn key(path: &str, k: &str) -> String {
    let mut s = String::with_capacity(path.len() + 2 + k.len());
    s.push_str(path);
    s.push('[');
    s.push_str(k);
    s.push(']');
    s
}

pub(super) fn get<'a>(n: &'a Node, k: &str) -> Option<&'a Node> {
    n.get(k).filter(|v| !v.is_null())
}
/// A string field: value and position (empty strings included).
pub(super) fn str_of<'a>(n: &'a Node, k: &str) -> Option<(&'a str, Pos)> {
    get(n, k).and_then(|v| v.as_str().map(|s| (s, v.pos)))
}
/// A string field, or "" when absent (Go's zero value).
pub(super) fn s<'a>(n: &'a Node, k: &str) -> &'a str {
    str_of(n, k).map_or("", |(s, _)| s)
}
pub(super) fn int(n: &Node, k: &str) -> Option<(i64, Pos)> {
    get(n, k).and_then(|v| v.as_i64().map(|i| (i, v.pos)))
}
pub(super) fn flag(n: &Node, k: &str) -> bool {
    get(n, k).and_then(Node::as_bool).unwrap_or(false)
}
pub(super) fn list<'a>(n: &'a Node, k: &str) -> &'a [Node] {
    get(n, k).map_or(&[], Node::items)
}
pub(super) fn map_of<'a>(n: &'a Node, k: &str) -> Option<&'a Node> {
    get(n, k).filter(|v| matches!(v.value, Value::Map(_)))
}
pub(super) fn pos_of(n: &Node, k: &str) -> Pos {
    get(n, k).map_or(n.pos, |v| v.pos)
}
/// String entries of a `map[string]string` (wrongly typed values were reported already).
pub(super) fn string_map(n: Option<&Node>) -> Vec<(&str, &str, Pos)> {
    n.map(|m| {
        m.entries()
            .iter()
            .map(|(k, v)| (k.name.as_str(), v.as_str().unwrap_or(""), k.pos))
            .collect()
    })
    .unwrap_or_default()
}

/// Go's `%#v` of a `map[string]string` (keys sorted).
pub(super) fn go_map(m: &[(&str, &str, Pos)]) -> String {
    let mut kv: Vec<(&str, &str)> = m.iter().map(|(k, v, _)| (*k, *v)).collect();
    kv.sort();
    let inner = kv
        .iter()
        .map(|(k, v)| format!("{}:{}", q(k), q(v)))
        .collect::<Vec<_>>()
        .join(", ");
    format!("map[string]string{{{inner}}}")
}

/// The quantity syntax the API server's decoder accepts.
pub fn quantity_ok(s: &str) -> bool {
    let t = s.trim();
    // The syntax part: '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$', then a known suffix.
    !t.is_empty() && crate::model::quantity::parse_milli(t).is_some()
}

pub(super) fn milli(s: &str) -> Option<i64> {
    crate::model::quantity::parse_milli(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn path_builders_match_format() {
        for i in [0usize, 7, 10, 99, 12345, usize::MAX] {
            assert_eq!(idx("spec.containers", i), format!("spec.containers[{i}]"));
        }
        assert_eq!(child("", "spec"), "spec");
        assert_eq!(child("spec", "template"), "spec.template");
        assert_eq!(key("metadata.labels", "app"), "metadata.labels[app]");
    }
}
