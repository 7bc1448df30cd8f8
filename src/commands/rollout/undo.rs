//! `rollout undo DS`: kubectl's target choice, skip rule and messages (spec §4.1, decided by
//! [`crate::rollout::rollback`]), with one deliberate difference: the PATCH carries the
//! DaemonSet's resourceVersion as read at the start, so a concurrent edit makes the undo fail
//! (409) instead of being overwritten.

use k8s_openapi::api::apps::v1::DaemonSet;

use crate::cli::rollout::undo::UndoArgs;
use crate::cluster::{Session, Written};
use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::model::revisions;
use crate::render::OutputFormat;
use crate::rollout::rollback::{
    Action, DryRun, Rollback, UndoReport, Undone, rollback, undo_target,
};

/// `rollout undo`, completed and validated.
pub struct Options {
    daemonset: String,
    to_revision: i64,
    dry_run: DryRun,
    /// `-o`: kubectl's message (text), or the DaemonSet as kubectl prints it after an undo
    /// (json, yaml, jsonpath, name).
    pub format: OutputFormat,
}

/// The undo decided, before anything is written.
pub struct Plan {
    session: Session,
    ds: DaemonSet,
    pub rollback: Rollback,
}

impl Plan {
    /// The DaemonSet as read before the undo, as kubectl's `rollout undo -o json|yaml` prints it:
    /// kubectl prints the object its builder read (`printer.PrintObj(info.Object)` in
    /// rollout_undo.go; the rollbacker's PATCH result is discarded), managedFields left out as
    /// kubectl's printers leave them out, and Go's typed round trip applied (kubectl decodes the
    /// object into its Go type and encodes it again: `omitempty` drops empty values, quantities
    /// print canonically; [`crate::rollout::gojson::go_roundtrip`]).
    pub fn object(&self) -> serde_json::Value {
        let mut ds = self.ds.clone();
        ds.metadata.managed_fields = None;
        let mut v = serde_json::to_value(&ds).unwrap_or_default();
        crate::rollout::gojson::go_roundtrip(&mut v, None);
        v
    }
}

impl Options {
    pub fn new(args: &UndoArgs, ctx: &Ctx) -> Result<Self> {
        if args.to_revision < 0 {
            return Err(Error::Refused(format!(
                "unable to find specified revision {} in history",
                args.to_revision
            )));
        }
        if ctx.source.is_snapshot() && args.dry_run != DryRun::Client {
            return Err(Error::usage(
                "rollout undo changes the cluster and needs a live cluster; with --snapshot only --dry-run=client works",
            ));
        }
        let format = match ctx.output.clone() {
            None | Some(OutputFormat::Table) => OutputFormat::Text,
            Some(f) if f.is_machine() || f == OutputFormat::Name => f,
            Some(f) => {
                return Err(Error::usage(format!(
                    "output format {:?} is not supported by rollout undo; use json, yaml, name or jsonpath=TEMPLATE",
                    f.name()
                )));
            }
        };
        Ok(Options {
            daemonset: super::target(&args.daemonset, args.name.as_deref())?,
            to_revision: args.to_revision,
            dry_run: args.dry_run,
            format,
        })
    }

    /// Read the DaemonSet and its history and decide (kubectl's `Rollback` up to the write).
    pub async fn plan(&self, ctx: &Ctx) -> Result<Plan> {
        let (session, namespace, name) = super::open(ctx, &self.daemonset).await?;
        let found = session.history(namespace.as_deref(), &name).await?;
        let ds = found.daemonset;
        let owned = revisions::owned(&ds, &found.revisions);
        let target = undo_target(&owned, self.to_revision)
            .map_err(|e| Error::Refused(e.to_string()).with_caveats(&found.caveats))?;
        // kubectl's skip rule compares bytes: the revision's data exactly as the server sent it.
        let served = match self.dry_run {
            DryRun::Client => None,
            _ => {
                let ns = ds.metadata.namespace.as_deref().unwrap_or("default");
                let rev = target.metadata.name.as_deref().unwrap_or("");
                session.revision_data(ns, rev).await?
            }
        };
        let rollback = rollback(&ds, target, self.to_revision, self.dry_run, served)?;
        if let Some(note) = &rollback.skip_check {
            session.debug(|| note.clone());
        }
        Ok(Plan {
            session,
            ds,
            rollback,
        })
    }

    /// Carry the plan out: one PATCH, never retried, when there is something to write.
    pub async fn apply(&self, plan: Plan) -> Result<UndoReport> {
        let Plan {
            session,
            ds,
            rollback,
        } = plan;
        let result = match &rollback.action {
            Action::Preview(template) => Undone::WouldRollBack(template.clone()),
            Action::Skip => Undone::Skipped,
            Action::Patch {
                body,
                resource_version,
            } => {
                let ns = ds.metadata.namespace.as_deref().unwrap_or("default");
                let name = ds.metadata.name.as_deref().unwrap_or("");
                let server_dry_run = self.dry_run == DryRun::Server;
                let written = session
                    .patch_daemonset(ns, name, body.clone(), resource_version, server_dry_run)
                    .await
                    .map_err(|e| rollback.failed(e))?;
                match written {
                    Written::Applied(_) => Undone::RolledBack,
                    Written::Conflict(message) => return Err(rollback.conflict(&ds, &message)),
                }
            }
        };
        Ok(UndoReport {
            daemon_set: ds.metadata.name.clone().unwrap_or_default(),
            to_revision: self.to_revision,
            dry_run: self.dry_run,
            result,
        })
    }
}
