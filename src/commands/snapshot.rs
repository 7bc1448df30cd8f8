//! `snapshot`: write the cluster state the other commands read as one `kind: List` file, for
//! offline use (`--snapshot FILE`), bug reports and incident notes.
//!
//! Redacted by default (env values, credential-looking annotations and flags, last-applied
//! configuration; see [`crate::cluster::redact`]) because snapshots get attached to tickets. With
//! `--snapshot IN` it re-writes its input, merged and redacted: the way to clean a raw
//! `kubectl get -o yaml` dump before sharing it.

use super::Ctx;
use crate::cli::snapshot::SnapshotArgs;
use crate::cluster::export::{Snapshot, SnapshotBuilder};
use crate::error::{Error, Result};
use crate::render::OutputFormat;

/// The formats a snapshot is written in: YAML (default) or JSON.
pub fn format(ctx: &Ctx) -> Result<OutputFormat> {
    match ctx.output.clone().unwrap_or(OutputFormat::Yaml) {
        f @ (OutputFormat::Yaml | OutputFormat::Json) => Ok(f),
        other => Err(Error::usage(format!(
            "snapshot writes yaml or json, not {}",
            other.name()
        ))),
    }
}

/// Read every object the other commands use (live: one paginated LIST per kind), keep the
/// namespace's, order them stably and redact them unless asked not to.
pub async fn run(args: &SnapshotArgs, ctx: &Ctx) -> Result<Snapshot> {
    // validate
    if ctx.all_namespaces && ctx.namespace.is_some() {
        return Err(Error::usage(
            "-n and -A contradict each other; snapshot spans all namespaces unless -n is given",
        ));
    }
    let namespace = ctx.namespace.as_deref();
    // run: objects one at a time, redacted and kept compact (a big snapshot is never one tree)
    let mut snapshot = SnapshotBuilder::new(!args.no_redact);
    let server = ctx
        .session()
        .await?
        .export_each(namespace, &mut |v, keep| snapshot.add(v, keep))
        .await?;
    Ok(snapshot.finish(&server))
}

#[cfg(test)]
mod tests {
    use crate::cluster::export::order;
    use serde_json::json;

    #[test]
    fn output_is_ordered_by_kind_then_name() {
        let mut v = [
            json!({"kind": "Pod", "metadata": {"name": "b", "namespace": "a"}}),
            json!({"kind": "Node", "metadata": {"name": "z"}}),
            json!({"kind": "Pod", "metadata": {"name": "a", "namespace": "a"}}),
        ];
        v.sort_by_cached_key(order);
        let names: Vec<&str> = v
            .iter()
            .map(|o| o["metadata"]["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["z", "a", "b"]);
    }
}
