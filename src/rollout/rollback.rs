//! kubectl's `DaemonSetRollbacker` (polymorphichelpers/rollback.go): which revision an undo
//! goes to, whether it would change anything, and the write that restores it.

use k8s_openapi::api::apps::v1::{ControllerRevision, DaemonSet};
use k8s_openapi::api::core::v1::PodTemplateSpec;
use serde::Serialize;
use serde_json::Value;

use super::diff::{self, Change};
use super::gojson::{go_json, go_roundtrip};
use super::history::template_at;
use crate::error::Error;
use crate::model::revisions::{live_template, stored_template};

/// An undo, decided: kubectl's `Rollback` up to its one write.
#[derive(Debug)]
pub struct Rollback {
    /// The revision asked for (`0`: the previous one); kubectl's messages quote it as given.
    pub to_revision: i64,
    /// The revision rolled back to.
    pub revision: i64,
    pub dry_run: DryRun,
    /// The live template → the revision's, shown before anything is applied; `None` when the
    /// undo is skipped.
    pub changes: Option<Vec<Change>>,
    pub action: Action,
    /// For the `-v` log: where the live template and the revision's data first differ, the bytes
    /// kubectl's skip rule compares.
    pub skip_check: Option<String>,
}

/// What the undo does.
#[derive(Debug)]
pub enum Action {
    /// `--dry-run=client`: the template the DaemonSet would get; nothing is sent.
    Preview(Box<PodTemplateSpec>),
    /// The live template already is the revision: nothing to do.
    Skip,
    /// The strategic-merge PATCH (the revision's data), on the condition that the DaemonSet is
    /// still at `resource_version` — so a concurrent edit fails (409) instead of being lost.
    Patch {
        body: Value,
        resource_version: String,
    },
}

/// kubectl's `Rollback` for `ds` to `target` (chosen by [`undo_target`] for `to_revision`):
/// client dry-run previews the template; otherwise the revision's data as the server sent it
/// (`served`, else re-encoded as Go would) decides the skip; otherwise the PATCH.
pub fn rollback(
    ds: &DaemonSet,
    target: &ControllerRevision,
    to_revision: i64,
    dry_run: DryRun,
    served: Option<String>,
) -> Result<Rollback, Error> {
    let live = live_template(ds).unwrap_or_default();
    let wanted = stored_template(target).unwrap_or_default();
    let changes = diff::changes(&diff::normalize(&live), &diff::normalize(&wanted));
    let data = target
        .data
        .as_ref()
        .map(|d| d.0.clone())
        .unwrap_or_default();
    let decided = |changes, action, skip_check| Rollback {
        to_revision,
        revision: target.revision,
        dry_run,
        changes,
        action,
        skip_check,
    };
    if dry_run == DryRun::Client {
        let template = template_at(ds, target).ok_or_else(|| {
            Error::input(format!(
                "unable to parse history {}",
                target.metadata.name.as_deref().unwrap_or("")
            ))
        })?;
        return Ok(decided(
            Some(changes),
            Action::Preview(Box::new(template)),
            None,
        ));
    }
    let data_bytes = served.unwrap_or_else(|| go_json(&data));
    let live_bytes = kubectl_patch_bytes(ds);
    let skip_check = first_difference(&live_bytes, &data_bytes).map(|(live, data, at)| {
        format!(
            "skip check: live template and revision {} data differ at byte {at}: live …{live}… data …{data}…",
            target.revision
        )
    });
    // kubectl's skip rule (spec §4.1 step 6) compares bytes, so a revision written by another
    // serializer (an older controller's `"creationTimestamp":null`, other key order or escaping)
    // is not skipped — by kubectl or here.
    if live_bytes == data_bytes {
        return Ok(decided(None, Action::Skip, skip_check));
    }
    let resource_version = ds.metadata.resource_version.clone().unwrap_or_default();
    let action = Action::Patch {
        body: data,
        resource_version,
    };
    Ok(decided(Some(changes), action, skip_check))
}

/// `rollout undo`'s answer: kubectl's one line, from these.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UndoReport {
    /// The DaemonSet's name.
    pub daemon_set: String,
    pub to_revision: i64,
    pub dry_run: DryRun,
    pub result: Undone,
}

/// What the undo did.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Undone {
    /// `--dry-run=client`: the template the DaemonSet would get.
    WouldRollBack(Box<PodTemplateSpec>),
    /// The template already matched the revision.
    Skipped,
    /// The PATCH was applied (or, with `--dry-run=server`, accepted).
    RolledBack,
}

impl Rollback {
    /// kubectl's wording of a failed write (`failed restoring revision N: …`).
    pub fn failed(&self, e: Error) -> Error {
        e.prefixed(&format!("failed restoring revision {}: ", self.to_revision))
    }

    /// The write met a concurrent change (409): nothing was applied.
    pub fn conflict(&self, ds: &DaemonSet, server_message: &str) -> Error {
        let rv = match &self.action {
            Action::Patch {
                resource_version, ..
            } => resource_version.as_str(),
            _ => "",
        };
        Error::Refused(format!(
            "failed restoring revision {}: daemonset {}/{} was changed by someone else after it was read (resourceVersion {rv}); nothing was applied. Run the command again to roll back from its current state. (server: {server_message})",
            self.to_revision,
            ds.metadata.namespace.as_deref().unwrap_or("default"),
            ds.metadata.name.as_deref().unwrap_or("")
        ))
    }
}

/// Where `a` and `b` first differ: 40 bytes either side of it in each (on char boundaries), and
/// the offset; `None` when they are equal.
fn first_difference(a: &str, b: &str) -> Option<(String, String, usize)> {
    if a == b {
        return None;
    }
    let at = a
        .bytes()
        .zip(b.bytes())
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let around = |s: &str| {
        let mut from = at.saturating_sub(40);
        while !s.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = (at + 40).min(s.len());
        while !s.is_char_boundary(to) {
            to += 1;
        }
        s[from..to].to_string()
    };
    Some((around(a), around(b), at))
}

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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
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
