//! A big List's items read on every core. Decoding the items is nearly all the time a
//! 150,000-pod snapshot takes, each item is decoded on its own, and kubectl writes a cluster
//! as one List: so the items are split into one run per core, each run decodes into its own
//! [`ClusterState`], and the runs are appended in order — the state is the one a single
//! thread builds, item for item.
//!
//! The item boundaries come from one pass of serde_json over the file that only finds them
//! ([`RawValue`]: no allocation per field). Any failure — a syntax error, an item that does not
//! decode — gives up here and the caller reads the file the one-thread way, which words the
//! error with its position in the file; a broken file costs two passes, a good one never does.

use serde::Deserialize;
use serde::de::DeserializeSeed;
use serde_json::value::RawValue;

use super::{DocSeed, LoadOpts, Sink};
use crate::model::ClusterState;

/// Items below which a run is not worth a thread (starting one costs tens of microseconds; an
/// item takes a few).
const MIN_ITEMS_PER_RUN: usize = 4_096;

/// A JSON file whose items are read in parallel: the top-level object of a List.
#[derive(Deserialize)]
pub(super) struct RawList<'a> {
    #[serde(default)]
    kind: Option<String>,
    #[serde(borrow)]
    items: Vec<&'a RawValue>,
    #[serde(default)]
    metadata: Option<serde_json::Value>,
}

impl<'a> RawList<'a> {
    /// `bytes` as one List object with more items than one run takes, or `None` (anything else,
    /// or a syntax error: the one-thread path reads and words it).
    pub(super) fn parse(bytes: &'a [u8]) -> Option<Self> {
        let list: RawList = serde_json::from_slice(bytes).ok()?;
        // A non-List kind makes the one-thread path read the object itself, not `items`.
        let is_list = list.kind.as_deref().is_none_or(|k| k.ends_with("List"));
        (is_list && runs(list.items.len()) > 1).then_some(list)
    }

    /// Read the items, then the List's own metadata, into parts left in `opts.pending` (see
    /// [`LoadOpts::pending`]); `false` when the metadata or an item failed (nothing was kept:
    /// the metadata is read first, and [`read_items`] keeps nothing when it fails).
    pub(super) fn read(&self, opts: &mut LoadOpts) -> bool {
        let mut head = ClusterState::default();
        let mut sink = Sink {
            state: &mut head,
            opts,
            doc: 1,
        };
        if sink
            .list_metadata::<serde_json::Error>(self.metadata.as_ref())
            .is_err()
        {
            return false;
        }
        let Ok(parts) = read_items(&self.items, |r| r.get(), opts) else {
            return false;
        };
        // The List's own metadata after its items, where the one-thread read applies it.
        opts.pending.extend(parts);
        opts.pending.push(head);
        true
    }
}

/// How many runs `items` items are split into: one per core, each at least
/// [`MIN_ITEMS_PER_RUN`] long.
pub(super) fn runs(items: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.min(items / MIN_ITEMS_PER_RUN).max(1)
}

/// Decode each of `items` (the JSON text of one object each, `text` gives it) as the List items
/// of one document, on [`runs`] threads: the states they make, in order (appended one after the
/// other, they are the state one thread makes). `Err((index, error))`: the first item that
/// failed, and nothing added to `opts`.
pub(super) fn read_items<T: Sync>(
    items: &[T],
    text: impl Fn(&T) -> &str + Sync,
    opts: &mut LoadOpts,
) -> Result<Vec<ClusterState>, (usize, serde_json::Error)> {
    read_items_in(runs(items.len()), items, text, opts)
}

/// [`read_items`] in `runs` runs.
fn read_items_in<T: Sync>(
    runs: usize,
    items: &[T],
    text: impl Fn(&T) -> &str + Sync,
    opts: &mut LoadOpts,
) -> Result<Vec<ClusterState>, (usize, serde_json::Error)> {
    let len = items.len().div_ceil(runs.max(1)).max(1);
    let usage_only = opts.usage_only;
    let run = |first: usize, part: &[T]| {
        let mut state = ClusterState::default();
        let mut opts = LoadOpts::new(usage_only);
        for (j, item) in part.iter().enumerate() {
            let mut sink = Sink {
                state: &mut state,
                opts: &mut opts,
                doc: 1,
            };
            let mut de = serde_json::Deserializer::from_str(text(item));
            DocSeed { sink: &mut sink }
                .deserialize(&mut de)
                .and_then(|()| de.end())
                .map_err(|e| (first + j, e))?;
        }
        Ok((state, opts))
    };
    let run = &run;
    let mut parts = items.chunks(len).enumerate();
    let results = std::thread::scope(|scope| {
        let first = parts.next().map(|(_, part)| part).unwrap_or_default();
        let others: Vec<_> = parts
            .map(|(k, part)| scope.spawn(move || run(k * len, part)))
            .collect();
        // The first run on this thread, while the others go.
        let mut results = vec![run(0, first)];
        for handle in others {
            results.push(
                handle
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p)),
            );
        }
        results
    });
    // Each run stopped at its first failure; the earliest run's is the first overall.
    let done: Vec<(ClusterState, LoadOpts)> = results.into_iter().collect::<Result<_, _>>()?;
    Ok(done
        .into_iter()
        .map(|(part, part_opts)| {
            opts.absorb(part_opts);
            part
        })
        .collect())
}

impl LoadOpts {
    /// What another run saw, added to this.
    fn absorb(&mut self, other: LoadOpts) {
        self.foreign_uids.extend(other.foreign_uids);
        // A set both runs saw is kept by both runs' pods; later files share the first one
        // (`extend` keeps what a set holds).
        self.labels.extend(other.labels);
        self.requests.extend(other.requests);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Nodes, a DaemonSet, its pods and other workloads' pods, in an order where every run
    /// gets some of each.
    fn items(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| match i % 5 {
                0 => format!(r#"{{"apiVersion":"v1","kind":"Node","metadata":{{"name":"n{i}","labels":{{"zone":"z{}"}}}}}}"#, i % 3),
                1 => format!(r#"{{"apiVersion":"v1","kind":"Pod","metadata":{{"name":"ds-{i}","namespace":"kube-system","uid":"p{i}","labels":{{"app":"ds"}},"ownerReferences":[{{"apiVersion":"apps/v1","kind":"DaemonSet","name":"ds","uid":"ds-uid","controller":true}}]}},"spec":{{"nodeName":"n{}","containers":[{{"name":"c","image":"i"}}]}}}}"#, i - 1),
                2 => format!(r#"{{"apiVersion":"v1","kind":"Pod","metadata":{{"name":"web-{i}","namespace":"shop","uid":"w{i}","labels":{{"app":"web","tier":"t{}"}},"ownerReferences":[{{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web","uid":"rs{}","controller":true}}]}},"spec":{{"nodeName":"n{}","containers":[{{"name":"c","image":"i","resources":{{"requests":{{"cpu":"100m"}}}},"ports":[{{"containerPort":80,"hostPort":8080}}]}}]}},"status":{{"phase":"Running"}}}}"#, i % 4, i % 7, i - 2),
                3 => format!(r#"{{"apiVersion":"v1","kind":"Event","metadata":{{"name":"e{i}","namespace":"shop"}},"reason":"FailedScheduling"}}"#),
                _ => "null".to_string(),
            })
            .chain([r#"{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"ds","namespace":"kube-system","uid":"ds-uid"},"spec":{"selector":{"matchLabels":{"app":"ds"}},"template":{"metadata":{"labels":{"app":"ds"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}}"#.to_string()])
            .collect()
    }

    fn read(runs: usize, items: &[String], usage_only: bool) -> (ClusterState, LoadOpts) {
        let mut state = ClusterState::default();
        let mut opts = LoadOpts::new(usage_only);
        let parts = read_items_in(runs, items, |s| s.as_str(), &mut opts).unwrap();
        assert_eq!(parts.len(), runs);
        for part in parts {
            state.append(part);
        }
        (state, opts)
    }

    #[test]
    fn several_runs_build_the_state_one_run_builds() {
        let items = items(10_001);
        for usage_only in [false, true] {
            let (one, one_opts) = read(1, &items, usage_only);
            assert!(one.nodes.len() == 2_001 && one.daemonsets.len() == 1);
            for runs in [2, 3, 7] {
                let (many, many_opts) = read(runs, &items, usage_only);
                assert_eq!(format!("{many:?}"), format!("{one:?}"), "{runs} runs");
                assert_eq!(many_opts.foreign_uids, one_opts.foreign_uids);
                assert_eq!(many_opts.labels.len(), one_opts.labels.len());
            }
        }
    }

    #[test]
    fn the_first_failing_item_is_named_and_nothing_is_kept() {
        let mut items = items(9_000);
        items[7_001] = r#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":5}}"#.into();
        items[8_500] = "{".into();
        for runs in [1, 2, 4] {
            let mut opts = LoadOpts::new(true);
            let (index, e) = read_items_in(runs, &items, |s| s.as_str(), &mut opts).unwrap_err();
            assert_eq!(index, 7_001, "{runs} runs: {e}");
            assert!(opts.labels.is_empty() && opts.foreign_uids.is_empty());
        }
    }

    #[test]
    fn only_a_list_big_enough_for_two_runs_is_taken() {
        let big = format!(
            r#"{{"kind":"List","items":[{}]}}"#,
            items(2 * MIN_ITEMS_PER_RUN).join(",")
        );
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert_eq!(RawList::parse(big.as_bytes()).is_some(), cores > 1);
        let small = format!(r#"{{"kind":"List","items":[{}]}}"#, items(10).join(","));
        assert!(RawList::parse(small.as_bytes()).is_none());
        let pod = format!(
            r#"{{"kind":"Pod","items":[{}]}}"#,
            items(2 * MIN_ITEMS_PER_RUN).join(",")
        );
        assert!(
            RawList::parse(pod.as_bytes()).is_none(),
            "a Pod is read as a Pod"
        );
        let broken = &big[..big.len() - 1];
        assert!(
            RawList::parse(broken.as_bytes()).is_none(),
            "left to the one-thread path"
        );
    }
}
