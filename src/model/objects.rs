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
