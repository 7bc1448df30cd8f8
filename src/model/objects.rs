//! Slim projections of Event and Namespace: the few fields the commands read.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A namespace's name, labels and annotations (for default node selectors).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct Namespace {
    pub metadata: NamespaceMeta,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct NamespaceMeta {
    pub name: String,
    pub labels: BTreeMap<String, String>,
    pub annotations: BTreeMap<String, String>,
}

/// A `core/v1` or `events.k8s.io/v1` Event, normalised to the fields kubectl-ds reads.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct Event {
    pub metadata: EventMeta,
    #[serde(alias = "regarding")]
    pub involved_object: InvolvedObject,
    pub reason: Option<String>,
    #[serde(alias = "note")]
    pub message: Option<String>,
    #[serde(rename = "type")]
    pub type_: Option<String>,
    pub count: Option<i64>,
    pub last_timestamp: Option<String>,
    pub event_time: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct EventMeta {
    pub name: String,
    pub namespace: String,
    pub creation_timestamp: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct InvolvedObject {
    pub kind: String,
    pub namespace: String,
    pub name: String,
    pub uid: String,
}

impl Event {
    /// Best timestamp for ordering: lastTimestamp, eventTime, creationTimestamp.
    pub fn when(&self) -> &str {
        self.last_timestamp
            .as_deref()
            .or(self.event_time.as_deref())
            .or(self.metadata.creation_timestamp.as_deref())
            .unwrap_or("")
    }
}

/// A DeviceClass (`resource.k8s.io/v1`): its name and the extended resource it backs.
/// A class serves `spec.extendedResourceName` when set, and always the implicit
/// `deviceclass.resource.kubernetes.io/<class name>` (DRAExtendedResource).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct DeviceClass {
    pub metadata: NamespaceMeta,
    pub spec: DeviceClassSpec,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct DeviceClassSpec {
    pub extended_resource_name: Option<String>,
}

impl DeviceClass {
    /// Whether this class backs the extended resource `name`.
    pub fn serves(&self, name: &str) -> bool {
        self.spec.extended_resource_name.as_deref() == Some(name)
            || name
                .strip_prefix("deviceclass.resource.kubernetes.io/")
                .is_some_and(|class| class == self.metadata.name)
    }
}
