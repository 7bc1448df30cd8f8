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
//! [`Reader`] is the one walk over input paths — `--snapshot`, `validate -f` and
//! `explain-placement -f` alike: `-` for stdin (read once), files, directories read recursively
//! (only `.json`/`.yaml`/`.yml` inside them, each real directory once), at most [`MAX_FILES`]
//! files and [`Profile::max_bytes`] bytes per input. Only the words of a refusal differ by reader.
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

use crate::error::{Error, Result};

/// Most files read from directories in one run.
pub const MAX_FILES: usize = 100_000;

/// How one kind of input is read: how much of it, what happens past that, and how a refusal is
/// worded.
#[derive(Clone, Copy, Debug)]
pub struct Profile {
    /// Largest input read (file, pipe or stdin): a bound on memory for an endless stream.
    pub max_bytes: u64,
    /// What happens to a larger input.
    pub oversize: Oversize,
    /// How refusals are worded.
    pub words: Words,
}

/// What happens to an input over [`Profile::max_bytes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Oversize {
    /// Refused: a regular file on its size, before any of it is read.
    Refuse,
    /// Handed over cut to `max_bytes + 1` bytes: the caller sees it is over the limit and
    /// reports it its own way (validate's `input-too-large` finding).
    Cut,
}

/// How refusals are worded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Words {
    /// Named by the kind of input: `snapshot PATH: …`, `reading snapshot from stdin: …`.
    Kind(&'static str),
    /// As `kubectl apply -f` says it: `the path "PATH" does not exist`, `PATH: …`.
    Kubectl,
}

/// `--snapshot`: a 150,000-pod cluster written by `kubectl get -o json` with managed fields is
/// about 2 GB.
pub const SNAPSHOT: Profile = Profile {
    max_bytes: 4 << 30,
    oversize: Oversize::Refuse,
    words: Words::Kind("snapshot"),
};

/// `explain-placement -f`: a manifest to preview; 64 MiB is far above any real one.
pub const MANIFEST: Profile = Profile {
    max_bytes: 64 << 20,
    oversize: Oversize::Refuse,
    words: Words::Kind("manifest"),
};

/// `validate -f`: manifests under the same cap, an oversized one reported as a finding.
pub const VALIDATE: Profile = Profile {
    max_bytes: MANIFEST.max_bytes,
    oversize: Oversize::Cut,
    words: Words::Kubectl,
};

/// Why an input was not read; [`Profile::words`] turns it into the message.
#[derive(Debug)]
enum Refused {
    /// A path named on the command line is not there, not even as a dangling link; `why` as
    /// [`open`] says it.
    Missing { path: PathBuf, why: String },
    /// A path that is not read, or whose reading failed: `why` is a sentence without the path.
    Unreadable { path: PathBuf, why: String },
    /// `path` is one file more than [`MAX_FILES`].
    TooManyFiles { path: PathBuf },
    /// An input over the limit: its size, or what was read of a stream (one byte over).
    TooLarge { name: String, len: u64 },
    /// Reading stdin failed.
    Stdin(std::io::Error),
}

/// The name stdin goes by in messages and reports.
pub const STDIN: &str = "<stdin>";

impl Profile {
    fn refuse(&self, r: Refused) -> Error {
        let prefix = match self.words {
            Words::Kind(kind) => format!("{kind} "),
            Words::Kubectl => String::new(),
        };
        let msg = match (r, self.words) {
            (Refused::Missing { path, .. }, Words::Kubectl) => {
                format!("the path {:?} does not exist", path.display().to_string())
            }
            (Refused::Missing { path, why } | Refused::Unreadable { path, why }, _) => {
                format!("{prefix}{}: {why}", path.display())
            }
            (Refused::TooManyFiles { path }, Words::Kind(_)) => {
                format!("{prefix}{}: more than {MAX_FILES} files", path.display())
            }
            (Refused::TooManyFiles { .. }, Words::Kubectl) => {
                format!("more than {MAX_FILES} files under the given paths")
            }
            (Refused::TooLarge { name, len }, _) => format!(
                "{prefix}{name}: {len} bytes or more; the limit is {} bytes ({})",
                self.max_bytes,
                in_units(self.max_bytes)
            ),
            (Refused::Stdin(e), Words::Kind(kind)) => format!("reading {kind} from stdin: {e}"),
            (Refused::Stdin(e), Words::Kubectl) => format!("reading stdin: {e}"),
        };
        Error::input(msg)
    }
}

/// `4 GiB`, `64 MiB`, or bytes.
fn in_units(n: u64) -> String {
    match n {
        n if n >= 1 << 30 && n % (1 << 30) == 0 => format!("{} GiB", n >> 30),
        n if n >= 1 << 20 && n % (1 << 20) == 0 => format!("{} MiB", n >> 20),
        n => format!("{n} bytes"),
    }
}

/// Reads input paths under one [`Profile`]. Stdin is read once, the first time `-` comes up, and
/// kept: a second walk (the snapshot loader may read its inputs twice) sees the same bytes, and a
/// second `-` on one command line is not read again.
pub struct Reader {
    profile: Profile,
    stdin: Option<Vec<u8>>,
}

/// What one walk has seen so far.
#[derive(Default)]
struct Walked {
    dirs: HashSet<PathBuf>,
    files: usize,
    stdin: bool,
}

impl Reader {
    pub fn new(profile: Profile) -> Reader {
        Reader {
            profile,
            stdin: None,
        }
    }

    /// Hand every input under `paths` to `visit` with its name (the path, or [`STDIN`]), in
    /// order: paths as given, directory entries sorted. Stops at the first error, `visit`'s or a
    /// refusal.
    pub fn walk(
        &mut self,
        paths: &[PathBuf],
        visit: &mut dyn FnMut(&str, &[u8]) -> Result<()>,
    ) -> Result<()> {
        let mut walked = Walked::default();
        for p in paths {
            if p.as_os_str() != "-" {
                self.path(p, true, &mut walked, visit)?;
            } else if !std::mem::replace(&mut walked.stdin, true) {
                if self.stdin.is_none() {
                    self.stdin = Some(self.read_stdin()?);
                }
                visit(STDIN, self.stdin.as_deref().unwrap_or_default())?;
            }
        }
        Ok(())
    }

    fn read_stdin(&self) -> Result<Vec<u8>> {
        let p = &self.profile;
        let mut buf = Vec::new();
        std::io::stdin()
            .take(p.max_bytes.saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(|e| p.refuse(Refused::Stdin(e)))?;
        self.check_size(STDIN, buf.len() as u64)?;
        Ok(buf)
    }

    /// With [`Oversize::Refuse`], refuse `len` bytes when over the limit.
    fn check_size(&self, name: &str, len: u64) -> Result<()> {
        let p = &self.profile;
        if p.oversize == Oversize::Refuse && len > p.max_bytes {
            return Err(p.refuse(Refused::TooLarge {
                name: name.to_string(),
                len,
            }));
        }
        Ok(())
    }

    /// One path: `explicit` when named on the command line, else found in a directory (and then
    /// skipped unless it is a directory or a `.json`/`.yaml`/`.yml` file: a cluster-info dump's
    /// `logs.txt` or a socket is not ours).
    fn path(
        &self,
        path: &Path,
        explicit: bool,
        walked: &mut Walked,
        visit: &mut dyn FnMut(&str, &[u8]) -> Result<()>,
    ) -> Result<()> {
        let p = &self.profile;
        if !explicit {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if !matches!(ext, "json" | "yaml" | "yml") && !path.is_dir() {
                return Ok(());
            }
        }
        let unreadable = |why: String| {
            p.refuse(Refused::Unreadable {
                path: path.to_path_buf(),
                why,
            })
        };
        let opened = match open(path, explicit) {
            Ok(opened) => opened,
            Err(why) if explicit && std::fs::symlink_metadata(path).is_err() => {
                let path = path.to_path_buf();
                return Err(p.refuse(Refused::Missing { path, why }));
            }
            Err(why) => return Err(unreadable(why)),
        };
        let (file, len) = match opened {
            Opened::Dir => {
                let entries = dir_entries_once(path, &mut walked.dirs).map_err(unreadable)?;
                for entry in entries.unwrap_or_default() {
                    self.path(&entry, false, walked, visit)?;
                }
                return Ok(());
            }
            Opened::File(file, len) => (file, Some(len)),
            Opened::Pipe(file) => (file, None),
        };
        walked.files += 1;
        if walked.files > MAX_FILES {
            let path = path.to_path_buf();
            return Err(p.refuse(Refused::TooManyFiles { path }));
        }
        let name = path.display().to_string();
        if let Some(len) = len {
            self.check_size(&name, len)?;
        }
        let bytes = read_capped(file, len, p.max_bytes).map_err(unreadable)?;
        self.check_size(&name, bytes.len() as u64)?;
        visit(&name, &bytes)
    }
}

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
fn read_capped(file: File, size_hint: Option<u64>, limit: u64) -> Result<Vec<u8>, String> {
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
fn dir_entries_once(
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
    #[cfg(unix)] // /dev/zero
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

    #[test]
    fn a_walk_reads_yaml_and_json_under_directories_in_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), "a").unwrap();
        std::fs::write(dir.path().join("logs.txt"), "not ours").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/b.json"), "b").unwrap();
        let mut seen = Vec::new();
        let paths = [dir.path().to_path_buf(), dir.path().to_path_buf()];
        Reader::new(SNAPSHOT)
            .walk(&paths, &mut |name, bytes| {
                seen.push((name.rsplit('/').next().unwrap().to_string(), bytes.to_vec()));
                Ok(())
            })
            .unwrap();
        // The directory named twice is read once.
        assert_eq!(
            seen,
            [
                ("a.yaml".into(), b"a".to_vec()),
                ("b.json".into(), b"b".to_vec())
            ]
        );
    }

    #[test]
    fn refusals_are_worded_per_profile() {
        let gone = PathBuf::from("/surely/not/here.yaml");
        let said = |profile| {
            let mut reader = Reader::new(profile);
            let err = reader.walk(std::slice::from_ref(&gone), &mut |_, _| Ok(()));
            err.unwrap_err().to_string()
        };
        assert_eq!(
            said(VALIDATE),
            "the path \"/surely/not/here.yaml\" does not exist"
        );
        assert!(
            said(MANIFEST).starts_with("manifest /surely/not/here.yaml: does not exist"),
            "{}",
            said(MANIFEST)
        );
        assert_eq!(in_units(SNAPSHOT.max_bytes), "4 GiB");
        assert_eq!(in_units(MANIFEST.max_bytes), "64 MiB");
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
