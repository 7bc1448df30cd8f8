//! The placement preview of `validate --snapshot` / `--live`: for each DaemonSet that passed the
//! API rules, the update-only rule (an existing DaemonSet's selector is immutable) and whether it
//! would run anywhere and fit where it is wanted — as findings, from the cluster's state.

use k8s_openapi::api::apps::v1::DaemonSet;

use super::{Finding, IGNORE_ANNOTATION, Options, Severity};
use crate::model::ClusterState;
use crate::model::daemonset::strip_nulls;
use crate::placement::state::ClusterIndex;

/// Rule: the DaemonSet would run on no node.
pub const NO_NODES: &str = "placement-no-nodes";
/// Rule: the pod would not fit on some nodes that want it.
pub const DOES_NOT_FIT: &str = "placement-does-not-fit";
/// The preview's rule ids (`--ignore` takes them).
pub const RULES: [&str; 2] = [NO_NODES, DOES_NOT_FIT];

/// A DaemonSet that passed the API rules, as JSON, and where it was read.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub file: String,
    pub document: usize,
    /// `kind/namespace/name`, as findings name it.
    pub object: String,
    pub json: serde_json::Value,
}

/// The preview's findings for `candidates` against `state`, as the release and gates of
/// `semantics` place them; DaemonSets without a namespace go to `default_ns`. `now` is the
/// evaluator's clock.
pub fn preview(
    candidates: &[Candidate],
    state: &ClusterState,
    semantics: crate::model::semantics::Semantics,
    default_ns: &str,
    now: i64,
    opts: &Options,
) -> Vec<Finding> {
    let index = ClusterIndex::new(state, now).with_semantics(semantics);
    let mut out = Vec::new();
    for c in candidates {
        let Ok(mut ds) = serde_json::from_value::<DaemonSet>(c.json.clone()) else {
            continue;
        };
        let ns = ds
            .metadata
            .namespace
            .clone()
            .unwrap_or_else(|| default_ns.to_string());
        ds.metadata.namespace = Some(ns.clone());
        let mk = |field: &str, sev: Severity, rule: &str, message: String| Finding {
            file: c.file.clone(),
            document: c.document,
            line: 1,
            column: 1,
            object: c.object.clone(),
            field: field.to_string(),
            severity: sev,
            rule: rule.to_string(),
            message,
        };
        if let Some(message) = selector_change(state, &ns, &ds) {
            out.push(mk("spec.selector", Severity::Error, "api-invalid", message));
        }
        let ignored = |rule: &str| {
            opts.ignore.iter().any(|r| r == rule)
                || ds
                    .metadata
                    .annotations
                    .as_ref()
                    .and_then(|a| a.get(IGNORE_ANNOTATION))
                    .is_some_and(|v| v.split(',').any(|r| r.trim() == rule))
        };
        let warn = if opts.strict {
            Severity::Error
        } else {
            Severity::Warning
        };
        let explanation = index.explain(&ds, |_| true);
        let total = explanation.nodes.len();
        let wanted: Vec<_> = explanation.nodes.iter().filter(|v| v.should_run).collect();
        if wanted.is_empty() && !ignored(NO_NODES) {
            let reason = explanation
                .nodes
                .iter()
                .find_map(|v| v.first_failure())
                .map(|c| format!(" (e.g. {}: {})", c.name.as_str(), c.message))
                .unwrap_or_default();
            out.push(mk(
                "spec.template.spec",
                warn,
                NO_NODES,
                format!("would run on none of the {total} nodes{reason}"),
            ));
        }
        let unfit: Vec<_> = wanted.iter().filter(|v| v.fits == Some(false)).collect();
        if !unfit.is_empty() && !ignored(DOES_NOT_FIT) {
            let examples = unfit
                .iter()
                .take(3)
                .map(|v| {
                    let why = v
                        .first_failure()
                        .map(|c| format!("{}: {}", c.name.as_str(), c.message))
                        .unwrap_or_default();
                    format!("{} ({why})", v.node)
                })
                .collect::<Vec<_>>()
                .join("; ");
            out.push(mk(
                "spec.template.spec",
                warn,
                DOES_NOT_FIT,
                format!(
                    "wanted on {} of {total} nodes but would not fit on {} of them: {examples}",
                    wanted.len(),
                    unfit.len()
                ),
            ));
        }
    }
    out
}

/// The update-only rule: `spec.selector` is immutable, so a manifest for an existing DaemonSet
/// with another selector is rejected (the API server's message, with what to do about it).
fn selector_change(state: &ClusterState, ns: &str, ds: &DaemonSet) -> Option<String> {
    let name = ds.metadata.name.clone().unwrap_or_default();
    let existing = state.daemonset(ns, &name)?;
    let old = serde_json::to_value(existing.spec.as_ref().map(|s| &s.selector)).unwrap_or_default();
    let new = serde_json::to_value(ds.spec.as_ref().map(|s| &s.selector)).unwrap_or_default();
    (strip_nulls(old) != strip_nulls(new)).then(|| {
        format!(
            "Invalid value: {}: field is immutable (DaemonSet {ns}/{name} already exists with another selector; delete and re-create it, or keep the selector)",
            serde_json::to_string(&ds.spec.as_ref().map(|s| &s.selector)).unwrap_or_default()
        )
    })
}
