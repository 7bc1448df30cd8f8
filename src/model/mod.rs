//! The ground floor: the cluster state every library reads, and the slim object types, labels,
//! selectors, quantities and revision ownership it is made of. Nothing here does I/O or knows
//! about flags; every other library stands on it.

pub mod daemonset;
pub mod labels;
pub mod lookup;
pub mod objects;
pub mod pod;
pub mod policy;
pub mod quantity;
pub mod revisions;
pub mod selector;
pub mod semantics;

use k8s_openapi::api::apps::v1::{ControllerRevision, DaemonSet};
use k8s_openapi::api::core::v1::Node;

pub use objects::{Event, Namespace};
pub use pod::{HostPort, Pod, UsagePod};

/// Everything a command may read, already narrowed to the query's scope.
#[derive(Clone, Debug, Default)]
pub struct ClusterState {
    pub nodes: Vec<Node>,
    pub pods: Vec<Pod>,
    /// Pods no DaemonSet can own, reduced to their node usage — filled instead of `pods` for them
    /// when the query sets `Query::foreign_pods_as_usage` (cluster); otherwise empty.
    pub usage_pods: Vec<UsagePod>,
    pub daemonsets: Vec<DaemonSet>,
    pub revisions: Vec<ControllerRevision>,
    pub events: Vec<Event>,
    pub namespaces: Vec<Namespace>,
    /// PriorityClasses; `None` when they were not read (not asked for, forbidden, or a snapshot
    /// without any).
    pub priority_classes: Option<Vec<policy::PriorityClass>>,
    /// PodDisruptionBudgets; `None` when they were not read.
    pub pdbs: Option<Vec<policy::PodDisruptionBudget>>,
    /// DeviceClasses (`resource.k8s.io`): which extended resources DRA serves; `None` when they
    /// were not read.
    pub device_classes: Option<Vec<objects::DeviceClass>>,
    /// What the server said about itself (version, distribution), live or as a snapshot
    /// recorded it.
    pub server: semantics::ServerFacts,
    /// What was asked for and could not be read, and what that leaves unknown (a snapshot
    /// without Pods, a list the user may not read). Absence of data is not a finding: these
    /// travel into every report as caveats.
    pub caveats: Vec<String>,
    /// Only some of the pods that use node resources were read (RBAC refused the cluster-wide
    /// pod list): fit checks (resources, host ports) would pass on missing data, so they are not
    /// evaluated. A caveat says why.
    pub usage_unread: bool,
    /// Only the pods bound to (or pinned to) this node were read (live `why-not NODE`): what
    /// pods on other nodes would say through inter-pod (anti-)affinity across a topology
    /// domain wider than a node is not known.
    pub pods_only_on: Option<String>,
}

/// `theirs` after `mine`; taken whole when `mine` is empty (no copy of a big list).
fn join<T>(mine: &mut Vec<T>, theirs: Vec<T>) {
    if mine.is_empty() {
        *mine = theirs;
    } else {
        mine.extend(theirs);
    }
}

impl ClusterState {
    /// Add what `other` read after what this one read, as if one reader had read both in turn
    /// (a snapshot's items decoded on several threads): lists appended in order; the server's
    /// facts, `usage_unread` and `pods_only_on` as the later reader left them when it set them.
    pub fn append(&mut self, other: ClusterState) {
        // Every field by name: a new one cannot be forgotten here.
        let ClusterState {
            nodes,
            pods,
            usage_pods,
            daemonsets,
            revisions,
            events,
            namespaces,
            priority_classes,
            pdbs,
            device_classes,
            server,
            caveats,
            usage_unread,
            pods_only_on,
        } = other;
        join(&mut self.nodes, nodes);
        join(&mut self.pods, pods);
        join(&mut self.usage_pods, usage_pods);
        join(&mut self.daemonsets, daemonsets);
        join(&mut self.revisions, revisions);
        join(&mut self.events, events);
        join(&mut self.namespaces, namespaces);
        if let Some(theirs) = priority_classes {
            join(self.priority_classes.get_or_insert_default(), theirs);
        }
        if let Some(theirs) = pdbs {
            join(self.pdbs.get_or_insert_default(), theirs);
        }
        if let Some(theirs) = device_classes {
            join(self.device_classes.get_or_insert_default(), theirs);
        }
        let semantics::ServerFacts {
            version,
            distribution,
            from,
            unread,
        } = server;
        if version.is_some() {
            self.server.version = version;
        }
        if distribution.is_some() {
            self.server.distribution = distribution;
        }
        if from.is_some() {
            self.server.from = from;
        }
        if unread.is_some() {
            self.server.unread = unread;
        }
        join(&mut self.caveats, caveats);
        self.usage_unread |= usage_unread;
        if pods_only_on.is_some() {
            self.pods_only_on = pods_only_on;
        }
    }

    /// Find a DaemonSet by namespace and name.
    pub fn daemonset(&self, namespace: &str, name: &str) -> Option<&DaemonSet> {
        self.daemonsets.iter().find(|d| {
            d.metadata.name.as_deref() == Some(name)
                && d.metadata.namespace.as_deref().unwrap_or("default") == namespace
        })
    }

    /// The DaemonSets of `namespace` (`None`: all), by namespace and name.
    pub fn daemonsets_in(&self, namespace: Option<&str>) -> Vec<&DaemonSet> {
        let mut out: Vec<&DaemonSet> = self
            .daemonsets
            .iter()
            .filter(|d| {
                namespace
                    .is_none_or(|ns| d.metadata.namespace.as_deref().unwrap_or("default") == ns)
            })
            .collect();
        out.sort_by(|a, b| {
            (&a.metadata.namespace, &a.metadata.name)
                .cmp(&(&b.metadata.namespace, &b.metadata.name))
        });
        out
    }

    /// Find a node by name.
    pub fn node(&self, name: &str) -> Option<&Node> {
        self.nodes
            .iter()
            .find(|n| n.metadata.name.as_deref() == Some(name))
    }

    /// Find a namespace by name.
    pub fn namespace(&self, name: &str) -> Option<&Namespace> {
        self.namespaces.iter().find(|n| n.metadata.name == name)
    }
}
