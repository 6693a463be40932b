//! `dossier search`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use dossier::{
    parse_date_range, parse_period, FacetCount, Filters, Index, Label, Matching, SearchOptions,
    SearchResults, Sort,
};

use super::output;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The query, as you would type it: words (documents with all of them first, then
    /// those with some), "a phrase", +word (required), -word (excluded), field:term
    /// (title, body, person, org, gpe, norp, loc, fac, event, law, entity, id, source,
    /// timex), or a boolean expression with AND, OR, NOT and parentheses. May be empty
    /// ("") or * when filters are given.
    query: String,
    /// Number of hits to show (1 to 10000).
    #[arg(long, short = 'n', default_value_t = 10, value_parser = bounded("limit", 1, SearchOptions::MAX_LIMIT))]
    limit: usize,
    /// Hits to skip, for paging (0 to 100000).
    #[arg(long, default_value_t = 0, value_parser = bounded("offset", 0, SearchOptions::MAX_OFFSET))]
    offset: usize,
    /// Only documents with every word of the query (strict AND).
    #[arg(long, conflicts_with = "any")]
    all: bool,
    /// Documents with any word of the query, by score alone (plain OR).
    #[arg(long)]
    any: bool,
    /// Print only the number of matching documents.
    #[arg(long)]
    count: bool,
    /// Only documents that mention this entity, by canonical name or any alias
    /// ("PLA" also finds "People's Liberation Army"); repeat for several.
    #[arg(long, value_name = "NAME")]
    entity: Vec<String>,
    /// Only documents with an entity of this label (with --entity: the entity must
    /// have it).
    #[arg(long, value_parser = super::label_parser(), ignore_case = true)]
    label: Option<Label>,
    /// Only documents published on or after this day (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Only documents published on or before this day (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Only documents that mention a date in this range: 2015, 2015-09, 2015-09-25,
    /// or 2015-09..2016-06.
    #[arg(long, value_name = "RANGE")]
    mentions: Option<String>,
    /// Order: relevance (BM25) or date (newest published first).
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    sort: SortArg,
    /// Also print facets over all matching documents: top entities per label, years
    /// mentioned, months published.
    #[arg(long)]
    facets: bool,
    /// Entities per label in --facets.
    #[arg(long, default_value_t = 10, value_name = "N")]
    facet_size: usize,
    /// No snippets: hits carry rank, score, id, title, source and date only (faster,
    /// for scripts).
    #[arg(long)]
    no_snippets: bool,
    /// Print the results as one JSON object.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum SortArg {
    Relevance,
    Date,
}

/// A parser of whole numbers from `min` to `max`, with an error that names the flag and
/// the range (clap reports it with exit code 2).
fn bounded(
    flag: &'static str,
    min: usize,
    max: usize,
) -> impl Fn(&str) -> Result<usize, String> + Clone + Send + Sync + 'static {
    move |s: &str| {
        let n: u128 = s.trim().parse().map_err(|_| {
            format!("{s:?} is not a whole number; give --{flag} a number from {min} to {max}")
        })?;
        if n < min as u128 || n > max as u128 {
            return Err(format!("--{flag} {s} is out of range; use a number from {min} to {max}"));
        }
        Ok(n as usize)
    }
}

fn day(flag: &str, s: &str, end: bool) -> anyhow::Result<NaiveDate> {
    let (a, b) = parse_period(s)
        .with_context(|| format!("--{flag} {s:?}: write a date as 2016-05-12, 2016-05 or 2016"))?;
    Ok(if end { b } else { a })
}

fn matching(args: &Args) -> Matching {
    match (args.all, args.any) {
        (true, _) => Matching::All,
        (_, true) => Matching::Any,
        _ => Matching::Ranked,
    }
}

pub fn run(index_dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let filters = Filters {
        entities: args.entity.clone(),
        label: args.label,
        from: args.from.as_deref().map(|s| day("from", s, false)).transpose()?,
        to: args.to.as_deref().map(|s| day("to", s, true)).transpose()?,
        mentions: args
            .mentions
            .as_deref()
            .map(parse_date_range)
            .transpose()
            .context("--mentions")?,
    };
    let index = Index::open(index_dir)?;
    let mut out = output::stdout();
    if args.count {
        let n = index.count(&args.query, &filters, matching(&args))?;
        if args.json {
            output::json_line(&mut out, &serde_json::json!({ "query": args.query, "total": n }))?;
        } else {
            writeln!(out, "{n}")?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let options = SearchOptions {
        limit: args.limit,
        offset: args.offset,
        filters,
        sort: match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Date => Sort::Date,
        },
        matching: matching(&args),
        facets: args.facets.then_some(args.facet_size),
        snippets: !args.no_snippets,
    };
    let results = index.search(&args.query, &options)?;
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
    }
    let (b, u, e, reset) =
        if color { ("\x1b[1m", "\x1b[1;33m", "\x1b[4m", "\x1b[0m") } else { ("", "", "", "") };
    for hit in &r.hits {
        let title = hit.title.as_deref().unwrap_or(&hit.id);
        writeln!(out, "{:>3}. {b}{title}{reset}  (score {:.3})", hit.rank, hit.score)?;
        let date = hit.published.as_deref().unwrap_or("date unknown");
        writeln!(out, "     id {}  |  {}  |  {date}", hit.id, hit.source)?;
        // Mark query terms in bold colour and entities underlined (terminal only).
        let chars: Vec<char> = hit.snippet.chars().collect();
        let mut marks: Vec<(usize, &str)> = Vec::new();
        for h in &hit.highlights {
            marks.push((h.start, u));
            marks.push((h.end, reset));
        }
        for en in &hit.entities {
            marks.push((en.start, e));
            marks.push((en.end, reset));
        }
        marks.sort_by_key(|m| m.0);
        let mut line = String::new();
        let mut at = 0;
        for (pos, code) in marks {
            line.extend(&chars[at..pos.max(at)]);
            line.push_str(code);
            at = pos.max(at);
        }
        line.extend(&chars[at..]);
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if !line.is_empty() {
            writeln!(out, "     {line}")?;
        }
        if !hit.entities.is_empty() {
            let mut names: Vec<String> = Vec::new();
            for x in &hit.entities {
                let name = format!("{} ({})", x.canonical, x.label);
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            writeln!(out, "     entities: {}", names.join(", "))?;
        }
        writeln!(out)?;
    }
    if let Some(first) = r.hits.first().map(|h| h.rank) {
        let last = first + r.hits.len() - 1;
        writeln!(out, "{} of {} matching documents (ranks {first}-{last})", r.hits.len(), r.total)?;
    }
    if let Some(f) = &r.facets {
        writeln!(out, "\nfacets over all {} matching documents:", r.total)?;
        for (label, counts) in &f.entities {
            let list: Vec<String> =
                counts.iter().map(|c| format!("{} ({})", c.value, c.documents)).collect();
            writeln!(out, "  {:<7} {}", label.as_str(), list.join(", "))?;
        }
        let hist = |counts: &[FacetCount]| -> String {
            counts
                .iter()
                .map(|c| format!("{} ({})", c.value, c.documents))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !f.mentioned_years.is_empty() {
            writeln!(out, "  years mentioned: {}", hist(&f.mentioned_years))?;
        }
        if !f.published_months.is_empty() {
            writeln!(out, "  published: {}", hist(&f.published_months))?;
        }
    }
    Ok(())
}
