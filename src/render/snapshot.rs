//! `kubectl ds snapshot` output: the List as YAML or JSON, on stdout or into a private file that
//! appears only once complete.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{OutputFormat, Report, Styles, write_json, write_yaml};
use crate::cluster::export::Snapshot;
use crate::error::{Error, Result};

/// A snapshot's human form is its YAML: it is meant to be read back, by people and by
/// `--snapshot`.
impl Report for Snapshot {
    fn human(&self, out: &mut dyn Write, _: OutputFormat, _: &Styles) -> Result<()> {
        write_yaml(out, self)
    }
}

fn write(out: &mut dyn Write, snapshot: &Snapshot, format: OutputFormat) -> Result<()> {
    match format {
        OutputFormat::Json => write_json(out, snapshot),
        _ => write_yaml(out, snapshot),
    }
}

/// Write next to the target and rename, so a failed run never leaves half a snapshot behind, and
/// keep it private to the user: even redacted, a snapshot maps the cluster.
pub fn write_file(path: &Path, snapshot: &Snapshot, format: OutputFormat) -> Result<()> {
    let fail = |e: std::io::Error| Error::input(format!("writing {}: {e}", path.display()));
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| Error::usage(format!("--file {}: not a file name", path.display())))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let result = (|| {
        let file = options.open(&tmp).map_err(fail)?;
        let mut out = std::io::BufWriter::new(file);
        write(&mut out, snapshot, format).map_err(|e| match e {
            Error::BrokenPipe => Error::input(format!("writing {}: broken pipe", path.display())),
            other => other,
        })?;
        let file = out.into_inner().map_err(|e| fail(e.into_error()))?;
        file.sync_all().map_err(fail)?;
        std::fs::rename(&tmp, path).map_err(fail)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
