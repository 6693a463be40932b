//! Terminal output helpers: stdout locking, colour decisions, broken pipes.

use std::io::{self, IsTerminal, Write};

/// True when the error (or its cause) is a closed stdout pipe.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
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
    let mut text = serde_json::to_vec_pretty(value)?;
    text.push(b'\n');
    out.write_all(&text)?;
    Ok(())
}
