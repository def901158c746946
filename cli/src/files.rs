//! Reading input within the size limit and writing output so that it cannot be lost: a
//! file is written whole into a temporary file next to it, synced, renamed over the
//! target and the folder synced, so a full disk, a quota or a kill leaves the old file as
//! it was. A secret is created 0600 from its first byte and never replaces a file.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// How a new file may treat one already at its path.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Replace it (atomically; it keeps its permissions).
    Replace,
    /// Refuse: the write fails with `AlreadyExists` and the old file stays.
    Keep,
}

/// Reads at most `limit` bytes of `reader` as UTF-8; `Ok(None)` when there are more.
pub fn read_limited(reader: impl Read, limit: usize) -> io::Result<Option<String>> {
    let mut bytes = Vec::new();
    reader.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() > limit {
        return Ok(None);
    }
    String::from_utf8(bytes).map(Some).map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not UTF-8 text"))
}

/// Opens `path` for reading only if it is a regular file (after following links), so a
/// FIFO, a device such as `/dev/zero` or a folder is refused instead of read.
pub fn open_regular(path: &Path) -> io::Result<File> {
    if !std::fs::metadata(path)?.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"));
    }
    let file = File::open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"));
    }
    Ok(file)
}

/// Writes `bytes` to `path` atomically and durably. With `secret`, the file is created
/// with mode 0600 (owner only) before its first byte is written.
pub fn write_atomic(path: &Path, bytes: &[u8], existing: Existing, secret: bool) -> io::Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let old = std::fs::metadata(path).ok();
    if existing == Existing::Keep && old.is_some() {
        return Err(io::Error::new(io::ErrorKind::AlreadyExists, "the file exists (use --force to replace it)"));
    }
    let (temp, mut file) = create_temp(&folder, name, secret, old.as_ref())?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    drop(file);
    let placed = written.and_then(|()| match existing {
        Existing::Replace => std::fs::rename(&temp, path),
        // A hard link never replaces a file: the check above and this are race-free together.
        Existing::Keep => std::fs::hard_link(&temp, path).and_then(|()| std::fs::remove_file(&temp)),
    });
    if let Err(e) = placed {
        let _ = std::fs::remove_file(&temp);
        return Err(e);
    }
    sync_folder(&folder)
}

/// A new temporary file in `folder`, named after the target, with the target's old mode
/// (or 0600 for a secret).
fn create_temp(
    folder: &Path,
    name: &std::ffi::OsStr,
    secret: bool,
    old: Option<&std::fs::Metadata>,
) -> io::Result<(PathBuf, File)> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let mode = if secret { 0o600 } else { old.map_or(0o666, |m| m.permissions().mode() & 0o7777) };
        options.mode(mode);
    }
    #[cfg(not(unix))]
    let _ = (secret, old);
    for attempt in 0..100u32 {
        let mut temp_name = std::ffi::OsString::from(".");
        temp_name.push(name);
        temp_name.push(format!(".{}-{attempt}.tmp", std::process::id()));
        let temp = folder.join(temp_name);
        match options.open(&temp) {
            Ok(file) => {
                #[cfg(unix)]
                if let Some(m) = old.filter(|_| !secret) {
                    // The umask may have narrowed the mode given at creation.
                    use std::os::unix::fs::PermissionsExt;
                    let _ = file.set_permissions(std::fs::Permissions::from_mode(m.permissions().mode() & 0o7777));
                }
                return Ok((temp, file));
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(io::ErrorKind::AlreadyExists, "no free temporary file name next to the target"))
}

/// Makes the rename durable (a no-op where folders cannot be opened, as on Windows).
fn sync_folder(folder: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(folder)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = folder;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("wegwijs-files-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn replace_keeps_no_temporary_file_and_keep_refuses() {
        let dir = scratch("replace");
        let target = dir.join("r.json");
        write_atomic(&target, b"one", Existing::Replace, false).unwrap();
        write_atomic(&target, b"two", Existing::Replace, false).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"two");
        let e = write_atomic(&target, b"three", Existing::Keep, true).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&target).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "no temporary file is left behind");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn a_secret_is_owner_only_and_a_replaced_file_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("modes");
        let secret = dir.join("k.secret.json");
        write_atomic(&secret, b"k", Existing::Keep, true).unwrap();
        assert_eq!(std::fs::metadata(&secret).unwrap().permissions().mode() & 0o777, 0o600);
        let record = dir.join("r.json");
        std::fs::write(&record, b"old").unwrap();
        std::fs::set_permissions(&record, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&record, b"new", Existing::Replace, false).unwrap();
        assert_eq!(std::fs::metadata(&record).unwrap().permissions().mode() & 0o777, 0o640);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn reading_stops_at_the_limit() {
        assert_eq!(read_limited(&b"abcd"[..], 4).unwrap().as_deref(), Some("abcd"));
        assert_eq!(read_limited(&b"abcde"[..], 4).unwrap(), None);
        assert_eq!(read_limited(std::io::repeat(0).take(1 << 30), 16).unwrap(), None);
    }

    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_opened() {
        assert!(open_regular(Path::new("/dev/zero")).is_err());
        assert!(open_regular(Path::new("/")).is_err());
        assert!(open_regular(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))).is_ok());
    }
}
