//! `dossier serve`: the local web app.

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use dossier::Index;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address and port to listen on. Another address than the loopback one makes the
    /// app reachable from the network, without any authentication. Port 0 picks a free
    /// port.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR:PORT")]
    bind: SocketAddr,
    /// Write the address listened on (`127.0.0.1:PORT`) to this file once the server is
    /// ready (for scripts that start it with port 0).
    #[arg(long, value_name = "FILE")]
    port_file: Option<PathBuf>,
}

pub fn run(index_dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let server = Index::open(index_dir)?.serve(args.bind)?;
    let addr = server.local_addr()?;
    if !addr.ip().is_loopback() {
        eprintln!(
            "dossier: warning: listening on {addr}, reachable from other computers; \
             the app has no authentication: anyone who can reach it can read the whole index"
        );
    }
    if let Some(file) = &args.port_file {
        dossier::write_atomic(file, format!("{addr}\n").as_bytes())
            .with_context(|| format!("cannot write {}", file.display()))?;
    }
    let mut out = std::io::stdout();
    writeln!(out, "dossier: serving {} at http://{addr}/ (Ctrl-C stops)", index_dir.display())?;
    out.flush()?;
    server.run()?;
    Ok(ExitCode::SUCCESS)
}
