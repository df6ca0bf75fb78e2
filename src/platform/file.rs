//! The one bounded reader for files a user writes (session files, the config): at most one
//! byte more than the limit is read, so a huge file costs no memory, and the parser still
//! sees that it is too large.

use std::fs::File;
use std::io::{self, Read as _};
use std::path::Path;

/// The file's first `limit + 1` bytes.
///
/// # Errors
/// The I/O error; a directory is `IsADirectory`, "it is a directory, not a file".
pub fn read_bounded(path: &Path, limit: usize) -> io::Result<Vec<u8>> {
    // Asked before opening: opening a named pipe would wait for a writer, for ever.
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "it is a directory, not a file",
        ));
    }
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is not a regular file (a pipe, a socket or a device)",
        ));
    }
    let file = File::open(path)?;
    // Room for the whole file up front: one read instead of a doubling series of them.
    let expected = usize::try_from(meta.len()).unwrap_or(usize::MAX).min(limit);
    let mut bytes = Vec::with_capacity(expected.saturating_add(1));
    file.take(u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_one_byte_past_the_limit_and_refuses_a_directory() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big");
        std::fs::write(&path, vec![b'x'; 100]).unwrap();
        assert_eq!(read_bounded(&path, 10).unwrap().len(), 11);
        assert_eq!(read_bounded(&path, 1000).unwrap().len(), 100);
        let err = read_bounded(dir.path(), 10).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::IsADirectory);
        assert_eq!(err.to_string(), "it is a directory, not a file");
        let err = read_bounded(Path::new("/dev/null"), 10).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    }
}
