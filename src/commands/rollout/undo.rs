//! `rollout undo DS`: kubectl's target choice, skip rule and messages (spec §4.1), with one
//! deliberate difference: the PATCH carries the DaemonSet's resourceVersion as read at the start,
//! so a concurrent edit makes the undo fail (409) instead of being overwritten. What changes is
//! shown on stderr before applying (and in dry-run), so stdout stays kubectl's.

use std::io::Write;

use kube::api::Patch;

use super::{load_history, name_of};
use crate::cli::rollout::undo::UndoArgs;
use crate::cluster::Source;
use crate::cluster::live::{Resource, Written};
use crate::commands::Ctx;
use crate::error::{Error, Outcome, Result};
use crate::model::revisions;
use crate::render::{Style, Tone, change_line, io_err, pod_template};
use crate::rollout::diff;
use crate::rollout::rollback::DryRun;

/// A ControllerRevision with its `data` kept as the exact bytes the server sent.
#[derive(serde::Deserialize)]
struct RawRevision {
    data: Option<Box<serde_json::value::RawValue>>,
}

pub async fn run(args: &UndoArgs, ctx: &Ctx) -> Result<Outcome> {
    let dry_run = args.dry_run;
    if args.to_revision < 0 {
        return Err(Error::Refused(format!(
            "unable to find specified revision {} in history",
            args.to_revision
        )));
    }
    if ctx.source.is_snapshot() && dry_run != DryRun::Client {
        return Err(Error::usage(
            "rollout undo changes the cluster and needs a live cluster; with --snapshot only --dry-run=client works",
        ));
    }
    // The changes go to stderr: colour follows stderr, not stdout.
    let style = ctx.styles.err;
    let loaded = load_history(ctx, &super::target(&args.daemonset, args.name.as_deref())?).await?;
    let ds = &loaded.ds;
    let owned = revisions::owned(ds, &loaded.state.revisions);
    let target = crate::rollout::rollback::undo_target(&owned, args.to_revision)
        .map_err(|e| Error::Refused(e.to_string()))?;
    let mut out = std::io::stdout().lock();
    let name = name_of(ds);

    // What changes, on stderr (stdout keeps kubectl's exact lines).
    let live = revisions::live_template(ds).unwrap_or_default();
    let wanted = revisions::stored_template(target).unwrap_or_default();
    let changes = diff::changes(&diff::normalize(&live), &diff::normalize(&wanted));

    if dry_run == DryRun::Client {
        let template = crate::rollout::history::template_at(ds, target).ok_or_else(|| {
            Error::input(format!(
                "unable to parse history {}",
                target.metadata.name.as_deref().unwrap_or("")
            ))
        })?;
        show_changes(&style, target.revision, &changes);
        writeln!(
            out,
            "{name} will roll back to {}{}",
            pod_template::describe(&template),
            dry_run.suffix()
        )
        .map_err(io_err)?;
        return Ok(Outcome::Ok);
    }
    let Source::Live(lc) = &loaded.session.source else {
        return Err(Error::usage("rollout undo needs a live cluster"));
    };
    // kubectl's skip rule compares bytes: the revision's data exactly as the server sent it.
    let ns = ds.metadata.namespace.as_deref().unwrap_or("default");
    let rev_name = target.metadata.name.as_deref().unwrap_or("");
    let data_bytes = match lc
        .get::<RawRevision>(Resource::ControllerRevisions, Some(ns), rev_name)
        .await?
    {
        Some(RawRevision { data: Some(raw) }) => raw.get().to_string(),
        _ => crate::rollout::gojson::go_json(
            &target
                .data
                .as_ref()
                .map(|d| d.0.clone())
                .unwrap_or_default(),
        ),
    };
    let live_bytes = crate::rollout::rollback::kubectl_patch_bytes(ds);
    if live_bytes != data_bytes {
        let at = live_bytes
            .bytes()
            .zip(data_bytes.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(live_bytes.len().min(data_bytes.len()));
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
        lc.debug(format!(
            "skip check: live template and revision {} data differ at byte {at}: live …{}… data …{}…",
            target.revision,
            around(&live_bytes),
            around(&data_bytes)
        ));
    }
    if crate::rollout::rollback::kubectl_would_skip(ds, &data_bytes) {
        writeln!(
            out,
            "{name} skipped rollback (current template already matches revision {}){}",
            args.to_revision,
            dry_run.suffix()
        )
        .map_err(io_err)?;
        return Ok(Outcome::Ok);
    }
    show_changes(&style, target.revision, &changes);
    let mut body = target
        .data
        .as_ref()
        .map(|d| d.0.clone())
        .unwrap_or_default();
    let rv = ds.metadata.resource_version.clone().unwrap_or_default();
    if let Some(obj) = body.as_object_mut() {
        obj.insert(
            "metadata".into(),
            serde_json::json!({"resourceVersion": rv}),
        );
    }
    let ds_name = ds.metadata.name.as_deref().unwrap_or("");
    lc.debug(format!(
        "PATCH daemonset {ns}/{ds_name} (strategic merge, resourceVersion {rv}){}",
        dry_run.suffix()
    ));
    // One PATCH, never retried (transport.rs): the resourceVersion in the body makes a concurrent
    // edit a 409 instead of being overwritten.
    let patch = Patch::Strategic(body);
    match lc
        .patch(
            Resource::DaemonSets,
            ns,
            ds_name,
            &patch,
            dry_run == DryRun::Server,
        )
        .await
        .map_err(|e| match e {
            Error::Cluster(m) => Error::Cluster(format!(
                "failed restoring revision {}: {m}",
                args.to_revision
            )),
            Error::Refused(m) => Error::Refused(format!(
                "failed restoring revision {}: {m}",
                args.to_revision
            )),
            other => other,
        })? {
        Written::Applied(_) => {
            writeln!(out, "{name} rolled back{}", dry_run.suffix()).map_err(io_err)?;
            Ok(Outcome::Ok)
        }
        Written::Conflict(message) => Err(Error::Refused(format!(
            "failed restoring revision {}: daemonset {ns}/{ds_name} was changed by someone else after it was read (resourceVersion {rv}); nothing was applied. Run the command again to roll back from its current state. (server: {message})",
            args.to_revision
        ))),
    }
}

fn show_changes(style: &Style, revision: i64, changes: &[diff::Change]) {
    let mut err = std::io::stderr().lock();
    if changes.is_empty() {
        let _ = writeln!(
            err,
            "{}",
            style.paint(
                &format!("Rolling back to revision {revision}: no template changes"),
                Tone::Dim
            )
        );
        return;
    }
    let _ = writeln!(
        err,
        "{}",
        style.paint(
            &format!("Rolling back to revision {revision} changes:"),
            Tone::Bold
        )
    );
    for c in changes.iter().take(20) {
        let _ = writeln!(err, "  {}", change_line(style, c));
    }
    if changes.len() > 20 {
        let _ = writeln!(
            err,
            "  … and {} more (see kubectl ds diff-revision)",
            changes.len() - 20
        );
    }
}
