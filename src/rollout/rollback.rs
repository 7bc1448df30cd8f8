//! kubectl's `DaemonSetRollbacker` (polymorphichelpers/rollback.go): which revision an undo
//! goes to, and whether it would change anything.

use k8s_openapi::api::apps::v1::{ControllerRevision, DaemonSet};
use serde_json::Value;

use super::gojson::{go_json, go_roundtrip};
use crate::model::revisions::live_template;

/// The bytes kubectl compares with a revision's `data` before an undo (`getDaemonSetPatch`):
/// `{"spec":{"template":{"$patch":"replace",…}}}` from the live object, Go-encoded.
pub fn kubectl_patch_bytes(ds: &DaemonSet) -> String {
    let mut template = live_template(ds).unwrap_or_default();
    go_roundtrip(&mut template, None);
    if let Some(o) = template.as_object_mut() {
        o.insert("$patch".into(), Value::String("replace".into()));
    }
    go_json(&serde_json::json!({"spec": {"template": template}}))
}

/// kubectl's skip rule (spec §4.1 step 6): the live template, encoded as kubectl encodes it, is
/// byte-for-byte the revision's `data` as the server sent it. Byte equality is what kubectl
/// tests, so a revision written by another serializer (an older controller's
/// `"creationTimestamp":null`, other key order or escaping) is not skipped — by kubectl or here.
pub fn kubectl_would_skip(ds: &DaemonSet, data_bytes: &str) -> bool {
    kubectl_patch_bytes(ds) == data_bytes
}

/// Why an undo target could not be chosen (kubectl's messages).
#[derive(Debug, PartialEq, Eq)]
pub enum UndoTargetError {
    NoLastRevision,
    NotFound(i64),
}

impl std::fmt::Display for UndoTargetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UndoTargetError::NoLastRevision => f.write_str("no last revision to roll back to"),
            UndoTargetError::NotFound(n) => {
                write!(f, "unable to find specified revision {n} in history")
            }
        }
    }
}

/// kubectl's undo target: `to_revision == 0` → the second-highest revision; otherwise that
/// number. (Negative numbers are "not found", as upstream.)
pub fn undo_target<'a>(
    owned: &[&'a ControllerRevision],
    to_revision: i64,
) -> Result<&'a ControllerRevision, UndoTargetError> {
    if to_revision < 0 {
        return Err(UndoTargetError::NotFound(to_revision));
    }
    if to_revision == 0 {
        if owned.len() < 2 {
            return Err(UndoTargetError::NoLastRevision);
        }
        return Ok(owned[owned.len() - 2]);
    }
    owned
        .iter()
        .find(|r| r.revision == to_revision)
        .copied()
        .ok_or(UndoTargetError::NotFound(to_revision))
}

/// kubectl's dry-run values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DryRun {
    None,
    Client,
    Server,
}

impl DryRun {
    /// What kubectl appends to its messages in this mode.
    pub fn suffix(self) -> &'static str {
        match self {
            DryRun::None => "",
            DryRun::Client => " (dry run)",
            DryRun::Server => " (server dry run)",
        }
    }
}
