//! One page of a LIST decoded while its body arrives: the chunks go to a blocking thread that
//! decodes the items one by one, so the answer is never held as text beside the objects made
//! from it. A cache read of 150,000 pods is one 90 MB response; held whole, it was an eighth of
//! the command's peak memory.

use std::io::Read;
use std::marker::PhantomData;

use bytes::{Buf, Bytes};
use http_body_util::BodyExt;
use kube::client::Body;
use serde::Deserialize;
use serde::de::{DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use tokio::sync::mpsc;

/// Body chunks queued for the decoder; the network waits beyond that (bounded memory).
const CHUNKS_IN_FLIGHT: usize = 16;

/// The decoded page: its items and what says whether more follow.
pub(super) struct Page<T> {
    pub items: Vec<T>,
    /// `metadata.continue`: the next page's token; empty or absent on the last page.
    pub continue_: Option<String>,
}

/// Why a page could not be read.
pub(super) enum Failure {
    /// The connection failed while the body was being read.
    Transport(kube::Error),
    /// The body is not a LIST of `T`.
    Decode(serde_json::Error),
}

impl From<kube::Error> for Failure {
    fn from(e: kube::Error) -> Self {
        Failure::Transport(e)
    }
}

/// Read `body` to its end, decoding a Kubernetes list (`{"metadata":…,"items":[…]}`) of `T`.
pub(super) async fn decode<T>(mut body: Body) -> Result<Page<T>, Failure>
where
    T: DeserializeOwned + Send + 'static,
{
    let (tx, rx) = mpsc::channel::<Bytes>(CHUNKS_IN_FLIGHT);
    let decoder = tokio::task::spawn_blocking(move || {
        let reader = std::io::BufReader::with_capacity(
            64 * 1024,
            Chunks {
                rx,
                chunk: Bytes::new(),
            },
        );
        let mut de = serde_json::Deserializer::from_reader(reader);
        let page = serde::Deserializer::deserialize_map(&mut de, PageVisitor(PhantomData))?;
        de.end()?;
        Ok::<_, serde_json::Error>(page)
    });
    let mut failed = None;
    while let Some(frame) = body.frame().await {
        match frame {
            Ok(frame) => {
                if let Ok(data) = frame.into_data()
                    && tx.send(data).await.is_err()
                {
                    // The decoder stopped early: it has the reason.
                    break;
                }
            }
            Err(e) => {
                failed = Some(e);
                break;
            }
        }
    }
    drop(tx);
    let decoded = decoder.await;
    if let Some(e) = failed {
        return Err(Failure::Transport(e));
    }
    match decoded {
        Ok(page) => page.map_err(Failure::Decode),
        // The decoder panicked (it does not, short of memory): say so as a decode failure.
        Err(e) => Err(Failure::Decode(serde::de::Error::custom(format!(
            "the decoder stopped: {e}"
        )))),
    }
}

/// The body's chunks as a [`Read`] for the decoder thread; the end of the channel is the end of
/// the body.
struct Chunks {
    rx: mpsc::Receiver<Bytes>,
    chunk: Bytes,
}

impl Read for Chunks {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.chunk.is_empty() {
            match self.rx.blocking_recv() {
                Some(next) => self.chunk = next,
                None => return Ok(0),
            }
        }
        let n = buf.len().min(self.chunk.len());
        buf[..n].copy_from_slice(&self.chunk[..n]);
        self.chunk.advance(n);
        Ok(n)
    }
}

#[derive(Deserialize, Default)]
struct ListMeta {
    #[serde(rename = "continue", default)]
    continue_: Option<String>,
}

struct PageVisitor<T>(PhantomData<T>);

impl<'de, T: DeserializeOwned> Visitor<'de> for PageVisitor<T> {
    type Value = Page<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a Kubernetes list (an object with items)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Page<T>, A::Error> {
        let mut items = Vec::new();
        let mut meta = ListMeta::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "metadata" => meta = map.next_value::<Option<ListMeta>>()?.unwrap_or_default(),
                "items" => items = map.next_value::<Option<Vec<T>>>()?.unwrap_or_default(),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Page {
            items,
            continue_: meta.continue_,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(json: &'static str) -> Result<Page<serde_json::Value>, serde_json::Error> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let body = Body::from(json.as_bytes().to_vec());
        match rt.block_on(decode::<serde_json::Value>(body)) {
            Ok(p) => Ok(p),
            Err(Failure::Decode(e)) => Err(e),
            Err(Failure::Transport(e)) => panic!("transport: {e}"),
        }
    }

    #[test]
    fn items_and_continue_in_either_order() {
        let p = page(r#"{"kind":"PodList","metadata":{"continue":"abc","remainingItemCount":3},"items":[{"a":1},{"b":2}]}"#).unwrap();
        assert_eq!(p.items.len(), 2);
        assert_eq!(p.continue_.as_deref(), Some("abc"));
        let p = page(r#"{"items":[{"a":1}],"metadata":{"continue":"x"}}"#).unwrap();
        assert_eq!((p.items.len(), p.continue_.as_deref()), (1, Some("x")));
    }

    #[test]
    fn null_or_missing_items_are_an_empty_page() {
        assert!(
            page(r#"{"metadata":{},"items":null}"#)
                .unwrap()
                .items
                .is_empty()
        );
        assert!(page(r#"{"metadata":null}"#).unwrap().items.is_empty());
    }

    #[test]
    fn a_truncated_or_foreign_body_is_a_decode_error() {
        for bad in [
            r#"{"items":[{"a":1},"#,
            "[1,2]",
            "",
            r#"{"items":[]} trailing"#,
        ] {
            assert!(page(bad).is_err(), "{bad}");
        }
    }
}
