//! [`Message`]: a check's explanation, kept as the values that decided it and turned into text
//! only when shown.
//!
//! Why: `explain-placement` evaluates every node, but a table shows one reason per node and most
//! checks pass with a message nobody reads unless `-o json` or `why-not NODE DS` asks for it.
//! Formatting the seven messages eagerly (quantities, host port lists, joins) was most of the
//! evaluator's per-node time on 5,000 nodes (docs/performance.md). Node-independent texts are
//! built once per DaemonSet and shared; the NodeResourcesFit headroom is kept as numbers.
//! Rendering stays with the renderers, as the architecture wants: the text is identical.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use serde::{Serialize, Serializer};

/// A check message; `Display` gives the text, JSON/YAML serialize it as a string.
#[derive(Clone, Debug)]
pub enum Message {
    /// A fixed text.
    Static(&'static str),
    /// Text shared by every node of one DaemonSet (built once in the profile).
    Shared(Arc<str>),
    /// Text specific to this node (failures, pod states).
    Text(String),
    /// `all N NoSchedule/NoExecute taints tolerated`.
    TaintsTolerated(usize),
    /// NodeResourcesFit passed: the headroom per requested resource.
    Fits(ResourceHeadroom),
}

/// The numbers behind a passing NodeResourcesFit message.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceHeadroom {
    pub pods_used: usize,
    pub pods_allowed: i64,
    /// (resource, requested, free, allocatable) in upstream order.
    pub resources: Vec<(Cow<'static, str>, i64, i64, i64)>,
}

impl fmt::Display for ResourceHeadroom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "pods: {} of {} used", self.pods_used, self.pods_allowed)?;
        for (name, want, free, total) in &self.resources {
            let [want, free, total] = super::fit::amounts_of(name, *want, *free, *total);
            write!(
                f,
                "; {name}: requests {want}, {free} free of {total} allocatable"
            )?;
        }
        Ok(())
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Message::Static(s) => f.write_str(s),
            Message::Shared(s) => f.write_str(s),
            Message::Text(s) => f.write_str(s),
            Message::TaintsTolerated(n) => {
                write!(f, "all {n} NoSchedule/NoExecute taints tolerated")
            }
            Message::Fits(h) => h.fmt(f),
        }
    }
}

impl Message {
    /// The text, borrowed when it is already text.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Message::Static(s) => Cow::Borrowed(s),
            Message::Shared(s) => Cow::Borrowed(s),
            Message::Text(s) => Cow::Borrowed(s),
            other => Cow::Owned(other.to_string()),
        }
    }
}

/// Messages compare by their text, whichever form holds it.
impl PartialEq for Message {
    fn eq(&self, other: &Self) -> bool {
        self.text() == other.text()
    }
}

impl PartialEq<&str> for Message {
    fn eq(&self, other: &&str) -> bool {
        self.text() == *other
    }
}

impl From<String> for Message {
    fn from(s: String) -> Self {
        Message::Text(s)
    }
}

impl From<&'static str> for Message {
    fn from(s: &'static str) -> Self {
        Message::Static(s)
    }
}

impl Serialize for Message {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_renders_and_serializes_as_its_text() {
        let fits = Message::Fits(ResourceHeadroom {
            pods_used: 3,
            pods_allowed: 110,
            resources: vec![
                ("cpu".into(), 100, 3500, 4000),
                ("memory".into(), 200 << 20, -5, 8 << 30),
            ],
        });
        assert_eq!(
            fits.to_string(),
            "pods: 3 of 110 used; cpu: requests 100m, 3500m free of 4000m allocatable; memory: requests 200Mi, 0 free of 8192Mi allocatable"
        );
        assert_eq!(
            serde_json::to_string(&Message::TaintsTolerated(2)).unwrap(),
            "\"all 2 NoSchedule/NoExecute taints tolerated\""
        );
        assert_eq!(Message::Shared("x y".into()), Message::Text("x y".into()));
        assert_eq!(Message::Static("a"), "a");
        assert_ne!(Message::Static("a"), "b");
    }
}
