//! `dossier show`: one document with its entities and dates marked.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use dossier::Index;

use super::output;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The document id (as shown by `search`).
    id: String,
    /// Print the full record and the text as one JSON object.
    #[arg(long)]
    json: bool,
}

pub fn run(index_dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let index = Index::open(index_dir)?;
    let Some((record, text)) = index.document(&args.id)? else {
        anyhow::bail!(
            "no document with id {:?} in {}; `dossier search` shows the ids",
            args.id,
            index_dir.display()
        );
    };
    let mut out = output::stdout();
    if args.json {
        output::json_pretty(&mut out, &dossier::document_value(&record, &text)?)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let color = output::color_stdout();
    let title = record.title.as_deref().unwrap_or(&record.id);
    writeln!(out, "{title}")?;
    writeln!(
        out,
        "id {}  |  {}  |  published {}",
        record.id,
        record.source,
        record.published.as_deref().unwrap_or("unknown")
    )?;
    writeln!(out)?;
    // Marks: entities as [text]LABEL, dates as {text}VALUE; coloured on a terminal.
    let mut marks: Vec<(usize, usize, String)> = Vec::new();
    for e in &record.entities {
        marks.push((e.start, e.end, e.label.as_str().to_string()));
    }
    for d in &record.dates {
        marks.push((d.start, d.end, format!("{}={}", d.kind, d.value)));
    }
    marks.sort_by_key(|m| (m.0, std::cmp::Reverse(m.1)));
    let chars: Vec<char> = text.chars().collect();
    let mut at = 0;
    let mut body = String::new();
    for (start, end, tag) in marks {
        if start < at || end > chars.len() {
            continue;
        }
        body.extend(&chars[at..start]);
        let span: String = chars[start..end].iter().collect();
        if color {
            body.push_str(&format!("\x1b[1;36m{span}\x1b[0;2m[{tag}]\x1b[0m"));
        } else {
            body.push_str(&format!("[{span}]{{{tag}}}"));
        }
        at = end;
    }
    body.extend(&chars[at..]);
    writeln!(out, "{body}")?;
    writeln!(out)?;
    writeln!(
        out,
        "{} entities, {} dates; dct {} ({:?})",
        record.entities.len(),
        record.dates.len(),
        record.dct.value.as_deref().unwrap_or("none"),
        record.dct.source
    )?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
