//! `diff-revision DS [A] [B]`: what changed between two revisions' pod templates (default: the
//! previous revision vs the current one; `live` names the live template). Templates are
//! normalised first (no `$patch`, hash labels, nulls), so only real changes show.

use super::Ctx;
use crate::cli::diff_revision::DiffRevisionArgs;
use crate::error::{Error, Result};
use crate::model::revisions;
use crate::render::OutputFormat;
use crate::rollout::diff::{self, DiffReport};

/// `diff-revision`, completed and validated.
pub struct Options<'a> {
    args: &'a DiffRevisionArgs,
    pub format: OutputFormat,
}

impl<'a> Options<'a> {
    pub fn new(args: &'a DiffRevisionArgs, ctx: &Ctx) -> Result<Self> {
        let format = ctx.output.clone().unwrap_or(OutputFormat::Table);
        if !(format == OutputFormat::Table || format.is_machine()) {
            return Err(Error::usage(
                "diff-revision prints a diff, or -o json|yaml|jsonpath=TEMPLATE",
            ));
        }
        Ok(Options { args, format })
    }

    pub async fn run(&self, ctx: &Ctx) -> Result<DiffReport> {
        Ok(self.run_with_template(ctx).await?.0)
    }

    /// The diff, and the DaemonSet's live pod template normalised (what a fleet run compares
    /// clusters by).
    pub async fn run_with_template(&self, ctx: &Ctx) -> Result<(DiffReport, serde_json::Value)> {
        let args = self.args;
        let (session, namespace, name) = super::rollout::open(ctx, &args.daemonset).await?;
        let found = session.history(namespace.as_deref(), &name).await?;
        let ds = &found.daemonset;
        let owned = revisions::owned(ds, &found.revisions);
        let missing = |e: crate::error::Error| e.with_caveats(&found.caveats);
        let (a, b) = diff::default_sides(args.a.as_deref(), args.b.as_deref(), ds, &owned)
            .map_err(missing)?;
        let a = diff::side(&a, ds, &owned).map_err(missing)?;
        let b = diff::side(&b, ds, &owned).map_err(missing)?;
        let (na, nb) = (diff::normalize(&a.template), diff::normalize(&b.template));
        let unified = (self.format == OutputFormat::Table && !args.summary)
            .then(|| diff::unified(&na, &nb, &a.label, &b.label, args.unified));
        let live = serde_json::to_value(ds.spec.as_ref().map(|s| &s.template))
            .map_err(|e| Error::input(format!("encoding the live template: {e}")))?;
        let report = DiffReport {
            changes: diff::changes(&na, &nb),
            unified,
            fail_on_changes: args.exit_code,
        };
        Ok((report, diff::normalize(&live)))
    }
}
