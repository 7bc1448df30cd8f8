//! `rollout restart DS`: kubectl's restart (the `restartedAt` template annotation, its message),
//! written with a resourceVersion precondition.

use crate::cli::rollout::restart::RestartArgs;
use crate::cluster::Written;
use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::rollout::restart::{RestartReport, patch, rfc3339};
use crate::rollout::rollback::DryRun;

/// `rollout restart`, completed and validated.
pub struct Options {
    daemonset: String,
    dry_run: DryRun,
}

impl Options {
    pub fn new(args: &RestartArgs, ctx: &Ctx) -> Result<Self> {
        if ctx.source.is_snapshot() && args.dry_run != DryRun::Client {
            return Err(Error::usage(
                "rollout restart changes the cluster and needs a live cluster; with --snapshot only --dry-run=client works",
            ));
        }
        Ok(Options {
            daemonset: super::target(&args.daemonset, args.name.as_deref())?,
            dry_run: args.dry_run,
        })
    }

    /// GET the DaemonSet (kubectl's builder reads it first), then PATCH the annotation unless
    /// `--dry-run=client`.
    pub async fn run(&self, ctx: &Ctx) -> Result<RestartReport> {
        let (session, namespace, name) = super::open(ctx, &self.daemonset).await?;
        let found = session.history(namespace.as_deref(), &name).await?;
        let ds = found.daemonset;
        let ns = ds
            .metadata
            .namespace
            .clone()
            .unwrap_or_else(|| "default".into());
        let restarted_at = rfc3339(ctx.now);
        if self.dry_run != DryRun::Client {
            let rv = ds.metadata.resource_version.as_deref().unwrap_or("");
            let body = patch(&restarted_at);
            let server_dry_run = self.dry_run == DryRun::Server;
            match session
                .patch_daemonset(&ns, &name, body, rv, server_dry_run)
                .await
                .map_err(|e| e.prefixed("failed to patch: "))?
            {
                Written::Applied(_) => {}
                Written::Conflict(message) => {
                    return Err(Error::Refused(format!(
                        "failed to patch: daemonset {ns}/{name} was changed by someone else after it was read (resourceVersion {rv}); nothing was applied. Run the command again. (server: {message})"
                    )));
                }
            }
        }
        Ok(RestartReport {
            daemon_set: name,
            namespace: ns,
            restarted_at,
            dry_run: self.dry_run,
        })
    }
}
