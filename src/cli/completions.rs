//! `dossier completions`: shell completion scripts, generated from the command line's
//! own definition so that they never fall behind it.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use super::{output, Cli};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: Shell,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    // Generated into memory first: the generator panics on a failed write, and a closed
    // pipe must stay a quiet success.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "dossier", &mut script);
    let mut out = output::stdout();
    out.write_all(&script)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
