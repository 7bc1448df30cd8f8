//! Scheduler-level fit for the daemon pod: `NodeResourcesFit` (pod count, cpu, memory,
//! ephemeral-storage, scalar resources) and `NodePorts`, as kube-scheduler's filter plugins decide.

use std::borrow::Cow;
use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::Node;

use super::message::ResourceHeadroom;
use crate::model::pod::{ContainerLite, HostPort, Labels, Pod, PodSpecLite, QuantityStr, UsagePod};
use crate::model::quantity::{format_together, parse_milli, parse_units};
use crate::model::semantics::Semantics;

/// Resource name → amount (cpu in milli-units, everything else in base units).
///
/// Amounts are added and subtracted saturating: quantities saturate at the i64 bounds
/// ([`super::quantity`]), and two saturated requests, or a negative allocatable in a hand-made
/// snapshot, must neither wrap around (release builds) nor panic (debug builds).
pub type Resources = BTreeMap<String, i64>;

fn amount(resource: &str, q: &QuantityStr) -> i64 {
    let v = if resource == "cpu" {
        parse_milli(&q.0)
    } else {
        parse_units(&q.0)
    };
    v.unwrap_or(0).max(0)
}

/// A container's effective requests: requests, defaulted from limits where a request is missing
/// (API-server defaulting), ignoring the `pods` resource.
fn container_requests(c: &ContainerLite) -> Resources {
    let mut out = Resources::new();
    for (name, q) in &c.resources.limits {
        out.insert(name.clone(), amount(name, q));
    }
    for (name, q) in &c.resources.requests {
        out.insert(name.clone(), amount(name, q));
    }
    out.remove("pods");
    out
}

fn add(into: &mut Resources, r: &Resources) {
    for (k, v) in r {
        let e = into.entry(k.clone()).or_default();
        *e = e.saturating_add(*v);
    }
}

fn max_into(into: &mut Resources, r: &Resources) {
    for (k, v) in r {
        let e = into.entry(k.clone()).or_default();
        *e = (*e).max(*v);
    }
}

/// `PodRequests` as the newest modelled release computes it: max(sum of containers and
/// sidecars, peak init-time usage) + overhead, with pod-level requests overriding
/// cpu/memory/hugepages when set. See [`pod_requests_with`] for other releases.
pub fn pod_requests(spec: &PodSpecLite) -> Resources {
    pod_requests_with(spec, &Semantics::default())
}

/// `PodRequests` from the spec alone (the incoming pod, or an existing one when in-place resize
/// is off), as release `sem` computes it: sidecars only with SidecarContainers, pod-level
/// requests only with PodLevelResources (component-helpers `PodRequests`,
/// `SkipPodLevelResources: !PodLevelResources`).
pub fn pod_requests_with(spec: &PodSpecLite, sem: &Semantics) -> Resources {
    let mut total = aggregate(spec, sem.sidecars(), |c, _| container_requests(c));
    finish(spec, sem, &mut total);
    total
}

/// Pod-level requests (when the gate is on and they are set), overhead, zeroes dropped.
fn finish(spec: &PodSpecLite, sem: &Semantics, total: &mut Resources) {
    if sem.pod_level_resources()
        && let Some(pod_level) = &spec.resources
    {
        for (name, q) in &pod_level.requests {
            if name == "cpu" || name == "memory" || name.starts_with("hugepages-") {
                total.insert(name.clone(), amount(name, q));
            }
        }
    }
    for (name, q) in &spec.overhead {
        let e = total.entry(name.clone()).or_default();
        *e = e.saturating_add(amount(name, q));
    }
    total.retain(|_, v| *v != 0);
}

/// The containers' sum, sidecars added, and the peak of the init phase (component-helpers
/// `aggregateContainerResourcesByFn`): `each(container, plain_init)` gives one container's
/// requests.
fn aggregate(
    spec: &PodSpecLite,
    sidecars: bool,
    mut each: impl FnMut(&ContainerLite, bool) -> Resources,
) -> Resources {
    let mut total = Resources::new();
    for c in &spec.containers {
        add(&mut total, &each(c, false));
    }
    let mut restartable = Resources::new();
    let mut init_peak = Resources::new();
    for c in &spec.init_containers {
        let sidecar = sidecars && c.restart_policy.as_deref() == Some("Always");
        let r = each(c, !sidecar);
        if sidecar {
            add(&mut total, &r);
            add(&mut restartable, &r);
            max_into(&mut init_peak, &restartable);
        } else {
            let mut usage = r;
            add(&mut usage, &restartable);
            max_into(&mut init_peak, &usage);
        }
    }
    max_into(&mut total, &init_peak);
    total
}

fn quantities(list: &BTreeMap<String, QuantityStr>) -> Resources {
    list.iter()
        .filter(|(name, _)| name.as_str() != "pods")
        .map(|(name, q)| (name.clone(), amount(name, q)))
        .collect()
}

fn max_of(lists: &[&Resources]) -> Resources {
    let mut out = Resources::new();
    for l in lists {
        max_into(&mut out, l);
    }
    out
}

/// What an existing pod bound to a node counts for, as release `sem`'s scheduler counts it:
/// with in-place resize (InPlacePodVerticalScaling) the larger of what the spec asks, what the
/// kubelet allocated and what the runtime actuated — only the latter two when the resize is
/// Infeasible. 1.33 – 1.36 take that maximum per container, when the container reports
/// `resources` (`determineContainerReqs`); 1.37 takes it over the pod's sums, actuated falling
/// back to allocated, then to spec (`AggregateContainerRequests`, PR #140047). Pod-level
/// requests are read from the spec (resizing them in place is not modelled).
pub fn existing_pod_requests(pod: &Pod, sem: &Semantics) -> Resources {
    use crate::model::semantics::ResizeAccounting;
    let spec = &pod.spec;
    let status = |name: &str| {
        pod.status
            .container_statuses
            .iter()
            .chain(pod.status.init_container_statuses.iter())
            .find(|cs| cs.name == name)
    };
    let infeasible = pod.is_resize_infeasible();
    let resizing = pod
        .status
        .container_statuses
        .iter()
        .chain(pod.status.init_container_statuses.iter())
        .any(|cs| cs.resources.is_some() || !cs.allocated_resources.is_empty());
    let accounting = if resizing {
        sem.resize_accounting()
    } else {
        ResizeAccounting::Spec
    };
    let mut total = match accounting {
        ResizeAccounting::Spec => aggregate(spec, sem.sidecars(), |c, _| container_requests(c)),
        ResizeAccounting::PerContainerMax => aggregate(spec, sem.sidecars(), |c, plain_init| {
            let want = container_requests(c);
            match status(&c.name) {
                Some(cs) if !plain_init && cs.resources.is_some() => {
                    let actual = cs
                        .resources
                        .as_ref()
                        .map(|r| quantities(&r.requests))
                        .unwrap_or_default();
                    let allocated = quantities(&cs.allocated_resources);
                    if infeasible {
                        max_of(&[&actual, &allocated])
                    } else {
                        max_of(&[&want, &actual, &allocated])
                    }
                }
                _ => want,
            }
        }),
        ResizeAccounting::MaxOfSums => {
            let want = aggregate(spec, sem.sidecars(), |c, _| container_requests(c));
            let allocated = aggregate(spec, sem.sidecars(), |c, _| match status(&c.name) {
                Some(cs) if !cs.allocated_resources.is_empty() => {
                    quantities(&cs.allocated_resources)
                }
                _ if infeasible => Resources::new(),
                _ => container_requests(c),
            });
            // `containerActuatedRequests`: the status requests when reported, else allocated,
            // else (unless Infeasible) the spec.
            let actuated = aggregate(spec, sem.sidecars(), |c, _| match status(&c.name) {
                Some(cs)
                    if cs
                        .resources
                        .as_ref()
                        .is_some_and(|r| !r.requests.is_empty()) =>
                {
                    cs.resources
                        .as_ref()
                        .map(|r| quantities(&r.requests))
                        .unwrap_or_default()
                }
                Some(cs) if !cs.allocated_resources.is_empty() => {
                    quantities(&cs.allocated_resources)
                }
                _ if infeasible => Resources::new(),
                _ => container_requests(c),
            });
            if infeasible {
                max_of(&[&actuated, &allocated])
            } else {
                max_of(&[&want, &actuated, &allocated])
            }
        }
    };
    finish(spec, sem, &mut total);
    total
}

/// Whether what `pod` uses on its node depends on the release mirrored: pod-level resources,
/// restartable init containers (their requests and host ports), or container statuses whose
/// actuated or allocated requests differ from the spec (a resize in progress).
pub fn release_sensitive(pod: &Pod) -> bool {
    let spec = &pod.spec;
    if spec.resources.is_some()
        || spec
            .init_containers
            .iter()
            .any(|c| c.restart_policy.as_deref() == Some("Always"))
    {
        return true;
    }
    let differs = |cs: &crate::model::pod::ContainerStatusLite| {
        let want = spec
            .containers
            .iter()
            .chain(spec.init_containers.iter())
            .find(|c| c.name == cs.name)
            .map(container_requests)
            .unwrap_or_default();
        let nonzero =
            |r: Resources| -> Resources { r.into_iter().filter(|(_, v)| *v != 0).collect() };
        let want = nonzero(want);
        let actual = cs
            .resources
            .as_ref()
            .map(|r| nonzero(quantities(&r.requests)));
        let allocated = nonzero(quantities(&cs.allocated_resources));
        actual.is_some_and(|a| a != want) || (!allocated.is_empty() && allocated != want)
    };
    pod.status
        .container_statuses
        .iter()
        .chain(pod.status.init_container_statuses.iter())
        .any(differs)
}

/// Reduce `pod` to what it uses on its node.
pub fn usage_pod(mut pod: Pod) -> UsagePod {
    use std::borrow::Cow;
    let requests = pod_requests(&pod.spec)
        .into_iter()
        .map(|(name, v)| {
            let name: Cow<'static, str> = match name.as_str() {
                "cpu" => Cow::Borrowed("cpu"),
                "memory" => Cow::Borrowed("memory"),
                "ephemeral-storage" => Cow::Borrowed("ephemeral-storage"),
                _ => Cow::Owned(name),
            };
            (name, v)
        })
        .collect();
    let full = release_sensitive(&pod).then(|| Box::new(pod.clone()));
    // Moved, not copied: the pod is dropped after this.
    let labels = std::mem::take(&mut pod.metadata.labels);
    UsagePod {
        key: format!("{}/{}", pod.metadata.namespace, pod.metadata.name),
        uid: std::mem::take(&mut pod.metadata.uid),
        node: pod.spec.node_name.take().unwrap_or_default(),
        terminal: pod.is_terminal(),
        requests,
        host_ports: host_ports(&pod.spec),
        preemption: pod.preemption_facts_with(Labels(std::sync::Arc::new(labels))),
        anti_affinity: pod.required_anti_affinity_terms().to_vec(),
        full,
    }
}

/// Host ports as the newest modelled release's NodePorts reads them ([`host_ports_with`]).
pub fn host_ports(spec: &PodSpecLite) -> Vec<HostPort> {
    host_ports_with(spec, &Semantics::default())
}

/// Host ports from containers and — from 1.34 and 1.33.6 (see
/// [`Semantics::sidecar_host_ports`]) — restartable (sidecar) init containers; plain init
/// containers never hold host ports. For `hostNetwork` pods a port without `hostPort` gets
/// `hostPort = containerPort`, as API-server defaulting does for every created pod (since v1.28
/// pod *templates* are no longer defaulted, so a DaemonSet template usually lacks it).
pub fn host_ports_with(spec: &PodSpecLite, sem: &Semantics) -> Vec<HostPort> {
    let host_network = spec.host_network.unwrap_or(false);
    let with_sidecars = sem.sidecar_host_ports();
    let sidecars = spec
        .init_containers
        .iter()
        .filter(|c| with_sidecars && c.restart_policy.as_deref() == Some("Always"));
    spec.containers
        .iter()
        .chain(sidecars)
        .flat_map(|c| c.ports.iter())
        .filter_map(|p| {
            let port = match p.host_port.filter(|hp| *hp != 0) {
                None if host_network => p.container_port,
                hp => hp?,
            };
            if port <= 0 {
                return None;
            }
            Some(HostPort {
                ip: match p.host_ip.as_deref() {
                    None | Some("") => "0.0.0.0".to_string(),
                    Some(ip) => ip.to_string(),
                },
                protocol: match p.protocol.as_deref() {
                    None | Some("") => "TCP".to_string(),
                    Some(pr) => pr.to_string(),
                },
                port,
            })
        })
        .collect()
}

/// What the pods already on a node use — the scheduler's NodeInfo for one node. Built once per
/// node and shared by every DaemonSet evaluated against it.
#[derive(Clone, Debug, Default)]
pub struct NodeUsage {
    /// Pods counted against the node (bound, not terminal).
    pub pod_count: usize,
    pub requested: Resources,
    /// Each used host port with the pod (`ns/name`) and uid holding it.
    pub ports: Vec<(HostPort, String, String)>,
}

impl NodeUsage {
    /// Account one pod bound to this node, as the newest modelled release does.
    pub fn add_pod(&mut self, pod: &Pod) {
        self.add_pod_with(pod, &Semantics::default())
    }

    /// Account one pod bound to this node, as release `sem` counts it. Terminal
    /// (Succeeded/Failed) pods do not count.
    pub fn add_pod_with(&mut self, pod: &Pod, sem: &Semantics) {
        if pod.is_terminal() {
            return;
        }
        self.pod_count += 1;
        add(&mut self.requested, &existing_pod_requests(pod, sem));
        let who = format!("{}/{}", pod.metadata.namespace, pod.metadata.name);
        for hp in host_ports_with(&pod.spec, sem) {
            self.ports.push((hp, who.clone(), pod.metadata.uid.clone()));
        }
    }

    /// Account a pod that no DaemonSet can own ([`UsagePod`]); the same as [`Self::add_pod`] on
    /// the full pod.
    pub fn add_usage_pod(&mut self, pod: &UsagePod) {
        self.add_usage_pod_with(pod, &Semantics::default())
    }

    /// [`Self::add_usage_pod`] as release `sem` counts it.
    pub fn add_usage_pod_with(&mut self, pod: &UsagePod, sem: &Semantics) {
        if pod.terminal {
            return;
        }
        if let Some(full) = &pod.full {
            return self.add_pod_with(full, sem);
        }
        self.pod_count += 1;
        for (k, v) in pod.requests.iter() {
            match self.requested.get_mut(k.as_ref()) {
                Some(e) => *e = e.saturating_add(*v),
                None => {
                    self.requested.insert(k.to_string(), *v);
                }
            }
        }
        for hp in &pod.host_ports {
            self.ports
                .push((hp.clone(), pod.key.clone(), pod.uid.clone()));
        }
    }

    /// The usage without the given pods (the DaemonSet's own pods on the node): the question is
    /// whether *its* pod fits beside everything else.
    pub fn without(&self, pods: &[&Pod]) -> NodeUsage {
        self.without_with(pods, &Semantics::default())
    }

    /// [`Self::without`], the pods counted as release `sem` counts them.
    pub fn without_with(&self, pods: &[&Pod], sem: &Semantics) -> NodeUsage {
        let mut out = self.clone();
        for p in pods.iter().filter(|p| !p.is_terminal() && p.is_bound()) {
            out.pod_count = out.pod_count.saturating_sub(1);
            for (k, v) in existing_pod_requests(p, sem) {
                if let Some(e) = out.requested.get_mut(&k) {
                    *e = e.saturating_sub(v);
                }
            }
            // Identify the pod by namespace/name *and* uid: hand-written snapshots often carry
            // no uids, and an empty uid must not take every other uid-less pod's ports with it.
            let who = format!("{}/{}", p.metadata.namespace, p.metadata.name);
            out.ports
                .retain(|(_, holder, uid)| !(holder == &who && uid == &p.metadata.uid));
        }
        out
    }
}

/// `requests, free, allocatable` of one resource in one style ([`format_together`]); what is free
/// is never shown below zero.
pub fn amounts_of(name: &str, want: i64, free: i64, total: i64) -> [String; 3] {
    let mut v = format_together(name, &[want, free.max(0), total]).into_iter();
    [(); 3].map(|()| v.next().unwrap_or_default())
}

/// Node allocatable in the same units (capacity is never read).
pub fn allocatable(node: &Node) -> Resources {
    let mut out = Resources::new();
    if let Some(alloc) = node.status.as_ref().and_then(|s| s.allocatable.as_ref()) {
        for (name, q) in alloc {
            let v = if name == "cpu" {
                parse_milli(&q.0)
            } else {
                parse_units(&q.0)
            };
            out.insert(name.clone(), v.unwrap_or(0));
        }
    }
    out
}

/// One allocatable amount of `node` in the units of [`allocatable`] (0 when absent).
pub fn allocatable_of(node: &Node, name: &str) -> i64 {
    node.status
        .as_ref()
        .and_then(|s| s.allocatable.as_ref())
        .and_then(|a| a.get(name))
        .and_then(|q| {
            if name == "cpu" {
                parse_milli(&q.0)
            } else {
                parse_units(&q.0)
            }
        })
        .unwrap_or(0)
}

/// `NodeResourcesFit`: all insufficiencies, "Too many pods" first; `Ok` explains the headroom.
pub fn check_resources(
    request: &Resources,
    alloc: &Resources,
    usage: &NodeUsage,
) -> Result<String, Vec<String>> {
    check_resources_with(request, |n| alloc.get(n).copied().unwrap_or(0), usage)
}

/// [`check_resources`] with allocatable amounts looked up by name (0 when absent).
pub fn check_resources_with(
    request: &Resources,
    alloc: impl Fn(&str) -> i64,
    usage: &NodeUsage,
) -> Result<String, Vec<String>> {
    resource_headroom(request, alloc, usage).map(|h| h.to_string())
}

/// `NodeResourcesFit` as numbers: the headroom when the pod fits (rendered later, see
/// [`ResourceHeadroom`]), else every insufficiency, "Too many pods" first.
pub fn resource_headroom(
    request: &Resources,
    alloc: impl Fn(&str) -> i64,
    usage: &NodeUsage,
) -> Result<ResourceHeadroom, Vec<String>> {
    let mut failures = Vec::new();
    let allowed_pods = alloc("pods");
    if usage.pod_count as i64 + 1 > allowed_pods {
        failures.push(format!(
            "Too many pods: {} pods on the node, {} allowed",
            usage.pod_count, allowed_pods
        ));
    }
    let mut names: Vec<&String> = request.keys().filter(|k| request[*k] > 0).collect();
    // Upstream order: cpu, memory, ephemeral-storage, then scalar resources.
    let rank = |n: &str| match n {
        "cpu" => 0,
        "memory" => 1,
        "ephemeral-storage" => 2,
        _ => 3,
    };
    names.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
    let mut fits = Vec::with_capacity(names.len());
    for name in names {
        let want = request[name];
        let total = alloc(name);
        let used = usage.requested.get(name).copied().unwrap_or(0);
        let free = total.saturating_sub(used);
        if want > free {
            let [want, free, total] = amounts_of(name, want, free, total);
            failures.push(format!(
                "Insufficient {name}: requests {want}, {free} free of {total} allocatable"
            ));
        } else if failures.is_empty() {
            fits.push((resource_name(name), want, free, total));
        }
    }
    if failures.is_empty() {
        Ok(ResourceHeadroom {
            pods_used: usage.pod_count,
            pods_allowed: allowed_pods,
            resources: fits,
        })
    } else {
        Err(failures)
    }
}

/// The common resource names without an allocation.
fn resource_name(name: &str) -> Cow<'static, str> {
    match name {
        "cpu" => Cow::Borrowed("cpu"),
        "memory" => Cow::Borrowed("memory"),
        "ephemeral-storage" => Cow::Borrowed("ephemeral-storage"),
        other => Cow::Owned(other.to_string()),
    }
}

/// `NodePorts`: every wanted host port must be free; the error names the pod holding it.
pub fn check_ports(wanted: &[HostPort], usage: &NodeUsage) -> Result<String, Vec<String>> {
    if wanted.is_empty() {
        return Ok("no host ports requested".into());
    }
    find_port_conflicts(wanted, usage).map(|()| host_ports_free(wanted))
}

/// The passing NodePorts text, the same on every node.
pub fn host_ports_free(wanted: &[HostPort]) -> String {
    let list: Vec<String> = wanted.iter().map(ToString::to_string).collect();
    format!("host ports free: {}", list.join(", "))
}

/// [`check_ports`] without the passing text: one failure per wanted port that is taken.
pub fn find_port_conflicts(wanted: &[HostPort], usage: &NodeUsage) -> Result<(), Vec<String>> {
    let mut failures = Vec::new();
    for w in wanted {
        if let Some((used, who, _)) = usage.ports.iter().find(|(u, _, _)| u.conflicts(w)) {
            failures.push(format!("host port {w} is taken by pod {who} ({used})"));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::ClusterState;
    use crate::placement::explain_daemonset;
    use serde_json::Value;

    /// The daemon pod (1Mi) on node n1, beside a pod with `other_requests`, when n1 has
    /// `allocatable` memory: (fits, NodeResourcesFit message).
    fn memory_fit(allocatable: &str, other_requests: &[&str]) -> (Option<bool>, String) {
        let containers: Vec<String> = other_requests
            .iter()
            .enumerate()
            .map(|(i, m)| {
                format!(r#"{{"name":"c{i}","resources":{{"requests":{{"memory":"{m}"}}}}}}"#)
            })
            .collect();
        let snapshot = format!(
            r#"{{"kind":"List","items":[
            {{"apiVersion":"v1","kind":"Node","metadata":{{"name":"n1"}},
              "status":{{"allocatable":{{"cpu":"4","memory":"{allocatable}","pods":"110"}}}}}},
            {{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{{"name":"d","namespace":"ns","uid":"u1"}},
              "spec":{{"selector":{{"matchLabels":{{"app":"d"}}}},"template":{{"metadata":{{"labels":{{"app":"d"}}}},
              "spec":{{"containers":[{{"name":"c","resources":{{"requests":{{"memory":"1Mi"}}}}}}]}}}}}}}},
            {{"apiVersion":"v1","kind":"Pod","metadata":{{"name":"other","namespace":"ns"}},
              "spec":{{"nodeName":"n1","containers":[{}]}},"status":{{"phase":"Running"}}}}]}}"#,
            containers.join(",")
        );
        // Built from the objects directly: the evaluator's tests stand on model/ alone.
        let list: Value = serde_json::from_str(&snapshot).unwrap();
        let item = |i: usize| list["items"][i].clone();
        let state = ClusterState {
            nodes: vec![serde_json::from_value(item(0)).unwrap()],
            daemonsets: vec![serde_json::from_value(item(1)).unwrap()],
            pods: vec![serde_json::from_value(item(2)).unwrap()],
            ..Default::default()
        };
        let e = explain_daemonset(&state, &state.daemonsets[0], 0);
        let v = &e.nodes[0];
        let check = v
            .checks
            .iter()
            .find(|c| c.name.as_str() == "NodeResourcesFit");
        (
            v.fits,
            check.map(|c| c.message.to_string()).unwrap_or_default(),
        )
    }

    /// Quantities saturate at i64::MAX / i64::MIN; sums and differences of them used to
    /// overflow (a panic in debug builds, a wrapped — so wrong — verdict in release builds).
    #[test]
    fn saturated_amounts_do_not_overflow() {
        // Two requests at i64::MAX on the node: the sum used to overflow.
        let (fits, msg) = memory_fit("8Ei", &["8Ei", "8Ei"]);
        assert_eq!(fits, Some(false), "{msg}");
        assert!(msg.contains("Insufficient memory"), "{msg}");
        // A negative allocatable at i64::MIN minus what is used used to overflow.
        let (fits, msg) = memory_fit("-9Ei", &["1Mi"]);
        assert_eq!(fits, Some(false), "{msg}");
        assert!(msg.contains("Insufficient memory"), "{msg}");
        // Nothing saturated: unchanged.
        assert_eq!(memory_fit("2Mi", &["1Mi"]).0, Some(true));
        assert_eq!(memory_fit("2Mi", &["1Mi", "1"]).0, Some(false));
    }
}
