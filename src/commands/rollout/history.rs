//! `rollout history DS`: kubectl's REVISION / CHANGE-CAUSE table, `-o wide` with IMAGES, AGE and
//! the current revision; `--revision N` shows that pod template; `-o json|yaml` the documented
//! shape.

use crate::cli::rollout::history::HistoryArgs;
use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::model::revisions;
use crate::render::OutputFormat;
use crate::rollout::history::{History, HistoryReport, Shown, template_at};

/// `rollout history`, completed and validated.
pub struct Options {
    daemonset: String,
    /// `--revision`; `None` for all.
    revision: Option<i64>,
    pub format: OutputFormat,
}

impl Options {
    pub fn new(args: &HistoryArgs, ctx: &Ctx) -> Result<Self> {
        super::check_revision(args.revision)?;
        let format = ctx.list_format()?;
        Ok(Options {
            daemonset: super::target(&args.daemonset, args.name.as_deref())?,
            revision: (args.revision > 0).then_some(args.revision),
            format,
        })
    }

    pub async fn run(&self, ctx: &Ctx) -> Result<HistoryReport> {
        let (session, namespace, name) = super::open(ctx, &self.daemonset).await?;
        let found = session.history(namespace.as_deref(), &name).await?;
        let ds = &found.daemonset;
        let owned = revisions::owned(ds, &found.revisions);
        let mut history = History::new(ds, &owned, self.revision);
        history.caveats = found.caveats.clone();
        let not_found = || Error::not_found("unable to find the specified revision");
        // the machine forms and -o name list the revisions (only --revision's, when given)
        let listed = self.format.is_machine() || self.format == OutputFormat::Name;
        let shown = match self.revision {
            Some(_) if listed && history.revisions.is_empty() => {
                return Err(not_found());
            }
            _ if listed => Shown::Table,
            _ if owned.is_empty() => Shown::Empty,
            Some(n) => {
                let rev = owned
                    .iter()
                    .find(|r| r.revision == n)
                    .ok_or_else(not_found)?;
                let template = template_at(ds, rev).ok_or_else(|| {
                    Error::input(format!(
                        "unable to parse history {}",
                        rev.metadata.name.as_deref().unwrap_or("")
                    ))
                })?;
                Shown::Revision(Box::new(template))
            }
            None => Shown::Table,
        };
        Ok(HistoryReport {
            history,
            revision: self.revision,
            shown,
            now: ctx.now,
        })
    }
}
