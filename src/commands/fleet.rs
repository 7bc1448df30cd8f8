//! Fleet runs: one read command across several kubeconfig contexts (`--context a,b`,
//! `--all-contexts`, `--context-selector REGEX`). Each cluster gets its own [`Ctx`] (the same
//! flags, its context) and runs the single-cluster command unchanged; at most
//! `--max-concurrency` clusters are asked at once, each request bounded by `--request-timeout`,
//! so a dead or hanging cluster costs its own timeout and nothing else. Every cluster's answer
//! or error is kept ([`FleetReport`]): partial results are never withheld.

use std::future::Future;

use futures::StreamExt;

use super::Ctx;
use super::ctx::FleetSpec;
use crate::cli::{Cli, Command};
use crate::cluster::Member;
use crate::error::{Error, Outcome, Result};
use crate::render::fleet::{ClusterAnswer, FleetDiff, FleetMember, FleetReport, Progress, Written};
use crate::render::snapshot::write_file;
use crate::render::{OutputFormat, emit};

/// The clusters of a fleet run, resolved against the kubeconfig.
#[derive(Clone, Debug)]
pub struct Fleet {
    pub members: Vec<Member>,
    pub max_concurrency: usize,
}

impl Fleet {
    /// The fleet the flags ask for, `None` for an ordinary single-cluster run. A `--snapshot`
    /// with several contexts is a usage error: a snapshot is one cluster's state.
    pub fn resolve(ctx: &Ctx) -> Result<Option<Fleet>> {
        let Some(spec) = &ctx.fleet else {
            return Ok(None);
        };
        if ctx.source.is_snapshot() {
            return Err(Error::usage(
                "--snapshot reads one cluster's state: it cannot be combined with several \
                 contexts (--context a,b, --all-contexts or --context-selector); run one \
                 command per snapshot file",
            ));
        }
        let known = ctx.source.contexts()?;
        Ok(Some(Fleet {
            members: select(spec, &known)?,
            max_concurrency: spec.max_concurrency.max(1),
        }))
    }

    /// The context names, in the order asked.
    pub fn contexts(&self) -> Vec<String> {
        self.members.iter().map(|m| m.context.clone()).collect()
    }
}

/// The members `spec` names among the kubeconfig's contexts `known`. A context named with
/// `--context` but missing from the kubeconfig stays a member: its row says it is not there.
fn select(spec: &FleetSpec, known: &[Member]) -> Result<Vec<Member>> {
    let names = || {
        known
            .iter()
            .map(|m| m.context.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !spec.all {
        return Ok(spec
            .contexts
            .iter()
            .map(|name| {
                known
                    .iter()
                    .find(|m| &m.context == name)
                    .cloned()
                    .unwrap_or_else(|| Member {
                        context: name.clone(),
                        server: String::new(),
                    })
            })
            .collect());
    }
    if known.is_empty() {
        return Err(Error::cluster("the kubeconfig has no contexts"));
    }
    let chosen: Vec<Member> = known
        .iter()
        .filter(|m| {
            spec.selector
                .as_ref()
                .is_none_or(|r| r.is_match(&m.context))
        })
        .cloned()
        .collect();
    if chosen.is_empty() {
        return Err(Error::usage(format!(
            "no context of the kubeconfig matches --context-selector {:?} (contexts: {})",
            spec.selector.as_ref().map_or("", |r| r.as_str()),
            names()
        )));
    }
    Ok(chosen)
}

/// Run `one` for every cluster of `fleet`, at most `max_concurrency` at once, and collect each
/// cluster's report or error; `progress` hears of each answer as it comes.
pub async fn each<R, F, Fut>(
    ctx: &Ctx,
    fleet: &Fleet,
    progress: &Progress,
    one: F,
) -> FleetReport<R>
where
    R: FleetMember,
    F: Fn(Ctx) -> Fut,
    Fut: Future<Output = Result<R>>,
{
    let one = &one;
    let answers: Vec<ClusterAnswer<R>> = futures::stream::iter(fleet.members.iter().cloned())
        .map(|member| async move {
            let result = one(ctx.for_context(&member.context)).await;
            progress.answered(&member.context);
            ClusterAnswer::new(member, result)
        })
        .buffer_unordered(fleet.max_concurrency)
        .collect()
        .await;
    progress.finish();
    FleetReport::new(answers)
}

/// A fleet run of the parsed command line (`ctx.fleet` is set): the command's flags are checked
/// first, as for one cluster, then every cluster answers and the fleet report is printed.
pub async fn run(cli: &Cli, ctx: &Ctx) -> Result<Outcome> {
    use crate::cli::rollout::RolloutAction;
    let styles = &ctx.styles;
    // Commands that change a cluster, or read none, take one context.
    let refuse = |what: &str| {
        Err(Error::usage(format!(
            "{what} takes one context; several contexts (--context a,b, --all-contexts, \
             --context-selector) are for the read commands"
        )))
    };
    match &cli.command {
        Command::Rollout(r) if matches!(r.action, RolloutAction::Undo(_)) => {
            return refuse("rollout undo changes a cluster: it");
        }
        Command::Rollout(r) if matches!(r.action, RolloutAction::Restart(_)) => {
            return refuse("rollout restart changes a cluster: it");
        }
        Command::Validate(a) if !a.live => {
            return refuse("validate without --live reads no cluster: it");
        }
        Command::Validate(a) if a.filenames.iter().any(|f| f.as_os_str() == "-") => {
            return Err(Error::usage(
                "validate --live with several contexts reads each manifest once per cluster: \
                 give files, not stdin (-f -)",
            ));
        }
        Command::Snapshot(a) if a.file.is_none() => {
            return Err(Error::usage(
                "snapshot with several contexts writes one file per context: give a directory \
                 with --file DIR (DIR/CONTEXT.yaml)",
            ));
        }
        _ => {}
    }
    // Each command's own flag checks, before any cluster is asked.
    let format = match &cli.command {
        Command::DiffRevision(a) => super::diff_revision::Options::new(a, ctx)?.format,
        Command::Snapshot(_) => super::snapshot::format(ctx)?,
        Command::Validate(_) => super::validate::format(ctx)?,
        Command::Rollout(r) => match &r.action {
            RolloutAction::Status(a) => super::rollout::status::Options::new(a, ctx)?.format,
            RolloutAction::History(a) => super::rollout::history::Options::new(a, ctx)?.format,
            _ => ctx.table_format()?,
        },
        _ => ctx.table_format()?,
    };
    let Some(fleet) = Fleet::resolve(ctx)? else {
        return Err(Error::usage("not a fleet run"));
    };
    let progress = Progress::new(styles, &fleet.contexts());
    let fleet = &fleet;
    let progress = &progress;
    match &cli.command {
        Command::ExplainPlacement(a) if super::explain::is_overview(a) => {
            let r = each(ctx, fleet, progress, |c| async move {
                super::list::run(&c).await
            });
            emit(&r.await, format, styles)
        }
        Command::ExplainPlacement(a) => {
            let r = each(ctx, fleet, progress, |c| async move {
                super::explain::run(a, &c).await
            });
            emit(&r.await, format, styles)
        }
        Command::List(_) => {
            let r = each(ctx, fleet, progress, |c| async move {
                super::list::run(&c).await
            });
            emit(&r.await, format, styles)
        }
        Command::WhyNotScheduled(a) => {
            let mut r = each(ctx, fleet, progress, |c| async move {
                super::why_not::run(a, &c).await
            })
            .await;
            // A node named: the clusters without it say so (with -l, every cluster answers for
            // the nodes its selector matches).
            if let Some(node) = &a.node {
                node_elsewhere(&mut r, node);
            }
            emit(&r, format, styles)
        }
        Command::WhatIf(a) => {
            let r = each(ctx, fleet, progress, |c| async move {
                super::what_if::run(a, &c).await
            });
            emit(&r.await, format, styles)
        }
        Command::Validate(a) => {
            let r = each(ctx, fleet, progress, |c| async move {
                super::validate::run(a, &c).await
            });
            emit(&r.await, format, styles)
        }
        Command::DiffRevision(a) => {
            let mut r = each(ctx, fleet, progress, |c| async move {
                let diff = super::diff_revision::Options::new(a, &c)?;
                let (diff, template) = diff.run_with_template(&c).await?;
                Ok(FleetDiff {
                    diff,
                    template,
                    vs_majority: None,
                })
            })
            .await;
            against_majority(&mut r);
            emit(&r, format, styles)
        }
        Command::Snapshot(a) => {
            let dir = a.file.clone().unwrap_or_default();
            std::fs::create_dir_all(&dir).map_err(|e| {
                Error::io(
                    &dir,
                    format!("cannot create directory {}: {e}", dir.display()),
                    e,
                )
            })?;
            let r = each(ctx, fleet, progress, |c| {
                let dir = dir.clone();
                let format = format.clone();
                async move {
                    let context = c.context.clone().unwrap_or_default();
                    let snap = super::snapshot::run(a, &c).await?;
                    let ext = if format == OutputFormat::Json {
                        "json"
                    } else {
                        "yaml"
                    };
                    let path = dir.join(format!("{}.{ext}", file_stem(&context)));
                    write_file(&path, &snap, format)?;
                    Ok(Written {
                        file: path.display().to_string(),
                        objects: snap.len(),
                    })
                }
            });
            emit(&r.await, OutputFormat::Table, styles)
        }
        Command::Rollout(r) => match &r.action {
            RolloutAction::Status(a) => {
                let status = super::rollout::status::Options::new(a, ctx)?;
                let status = &status;
                let r = each(ctx, fleet, progress, |c| async move {
                    status.fleet(&c, progress).await
                });
                emit(&r.await, format, styles)
            }
            RolloutAction::History(a) => {
                let history = super::rollout::history::Options::new(a, ctx)?;
                let history = &history;
                let r = each(
                    ctx,
                    fleet,
                    progress,
                    |c| async move { history.run(&c).await },
                );
                emit(&r.await, format, styles)
            }
            _ => Err(Error::usage("not a read command")),
        },
        Command::Completion(_) => Err(Error::usage("completion reads no cluster")),
    }
}

/// A context name as a file name: characters other than letters, digits, `.`, `_` and `-`
/// (EKS contexts are ARNs with `:` and `/`) become `_`.
pub fn file_stem(context: &str) -> String {
    let stem: String = context
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    match stem.trim_start_matches('.') {
        "" => "context".to_string(),
        s => s.to_string(),
    }
}

/// Mark every cluster whose live template is not the one most clusters run, with how it
/// differs. A tie for the most common template leaves no majority: every cluster that does not
/// share the first-sorted of the tied templates is marked against it — the summary then shows the
/// split rather than hiding it.
fn against_majority(report: &mut FleetReport<FleetDiff>) {
    let templates: Vec<&serde_json::Value> = report
        .clusters
        .iter()
        .filter_map(|c| c.result.as_ref().map(|r| &r.template))
        .collect();
    let mut counts: Vec<(&serde_json::Value, usize)> = Vec::new();
    for t in templates {
        match counts.iter_mut().find(|(seen, _)| *seen == t) {
            Some((_, n)) => *n += 1,
            None => counts.push((t, 1)),
        }
    }
    let Some(majority) = counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .map(|(t, _)| (*t).clone())
    else {
        return;
    };
    for c in &mut report.clusters {
        if let Some(r) = &mut c.result
            && r.template != majority
        {
            r.vs_majority = Some(crate::rollout::diff::changes(&majority, &r.template));
        }
    }
}

/// `why-not NODE` across clusters: a node name belongs to one cluster, so a cluster without the
/// node says so without failing the run (exit 0 for it) — unless no cluster has the node.
fn node_elsewhere<R: FleetMember>(report: &mut FleetReport<R>, node: &str) {
    let missing = format!("nodes \"{node}\" not found");
    let somewhere = report.clusters.iter().any(|c| c.result.is_some());
    if !somewhere {
        return;
    }
    for c in &mut report.clusters {
        if let Some(e) = &mut c.error
            && e.exit == crate::error::EXIT_ENV
            && e.message.starts_with(&missing)
        {
            e.exit = crate::error::EXIT_OK;
            e.what = "without the node";
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Vec<Member> {
        ["prod-eu", "prod-us", "staging"]
            .iter()
            .map(|c| Member {
                context: c.to_string(),
                server: format!("https://{c}"),
            })
            .collect()
    }

    fn spec(contexts: &[&str], all: bool, selector: Option<&str>) -> FleetSpec {
        FleetSpec {
            contexts: contexts.iter().map(|c| c.to_string()).collect(),
            all,
            selector: selector.map(|s| regex::Regex::new(s).unwrap()),
            max_concurrency: 4,
        }
    }

    fn names(members: &[Member]) -> Vec<&str> {
        members.iter().map(|m| m.context.as_str()).collect()
    }

    #[test]
    fn named_contexts_keep_their_order_and_unknown_ones_stay_as_rows() {
        let m = select(&spec(&["staging", "nope"], false, None), &known()).unwrap();
        assert_eq!(names(&m), ["staging", "nope"]);
        assert_eq!(m[0].server, "https://staging");
        assert_eq!(m[1].server, "");
    }

    #[test]
    fn all_contexts_and_the_selector() {
        let all = select(&spec(&[], true, None), &known()).unwrap();
        assert_eq!(names(&all), ["prod-eu", "prod-us", "staging"]);
        let prod = select(&spec(&[], true, Some("^prod-")), &known()).unwrap();
        assert_eq!(names(&prod), ["prod-eu", "prod-us"]);
        let none = select(&spec(&[], true, Some("^dev")), &known()).unwrap_err();
        assert_eq!(none.exit_code(), 2);
        assert!(
            none.to_string().contains("prod-eu, prod-us, staging"),
            "{none}"
        );
        assert_eq!(
            select(&spec(&[], true, None), &[]).unwrap_err().exit_code(),
            3
        );
    }
}
