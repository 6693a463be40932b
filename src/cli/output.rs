//! Terminal output helpers: stdout locking, colour decisions, broken pipes.

use std::io::{self, IsTerminal, Write};

/// True when the error (or one of its causes) is a closed stdout pipe.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| io_error_kind(cause) == Some(io::ErrorKind::BrokenPipe))
}

/// The kind of the I/O error `e` is or wraps without exposing it as its source: serde_json,
/// csv (converted to an I/O error of kind `Other`) and dossier's error (transparent over
/// I/O) keep the I/O error inside, so a chain of sources never reaches it.
fn io_error_kind(e: &(dyn std::error::Error + 'static)) -> Option<io::ErrorKind> {
    if let Some(e) = e.downcast_ref::<io::Error>() {
        // An error converted into an I/O error (the csv crate's) keeps its own inside.
        return match e.get_ref() {
            Some(inner) if e.kind() == io::ErrorKind::Other => io_error_kind(inner),
            _ => Some(e.kind()),
        };
    }
    if let Some(e) = e.downcast_ref::<serde_json::Error>() {
        return e.io_error_kind();
    }
    if let Some(e) = e.downcast_ref::<csv::Error>() {
        return match e.kind() {
            csv::ErrorKind::Io(e) => Some(e.kind()),
            _ => None,
        };
    }
    match e.downcast_ref::<dossier::Error>()? {
        dossier::Error::Io { source, .. } => io_error_kind(source),
        dossier::Error::IoPlain(e) => io_error_kind(e),
        dossier::Error::Json(e) => e.io_error_kind(),
        _ => None,
    }
}

/// Whether to use bold and colour on stdout: only on a terminal, and never when
/// `NO_COLOR` is set.
pub fn color_stdout() -> bool {
    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Whether stderr is a terminal (for progress bars).
pub fn stderr_is_terminal() -> bool {
    io::stderr().is_terminal()
}

/// A buffered, locked stdout.
pub fn stdout() -> io::BufWriter<io::StdoutLock<'static>> {
    io::BufWriter::new(io::stdout().lock())
}

/// Writes one value as a JSON line.
pub fn json_line<W: Write, T: serde::Serialize>(out: &mut W, value: &T) -> anyhow::Result<()> {
    let mut line = serde_json::to_vec(value)?;
    line.push(b'\n');
    out.write_all(&line)?;
    Ok(())
}

/// Writes one value as pretty JSON.
pub fn json_pretty<W: Write, T: serde::Serialize>(out: &mut W, value: &T) -> anyhow::Result<()> {
    Ok(dossier::write_pretty(out, value)?)
}
