//! `diff-revision DS [A] [B]`: what changed between two revisions' pod templates (default: the
//! previous revision vs the current one; `live` names the live template). Templates are
//! normalised first (no `$patch`, hash labels, nulls), so only real changes show.

use std::io::Write;

use serde_json::Value;

use super::Ctx;
use super::rollout::load_history;
use crate::cli::diff_revision::DiffRevisionArgs;
use crate::error::{Error, Outcome, Result};
use crate::model::revisions;
use crate::render::OutputFormat;
use crate::render::{change_line, diff_line, io_err, write_json, write_yaml};
use crate::rollout::diff::{self, Change};

/// One side of the comparison.
struct Side {
    label: String,
    template: Value,
}

fn pick(
    spec: &str,
    ds: &k8s_openapi::api::apps::v1::DaemonSet,
    owned: &[&k8s_openapi::api::apps::v1::ControllerRevision],
) -> Result<Side> {
    if spec == "live" {
        return Ok(Side {
            label: "live".into(),
            template: revisions::live_template(ds).unwrap_or_default(),
        });
    }
    let n: i64 = spec
        .parse()
        .map_err(|_| Error::usage(format!("{spec:?} is neither a revision number nor `live`")))?;
    let rev = owned.iter().find(|r| r.revision == n).ok_or_else(|| {
        let known: Vec<String> = owned.iter().map(|r| r.revision.to_string()).collect();
        Error::not_found(format!(
            "revision {n} not found in the history of daemonset {} (revisions: {})",
            ds.metadata.name.as_deref().unwrap_or(""),
            if known.is_empty() {
                "none".into()
            } else {
                known.join(", ")
            }
        ))
    })?;
    Ok(Side {
        label: format!(
            "revision {n} ({})",
            rev.metadata.name.as_deref().unwrap_or("")
        ),
        template: revisions::stored_template(rev).unwrap_or_default(),
    })
}

pub async fn run(args: &DiffRevisionArgs, ctx: &Ctx) -> Result<Outcome> {
    let format = ctx.output.unwrap_or(OutputFormat::Table);
    if !matches!(
        format,
        OutputFormat::Table | OutputFormat::Json | OutputFormat::Yaml
    ) {
        return Err(Error::usage("diff-revision prints a diff, or -o json|yaml"));
    }
    let style = ctx.styles.out;
    let loaded = load_history(ctx, &args.daemonset).await?;
    let ds = &loaded.ds;
    let owned = revisions::owned(ds, &loaded.state.revisions);
    let (a_spec, b_spec) = match (&args.a, &args.b) {
        (Some(a), Some(b)) => (a.clone(), b.clone()),
        (Some(a), None) => {
            let current = revisions::current(ds, &owned)
                .map_or("live".to_string(), |r| r.revision.to_string());
            (a.clone(), current)
        }
        (None, _) => {
            let current = revisions::current(ds, &owned).or(owned.last().copied());
            let Some(cur) = current else {
                return Err(Error::not_found(format!(
                    "daemonset {} has no revision history",
                    ds.metadata.name.as_deref().unwrap_or("")
                )));
            };
            let prev = owned.iter().rev().find(|r| r.revision < cur.revision).ok_or_else(|| {
                Error::usage(format!(
                    "daemonset {} has only one revision ({}); name two revisions, or a revision and `live`",
                    ds.metadata.name.as_deref().unwrap_or(""),
                    cur.revision
                ))
            })?;
            (prev.revision.to_string(), cur.revision.to_string())
        }
    };
    let a = pick(&a_spec, ds, &owned)?;
    let b = pick(&b_spec, ds, &owned)?;
    let (na, nb) = (diff::normalize(&a.template), diff::normalize(&b.template));
    let changes: Vec<Change> = diff::changes(&na, &nb);
    let mut out = std::io::stdout().lock();
    match format {
        OutputFormat::Json => write_json(&mut out, &changes)?,
        OutputFormat::Yaml => write_yaml(&mut out, &changes)?,
        _ if args.summary => {
            for c in &changes {
                writeln!(out, "{}", change_line(&style, c)).map_err(io_err)?;
            }
        }
        _ => {
            let text = diff::unified(&na, &nb, &a.label, &b.label, args.unified);
            for line in text.lines() {
                writeln!(out, "{}", diff_line(&style, line)).map_err(io_err)?;
            }
        }
    }
    Ok(if args.exit_code && !changes.is_empty() {
        Outcome::Found
    } else {
        Outcome::Ok
    })
}
