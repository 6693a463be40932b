//! `dossier search`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use dossier::index::DossierIndex;
use dossier::search::{SearchOptions, SearchResults, Searcher};

use super::output;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The query: words (all required), "a phrase", OR, NOT/-word, field:term
    /// (title, body, person, org, gpe, norp, loc, fac, event, law, entity).
    query: String,
    /// Number of hits to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    limit: usize,
    /// Hits to skip (for paging).
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Print the results as one JSON object.
    #[arg(long)]
    json: bool,
}

pub fn run(index_dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let index = DossierIndex::open(index_dir)?;
    let searcher = Searcher::new(&index)?;
    let options = SearchOptions { limit: args.limit, offset: args.offset };
    let results = searcher.search(&args.query, &options)?;
    let mut out = output::stdout();
    if args.json {
        output::json_pretty(&mut out, &results)?;
    } else {
        print_human(&mut out, &results, output::color_stdout())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn print_human(out: &mut impl Write, r: &SearchResults, color: bool) -> anyhow::Result<()> {
    if r.hits.is_empty() {
        if r.total == 0 {
            writeln!(out, "no documents match {:?}", r.query)?;
        } else {
            writeln!(out, "{} documents match {:?}; none on this page", r.total, r.query)?;
        }
        return Ok(());
    }
    let (b, u, reset) = if color { ("\x1b[1m", "\x1b[1;33m", "\x1b[0m") } else { ("", "", "") };
    for hit in &r.hits {
        let title = hit.title.as_deref().unwrap_or(&hit.id);
        writeln!(out, "{:>3}. {b}{title}{reset}  (score {:.3})", hit.rank, hit.score)?;
        let date = hit.published.as_deref().unwrap_or("date unknown");
        writeln!(out, "     {}  |  {date}", hit.source)?;
        let mut line = String::new();
        let chars: Vec<char> = hit.snippet.chars().collect();
        let mut at = 0;
        for h in &hit.highlights {
            line.extend(&chars[at..h.start]);
            line.push_str(u);
            line.extend(&chars[h.start..h.end]);
            line.push_str(reset);
            at = h.end;
        }
        line.extend(&chars[at..]);
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        writeln!(out, "     {line}")?;
        writeln!(out)?;
    }
    let shown = r.hits.len();
    let first = r.hits.first().map_or(0, |h| h.rank);
    writeln!(
        out,
        "{} of {} matching documents (ranks {first}-{})",
        shown,
        r.total,
        first + shown - 1
    )?;
    Ok(())
}
