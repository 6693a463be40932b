//! Search latency: dossier's `Searcher::search` against bare tantivy on the same index,
//! the whole `dossier search` process, and facet counting.
//!
//! Run: `cargo bench --bench search_speed -- --index DIR --queries FILE [--reps N]
//! [--bin DOSSIER --spawn-reps N] [--facets-index DIR --facets-query QUERY]`
//!
//! - In process, for each query of FILE (one a line, `#` for comments), interleaved,
//!   `--reps` times each: bare tantivy (parse with the same parser settings, then
//!   `TopDocs` top 10 + `Count`), then the same plus reading the 10 stored documents,
//!   then plus body snippets, then dossier's `Searcher::search` (limit 10: snippets,
//!   stored fields, entities inside the snippet from the stored mentions), then the same
//!   without snippets (`--no-snippets`: to compare with bare tantivy plus stored docs).
//! - With `--bin`: the `dossier search` binary spawned `--spawn-reps` times per query,
//!   output discarded (process start, index open, search, print).
//! - With `--facets-index`: `Searcher::search` with `facets: Some(10)` on that index for
//!   `--facets-query`, against the same search without facets.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dossier::index_format::{KeywordTokenizer, StemmingTokenizer, KEYWORD, STEMMED, TITLE_BOOST};
use dossier::SearchOptions;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::QueryParser;
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument};

type Error = Box<dyn std::error::Error>;

struct Args {
    index: PathBuf,
    queries: PathBuf,
    reps: usize,
    bin: Option<PathBuf>,
    spawn_reps: usize,
    facets_index: Option<PathBuf>,
    facets_query: String,
}

fn parse_args() -> Result<Args, Error> {
    let mut a = Args {
        index: PathBuf::new(),
        queries: PathBuf::new(),
        reps: 30,
        bin: None,
        spawn_reps: 5,
        facets_index: None,
        facets_query: "freedom".into(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--index" => a.index = value()?.into(),
            "--queries" => a.queries = value()?.into(),
            "--reps" => a.reps = value()?.parse()?,
            "--bin" => a.bin = Some(value()?.into()),
            "--spawn-reps" => a.spawn_reps = value()?.parse()?,
            "--facets-index" => a.facets_index = Some(value()?.into()),
            "--facets-query" => a.facets_query = value()?,
            "--bench" => {} // passed by `cargo bench`
            other => return Err(format!("unknown argument {other:?}").into()),
        }
    }
    if a.index.as_os_str().is_empty() || a.queries.as_os_str().is_empty() {
        return Err("usage: search_speed --index DIR --queries FILE [--reps N] [--bin DOSSIER \
                    --spawn-reps N] [--facets-index DIR --facets-query QUERY]"
            .into());
    }
    a.reps = a.reps.max(1);
    Ok(a)
}

fn main() {
    if let Err(e) = run() {
        eprintln!("search_speed: {e}");
        std::process::exit(2);
    }
}

/// Bare tantivy on a dossier index: the same parser settings, no dossier code but the
/// analyzers (needed to parse the same terms).
struct Bare {
    reader: IndexReader,
    parser: QueryParser,
    body: tantivy::schema::Field,
}

impl Bare {
    fn open(dir: &std::path::Path) -> Result<Bare, Error> {
        let index = Index::open_in_dir(dir)?;
        index.tokenizers().register(STEMMED, TextAnalyzer::from(StemmingTokenizer::default()));
        index.tokenizers().register(KEYWORD, TextAnalyzer::from(KeywordTokenizer::default()));
        let schema = index.schema();
        let title = schema.get_field("title")?;
        let body = schema.get_field("body")?;
        let mut parser = QueryParser::for_index(&index, vec![title, body]);
        parser.set_conjunction_by_default();
        parser.set_field_boost(title, TITLE_BOOST);
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(Bare { reader, parser, body })
    }

    /// Parse, top 10 and count; then, by `level`, read the stored documents (1) and make
    /// body snippets (2). Returns the count.
    fn run(&self, query: &str, level: u8) -> Result<usize, Error> {
        let q = self.parser.parse_query(query)?;
        let searcher = self.reader.searcher();
        let (top, count) =
            searcher.search(&q, &(TopDocs::with_limit(10).order_by_score(), Count))?;
        if level >= 1 {
            let mut snippets = if level >= 2 {
                let mut g = SnippetGenerator::create(&searcher, &*q, self.body)?;
                g.set_max_num_chars(220);
                Some(g)
            } else {
                None
            };
            for (_, addr) in top {
                let doc: TantivyDocument = searcher.doc(addr)?;
                if let Some(g) = snippets.as_mut() {
                    std::hint::black_box(g.snippet_from_doc(&doc));
                }
                std::hint::black_box(doc);
            }
        }
        Ok(count)
    }
}

fn time<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let t = Instant::now();
    let out = f();
    (t.elapsed(), out)
}

/// The `p`-th percentile (nearest rank) of `samples`, sorted in place.
fn pct(samples: &mut [Duration], p: f64) -> Duration {
    if samples.is_empty() {
        return Duration::ZERO;
    }
    samples.sort_unstable();
    let rank = ((p / 100.0) * samples.len() as f64).ceil().max(1.0) as usize;
    samples[rank.min(samples.len()) - 1]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn run() -> Result<(), Error> {
    let args = parse_args()?;
    let queries: Vec<String> = std::fs::read_to_string(&args.queries)
        .map_err(|e| format!("cannot read {}: {e}", args.queries.display()))?
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect();

    let searcher = dossier::Index::open(&args.index)?.searcher()?;
    let bare = Bare::open(&args.index)?;
    let options = SearchOptions::default();
    let no_snippets = SearchOptions { snippets: false, ..SearchOptions::default() };
    println!(
        "index: {} documents; {} queries, {} repetitions each, in process",
        searcher.num_docs(),
        queries.len(),
        args.reps
    );

    // Warm up (page cache, lazily built extractors) and check that both agree.
    let mut totals = Vec::new();
    for q in &queries {
        let d = searcher.search(q, &options)?.total;
        let b = bare.run(q, 2)?;
        if d != b {
            println!("warning: {q:?}: dossier finds {d} documents, bare tantivy {b}");
        }
        totals.push(d);
    }

    // samples[query][variant]: bare, +docs, +snippets, dossier, dossier without snippets
    let mut samples: Vec<Vec<Vec<Duration>>> = vec![vec![Vec::new(); 5]; queries.len()];
    for _ in 0..args.reps {
        for (i, q) in queries.iter().enumerate() {
            for level in 0..3u8 {
                let (d, r) = time(|| bare.run(q, level));
                r?;
                samples[i][level as usize].push(d);
            }
            let (d, r) = time(|| searcher.search(q, &options));
            r?;
            samples[i][3].push(d);
            let (d, r) = time(|| searcher.search(q, &no_snippets));
            r?;
            samples[i][4].push(d);
        }
    }

    println!();
    println!(
        "{:<40} {:>6} {:>9} {:>9} {:>9} {:>9} {:>9} {:>6}",
        "query (p50 in ms)", "hits", "bare", "+docs", "+snippet", "dossier", "d. p95", "ratio"
    );
    let mut all: Vec<Vec<Duration>> = vec![Vec::new(); 5];
    for (i, q) in queries.iter().enumerate() {
        let mut p = [0.0; 5];
        for v in 0..5 {
            all[v].extend_from_slice(&samples[i][v]);
            p[v] = ms(pct(&mut samples[i][v], 50.0));
        }
        let p95 = ms(pct(&mut samples[i][3], 95.0));
        let shown: String = if q.chars().count() > 40 {
            q.chars().take(39).chain(['…']).collect()
        } else {
            q.clone()
        };
        println!(
            "{shown:<40} {:>6} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>5.1}x",
            totals[i],
            p[0],
            p[1],
            p[2],
            p[3],
            p95,
            p[3] / p[0]
        );
    }
    let names = [
        "bare tantivy (TopDocs+Count)",
        "+ stored docs",
        "+ snippets",
        "dossier search",
        "dossier search, no snippets",
    ];
    let p50_bare = ms(pct(&mut all[0], 50.0));
    println!();
    println!("{:<40} {:>9} {:>9} {:>12}", "all queries", "p50 ms", "p95 ms", "p50 / bare");
    for (v, name) in names.iter().enumerate() {
        let p50 = ms(pct(&mut all[v], 50.0));
        let p95 = ms(pct(&mut all[v], 95.0));
        println!("{name:<40} {p50:>9.3} {p95:>9.3} {:>11.2}x", p50 / p50_bare);
    }

    if let Some(bin) = &args.bin {
        let mut spawned = Vec::new();
        for round in 0..=args.spawn_reps {
            for q in &queries {
                let (d, status) = time(|| {
                    Command::new(bin)
                        .arg("--index")
                        .arg(&args.index)
                        .args(["search", "--", q])
                        .stdout(Stdio::null())
                        .stderr(Stdio::null())
                        .status()
                });
                if !status?.success() {
                    return Err(format!("`dossier search {q:?}` failed").into());
                }
                if round > 0 {
                    spawned.push(d); // round 0 warms the page cache
                }
            }
        }
        println!();
        println!(
            "{:<40} {:>9.3} {:>9.3}   ({} runs of the binary)",
            "dossier search, whole process",
            ms(pct(&mut spawned, 50.0)),
            ms(pct(&mut spawned, 95.0)),
            spawned.len()
        );
    }

    if let Some(dir) = &args.facets_index {
        let searcher = dossier::Index::open(dir)?.searcher()?;
        let q = &args.facets_query;
        let with = SearchOptions { facets: Some(10), ..SearchOptions::default() };
        let total = searcher.search(q, &with)?.total; // warm-up
        let (mut plain, mut faceted) = (Vec::new(), Vec::new());
        // At most 10 rounds, and no more than about 30 s of them.
        let started = Instant::now();
        for round in 0..args.reps.min(10) {
            if round >= 3 && started.elapsed() > Duration::from_secs(30) {
                break;
            }
            let (d, r) = time(|| searcher.search(q, &options));
            r?;
            plain.push(d);
            let (d, r) = time(|| searcher.search(q, &with));
            r?;
            faceted.push(d);
        }
        println!();
        println!(
            "facets on {} documents, query {q:?} matching {total} ({:.0}%):",
            searcher.num_docs(),
            100.0 * total as f64 / searcher.num_docs().max(1) as f64
        );
        println!(
            "{:<40} {:>9.3} {:>9.3}",
            "search without facets",
            ms(pct(&mut plain, 50.0)),
            ms(pct(&mut plain, 95.0))
        );
        println!(
            "{:<40} {:>9.3} {:>9.3}",
            "search with --facets (10 per label)",
            ms(pct(&mut faceted, 50.0)),
            ms(pct(&mut faceted, 95.0))
        );
        println!("({} runs each)", faceted.len());
    }
    Ok(())
}
