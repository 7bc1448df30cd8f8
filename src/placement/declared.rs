//! `NodeDeclaredFeatures`: a scheduler filter (gate NodeDeclaredFeatures: alpha 1.35, beta and
//! on 1.36, GA 1.37) that sends a pod only to nodes whose `status.declaredFeatures` list every
//! feature the pod needs. The DaemonSet controller does not check it, so a daemon pod for a node
//! without the feature is created and stays Pending (the filter is UnschedulableAndUnresolvable:
//! preemption cannot help).
//!
//! Upstream: `pkg/scheduler/framework/plugins/nodedeclaredfeatures` (PreFilter infers the pod's
//! requirements with `ndf.InferForPodScheduling`, Filter checks `reqs.IsSubset(node's declared
//! features)`, reason "node(s) didn't match Pod's required features") and the feature registry
//! of `staging/src/k8s.io/component-helpers/nodedeclaredfeatures/features`. Of the registry's
//! features, those whose `InferForScheduling` can be true for a pod are modelled here:
//! `UserNamespacesHostNetworkSupport` (hostNetwork with `hostUsers: false`) and
//! `RestartAllContainersOnContainerExits` (a container restart rule with action
//! `RestartAllContainers`). The in-place resize features infer nothing for scheduling. Features
//! registered after the copies read are not inferred (docs/semantics.md says so).

use k8s_openapi::api::core::v1::Node;

use crate::model::pod::PodSpecLite;

/// `UserNamespacesHostNetworkSupport`: `hostNetwork: true` with `hostUsers: false`.
pub const USER_NAMESPACES_HOST_NETWORK: &str = "UserNamespacesHostNetworkSupport";
/// `RestartAllContainersOnContainerExits`: a restart rule with action `RestartAllContainers`.
pub const RESTART_ALL_CONTAINERS: &str = "RestartAllContainersOnContainerExits";

/// The declared features the scheduler infers the pod needs, sorted by name.
pub fn required_features(spec: &PodSpecLite) -> Vec<&'static str> {
    let mut out = Vec::new();
    if spec.restart_policy_rules_restart_all() {
        out.push(RESTART_ALL_CONTAINERS);
    }
    if spec.host_network == Some(true) && spec.host_users == Some(false) {
        out.push(USER_NAMESPACES_HOST_NETWORK);
    }
    out.sort_unstable();
    out
}

impl PodSpecLite {
    /// A container or init container has a restart rule with action `RestartAllContainers`.
    fn restart_policy_rules_restart_all(&self) -> bool {
        self.containers
            .iter()
            .chain(self.init_containers.iter())
            .flat_map(|c| c.restart_policy_rules.iter())
            .any(|r| r.action == "RestartAllContainers")
    }
}

/// The node's `status.declaredFeatures`.
pub fn declared(node: &Node) -> &[String] {
    node.status
        .as_ref()
        .and_then(|s| s.declared_features.as_deref())
        .unwrap_or(&[])
}

/// The filter: `Ok` when the node declares every required feature, else the missing ones.
pub fn check(required: &[&'static str], node: &Node) -> Result<String, String> {
    if required.is_empty() {
        return Ok("the pod needs no declared node feature".into());
    }
    let have = declared(node);
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|f| !have.iter().any(|h| h == f))
        .collect();
    if missing.is_empty() {
        Ok(format!("node declares {}", required.join(", ")))
    } else {
        Err(format!(
            "node(s) didn't match Pod's required features: the pod needs {}, which the node does not declare (status.declaredFeatures); the controller still creates the pod, which stays Pending",
            missing.join(", ")
        ))
    }
}
