//! Opening input paths — snapshots and manifests — so that no path can hang, crash or exhaust
//! memory: what a path *is* decides whether and how it is read.
//!
//! - A directory is walked by the caller ([`Opened::Dir`]).
//! - A regular file is opened; its size is known before reading ([`Opened::File`]).
//! - A pipe named on the command line (`--snapshot <(kubectl get …)`, `/dev/stdin`) is opened and
//!   read to its end by the caller, up to its limit. Found *inside a directory*, a pipe is
//!   refused: opening it would wait for a writer forever.
//! - Devices and sockets are refused (`/dev/zero` never ends, `/dev/tty` waits for a person).
//! - A symbolic link that leads nowhere — or a file removed between listing its directory and
//!   opening it — is reported as such, with the path.
//!
//! Files are read with `read(2)`, never memory-mapped: a file truncated while it is mapped kills
//! the process with SIGBUS, while `read` just sees a shorter file, which the parser then reports
//! as truncated (docs/decisions.md has the measurements behind this).
//!
//! ```
//! use kubectl_ds::input::{Opened, open};
//! let dir = std::env::temp_dir();
//! assert!(matches!(open(&dir, true), Ok(Opened::Dir)));
//! assert!(open(&dir.join("surely-not-here.yaml"), true).unwrap_err().contains("does not exist"));
//! ```

use std::collections::HashSet;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// What an input path turned out to be.
#[derive(Debug)]
pub enum Opened {
    /// A directory: list it and look at each entry.
    Dir,
    /// A regular file of `len` bytes, open for reading.
    File(File, u64),
    /// A pipe named on the command line, open for reading; its length is unknown.
    Pipe(File),
}

/// Look at `path` (following symbolic links) and open it if it may be read. `explicit`: the path
/// was named on the command line rather than found in a directory. The error is a sentence
/// without the path (callers prefix it).
pub fn open(path: &Path, explicit: bool) -> Result<Opened, String> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return Err(missing(path, e)),
    };
    let ft = meta.file_type();
    if ft.is_dir() {
        return Ok(Opened::Dir);
    }
    if !ft.is_file() {
        let what = kind_of(&ft);
        let is_pipe = what == "a named pipe (FIFO)";
        if !(is_pipe && explicit) {
            let why = if is_pipe {
                "found in a directory, it is not read (opening it would wait for a writer); name it on the command line to read it"
            } else {
                "only files, directories and pipes are read"
            };
            return Err(format!("is {what}, not a regular file: {why}"));
        }
    }
    let file = File::open(path).map_err(|e| missing(path, e))?;
    // Opening can race with a replacement of the path: trust the opened file's own type.
    let meta = file.metadata().map_err(|e| e.to_string())?;
    if meta.is_dir() {
        return Ok(Opened::Dir);
    }
    if meta.is_file() {
        Ok(Opened::File(file, meta.len()))
    } else {
        Ok(Opened::Pipe(file))
    }
}

/// Read an opened file or pipe to its end, but never more than `limit + 1` bytes (so a caller can
/// tell "exactly at the limit" from "over it" without reading an endless stream).
pub fn read_capped(file: File, size_hint: Option<u64>, limit: u64) -> Result<Vec<u8>, String> {
    let cap = limit.saturating_add(1);
    let mut bytes = Vec::with_capacity(size_hint.unwrap_or(0).min(cap) as usize);
    file.take(cap)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot be read: {e}"))?;
    Ok(bytes)
}

fn missing(path: &Path, e: std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound {
        if let Ok(target) = std::fs::read_link(path) {
            return format!(
                "is a symbolic link to {}, which does not exist",
                target.display()
            );
        }
        return "does not exist (or was removed while it was being read)".to_string();
    }
    e.to_string()
}

#[cfg(unix)]
fn kind_of(ft: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if ft.is_fifo() {
        "a named pipe (FIFO)"
    } else if ft.is_socket() {
        "a socket"
    } else if ft.is_char_device() {
        "a character device"
    } else if ft.is_block_device() {
        "a block device"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn kind_of(_: &std::fs::FileType) -> &'static str {
    "not a regular file"
}

/// The entries of the directory `path`, sorted (so every run reads in the same order), or `None`
/// when this real directory was visited before: a symlink loop, or one directory named twice.
/// The error is a sentence without the path, as for [`open`].
pub fn dir_entries_once(
    path: &Path,
    seen: &mut HashSet<PathBuf>,
) -> Result<Option<Vec<PathBuf>>, String> {
    let real = std::fs::canonicalize(path).map_err(|e| e.to_string())?;
    if !seen.insert(real) {
        return Ok(None);
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    Ok(Some(entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_are_refused_and_files_open() {
        let err = open(Path::new("/dev/zero"), true).unwrap_err();
        assert!(err.contains("character device"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.yaml");
        std::fs::write(&f, "kind: Node\n").unwrap();
        match open(&f, false).unwrap() {
            Opened::File(file, len) => {
                assert_eq!(len, 11);
                assert_eq!(read_capped(file, Some(len), 4).unwrap().len(), 5);
            }
            other => panic!("{other:?}"),
        }
    }

    #[cfg(unix)]
    #[test]
    fn dangling_links_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("gone.yaml");
        std::os::unix::fs::symlink(dir.path().join("nowhere.yaml"), &link).unwrap();
        let err = open(&link, false).unwrap_err();
        assert!(
            err.contains("symbolic link") && err.contains("nowhere.yaml"),
            "{err}"
        );
    }
}
