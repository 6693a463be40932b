//! Sources as the index stores them: which file a document came from, whether two
//! sources are the same file, and whether a file lies under the paths of an ingest.

use std::path::{Path, PathBuf};

use super::Format;

/// The file of a stored source: the source itself, or for a JSON Lines document
/// (`notes.jsonl:12`) the path without its line number.
pub fn source_file(source: &str) -> &Path {
    if let Some((file, line)) = source.rsplit_once(':') {
        let is_line = !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit());
        if is_line && Format::of(Path::new(file)) == Some(Format::JsonLines) {
            return Path::new(file);
        }
    }
    Path::new(source)
}

/// The path made absolute against the current folder, without touching the file
/// system (`.` components dropped), or the path itself when that fails.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Whether two paths name the same file: the same absolute path, or, when both exist,
/// the same file once links are resolved (`corpus/a.txt`, `./corpus/a.txt` and a link to
/// it are one file).
pub fn same_file(a: &Path, b: &Path) -> bool {
    if a == b || absolute(a) == absolute(b) {
        return true;
    }
    matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

/// Whether `file` is one of `roots` or lies inside one of them (compared as absolute
/// paths, and as resolved paths when the root exists).
pub fn is_under(file: &Path, roots: &[PathBuf]) -> bool {
    let file = absolute(file);
    roots.iter().any(|root| {
        file.starts_with(absolute(root))
            || root.canonicalize().is_ok_and(|r| {
                file.starts_with(&r)
                    || file.parent().and_then(|p| p.canonicalize().ok()).is_some_and(|p| {
                        p.join(file.file_name().unwrap_or_default()).starts_with(&r)
                    })
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_sources_name_their_file() {
        assert_eq!(source_file("a/notes.jsonl:12"), Path::new("a/notes.jsonl"));
        assert_eq!(source_file("a/b.txt"), Path::new("a/b.txt"));
        assert_eq!(source_file("a/b:12.txt"), Path::new("a/b:12.txt"));
        assert_eq!(source_file("a/odd.txt:12"), Path::new("a/odd.txt:12"));
        assert_eq!(source_file("notes.jsonl:"), Path::new("notes.jsonl:"));
    }

    #[test]
    fn paths_spelled_differently_are_the_same_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        std::fs::write(&a, "x").unwrap();
        let dotted = dir.path().join(".").join("a.txt");
        assert!(same_file(&a, &dotted));
        assert!(!same_file(&a, &dir.path().join("b.txt")));
        assert!(is_under(&a, &[dir.path().to_path_buf()]));
        assert!(is_under(&a, std::slice::from_ref(&a)));
        assert!(!is_under(&a, &[dir.path().join("sub")]));
        // A file that is gone is still under its folder.
        assert!(is_under(&dir.path().join("gone.txt"), &[dir.path().to_path_buf()]));
    }
}
