//! `list` (alias `ls`): every DaemonSet in scope on one line — kubectl's `get ds` counters as
//! the evaluator sees them, the rollout state, and why wanted nodes are not covered.

use super::Ctx;
use crate::cluster::Query;
use crate::error::Result;
use crate::placement::overview::{ListReport, overview};
use crate::placement::state::ClusterIndex;
use crate::rollout;

/// Evaluate every DaemonSet in scope: `-A` all namespaces, else `-n`, else (live) the
/// context's namespace, else `default` — kubectl's `get ds` scope.
pub async fn run(ctx: &Ctx) -> Result<ListReport> {
    let session = ctx.session().await?;
    let namespace = if ctx.all_namespaces {
        None
    } else {
        Some(
            session
                .namespace
                .clone()
                .unwrap_or_else(|| "default".into()),
        )
    };
    let query = Query {
        namespace: namespace.clone(),
        pods: true,
        foreign_pods_as_usage: true,
        revisions: true,
        events: true,
        namespaces: true,
        server: true,
        ..Default::default()
    };
    let state = session.load(&query).await?;
    let semantics = ctx.semantics(&state)?;
    let index = ClusterIndex::new(&state, ctx.now).with_semantics(semantics);
    let mut items: Vec<_> = state
        .daemonsets_in(namespace.as_deref())
        .into_iter()
        .map(|ds| overview(&index.explain(ds, |_| true), rollout::strategy(ds)))
        .collect();
    items.sort_by(|a, b| {
        (!a.has_problems(), &a.daemon_set).cmp(&(!b.has_problems(), &b.daemon_set))
    });
    Ok(ListReport {
        items,
        scope: namespace.map_or("any namespace".into(), |ns| format!("namespace {ns:?}")),
        all_namespaces: ctx.all_namespaces,
        caveats: state.caveats.clone(),
    })
}
