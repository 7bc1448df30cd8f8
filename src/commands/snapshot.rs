//! `snapshot`: write the cluster state the other commands read as one `kind: List` file, for
//! offline use (`--snapshot FILE`), bug reports and incident notes.
//!
//! Redacted by default (env values, credential-looking annotations and flags, last-applied
//! configuration; see [`crate::cluster::redact`]) because snapshots get attached to tickets. With
//! `--snapshot IN` it re-writes its input, merged and redacted: the way to clean a raw
//! `kubectl get -o yaml` dump before sharing it.

use serde_json::Value;

use super::Ctx;
use crate::cli::snapshot::SnapshotArgs;
use crate::cluster::export::Snapshot;
use crate::cluster::{raw, redact};
use crate::error::{Error, Result};
use crate::render::OutputFormat;

/// The formats a snapshot is written in: YAML (default) or JSON.
pub fn format(ctx: &Ctx) -> Result<OutputFormat> {
    match ctx.output.unwrap_or(OutputFormat::Yaml) {
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
    // run
    let exported = ctx.session().await?.export(namespace).await?;
    let mut objects = exported.objects;
    objects.sort_by_cached_key(order);
    if !args.no_redact {
        objects.iter_mut().for_each(redact::redact);
    }
    Ok(Snapshot::new(objects, &exported.server))
}

/// Kinds in a fixed order, then namespace and name: stable output that diffs well.
fn order(v: &Value) -> (usize, String, String) {
    let s = |p: &str| {
        v.pointer(p)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let kind = s("/kind");
    let rank = raw::KINDS
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(raw::KINDS.len());
    (rank, s("/metadata/namespace"), s("/metadata/name"))
}

#[cfg(test)]
mod tests {
    use super::*;
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
