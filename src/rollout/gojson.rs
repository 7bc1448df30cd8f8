//! JSON as Go's `encoding/json` writes it, and the Go round trip of a pod template: kubectl's undo
//! compares bytes, so the bytes have to be Go's.

use serde_json::Value;

/// JSON the way Go's `encoding/json` writes a generic map: compact, keys sorted byte-wise at
/// every depth, `<` `>` `&` U+2028 U+2029 escaped, other non-ASCII raw.
pub fn go_json(v: &Value) -> String {
    let mut out = String::new();
    write_go_json(v, &mut out);
    out
}

fn write_go_json(v: &Value, out: &mut String) {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_go_string(k, out);
                out.push(':');
                write_go_json(&m[k], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_go_json(item, out);
            }
            out.push(']');
        }
        Value::String(s) => write_go_string(s, out),
        other => out.push_str(&other.to_string()),
    }
}

fn write_go_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Map-typed fields of a pod template (Go `map[string]…` with `omitempty`: dropped when empty).
const MAP_FIELDS: [&str; 9] = [
    "labels",
    "annotations",
    "nodeSelector",
    "limits",
    "requests",
    "volumeAttributes",
    "options",
    "overhead",
    "matchLabels",
];

/// Whether Go drops this zero scalar: a value-typed (not pointer) `omitempty` field of the pod
/// template at its zero value. `parent` is the field holding the object (`csi`, `tolerations`…).
/// Pointer fields (`optional`, `defaultMode`, `runAsUser`, `allowPrivilegeEscalation`,
/// `hostPath.type`, `grpc.service`, `csi.readOnly`…) keep their zeros, as Go does.
fn omitted_zero(parent: &str, field: &str, v: &Value) -> bool {
    match v {
        Value::String(s) if s.is_empty() => match field {
            "key" | "operator" | "effect" => parent == "tolerations",
            "value" => parent != "httpHeaders",
            "secretName" => parent != "azureFile",
            "fsType" => parent != "csi",
            "image" => parent.ends_with("ontainers"),
            _ => [
                "workingDir",
                "terminationMessagePath",
                "terminationMessagePolicy",
                "imagePullPolicy",
                "protocol",
                "hostIP",
                "subPath",
                "subPathExpr",
                "prefix",
                "serviceAccountName",
                "serviceAccount",
                "nodeName",
                "hostname",
                "subdomain",
                "schedulerName",
                "priorityClassName",
                "dnsPolicy",
                "medium",
                "revision",
                "directory",
                "apiVersion",
                "containerName",
                "scheme",
                "host",
            ]
            .contains(&field),
        },
        Value::Bool(false) => match field {
            "readOnly" => parent != "csi",
            _ => [
                "stdin",
                "stdinOnce",
                "tty",
                "hostNetwork",
                "hostPID",
                "hostIPC",
            ]
            .contains(&field),
        },
        Value::Number(n) if n.as_f64() == Some(0.0) => [
            "hostPort",
            "initialDelaySeconds",
            "timeoutSeconds",
            "periodSeconds",
            "successThreshold",
            "failureThreshold",
            "partition",
        ]
        .contains(&field),
        _ => false,
    }
}

/// What Go's typed round trip (decode into `PodTemplateSpec`, encode again) does to the JSON a
/// server sent: empty `omitempty` lists and maps vanish, every container gets its
/// (never-omitted) `resources`, quantities are printed canonically.
pub(crate) fn go_roundtrip(v: &mut Value, key: Option<&str>) {
    match v {
        Value::Object(m) => {
            if matches!(
                key,
                Some("containers" | "initContainers" | "ephemeralContainers")
            ) {
                m.entry("resources")
                    .or_insert_with(|| Value::Object(Default::default()));
            }
            for (k, child) in m.iter_mut() {
                go_roundtrip(child, Some(k));
            }
            m.retain(|k, child| match child {
                Value::Array(a) => !a.is_empty() || k == "containers",
                Value::Object(o) => !o.is_empty() || !MAP_FIELDS.contains(&k.as_str()),
                Value::Null => false,
                scalar => !omitted_zero(key.unwrap_or(""), k, scalar),
            });
            if matches!(key, Some("limits" | "requests" | "overhead")) {
                for q in m.values_mut() {
                    if let Value::String(s) = q {
                        *s = crate::model::quantity::canonical_quantity(s);
                    }
                }
            }
            // resourceFieldRef.divisor is a Quantity struct: `omitempty` never drops it, and
            // its zero value prints as "0"
            if key == Some("resourceFieldRef") {
                m.entry("divisor")
                    .or_insert_with(|| Value::String("0".into()));
            }
            for k in ["sizeLimit", "divisor"] {
                if let Some(Value::String(s)) = m.get_mut(k) {
                    *s = crate::model::quantity::canonical_quantity(s);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                go_roundtrip(item, key);
            }
        }
        _ => {}
    }
}
